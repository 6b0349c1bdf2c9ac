"""Links between actors, read from French sentences.

Input: a parsed spaCy ``Doc`` whose ``doc.spans["actors"]`` holds the actor
mentions (``span._.actor_key``) and ``doc._.actors`` maps each key to its
:class:`~maillage.graph.model.Actor`; optional ``doc.spans["programmes"]`` and
``doc.spans["territories"]`` give non-actor targets.

Output: :func:`extract_links` returns :class:`~maillage.graph.model.Link` objects
in the taxonomy's direction, each with one :class:`~maillage.graph.model.Evidence`
per sentence that states it. One module per reader, over one shared mention index
(:mod:`.mentions`):

- :mod:`.cue_reader` (with :mod:`.clauses`): cue verbs and nouns of the lexicon
  (:mod:`maillage.nlp.cues`, compiled by :mod:`.matching`) with actors on both sides, on the
  parse (method ``dependency``) or by position in the clause (method ``pattern``): passives,
  fronted participles, pronoun subjects, negation;
- :mod:`.lists`: lists of actors, after a colon, bulleted, so that every reader gives one link
  per listed actor;
- :mod:`.functions`: person functions ("Mme A, présidente de B", "le président de B, A": GOVERNS);
- :mod:`.rosters`: rosters, boards, structure headings and attendance labels ("Président : A", "Collège des
  entreprises :", "Nos partenaires :", "Présents : A, B");
- :mod:`.tables`: tables whose header names a relation ("Partenaires associés", "Bénéficiaire");
- :mod:`.parts`: sub-bodies ("le conseil de développement du Pays X": PART_OF);
- :mod:`.subject`: the body the document is about (named by its title), its names the model left
  and its designations ("le pôle", "la Fondation", "notre réseau"), added to the mention index;
- :mod:`.suggestions`: a cue with actors around it in its clause, for review (method
  ``suggestion``), and the co-occurrence fallback (off by default).

The reading unit is the text between sentence-final punctuation or paragraph
breaks (the parser's sentences break at brackets and line ends of PDF text).
Only units with at least two mentions are read, and cues are looked up in a
precompiled table: the links take about 1 % of the time of the spaCy pipeline.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Iterator

from spacy.tokens import Doc, Span

from maillage.graph.model import Evidence, Link
from maillage.nlp import cues as lexicon
from maillage.nlp.governance import is_assembly
from maillage.nlp.lexicon import LOWER_CIVILITIES
from maillage.nlp.links.cue_reader import cue_links
from maillage.nlp.links.functions import (bare_title, board_owner, dash_links, function_links, office_links,
                                          title_before_links, title_kind)
from maillage.nlp.links.lists import next_line_bulleted, next_line_list, starts_item
from maillage.nlp.links.mentions import CONFIDENCE, Found, Mention, MentionIndex, collect_mentions, designates
from maillage.nlp.links.parts import named_parts, part_links
from maillage.nlp.links.rosters import (attendance_links, column_header_links, header_links, heading_list_links,
                                        roster_links, structure_clause_links)
from maillage.nlp.links.subject import document_subject, regional_whole, subject_mentions
from maillage.nlp.links.tables import table_links
from maillage.nlp.links.suggestions import (affiliations, cooccurrences, section_pairs, sentence_pairs, subject_pairs,
                                            suggestions)

#: At most this many suggested links per link a reader stated in a document (per document with none).
SUGGESTIONS_PER_LINK = 3

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


#: Link kinds by which an authority acts through its assembly: what the council funds, signs or hosts, the
#: authority does ("le conseil municipal approuve la convention avec A").
AUTHORITY_ACTS = frozenset({"PARTNER_OF", "FUNDS", "HOSTS", "FOUNDED", "SUPPORTS", "REFERS_TO"})


def _for_authority(index: MentionIndex, found: Found) -> Found:
    """A link an assembly ("Conseil municipal de X") states as an organisation, given to the authority X it
    decides for (:data:`AUTHORITY_ACTS`); memberships and chairs of the assembly stay its own."""
    if found.kind not in AUTHORITY_ACTS:
        return found
    actors = index.doc._.actors
    ends = [board_owner(index, m) if m.target_type == "actor" and is_assembly(actors[m.key].name) else m
            for m in (found.source, found.target)]
    return replace(found, source=ends[0], target=ends[1])


def _with_title(index: MentionIndex, sent: Span, found: Found) -> Found:
    """A person's membership read from a cue ("B, représentée par M. A, directrice générale") becomes
    the function said after the name when that function is a head title."""
    if found.kind != "MEMBER_OF" or not found.source.person:
        return found
    title = bare_title(index, sent, found.source)
    return replace(found, kind="GOVERNS") if title and title_kind(title) == "GOVERNS" else found


def _sentence_links(index: MentionIndex, sent: Span, mentions: list[Mention], previous: Span | None) -> Iterator[Found]:
    """Every link the readers state in one sentence, then the suggestions for the cues they left (the
    unit ``previous`` before it tells whether the sentence follows one about the document's subject)."""
    found, cues = cue_links(index, sent)
    found = [_with_title(index, sent, f) for f in found]
    for m in mentions:
        if m.person:
            found.extend(function_links(index, sent, m))
            found.extend(title_before_links(index, sent, m))
            found.extend(dash_links(index, sent, m))
            found.extend(office_links(index, sent, m))
    found.extend(part_links(index, sent, mentions))
    found.extend(structure_clause_links(index, sent))
    yield from found
    linked = {frozenset((f.source.key, f.target.key)) for f in found}
    for candidates in (suggestions(index, sent, cues, linked), subject_pairs(index, sent, previous, cues, linked),
                       affiliations(index, sent, linked), sentence_pairs(index, sent, cues, linked)):
        for suggested in list(candidates):
            linked.add(frozenset((suggested.source.key, suggested.target.key)))
            yield suggested


def _may_link(index: MentionIndex, sent: Span, mentions: list[Mention]) -> bool:
    """Whether a sentence can state a link: two mentions, or one and a designation ("cette agence"),
    a person after a comma (a title before it may name the body: "le directeur du lycée, M. A"),
    a first-person word ("nos partenaires"), a subject pronoun ("elle"), a plural demonstrative that stands
    for a list said before ("ces entreprises") or a colon that introduces a list, or one in a document about
    one body (the subject may be suggested with it)."""
    if len(mentions) >= 2 or (mentions and index.subject) or sent.text.rstrip().endswith(":"):  # a colon that ends a unit lists what follows
        return True
    if any(m.person and _after_comma(index.doc, m.start) for m in mentions):  # "le directeur du lycée, M. A"
        return True
    return bool(mentions) and (designates(sent) or any(
        t.text == ":" or t.lower_ in lexicon.FIRST_PERSON or t.lower_ in lexicon.SUBJECT_PRONOUNS
        or t.lower_ == "ces" for t in sent))


def _after_comma(doc: Doc, start: int) -> bool:
    """Whether a comma (and a civility) comes right before token ``start``: a title may name the body."""
    k = start - 1
    if k > 0 and doc[k].lower_ in LOWER_CIVILITIES:
        k -= 1
    return k >= 0 and doc[k].text == ","


def _ends_line(token) -> bool:
    """Whether a line break follows ``token``."""
    return "\n" in token.whitespace_ or (token.i + 1 < len(token.doc) and token.nbor().is_space
                                         and "\n" in token.nbor().text)


def segments(doc: Doc) -> list[Span]:
    """The reading units: runs of tokens between sentence-final punctuation or paragraph breaks, and
    the lines of a list (a line that starts with a bullet or a "Label :" starts a unit).

    They do not rely on the parser's sentence boundaries, which break at brackets,
    line ends and headings of extracted PDF text.
    """
    out: list[Span] = []
    start = 0
    text = doc.text
    for token in doc:
        end_here = token.text in (".", ";", "!", "?", "…") or "\n\n" in token.whitespace_ \
            or (token.is_space and "\n\n" in token.text)
        if not end_here and ("\n" in token.whitespace_ or (token.is_space and "\n" in token.text)):
            end_here = starts_item(text, text.rfind("\n", 0, token.idx + len(token.text_with_ws)) + 1)
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
    offsets of the sentence in ``doc.text``. Suggestions (method ``suggestion``) are kept only for
    pairs of actors that no reader linked. With ``cooccurrence``, actors that share a sentence and
    no other link get a weak ``PARTNER_OF`` (method ``cooccurrence``).
    """
    document = _document_id(doc, document)
    mentions = collect_mentions(doc)
    subject = document_subject(doc)
    index = MentionIndex(doc, subject_mentions(doc, mentions, subject) if subject else mentions, subject)
    links: dict[tuple[str, str, str], Link] = {}

    def add(found: Found, sent: Span) -> None:
        found = _for_authority(index, found)
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
        confidence = CONFIDENCE[found.method] * found.weight * min(found.source.confidence, found.target.confidence)
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
    whole = regional_whole(doc)
    if whole is not None:  # "Convention X – Bretagne" over a text about "CX Bretagne": the branch is part of X
        branch, of = index.first(subject), index.first(whole)
        if branch is not None and of is not None:
            add(Found(branch, "PART_OF", of, "–", "pattern"), unit_of(of.start))
    for m in index.mentions:
        if m.person:
            for found in header_links(index, m):
                add(found, unit_of(m.start))
            for found, at in column_header_links(index, m):
                add(found, unit_of(at))
        elif m.target_type == "actor":
            for found, at in roster_links(index, m):
                add(found, unit_of(at))
    for token in doc:
        heading_end = not token.is_space and _ends_line(token) and (
            next_line_bulleted(index.text, token.idx) or bool(next_line_list(index, token.i)))
        if token.text == ":" or heading_end:
            for found, at in heading_list_links(index, token.i):
                add(found, unit_of(at))
        if token.text == ":":
            for found, at in attendance_links(index, token.i):
                add(found, unit_of(at))
    for found, at in section_pairs(index):
        add(found, unit_of(at))
    for found, at in table_links(index):
        add(found, unit_of(at))
    for number, sent in enumerate(units):
        mentions = index.within(sent.start, sent.end)
        if not _may_link(index, sent, mentions):
            continue
        before = len(links)
        for found in _sentence_links(index, sent, mentions, units[number - 1] if number else None):
            add(found, sent)
        if cooccurrence and len(links) == before:
            for found in cooccurrences(mentions):
                add(found, sent)
    return _settled(links)


def _settled(links: dict[tuple[str, str, str], Link]) -> list[Link]:
    """The links without redundant ones: a membership where the same person governs the body, and the
    suggestion evidence of a pair that a reader linked.

    The cap on suggestions: a document (one parsed text) keeps at most :data:`SUGGESTIONS_PER_LINK`
    suggested pairs of actors per pair of actors a reader linked in it (per document with none), one link per
    pair (its most plausible kind), the most plausible pairs first (highest confidence, then first in
    the text), so that review stays short."""
    stated_keys = {key for key, link in links.items() if any(e.method != "suggestion" for e in link.evidence)}
    read = {frozenset((s, t)) for s, _, t in stated_keys}
    between_actors = {frozenset((s, t)) for s, _, t in stated_keys if links[(s, _, t)].target_type == "actor"}
    out, suggested = [], {}
    for (source, kind, target), link in links.items():
        if kind == "MEMBER_OF" and (source, "GOVERNS", target) in stated_keys:
            continue
        stated = [e for e in link.evidence if e.method != "suggestion"]
        if stated:
            out.append(replace(link, evidence=stated))
        elif frozenset((source, target)) not in read:
            pair = frozenset((source, target))
            best = suggested.get(pair)
            if best is None or link.confidence > best.confidence:
                suggested[pair] = link
    ranked = sorted(suggested.values(), key=lambda link: -link.confidence)
    return out + ranked[:SUGGESTIONS_PER_LINK * max(1, len(between_actors))]
