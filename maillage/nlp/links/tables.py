"""Links a table states by its header (:mod:`maillage.nlp.tables`).

Definitions: a header cell *states a relation* when one of its words is a noun cue of the lexicon
(:data:`maillage.nlp.cues.CUES`: "Partenaires associés", "Financeurs", "Membres", "Bénéficiaire").
The *head* of a row is the first organisation its first cell names.

- a column after the first whose header states a relation links the head of each row to each actor
  its cell names ("Porteur | Partenaires associés" then "A | B ; C": A and B, A and C are partners);
  the actors of the cell hold the noun ("B is a partner of A");
- a first column whose header states a relation links the head of each row to the body the document
  is about (:mod:`.subject`), as a guess at the confidence of context ("Bénéficiaire | Montant" in a
  foundation's report: the foundation funds each row's head).
"""
from __future__ import annotations

from typing import Iterator

from maillage.nlp import cues as lexicon
from maillage.nlp.links.mentions import Found, Mention, MentionIndex
from maillage.nlp.tables import Cell, tables

#: Noun cues by word (lemma or form): (kind, whether the actor the noun is said of is the source).
_NOUNS = {cue.words[0]: (cue.kind, cue.doer_is_source) for cue in lexicon.CUES if not cue.verb and len(cue.words) == 1}


def _header_cue(index: MentionIndex, cell: Cell) -> tuple[str, bool, str] | None:
    """(kind, holder is source, word) of the first noun cue among the words of a header cell, or None."""
    span = index.doc.char_span(*cell, alignment_mode="contract")
    for token in span if span is not None else ():
        for word in (token.lemma_.lower(), token.lower_):
            if word in _NOUNS:
                return (*_NOUNS[word], token.text)
    return None


def _actors(index: MentionIndex, cell: Cell) -> list[Mention]:
    span = index.doc.char_span(*cell, alignment_mode="contract")
    if span is None:
        return []
    return [m for m in index.within(span.start, span.end) if m.target_type == "actor"]


def table_links(index: MentionIndex) -> Iterator[tuple[Found, int]]:
    """The links of the tables of the text (module docstring), each with the token of its row's head."""
    for rows in tables(index.text):
        cues = [_header_cue(index, cell) for cell in rows[0]]
        if not any(cues):
            continue
        subject = index.speaker() if index.subject else None
        for row in rows[1:]:
            heads = [m for m in _actors(index, row[0]) if not m.person]
            if not heads:
                continue
            head = heads[0]
            for j, cue in enumerate(cues):
                if cue is None:
                    continue
                kind, holder_is_source, word = cue
                if j == 0:
                    pairs, method = ([(head, subject)] if subject is not None else []), "context"
                else:
                    pairs, method = [(m, head) for m in _actors(index, row[j])], "pattern"
                for holder, other in pairs:
                    source, target = (holder, other) if holder_is_source else (other, holder)
                    yield Found(source, kind, target, word, method), head.start
