"""Local branches of a body the text names: an office, an agency, a delegation at a named place.

Two word orders, the body being a mention already classified (a bank, a chamber, an agency):
- "l'antenne de Montclar de la CMA du Val", "l'agence de Rivel du Crédit Mutuel": branch noun,
  "de" and a capitalised place, then "de"/"du"/"des" and the body;
- "l'agence Groupama de Rivel": branch noun, the body, then "de" and a capitalised place.
The branch is a body of its own, of the body's kinds, named in full ("Antenne de Montclar de la CMA
du Val", "Agence Groupama de Rivel"), its written words an alias ("antenne de Montclar": a title
that names the branch alone names it); its mention covers the branch noun and the place only, so
that the body's own mention stays whole for the link readers. A relay's branch (a bank's, an
insurer's agency) is left to the relay itself: its adviser works for the bank, whose local office
reaches the same firms.

A document's title block may name a branch beside its body, with no word between them ("CMA du Val –
Antenne de Montclar", "Délégation territoriale du Var" on the line after "Agence Y"): a *title branch*
is a capitalised branch noun, at most :data:`TITLE_ADJECTIVES` lower-case adjectives, "de"/"du"/"d'" and a
capitalised place, within a title line (:func:`maillage.nlp.titles.title_lines`); its body is the
organisation named in the title block nearest to it (not a relay). It is named like a branch of running
text ("Antenne de Montclar de la CMA du Val"), with its words as written as an alias; a mention of the
statistical model inside its words gives way to it. The document is then about the branch
(:mod:`maillage.nlp.links.subject`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from maillage.nlp.lexicon import fold
from maillage.nlp.titles import title_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

BRANCH_NOUNS = frozenset({"antenne", "agence", "délégation", "succursale", "permanence", "bureau", "site",
                          "caisse", "établissement"})
_OF = frozenset({"de", "d'", "d’"})
_OF_BODY = frozenset({"de", "du", "des", "d'", "d’"})
_ARTICLES = frozenset({"la", "l'", "l’", "le", "les"})
PLACE_TOKENS = 7
RELAY = "relais"
#: Lower-case adjectives at most between a title branch's noun and its place ("Délégation territoriale du Var").
TITLE_ADJECTIVES = 2
#: Folded branch nouns (the first word of a branch's name).
FOLDED_BRANCH_NOUNS = frozenset(fold(n) for n in BRANCH_NOUNS)


def branches(doc: Doc, bodies: list[tuple[Span, str, list[str]]], taken: set[int]) -> list[tuple[Span, str, list[str]]]:
    """(mention span, full name, kinds) of each branch (see the module docstring); ``bodies`` holds
    each body's mention span, name and kinds; no branch takes a token of ``taken``."""
    by_start = {span.start: (span, name, kinds) for span, name, kinds in bodies if RELAY not in kinds}
    found = []
    for token in doc:
        if token.lower_ not in BRANCH_NOUNS or token.i in taken:
            continue
        after = token.i + 1
        if after in by_start:  # "l'agence Groupama de Rivel"
            body, name, kinds = by_start[after]
            place = _place(doc, body.end + 1) if body.end < len(doc) and doc[body.end].lower_ in _OF else None
            if place is not None and not any(i in taken for i in range(place.start, place.end)):
                found.append((doc[token.i:place.end], f"{token.text.capitalize()} {name} de {place.text}", list(kinds)))
        elif after < len(doc) and doc[after].lower_ in _OF:  # "l'antenne de Montclar de la CMA"
            place = _place(doc, after + 1)
            if place is None or any(i in taken for i in range(token.i, place.end)):
                continue
            body_at = place.end + 1
            while body_at < len(doc) and doc[body_at].lower_ in _ARTICLES:
                body_at += 1
            if place.end < len(doc) and doc[place.end].lower_ in _OF_BODY and body_at in by_start:
                _, name, kinds = by_start[body_at]
                joined = doc[place.end:body_at].text
                found.append((doc[token.i:place.end], f"{token.text.capitalize()} de {place.text} {joined} {name}",
                              list(kinds)))
    return found


def _place(doc: Doc, start: int) -> Span | None:
    """The capitalised place name starting at ``start`` (hyphenated parts included), or None."""
    if start >= len(doc) or not doc[start].text[:1].isupper() or not any(c.isalpha() for c in doc[start].text):
        return None
    end = start + 1
    while end < len(doc) and end - start < PLACE_TOKENS and (
            doc[end].text == "-" or (doc[end - 1].text == "-" and doc[end].is_alpha)):
        end += 1
    return doc[start:end]


def _title_range(doc: Doc) -> tuple[int, int]:
    """The character range of the document's title block in ``doc.text`` ((0, 0) if none)."""
    lines = title_lines(doc.text)
    if not lines:
        return 0, 0
    start = doc.text.find(lines[0])
    return start, doc.text.find(lines[-1], start) + len(lines[-1])


def _of_body(doc: Doc, body: Span) -> str:
    """The words that join a branch to its body's name: "de l'" before a vowel, "du" before a masculine
    noun, "de la" otherwise."""
    first = body[0]
    if fold(first.text)[:1] in "aeiouyh" and not first.text.isupper():
        return "de l'"
    return "du" if "Masc" in first.morph.get("Gender") else "de la"


def title_branches(doc: Doc, bodies: list[tuple[Span, str, list[str]]],
                   mentions: list[Span]) -> list[tuple[Span, str, list[str], str]]:
    """(mention span, full name, kinds, written form) of each title branch (module docstring); ``bodies``
    holds each body's mention span, name and kinds; a branch overlaps no mention of ``mentions`` but those
    within its words."""
    begin, end = _title_range(doc)
    block = [(span, name, kinds) for span, name, kinds in bodies
             if begin <= span.start_char and span.end_char <= end and RELAY not in kinds]
    if not block:
        return []
    found = []
    for token in doc:
        if token.idx >= end:
            break
        if token.idx < begin or token.lower_ not in BRANCH_NOUNS or not token.text[:1].isupper():
            continue
        k = token.i + 1
        while k < len(doc) and k - token.i <= TITLE_ADJECTIVES and doc[k].is_alpha and doc[k].is_lower \
                and doc[k].lower_ not in _OF_BODY:
            k += 1
        place = _place(doc, k + 1) if k < len(doc) and doc[k].lower_ in _OF_BODY else None
        if place is None or place.end_char > end or "\n" in doc[token.i:place.end].text or any(
                m.start < place.end and token.i < m.end and not (token.i <= m.start and m.end <= place.end)
                for m in mentions):
            continue
        others = [b for b in block if b[0].end <= token.i or place.end <= b[0].start]  # not the branch's own words
        if not others:
            continue
        body, name, kinds = min(others, key=lambda b: min(abs(b[0].start - place.end), abs(token.i - b[0].end)))
        written = doc[token.i:place.end]
        joiner = _of_body(doc, body)
        full = f"{written.text} {joiner}" + ("" if joiner.endswith("'") else " ") + name
        found.append((written, full, list(kinds), written.text))
    return found
