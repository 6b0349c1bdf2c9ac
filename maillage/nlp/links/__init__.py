"""Links between actors, read from French sentences.

Input: a parsed spaCy ``Doc`` whose ``doc.spans["actors"]`` holds the actor
mentions (``span._.actor_key``) and ``doc._.actors`` maps each key to its
:class:`~maillage.graph.model.Actor`; optional ``doc.spans["programmes"]`` and
``doc.spans["territories"]`` give non-actor targets.

Output: :func:`extract_links` returns :class:`~maillage.graph.model.Link` objects
in the taxonomy's direction, each with one :class:`~maillage.graph.model.Evidence`
per sentence that states it. One module per reader, over one shared mention index
(:mod:`.mentions`):

- :mod:`.cue_reader`: cue verbs and nouns of the lexicon (:mod:`maillage.nlp.cues`,
  compiled by :mod:`.matching`) with actors on both sides, on the parse (method
  ``dependency``) or by position in the clause (method ``pattern``);
- :mod:`.lists`: lists of actors, so that every reader gives one link per listed actor;
- :mod:`.functions`: person functions ("Mme A, présidente de B": GOVERNS);
- :mod:`.rosters`: rosters and boards ("B : A (directrice), C", "Président : A");
- :mod:`.parts`: sub-bodies ("le conseil de développement du Pays X": PART_OF);
- :mod:`.suggestions`: what no reader is sure of (off by default: co-occurrence).

The reading unit is the text between sentence-final punctuation or paragraph
breaks (the parser's sentences break at brackets and line ends of PDF text).
Only units with at least two mentions are read, and cues are looked up in a
precompiled table: the links take about 1 % of the time of the spaCy pipeline.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterator

from spacy.tokens import Doc, Span

from maillage.graph.model import Evidence, Link
from maillage.nlp.links.cue_reader import cue_links
from maillage.nlp.links.functions import function_links
from maillage.nlp.links.mentions import CONFIDENCE, Found, Mention, MentionIndex, designates, collect_mentions
from maillage.nlp.links.parts import named_parts, part_links
from maillage.nlp.links.rosters import column_header_links, header_links, roster_links
from maillage.nlp.links.suggestions import cooccurrences


#: Link kinds that only organisations take part in.
ORGANISATION_LINKS = frozenset({"PARTNER_OF", "FUNDS", "HOSTS", "PART_OF", "FOUNDED", "REFERS_TO", "SUPPORTS"})


def _valid(found: Found) -> bool:
    s, t = found.source, found.target
    if s.key == t.key or s.target_type != "actor":
        return False
    if (found.kind in ORGANISATION_LINKS and (s.person or t.person)) or (s.person and t.person):
        return False
    if t.target_type == "territory":
        return found.kind in ("LOCATED_IN", "GOVERNS")
    if t.target_type == "programme":
        return found.kind in ("PARTICIPATES_IN", "GOVERNS", "FUNDS")
    if found.kind == "LOCATED_IN":
        return False
    return not (found.kind == "GOVERNS" and t.person)


def _sentence_links(index: MentionIndex, sent: Span, mentions: list[Mention]) -> Iterator[Found]:
    """Every link the cues, the person functions and the sub-body pattern read in one sentence."""
    yield from cue_links(index, sent)
    for m in mentions:
        if m.person:
            yield from function_links(index, sent, m)
    yield from part_links(index, sent, mentions)


def segments(doc: Doc) -> list[Span]:
    """The reading units: runs of tokens between sentence-final punctuation or paragraph breaks.

    They do not rely on the parser's sentence boundaries, which break at brackets,
    line ends and headings of extracted PDF text.
    """
    out: list[Span] = []
    start = 0
    for token in doc:
        end_here = token.text in (".", ";", "!", "?", "…") or "\n\n" in token.whitespace_ \
            or (token.is_space and "\n\n" in token.text)
        if end_here:
            if token.i + 1 > start:
                out.append(doc[start:token.i + 1])
            start = token.i + 1
    if start < len(doc):
        out.append(doc[start:])
    return out


def _document_id(doc: Doc, document: str | None) -> str:
    if document is not None:
        return document
    value = doc.user_data.get("document", "") if isinstance(doc.user_data, dict) else ""
    return getattr(value, "id", value) or ""


def extract_links(doc: Doc, document: str | None = None, cooccurrence: bool = False) -> list[Link]:
    """The links the document states between its actors (and towards programmes and territories).

    ``document`` is the document id of the evidence (default: ``doc.user_data["document"]``,
    an id or a :class:`~maillage.graph.model.Document`). Evidence spans are character
    offsets of the sentence in ``doc.text``. With ``cooccurrence``, actors that
    share a sentence and no other link get a weak ``PARTNER_OF`` (method ``cooccurrence``).
    """
    document = _document_id(doc, document)
    index = MentionIndex(doc, collect_mentions(doc))
    links: dict[tuple[str, str, str], Link] = {}

    def add(found: Found, sent: Span) -> None:
        if not _valid(found):
            return
        source, target = found.source.key, found.target.key
        if found.kind == "PARTNER_OF" and target < source:
            source, target = target, source
        link = links.setdefault((source, found.kind, target),
                                Link(source, found.kind, target, target_type=found.target.target_type))
        text = sent.text
        start = sent.start_char + len(text) - len(text.lstrip())
        sentence = text.strip()
        confidence = CONFIDENCE[found.method] * min(found.source.confidence, found.target.confidence)
        method = "pattern" if found.method in ("function", "context") else found.method
        evidence = Evidence(document, sentence, start, start + len(sentence), found.cue, round(confidence, 3), method)
        if evidence not in link.evidence:
            link.evidence.append(evidence)

    units = segments(doc)
    starts = [u.start for u in units]

    def unit_of(i: int) -> Span:
        return units[bisect_right(starts, i) - 1]

    for found, at in named_parts(doc, index):
        add(found, unit_of(at))
    for m in index.mentions:
        if m.person:
            for found in header_links(index, m):
                add(found, unit_of(m.start))
            for found, at in column_header_links(index, m):
                add(found, unit_of(at))
        elif m.target_type == "actor":
            for found, at in roster_links(index, m):
                add(found, unit_of(at))
    for sent in units:
        mentions = index.within(sent.start, sent.end)
        if len(mentions) < 2 and not (mentions and designates(sent)):
            continue
        before = len(links)
        for found in _sentence_links(index, sent, mentions):
            add(found, sent)
        if cooccurrence and len(links) == before:
            for found in cooccurrences(mentions):
                add(found, sent)
    return [link for key, link in links.items()
            if not (key[1] == "MEMBER_OF" and (key[0], "GOVERNS", key[2]) in links)]
