"""Each official file is a source of its own: one document, written in one batch.

The document id is the SHA-256 of the file's bytes and of the territory filter: importing the
same file for the same territory again writes nothing. The document's title starts with the
dataset and the filter (:func:`source_key`); a file of the same dataset and filter with other
bytes (a newer vintage) replaces that document, and only it, in the same transaction.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from maillage.graph.model import Actor, Batch, Document, Evidence, Link, Territory
from maillage.graph.stores.base import GraphStore
from maillage.ingest.csv_import import RowError
from maillage.graph.curation import now_iso

SOURCE = "reference"

#: The published datasets, as named in French to the user.
DATASETS = {
    "cog-region": "COG régions",
    "cog-departement": "COG départements",
    "cog-commune": "COG communes",
    "epci": "Intercommunalités (EPCI)",
    "coordonnees": "Coordonnées des communes",
    "rne": "Répertoire national des élus",
    "sirene": "SIRENE établissements",
}


def source_key(dataset: str, filter_key: str, variant: str = "") -> str:
    """What a newer vintage of a file must share to replace it: dataset (and variant, such as the RNE's
    mandate) and territory filter."""
    return f"{DATASETS[dataset]}{f' – {variant}' if variant else ''} [{filter_key or 'France'}]"


def source_id(sha256: str, filter_key: str) -> str:
    return hashlib.sha256(f"{sha256}\x00{filter_key}".encode()).hexdigest()


@dataclass
class SourceBatch:
    """What one official file states, as it is gathered before being written."""

    dataset: str
    path: Path
    filter_key: str = ""
    variant: str = ""
    actors: dict[str, Actor] = field(default_factory=dict)
    territories: dict[str, Territory] = field(default_factory=dict)
    links: dict[tuple[str, str, str], Link] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    read: int = 0

    def actor(self, actor: Actor) -> Actor:
        """Add an actor (the first statement of an id is kept) and return the one kept."""
        return self.actors.setdefault(actor.id, actor)

    def territory(self, territory: Territory) -> None:
        self.territories[territory.id] = territory

    def link(self, source: str, kind: str, target: str, sentence: str, target_type: str = "actor") -> None:
        """A link with the file's evidence (method ``import``): the sentence says which record states it."""
        if (source, kind, target) not in self.links:
            self.links[(source, kind, target)] = Link(source, kind, target, [Evidence("", sentence)], target_type)

    def reject(self, line: int, reason: str) -> None:
        self.errors.append(RowError(str(self.path), line, reason))

    def batch(self, sha256: str) -> Batch:
        """The batch to write: its document carries the source key and the id of the file's bytes."""
        document = Document(id=source_id(sha256, self.filter_key), path=str(self.path.resolve()),
                            title=f"{source_key(self.dataset, self.filter_key, self.variant)} : {self.path.name}",
                            ingested_at=now_iso(), source=SOURCE)
        links = [Link(l.source, l.kind, l.target, [Evidence(document.id, e.sentence) for e in l.evidence],
                      l.target_type) for l in self.links.values()]
        return Batch(document, list(self.actors.values()), list(self.territories.values()), [], links).validate()


def write_source(store: GraphStore, batch: Batch) -> str:
    """Write one source; returns ``"present"`` (same file already stored), ``"replaced"`` or ``"new"``."""
    stored = store.documents()
    if any(d.id == batch.document.id for d in stored):
        return "present"
    key = batch.document.title.rsplit(" : ", 1)[0]
    previous = [d.id for d in stored if d.source == SOURCE and d.title.rsplit(" : ", 1)[0] == key]
    store.write(batch, replaces=previous[-1] if previous else None)
    return "replaced" if previous else "new"
