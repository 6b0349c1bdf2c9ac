"""The rows of ``network`` (built from arrays, NetworKit's measure in a worker thread) equal the rows built
one by one from each measure's own function called in this thread, on the exact path, the KADABRA path
and the sampled path beyond ``KADABRA_MAX``; every estimate is stated in ``notes``."""
import importlib

import pytest

from maillage.cli.analyses import json_bytes, json_text
from maillage.graph.analysis.common import ref, sort_key
from maillage.graph.projection import scoped_projection
from maillage.graph.scope import Scope

net = importlib.import_module("maillage.graph.analysis.network")

PATHS = {  # thresholds forcing each path on the ~400-actor scope, and what its notes must say
    "exact": ({}, []),
    "kadabra": ({"EXACT_MAX": 100}, ["KADABRA", "pivots tirés au hasard"]),
    "sampled": ({"EXACT_MAX": 100, "KADABRA_MAX": 100}, ["sources tirées au hasard", "pivots tirés au hasard"]),
}


@pytest.fixture(scope="module")
def scoped(synthetic):
    return scoped_projection(synthetic.generate(actors=600, links=3000), Scope(territoire=synthetic.TERRITORY))


def expected_rows(G) -> dict:
    """The network JSON built the plain way: dicts of each measure, sorted lists of rows."""
    H = net.actor_graph(G)
    (between, note_b), (close, note_c) = net.betweenness(H), net.closeness(H)
    eigen, parts = net.eigenvector(H), net.communities(H)
    member = net.community_of(parts)
    degree = {n: H.degree(n) for n in H}
    bridged = {n: len({member[m] for m in H.adj[n]} - {member[n]}) for n in H}
    key = lambda n: sort_key(G, n)  # noqa: E731
    return {
        "notes": [n for n in (note_b, note_c) if n],
        "actors": [{**ref(G, n), "degree": degree[n], "betweenness": between[n], "closeness": close[n],
                    "eigenvector": eigen[n], "community": member[n]}
                   for n in sorted(H, key=lambda n: (-between[n], -degree[n], key(n)))],
        "communities": [{"id": i, "size": len(p), "members": [ref(G, n) for n in sorted(p, key=key)]}
                        for i, p in enumerate(parts)],
        "brokers": [{**ref(G, n), "bridged": bridged[n], "betweenness": between[n]}
                    for n in sorted((n for n in H if bridged[n]), key=lambda n: (-bridged[n], -between[n], key(n)))],
        "isolated": [ref(G, n) for n in sorted((n for n in H if not degree[n]), key=key)],
    }


@pytest.mark.parametrize("path", PATHS)
def test_rows_equal_the_measures_one_by_one(scoped, monkeypatch, path):
    thresholds, said = PATHS[path]
    for name, value in thresholds.items():
        monkeypatch.setattr(net, name, value)
    data = net.network(scoped).to_json()
    expected = expected_rows(scoped)
    assert len(data["actors"]) > 300 and data["brokers"] and len(data["communities"]) > 1
    for part in ("actors", "communities", "brokers", "isolated"):
        assert data[part] == expected[part], part
    assert data["notes"] == expected["notes"]
    assert len(data["notes"]) == len(said) and all(word in note for word, note in zip(said, data["notes"]))
    assert all("estimée" in note for note in data["notes"])  # every estimate says so


def test_threaded_kadabra_gives_the_same_json_every_time(scoped, monkeypatch):
    monkeypatch.setattr(net, "EXACT_MAX", 100)
    first, second = json_bytes(net.network(scoped)), json_bytes(net.network(scoped))
    assert first == second and first.decode() == json_text(net.network(scoped))
    assert first.startswith(b'{\n  "territ')  # the contract's two-space indent


def test_large_graph_of_cliques_has_exact_zero_betweenness(build, monkeypatch):
    """Components that are all cliques have no intermediate actor; KADABRA never stopped on them."""
    for a in "abcdef":
        build.actor(a, "association")
    for u, v in ("ab", "cd"):
        build.link(u, "PARTNER_OF", v)
    monkeypatch.setattr(net, "EXACT_MAX", 3)
    result = net.network(build.project())
    assert all(a.betweenness == 0 for a in result.actors) and not any("KADABRA" in n for n in result.notes)
    assert [i.id for i in result.isolated] == ["e", "f"] and result.brokers == []
    build.link("b", "PARTNER_OF", "c")  # a path a-b-c-d: b and c are intermediates, estimated by KADABRA
    result = net.network(build.project())
    assert {a.id for a in result.actors[:2]} == {"b", "c"} and any("KADABRA" in n for n in result.notes)


def test_prepared_children_give_the_same_json(scoped, monkeypatch):
    """Above KADABRA_MAX the measures computed by the children the CLI prepares before reading the base
    equal those of a child forked late and a worker thread; on a small graph they stay unused."""
    for name, value in PATHS["sampled"][0].items():
        monkeypatch.setattr(net, name, value)
    children = net.Children()
    try:
        prepared = json_bytes(net.network(scoped, children))
        assert children.igraph.pid == children.networkit.pid == 0  # both were given their work
    finally:
        children.close()
    assert prepared == json_bytes(net.network(scoped))
    monkeypatch.setattr(net, "EXACT_MAX", 2000)
    unused = net.Children()
    pids = unused.igraph.pid, unused.networkit.pid
    exact = net.network(scoped, unused)
    unused.close()
    assert not exact.notes and all(pids)


def shuffled(G, seed: int):
    """The same projection with its nodes and links in another order (as a snapshot rebuilt from the base
    may list them)."""
    import random

    import networkx as nx

    other = nx.MultiDiGraph(**{k: v for k, v in G.graph.items() if k != "actor_graphs"})
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    random.Random(seed).shuffle(nodes)
    random.Random(seed).shuffle(edges)
    other.add_nodes_from(nodes)
    other.add_edges_from(edges)
    return other


@pytest.mark.parametrize("path", ["kadabra", "sampled"])
def test_estimates_do_not_depend_on_the_order_of_the_links(scoped, monkeypatch, path):
    for name, value in PATHS[path][0].items():
        monkeypatch.setattr(net, name, value)
    assert net.network(shuffled(scoped, 1)).to_json() == net.network(scoped).to_json()
