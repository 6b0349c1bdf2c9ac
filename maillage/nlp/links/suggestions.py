"""Links the readers are not sure of, kept apart for review.

A *suggestion* is a pair of actors that a reviewer may want to link, with the sentence that
brings them together (its evidence) and a kind. Suggestions carry the method ``suggestion`` and a
confidence of ``CONFIDENCE["suggestion"]`` (0.3) times their *plausibility* (the weight of the
candidate below, times the mentions' confidences), so at most 0.3: they stay out of the analyses
and of the default export until a reviewer accepts them. The candidates, most plausible first:

1. **clause window** (:func:`suggestions`, weight 1): a cue of the lexicon, each actor before it and
   each actor after it inside the same clause (between clause-ending punctuation, within
   :data:`WINDOW` tokens on each side); when no actor comes before the cue, the body that the text
   is about (the one it names most often, as for "nous") stands on that side. The actor before the
   cue is the doer or holder, unless "par" comes between the cue and the actor after it (a passive:
   "financé en 2020 par A"). A denied cue gives none.
2. **subject** (:func:`subject_pairs`, weight :data:`SUBJECT_NEAR` when the sentence or the one before
   it names or designates the document's subject, :data:`SUBJECT_FAR` otherwise): the subject
   (:mod:`~maillage.nlp.links.subject`) with each actor of a sentence that holds a cue, the kind and
   direction of the cue nearest to the actor; in a sentence without a cue that names or designates
   the subject, at weight :data:`SUBJECT_NAMED`, as a partner (a person as a member).
3. **section** (:func:`section_pairs`, weight :data:`SECTION`): the subject with each actor under a
   section heading of the page (a short line alone, without a verb) whose word gives the kind
   (:data:`HEADING_KINDS`: "Nos partenaires", "Financeurs", "Membres fondateurs", "Le bureau"); under
   a membership heading ("Gouvernance"), the first governance body named in the section before the
   actor ("le comité exécutif") takes the subject's place, and keeps it under the membership
   sub-headings that follow ("Collège des fondateurs"). Only the actors of lines that list
   (bulleted, or not ending a sentence) are taken: the prose of a section is read by sentence.
4. **affiliation** (:func:`affiliations`, weight :data:`AFFILIATION`): a person and the nearest
   organisation in the person's clause (and line, on a list's line), after the person, else
   before, with no other person between them ("A, chargée de mission au Pays X"): a membership.
5. **sentence** (:func:`sentence_pairs`, weight :data:`SENTENCE`): any two actors of a sentence that
   holds a cue but not inside one clause window, the kind of the cue nearest to them; two
   organisations of one enumeration ("A, B et C") are suggested as partners, at weight :data:`ENUMERATED`.

A pair that a reader linked gets no suggestion; how many are kept per document is decided by
:func:`maillage.nlp.links.extract_links` (at most three per stated link, most plausible first).
A person takes part in a suggestion of a link between organisations as a member of the body.

:func:`cooccurrences` (off by default) is the weaker fallback of every pair of organisations of a
sentence that no other reader linked.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from spacy.tokens import Span

from maillage.nlp import cues as lexicon
from maillage.nlp.lexicon import fold
from maillage.nlp.links.lists import on_item_line
from maillage.nlp.links.mentions import Found, Mention, MentionIndex, finite, is_clause_break

#: How far from the cue, in tokens, the actors of a clause-window suggestion may be.
WINDOW = 30
#: Plausibility of a subject pair when the sentence or the one before refers to the subject, otherwise,
#: and in a sentence without a cue that names or designates the subject.
SUBJECT_NEAR, SUBJECT_FAR, SUBJECT_NAMED = 0.8, 0.5, 0.3
#: Plausibility of a pair under a section heading, of a person's affiliation, of two actors of one
#: sentence outside a clause window and of two organisations of one enumeration.
SECTION, AFFILIATION, SENTENCE, ENUMERATED = 0.7, 0.5, 0.4, 0.2
#: Link kinds that only organisations take part in (a person takes part as a member).
_BODY_KINDS = frozenset({"PARTNER_OF", "FUNDS", "HOSTS", "PART_OF", "FOUNDED", "REFERS_TO", "SUPPORTS"})
#: Heading words (folded, singular) -> (link kind, whether the listed actor is the source).
HEADING_KINDS: dict[str, tuple[str, bool]] = {
    "partenaire": ("PARTNER_OF", True), "partenariat": ("PARTNER_OF", True),
    "financeur": ("FUNDS", True), "financement": ("FUNDS", True), "mecene": ("FUNDS", True),
    "donateur": ("FUNDS", True), "soutien": ("SUPPORTS", True),
    "fondateur": ("FOUNDED", True), "membre": ("MEMBER_OF", True), "adherent": ("MEMBER_OF", True),
    "gouvernance": ("MEMBER_OF", True), "bureau": ("MEMBER_OF", True), "equipe": ("MEMBER_OF", True),
    "conseil": ("MEMBER_OF", True), "college": ("MEMBER_OF", True), "administrateur": ("MEMBER_OF", True),
}
#: Words outside mentions between two items of one enumeration at most.
_ITEM_GAP = 12
#: Words of a section heading at most, and the reach of a section (characters after its heading).
_HEADING_WORDS = 8
_SECTION_CHARS = 3000


def _side(index: MentionIndex, pos: int, limit: int, step: int) -> list[Mention]:
    """The actors from token ``pos`` towards ``limit`` (exclusive) inside the clause, nearest first."""
    doc = index.doc
    out: list[Mention] = []
    for _ in range(WINDOW):
        if pos == limit:
            break
        m = index.at.get(pos)
        if m is not None and m.target_type == "actor" and m not in out:
            out.append(m)
        if m is None and is_clause_break(doc[pos]):
            break
        pos = (m.end if step > 0 else m.start - 1) if m is not None else pos + step
    return out


def _oriented(index: MentionIndex, cue: lexicon.Cue, end: int, left: Mention, right: Mention, weight: float,
              method: str = "suggestion") -> Found:
    """The link ``cue`` (ending at token ``end``) suggests between ``left`` (before it) and ``right``: the
    one before the cue is the doer unless "par" comes between the cue and ``right`` (a passive)."""
    doc = index.doc
    passive = any(doc[k].lower_ in lexicon.PASSIVE_AGENT for k in range(end, max(end, right.start)))
    doer, other = (right, left) if passive else (left, right)
    source, target = (doer, other) if cue.doer_is_source else (other, doer)
    kind = "MEMBER_OF" if cue.kind in _BODY_KINDS and (source.person or target.person) else cue.kind
    if kind in ("MEMBER_OF", "GOVERNS") and target.person and not source.person:
        source, target = target, source
    return Found(source, kind, target, cue.label, method, weight)


def suggestions(index: MentionIndex, sent: Span, cues: list[tuple[lexicon.Cue, int, int]],
                linked: set[frozenset[str]]) -> Iterator[Found]:
    """The clause-window suggestions of the cues of a sentence: each actor before a cue (or the body the
    text is about) with each actor after it in its clause (module docstring); ``linked`` holds the pairs
    of actor keys already linked in the sentence."""
    for cue, start, end in cues:
        rights = _side(index, end, sent.end, 1)
        lefts = _side(index, start - 1, sent.start - 1, -1)
        if not (rights or lefts):
            continue
        rights, lefts = rights or [index.speaker()], lefts or [index.speaker()]
        for left in lefts:
            for right in rights:
                if left is None or left.key == right.key or frozenset((left.key, right.key)) in linked:
                    continue
                yield _oriented(index, cue, end, left, right, 1.0)


def _nearest_cue(cues: list[tuple[lexicon.Cue, int, int]], m: Mention) -> tuple[lexicon.Cue, int, int]:
    """The cue of the sentence nearest to mention ``m``."""
    return min(cues, key=lambda c: min(abs(c[1] - m.end), abs(m.start - c[2])))


def _enumerated(index: MentionIndex, left: Mention, right: Mention, cues: list[tuple[lexicon.Cue, int, int]]) -> bool:
    """Whether ``left`` and ``right`` are items of one enumeration: a comma, "et", "ou" or a bullet between
    them, and no cue nor conjugated verb, within :data:`_ITEM_GAP` words outside mentions."""
    between = index.doc[left.end:right.start]
    if sum(t.i not in index.at for t in between) > _ITEM_GAP:
        return False
    return any(t.lower_ in (",", "et", "ou") or t.text in lexicon.BULLETS for t in between) \
        and not any(left.end <= c[1] < right.start for c in cues) \
        and not any(finite(t) for t in between if t.i not in index.at)


def sentence_pairs(index: MentionIndex, sent: Span, cues: list[tuple[lexicon.Cue, int, int]],
                   linked: set[frozenset[str]]) -> Iterator[Found]:
    """Any two actors of a sentence that holds a cue, with the kind of the cue nearest to the pair (module
    docstring); ``linked`` holds the pairs already linked or suggested in the sentence."""
    if not cues:
        return
    actors = [m for m in index.within(sent.start, sent.end) if m.target_type == "actor"]
    for i, left in enumerate(actors):
        for right in actors[i + 1:]:
            if left.key == right.key or frozenset((left.key, right.key)) in linked:
                continue
            if _enumerated(index, left, right, cues):
                if not (left.person or right.person):
                    yield Found(left, "PARTNER_OF", right, "", "suggestion", ENUMERATED)
                continue
            between = [c for c in cues if left.end <= c[1] and c[2] <= right.start]
            cue, _, end = between[0] if between else _nearest_cue(cues, right)
            yield _oriented(index, cue, end, left, right, SENTENCE)


def _refers_to_subject(index: MentionIndex, unit: Span | None) -> bool:
    """Whether a unit names or designates the subject, or speaks in the first person."""
    if unit is None:
        return False
    return any(m.key == index.subject for m in index.within(unit.start, unit.end)) \
        or any(t.lower_ in lexicon.FIRST_PERSON for t in unit)


def subject_pairs(index: MentionIndex, sent: Span, previous: Span | None, cues: list[tuple[lexicon.Cue, int, int]],
                  linked: set[frozenset[str]]) -> Iterator[Found]:
    """The subject with each actor of a sentence that holds a cue (module docstring)."""
    subject = index.speaker() if index.subject else None
    refers = _refers_to_subject(index, sent)
    if subject is None or not (cues or refers):
        return
    weight = SUBJECT_NEAR if refers or _refers_to_subject(index, previous) else SUBJECT_FAR
    for m in index.within(sent.start, sent.end):
        if m.target_type != "actor" or m.key == subject.key or frozenset((m.key, subject.key)) in linked:
            continue
        if not cues:
            yield Found(m, "MEMBER_OF" if m.person else "PARTNER_OF", replace(subject, confidence=1.0), "",
                        "suggestion", SUBJECT_NAMED)
            continue
        cue, start, end = _nearest_cue(cues, m)
        here = replace(subject, start=start, end=start, confidence=1.0)
        left, right = (m, here) if m.end <= start else (here, m)
        yield _oriented(index, cue, end, left, right, weight)


def _heading_kind(line: str) -> tuple[str, bool] | None:
    """The kind a section heading gives (:data:`HEADING_KINDS`), by its first heading word."""
    words = fold(re.sub(r"\[.*?\]", " ", line)).split()
    if not words or len(words) > _HEADING_WORDS:
        return None
    for word in words:
        for form in (word, word[:-1] if word.endswith(("s", "x")) else word):
            if form in HEADING_KINDS:
                return HEADING_KINDS[form]
    return None


def _headings(index: MentionIndex) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each line that stands as a section heading: short, alone on its line, with
    no final punctuation, no finite verb and no actor named."""
    doc = index.doc
    for match in re.finditer(r"[^\n]+", index.text):
        line = match.group().strip()
        if not line or line[-1] in ".;:,!?»)" or len(line.split()) > _HEADING_WORDS + 6 or not line[0].isalpha():
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is None or any(finite(t) for t in span) or index.within(span.start, span.end):
            continue
        yield span.start, span.end, line


def _listed(text: str, char: int) -> bool:
    """Whether the line that holds character ``char`` lists rather than tells: a bulleted line, or a line
    that does not end a sentence."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    line = text[start:len(text) if end < 0 else end].strip()
    return line[:1] in lexicon.BULLETS or not line.endswith((".", "!", "?", ";", "»"))


def section_pairs(index: MentionIndex) -> Iterator[tuple[Found, int]]:
    """The subject with each actor under a section heading that gives a kind, up to the next heading
    (module docstring). Yields the suggestions and the token of each actor."""
    subject = index.speaker() if index.subject else None
    if subject is None:
        return
    headings = list(_headings(index))
    governance: Mention | None = None
    for (start, end, line), nxt in zip(headings, headings[1:] + [None]):
        kind = _heading_kind(line)
        if kind is None or kind[0] != "MEMBER_OF":
            governance = None
        if kind is None:
            continue
        stop = nxt[0] if nxt else len(index.doc)
        floor = index.doc[end - 1].idx + _SECTION_CHARS
        body = governance or replace(subject, start=start, end=end, confidence=1.0)
        for m in index.within(end, stop):
            if index.doc[m.start].idx > floor:
                break
            if kind[0] == "MEMBER_OF" and body.key == subject.key and "instance" in m.kinds[:1]:
                body = governance = m
                continue
            if m.target_type != "actor" or m.key in (subject.key, body.key) or (m.person and kind[0] in _BODY_KINDS) \
                    or not _listed(index.text, index.doc[m.start].idx):
                continue
            source, target = (m, body) if kind[1] else (body, m)
            yield Found(source, kind[0], target, line, "suggestion", SECTION), m.start


def _first_body(index: MentionIndex, pos: int, limit: int, step: int, one_line: bool) -> Mention | None:
    """The first organisation from token ``pos`` towards ``limit`` (exclusive) in the clause (and on the
    line when ``one_line``), None when another person comes first."""
    doc = index.doc
    for _ in range(WINDOW):
        if pos == limit or is_clause_break(doc[pos]):
            return None
        crossed = "\n" in doc[pos].text or "\n" in doc[pos - (step < 0)].whitespace_
        if one_line and crossed and pos not in index.at:
            return None
        m = index.at.get(pos)
        if m is not None and m.target_type == "actor":
            return None if m.person else m
        pos += step
    return None


def affiliations(index: MentionIndex, sent: Span, linked: set[frozenset[str]]) -> Iterator[Found]:
    """Each person of a sentence with the nearest organisation of its clause (of its line, on a list's
    line) (module docstring)."""
    for m in index.within(sent.start, sent.end):
        if not m.person:
            continue
        one_line = on_item_line(index.text, index.doc[m.start].idx)
        body = _first_body(index, m.end, sent.end, 1, one_line) \
            or _first_body(index, m.start - 1, sent.start - 1, -1, one_line)
        if body is not None and frozenset((m.key, body.key)) not in linked:
            yield Found(m, "MEMBER_OF", body, "", "suggestion", AFFILIATION)


def cooccurrences(mentions: list[Mention]) -> Iterator[Found]:
    """Every pair of organisations of a sentence, as a weak PARTNER_OF (method ``cooccurrence``)."""
    actors = [m for m in mentions if m.target_type == "actor" and not m.person]
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            yield Found(a, "PARTNER_OF", b, "", "cooccurrence")
