"""Syntax of the clause around a cue, read on the dependency parse.

The subject of a clause (climbing conjuncts and open complements), the agent of a passive, the
copula a noun cue is the subject of, the holder of a noun cue (head of an apposition, subject),
the voice of a verb cue, the subject shared by coordinated verbs ("A est membre de B et
participe à C") and the owner of a demonstrative subject ("ce plan" said before to be X's).
"""
from __future__ import annotations


from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from maillage.nlp import cues as lexicon
from maillage.nlp.links.mentions import Mention, MentionIndex, anaphor, demonstrative, finite


_OWNER_WINDOW = 80


def mentions_of(index: MentionIndex, token: Token) -> list[Mention]:
    """The actors a subject token names: its own mention, or mentions in its noun phrase, plus its conjuncts
    (also those the parse coordinated to another word of the mention's name)."""
    out: list[Mention] = []
    for t in (token, *token.conjuncts):
        m = index.at.get(t.i)
        if m is not None:
            out.append(m)
            # a coordination the parse hung on a word inside the name ("la SCIC Bois Vert et la Communauté B")
            out += [index.at[c.i] for k in range(m.start, m.end) if k != t.i
                    for c in index.doc[k].conjuncts if c.i in index.at and not m.start <= c.i < m.end]
            continue
        for child in t.children:
            if child.dep_ in ("appos", "nmod", "flat:name", "amod") and child.i in index.at:  # "le cluster A"
                out.append(index.at[child.i])
    unique: list[Mention] = []
    for m in out:
        if m not in unique:
            unique.append(m)
    return unique


def subject_of(token: Token) -> Token | None:
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


def copula_of(cue_token: Token) -> Token | None:
    """The "être" a noun cue is the subject of, when it comes after the cue ("les membres de B sont ...")."""
    if not cue_token.dep_.startswith("nsubj"):
        return None
    return next((c for c in cue_token.head.children if c.dep_ == "cop" and c.i > cue_token.i), None)


def holder_token(cue_token: Token) -> Token | None:
    """The token a noun cue is said of: the head of an apposition, the agent of the passive verb the
    cue hangs on, else the subject of its clause."""
    if cue_token.dep_ in ("appos", "acl") and cue_token.head.i != cue_token.i:
        return cue_token.head
    if cue_token.dep_.startswith("obl") and cue_token.head.pos_ in ("VERB", "AUX"):
        agent = _agent_of(cue_token.head)
        if agent is not None and agent.i != cue_token.i:
            return agent
    return subject_of(cue_token)


def voice_of(cue: lexicon.Cue, cue_token: Token, skipped: list[Token]) -> str:
    """ "active", "passive" (the doer follows: "fondée par A", "abritée chez A") or "agentless"."""
    for k, t in enumerate(skipped):
        after = [u for u in skipped[k + 1:k + 3]]
        word = after[1] if len(after) > 1 and after[0].pos_ == "DET" else (after[0] if after else None)
        if t.lower_ in lexicon.PASSIVE_AGENT and (word is None or word.lower_ not in lexicon.PAR_IDIOMS):
            return "passive"
    participle = "Part" in cue_token.morph.get("VerbForm")
    has_avoir = any(c.lemma_ == "avoir" for c in cue_token.children if c.dep_.startswith("aux"))
    if participle and not has_avoir and any(t.lower_ in lexicon.AGENT_NOUNS for t in skipped):
        return "passive"  # "créée à l'initiative de A"
    if cue.kind == "HOSTS" and participle and not has_avoir and skipped and skipped[0].pos_ == "ADP":
        return "passive"
    if any(c.dep_ == "aux:pass" for c in cue_token.children):
        return "agentless"
    return "active"


def unbracketed(tokens: list[Token]) -> list[Token]:
    """``tokens`` without those inside brackets ("en partenariat (co-pilotage) avec A")."""
    out, depth = [], 0
    for t in tokens:
        depth += t.text == "("
        if depth == 0:
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out


def owner_of_demonstrative(index: MentionIndex, head: Token) -> Mention | None:
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
                    or demonstrative(index, j + 1)
                if m is not None and m.target_type == "actor" and not m.person:
                    return anaphor(m, m.start, m.end)
        return None
    return None


def coordinated_subject(index: MentionIndex, sent: Span, start: int) -> Mention | None:
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
        if after < sent.end and finite(doc[after]):
            return m
    return None


_NEGATION_REACH = 4


def negated(doc: Doc, start: int, end: int, sent: Span) -> bool:
    """Whether the cue at tokens ``[start, end)`` is denied: "ne"/"n'" within a few tokens before it and a
    negation word between them or right after the cue ("n'est plus membre", "ne participe pas à")."""
    for i in range(start - 1, max(sent.start, start - _NEGATION_REACH) - 1, -1):
        if doc[i].lower_ in ("ne", "n'", "n’"):
            return any(doc[k].lower_ in lexicon.NEGATIONS for k in range(i + 1, min(sent.end, end + 2)))
    return False


def fronted_participle(token: Token) -> bool:
    """Whether ``token`` is a past participle without auxiliary that opens its sentence or line, whose
    subject comes after it ("Piloté par A, le comité ...")."""
    if "Part" not in token.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in token.children):
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is None or before.text in (".", "!", "?", ";", ":", "»") or before.is_space \
        or "\n" in before.whitespace_


_PRONOUN_REACH = 80


#: Demonstrative pronouns that stand for the body named last ("Celui-ci était représenté par sa présidente").
_LATTER = frozenset({"celui", "celle", "ceux", "celles"})


def _is_latter(token: Token) -> bool:
    """Whether ``token`` starts "celui-ci", "celle-ci" (one token or three)."""
    doc = token.doc
    word = token.lower_
    if word.endswith("-ci"):
        return word[:-3] in _LATTER
    return word in _LATTER and doc[token.i + 1:token.i + 3].text.replace(" ", "") == "-ci"


def antecedent_subject(index: MentionIndex, pronoun: Token) -> Mention | None:
    """The body a subject pronoun ("elle", "il") stands for: the nearest organisation before it that is
    the subject of its clause, within a few sentences, as an anaphor; for "celui-ci", "celle-ci" (or a
    possessive in a clause they are the subject of), the organisation named last before it."""
    doc = index.doc
    subject = subject_of(pronoun.head) if pronoun.lower_ in lexicon.POSSESSIVES else None
    latter = _is_latter(pronoun) or (subject is not None and _is_latter(subject))
    for m in reversed(index.mentions[:bisect_right(index.starts, pronoun.i - 1)]):
        if pronoun.i - m.end > _PRONOUN_REACH:
            return None
        if m.target_type != "actor" or m.person:
            continue
        if latter or doc[m.start:m.end].root.dep_.startswith("nsubj"):
            return anaphor(m, m.start, m.end)
    return None
