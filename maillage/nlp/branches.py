"""Local branches of a body the text names: an office, an agency, a delegation at a named place.

Two word orders, the body being a mention already classified (a bank, a chamber, an agency):
- "l'antenne de Montclar de la CMA du Val", "l'agence de Rivel du Crédit Mutuel": branch noun,
  "de" and a capitalised place, then "de"/"du"/"des" and the body;
- "l'agence Groupama de Rivel": branch noun, the body, then "de" and a capitalised place.
The branch is a body of its own, of the body's kinds, named in full ("Antenne de Montclar de la CMA
du Val", "Agence Groupama de Rivel"); its mention covers the branch noun and the place only, so
that the body's own mention stays whole for the link readers. A relay's branch (a bank's, an
insurer's agency) is left to the relay itself: its adviser works for the bank, whose local office
reaches the same firms.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

BRANCH_NOUNS = frozenset({"antenne", "agence", "délégation", "succursale", "permanence", "bureau", "site",
                          "caisse", "établissement"})
_OF = frozenset({"de", "d'", "d’"})
_OF_BODY = frozenset({"de", "du", "des", "d'", "d’"})
_ARTICLES = frozenset({"la", "l'", "l’", "le", "les"})
PLACE_TOKENS = 7
RELAY = "relais"


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
