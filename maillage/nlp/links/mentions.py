"""The shared mention index every reader works on.

:func:`collect_mentions` gathers the actor, programme and territory mentions of a parsed ``Doc``
(``doc.spans["actors"]`` with ``span._.actor_key``, ``doc.spans["programmes"]``,
``doc.spans["territories"]``) in text order without overlaps; :class:`MentionIndex` finds them
by token. :class:`Mention` is one mention, :class:`Found` one link read in one sentence.
It also reads designations of a body named before: "cette agence", a capitalised "le Cluster"
(:func:`demonstrative`), at the confidence of an anaphor.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from maillage.graph.model import programme_id, slugify, territory_id
from maillage.nlp import cues as lexicon
from maillage.nlp.lexicon import fold


#: Confidence of each reader.
CONFIDENCE = {"dependency": 0.8, "pattern": 0.6, "function": 0.7, "context": 0.5, "suggestion": 0.3,
              "cooccurrence": 0.2}

_SPAN_GROUPS = (("actors", "actor"), ("programmes", "programme"), ("territories", "territory"))

STOP_PUNCT = frozenset({".", ";", ":", "!", "?", "•"})

_ANTECEDENT_WINDOW = 250

_NAMING_GAP = 4

_NAMED_WINDOW_CHARS = 6000


@dataclass(frozen=True)
class Mention:
    """One mention of a node: its token span, its key, its node type and whether it is a person."""

    start: int
    end: int
    key: str
    target_type: str = "actor"
    person: bool = False
    kinds: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True)
class Found:
    """A link read in one sentence, before it becomes a :class:`Link`; ``weight`` (at most 1) scales the
    confidence of the method (a suggestion's plausibility)."""

    source: Mention
    kind: str
    target: Mention
    cue: str
    method: str
    weight: float = 1.0


def _node_key(span: Span, node_type: str) -> str:
    """The key of a mention: ``span._.actor_key`` for an actor, the model's id of its text otherwise."""
    if node_type == "territory":
        return territory_id(span.text)
    if node_type == "programme":
        return programme_id(span.text)
    return span._.actor_key if span.has_extension("actor_key") else ""


def _mention_confidence(span: Span) -> float:
    """How sure the actor extraction is of a mention (lower for an anaphor such as "le Pays")."""
    value = span._.confidence if span.has_extension("confidence") else None
    return float(value) if isinstance(value, (int, float)) else 1.0


def collect_mentions(doc: Doc) -> list[Mention]:
    """Every actor, programme and territory mention of the document, in text order, without overlaps."""
    actors = doc._.actors if Doc.has_extension("actors") and doc._.actors else {}
    named = {fold(form): key for key, actor in actors.items() if "personne" not in actor.kinds[:1]
             for form in (actor.name, *actor.aliases)}
    out: list[Mention] = []
    for group, node_type in _SPAN_GROUPS:
        for span in doc.spans.get(group, ()):
            key, target_type = _node_key(span, node_type), node_type
            if node_type == "territory" and fold(span.text) in named:  # a body's name tagged as a place
                key, target_type = named[fold(span.text)], "actor"
            actor = actors.get(key) if target_type == "actor" else None
            kinds = tuple(actor.kinds) if actor is not None else ()
            if target_type == "actor" and actor is None:
                continue
            out.append(Mention(span.start, span.end, key, target_type, "personne" in kinds[:1], kinds,
                               _mention_confidence(span)))
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in out:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return [m for m, nxt in zip(kept, kept[1:] + [None]) if not _names_itself(doc, m, nxt)]


def _names_itself(doc: Doc, m: Mention, nxt: Mention | None) -> bool:
    """Whether ``m`` is an anaphor ("le pôle") that the name right after it completes
    ("le pôle de compétitivité « A »", "le pôle A"): that name is the mention, not an antecedent."""
    if m.confidence >= 1.0 or nxt is None or nxt.target_type != "actor" or nxt.start - m.end > _NAMING_GAP:
        return False
    return all(t.pos_ in ("ADJ", "NOUN", "ADP", "DET") or t.text in ("«", '"', "“") for t in doc[m.end:nxt.start])


class MentionIndex:
    """Mentions by token position, and the body that speaks in the first person."""

    def __init__(self, doc: Doc, mentions: list[Mention], subject: str | None = None) -> None:
        self.doc = doc
        self.subject = subject
        self.text = doc.text  # spaCy rebuilds doc.text from the tokens at each access
        self.mentions = mentions
        self.at: dict[int, Mention] = {}
        self.starts = [m.start for m in mentions]
        for m in mentions:
            for i in range(m.start, m.end):
                self.at[i] = m
        self._speaker: Mention | None | bool = False

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie inside tokens ``[start, end)``."""
        seen: list[Mention] = []
        for i in range(start, end):
            m = self.at.get(i)
            if m is not None and m.start >= start and m.end <= end and (not seen or seen[-1] is not m):
                seen.append(m)
        return seen

    def first(self, key: str) -> Mention | None:
        """The first mention of the actor ``key`` named at full confidence, else None."""
        return next((m for m in self.mentions if m.key == key and m.confidence >= 1.0), None)

    def speaker(self) -> Mention | None:
        """The body that "nous", "notre", "nos" designate: the document's subject
        (:mod:`~maillage.nlp.links.subject`), else the organisation the text names most often (the first
        named among equals), as an anaphor; None when the text names no organisation."""
        if self._speaker is False:
            counts: dict[str, int] = {}
            first: dict[str, Mention] = {}
            for m in self.mentions:
                if m.target_type == "actor" and not m.person and self.subject in (None, m.key):
                    counts[m.key] = counts.get(m.key, 0) + 1
                    first.setdefault(m.key, m)
            best = max(counts, key=lambda k: (counts[k], -first[k].start), default=None)
            self._speaker = anaphor(first[best], first[best].start, first[best].end) if best else None
        return self._speaker or None


def is_clause_break(token: Token) -> bool:
    return token.text in STOP_PUNCT or "\n\n" in token.whitespace_ or "\n\n" in token.text


def finite(token: Token) -> bool:
    """A conjugated verb; "a" before an article is the preposition "à" with its accent lost by OCR."""
    if token.lower_ == "a" and token.i + 1 < len(token.doc) and token.nbor().pos_ == "DET":
        return False
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def demonstrative(index: MentionIndex, pos: int) -> Mention | None:
    """The body that "cette agence", "ce cluster" or a capitalised "le Pays", "la SCIC" at ``pos``
    designates (at a lower confidence, as an anaphor): see :func:`designated`. The actor component
    resolves most definite anaphors; this reads the ones it left, in the complement of a cue only."""
    doc = index.doc
    if pos + 1 >= len(doc) or pos + 1 in index.at \
            or not (doc[pos].lower_ in lexicon.DEMONSTRATIVES or _capitalised_designator(doc, pos)):
        return None
    return designated(index, pos + 1, pos)


def designated(index: MentionIndex, noun: int, start: int) -> Mention | None:
    """The body the designator noun at token ``noun`` names, as an anaphor over tokens ``[start, noun]``:
    the nearest body before it whose name starts with that noun ("Pays X"), else the nearest whose kinds
    include the kind the noun names (:data:`~maillage.nlp.cues.DESIGNATED_KINDS`; not for nouns of local
    authorities, too many to tell apart). None when no body fits."""
    doc = index.doc
    word = doc[noun].lower_
    kinds = lexicon.DESIGNATED_KINDS.get(word, frozenset())
    actors = doc._.actors
    by_kind = None
    for m in reversed(index.mentions[:bisect_right(index.starts, start - 1)]):
        if doc[start].idx - doc[m.start].idx > _NAMED_WINDOW_CHARS:
            break
        if m.target_type != "actor" or m.person:
            continue
        if slugify(actors[m.key].name).split("-")[0] == slugify(word):
            return anaphor(m, start, noun + 1)
        if by_kind is None and start - m.start <= _ANTECEDENT_WINDOW and set(m.kinds) & kinds \
                and kinds != {"collectivite"}:
            by_kind = m
    return anaphor(by_kind, start, noun + 1) if by_kind is not None else None


def definite_description(index: MentionIndex, end: int) -> Mention | None:
    """The body a definite description ending at token ``end`` names (as an anaphor over its noun), when it
    is the complement of a function or a governance body ("le directeur du lycée", "le conseil
    d'administration de la coopérative"): "du", "de la", "de l'" then a lower-case noun that no name follows
    (:func:`designated`)."""
    doc = index.doc
    if end < 2 or end in index.at or not doc[end].is_lower or doc[end].pos_ != "NOUN":
        return None
    before = doc[end - 1].lower_
    start = end - 1 if before in ("du", "au") else end - 2
    if start < 0 or not (before in ("du", "au") or (before in ("la", "l'", "l’") and doc[start].lower_ in ("de", "à"))):
        return None
    after = doc[end + 1] if end + 1 < len(doc) else None
    if after is not None and (after.text[:1].isupper() or after.text in ("«", '"', "“")):
        return None  # "du lycée Jean-Moulin": a name, not a description
    return designated(index, end, end)


def anaphor(m: Mention, start: int, end: int) -> Mention:
    """A mention at ``[start, end)`` of the actor ``m`` names, at the confidence of an anaphor."""
    return Mention(start, end, m.key, "actor", False, m.kinds, CONFIDENCE["context"] * m.confidence)


def _capitalised_designator(doc: Doc, pos: int) -> bool:
    """ "le Cluster", "au Cluster", "la SCIC": a definite article, then a capitalised designator noun
    that no name follows (else it starts a name: "le Cluster Alpha", "la SCIC « Beta »")."""
    noun = doc[pos + 1]
    if doc[pos].lower_ not in lexicon.DEFINITE or not noun.text[:1].isupper():
        return False
    after = doc[pos + 2] if pos + 2 < len(doc) else None
    return after is None or not (after.text[:1].isupper() or after.text in ("«", '"', "“"))


def designates(sent: Span) -> bool:
    """Whether the sentence may name a body without its name: a demonstrative ("cette agence", "ce
    plan" said before to be a body's) or a definite designator ("le Cluster", "le réseau")."""
    doc = sent.doc
    return any(t.i + 1 < sent.end and (t.lower_ in lexicon.DEMONSTRATIVES or (
        doc[t.i + 1].lower_ in lexicon.DESIGNATED_KINDS and t.lower_ in lexicon.DEFINITE)) for t in sent)
