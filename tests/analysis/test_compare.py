"""Territories side by side: kinds and practices."""
from maillage.graph.analysis import compare
from maillage.graph.model import Programme


def test_kinds_and_practices(build):
    build.territory("t1", "Vallon").territory("t2", "Plateau")
    build.actor("cl", "cluster", where=["t1"], name="Cluster Bois")
    build.actor("pep", "association", where=["t1"], name="Pépinière d'entreprises du Vallon")
    build.actor("amap", "association", where=["t1"], name="AMAP des Collines")
    build.actor("ptce", "ptce", "scic", where=["t2"], name="PTCE du Plateau")
    build.actor("ge", "reseau_entreprises", where=["t2"], name="Groupement d'employeurs agricole")
    build.graph.programmes["programme:gpec"] = Programme("programme:gpec", "GPEC territoriale")
    build.link("ptce", "PARTICIPATES_IN", "programme:gpec", "programme")
    # an actor with no place, linked to the cluster: attached to Vallon, not counted as located there
    build.actor("bank", "relais").link("bank", "FUNDS", "cl")
    result = compare([build.project(territoire="Vallon"), build.project(territoire="plateau")])
    assert result.territoires == ["Vallon", "Plateau"] and result.actor_counts == [3, 2]
    kinds = {row.code: row.counts for row in result.kinds}
    assert kinds["cluster"] == [1, 0] and kinds["ptce"] == [0, 1] and kinds["scic"] == [0, 1]
    assert "relais" not in kinds
    practices = {row.code: (row.counts, row.examples) for row in result.practices}
    assert practices["incubateur"] == ([1, 0], [["Pépinière d'entreprises du Vallon"], []])
    assert practices["circuits_courts"][0] == [1, 0]
    assert practices["cluster"][0] == [1, 0] and practices["ptce"][0] == [0, 1]
    assert practices["groupement_employeurs"][0] == [0, 1]
    assert practices["plan_formation"] == ([0, 1], [[], ["GPEC territoriale"]])
    assert practices["tiers_lieu"][0] == [0, 0]


def test_cues_match_word_starts_only(build):
    # A cue matches at the start of a word only: "Mincubation" is not an incubator.
    build.territory("t", "Val").actor("x", "association", where=["t"], name="Association Mincubation")
    result = compare([build.project(territoire="Val")])
    assert {row.code: row.counts for row in result.practices}["incubateur"] == [0]
