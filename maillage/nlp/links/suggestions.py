"""Links the readers are not sure of, kept apart for review.

A *suggestion* is read in a clause window: a cue of the lexicon, each actor before it and each
actor after it inside the same clause (between clause-ending punctuation, within :data:`WINDOW`
tokens on each side); when no actor comes before the cue, the body that the text is about (the
one it names most often, as for "nous") stands on that side. The actor before the cue is the doer
or holder, unless "par" comes between the cue and the actor after it (a passive: "financé en 2020
par A"). A pair that a reader linked gets no suggestion; a denied cue gives none. Suggestions carry the method
``suggestion`` and a confidence of at most 0.4: they stay out of the analyses and of the default
export until a reviewer accepts them.

:func:`cooccurrences` (off by default) is the weaker fallback of every pair of organisations of a
sentence that no other reader linked.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Span

from maillage.nlp import cues as lexicon
from maillage.nlp.links.mentions import Found, Mention, MentionIndex, is_clause_break

#: How far from the cue, in tokens, the actors of a suggestion may be.
WINDOW = 30


def _side(index: MentionIndex, pos: int, limit: int, step: int) -> list[Mention]:
    """The actors from token ``pos`` towards ``limit`` (exclusive) inside the clause, nearest first."""
    doc = index.doc
    out: list[Mention] = []
    for _ in range(WINDOW):
        if pos == limit:
            break
        m = index.at.get(pos)
        if m is not None and m.target_type == "actor" and m not in out:
            out.append(m)
        if m is None and is_clause_break(doc[pos]):
            break
        pos = (m.end if step > 0 else m.start - 1) if m is not None else pos + step
    return out


def suggestions(index: MentionIndex, sent: Span, cues: list[tuple[lexicon.Cue, int, int]],
                linked: set[frozenset[str]]) -> Iterator[Found]:
    """The suggestions of the cues of a sentence: each actor before a cue (or the body the text is about)
    with each actor after it in its clause (module docstring); ``linked`` holds the pairs of actor keys
    already linked in the sentence."""
    doc = index.doc
    for cue, start, end in cues:
        rights = _side(index, end, sent.end, 1)
        lefts = _side(index, start - 1, sent.start - 1, -1)
        if not (rights or lefts):
            continue
        rights, lefts = rights or [index.speaker()], lefts or [index.speaker()]
        for left in lefts:
            for right in rights:
                if left is None or left.key == right.key:
                    continue
                if frozenset((left.key, right.key)) in linked:
                    continue
                passive = any(doc[k].lower_ in lexicon.PASSIVE_AGENT for k in range(end, right.start))
                doer, other = (right, left) if passive else (left, right)
                source, target = (doer, other) if cue.doer_is_source else (other, doer)
                yield Found(source, cue.kind, target, cue.label, "suggestion")


def cooccurrences(mentions: list[Mention]) -> Iterator[Found]:
    """Every pair of organisations of a sentence, as a weak PARTNER_OF (method ``cooccurrence``)."""
    actors = [m for m in mentions if m.target_type == "actor" and not m.person]
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            yield Found(a, "PARTNER_OF", b, "", "cooccurrence")
