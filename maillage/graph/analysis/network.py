"""Network structure: centralities, communities, brokers, isolated actors."""
from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, Callable

import networkx as nx
import numpy as np

from maillage.graph.analysis.common import ActorRef, Result, actor_graph, labels
from maillage.graph.analysis.distances import compressed_rows, source_distances
from maillage.graph.analysis.forked import Prepared, in_child

#: Above this many actors the centralities and communities are computed on arrays: betweenness
#: estimated by KADABRA (NetworKit, :func:`betweenness`), closeness from :data:`CLOSENESS_PIVOTS`
#: pivots (numpy), eigenvector centrality to machine precision (ARPACK, :func:`spectral_eigenvector`) and
#: communities with Leiden (:func:`leiden`).
EXACT_MAX = 2000
#: The restarts ARPACK may take for the eigenvector of a large graph (:func:`spectral_eigenvector`): 5 were
#: enough on the benchmark graphs of 3,500 and 20,000 actors; beyond, igraph's solver answers.
ARPACK_MAXITER = 1000
#: KADABRA's additive error bound (on its scale, twice networkx's), failure probability, ranked top. With the
#: edges sorted (:func:`sorted_pairs`), 0.002 found 13 to 16 of the exact 20 first of the 20,000-actor
#: benchmark graph over six seeds, 0.0015 14 to 17, 0.001 16 to 19 over nine seeds and link orders (3.1 s
#: CPU against 1.5; bench/results-scale.md).
BETWEENNESS_ERROR = 0.001
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
    """An undirected actor graph as numbered edges: ``nodes[i]`` is node ``i`` (in sorted order); ``edges`` the
    (m, 2) numbers, each pair smaller first, sorted (:func:`sorted_pairs`); the igraph and NetworKit graphs, the
    compressed rows and the component sizes are built from them when first used."""

    def __init__(self, H) -> None:
        self.nodes = sorted(H)
        if hasattr(H, "rank_edges"):  # an actor graph on arrays: nodes sorted
            self.edges = sorted_pairs(H.rank_edges())
            self.rows = H.indptr, H.indices  # its own compressed rows
        else:
            index = {n: i for i, n in enumerate(self.nodes)}
            self.edges = sorted_pairs(np.array([(index[u], index[v]) for u, v in H.edges()],
                                               dtype=np.int64).reshape(-1, 2))

    @classmethod
    def numbered(cls, n: int, edges: np.ndarray) -> "Indexed":
        """The graph of nodes ``0 .. n-1`` and ``edges`` (what a child process is sent)."""
        ig = cls.__new__(cls)
        ig.nodes, ig.edges = range(n), edges
        return ig

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
        """The compressed rows (``indptr``, ``indices``) of the adjacency, each node's neighbours in any
        order (degrees, breadth-first searches and components do not depend on it)."""
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


def sorted_pairs(edges: np.ndarray) -> np.ndarray:
    """``edges`` with each pair smaller first, in sorted order: the order the estimates (Leiden's moves, KADABRA's
    and the sources' paths, the solvers' sums) follow no longer depends on the order the base returned the
    links in, so a snapshot rebuilt from the base gives the same answers as the one folded at write time."""
    low, high = np.minimum(edges[:, 0], edges[:, 1]), np.maximum(edges[:, 0], edges[:, 1])
    order = np.lexsort((high, low))
    return np.stack([low[order], high[order]], axis=1)


def large(H: nx.Graph) -> bool:
    """Whether ``H`` is above :data:`EXACT_MAX` actors (igraph and sampling are used)."""
    return H.number_of_nodes() > EXACT_MAX


def exact_input(H) -> nx.Graph:
    """``H`` as a networkx graph, for the exact algorithms (an actor graph on arrays is converted)."""
    return H if isinstance(H, nx.Graph) else H.networkx()


@contextmanager
def seeded():
    """igraph's random numbers drawn from a generator seeded with :data:`SEED` (reproducible results:
    Leiden's moves)."""
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
        numbers = community_numbers(ig)
        parts = [set() for _ in range(numbers.max() + 1)]
        for node, number in zip(ig.nodes, numbers.tolist()):
            parts[number].add(node)
    return sorted((set(p) for p in parts), key=lambda p: (-len(p), min(p)))


def community_numbers(ig: Indexed) -> np.ndarray:
    """Each node's :func:`communities` number on a large graph, in node order: its Leiden community's
    place when they are sorted by size (largest first) then by smallest member (the node of smallest
    number, nodes being sorted); each node alone when there is no edge."""
    if not len(ig.edges):
        return np.arange(len(ig.nodes))
    _labels, first, inverse, sizes = np.unique(leiden(ig), return_index=True, return_inverse=True,
                                               return_counts=True)
    number = np.empty(len(sizes), np.int64)
    number[np.lexsort((first, -sizes))] = np.arange(len(sizes))
    return number[inverse]


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
    igraph's betweenness uses meanwhile (see :class:`Measures`)."""
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
    graph, KADABRA 16 to 19 (:data:`BETWEENNESS_ERROR`).
    """
    if not large(H):
        return nx.betweenness_centrality(exact_input(H)), ""
    ig = ig or Indexed(H)
    values, note = estimated_betweenness(ig)
    return ig.as_dict(values), note


def estimated_betweenness(ig: Indexed, counted: Callable[[], np.ndarray] | None = None) -> tuple[np.ndarray, str]:
    """:func:`betweenness` of a large graph in node order: KADABRA up to :data:`KADABRA_MAX` actors,
    :func:`sampled_betweenness` above (``counted``: its :func:`source_betweenness` under way, see
    :class:`Measures`), exact zeros when every component is a clique (no edge included)."""
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


def pivot_distances(ig: Indexed) -> tuple[np.ndarray, np.ndarray, int]:
    """The sums of distances to the :data:`CLOSENESS_PIVOTS` pivots, how many reach each node, how many pivots."""
    pivots = _pivots(ig, CLOSENESS_PIVOTS)
    return *source_distances(*ig.rows, pivots), len(pivots)


def estimated_closeness(ig: Indexed, distances: tuple | None = None) -> tuple[np.ndarray, str]:
    """:func:`closeness` of a large graph in node order (``distances``: its :func:`pivot_distances`)."""
    n = len(ig.nodes)
    total, count, pivots = distances or pivot_distances(ig)
    reach = ig.component_sizes - 1
    scores = np.divide(count * reach, total * (n - 1), out=np.zeros(n), where=total > 0)
    note = f"proximité estimée à partir de {pivots} pivots tirés au hasard (plus de {EXACT_MAX} acteurs)"
    return scores, note


def eigenvector(H: nx.Graph, ig: Indexed | None = None) -> dict[str, float]:
    """Eigenvector centrality with unit Euclidean norm (networkx; :func:`spectral_eigenvector` above
    :data:`EXACT_MAX`); zeros when the graph has no edge."""
    if H.number_of_edges() == 0:
        return dict.fromkeys(H, 0.0)
    if not large(H):
        return nx.eigenvector_centrality(exact_input(H), max_iter=1000, tol=1e-6)
    ig = ig or Indexed(H)
    return ig.as_dict(spectral_eigenvector(ig))


def spectral_eigenvector(ig: Indexed) -> np.ndarray:
    """:func:`eigenvector` of a large graph, in node order: the eigenvector of the adjacency matrix's
    largest eigenvalue, found by ARPACK's Lanczos iteration (``scipy.sparse.linalg.eigsh``, to machine
    precision) on the adjacency matrix, started from the degrees (1 for an isolated node), as igraph's
    ``eigenvector_centrality`` does; scaled to a largest value of 1, negative rounding errors set to 0,
    then to unit Euclidean norm. BLAS runs on one thread: its idle threads spinning on the cores busy
    with the other measures made it ten times slower. igraph's own solver took 0.20 s on the
    100,000-actor benchmark graph (against 0.15 s) after 0.1 s building its graph; the values differ from
    igraph's by at most 8e-17 there and 2e-16 on the 20,000-actor one, with the same order of the 100
    first (tests/analysis/test_eigenvector.py compares both and networkx's). On a disconnected graph
    only the component(s) of largest eigenvalue have non-zero values, as with igraph."""
    n = len(ig.nodes)
    if not len(ig.edges):
        return np.zeros(n)
    import scipy.sparse
    import scipy.sparse.linalg
    from threadpoolctl import threadpool_limits

    ends = np.concatenate([ig.edges, ig.edges[:, ::-1]])  # each node's neighbours in edge order: fixed sums
    adjacency = scipy.sparse.coo_array((np.ones(len(ends)), (ends[:, 0], ends[:, 1])), shape=(n, n)).tocsr()
    degree = np.diff(adjacency.indptr)
    with threadpool_limits(1, user_api="blas"):  # BLAS threads spun on the cores the other measures use
        try:
            _value, vectors = scipy.sparse.linalg.eigsh(adjacency, k=1, which="LA", tol=0, maxiter=ARPACK_MAXITER,
                                                        v0=np.where(degree > 0, degree, 1.0))
            vector = vectors[:, 0]
        except scipy.sparse.linalg.ArpackNoConvergence:
            vector = _igraph_eigenvector(ig)
    values = vector / vector[np.argmax(np.abs(vector))]
    values[values < 0] = 0.0
    return values / np.linalg.norm(values)


def _igraph_eigenvector(ig: Indexed) -> np.ndarray:
    """igraph's eigenvector centrality (largest value 1), in node order: :func:`spectral_eigenvector`'s
    answer when ARPACK does not converge within :data:`ARPACK_MAXITER` restarts (igraph then warns and
    gives its last estimate)."""
    import warnings

    with warnings.catch_warnings(), seeded():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.array(ig.g.eigenvector_centrality())


def igraph_part(ig: Indexed) -> np.ndarray:
    """igraph's share of the measures of a large graph: above :data:`KADABRA_MAX` actors the sampled
    betweenness counts (:func:`source_betweenness`), else the community numbers (igraph's Leiden). igraph
    holds the interpreter: a child process runs it (see :class:`Measures`)."""
    return source_betweenness(ig) if len(ig.nodes) > KADABRA_MAX else community_numbers(ig)


def networkit_part(ig: Indexed) -> tuple[np.ndarray, np.ndarray, Any]:
    """NetworKit's and scipy's share of the measures of a large graph: the component sizes, the eigenvector,
    then above :data:`KADABRA_MAX` actors the community numbers (NetworKit's Leiden), else KADABRA's
    betweenness and its note (:func:`estimated_betweenness`)."""
    with one_networkit_thread():
        sizes = ig.component_sizes
        other = community_numbers(ig) if len(ig.nodes) > KADABRA_MAX else estimated_betweenness(ig)
    return sizes, spectral_eigenvector(ig), other


def on_numbered(compute: Callable[[Indexed], Any], n: int, edges: np.ndarray):
    """``compute`` on the graph of ``n`` numbered nodes and ``edges`` (how a prepared child is given its work)."""
    return compute(Indexed.numbered(n, edges))


def _import_igraph() -> None:
    import igraph  # noqa: F401


def _import_networkit() -> None:
    import networkit  # noqa: F401
    import scipy.sparse.linalg  # noqa: F401
    import threadpoolctl  # noqa: F401


class Children:
    """Two :class:`~maillage.graph.analysis.forked.Prepared` children for :func:`network` on a large
    graph, forked before a big scope is read (by the CLI): one imports igraph (:func:`igraph_part`), the
    other NetworKit and scipy (:func:`networkit_part`), on the core the reading leaves idle; the reading
    process then imports neither. :meth:`close` ends those whose result was not read; the first ends at
    once if the second cannot be prepared."""

    def __init__(self) -> None:
        self.igraph = Prepared(_import_igraph)
        try:
            self.networkit = Prepared(_import_networkit)
        except BaseException:
            self.igraph.close()
            raise

    def close(self) -> None:
        self.igraph.close()
        self.networkit.close()


def _in_thread(func: Callable[..., Any], *args) -> Callable[[], Any]:
    """Start ``func(*args)`` in a worker thread; return the function that waits for its result."""
    worker = ThreadPoolExecutor(1)
    future = worker.submit(func, *args)
    worker.shutdown(wait=False)  # its thread ends with its task
    return future.result


class Measures:
    """The centralities and communities of the actor graph ``H`` (numbered by ``ig``), each in node order
    and computed when first read; on a large graph, computed elsewhere from the start.

    On a large graph :func:`igraph_part` (igraph holds the interpreter) runs in a child process and
    :func:`networkit_part` (NetworKit releases it) in a second one, the :class:`Children` the caller
    prepared, or else in a child forked now (:func:`~maillage.graph.analysis.forked.in_child`; in the
    caller's thread when read, up to :data:`KADABRA_MAX` actors) and a worker thread; meanwhile the caller's thread computes the pivot distances of closeness, then what
    depends on no measure (:func:`network`): the two cores work at once. Each NetworKit call is on one
    thread and seeded, igraph's Leiden seeded: deterministic, and the same answers wherever they run.
    """

    def __init__(self, H: nx.Graph, ig: Indexed, children: Children | None = None) -> None:
        self.H, self.ig = H, ig
        self._large, self._kadabra = large(H), len(ig.nodes) <= KADABRA_MAX
        if not self._large:
            return
        if children:
            n = len(ig.nodes)
            self._igraph = children.igraph.submit(on_numbered, igraph_part, n, ig.edges)
            self._networkit = children.networkit.submit(on_numbered, networkit_part, n, ig.edges)
        else:  # igraph's Leiden is short: here; its betweenness in a child forked before any thread starts
            self._igraph = partial(igraph_part, ig) if self._kadabra else in_child(partial(igraph_part, ig))
            self._networkit = _in_thread(networkit_part, ig)
        self._distances = pivot_distances(ig)

    @cached_property
    def _networkit_result(self) -> tuple[np.ndarray, Any]:
        """The eigenvector and :func:`networkit_part`'s last answer (the component sizes are kept in ``ig``)."""
        self.ig.component_sizes, eigen, other = self._networkit()
        return eigen, other

    @cached_property
    def communities(self) -> np.ndarray:
        """Each node's community number (see :func:`communities`)."""
        if not self._large:
            member = community_of(communities(self.H))
            return np.fromiter((member[n] for n in self.ig.nodes), np.int64, len(self.ig.nodes))
        return self._igraph() if self._kadabra else self._networkit_result[1]

    @cached_property
    def eigenvector(self) -> np.ndarray:
        return self._networkit_result[0] if self._large else self.ig.values(eigenvector(self.H))

    @cached_property
    def closeness(self) -> tuple[np.ndarray, str]:
        if not self._large:
            values, note = closeness(self.H)
            return self.ig.values(values), note
        self._networkit_result  # the component sizes
        return estimated_closeness(self.ig, self._distances)

    @cached_property
    def betweenness(self) -> tuple[np.ndarray, str]:
        if not self._large:
            values, note = betweenness(self.H)
            return self.ig.values(values), note
        if self._kadabra:
            return self._networkit_result[1]
        self._networkit_result  # the component sizes
        return estimated_betweenness(self.ig, self._igraph)


def _ranks(keys: list) -> np.ndarray:
    """Each item's place in the sorted order of ``keys`` (distinct keys)."""
    rank = np.empty(len(keys), np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    return rank


def _rows(row: type, order: np.ndarray, *columns: np.ndarray) -> list:
    """``row(*fields)`` for the items ``order`` of the columns (in node order), in that order."""
    return list(map(row, *(column[order].tolist() for column in columns)))


def network(G: nx.MultiDiGraph, children: Children | None = None) -> NetworkResult:
    """Structure of the actor graph (actors only, undirected, one edge per linked pair).

    - degree: number of distinct actors linked; betweenness, closeness, eigenvector: networkx
      normalised centralities (estimated above :data:`EXACT_MAX` actors, said in ``notes``);
    - communities: Louvain, or Leiden on large graphs (:func:`communities`);
    - brokers: actors linked to at least one community other than their own, ranked by the number of
      other communities they touch then by betweenness;
    - isolated: actors without any link to another actor of the scope.

    ``children``: the :class:`Children` that compute the measures of a graph above :data:`KADABRA_MAX`
    actors (else they are forked when needed). The rows that depend on no measure are built while the
    measures are computed elsewhere, the betweenness is read last (see :class:`Measures`).
    """
    H = actor_graph(G)
    result = NetworkResult(territoire=G.graph.get("territoire", ""))
    if H.number_of_nodes() == 0:
        result.message = "aucun acteur dans le périmètre"
        return result
    ig = Indexed(H)
    measures = Measures(H, ig, children)
    named = labels(G)  # the ActorRef fields and name ranks (ties are broken by name order)
    names, kinds, keys = zip(*(named[n] for n in ig.nodes))
    refs = (np.array(ig.nodes, dtype=object), np.array(names, dtype=object), np.array(kinds, dtype=object))
    rank = _ranks(keys)
    degree = np.diff(ig.rows[0])
    isolated = np.flatnonzero(degree == 0)
    result.isolated = _rows(ActorRef, isolated[np.argsort(rank[isolated])], *refs)
    community = measures.communities
    by_name = np.lexsort((rank, community))  # each community's members in name order
    members = _rows(ActorRef, by_name, *refs)
    sizes = np.bincount(community).tolist()
    bounds = np.cumsum([0] + sizes).tolist()
    result.communities = [Community(i, size, members[bounds[i]:bounds[i + 1]]) for i, size in enumerate(sizes)]
    bridged = ig.bridged(community)
    (close, note_c), eigen = measures.closeness, measures.eigenvector
    between, note_b = measures.betweenness
    result.notes = [n for n in (note_b, note_c) if n]
    result.actors = _rows(ActorCentrality, np.lexsort((rank, -degree, -between)), *refs, degree, between, close,
                          eigen, community)
    order = np.lexsort((rank, -between, -bridged))
    result.brokers = _rows(Broker, order[bridged[order] > 0], *refs, bridged, between)
    return result
