"""The eigenvector centrality of large graphs (ARPACK through scipy) against igraph's and networkx's, on
graphs above EXACT_MAX built here: a connected one, a disconnected one, a bipartite one (where a plain
power iteration never settles) and one without edges."""
import importlib
import random
import warnings

import igraph
import networkx as nx
import numpy as np
import pytest

net = importlib.import_module("maillage.graph.analysis.network")


def _graph(n: int, m: int, seed: int, bipartite: bool = False) -> nx.Graph:
    """A ring of ``n`` nodes (even: bipartite) and random chords up to ``m`` edges (even to odd ones only if
    ``bipartite``)."""
    rng = random.Random(seed)
    edges = {(i, (i + 1) % n) for i in range(n)}
    while len(edges) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u != v and (not bipartite or (u % 2) != (v % 2)):
            edges.add((min(u, v), max(u, v)))
    H = nx.Graph()
    H.add_edges_from((f"n{u:05d}", f"n{v:05d}") for u, v in sorted(edges))
    return H


def _igraph_values(ig) -> np.ndarray:
    """igraph's eigenvector centrality (the previous solver), to unit norm."""
    with warnings.catch_warnings(), net.seeded():
        warnings.simplefilter("ignore", RuntimeWarning)
        values = np.array(igraph.Graph(n=len(ig.nodes), edges=ig.edges.tolist()).eigenvector_centrality())
    return values / np.linalg.norm(values)


@pytest.mark.parametrize("bipartite", [False, True])
def test_equals_igraph_and_networkx_above_exact_max(bipartite):
    H = _graph(net.EXACT_MAX + 1500, 9000, seed=5, bipartite=bipartite)
    assert net.large(H) and nx.is_bipartite(H) == bipartite
    ig = net.Indexed(H)
    values = net.spectral_eigenvector(ig)
    reference = nx.eigenvector_centrality_numpy(H)
    expected = np.array([reference[n] for n in ig.nodes])
    assert np.linalg.norm(values) == pytest.approx(1.0, abs=1e-12) and values.min() >= 0
    assert np.abs(values - _igraph_values(ig)).max() < 1e-10
    assert np.abs(values - np.abs(expected)).max() < 1e-8
    top = np.argsort(-values, kind="stable")[:100]
    assert list(top) == list(np.argsort(-_igraph_values(ig), kind="stable")[:100])
    assert net.eigenvector(H, ig) == pytest.approx(dict(zip(ig.nodes, values)))


def test_disconnected_graph_keeps_the_component_of_largest_eigenvalue():
    H = _graph(net.EXACT_MAX + 500, 8000, seed=2)
    H.add_edges_from([("x1", "x2"), ("x2", "x3"), ("y1", "y2")])  # small components: their values are 0
    ig = net.Indexed(H)
    values = dict(zip(ig.nodes, net.spectral_eigenvector(ig)))
    assert max(values[n] for n in ("x1", "x2", "x3", "y1", "y2")) < 1e-12
    assert max(abs(a - b) for a, b in zip(values.values(), _igraph_values(ig))) < 1e-10


def test_graph_without_edges_has_zeros():
    H = nx.Graph()
    H.add_nodes_from(f"n{i}" for i in range(net.EXACT_MAX + 1))
    ig = net.Indexed(H)
    assert not net.spectral_eigenvector(ig).any() and set(net.eigenvector(H, ig).values()) == {0.0}


def test_arpack_without_convergence_gives_igraph_s_vector(monkeypatch):
    H = _graph(net.EXACT_MAX + 500, 8000, seed=3)
    ig = net.Indexed(H)
    converged = net.spectral_eigenvector(ig)
    monkeypatch.setattr(net, "ARPACK_MAXITER", 1)  # one restart: ARPACK does not converge
    values = net.spectral_eigenvector(ig)
    assert len(values) == len(ig.nodes) and values.min() >= 0
    assert np.linalg.norm(values) == pytest.approx(1.0, abs=1e-12)
    assert np.abs(values - converged).max() < 1e-8
