"""The cue lexicon (:mod:`maillage.nlp.cues`) compiled for matching on tokens.

:class:`CueTable` indexes the cues by their first word and finds the longest cue at each
position of a sentence, on lemma or lower-case form (a one-word verb cue also on its stem and a
first-group ending, for the forms the lemmatizer misses).
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span, Token

from maillage.nlp import cues as lexicon
from maillage.nlp.links.mentions import STOP_PUNCT


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
                and doc[i - 1].text not in STOP_PUNCT and "\n" not in doc[i - 1].whitespace_
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
