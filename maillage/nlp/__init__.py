"""French extraction of actors, territories, programmes and links from documents.

``Extractor().extract(text, document)`` repairs the text (:mod:`maillage.nlp.repair`), splits
it into paragraph chunks, runs the spaCy pipeline (:mod:`maillage.nlp.pipeline`) over them,
resolves the actors of all chunks into the document's actors (:mod:`maillage.nlp.resolve`),
and returns a :class:`~maillage.graph.model.Batch` whose evidence spans are positions in the
ORIGINAL text. ``extract_many`` does the same over many documents with one ``nlp.pipe``.

Links come from ``maillage.nlp.links.extract_links(doc) -> list[Link]``: a link's source and
target are actor keys of ``doc._.actors`` (or territory / programme ids), its evidence spans
are character positions in ``doc.text``; they are mapped here to the document's ids and to
the original text.
"""
from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from maillage.graph.model import (Actor, Batch, Document, Evidence, Link, Programme, Territory, programme_id,
                                  territory_id)
from maillage.nlp.lexicon import COUNTRIES, REGIONS, fold
from maillage.nlp.places import official_place
from maillage.nlp.repair import Repaired, repair
from maillage.nlp.resolve import cluster

__all__ = ["Extractor", "chunk_spans"]

CHUNK_CHARS = 10000
#: Characters of the previous chunk parsed again before a chunk, as context only: the anaphor
#: "le Pays" or the header "Président : X" at the start of a chunk finds the body named just
#: before; facts stated in this context belong to the previous chunk and are not taken twice.
CONTEXT_CHARS = 1000
BATCH_SIZE = 32


def chunk_spans(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into spans of about ``size`` characters at paragraph breaks (at a line or a space otherwise)."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        spans.append((start, end))
        start = end
    return spans


def with_context(text: str, start: int, size: int = CONTEXT_CHARS) -> int:
    """Where the context of the chunk starting at ``start`` begins: ``size`` characters back, at a line start."""
    if start == 0:
        return 0
    line = text.find("\n", max(0, start - size), start)
    return line + 1 if line >= 0 else start


def _territory(name: str) -> Territory:
    """The place a document names: an official region or département (:mod:`maillage.nlp.places`)
    with its level and code, a foreign country, or a place of level ``autre``."""
    official = official_place(name)
    if official is not None:
        return Territory(territory_id(name), name, official[0], official[1])
    folded = fold(name)
    if folded in REGIONS:
        return Territory(territory_id(name), name, "region")
    return Territory(territory_id(name), name, "pays_etranger" if folded in COUNTRIES else "autre")


def _link_extractor():
    """H4b's ``extract_links`` when it exists, else None."""
    try:
        from maillage.nlp.links import extract_links
    except ImportError:
        return None
    return extract_links


class _DocumentFacts:
    """The facts of one document gathered chunk by chunk, then resolved."""

    def __init__(self, text: str, document: Document, repaired: Repaired) -> None:
        self.text = text
        self.document = document
        self.repaired = repaired
        self.facts: list[Actor] = []
        self.territories: dict[str, Territory] = {}
        self.programmes: dict[str, Programme] = {}
        self.links: list[Link] = []

    def add(self, index: int, offset: int, owned: int, doc: Doc, extract_links) -> None:
        """Add the facts of chunk ``index``, parsed from ``offset`` of the repaired text; links whose
        evidence ends before character ``owned`` of the chunk were read in its context (the previous
        chunk's text) and are left to the previous chunk."""
        prefix = f"{index}:"
        for key, actor in doc._.actors.items():
            self.facts.append(replace(actor, id=prefix + key))
        for span in doc.spans.get("territories", []):
            self.territories.setdefault(territory_id(span.text), _territory(span.text))
        for span in doc.spans.get("programmes", []):
            self.programmes.setdefault(programme_id(span.text), Programme(programme_id(span.text), span.text))
        if extract_links is None:
            return
        for link in extract_links(doc):
            if link.evidence[0].end <= owned:
                continue
            self.links.append(replace(
                link, source=prefix + link.source,
                target=prefix + link.target if link.target_type == "actor" else link.target,
                evidence=[self._evidence(e, offset) for e in link.evidence]))

    def _evidence(self, evidence: Evidence, offset: int) -> Evidence:
        start, end = self.repaired.original_span(evidence.start + offset, evidence.end + offset)
        return replace(evidence, document=self.document.id, start=start, end=end,
                       sentence=self.text[start:end] or evidence.sentence)

    def batch(self) -> Batch:
        """Resolve the actors of all chunks and return the document's batch."""
        actors, mapping = cluster(self.facts)
        links: dict[tuple[str, str, str], Link] = {}
        for link in self.links:
            source = mapping.get(link.source)
            target = mapping.get(link.target, link.target) if link.target_type == "actor" else link.target
            if source is None or source == target or (link.target_type == "actor" and target not in mapping.values()):
                continue
            key = (source, link.kind, target)
            if key in links:
                links[key].evidence.extend(link.evidence)
            else:
                links[key] = replace(link, source=source, target=target, evidence=list(link.evidence))
        return Batch(self.document, actors=actors, territories=list(self.territories.values()),
                     programmes=list(self.programmes.values()), links=list(links.values())).validate()


class Extractor:
    """Extracts a document's actors, territories, programmes and links (see the module docstring)."""

    def __init__(self, nlp: Language | None = None) -> None:
        if nlp is None:
            from maillage.nlp.pipeline import shared_pipeline
            nlp = shared_pipeline()
        self.nlp = nlp
        self.extract_links = _link_extractor()

    def extract(self, text: str, document: Document) -> Batch:
        """The facts of one document (``text`` as loaded, before repair)."""
        return next(self.extract_many([(text, document)]))

    def extract_many(self, items: Iterable[tuple[str, Document]]) -> Iterator[Batch]:
        """The facts of each document, in order; chunks of all documents go through one ``nlp.pipe``."""
        pending: dict[int, _DocumentFacts] = {}

        def chunks():
            for number, (text, document) in enumerate(items):
                repaired = repair(text)
                pending[number] = _DocumentFacts(text, document, repaired)
                spans = chunk_spans(repaired.text) or [(0, 0)]
                for index, (start, end) in enumerate(spans):
                    context = with_context(repaired.text, start)
                    yield repaired.text[context:end], (number, index, context, start - context)

        docs = self.nlp.pipe(chunks(), as_tuples=True, batch_size=BATCH_SIZE)
        for number, group in itertools.groupby(docs, key=lambda pair: pair[1][0]):
            for doc, (_, index, offset, owned) in group:
                pending[number].add(index, offset, owned, doc, self.extract_links)
            yield pending.pop(number).batch()
