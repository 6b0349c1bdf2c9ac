"""Kind and role assignment for an actor name: head nouns, name endings, legal forms, context.

Definitions:
- the *head kinds* of a name are those of the longest head phrase of
  :data:`~maillage.nlp.lexicon.KIND_HEADS` that starts it (after a leading article),
  or those of :data:`~maillage.nlp.lexicon.KIND_TAILS` for its last words, or those
  of a national body of :data:`~maillage.nlp.lexicon.NATIONAL_BODIES`;
- the *context kinds* are those given by the word just before the name
  ("le cluster Orvatec", "la SCOP Ardel");
- the default kind of an unknown organisation name is ``entreprise``, that of an unknown acronym
  ``association`` (acronyms name associations, networks and public bodies far more often than firms).
"""
from __future__ import annotations

from functools import lru_cache

from maillage.nlp.lexicon import CONTEXT_KINDS, KIND_HEADS, KIND_TAILS, NATIONAL_BODIES, fold

DEFAULT_KIND = "entreprise"
ACRONYM_KIND = "association"
_ARTICLES = ("la ", "le ", "les ", "l ")
_HEADS = sorted(KIND_HEADS, key=lambda item: -len(item[0]))
#: The heads by their first word, longest first (the first match wins, as in :data:`KIND_HEADS`).
_HEADS_BY_WORD: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _head, _kinds in _HEADS:
    _HEADS_BY_WORD.setdefault(_head.split()[0], []).append((_head, _kinds))
_NATIONAL = {fold(name): kinds for name, kinds in NATIONAL_BODIES.items()}

#: Roles implied by kinds (taxonomy: ``transition`` for cec, ptce, scic).
_KIND_ROLES = {"cec": ("transition",), "ptce": ("transition",), "scic": ("transition",)}


def strip_article(folded: str) -> str:
    """A folded name without its leading article."""
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article):]
    return folded


def national_kinds(name: str) -> tuple[str, ...]:
    """The kinds of a known national or European body, or ()."""
    return _NATIONAL.get(strip_article(fold(name)), ())


@lru_cache(maxsize=1 << 16)
def head_kinds(name: str) -> tuple[str, ...]:
    """The kinds a name's own words give (national body, head noun, ending), or ()."""
    folded = strip_article(fold(name))
    if folded in _NATIONAL:
        return _NATIONAL[folded]
    padded = folded + " "
    for head, kinds in _HEADS_BY_WORD.get(folded.split(" ", 1)[0], ()):
        if padded.startswith(head + " "):
            return kinds
    for tail, kinds in KIND_TAILS:
        if padded.endswith(" " + tail + " "):
            return kinds
    return ()


def context_kinds(previous_word: str) -> tuple[str, ...]:
    """The kinds stated by the word just before a name, or ()."""
    return CONTEXT_KINDS.get(fold(previous_word), ())


def roles_for(kinds: list[str]) -> list[str]:
    """Roles implied by the kinds alone."""
    roles: list[str] = []
    for kind in kinds:
        for role in _KIND_ROLES.get(kind, ()):
            if role not in roles:
                roles.append(role)
    return roles
