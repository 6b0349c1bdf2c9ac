"""Governance bodies named by their function alone ("le conseil d'administration", "le bureau").

Definition: a *bare governance body* is a head of :data:`GOVERNANCE_HEADS` after a definite article
("le", "la", "l'", "du", "au"), not followed by a complement that names its body ("de la CCI X":
the designation readers take that one), outside any mention already found. It is, in this order:
- the *named body* of the same head that the document names (a mention of kind ``instance`` whose
  name starts with the head, "comité exécutif de la Fondation"; or a *titled body*, a head followed
  by a quoted name, "Comité de pilotage « Cap Ondine »"), the nearest one before it, else the first after;
- the body of the *subject*: the organisation whose name opens the document's first line when that
  line is a short heading ("ALMA CONSEIL – le réseau des ..."), the page of one body;
- the body of the *owner*: the organisation (not a person, not a governance body) mentioned most
  often in the whole text, the latest one before it on a tie, among those mentioned before it.
A head after a noun of place ("la salle du conseil municipal") names no body. The assembly of a local
authority (:data:`ASSEMBLY_OWNERS`) is first that of the body of its kind named nearest before it ("le comité
syndical" is the syndicat's, "le conseil communautaire" the communauté's). A "comité syndical" stands for
its syndicat itself (:data:`STRICT_ASSEMBLIES`: its name is the syndicat's), and is no one's when the text
names no syndicat.
An indefinite head given to the subject of its sentence ("X est administré par un conseil
d'administration de 24 membres") is the body of the last organisation named before it in the
sentence. A head whose complement is a definite description ("le conseil d'administration de la coopérative") is the
body of the nearest organisation named before whose name starts with that noun ("Coopérative X"), unless
the body chosen above may be what that noun designates (a "pôle" the text is about, a name of no known kind). It is named "<Head> de <owner>" ("Conseil d'administration de Tekmo"), of kind ``instance``,
with its written form as an alias. Another indefinite one ("un conseil d'administration de 6 membres a
été élu") names no body, nor does a head that goes on ("comité scientifique et technique").

A titled body is one body named "<Head> <name>" ("Comité de pilotage Cap Ondine"), over the head and the
quoted name: the mention of the name alone is part of it.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from maillage.nlp.cues import DESIGNATED_KINDS
from maillage.nlp.kinds import DEFAULT_KIND
from maillage.nlp.lexicon import fold

#: Heads of the deliberative assemblies of local authorities (folded words): the body whose members sit
#: and vote in council minutes. The capitalised regional and departmental councils name the authority
#: itself (:mod:`maillage.nlp.designations`).
ASSEMBLY_HEADS = ("conseil municipal", "conseil communautaire", "conseil metropolitain", "comite syndical")
#: The first words (folded) of the names of the bodies whose assembly each head is: a "comité syndical" is a
#: syndicat's, never the commune's that sits in it; a syndicate's assembly has no other owner.
ASSEMBLY_OWNERS = {("comite", "syndical"): ("syndicat",), ("conseil", "communautaire"): ("communaute", "agglomeration"),
                   ("conseil", "metropolitain"): ("metropole",), ("conseil", "municipal"): ("commune", "ville", "mairie")}
#: Assemblies that stand for their body itself: the delegates of a syndicat's members make up its comité
#: syndical, which is the syndicat's own deliberative body: "le comité syndical" is a mention of the syndicat.
STRICT_ASSEMBLIES = frozenset({("comite", "syndical")})
#: Nouns of a room or a building: "la salle du conseil municipal" names a place, not the body.
PLACE_NOUNS = frozenset({"salle", "hemicycle", "hotel", "locaux", "batiment"})
#: Heads of governance bodies (folded words). A general assembly is the meeting of a body's members,
#: not a standing body of its own: "l'assemblée générale" names none.
GOVERNANCE_HEADS = tuple(sorted((tuple(h.split()) for h in (
    "conseil d administration", "bureau", "comite de pilotage", "comite scientifique", "comite technique",
    "comite de direction", "conseil scientifique", "comite d orientation", "comite executif",
    "comite strategique", "conseil de surveillance", "directoire", "comite de programmation",
    "comite d engagement", "comite de selection", "conseil d orientation", *ASSEMBLY_HEADS)), key=len, reverse=True))
_DEFINITE = frozenset({"le", "la", "l'", "l’", "du", "au"})
_OF = frozenset({"de", "du", "des", "d'", "d’"})
_OPENING_QUOTES = frozenset({"«", '"', "“"})
_CLOSING_QUOTES = frozenset({"»", '"', "”"})
#: Tokens of a quoted name after a head ("Comité de pilotage « Entreprendre ici »").
_QUOTED_NAME = 10
#: Words of a first line that is a heading naming the document's subject.
_HEADING_WORDS = 20
INSTANCE = "instance"
PERSON = "personne"


def is_assembly(name: str) -> bool:
    """Whether a body's name is that of the deliberative assembly of a local authority ("Conseil municipal
    de X")."""
    words = fold(name).split()
    return any(tuple(words[:len(head.split())]) == tuple(head.split()) for head in ASSEMBLY_HEADS)


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


def span_head(span: Span) -> str:
    """The written head of a governance body, capitalised ("Conseil d'administration")."""
    return span.text[:1].upper() + span.text[1:]


def _may_be(kinds: list[str], designated: frozenset[str]) -> bool:
    """Whether a body of ``kinds`` may be what a noun designating ``designated`` names: one of those kinds,
    or only the default kind of a name the lexicon does not type."""
    return bool(set(kinds) & designated) or set(kinds) <= {DEFAULT_KIND}


def _designated_kinds(doc: Doc, end: int) -> frozenset[str]:
    """The kinds of bodies the noun of the description after a head ending at ``end`` can designate."""
    k = end + 1 + (doc[end].lower_ != "du")
    return DESIGNATED_KINDS.get(doc[k].lower_, frozenset()) if k < len(doc) else frozenset()


def _described_owner(doc: Doc, end: int, owners: list[tuple[Span, str]], i: int) -> tuple[int, str] | None:
    """The organisation a definite description after a head at ``[i, end)`` names ("le conseil
    d'administration de la coopérative"): "du", "de la", "de l'" and a lower-case noun that no name
    follows, naming the nearest organisation before whose name (or its mention, "la coopérative Blés") starts
    with that noun, as (its position, its name); else None."""
    k = end + 1
    if end >= len(doc) or doc[end].lower_ not in _OF:
        return None
    if doc[end].lower_ != "du" and k < len(doc) and doc[k].lower_ in ("la", "l'", "l’"):
        k += 1
    elif doc[end].lower_ != "du":
        return None
    if k >= len(doc) or not doc[k].is_lower or not doc[k].is_alpha \
            or (k + 1 < len(doc) and doc[k + 1].text[:1].isupper()):
        return None
    noun = fold(doc[k].text)
    named = [(span.start, name) for span, name in owners
             if span.start < i and noun in (fold(name).split()[:1] + fold(span.text).split()[:1])]
    return max(named) if named else None


def _introduced(doc: Doc, i: int) -> bool:
    """Whether an indefinite head at ``i`` is given to the subject of its sentence ("X est administré
    par un conseil d'administration", "X s'est doté d'un bureau")."""
    return i >= 2 and doc[i - 1].lower_ in ("un", "une") and doc[i - 2].lower_ in ("par", "d'", "d’")


def _quoted_name(doc: Doc, end: int) -> int:
    """The token after the closing quote of a capitalised name quoted right after a head ending at
    ``end`` ("« Entreprendre ici »"), else 0."""
    if end + 1 >= len(doc) or doc[end].text not in _OPENING_QUOTES or not doc[end + 1].text[:1].isupper():
        return 0
    for k in range(end + 2, min(len(doc), end + 2 + _QUOTED_NAME)):
        if doc[k].text in _CLOSING_QUOTES:
            return k + 1
        if "\n" in doc[k - 1].whitespace_:
            return 0
    return 0


def _titled_bodies(doc: Doc, words: list[str]) -> list[tuple[Span, str, str]]:
    """(span, name, alias) of each head followed by a quoted name ("Comité de pilotage « Cap Ondine »")."""
    found = []
    for i in range(len(doc)):
        length = _head_at(words, i)
        close = _quoted_name(doc, i + length) if length else 0
        if close:
            head = doc[i:i + length].text
            inner = doc[i + length + 1:close - 1].text
            found.append((doc[i:close], f"{head[:1].upper()}{head[1:]} {inner}", doc[i:close].text))
    return found


def _subject(doc: Doc, owners: list[tuple[Span, str]]) -> str | None:
    """The organisation whose name opens the first line of the text when that line is a short heading."""
    text = doc.text.lstrip()
    line = fold(text[:text.find("\n")] if "\n" in text else text)
    if not line or len(line.split()) > _HEADING_WORDS or text.split("\n", 1)[0].rstrip().endswith("."):
        return None
    names = sorted({name for _, name in owners if fold(name)}, key=lambda n: -len(fold(n)))
    return next((name for name in names if (line + " ").startswith(fold(name) + " ")), None)


def _named_body(head: tuple[str, ...], i: int, named: list[tuple[Span, str]]) -> str | None:
    """The name of the named body of that head nearest before token ``i``, else the first after."""
    same = [(span.start, name) for span, name in named if tuple(fold(name).split()[:len(head)]) == head]
    before = [name for start, name in same if start < i]
    return before[-1] if before else (same[0][1] if same else None)


def _assembly_owner(head: tuple[str, ...], i: int, owners: list[tuple[Span, str]]) -> str | None:
    """The body an assembly head at token ``i`` belongs to by its kind (:data:`ASSEMBLY_OWNERS`): the nearest
    organisation before it whose name or mention starts with one of the head's owner nouns, else the first
    after it; None if the text names none."""
    nouns = ASSEMBLY_OWNERS[head]
    matching = [(span.start, name) for span, name in owners
                if fold(name).split()[:1] and fold(name).split()[0] in nouns
                or fold(span.text).split()[:1] and fold(span.text).split()[0] in nouns]
    before = [name for start, name in matching if start < i]
    return before[-1] if before else (matching[0][1] if matching else None)


def governance_bodies(doc: Doc, owners: list[tuple[Span, str]], taken: set[int],
                      named: list[tuple[Span, str]] = (), kinds_of: dict[str, list[str]] | None = None
                      ) -> list[tuple[Span, str, str]]:
    """(span, name, alias) of each titled body and each bare governance body (see the module docstring).
    ``owners`` are the organisation mentions (span, name) in text order, ``named`` the mentions of
    governance bodies (kind ``instance``), ``kinds_of`` the kinds of the owners by name; the span of a
    titled body covers the mention of its name."""
    kinds_of = kinds_of or {}
    words = [fold(t.text) for t in doc]
    found = _titled_bodies(doc, words)
    named = [*named, *((span, name) for span, name, _ in found)]
    titled = {k for span, _, _ in found for k in range(span.start, span.end)}
    counts = Counter(name for _, name in owners)
    subject = _subject(doc, owners)
    for i in range(1, len(doc)):
        length = _head_at(words, i)
        introduced = _introduced(doc, i)
        if not length or not (doc[i - 1].lower_ in _DEFINITE or introduced) \
                or any(k in taken or k in titled for k in range(i, i + length)):
            continue
        end = i + length
        described = _described_owner(doc, end, owners, i)
        if _named_complement(doc, end) or (end < len(doc) and doc[end].lower_ == "et") \
                or (i >= 2 and words[i - 2] in PLACE_NOUNS):
            continue  # "du conseil d'administration de la CCI X", "comité scientifique et technique"
        span = doc[i:end]
        body = None if introduced else _named_body(tuple(words[i:end]), i, named)
        if body is not None:
            found.append((span, body, span.text))
            continue
        head = tuple(words[i:end])
        owner = _assembly_owner(head, i, owners) if head in ASSEMBLY_OWNERS and not introduced else None
        if owner is not None or head in STRICT_ASSEMBLIES:
            if owner is not None:
                found.append((span, owner if head in STRICT_ASSEMBLIES else f"{span_head(span)} {_of(owner)}",
                              span.text))
            continue
        sentence = doc[i].sent.start
        last = {name: span.start for span, name in owners if span.start < i and (not introduced or span.start >= sentence)}
        if introduced and not last:
            continue
        if introduced:
            owner = max(last, key=lambda n: last[n])
        elif subject is not None:
            owner = subject
        elif last:
            owner = max(last, key=lambda n: (counts[n], last[n]))
        else:
            continue
        if described is not None and not _may_be(kinds_of.get(owner, []), _designated_kinds(doc, end)):
            owner = described[1]  # "le conseil d'administration de la coopérative" in a text about a Pays
        found.append((span, f"{span_head(span)} {_of(owner)}", span.text))
    return found
