"""Kinds a text states for a body it names: by a copula or an apposition right after the name.

"Orvel est une association loi 1901", "Orvel, pôle de compétitivité labellisé en 2005, ...",
"Orvel (club d'entreprises)": the noun phrase after the name (past "est"/"était" and an
article, or past a comma or an opening parenthesis and at most an indefinite article: after a
comma, "le club" or "l'agence" starts the next clause or the next item of a list) is read like a
name's head (:func:`maillage.nlp.kinds.head_kinds`). When it gives kinds and the body's own name gives
none (the kind was a guess: the default, the acronym kind, a word of context), the stated kinds
replace the guess, and the mention carries :data:`DEFINED` so that resolution lets the definition
outvote the body's other mentions (:func:`maillage.nlp.resolve.merge`); the mark goes when the
document's batch is made (:meth:`maillage.nlp.DocumentChunks.batch`). A phrase headed by a
programme's word ("un dispositif", "un label") makes the name a programme, not an actor or a place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from maillage.nlp.kinds import head_kinds
from maillage.nlp.lexicon import PROGRAMME_HEADS, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

#: Attribute of an actor fact whose kinds the text states (dropped when the document's facts are merged).
DEFINED = "_kinds_defined"
PHRASE_WORDS = 6
_COPULAS = frozenset({"est", "était", "etait", "sera", "reste", "devient", "demeure"})
_ARTICLES = frozenset({"un", "une", "le", "la", "l'", "l’"})
_INDEFINITE = frozenset({"un", "une"})
_OPENERS = frozenset({",", "("})
_QUOTES_CLOSE = frozenset({"»", "”", '"'})
_ADVERBS = frozenset({"aujourd'hui", "aujourd’hui", "désormais", "depuis", "ainsi", "donc", "officiellement"})


def stated_kinds(span: Span) -> tuple[str, ...]:
    """The kinds the words right after ``span`` state for it (see the module docstring), or ()."""
    phrase = stated_phrase(span)
    return head_kinds(phrase.text) if phrase is not None else ()


def states_a_programme(span: Span) -> bool:
    """Whether the words right after ``span`` say it is a programme, a scheme or a label
    ("« Cap Reprise », un dispositif de ...", "X est un programme régional")."""
    phrase = stated_phrase(span)
    return phrase is not None and len(phrase) > 0 and fold(phrase[0].text) in PROGRAMME_HEADS


def stated_phrase(span: Span) -> Span | None:
    """The noun phrase a copula or an apposition puts right after ``span`` (see the module docstring), or None."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text in _QUOTES_CLOSE:
        i += 1
    if i >= len(doc):
        return None
    if doc[i].text in _OPENERS:
        i += 1
        if i < len(doc) and doc[i].lower_ in _ARTICLES:
            if doc[i].lower_ not in _INDEFINITE:
                return None
            i += 1
    elif doc[i].lower_ in _COPULAS:
        i += 1
        while i < len(doc) and doc[i].lower_ in _ADVERBS:
            i += 1
        if i >= len(doc) or doc[i].lower_ not in _ARTICLES:
            return None
        i += 1
    else:
        return None
    return _phrase(doc, i) if i < len(doc) else None


def _phrase(doc: Doc, start: int) -> Span:
    """Up to :data:`PHRASE_WORDS` words from ``start``, stopping at a verb or a punctuation mark other than an apostrophe."""
    end = start
    while end < len(doc) and end - start < PHRASE_WORDS:
        token = doc[end]
        if token.pos_ in ("VERB", "AUX") or (token.is_punct and token.text not in ("'", "’", "-")) or "\n" in token.text:
            break
        end += 1
    return doc[start:end]
