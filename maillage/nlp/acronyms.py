"""Acronym definitions: the Schwartz-Hearst test of a short form against the long form it abbreviates.

Definitions (Schwartz & Hearst, "A simple algorithm for identifying abbreviation definitions in
biomedical text", 2003):
- a short form *abbreviates* a long form when every letter and digit of the short form is found in
  the long form, in the same order, the first one at the start of a word ("Ageme" and "Agence
  d'expansion de la Moselle-Est", "MAAF" and "Ministère de l'Agriculture, de l'Agroalimentaire et
  de la Forêt"); letters are compared accent- and case-folded;
- the *long form defined* by "LONG FORM (SHORT)" is the shortest run of words just before the
  parenthesis that the short form abbreviates, at most ``min(len + 5, 2 * len)`` words back
  (``len`` = letters of the short form; French connectors such as "de", "l'", "et" are not counted,
  acronyms rarely take a letter from them), within one clause (no sentence start, colon,
  semicolon, parenthesis or line break between).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from maillage.nlp.lexicon import fold

#: Folded words an acronym rarely takes a letter from; not counted in the reach of a long form.
_CONNECTORS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en", "pour",
                         "sur", "par"})
_CLAUSE_BREAKS = frozenset({":", ";", "(", ")", "[", "]", "«", "»", "|"})


def _word_starts(text: str) -> list[bool]:
    """For each character of a folded text, whether a word starts there."""
    return [c != " " and (i == 0 or text[i - 1] == " ") for i, c in enumerate(text)]


def abbreviation_start(short: str, long: str) -> int | None:
    """Where, in ``fold(long)``, the long form that ``short`` abbreviates starts (see the module), or None."""
    letters = fold(short).replace(" ", "")
    text = fold(long)
    if len(letters) < 2 or not letters[0].isalpha():
        return None
    starts = _word_starts(text)
    j = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        while j >= 0 and (text[j] != letters[i] or (i == 0 and not starts[j])):
            j -= 1
        if j < 0:
            return None
        if i:
            j -= 1
    return j


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` abbreviates ``long`` from its first word (see the module)."""
    return abbreviation_start(short, long) == 0 and fold(short) != fold(long)


def defined_long_form(doc: Doc, open_paren: int) -> int | None:
    """The first token of the long form defined by the short form in parentheses at token
    ``open_paren`` + 1 (see the module), or None."""
    short = doc[open_paren + 1].text
    letters = len(fold(short).replace(" ", ""))
    reach = min(letters + 5, 2 * letters)
    start = open_paren
    words = 0
    while start > 0 and words < reach:
        token = doc[start - 1]
        if token.text in _CLAUSE_BREAKS or "\n" in token.text:
            break
        start -= 1
        words += token.is_alpha and fold(token.text) not in _CONNECTORS
        if token.is_sent_start:
            break
    window = doc[start:open_paren]
    offset = abbreviation_start(short, window.text)
    if offset is None:
        return None
    folded_offsets = _token_offsets(window)
    return next((i for i, at in folded_offsets if at >= offset), None)


def _token_offsets(span) -> list[tuple[int, int]]:
    """(token index, offset of its first character in ``fold(span.text)``) for the tokens that fold to a word."""
    offsets, at = [], 0
    folded = fold(span.text)
    for token in span:
        word = fold(token.text)
        if not word:
            continue
        at = folded.find(word.split()[0], at)
        offsets.append((token.i, at))
        at += len(word)
    return offsets


def is_short_form(text: str) -> bool:
    """A word that can be an acronym in parentheses: a capital then letters, digits or "&@'-",
    2 to 12 characters, with a second capital or at least three letters ("ANPP", "CdF", "Ageme")."""
    return (2 <= len(text) <= 12 and text[:1].isupper() and all(c.isalnum() or c in "&@'’-" for c in text)
            and (sum(c.isupper() for c in text) >= 2 or sum(c.isalpha() for c in text) >= 3))


def long_form_spans(doc: Doc) -> list[Span]:
    """The long forms that "(SHORT)" defines in ``doc`` (see the module), when they start with a capital."""
    found = []
    for token in doc[:-2]:
        if token.text != "(" or doc[token.i + 2].text != ")" or not is_short_form(doc[token.i + 1].text):
            continue
        start = defined_long_form(doc, token.i)
        if start is not None and start < token.i and doc[start].text[:1].isupper():
            found.append(doc[start:token.i])
    return found
