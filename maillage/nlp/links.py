"""Links between actors, read from French sentences (issue 3, item 5).

Input: a parsed spaCy ``Doc`` whose ``doc.spans["actors"]`` holds the actor
mentions (``span._.actor_key``) and ``doc._.actors`` maps each key to its
:class:`~maillage.graph.model.Actor`; optional ``doc.spans["programmes"]`` and
``doc.spans["territories"]`` give non-actor targets.

Output: :func:`extract_links` returns :class:`~maillage.graph.model.Link` objects
in the taxonomy's direction, each with one :class:`~maillage.graph.model.Evidence`
per sentence that states it. Four readers, from the most to the least certain:

1. **cues** (:mod:`maillage.nlp.cues`): a cue verb or noun with actors on both
   sides. The doer side comes from the dependency parse when it names an actor
   (the subject of the verb, the head of an apposition: method ``dependency``),
   else from the nearest actors before the cue (method ``pattern``); the other
   side is the list of actors right after the cue. Passive voice ("fondée par")
   swaps the sides; coordination ("A, B et C") gives one link per actor.
2. **person functions**: "Mme A, présidente de B" (GOVERNS), "A, chargée de
   mission à B", "A (B)", "A, B" (MEMBER_OF); a roster line "B : A (directrice),
   C et D"; a header line "Président : A" under the body's name.
3. **sub-bodies**: "A de B" where both are actors and A is a governance body,
   service or laboratory, or an actor named "Conseil de développement du Pays X"
   when "Pays X" is an actor too (PART_OF).
4. **co-occurrence** (off by default): every pair of actors of a sentence that
   no other reader linked, as ``PARTNER_OF`` with a low confidence and the
   method ``cooccurrence``, so that views can drop it.

The reading unit is the text between sentence-final punctuation or paragraph
breaks (the parser's sentences break at brackets and line ends of PDF text).
Only units with at least two mentions are read, and cues are looked up in a
precompiled table: on the development corpus the links take about 1 % of the
time of the spaCy pipeline.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from maillage.graph.model import Evidence, Link, programme_id, slugify, territory_id
from maillage.nlp import cues as lexicon

#: Confidence of each reader.
CONFIDENCE = {"dependency": 0.8, "pattern": 0.6, "function": 0.7, "context": 0.5, "cooccurrence": 0.2}

#: Link kinds that only organisations take part in.
ORGANISATION_LINKS = frozenset({"PARTNER_OF", "FUNDS", "HOSTS", "PART_OF", "FOUNDED", "REFERS_TO", "SUPPORTS"})

#: Link kinds of a noun cue that a possessive turns around ("ses filiales B": B is part of the owner).
_BELONGING = frozenset({"PART_OF", "MEMBER_OF"})

#: Kinds of the part in "A de B" that make A a part of B.
PART_KINDS = frozenset({"instance", "recherche_formation", "agence"})

_SPAN_GROUPS = (("actors", "actor"), ("programmes", "programme"), ("territories", "territory"))
_STOP_PUNCT = frozenset({".", ";", ":", "!", "?", "•"})
_LIST_WORDS = frozenset({",", "et", "ou", "(", ")", "«", "»", '"', "/", "-", "–", "’", "'",
                         "le", "la", "les", "l'", "l’",
                         "de", "du", "des", "d'", "d’", "ainsi", "que", "qu'", "puis", "aussi",
                         "également", "enfin", "notamment", "réseau", "réseaux", "association", "cluster",
                         "pôle", "société", "scic", "scop", "entreprise", "cabinet", "agence", "fondation"})
_PREPOSITIONS = frozenset({"de", "à", "avec", "chez", "entre"})
_PERSON_LIST = frozenset({",", "et", "&"})
#: Words that end a person's function: the sentence goes on with other things ("A, et des réseaux B").
_TAIL_STOPS = frozenset({"et", "ou", "ainsi", "puis", "mais", "avec"})
#: Relative pronouns that are not the subject of their verb: the subject then follows the verb.
_OBLIQUE_RELATIVES = frozenset({"auquel", "auxquels", "auxquelles", "laquelle", "lequel", "lesquels", "lesquelles",
                                "dont", "où", "que", "qu'", "qu’"})
_RELATIVES = frozenset({"dont", "qui", "que", "qu'", "qu’", "où", "lequel", "laquelle", "lesquels", "lesquelles"})
#: A former function states no current link ("ex-directrice de", "ancien président de").
_FORMER = frozenset({"ex", "ancien", "ancienne", "anciennement"})
_FUNCTION_GAP = 28
_PARTICIPLE_GAP = 10
_ANTECEDENT_WINDOW = 250
_NAMING_GAP = 4
_OWNER_WINDOW = 80
_COMPONENT_GAP = 20
_NAMED_WINDOW_CHARS = 6000
_RIGHT_GAP = 10
_LEFT_GAP = 14
_HEADER_WINDOW = 600


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
    """A link read in one sentence, before it becomes a :class:`Link`."""

    source: Mention
    kind: str
    target: Mention
    cue: str
    method: str


# --------------------------------------------------------------------------- mentions

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
    out: list[Mention] = []
    for group, node_type in _SPAN_GROUPS:
        for span in doc.spans.get(group, ()):
            key = _node_key(span, node_type)
            actor = actors.get(key) if node_type == "actor" else None
            kinds = tuple(actor.kinds) if actor is not None else ()
            if node_type == "actor" and actor is None:
                continue
            out.append(Mention(span.start, span.end, key, node_type, "personne" in kinds[:1], kinds,
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
    """Mentions by token position."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.at: dict[int, Mention] = {}
        self.starts = [m.start for m in mentions]
        for m in mentions:
            for i in range(m.start, m.end):
                self.at[i] = m

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions that lie inside tokens ``[start, end)``."""
        seen: list[Mention] = []
        for i in range(start, end):
            m = self.at.get(i)
            if m is not None and m.start >= start and m.end <= end and (not seen or seen[-1] is not m):
                seen.append(m)
        return seen


# --------------------------------------------------------------------------- cue matching

#: Endings of French verb forms of the first group, longest first, to find a cue verb the lemmatizer missed.
_VERB_ENDINGS = ("eraient", "eront", "aient", "erait", "èrent", "ement", "eant", "eons", "ions", "iez", "ons",
                 "ent", "ait", "ant", "era", "ées", "és", "ée", "ez", "es", "er", "é", "e", "a")


def _verb_stem(lemma: str) -> str:
    return lemma[:-2] if lemma.endswith(("er", "ir", "re")) else lemma


class CueTable:
    """The cue lexicon compiled into a first-word index, matched on lemma or lower-case form.

    A one-word verb cue also matches a form made of its stem and a first-group ending
    ("financent", "participe"), since the statistical lemmatizer misses some of them.
    """

    def __init__(self, cues: Iterable[lexicon.Cue] = lexicon.CUES) -> None:
        self.by_first: dict[str, list[lexicon.Cue]] = {}
        self.stems: dict[str, str] = {}
        for cue in cues:
            self.by_first.setdefault(cue.words[0], []).append(cue)
            if cue.verb and len(cue.words) == 1:
                self.stems[_verb_stem(cue.words[0])] = cue.words[0]
        for group in self.by_first.values():
            group.sort(key=lambda c: -len(c.words))

    def _forms(self, token: Token) -> tuple[str, ...]:
        lower = token.lower_
        for ending in _VERB_ENDINGS:
            if lower.endswith(ending) and lower[:-len(ending)] in self.stems:
                return token.lemma_.lower(), lower, self.stems[lower[:-len(ending)]]
        return token.lemma_.lower(), lower

    def match(self, span: Span) -> list[tuple[lexicon.Cue, int, int]]:
        """Longest cue at each position of ``span``: (cue, start, end) in document token indices."""
        doc, out, i = span.doc, [], span.start
        while i < span.end:
            hit = None
            for form in dict.fromkeys(self._forms(doc[i])):  # lemma first: a fixed order, the same each run
                for cue in self.by_first.get(form, ()):
                    n = len(cue.words)
                    if i + n <= span.end and all(w in self._forms(doc[i + k]) for k, w in enumerate(cue.words)):
                        if hit is None or n > hit[2] - hit[1]:
                            hit = (cue, i, i + n)
            inside_name = hit is not None and doc[i].is_title and i > span.start \
                and doc[i - 1].text not in _STOP_PUNCT and "\n" not in doc[i - 1].whitespace_
            if hit is not None and not inside_name and (hit[0].verb or doc[i].pos_ != "VERB" or len(hit[0].words) > 1):
                out.append(hit)
                i = hit[2]
            else:
                i += 1
        return out


_TABLE: CueTable | None = None


def cue_table() -> CueTable:
    """The compiled lexicon, built once per process."""
    global _TABLE
    if _TABLE is None:
        _TABLE = CueTable()
    return _TABLE


# --------------------------------------------------------------------------- sides of a cue

def _is_clause_break(token: Token) -> bool:
    return token.text in _STOP_PUNCT or "\n\n" in token.whitespace_ or "\n\n" in token.text


def _finite(token: Token) -> bool:
    """A conjugated verb; "a" before an article is the preposition "à" with its accent lost by OCR."""
    if token.lower_ == "a" and token.i + 1 < len(token.doc) and token.nbor().pos_ == "DET":
        return False
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def _after_participle(index: MentionIndex, comma: int, limit: int) -> int:
    """Where a list goes on after ", regroupant 300 000 habitants," (a present participle's clause
    between commas, naming no actor, followed by "et"): the second comma; else ``comma`` itself."""
    doc = index.doc
    nxt = comma + 1
    if nxt >= limit or doc[nxt].pos_ != "VERB" or "Pres" not in doc[nxt].morph.get("Tense") \
            or "Part" not in doc[nxt].morph.get("VerbForm"):
        return comma
    close = next((k for k in range(nxt + 1, min(limit, nxt + _PARTICIPLE_GAP)) if doc[k].text == ","), None)
    if close is None or index.within(nxt, close) or close + 1 >= limit or doc[close + 1].lower_ != "et":
        return comma
    return close


def _list_from(index: MentionIndex, first: Mention, limit: int, forward: bool = True) -> list[Mention]:
    """``first`` and the actors chained to it by list words ("A, B et C", "A ainsi que B")."""
    out = [first]
    doc = index.doc
    pos = first.end if forward else first.start - 1
    gap = 0
    while 0 <= pos < limit if forward else limit <= pos:
        m = index.at.get(pos)
        if m is not None:
            if m is out[-1]:
                pos += 1 if forward else -1
                continue
            out.append(m)
            gap = 0
            pos = m.end if forward else m.start - 1
            continue
        token = doc[pos]
        if forward and token.text == "(":
            close = next((k for k in range(pos + 1, min(limit, pos + 6)) if doc[k].text == ")"), None)
            if close is not None and not index.within(pos, close):
                pos = close + 1
                continue
        if forward and token.text == ",":
            pos = _after_participle(index, pos, limit)
        if token.lower_ not in _LIST_WORDS or gap >= 6:
            break
        gap += 1
        pos += 1 if forward else -1
    return out


def _demonstrative(index: MentionIndex, pos: int) -> Mention | None:
    """The body that "cette agence", "ce cluster" or a capitalised "le Pays", "la SCIC" at ``pos``
    designates (at a lower confidence, as an anaphor): the nearest body before it whose name starts
    with that noun ("Pays X"), else the nearest whose kinds include the kind the noun names (not for
    nouns of local authorities, too many to tell apart). The actor component resolves most definite
    anaphors; this reads the ones it left, in the complement of a cue only."""
    doc = index.doc
    if pos + 1 >= len(doc) or pos + 1 in index.at \
            or not (doc[pos].lower_ in lexicon.DEMONSTRATIVES or _capitalised_designator(doc, pos)):
        return None
    noun = doc[pos + 1].lower_
    kinds = lexicon.DESIGNATED_KINDS.get(noun)
    if kinds is None:
        return None
    actors = doc._.actors
    by_kind = None
    for m in reversed(index.mentions[:bisect_right(index.starts, pos - 1)]):
        if doc[pos].idx - doc[m.start].idx > _NAMED_WINDOW_CHARS:
            break
        if m.target_type != "actor" or m.person:
            continue
        if slugify(actors[m.key].name).split("-")[0] == slugify(noun):
            return _anaphor(m, pos, pos + 2)
        if by_kind is None and pos - m.start <= _ANTECEDENT_WINDOW and set(m.kinds) & kinds \
                and kinds != {"collectivite"}:
            by_kind = m
    return _anaphor(by_kind, pos, pos + 2) if by_kind is not None else None


def _anaphor(m: Mention, start: int, end: int) -> Mention:
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


def _designates(sent: Span) -> bool:
    """Whether the sentence may name a body without its name: a demonstrative ("cette agence", "ce
    plan" said before to be a body's) or a capitalised designator ("le Cluster")."""
    doc = sent.doc
    return any(t.i + 1 < sent.end and (t.lower_ in lexicon.DEMONSTRATIVES or (
        doc[t.i + 1].lower_ in lexicon.DESIGNATED_KINDS and _capitalised_designator(doc, t.i))) for t in sent)


def _right_side(index: MentionIndex, end: int, limit: int, cue_token: Token | None = None
                ) -> tuple[list[Mention], list[Token]]:
    """The actors right after a cue, and the tokens skipped to reach them.

    A finite verb ends the search, except the verb a noun cue is the subject of
    ("un partenariat se dessine avec A").
    """
    doc = index.doc
    skipped: list[Token] = []
    for pos in range(end, min(limit, end + _RIGHT_GAP)):
        m = index.at.get(pos)
        if m is not None:
            return _list_from(index, m, limit), skipped
        antecedent = _demonstrative(index, pos)
        if antecedent is not None:
            return [antecedent], skipped
        token = doc[pos]
        own_verb = cue_token is not None and cue_token.dep_.startswith("nsubj") \
            and (cue_token.head.i == token.i or token.head.i == cue_token.head.i)
        examples = token.text == "(" and any(t.pos_ == "NOUN" and t.lemma_.lower() not in lexicon.ACTOR_NOUNS
                                             for t in skipped)
        naming = token.lemma_ == "être" and doc[pos - 1].lower_ in ("que", "qu'", "qu’")  # "les X que sont A, B"
        if _is_clause_break(token) or (_finite(token) and not own_verb and not naming) or examples:
            break  # "animés par ces sujets (A, B)": the actors only illustrate a noun
        skipped.append(token)
    return [], skipped


def _left_pattern(index: MentionIndex, start: int, limit: int, crossing_lines: bool = False) -> list[Mention]:
    """The nearest actor before a cue, within the clause; the whole list when it is the cue verb's subject."""
    doc = index.doc
    for pos in range(start - 1, max(limit, start - _LEFT_GAP) - 1, -1):
        m = index.at.get(pos)
        if m is not None and m.target_type != "actor":
            continue  # a place or a programme is never the doer or holder of a cue
        if m is not None:
            between = doc[m.end:start]
            if all(t.pos_ in ("AUX", "PRON", "ADV") for t in between):  # "A et B ont financé C"
                return _list_from(index, m, limit, forward=False)
            return [m]
        if _is_clause_break(doc[pos]) and not crossing_lines:
            break
    return []


def _mentions_of(index: MentionIndex, token: Token) -> list[Mention]:
    """The actors a subject token names: its own mention, or mentions in its noun phrase, plus its conjuncts."""
    out: list[Mention] = []
    for t in (token, *token.conjuncts):
        m = index.at.get(t.i)
        if m is not None:
            out.append(m)
            continue
        for child in t.children:
            if child.dep_ in ("appos", "nmod", "flat:name") and child.i in index.at:
                out.append(index.at[child.i])
    unique: list[Mention] = []
    for m in out:
        if m not in unique:
            unique.append(m)
    return unique


def _subject_of(token: Token) -> Token | None:
    """The subject of the clause ``token`` belongs to (climbing conjuncts and open complements)."""
    seen = 0
    while seen < 6:
        seen += 1
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubj:pass"):
                if child.pos_ == "PRON" and token.dep_.startswith("acl"):
                    return token.head
                return child
        if token.dep_.startswith("acl") and token.head.i != token.i:
            return token.head
        if token.dep_ in ("conj", "xcomp", "advcl", "obl", "obl:mod", "obl:arg", "obl:agent", "obj", "nmod") \
                and token.head.i != token.i:
            token = token.head
            continue
        return None
    return None


def _agent_of(verb: Token) -> Token | None:
    """The agent of a passive verb ("lancé par A"), if the parse shows one."""
    for child in verb.children:
        if child.dep_ == "obl:agent" or (child.dep_.startswith("obl")
                                         and any(c.lower_ == "par" and c.dep_ == "case" for c in child.children)):
            return child
    return None


def _copula_of(cue_token: Token) -> Token | None:
    """The "être" a noun cue is the subject of, when it comes after the cue ("les membres de B sont ...")."""
    if not cue_token.dep_.startswith("nsubj"):
        return None
    return next((c for c in cue_token.head.children if c.dep_ == "cop" and c.i > cue_token.i), None)


def _holder_token(cue_token: Token) -> Token | None:
    """The token a noun cue is said of: the head of an apposition, the agent of the passive verb the
    cue hangs on, else the subject of its clause."""
    if cue_token.dep_ in ("appos", "acl") and cue_token.head.i != cue_token.i:
        return cue_token.head
    if cue_token.dep_.startswith("obl") and cue_token.head.pos_ in ("VERB", "AUX"):
        agent = _agent_of(cue_token.head)
        if agent is not None and agent.i != cue_token.i:
            return agent
    return _subject_of(cue_token)


def _voice(cue: lexicon.Cue, cue_token: Token, skipped: list[Token]) -> str:
    """ "active", "passive" (the doer follows: "fondée par A", "abritée chez A") or "agentless"."""
    for k, t in enumerate(skipped):
        after = [u for u in skipped[k + 1:k + 3]]
        word = after[1] if len(after) > 1 and after[0].pos_ == "DET" else (after[0] if after else None)
        if t.lower_ in lexicon.PASSIVE_AGENT and (word is None or word.lower_ not in lexicon.PAR_IDIOMS):
            return "passive"
    participle = "Part" in cue_token.morph.get("VerbForm")
    has_avoir = any(c.lemma_ == "avoir" for c in cue_token.children if c.dep_.startswith("aux"))
    if cue.kind == "HOSTS" and participle and not has_avoir and skipped and skipped[0].pos_ == "ADP":
        return "passive"
    if any(c.dep_ == "aux:pass" for c in cue_token.children):
        return "agentless"
    return "active"


def _unbracketed(tokens: list[Token]) -> list[Token]:
    """``tokens`` without those inside brackets ("en partenariat (co-pilotage) avec A")."""
    out, depth = [], 0
    for t in tokens:
        depth += t.text == "("
        if depth == 0:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


def _complement_gap(cue: lexicon.Cue, cue_token: Token, skipped: list[Token]) -> bool:
    """Whether the words between a noun cue and the next actor make that actor its complement:
    a preposition first (unless the cue ends with one), then only function words, designators
    ("l'association"), brackets, or the verb the cue is the subject of."""
    def own(t: Token) -> bool:
        return t.pos_ in ("AUX", "VERB", "PRON") and (t.i == cue_token.head.i or t.head.i == cue_token.head.i)

    def modifier(t: Token) -> bool:  # "l'apport financier déjà décidé de A"
        return t.pos_ in ("ADV", "ADJ") or (t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm"))

    words = [t for t in _unbracketed(skipped) if not t.is_punct and not own(t) and not modifier(t)]
    if cue.words[-1] not in _PREPOSITIONS and (not words or words[0].pos_ != "ADP"):
        return False
    return all(t.pos_ in ("ADP", "DET", "ADV", "CCONJ") or t.lower_ in _LIST_WORDS for t in words)


def _beneficiaries(index: MentionIndex, pos: int, limit: int) -> list[Mention]:
    """The actors after "à" / "au" that follow a noun cue's complement ("de A au pôle B")."""
    doc = index.doc
    if pos >= limit or doc[pos].lower_ not in lexicon.BENEFICIARY:
        return []
    for k in range(pos + 1, min(limit, pos + 6)):
        m = index.at.get(k)
        if m is not None:
            return _list_from(index, m, limit)
        if doc[k].pos_ not in ("DET", "NOUN", "ADP", "ADJ", "PUNCT"):
            return []
    return []


def _relative_sides(index: MentionIndex, sent: Span, start: int) -> tuple[list[Mention], list[Mention]]:
    """ "B, une SCIC dont A est sociétaire": (holder A, complement B) around a "dont" before the cue."""
    doc = index.doc
    for pos in range(start - 1, max(sent.start, start - 8) - 1, -1):
        if doc[pos].lower_ == "dont":
            holders = index.within(pos + 1, start)
            before = _left_pattern(index, pos, max(0, pos - _LEFT_GAP), crossing_lines=True)
            return holders, before[:1]
    return [], []


def _pairs(sources: list[Mention], kind: str, targets: list[Mention], cue: str, method: str) -> Iterator[Found]:
    for s in sources:
        for t in targets:
            yield Found(s, kind, t, cue, method)


def _left_side(index: MentionIndex, sent: Span, cue: lexicon.Cue, cue_token: Token, start: int,
               right: list[Mention]) -> tuple[list[Mention], str] | None:
    """The actors on the doer/holder side of a cue and the method that found them.

    The parse's subject (or the head of an apposition) when it names actors; nothing
    when it names something else ("le projet", "il"), so that no nearer actor is taken
    by mistake; otherwise the nearest actor before the cue. None when the subject
    follows the verb (inversion, "auquel adhère A"), which :func:`_inverted` reads.
    """
    doc = index.doc
    if cue.verb and any(doc[i].lower_ in _OBLIQUE_RELATIVES for i in range(max(sent.start, start - 3), start)):
        return None
    copula = _copula_of(cue_token) if not cue.verb else None
    if copula is not None:  # "les adhérents de B sont A, C (D, E) et F": the predicate names the holders
        predicate = index.within(copula.i + 1, min(sent.end, cue_token.head.right_edge.i + 1))
        return [m for m in predicate if m not in right and m.target_type == "actor"], "dependency"
    head = _subject_of(cue_token) if cue.verb else _holder_token(cue_token)
    if head is None and not cue.verb and cue_token.dep_.startswith("nsubj"):
        return [], "dependency"  # "(après A, B et C,) un partenariat se dessine avec D": no holder is said
    nearest = [m for m in _left_pattern(index, start, sent.start) if m not in right]
    if head is None or (cue.verb and head.i > start):  # no subject, or one after the verb: a parse error
        return nearest, "pattern"
    left = [m for m in _mentions_of(index, head) if m not in right and m.target_type == "actor"]
    if left:
        return left, "dependency"
    shared = _coordinated_subject(index, sent, start) if cue.verb else None
    if shared is not None and shared not in right:
        return [shared], "pattern"
    owner = _owner_of_demonstrative(index, head)
    if owner is not None and owner not in right:
        return [owner], "pattern"
    if head.pos_ in ("NOUN", "PRON") and head.i < start:
        return [], "dependency"
    return nearest, "pattern"


def _owner_of_demonstrative(index: MentionIndex, head: Token) -> Mention | None:
    """The body a demonstrative subject belongs to: in "le plan bois pour le Pays X. Ce plan bois sera
    financé par A", "ce plan" is the plan said before to be for (or of) X, so X is the one funded."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in lexicon.DEMONSTRATIVES for c in head.children):
        return None
    doc = index.doc
    for k in range(head.i - 2, max(-1, head.i - _OWNER_WINDOW), -1):
        if doc[k].lemma_ != head.lemma_ or doc[k].pos_ != "NOUN":
            continue
        for j in range(k + 1, min(head.i, k + 5)):
            if doc[j].lower_ in lexicon.OWNER_PREPOSITIONS:
                m = next((index.at[i] for i in range(j + 1, min(head.i, j + 3)) if i in index.at), None) \
                    or _demonstrative(index, j + 1)
                if m is not None and m.target_type == "actor" and not m.person:
                    return _anaphor(m, m.start, m.end)
        return None
    return None


def _coordinated_subject(index: MentionIndex, sent: Span, start: int) -> Mention | None:
    """The subject of the previous clause when a verb is coordinated to it without its own subject
    ("A est membre de B et participe aussi à C": A), read as the nearest actor before "et" that a
    conjugated verb follows (after an optional bracket: "A (sigle) est ...")."""
    doc = index.doc
    pos = start - 1
    while pos > sent.start and doc[pos].pos_ in ("ADV", "PRON"):
        pos -= 1
    if doc[pos].lower_ not in ("et", "puis", "mais"):
        return None
    for k in range(pos - 1, sent.start - 1, -1):
        m = index.at.get(k)
        if m is None or m.start != k or m.target_type != "actor":
            continue
        if not doc[m.start:m.end].root.dep_.startswith("nsubj"):
            continue
        after = m.end
        if after < sent.end and doc[after].text == "(":
            after = next((j + 1 for j in range(after, min(sent.end, after + 8)) if doc[j].text == ")"), after)
        while after < sent.end and index.at.get(after) is not None and index.at[after].key == m.key:
            after = index.at[after].end
        if after < sent.end and _finite(doc[after]):
            return m
    return None


def _inverted(index: MentionIndex, sent: Span, cue: lexicon.Cue, start: int, right: list[Mention]) -> Iterator[Found]:
    """ "le PTCE, auquel adhère le Pays": the subject follows the verb, the other side is the antecedent."""
    antecedent = [m for m in _left_pattern(index, start, sent.start, crossing_lines=True) if m not in right][:1]
    doers, patients = right, antecedent
    sources, targets = (doers, patients) if cue.doer_is_source else (patients, doers)
    yield from _pairs(sources, cue.kind, targets, cue.label, "dependency")


def _read_cue(index: MentionIndex, sent: Span, cue: lexicon.Cue, start: int, end: int,
              cue_starts: dict[int, lexicon.Cue]) -> Iterator[Found]:
    """The links one cue occurrence states, in the taxonomy's direction."""
    doc = index.doc
    cue_token = doc[start]
    if not cue.verb:
        cue_token = next((doc[i] for i in range(start, end) if doc[i].pos_ in ("NOUN", "PROPN", "ADJ")), cue_token)
    right, skipped = _right_side(index, end, sent.end, cue_token)
    inner = [t for t in skipped if t.i in cue_starts and cue_starts[t.i].kind != cue.kind
             and not (t.dep_ == "conj" and t.head.i == cue_token.i)]
    co_doer = cue.verb and cue.kind != "PARTNER_OF" and any(t.lower_ == "avec" for t in skipped)
    if inner or co_doer or (cue.verb and any(t.lower_ in lexicon.OFF_TOPIC for t in skipped)):
        return  # a nearer cue speaks for the actors ("soutenu par un financement de A"), unless coordinated
    possessive = not cue.verb and cue.kind in _BELONGING and _possessive(cue_token)
    if not cue.verb and right and not (possessive and not skipped) and not _complement_gap(cue, cue_token, skipped):
        return  # "l'initiative Metz Mécènes", "ses membres sur l'éco-conception, et le Pays": no complement
    if not right and cue.kind == "PARTICIPATES_IN":  # "participe au groupe de travail X du pôle A": in A
        whole = _whole_of_component(index, end, sent.end)
        side = _left_side(index, sent, cue, cue_token, start, whole) if whole else None
        if side is not None:
            yield from _pairs(side[0], cue.kind, whole, cue.label, "pattern")
        return
    if not right:
        if possessive:  # "A agit par ses filiales, qui forment le groupe B": B is part of A
            groups = _formed_groups(index, sent, end)
            yield from _pairs(groups, cue.kind, _left_pattern(index, start, sent.start)[-1:], cue.label, "pattern")
        elif not cue.verb:  # "B, une SCIC dont A est sociétaire"
            holders, complement = _relative_sides(index, sent, start)
            yield from _noun_links(cue, holders, complement, False, "pattern")
        return
    if any(t.lower_ == "entre" for t in skipped) and len(right) > 1:
        yield from _pairs(right[:1], cue.kind, right[1:], cue.label, "pattern")
        return
    if not cue.verb and not cue.doer_is_source:
        beneficiaries = _beneficiaries(index, right[-1].end, sent.end)
        if beneficiaries:  # "l'apport financier de A au pôle B"
            yield from _pairs(right, cue.kind, beneficiaries, cue.label, "pattern")
            return
    side = _left_side(index, sent, cue, cue_token, start, right)
    if side is None:
        yield from _inverted(index, sent, cue, start, right)
        return
    left, method = side
    if possessive:  # "A et ses membres B et C": B and C are members of A
        yield from _pairs(right, cue.kind, left[:1], cue.label, method)
        return
    if not cue.verb:
        if left:
            marked = any(doc[i].lower_ in lexicon.DOER_MARKERS for i in range(max(sent.start, start - 3), start))
            yield from _noun_links(cue, left, right, marked, method)
        return
    voice = "active" if cue.kind == "LOCATED_IN" else _voice(cue, cue_token, skipped)  # "A est situé à B"
    if voice == "agentless":
        return
    doers, patients = (right, left) if voice == "passive" else (left, right)
    sources, targets = (doers, patients) if cue.doer_is_source else (patients, doers)
    yield from _pairs(sources, cue.kind, targets, cue.label, method)
    doers = [m for m in doers if not m.person]
    if cue.kind == "GOVERNS" and len(doers) > 1:  # co-pilots are partners, whatever they steer
        yield from _pairs(doers[:1], "PARTNER_OF", doers[1:], cue.label, method)
    if cue.kind == "FOUNDED" and len(doers) > 1 and not patients:  # co-founders of a joint approach are partners
        for k, doer in enumerate(doers[:-1]):
            yield from _pairs([doer], "PARTNER_OF", doers[k + 1:], cue.label, method)


def _whole_of_component(index: MentionIndex, end: int, limit: int) -> list[Mention]:
    """The body whose part follows a cue ("dans le volet X (...) du pôle A", "au groupe de travail
    X de l'agence A"): a preposition, a noun of a component, then within a few words "de" and A."""
    doc = index.doc
    pos = end
    while pos < limit and pos < end + 3 and doc[pos].pos_ in ("ADP", "DET", "ADV"):
        pos += 1
    if pos == end or pos >= limit or doc[pos].lemma_.lower() not in lexicon.COMPONENTS:
        return []
    depth = 0
    for k in range(pos + 1, min(limit, pos + _COMPONENT_GAP)):
        token = doc[k]
        depth += (token.text == "(") - (token.text == ")")
        if depth > 0 or token.text == ")":
            continue
        if _is_clause_break(token) or _finite(token) or token.i in index.at:
            return []
        if token.lower_ in ("de", "du", "des", "d'", "d’"):
            return next(([index.at[j]] for j in range(k + 1, min(limit, k + 8)) if j in index.at
                         and index.at[j].target_type == "actor" and not index.at[j].person), [])
    return []


def _possessive(cue_token: Token) -> bool:
    """Whether a noun cue has a possessive determiner ("ses filiales", "leurs membres")."""
    return any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in cue_token.children)


def _formed_groups(index: MentionIndex, sent: Span, end: int) -> list[Mention]:
    """The actors a relative clause right after a cue says its referents form ("qui forment le groupe A")."""
    doc = index.doc
    pos = end + (end < sent.end and doc[end].text == ",")
    if pos + 1 >= sent.end or doc[pos].lower_ != "qui" or doc[pos + 1].lemma_ not in lexicon.FORMING:
        return []
    return next((_list_from(index, index.at[k], sent.end) for k in range(pos + 2, min(sent.end, pos + 5))
                 if k in index.at and index.at[k].target_type == "actor"), [])


def _noun_links(cue: lexicon.Cue, holders: list[Mention], complement: list[Mention], marked: bool,
                method: str) -> Iterator[Found]:
    """Links of a noun cue: holder -> complement, or the reverse when the complement is the doer
    ("financement de l'État") or a marker says so ("avec le soutien de A")."""
    holder_is_source = cue.doer_is_source and not marked
    sources, targets = (holders, complement) if holder_is_source else (complement, holders)
    yield from _pairs(sources, cue.kind, targets, cue.label, method)


# --------------------------------------------------------------------------- person functions

def _title_kind(words: list[str]) -> str:
    """GOVERNS for a head title alone ("présidente", "directrice générale"), MEMBER_OF for any other function."""
    if not words:
        return "MEMBER_OF"
    first = words[0].lstrip("*_(").lower()
    rest = [w.strip("*_()").lower() for w in words[1:] if w.strip("*_()")]
    if first in lexicon.HEAD_TITLES and not any(w in lexicon.SUBORDINATE for w in rest) \
            and all(w in lexicon.HEAD_QUALIFIERS for w in rest):
        return "GOVERNS"
    return "MEMBER_OF"


_FUNCTION_PREPS = frozenset({"de", "du", "des", "d'", "d’", "à", "a", "au", "aux", "chez", "auprès", "la", "le",
                             "l'", "l’", "les", "pour", "(", ")", "*", "_", "[", "]"})


def _names_next(index: MentionIndex, pos: int) -> bool:
    """Whether an actor is named within two tokens after ``pos`` ("et l'INRAE")."""
    return any(i in index.at for i in range(pos + 1, min(len(index.doc), pos + 4)))


def _title_next(doc: Doc, pos: int) -> bool:
    """Whether a person's function follows ``pos`` ("et chercheuse associée à B")."""
    return pos + 1 < len(doc) and (doc[pos + 1].lower_ in lexicon.TITLES or doc[pos + 1].lower_ in lexicon.HEAD_TITLES)


def _person_group(index: MentionIndex, person: Mention, limit: int) -> list[Mention]:
    """The people listed just before ``person`` ("A, B et C") and ``person`` itself."""
    group = [person]
    pos = person.start - 1
    while pos >= limit:
        token = index.doc[pos]
        m = index.at.get(pos)
        if m is not None and m.person:
            group.insert(0, m)
            pos = m.start - 1
        elif token.text in _PERSON_LIST:
            pos -= 1
        else:
            break
    return group


_CIVILITIES = frozenset({"m.", "m", "mme", "mme.", "mlle", "monsieur", "madame", "dr", "pr"})


def _joined_by_et(doc: Doc, m: Mention) -> bool:
    """Whether a person mention follows "et" without a comma before it ("A, directeur adjoint et B")."""
    pos = m.start - 1
    while pos > 0 and doc[pos].lower_ in _CIVILITIES:
        pos -= 1
    return pos > 0 and doc[pos].lower_ == "et" and doc[pos - 1].text != ","


def _ends_function(token: Token, person: Mention, opened: bool, found_any: bool, index: MentionIndex) -> bool:
    """Whether ``token`` ends the function that follows a person's name."""
    if _is_clause_break(token) or _finite(token) or (token.text == ")" and opened):
        return True
    if token.lower_ in _RELATIVES or token.lower_ in _FORMER or token.lower_.startswith(("ex-", "ex–")):
        return True
    if token.lower_ not in _TAIL_STOPS:
        return False
    first = token.i == person.end + 1  # "A, et des réseaux B": a list goes on, no function
    return first or (found_any and not _names_next(index, token.i) and not _title_next(index.doc, token.i))


def _function_links(index: MentionIndex, sent: Span, person: Mention) -> Iterator[Found]:
    """ "A, présidente de B", "A, chargé de mission à B, C", "A (B)", "A, B": the body or bodies A works in.

    The tail after the name is read as comma-separated segments; a segment's title
    applies to the bodies it names, or to the next segment when that one is a bare body
    ("Directeur du développement, Charbonnages de France"). A place ends a function too
    ("maire de X": GOVERNS the place). Another person joined by "et" before any body
    shares that body ("A, directeur adjoint et B, acheteur à C": both work at C).
    """
    doc = index.doc
    pos = person.end
    if pos >= sent.end or doc[pos].text not in (",", "(", "-", "–"):
        return
    opened = doc[pos].text == "("
    pos += 1
    words: list[str] = []
    pending: list[str] = []
    own: list[str] | None = None
    gap = 0
    found_any = False
    last_key = ""
    while pos < sent.end and gap <= _FUNCTION_GAP:
        m = index.at.get(pos)
        if m is None:
            token = doc[pos]
            if _ends_function(token, person, opened, found_any, index):
                return
            if token.text == "," or (found_any and token.lower_ == "et"):
                pending, words = (words or pending), []
            elif token.text not in ("(", ")", "*", "_", "[", "]") and not token.is_space:
                words.append(token.text)
            gap += 1
            pos += 1
            continue
        pos = m.end
        if doc[m.start].lower_.startswith(("ex-", "ex–")):
            return  # "(ex-University College)": a former seat
        if found_any and m.key == last_key:
            continue
        if m.person:
            if found_any or not _joined_by_et(doc, m):
                return
            own = own if own is not None else words or pending
            words, pending = [], []
            continue
        title = own if own is not None else (words or pending)
        kind = _title_kind([w for w in title if w.lower() not in _FUNCTION_PREPS])
        for p in _person_group(index, person, sent.start):
            yield Found(p, kind, m, " ".join(title) or ",", "function")
        found_any, last_key = True, m.key
        words, pending, gap = [], [], 0


def _roster_links(index: MentionIndex, body: Mention) -> Iterator[tuple[Found, int]]:
    """ "B : A (directrice), C et D" on one line: each person is a member of B (head titles govern it)."""
    doc = index.doc
    pos = body.end
    while pos < len(doc) and pos < body.end + 4 and doc[pos].text != ":":
        if "\n" in doc[pos - 1].whitespace_ or doc[pos].pos_ not in ("PROPN", "PUNCT", "NOUN"):
            return
        pos += 1
    if pos >= len(doc) or doc[pos].text != ":":
        return
    line_end = doc.text.find("\n", doc[pos].idx)
    line_end = len(doc.text) if line_end < 0 else line_end
    pos += 1
    while pos < len(doc) and doc[pos].idx < line_end:
        m = index.at.get(pos)
        if m is None or m.target_type != "actor":
            pos = m.end if m is not None else pos + 1
            continue
        if not m.person:
            return
        words: list[str] = []
        nxt = m.end
        if nxt < len(doc) and doc[nxt].text == "(":
            nxt += 1
            while nxt < len(doc) and doc[nxt].text != ")" and doc[nxt].idx < line_end:
                if doc[nxt].text not in ("*", "_"):
                    words.append(doc[nxt].text)
                nxt += 1
        kind = _title_kind(words) if words else "MEMBER_OF"
        yield Found(m, kind, body, " ".join(words) or ":", "pattern"), m.start
        pos = m.end


def _heading_of(index: MentionIndex, m: Mention) -> Mention | None:
    """The first body of ``m``'s line when that line holds little but names, as a section title does."""
    doc = index.doc
    first, last = doc[m.start], doc[m.end - 1]
    line_start = doc.text.rfind("\n", 0, first.idx) + 1
    line_end = doc.text.find("\n", last.idx + len(last.text))
    line_end = len(doc.text) if line_end < 0 else line_end
    line = doc.char_span(line_start, line_end, alignment_mode="expand")
    if line is None:
        return None
    names = [x for x in index.within(line.start, line.end) if not x.person and x.target_type == "actor"]
    rest = sum(len(t.text) for t in line if t.i not in index.at)
    return names[0] if names and rest <= 8 else None


def _header_links(index: MentionIndex, person: Mention) -> Iterator[Found]:
    """ "Président : A" on its own line, under a body's name: A governs the nearest body named above
    (the first body of that line when the line is a heading such as "Pays X / PNR Y")."""
    doc = index.doc
    if person.start < 2 or doc[person.start - 1].text != ":":
        return
    run = []
    for t in reversed(doc[max(0, person.start - 6):person.start - 1]):
        if t.is_punct or t.is_space or "\n" in t.whitespace_:
            break
        run.insert(0, t.text)
    titled = [k for k, w in enumerate(run) if w.lower() in lexicon.HEAD_TITLES or w.lower() in lexicon.TITLES]
    if not titled:
        return
    words = run[titled[0]:]
    body = _body_above(index, person.start - 3)
    if body is not None:
        yield Found(person, _title_kind([w for w in words if w.lower() not in _FUNCTION_PREPS]), body,
                    " ".join(words) + " :", "context")


def _body_above(index: MentionIndex, pos: int) -> Mention | None:
    """The nearest body named before token ``pos`` within a header's reach (the first body of its
    line when that line is a heading such as "Pays X / PNR Y")."""
    doc = index.doc
    floor = doc[pos + 1].idx - _HEADER_WINDOW if pos + 1 < len(doc) else 0
    while pos >= 0 and doc[pos].idx >= floor:
        m = index.at.get(pos)
        if m is not None and not m.person and m.target_type == "actor":
            return _heading_of(index, m) or m
        pos = (m.start if m is not None else pos) - 1
    return None


_TITLE_LINE = re.compile(r"[^\W\d_][^:\n]{0,40}?\s*:[ \t]*")


def _lines_after(text: str, start: int) -> Iterator[tuple[int, str]]:
    """The non-blank lines of ``text`` from character ``start`` on, with their start offsets."""
    for match in re.finditer(r"[^\n]+", text[start:]):
        if match.group().strip():
            yield start + match.start(), match.group()


def _column_header_links(index: MentionIndex, person: Mention) -> Iterator[tuple[Found, int]]:
    """A header whose columns the text layer split: lines that each hold one person's name, then as
    many lines "Présidente :", "Directrice :" with nothing after; the i-th person has the i-th title
    in the body named above. Yields the links and the token of each person."""
    doc = index.doc
    if "\n" not in doc[person.end - 1].whitespace_ and not (person.end < len(doc) and doc[person.end].is_space):
        return  # the name does not end its line
    text = doc.text
    first = doc[person.start]
    line_start = text.rfind("\n", 0, first.idx) + 1
    if text[line_start:first.idx].strip() or (line_start > 1 and _person_line(index, text, line_start - 2)):
        return  # not alone on its line, or not the first name of the block
    people: list[Mention] = []
    titles: list[str] = []
    for offset, line in _lines_after(text, line_start):
        m = _person_line(index, text, offset)
        if m is not None and not titles:
            people.append(m)
        elif _TITLE_LINE.fullmatch(line.strip()) and len(titles) < len(people):
            titles.append(line.strip()[:-1].strip())
        else:
            break
    if len(people) < 2 or len(titles) != len(people) \
            or not all(t.split()[0].lower() in lexicon.HEAD_TITLES | lexicon.TITLES for t in titles):
        return
    body = _body_above(index, person.start - 1)
    if body is None:
        return
    for m, title in zip(people, titles):
        yield Found(m, _title_kind(title.split()), body, title + " :", "context"), m.start


def _person_line(index: MentionIndex, text: str, char: int) -> Mention | None:
    """The person named alone on the line that holds character ``char``."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    end = len(text) if end < 0 else end
    span = index.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    names = index.within(span.start, span.end)
    if len(names) != 1 or not names[0].person:
        return None
    tokens = [t for t in span if not t.is_space]
    return names[0] if tokens and tokens[0].i == names[0].start and tokens[-1].i == names[0].end - 1 else None


_OF = re.compile(r"-(?:de-la|de-l|de|du|des|d)-")


def _wholes(slug: str, by_slug: dict[str, str]) -> list[str]:
    """Keys of the actors whose name ends ``slug`` after "de", "du", "des", "de la" or "de l'"."""
    return [by_slug[slug[m.end():]] for m in _OF.finditer(slug) if slug[m.end():] in by_slug]


def _named_parts(doc: Doc, index: MentionIndex) -> Iterator[tuple[Found, int]]:
    """ "Conseil de développement du Pays X" when "Pays X" is an actor too: the body is part of it.

    Only governance bodies and research units take this reading (an "Agence d'urbanisme de
    la Métropole" is a body of its own). Yields the link and the token of A's first mention.
    """
    actors = doc._.actors if Doc.has_extension("actors") and doc._.actors else {}
    by_slug: dict[str, str] = {}
    for key, actor in actors.items():
        if "personne" not in actor.kinds[:1]:
            for form in (actor.name, *actor.aliases):
                by_slug.setdefault(slugify(form), key)
    first = {}
    for m in index.mentions:
        first.setdefault(m.key, m)
    for key, actor in actors.items():
        if key not in first or not set(actor.kinds[:1]) & PART_KINDS - {"agence"}:
            continue
        wholes = [first[w] for form in (actor.name, *actor.aliases) for w in _wholes(slugify(form), by_slug)
                  if w != key and w in first]
        whole = wholes[0] if wholes else _designated_whole(index, first[key], actor)
        if whole is not None:
            yield Found(first[key], "PART_OF", whole, "de", "pattern"), first[key].start


def _designated_whole(index: MentionIndex, part: Mention, actor) -> Mention | None:
    """For "Conseil de développement du Pays" (the name ends with a bare designator): the nearest
    body named before it whose name starts with that designator ("Pays X"), as an anaphor."""
    tails = {slugify(form)[m.end():] for form in (actor.name, *actor.aliases) for m in _OF.finditer(slugify(form))}
    tails &= lexicon.DESIGNATED_KINDS.keys() | {slugify(k) for k in lexicon.DESIGNATED_KINDS}
    if not tails:
        return None
    actors = index.doc._.actors
    for m in reversed(index.mentions):
        if m.start < part.start and m.key != part.key and m.target_type == "actor" and not m.person \
                and slugify(actors[m.key].name).split("-")[0] in tails and "-" in slugify(actors[m.key].name):
            return _anaphor(m, m.start, m.end)
    return None


def _part_links(index: MentionIndex, sent: Span, mentions: list[Mention]) -> Iterator[Found]:
    """ "A de B": A is a body of B when A is a governance body, a laboratory or a service."""
    doc = index.doc
    for a, b in zip(mentions, mentions[1:]):
        if a.person or b.person or b.target_type != "actor" or not set(a.kinds[:1]) & PART_KINDS:
            continue
        gap = [t.lower_ for t in doc[a.end:b.start]]
        if gap and gap[0] in ("de", "du", "des", "d'", "d’") and len(gap) <= 2:
            yield Found(a, "PART_OF", b, " ".join(gap), "pattern")


# --------------------------------------------------------------------------- assembly

def _valid(found: Found) -> bool:
    s, t = found.source, found.target
    if s.key == t.key or s.target_type != "actor":
        return False
    if (found.kind in ORGANISATION_LINKS and (s.person or t.person)) or (s.person and t.person):
        return False
    if t.target_type == "territory":
        return found.kind in ("LOCATED_IN", "GOVERNS")
    if t.target_type == "programme":
        return found.kind in ("PARTICIPATES_IN", "GOVERNS", "FUNDS")
    if found.kind == "LOCATED_IN":
        return False
    return not (found.kind == "GOVERNS" and t.person)


def _sentence_links(index: MentionIndex, sent: Span, mentions: list[Mention]) -> Iterator[Found]:
    """Every link the cues, the person functions and the sub-body pattern read in one sentence."""
    doc = index.doc
    matches = [m for m in cue_table().match(sent) if m[1] not in index.at
               and not (m[0].verb and doc[m[1]].lower_ in lexicon.TITLES)
               and (doc[m[1] - 1].lower_, m[0].words[0]) not in lexicon.IDIOMS_BEFORE]
    starts = {start: cue for cue, start, _ in matches}
    found = [f for cue, start, end in matches
             for f in _read_cue(index, sent, cue, start, end, {k: c for k, c in starts.items() if k != start})]
    yield from _joined_founders(found)
    for m in mentions:
        if m.person:
            yield from _function_links(index, sent, m)
    yield from _part_links(index, sent, mentions)


def _joined_founders(found: list[Found]) -> Iterator[Found]:
    """The links of one sentence, where joining a founder ("fondée par A, auquel s'est joint B")
    is membership of the founded body: B is a member of what A founded. "Se joindre" states a
    link only so ("A, auquel s'est joint B" alone says nothing of a body)."""
    founded = {f.source.key: f.target for f in found if f.kind == "FOUNDED"}
    for f in found:
        if f.kind == "MEMBER_OF" and f.cue in lexicon.JOINING and f.target.key in founded:
            yield Found(f.source, f.kind, founded[f.target.key], f.cue, f.method)
        elif f.cue not in lexicon.JOINING_FOUNDERS_ONLY:
            yield f


def segments(doc: Doc) -> list[Span]:
    """The reading units: runs of tokens between sentence-final punctuation or paragraph breaks.

    They do not rely on the parser's sentence boundaries, which break at brackets,
    line ends and headings of extracted PDF text.
    """
    out: list[Span] = []
    start = 0
    for token in doc:
        end_here = token.text in (".", ";", "!", "?", "…") or "\n\n" in token.whitespace_ \
            or (token.is_space and "\n\n" in token.text)
        if end_here:
            if token.i + 1 > start:
                out.append(doc[start:token.i + 1])
            start = token.i + 1
    if start < len(doc):
        out.append(doc[start:])
    return out


def _document_id(doc: Doc, document: str | None) -> str:
    if document is not None:
        return document
    value = doc.user_data.get("document", "") if isinstance(doc.user_data, dict) else ""
    return getattr(value, "id", value) or ""


def extract_links(doc: Doc, document: str | None = None, cooccurrence: bool = False) -> list[Link]:
    """The links the document states between its actors (and towards programmes and territories).

    ``document`` is the document id of the evidence (default: ``doc.user_data["document"]``,
    an id or a :class:`~maillage.graph.model.Document`). Evidence spans are character
    offsets of the sentence in ``doc.text``. With ``cooccurrence``, actors that
    share a sentence and no other link get a weak ``PARTNER_OF`` (method ``cooccurrence``).
    """
    document = _document_id(doc, document)
    index = MentionIndex(doc, collect_mentions(doc))
    links: dict[tuple[str, str, str], Link] = {}

    def add(found: Found, sent: Span) -> None:
        if not _valid(found):
            return
        source, target = found.source.key, found.target.key
        if found.kind == "PARTNER_OF" and target < source:
            source, target = target, source
        link = links.setdefault((source, found.kind, target),
                                Link(source, found.kind, target, target_type=found.target.target_type))
        text = sent.text
        start = sent.start_char + len(text) - len(text.lstrip())
        sentence = text.strip()
        confidence = CONFIDENCE[found.method] * min(found.source.confidence, found.target.confidence)
        method = "pattern" if found.method in ("function", "context") else found.method
        evidence = Evidence(document, sentence, start, start + len(sentence), found.cue, round(confidence, 3), method)
        if evidence not in link.evidence:
            link.evidence.append(evidence)

    units = segments(doc)
    starts = [u.start for u in units]

    def unit_of(i: int) -> Span:
        return units[bisect_right(starts, i) - 1]

    for found, at in _named_parts(doc, index):
        add(found, unit_of(at))
    for m in index.mentions:
        if m.person:
            for found in _header_links(index, m):
                add(found, unit_of(m.start))
            for found, at in _column_header_links(index, m):
                add(found, unit_of(at))
        elif m.target_type == "actor":
            for found, at in _roster_links(index, m):
                add(found, unit_of(at))
    for sent in units:
        mentions = index.within(sent.start, sent.end)
        if len(mentions) < 2 and not (mentions and _designates(sent)):
            continue
        before = len(links)
        for found in _sentence_links(index, sent, mentions):
            add(found, sent)
        if cooccurrence and len(links) == before:
            for found in _cooccurrences(mentions):
                add(found, sent)
    return [link for key, link in links.items()
            if not (key[1] == "MEMBER_OF" and (key[0], "GOVERNS", key[2]) in links)]


def _cooccurrences(mentions: list[Mention]) -> Iterator[Found]:
    actors = [m for m in mentions if m.target_type == "actor" and not m.person]
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            yield Found(a, "PARTNER_OF", b, "", "cooccurrence")
