"""Network structure: centralities, communities, brokers, isolated actors."""
from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Callable

import networkx as nx
import numpy as np

from maillage.graph.analysis.common import ActorRef, Result, actor_graph, labels
from maillage.graph.analysis.distances import compressed_rows, source_distances
from maillage.graph.analysis.forked import in_child

#: Above this many actors the centralities and communities are computed on arrays: betweenness
#: estimated by KADABRA (NetworKit, :func:`betweenness`), closeness from :data:`CLOSENESS_PIVOTS`
#: pivots (numpy), eigenvector centrality exactly (igraph) and communities with Leiden (:func:`leiden`).
EXACT_MAX = 2000
#: KADABRA's additive error bound (on its scale, twice networkx's), failure probability, ranked top.
BETWEENNESS_ERROR = 0.002
BETWEENNESS_DELTA = 0.1
BETWEENNESS_TOP = 20
#: Above this many actors betweenness is estimated from :data:`BETWEENNESS_SAMPLES` sources instead
#: (32: about 1 s CPU on the 100,000-actor benchmark, the most the 3 s of a command leave; 100 took 3.4 s),
#: and communities come from NetworKit's Leiden (:func:`leiden`).
KADABRA_MAX = 30_000
BETWEENNESS_SAMPLES = 32
CLOSENESS_PIVOTS = 100
SEED = 0


@dataclass
class ActorCentrality(ActorRef):
    degree: int = 0
    betweenness: float = 0.0
    closeness: float = 0.0
    eigenvector: float = 0.0
    community: int = -1


@dataclass
class Community:
    id: int
    size: int
    members: list[ActorRef] = field(default_factory=list)


@dataclass
class Broker(ActorRef):
    """An actor linked to communities other than its own: ``bridged`` counts them."""

    bridged: int = 0
    betweenness: float = 0.0


@dataclass
class NetworkResult(Result):
    territoire: str = ""
    actors: list[ActorCentrality] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    brokers: list[Broker] = field(default_factory=list)
    isolated: list[ActorRef] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    message: str = ""


class Indexed:
    """An undirected actor graph as numbered edges: ``nodes[i]`` is node ``i``; ``edges`` the (m, 2)
    numbers in networkx's edge order; the igraph and NetworKit graphs, the compressed rows and the
    component sizes are built from them when first used."""

    def __init__(self, H) -> None:
        self.nodes = sorted(H)
        if hasattr(H, "rank_edges"):  # an actor graph on arrays: nodes sorted, edges in networkx's order
            self.edges = H.rank_edges()
        else:
            index = {n: i for i, n in enumerate(self.nodes)}
            self.edges = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64).reshape(-1, 2)

    @cached_property
    def g(self):
        """The igraph graph."""
        import igraph

        pairs = zip(self.edges[:, 0].tolist(), self.edges[:, 1].tolist())  # tuples: twice as fast as rows
        return igraph.Graph(n=len(self.nodes), edges=list(pairs))

    @cached_property
    def nk(self):
        """The NetworKit graph."""
        import networkit as nk

        edges = self.edges.astype(np.uint64)
        return nk.GraphFromCoo((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), len(self.nodes), False, False)

    @cached_property
    def component_sizes(self) -> np.ndarray:
        """The size of each node's connected component (NetworKit, which releases the interpreter)."""
        import networkit as nk

        found = nk.components.ConnectedComponents(self.nk)
        found.run()
        membership = np.array(found.getPartition().getVector(), dtype=np.int64)
        return np.bincount(membership)[membership]

    def only_cliques(self) -> bool:
        """Whether every connected component is a clique (every node linked to all of its component):
        then no shortest path has an intermediate node."""
        return bool((np.diff(self.rows[0]) == self.component_sizes - 1).all())

    @cached_property
    def rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The compressed rows (``indptr``, ``indices``) of the adjacency."""
        return compressed_rows(len(self.nodes), self.edges)

    def bridged(self, community: np.ndarray) -> np.ndarray:
        """For each node, how many communities other than its own (``community[i]``) its neighbours belong to."""
        ends = np.concatenate([self.edges, self.edges[:, ::-1]])
        foreign = ends[community[ends[:, 0]] != community[ends[:, 1]]]
        width = int(community.max(initial=0)) + 1
        pairs = np.sort(foreign[:, 0] * width + community[foreign[:, 1]])
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
        return np.bincount(pairs // width, minlength=len(self.nodes))

    def values(self, found: dict[str, float]) -> np.ndarray:
        """A measure's values in node order."""
        return np.fromiter((found[n] for n in self.nodes), float, len(self.nodes))

    def as_dict(self, values) -> dict[str, float]:
        return dict(zip(self.nodes, np.asarray(values, dtype=float).tolist()))


def large(H: nx.Graph) -> bool:
    """Whether ``H`` is above :data:`EXACT_MAX` actors (igraph and sampling are used)."""
    return H.number_of_nodes() > EXACT_MAX


def exact_input(H) -> nx.Graph:
    """``H`` as a networkx graph, for the exact algorithms (an actor graph on arrays is converted)."""
    return H if isinstance(H, nx.Graph) else H.networkx()


@contextmanager
def seeded():
    """igraph's random numbers drawn from a generator seeded with :data:`SEED` (reproducible results:
    Leiden's moves, the start vector of the eigenvector solver)."""
    import igraph

    igraph.set_random_number_generator(random.Random(SEED))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def communities(H: nx.Graph, ig: Indexed | None = None) -> list[set[str]]:
    """Modularity communities of the actor graph (seed 0), largest first, then by smallest member.

    Louvain (networkx) up to :data:`EXACT_MAX` actors; above, igraph's Leiden with the modularity
    objective, the refined successor of Louvain, ten times faster than its multilevel Louvain on the
    benchmark graph and with a higher modularity. Isolated actors form singleton communities.
    """
    if H.number_of_edges() == 0:
        parts = [{n} for n in H]
    elif not large(H):
        parts = nx.community.louvain_communities(exact_input(H), seed=SEED)
    else:
        ig = ig or Indexed(H)
        membership = leiden(ig)
        grouped: dict[int, set[str]] = {}
        for node, part in zip(ig.nodes, membership):
            grouped.setdefault(part, set()).add(node)
        parts = list(grouped.values())
    return sorted((set(p) for p in parts), key=lambda p: (-len(p), min(p)))


def leiden(ig: Indexed) -> list[int]:
    """Each node's Leiden community (modularity, seeded): igraph's up to :data:`KADABRA_MAX` actors;
    above, NetworKit's on one thread (deterministic; it releases the interpreter, so :func:`network`
    computes betweenness meanwhile), 0.7 s CPU on the 100,000-actor benchmark against 1.6 s for
    igraph's (graph copy included)."""
    if len(ig.nodes) <= KADABRA_MAX:
        with seeded():
            return ig.g.community_leiden(objective_function="modularity", n_iterations=2).membership
    import networkit as nk

    with one_networkit_thread():
        nk.setSeed(SEED, False)
        found = nk.community.ParallelLeiden(ig.nk)
        found.run()
    return found.getPartition().getVector()


@contextmanager
def one_networkit_thread():
    """NetworKit on one thread: deterministic, and no idle OpenMP thread spinning on the core that
    igraph's betweenness uses meanwhile (see :func:`_measures`)."""
    import networkit as nk

    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        yield
    finally:
        nk.setNumberOfThreads(threads)


def community_of(parts: list[set[str]]) -> dict[str, int]:
    """Each node's community number (index in ``parts``)."""
    return {n: i for i, part in enumerate(parts) for n in part}


def _pivots(ig: Indexed, k: int) -> list[int]:
    return sorted(random.Random(SEED).sample(range(len(ig.nodes)), min(k, len(ig.nodes))))


def betweenness(H: nx.Graph, ig: Indexed | None = None) -> tuple[dict[str, float], str]:
    """Normalised betweenness (as networkx); above :data:`EXACT_MAX`, estimated by KADABRA.

    KADABRA (Borassi and Natale; NetworKit's implementation, seeded, on one thread: deterministic)
    samples shortest paths adaptively until, with probability 1 - :data:`BETWEENNESS_DELTA`, every
    score is within :data:`BETWEENNESS_ERROR` of the exact one on NetworKit's scale and the
    :data:`BETWEENNESS_TOP` first are ranked. Its scores times n / (2 (n - 2)) are networkx's
    normalised values (measured: exact on 7 nodes, 2 to 4 % lower on random graphs of 100 to 1,000
    nodes); the bound stated in the note is scaled alike. Sampling
    100 sources (the previous estimate) found 2 of the exact 20 first of the 20,000-actor benchmark
    graph, KADABRA 17 (bench/results-scale.md).
    """
    if not large(H):
        return nx.betweenness_centrality(exact_input(H)), ""
    ig = ig or Indexed(H)
    values, note = estimated_betweenness(ig)
    return ig.as_dict(values), note


def estimated_betweenness(ig: Indexed, counted: Callable[[], np.ndarray] | None = None) -> tuple[np.ndarray, str]:
    """:func:`betweenness` of a large graph in node order: KADABRA up to :data:`KADABRA_MAX` actors,
    :func:`sampled_betweenness` above (``counted``: its :func:`source_betweenness` under way, see
    :func:`_measures`), exact zeros when every component is a clique (no edge included)."""
    counts = (counted or partial(source_betweenness, ig))() if len(ig.nodes) > KADABRA_MAX else None
    if ig.only_cliques():  # betweenness is 0 everywhere (and KADABRA would never stop: vertex diameter 2)
        return np.zeros(len(ig.nodes)), ""
    if counts is not None:
        return sampled_betweenness(ig, counts)
    import networkit as nk

    top = min(BETWEENNESS_TOP, len(ig.nodes) - 1)
    with one_networkit_thread():  # threads would race for samples: the same scope, other estimates
        nk.setSeed(SEED, False)
        kadabra = nk.centrality.KadabraBetweenness(ig.nk, BETWEENNESS_ERROR, BETWEENNESS_DELTA, True, top)
        kadabra.run()
    n = len(ig.nodes)
    scale = n / (2 * (n - 2))  # NetworKit's scale to networkx's normalisation
    bound = f"{BETWEENNESS_ERROR * scale:.4f}".replace(".", ",")
    note = (f"intermédiarité estimée par KADABRA (plus de {EXACT_MAX} acteurs) : chaque valeur à {bound} près "
            f"avec une probabilité de {100 * (1 - BETWEENNESS_DELTA):.0f} %, les {BETWEENNESS_TOP} premiers classés")
    return np.array(kadabra.scores()) * scale, note


def source_betweenness(ig: Indexed) -> np.ndarray:
    """igraph's betweenness counted from the :data:`BETWEENNESS_SAMPLES` pivots only, in node order."""
    return np.array(ig.g.betweenness(sources=_pivots(ig, BETWEENNESS_SAMPLES)))


def sampled_betweenness(ig: Indexed, counts: np.ndarray) -> tuple[np.ndarray, str]:
    """Betweenness estimated from :data:`BETWEENNESS_SAMPLES` random sources (``counts``:
    :func:`source_betweenness`), scaled by n / samples (Brandes-Pich) then normalised by (n-1)(n-2)/2:
    for scopes above :data:`KADABRA_MAX` actors, where KADABRA's bound costs too much (45 s CPU on
    100,000 actors); no bound is stated."""
    n = len(ig.nodes)
    samples = min(BETWEENNESS_SAMPLES, n)
    scale = (n / samples) * 2 / ((n - 1) * (n - 2))
    note = (f"intermédiarité estimée à partir de {samples} sources tirées au hasard (plus de "
            f"{KADABRA_MAX} acteurs) : ordre de grandeur seulement, le classement des premiers est incertain")
    return counts * scale, note


def closeness(H: nx.Graph, ig: Indexed | None = None) -> tuple[dict[str, float], str]:
    """Closeness (Wasserman-Faust for disconnected graphs, as networkx); estimated above :data:`EXACT_MAX`.

    The estimate (Eppstein-Wang) replaces each node's mean distance within its component by its mean
    distance to the :data:`CLOSENESS_PIVOTS` random pivots of that component (all searched at once,
    :func:`~maillage.graph.analysis.distances.source_distances`).
    """
    if not large(H):
        return nx.closeness_centrality(exact_input(H)), ""
    ig = ig or Indexed(H)
    values, note = estimated_closeness(ig)
    return ig.as_dict(values), note


def estimated_closeness(ig: Indexed) -> tuple[np.ndarray, str]:
    """:func:`closeness` of a large graph in node order."""
    n = len(ig.nodes)
    pivots = _pivots(ig, CLOSENESS_PIVOTS)
    total, count = source_distances(*ig.rows, pivots)
    reach = ig.component_sizes - 1
    scores = np.divide(count * reach, total * (n - 1), out=np.zeros(n), where=total > 0)
    note = f"proximité estimée à partir de {len(pivots)} pivots tirés au hasard (plus de {EXACT_MAX} acteurs)"
    return scores, note


def eigenvector(H: nx.Graph, ig: Indexed | None = None) -> dict[str, float]:
    """Eigenvector centrality with unit Euclidean norm (networkx; igraph above :data:`EXACT_MAX`);
    zeros when the graph has no edge."""
    if H.number_of_edges() == 0:
        return dict.fromkeys(H, 0.0)
    if not large(H):
        return nx.eigenvector_centrality(exact_input(H), max_iter=1000, tol=1e-6)
    ig = ig or Indexed(H)
    return ig.as_dict(igraph_eigenvector(ig))


def igraph_eigenvector(ig: Indexed) -> np.ndarray:
    """:func:`eigenvector` of a large graph with edges, in node order (igraph)."""
    import warnings

    with warnings.catch_warnings(), seeded():
        warnings.simplefilter("ignore", RuntimeWarning)  # igraph warns on disconnected graphs
        values = ig.g.eigenvector_centrality()
    norm = sum(v * v for v in values) ** 0.5 or 1.0
    return np.array([v / norm for v in values])


def _measures(H: nx.Graph, ig: Indexed):
    """(betweenness, note), (closeness, note), eigenvector (each in node order), communities of the actor graph.

    On a large graph NetworKit's part (KADABRA up to :data:`KADABRA_MAX` actors, Leiden above) runs in
    a worker thread while this thread computes the rest: NetworKit releases the interpreter while it
    runs, igraph does not (its calls stay in this thread, where its C warnings become Python ones), so
    the two cores work at once. Above :data:`KADABRA_MAX` actors igraph's sampled betweenness, the
    longest of igraph's calls, runs in a forked child (:func:`~maillage.graph.analysis.forked.in_child`)
    meanwhile. Each NetworKit call is on one thread and seeded: deterministic.
    """
    if not large(H):
        (between, note_b), (close, note_c) = betweenness(H), closeness(H)
        return (ig.values(between), note_b), (ig.values(close), note_c), ig.values(eigenvector(H)), communities(H)
    kadabra = len(ig.nodes) <= KADABRA_MAX
    counted = None
    if not kadabra:  # igraph's sampled betweenness holds the interpreter: in a child, before any thread starts
        ig.g  # built before the fork: both processes read it
        counted = in_child(partial(source_betweenness, ig))
    with one_networkit_thread():
        ig.nk, ig.rows, ig.component_sizes  # built here, read by the worker
    with ThreadPoolExecutor(1) as worker:
        pending = worker.submit(lambda: estimated_betweenness(ig) if kadabra else communities(H, ig))
        close = estimated_closeness(ig)  # numpy first: the worker reaches its GIL-free run meanwhile
        eigen = igraph_eigenvector(ig) if len(ig.edges) else np.zeros(len(ig.nodes))
        first = communities(H, ig) if kadabra else estimated_betweenness(ig, counted)
        other = pending.result()
    between, parts = (other, first) if kadabra else (first, other)
    return between, close, eigen, parts


def _ranks(keys: list) -> np.ndarray:
    """Each item's place in the sorted order of ``keys`` (distinct keys)."""
    rank = np.empty(len(keys), np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return rank


def network(G: nx.MultiDiGraph) -> NetworkResult:
    """Structure of the actor graph (actors only, undirected, one edge per linked pair).

    - degree: number of distinct actors linked; betweenness, closeness, eigenvector: networkx
      normalised centralities (estimated above :data:`EXACT_MAX` actors, said in ``notes``);
    - communities: Louvain, or Leiden on large graphs (:func:`communities`);
    - brokers: actors linked to at least one community other than their own, ranked by the number of
      other communities they touch then by betweenness;
    - isolated: actors without any link to another actor of the scope.
    """
    H = actor_graph(G)
    result = NetworkResult(territoire=G.graph.get("territoire", ""))
    if H.number_of_nodes() == 0:
        result.message = "aucun acteur dans le périmètre"
        return result
    ig = Indexed(H)
    (between, note_b), (close, note_c), eigen, parts = _measures(H, ig)
    result.notes = [n for n in (note_b, note_c) if n]
    named = labels(G)  # (name, kind, sort key) of every node: rows are built for every actor
    refs = [(n, *named[n][:2]) for n in ig.nodes]  # the ActorRef fields of node i
    rank = _ranks([named[n][2] for n in ig.nodes])  # ties are broken by name order
    degree = np.diff(ig.rows[0])
    member = community_of(parts)
    community = np.fromiter((member[n] for n in ig.nodes), np.int64, len(refs))
    order = np.lexsort((rank, -degree, -between)).tolist()
    result.actors = [ActorCentrality(*refs[i], *values) for i, *values in zip(
        order, degree[order].tolist(), between[order].tolist(), close[order].tolist(),
        eigen[order].tolist(), community[order].tolist())]
    by_name = np.lexsort((rank, community)).tolist()  # each community's members in name order
    bounds = np.cumsum([0] + [len(p) for p in parts]).tolist()
    result.communities = [Community(i, len(p), [ActorRef(*refs[j]) for j in by_name[bounds[i]:bounds[i + 1]]])
                          for i, p in enumerate(parts)]
    bridged = ig.bridged(community)
    order = np.lexsort((rank, -between, -bridged))
    order = order[bridged[order] > 0].tolist()
    result.brokers = [Broker(*refs[i], *values) for i, *values in zip(order, bridged[order].tolist(),
                                                                      between[order].tolist())]
    isolated = np.flatnonzero(degree == 0)
    result.isolated = [ActorRef(*refs[i]) for i in isolated[np.argsort(rank[isolated])].tolist()]
    return result
