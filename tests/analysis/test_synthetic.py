"""The benchmark generator gives the sizes asked, and every analysis runs on its realistic mix,
including the large-graph path (igraph, sampling) forced by a low threshold."""
import importlib

import pytest

from maillage.graph import analysis
from maillage.graph.projection import scoped_projection
from maillage.graph.scope import Scope

net = importlib.import_module("maillage.graph.analysis.network")


def test_sizes_and_every_analysis(synthetic, monkeypatch):
    graph = synthetic.generate(actors=600, links=3000)
    assert len(graph.actors) == 600 and len(graph.links) == 3000
    monkeypatch.setattr(net, "EXACT_MAX", 100)
    G = scoped_projection(graph, Scope(territoire=synthetic.TERRITORY))
    assert 0 < len(G.graph["core"]) < 600
    assert analysis.coverage(G).windows
    assert analysis.shadow_cci(G).roster
    assert analysis.relays(G).selection
    elu = next(n for n in sorted(G) if "elu" in G.nodes[n].get("roles", ()))
    assert analysis.peers(G, elu).elu.id == elu
    result = analysis.network(G)
    assert len(result.notes) == 2 and len(result.communities) > 1
    assert sum(c.size for c in result.communities) == len(result.actors)
