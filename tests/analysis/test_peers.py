"""Peers to convince on a hand-built graph of elected people and bodies."""
import pytest

from maillage.errors import InputError
from maillage.graph.analysis import peers


@pytest.fixture
def council(build):
    # E (convinced) and P1 sit on B1; C1 (convinced ally) sits on B1 and partners P2;
    # P3 is reachable only through P1 (unconvinced, does not relay); P4 is isolated.
    # 7 actors: degree centrality = degree / 6.
    build.actor("e", "personne", roles=["elu"], stance="convaincu")
    build.actor("p1", "personne", roles=["elu"], stance="indecis")
    build.actor("p2", "personne", roles=["elu"], stance="oppose")
    build.actor("p3", "personne", roles=["elu"])
    build.actor("p4", "personne", roles=["elu"], stance="indecis")
    build.actor("c1", "personne", roles=["elu"], stance="convaincu")
    build.actor("b1", "instance", name="Conseil de développement")
    build.link("e", "MEMBER_OF", "b1").link("p1", "MEMBER_OF", "b1").link("c1", "MEMBER_OF", "b1")
    build.link("c1", "PARTNER_OF", "p2").link("p1", "PARTNER_OF", "p3")
    return build


def test_ranking_paths_and_channels(council):
    result = peers(council.project(), "E")
    assert [p.id for p in result.peers] == ["p1", "p2"]
    p1, p2 = result.peers
    assert p1.influence == pytest.approx(2 / 6) and p1.distance == 2 and p1.score == pytest.approx(1 / 6)
    assert p1.paths == [["E", "Conseil de développement", "P1"]] and p1.channels == ["Conseil de développement"]
    assert p2.score == pytest.approx((1 / 6) * (1 / 3))
    assert p2.paths == [["E", "Conseil de développement", "C1", "P2"]] and p2.stance == "oppose"


def test_unconvinced_do_not_relay_and_unreachable_listed(council):
    result = peers(council.project(), "e")
    assert [(p.id, p.stance) for p in result.unreachable] == [("p3", "inconnu"), ("p4", "indecis")]


def test_several_shortest_paths(council):
    council.actor("b2", "collectivite", name="Agglo")
    council.link("e", "MEMBER_OF", "b2").link("p1", "GOVERNS", "b2")
    p1 = peers(council.project(), "e").peers[0]
    assert sorted(p1.paths) == [["E", "Agglo", "P1"], ["E", "Conseil de développement", "P1"]]
    assert sorted(p1.channels) == ["Agglo", "Conseil de développement"]


def test_ties_broken_by_name(build):
    build.actor("e", "personne", roles=["elu"]).actor("b", "instance")
    for peer in ("zoe", "alice"):
        build.actor(peer, "personne", roles=["elu"]).link(peer, "MEMBER_OF", "b")
    build.link("e", "MEMBER_OF", "b")
    assert [p.id for p in peers(build.project(), "e").peers] == ["alice", "zoe"]


def test_unknown_person(council):
    with pytest.raises(InputError, match="élu inconnu.*les plus proches"):
        peers(council.project(), "Personne Inconnue")
    with pytest.raises(InputError, match="élu inconnu"):
        peers(council.project(), "Conseil de développement")


def test_nobody_to_convince(build):
    build.actor("e", "personne", roles=["elu"])
    result = peers(build.project(), "e")
    assert result.peers == [] and result.unreachable == [] and "aucun" in result.message


def test_json_contract(council):
    data = peers(council.project(), "e").to_json()
    assert {"id", "name"} <= set(data["elu"])
    assert all({"id", "name", "stance", "score", "paths", "channels"} <= set(p) for p in data["peers"])
    assert all(isinstance(path, list) and all(isinstance(n, str) for n in path)
               for p in data["peers"] for path in p["paths"])
    assert all({"id", "name"} <= set(p) for p in data["unreachable"])
