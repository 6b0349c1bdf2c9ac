"""Governance bodies named by their function alone ("le conseil d'administration", "le bureau").

Definition: a *bare governance body* is a head of :data:`GOVERNANCE_HEADS` after a definite article
("le", "la", "l'", "du", "au"), not followed by a complement that names its body ("de la CCI X":
the designation readers take that one), outside any mention already found. It is the body of the
*owner*: the organisation (not a person, not a governance body) mentioned most often in the
whole text (the subject of a page on one body), the latest one before it on a tie, among those
mentioned before it; when the head's complement is an anaphor ("le comité scientifique du pôle"),
an owner of that anaphor's kind. It is named "<Head> de <owner>" ("Conseil d'administration de
Tekmo"), of kind ``instance``, with its written form as an alias. An indefinite one ("un conseil
d'administration de 6 membres") names no body, nor does a head that goes on ("comité scientifique
et technique").
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from maillage.nlp.lexicon import ANAPHORS, fold

#: Heads of governance bodies (folded words).
GOVERNANCE_HEADS = tuple(sorted((tuple(h.split()) for h in (
    "conseil d administration", "bureau", "comite de pilotage", "comite scientifique", "comite technique",
    "comite de direction", "conseil scientifique", "assemblee generale", "comite d orientation",
    "comite strategique", "conseil de surveillance", "directoire", "comite de programmation",
    "comite d engagement", "comite de selection", "conseil d orientation")), key=len, reverse=True))
_DEFINITE = frozenset({"le", "la", "l'", "l’", "du", "au"})
_OF = frozenset({"de", "du", "des", "d'", "d’"})
INSTANCE = "instance"
PERSON = "personne"


def _head_at(words: list[str], i: int) -> int:
    """The length in tokens of the governance head starting at token ``i`` (0 if none)."""
    for head in GOVERNANCE_HEADS:
        if tuple(words[i:i + len(head)]) == head:
            return len(head)
    return 0


def _named_complement(doc: Doc, end: int) -> bool:
    """Whether a complement naming a body follows ("de la CCI", "d'Alma"): "de"/"du"/"d'", an optional
    article, then a capitalised word."""
    if end >= len(doc) or doc[end].lower_ not in _OF:
        return False
    nxt = end + 1
    if nxt < len(doc) and doc[nxt].lower_ in ("la", "l'", "l’", "le", "les"):
        nxt += 1
    return nxt < len(doc) and doc[nxt].text[:1].isupper()


def _of(name: str) -> str:
    return f"d'{name}" if fold(name)[:1] in "aeiouyh" else f"de {name}"


def _anaphor_kind(doc: Doc, end: int) -> str:
    """The kind an anaphoric complement designates ("du pôle", "de l'association"), or ""."""
    if end + 1 >= len(doc) or doc[end].lower_ not in _OF:
        return ""
    word = end + 2 if doc[end + 1].lower_ in ("la", "l'", "l’", "le") and end + 2 < len(doc) else end + 1
    return ANAPHORS.get(fold(doc[word].text), "")


def governance_bodies(doc: Doc, owners: list[tuple[Span, str, list[str]]],
                      taken: set[int]) -> list[tuple[Span, str, str]]:
    """(span, name, alias) of each bare governance body (see the module docstring). ``owners`` are the
    organisation mentions (span, name, kinds) in text order."""
    words = [fold(t.text) for t in doc]
    found = []
    counts = Counter(name for _, name, _ in owners)
    kinds_of = {name: kinds for _, name, kinds in owners}
    for i in range(1, len(doc)):
        length = _head_at(words, i)
        if not length or doc[i - 1].lower_ not in _DEFINITE or any(k in taken for k in range(i, i + length)):
            continue
        end = i + length
        if _named_complement(doc, end) or (end < len(doc) and doc[end].lower_ == "et"):
            continue  # "du conseil d'administration de la CCI X", "comité scientifique et technique"
        last = {name: span.start for span, name, _ in owners if span.start < i}
        wanted = _anaphor_kind(doc, end)
        candidates = [n for n in last if not wanted or wanted in kinds_of[n]]
        if not candidates:
            continue
        owner = max(candidates, key=lambda n: (counts[n], last[n]))
        span = doc[i:i + length]
        head = span.text[:1].upper() + span.text[1:]
        found.append((span, f"{head} {_of(owner)}", span.text))
    return found
