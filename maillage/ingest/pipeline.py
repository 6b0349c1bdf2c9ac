"""The ingest pipeline: files and folders in, one transaction per document into a graph store.

Definitions:
- A **document** is one supported file (see :mod:`maillage.ingest.loaders`);
  its id is the SHA-256 of its bytes (:func:`maillage.graph.model.content_id`)
  and its stored path is the absolute path of the file.
- A document whose id is already stored is **skipped** ("déjà présent"),
  before anything is parsed: a run over stored files loads no NLP model.
- A file whose path is stored under another id has **changed**: its new facts
  are written and the old document's facts removed in the same transaction
  (``store.write(batch, replaces=old_id)``), nothing else is touched.
- Each document is extracted, resolved against the graph already known and
  written in **one transaction**: a run interrupted at any point leaves the
  database as it was before the document being processed, and running the
  same command again completes the work (stored documents are skipped).
- **Cross-document resolution** maps the actors of a new document onto the
  actors already stored (:func:`maillage.nlp.resolve.resolve_against`). The
  stored graph is read once per run and kept up to date in memory as
  documents are written (:func:`absorb`).
- A file that cannot be read or parsed, or whose extraction fails, is
  reported with one French line and the run goes on with the other files.
- Parsing may run in N worker processes while this process resolves and
  writes, in file order (:mod:`maillage.ingest.parsing`); SIGINT and SIGTERM
  stop the run after the document being written (:mod:`maillage.ingest.interrupts`).

Curation decisions are applied at read time (:mod:`maillage.graph.kb`), so
nothing needs doing after an ingest for them.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tqdm import tqdm

from maillage.errors import InputError, MaillageError
from maillage.graph.facts import add_link, merge_actor_facts
from maillage.graph.model import Batch, Document, Graph, content_id
from maillage.graph.stores.base import GraphStore
from maillage.ingest.authority import stated_actors
from maillage.ingest.interrupts import StopSignals
from maillage.ingest.loaders import LINK_LOOP, SUFFIXES, read_bytes
from maillage.ingest.parsing import Extractor, Parsed, parsed_files
from maillage.nlp.resolve import StatedActors, resolve_against
from maillage.reasons import os_reason

ALREADY_STORED = "déjà présent"
UNSUPPORTED = "format non pris en charge"


@dataclass
class IngestReport:
    """What an ingest run did: the paths written, skipped and failed, and the facts added or updated."""

    written: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # the written paths that replaced an older version
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    errors: list[str] = field(default_factory=list)  # one French line each, naming the file
    warnings: list[str] = field(default_factory=list)
    words: int = 0
    actors_added: int = 0
    actors_updated: int = 0
    links_added: int = 0
    links_updated: int = 0
    interrupted: int | None = None  # the signal that stopped the run, if any

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """The French summary shown at the end of ``maillage ingest`` (errors are listed apart)."""
        lines = [
            f"Documents lus et enregistrés : {len(self.written)} (dont {len(self.replaced)} remplacé(s) "
            f"par une nouvelle version), {self.words} mots.",
            f"Documents ignorés : {len(self.skipped)} ; en erreur : {len(self.errors)}.",
            f"Acteurs : {self.actors_added} ajouté(s), {self.actors_updated} mis à jour. "
            f"Liens : {self.links_added} ajouté(s), {self.links_updated} mis à jour.",
        ]
        lines += [f"  ignoré : {path} : {reason}" for path, reason in self.skipped]
        lines += [f"  attention : {warning}" for warning in self.warnings]
        return "\n".join(lines)


def document_files(paths: Iterable[str | Path], report: IngestReport) -> list[Path]:
    """The supported files under ``paths``, in a deterministic order, each once.

    A folder is walked recursively in sorted order, skipping hidden entries;
    files of other formats found in folders are reported as skipped, while a
    file named explicitly must exist and be supported (else an error). An
    unreadable folder is an error; the rest of the walk goes on. A symbolic
    link is read through its target; a link in a loop or to a missing target
    is an error naming it, and a link to a folder met in a walk is not followed
    (reported as skipped), so no walk can loop.
    """
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _walk(path, report)
        elif path.suffix.lower() in SUFFIXES or not path.exists():
            files = [path]  # a missing file is reported by _link_target
        else:
            report.errors.append(f"{path} : {UNSUPPORTED} ({path.suffix or 'sans extension'})")
            continue
        for file in files:
            target = _link_target(file, report)
            if target is not None:
                found.setdefault(target, None)
    return list(found)


def _link_target(path: Path, report: IngestReport) -> Path | None:
    """The real path of a file, or None with a French error for a link loop, a broken link or a missing file."""
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a symbolic link loop this way
        problem = LINK_LOOP
    except FileNotFoundError:
        problem = (f"lien symbolique cassé (cible introuvable : {os.readlink(path)})" if path.is_symlink()
                   else "fichier ou dossier introuvable")
    except OSError as exc:
        problem = LINK_LOOP if exc.errno == errno.ELOOP else f"fichier illisible ({os_reason(exc)})"
    report.errors.append(f"{path} : {problem}")
    return None


def _walk(folder: Path, report: IngestReport) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        reason = "permission refusée" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        report.errors.append(f"{exc.filename} : dossier illisible ({reason})")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            report.skipped.append((os.path.join(root, name), "lien symbolique vers un dossier, non suivi"))
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = Path(root) / name
            if file.suffix.lower() in SUFFIXES:
                yield file
            else:
                report.skipped.append((str(file), UNSUPPORTED))


def absorb(graph: Graph, batch: Batch) -> tuple[int, int, int, int]:
    """Fold a written batch into the in-memory graph; return actors added, updated, links added, updated.

    An actor or link is *updated* when it was already in the graph (the
    document adds names, kinds or evidence to it). Actor facts are merged
    with :func:`maillage.graph.facts.merge_actor_facts` two at a time, an
    approximation of the stored fold that is good enough for resolution.
    """
    actors_added = actors_updated = links_added = links_updated = 0
    graph.documents[batch.document.id] = batch.document
    for actor in batch.actors:
        known = graph.actors.get(actor.id)
        if known is None:
            graph.actors[actor.id] = actor
            actors_added += 1
        else:
            graph.actors[actor.id] = merge_actor_facts([known, actor])
            actors_updated += 1
    for territory in batch.territories:
        graph.territories.setdefault(territory.id, territory)
    for programme in batch.programmes:
        graph.programmes.setdefault(programme.id, programme)
    for link in batch.links:
        if add_link(graph, link):
            links_added += 1
        else:
            links_updated += 1
    return actors_added, actors_updated, links_added, links_updated


class _Run:
    """One ingest run over a store: the stored documents and the graph, read once, kept current."""

    def __init__(self, store: GraphStore, extractor: Extractor, report: IngestReport) -> None:
        self.store = store
        self.extractor = extractor
        self.report = report
        self.by_id = {d.id: d for d in store.documents()}
        self.by_path = {d.path: d for d in self.by_id.values()}
        self._graph: Graph | None = None
        self._stated: StatedActors | None = None

    @property
    def graph(self) -> Graph:
        """The stored graph, read on first need only (a run that skips everything reads nothing)."""
        if self._graph is None:
            self._graph = self.store.read()
        return self._graph

    @property
    def stated(self) -> StatedActors:
        """The imported and curated actors, which documents never override (read on first need)."""
        if self._stated is None:
            self._stated = stated_actors(self.store, self.graph)
        return self._stated

    def triage(self, files: list[Path]) -> list[Path]:
        """The files to parse; those stored already are reported skipped now, before any model loads.

        An unreadable file is left to the parser, which reports it in file order with the others' errors.
        """
        to_parse = []
        for path in files:
            try:
                doc_id = content_id(read_bytes(path))
            except MaillageError:
                doc_id = None
            if doc_id in self.by_id:
                self._skip_stored(path, doc_id, self.by_path.get(str(path)))
            else:
                to_parse.append(path)
        return to_parse

    def store_parsed(self, parsed: Parsed) -> None:
        """Resolve and write one parsed file, recording in the report what happened to it."""
        self.report.warnings += parsed.warnings
        if parsed.batch is None:
            self.report.errors.append(parsed.error)
            return
        path, batch = parsed.path, parsed.batch
        previous = self.by_path.get(str(path))
        if batch.document.id in self.by_id:  # the same content under two paths of this run
            self._skip_stored(path, batch.document.id, previous)
            return
        replaces = previous.id if previous is not None else None
        batch = resolve_against(batch, self.graph, self.stated)
        self.store.write(batch, replaces=replaces)
        self._record(path, batch, previous)

    def _skip_stored(self, path: Path, doc_id: str, previous: Document | None) -> None:
        """A content already stored: skip it; if this path held another version, that version goes."""
        stored = self.by_id[doc_id]
        reason = ALREADY_STORED if stored.path == str(path) else f"{ALREADY_STORED} (même contenu que {stored.path})"
        if previous is not None and previous.id != doc_id:
            self.store.remove_document(previous.id)
            del self.by_id[previous.id]
            del self.by_path[str(path)]
            reason += " ; ancienne version de ce fichier retirée"
        self.report.skipped.append((str(path), reason))

    def _record(self, path: Path, batch: Batch, previous: Document | None) -> None:
        counts = absorb(self.graph, batch)
        report = self.report
        report.actors_added += counts[0]
        report.actors_updated += counts[1]
        report.links_added += counts[2]
        report.links_updated += counts[3]
        report.words += batch.document.words
        report.written.append(str(path))
        if previous is not None:
            report.replaced.append(str(path))
            del self.by_id[previous.id]
        self.by_id[batch.document.id] = batch.document
        self.by_path[str(path)] = batch.document


def ingest(paths: Iterable[str | Path], store: GraphStore, extractor: Extractor,
           progress: bool = True, processes: int = 1) -> IngestReport:
    """Ingest files and folders into ``store``, one transaction per document; see the module docstring.

    ``progress`` shows a progress bar on stderr when it is a terminal and the run lasts. ``processes``
    parser processes are used (:func:`maillage.ingest.parsing.parsed_files`). SIGINT and SIGTERM stop
    the run after the document being written (:attr:`IngestReport.interrupted`).
    """
    report = IngestReport()
    files = document_files(paths, report)
    run = _Run(store, extractor, report)
    with StopSignals() as signals:
        to_parse = run.triage(files)
        parsed = parsed_files(to_parse, extractor, processes)
        bar = tqdm(total=len(to_parse), desc="Ingestion", unit="doc", disable=None if progress else True,
                   delay=1.0, leave=False)
        try:
            for item in parsed:
                bar.set_postfix_str(item.path.name, refresh=False)
                run.store_parsed(item)
                bar.update()
                if signals.received:
                    report.interrupted = signals.received
                    break
        finally:
            parsed.close()
            bar.close()
    return report


def find_document(documents: Iterable[Document], reference: str) -> Document:
    """The stored document a user names by id, unambiguous id prefix or path."""
    documents = list(documents)
    for document in documents:
        if reference in (document.id, document.path) or document.path == str(Path(reference).resolve()):
            return document
    matches = [d for d in documents if reference and d.id.startswith(reference.lower())]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"{reference} : préfixe ambigu ({len(matches)} documents) ; donnez plus de caractères")
    raise InputError(f"{reference} : aucun document enregistré avec cet identifiant ou ce chemin")
