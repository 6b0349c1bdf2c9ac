"""Governance bodies named by their function alone ("le conseil d'administration", "le bureau").

Definition: a *bare governance body* is a head of :data:`GOVERNANCE_HEADS` after a definite article
("le", "la", "l'", "du", "au"), not followed by a complement that names its body ("de la CCI X":
the designation readers take that one), outside any mention already found. It is the body of the
*owner*: the organisation (not a person, not a governance body) mentioned most often in the
whole text (the subject of a page on one body; "le comité scientifique du pôle" too), the latest
one before it on a tie, among those mentioned before it. An indefinite head given to the subject of
its sentence ("X est administré par un conseil d'administration de 24 membres") is the body of the
last organisation named before it in the sentence. It is named "<Head> de <owner>" ("Conseil
d'administration de Tekmo"), of kind ``instance``, with its written form as an alias. Another
indefinite one ("un conseil d'administration de 6 membres a été élu") names no body, nor does a
head that goes on ("comité scientifique et technique").
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from maillage.nlp.lexicon import fold

#: Heads of governance bodies (folded words). A general assembly is the meeting of a body's members,
#: not a standing body of its own: "l'assemblée générale" names none.
GOVERNANCE_HEADS = tuple(sorted((tuple(h.split()) for h in (
    "conseil d administration", "bureau", "comite de pilotage", "comite scientifique", "comite technique",
    "comite de direction", "conseil scientifique", "comite d orientation",
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


def _introduced(doc: Doc, i: int) -> bool:
    """Whether an indefinite head at ``i`` is given to the subject of its sentence ("X est administré
    par un conseil d'administration", "X s'est doté d'un bureau")."""
    return i >= 2 and doc[i - 1].lower_ in ("un", "une") and doc[i - 2].lower_ in ("par", "d'", "d’")


def governance_bodies(doc: Doc, owners: list[tuple[Span, str]], taken: set[int]) -> list[tuple[Span, str, str]]:
    """(span, name, alias) of each bare governance body (see the module docstring). ``owners`` are the
    organisation mentions (span, name) in text order."""
    words = [fold(t.text) for t in doc]
    found = []
    counts = Counter(name for _, name in owners)
    for i in range(1, len(doc)):
        length = _head_at(words, i)
        introduced = _introduced(doc, i)
        if not length or not (doc[i - 1].lower_ in _DEFINITE or introduced) \
                or any(k in taken for k in range(i, i + length)):
            continue
        end = i + length
        if _named_complement(doc, end) or (end < len(doc) and doc[end].lower_ == "et"):
            continue  # "du conseil d'administration de la CCI X", "comité scientifique et technique"
        sentence = doc[i].sent.start
        last = {name: span.start for span, name in owners if span.start < i and (not introduced or span.start >= sentence)}
        if not last:
            continue
        owner = max(last, key=lambda n: last[n]) if introduced else max(last, key=lambda n: (counts[n], last[n]))
        span = doc[i:i + length]
        head = span.text[:1].upper() + span.text[1:]
        found.append((span, f"{head} {_of(owner)}", span.text))
    return found
