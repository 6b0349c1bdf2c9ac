"""The cue table: a noun that looks like a verb form keeps its noun reading, the same in every run."""
from __future__ import annotations

from maillage.nlp.links.matching import cue_table


def test_a_noun_with_a_verb_ending_is_read_by_its_lemma_first(nlp):
    doc = nlp("Le projet reçoit un financement de la Région.")
    (hit,) = [h for h in cue_table().match(doc[:]) if doc[h[1]].text == "financement"]
    assert hit[0].kind == "FUNDS" and not hit[0].verb and hit[0].words == ("financement",)
