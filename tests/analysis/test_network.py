"""Network structure on two triangles joined by a bridge, plus an isolated actor."""
import importlib

import pytest

from maillage.graph.analysis import network

net = importlib.import_module("maillage.graph.analysis.network")  # the module (the package exports the function)


@pytest.fixture
def triangles(build):
    for a in "abcdefg":
        build.actor(a, "association")
    for u, v in ["ab", "bc", "ac", "de", "ef", "df", "cd"]:
        build.link(u, "PARTNER_OF", v)
    return build.project()


def test_centralities(triangles):
    result = network(triangles)
    by_id = {a.id: a for a in result.actors}
    # c lies on the 6 shortest paths between {a, b} and {d, e, f}: 6 * 2 / ((7-1)(7-2)) = 0.4.
    assert by_id["c"].betweenness == pytest.approx(0.4) and by_id["d"].betweenness == pytest.approx(0.4)
    assert by_id["a"].betweenness == 0 and by_id["c"].degree == 3 and by_id["g"].degree == 0
    assert [a.id for a in result.actors[:2]] == ["c", "d"]
    assert result.notes == []


def test_communities_brokers_isolated(triangles):
    result = network(triangles)
    assert [sorted(m.id for m in c.members) for c in result.communities] == [["a", "b", "c"], ["d", "e", "f"], ["g"]]
    assert [b.id for b in result.brokers] == ["c", "d"]
    assert [i.id for i in result.isolated] == ["g"]


def test_large_graph_paths_are_stated(triangles, monkeypatch):
    monkeypatch.setattr(net, "EXACT_MAX", 3)
    monkeypatch.setattr(net, "CLOSENESS_PIVOTS", 7)
    result = network(triangles)
    assert len(result.notes) == 2 and all("estimée" in n for n in result.notes)
    # with every node sampled, closeness equals the exact value ((5/10) * (5/6) for a); KADABRA's
    # betweenness is close to the exact one
    by_id = {a.id: a for a in result.actors}
    assert by_id["c"].betweenness == pytest.approx(0.4, abs=0.01)
    assert by_id["a"].closeness == pytest.approx((5 / 10) * (5 / 6))
    assert [sorted(m.id for m in c.members) for c in result.communities] == [["a", "b", "c"], ["d", "e", "f"], ["g"]]


def test_json_contract(triangles):
    data = network(triangles).to_json()
    assert {"actors", "communities", "brokers", "isolated"} <= set(data)
    assert all({"id", "name", "degree", "betweenness", "closeness", "eigenvector", "community"} <= set(a)
               for a in data["actors"])
    assert all({"id", "name"} <= set(a) for a in data["brokers"] + data["isolated"])


def test_beyond_kadabra_betweenness_is_sampled_and_said_so(triangles, monkeypatch):
    monkeypatch.setattr(net, "EXACT_MAX", 3)
    monkeypatch.setattr(net, "KADABRA_MAX", 3)
    monkeypatch.setattr(net, "BETWEENNESS_SAMPLES", 7)
    result = network(triangles)
    assert any("sources tirées au hasard" in n for n in result.notes)
    assert {a.id: a for a in result.actors}["c"].betweenness == pytest.approx(0.4)  # every node sampled: exact
