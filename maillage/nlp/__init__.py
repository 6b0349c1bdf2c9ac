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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Iterator

from maillage.graph.model import (Actor, Batch, Document, Evidence, Link, Programme, Territory, programme_id,
                                  territory_id)
from maillage.nlp.definitions import DEFINED
from maillage.nlp.lexicon import COUNTRIES, REGIONS, fold
from maillage.nlp.places import official_place
from maillage.nlp.repair import repair
from maillage.nlp.resolve import cluster
from maillage.nlp.titles import TITLE_CHARS, title_lines

if TYPE_CHECKING:  # the process that writes never imports spaCy: only parsers need it
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Chunk", "ChunkFacts", "DocumentChunks", "Extractor", "chunk_spans", "read_chunk"]

CHUNK_CHARS = 10000
#: Characters of the previous chunk parsed again before a chunk, as context only: the anaphor
#: "le Pays" or the header "Président : X" at the start of a chunk finds the body named just
#: before; facts stated in this context belong to the previous chunk and are not taken twice.
CONTEXT_CHARS = 1000
#: What joins the document's title block to a later chunk's text (a paragraph break: no sentence spans it).
TITLE_JOIN = "\n\n"
#: Suffixes of web pages: their <title> ("Nos partenaires – Les Ateliers X") names the page and its site.
WEB_PAGES = (".html", ".htm")


def page_title(text: str, document: Document) -> str:
    """The title of a web page that its text does not open with ("" for any other document): the site's
    name is often in the title only, before the text says "nous"."""
    title = (document.title or "").strip()
    if not title or not document.path.lower().endswith(WEB_PAGES) or "\n" in title or len(title) > TITLE_CHARS:
        return ""  # (longer than a title line may be: a list of keywords, not the site's name)
    return "" if title in title_lines(text) or text.lstrip().startswith(title) else title


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


@dataclass
class Chunk:
    """One chunk of a document to parse: its text (title block and context included) and where it sits in
    the repaired text. A chunk after the first starts with the document's title block, then
    :data:`TITLE_JOIN`, then the previous chunk's context: the body the title names is the subject of
    every chunk (:mod:`maillage.nlp.links.subject`). A web page's title that its text does not open with
    (:func:`page_title`) comes first in every chunk, as a title line of its own."""

    text: str
    index: int
    offset: int  # where the text after the title block starts in the repaired text
    owned: int  # characters of ``text`` that are not this chunk's: the title block and the previous chunk's context
    titled: int = 0  # characters of ``text`` that are the document's title block and TITLE_JOIN


@dataclass
class ChunkFacts:
    """What the model reads in one parsed chunk, in picklable form (a parser process returns it):
    the actors by their chunk key, the territory and programme names, and the links, with evidence
    spans as positions in the chunk's text."""

    actors: list[tuple[str, Actor]]
    territories: list[str]
    programmes: list[str]
    links: list[Link]


def read_chunk(doc: Doc, extract_links) -> ChunkFacts:
    """The facts of one parsed chunk (its links read by ``extract_links``)."""
    return ChunkFacts(actors=list(doc._.actors.items()),
                      territories=[span.text for span in doc.spans.get("territories", [])],
                      programmes=[span.text for span in doc.spans.get("programmes", [])],
                      links=list(extract_links(doc)))


class DocumentChunks:
    """One document repaired and cut into chunks; the facts of its parsed chunks gathered, then resolved.

    Preparing the chunks needs no model, so the process that writes can prepare documents while
    parser processes read their chunks (:mod:`maillage.ingest.parsing`).
    """

    def __init__(self, text: str, document: Document) -> None:
        self.text = text
        self.document = document
        self.repaired = repair(text)
        self.facts: list[Actor] = []
        self.territories: dict[str, Territory] = {}
        self.programmes: dict[str, Programme] = {}
        self.links: list[Link] = []
        self.chunks: list[Chunk] = []
        title = "\n".join(title_lines(self.repaired.text))
        page = page_title(self.repaired.text, document)
        for index, (start, end) in enumerate(chunk_spans(self.repaired.text) or [(0, 0)]):
            context = with_context(self.repaired.text, start)
            head = (page + TITLE_JOIN if page else "") + (title + TITLE_JOIN if title and index else "")
            self.chunks.append(Chunk(head + self.repaired.text[context:end], index, context,
                                     len(head) + start - context, len(head)))

    def add(self, chunk: Chunk, facts: ChunkFacts) -> None:
        """Add the facts of ``chunk``; evidence that ends within the chunk's title block or context was read
        from the previous chunk's text (or is the first chunk's) and is left to it, and so is a link with
        no other evidence."""
        prefix = f"{chunk.index}:"
        for key, actor in facts.actors:
            self.facts.append(replace(actor, id=prefix + key))
        for name in facts.territories:
            self.territories.setdefault(territory_id(name), _territory(name))
        for name in facts.programmes:
            self.programmes.setdefault(programme_id(name), Programme(programme_id(name), name))
        for link in facts.links:
            evidence = [self._evidence(e, chunk) for e in link.evidence if e.end > chunk.owned]
            if not evidence:
                continue
            self.links.append(replace(
                link, source=prefix + link.source,
                target=prefix + link.target if link.target_type == "actor" else link.target,
                evidence=evidence))

    def _evidence(self, evidence: Evidence, chunk: Chunk) -> Evidence:
        offset = chunk.offset - chunk.titled
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
        for actor in actors:
            actor.attributes.pop(DEFINED, None)
        return Batch(self.document, actors=actors, territories=list(self.territories.values()),
                     programmes=list(self.programmes.values()), links=list(links.values())).validate()


class Extractor:
    """Extracts a document's actors, territories, programmes and links (see the module docstring)."""

    def __init__(self, nlp: Language | None = None) -> None:
        if nlp is None:
            from maillage.nlp.pipeline import shared_pipeline
            nlp = shared_pipeline()
        self.nlp = nlp
        from maillage.nlp.links import extract_links  # late: the links package imports this package's modules

        self.extract_links = extract_links

    def extract(self, text: str, document: Document) -> Batch:
        """The facts of one document (``text`` as loaded, before repair)."""
        return next(self.extract_many([(text, document)]))

    def read(self, text: str) -> ChunkFacts:
        """The facts of one chunk's text (what a parser process does with each chunk it is given)."""
        return read_chunk(self.nlp(text), self.extract_links)

    def extract_many(self, items: Iterable[tuple[str, Document]]) -> Iterator[Batch]:
        """The facts of each document, in order; chunks of all documents go through one ``nlp.pipe``."""

        def chunks():
            for number, (text, document) in enumerate(items):
                prepared = DocumentChunks(text, document)
                for chunk in prepared.chunks:
                    yield chunk.text, (number, prepared, chunk)

        docs = self.nlp.pipe(chunks(), as_tuples=True, batch_size=BATCH_SIZE)
        for _number, group in itertools.groupby(docs, key=lambda pair: pair[1][0]):
            for doc, (_, prepared, chunk) in group:
                prepared.add(chunk, read_chunk(doc, self.extract_links))
            yield prepared.batch()
