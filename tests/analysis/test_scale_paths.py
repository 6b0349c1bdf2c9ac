"""The code paths of big scopes, on small real graphs: distances from many sources at once, NetworKit's
Leiden above KADABRA_MAX, one search per practice over joined texts, and pyarrow's start without pandas."""
import importlib
import random
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest

from maillage.graph.analysis import compare, network
from maillage.graph.analysis.distances import compressed_rows, source_distances

net = importlib.import_module("maillage.graph.analysis.network")


def test_source_distances_equal_breadth_first_searches():
    # 150 nodes (a few isolated), 130 sources: three machine words of bits per node
    rng = random.Random(3)
    H = nx.Graph()
    H.add_nodes_from(range(150))
    H.add_edges_from((rng.randrange(140), rng.randrange(140)) for _ in range(260))
    H.remove_edges_from(nx.selfloop_edges(H))
    sources = sorted(rng.sample(range(150), 130))
    total, count = source_distances(*compressed_rows(150, np.array(list(H.edges()), dtype=np.int64)), sources)
    lengths = [nx.single_source_shortest_path_length(H, s) for s in sources]
    for node in range(150):
        reached = [d[node] for d in lengths if d.get(node, 0) > 0]
        assert (total[node], count[node]) == (sum(reached), len(reached)), node


def test_source_distances_without_edges():
    total, count = source_distances(*compressed_rows(3, np.zeros((0, 2), np.int64)), [0, 2])
    assert total.tolist() == [0, 0, 0] and count.tolist() == [0, 0, 0]


def _two_cliques(build):
    for a in "abcdefghij":
        build.actor(a, "association")
    for group in ("abcde", "fghij"):
        for i, u in enumerate(group):
            for v in group[i + 1:]:
                build.link(u, "PARTNER_OF", v)
    build.link("e", "PARTNER_OF", "f").actor("z", "association")
    return build.project()


def test_networkit_leiden_and_threaded_betweenness_above_kadabra_max(build, monkeypatch):
    G = _two_cliques(build)
    for name, value in (("EXACT_MAX", 3), ("KADABRA_MAX", 3), ("BETWEENNESS_SAMPLES", 11)):
        monkeypatch.setattr(net, name, value)
    first, second = network(G), network(G)
    members = [sorted(m.id for m in c.members) for c in first.communities]
    assert members == [list("abcde"), list("fghij"), ["z"]]
    assert [a.community for a in first.actors] == [a.community for a in second.actors]  # seeded, one thread
    by_id = {a.id: a for a in first.actors}
    # every node a source: the exact value, e and f are on the 25 paths between the cliques
    exact = nx.betweenness_centrality(net.actor_graph(G))["e"]
    assert by_id["e"].betweenness == pytest.approx(exact) and by_id["f"].betweenness == pytest.approx(exact)
    assert any("sources tirées au hasard" in n for n in first.notes)
    assert by_id["z"].degree == 0 and [i.id for i in first.isolated] == ["z"]


def test_practice_cues_found_in_aliases_and_first_names(build):
    build.territory("t", "Val")
    build.actor("a", "association", where=["t"], name="Incubateur du Val")  # the very first text
    build.actor("b", "association", where=["t"], name="Maison B", aliases=["Le Tiers-Lieu du Val"])
    build.actor("c", "association", where=["t"], name="Mincubation")  # not at a word start
    practices = {row.code: row for row in compare([build.project(territoire="Val")]).practices}
    assert practices["incubateur"].counts == [1] and practices["incubateur"].examples == [["Incubateur du Val"]]
    assert practices["tiers_lieu"].examples == [["Maison B"]]


def test_pyarrow_starts_without_pandas_and_can_still_use_it():
    code = ("import sys\nfrom maillage.cli._startup import pyarrow_without_pandas\npyarrow_without_pandas()\n"
            "import pyarrow as pa\nassert pa.array(['x']).to_pylist() == ['x'] and 'pandas' not in sys.modules\n"
            "print(type(pa.table({'x': [1]}).to_pandas()).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "DataFrame"
