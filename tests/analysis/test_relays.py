"""Relay ranking and greedy selection on a hand-built graph."""
import pytest

from maillage.errors import InputError
from maillage.graph.analysis import relays


@pytest.fixture
def firms(build):
    # F1..F6 are TPE/PME (targets), F7 is an ETI. R1 sees F1 F2 F3 F7, R2 sees F3 F4,
    # R3 (chamber of trades) sees F4 F5, the agency A already sees F1 F2. F6 is seen by nobody.
    for i, size in enumerate(["TPE", "PME", "TPE", "TPE", "PME", "TPE", "ETI"], 1):
        build.actor(f"f{i}", "entreprise", size=size)
    build.actor("r1", "relais").actor("r2", "relais").actor("r3", "chambre_metiers").actor("a", "agence")
    for relay, seen in {"r1": [1, 2, 3, 7], "r2": [3, 4], "r3": [4, 5], "a": [1, 2]}.items():
        for i in seen:
            build.link(relay, "SUPPORTS", f"f{i}")
    return build.project()


def test_ranking_by_reach_then_marginal_reach(firms):
    result = relays(firms, depuis="A")
    assert result.target_count == 6 and result.baseline_reach == 2
    assert [(r.id, r.reach, r.marginal_reach) for r in result.ranking] == [("r1", 3, 1), ("r2", 2, 2), ("r3", 2, 2)]


def test_greedy_selection_given_the_agency(firms):
    # Baseline {F1, F2}. R2 and R3 both gain 2: R2 comes first in the ranking; then R3 gains F5 only.
    result = relays(firms, depuis="a")
    assert [(s.id, s.gain, round(s.cumulative_share, 4)) for s in result.selection] == [
        ("r2", 2, round(4 / 6, 4)), ("r3", 1, round(5 / 6, 4))]


def test_greedy_selection_without_baseline_and_k(firms):
    result = relays(firms)
    assert [(s.id, s.gain) for s in result.selection] == [("r1", 3), ("r3", 2)]
    assert result.selection[-1].cumulative_share == pytest.approx(5 / 6)
    assert [s.id for s in relays(firms, k=1).selection] == ["r1"]


def test_segment_by_size(firms):
    result = relays(firms, segment="ETI")
    assert result.target_count == 1 and [(r.id, r.reach) for r in result.ranking][0] == ("r1", 1)


def test_unknown_segment_and_empty_segment(firms):
    with pytest.raises(InputError, match="segment inconnu"):
        relays(firms, segment="XYZ")
    result = relays(firms, segment="GE")
    assert result.target_count == 0 and result.selection == [] and "aucune entreprise" in result.message


def test_unknown_origin(firms):
    with pytest.raises(InputError, match="inconnu"):
        relays(firms, depuis="Agence fantôme")


def test_json_contract(firms):
    data = relays(firms, depuis="a").to_json()
    assert {"segment", "target_count", "ranking", "selection"} <= set(data)
    assert all({"id", "name", "reach", "marginal_reach"} <= set(r) for r in data["ranking"])
    assert all({"id", "name", "gain", "cumulative_share"} <= set(s) for s in data["selection"])
