"""Network structure: centralities, communities, brokers, isolated actors."""
from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

import networkx as nx

from maillage.graph.analysis.common import ActorRef, Result, actor_graph, ref, sort_key

#: Above this many actors, betweenness is estimated from :data:`BETWEENNESS_SAMPLES` sampled sources
#: and closeness from :data:`CLOSENESS_PIVOTS` pivots.
EXACT_MAX = 2000
BETWEENNESS_SAMPLES = 24
CLOSENESS_PIVOTS = 48
#: Above this many actors, Louvain runs in igraph's C implementation (same method, much faster).
LOUVAIN_NETWORKX_MAX = 3000
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


def communities(H: nx.Graph) -> list[set[str]]:
    """Louvain communities of the actor graph (modularity, seed 0), largest first, then by smallest member.

    networkx's implementation up to :data:`LOUVAIN_NETWORKX_MAX` nodes, igraph's multilevel (the same
    Louvain method in C) above. Isolated actors form singleton communities.
    """
    if H.number_of_edges() == 0:
        parts = [{n} for n in H]
    elif H.number_of_nodes() <= LOUVAIN_NETWORKX_MAX:
        parts = nx.community.louvain_communities(H, seed=SEED)
    else:
        parts = _igraph_louvain(H)
    return sorted((set(p) for p in parts), key=lambda p: (-len(p), min(p)))


def _igraph_louvain(H: nx.Graph) -> list[set[str]]:
    import igraph

    nodes = sorted(H)
    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()])
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        membership = g.community_multilevel().membership
    finally:
        igraph.set_random_number_generator(random)
    parts: dict[int, set[str]] = {}
    for node, part in zip(nodes, membership):
        parts.setdefault(part, set()).add(node)
    return list(parts.values())


def community_of(parts: list[set[str]]) -> dict[str, int]:
    """Each node's community number (index in ``parts``)."""
    return {n: i for i, part in enumerate(parts) for n in part}


def betweenness(H: nx.Graph) -> tuple[dict[str, float], str]:
    """Normalised betweenness; sampled from :data:`BETWEENNESS_SAMPLES` sources above :data:`EXACT_MAX`."""
    if H.number_of_nodes() <= EXACT_MAX:
        return nx.betweenness_centrality(H), ""
    note = (f"intermédiarité estimée à partir de {BETWEENNESS_SAMPLES} sources tirées au hasard "
            f"(plus de {EXACT_MAX} acteurs)")
    return nx.betweenness_centrality(H, k=BETWEENNESS_SAMPLES, seed=SEED), note


def closeness(H: nx.Graph) -> tuple[dict[str, float], str]:
    """Closeness (Wasserman-Faust for disconnected graphs, as networkx); estimated above :data:`EXACT_MAX`.

    The estimate (Eppstein-Wang) replaces each node's mean distance within its component by its mean
    distance to :data:`CLOSENESS_PIVOTS` sampled pivots of that component.
    """
    n = H.number_of_nodes()
    if n <= EXACT_MAX:
        return nx.closeness_centrality(H), ""
    component_size = {v: len(c) for c in nx.connected_components(H) for v in c}
    pivots = random.Random(SEED).sample(sorted(H), CLOSENESS_PIVOTS)
    total: dict[str, int] = dict.fromkeys(H, 0)
    count: dict[str, int] = dict.fromkeys(H, 0)
    for pivot in pivots:
        for node, dist in _bfs(H, pivot).items():
            if node != pivot:
                total[node] += dist
                count[node] += 1
    scores = {}
    for v in H:
        reach = component_size[v] - 1
        scores[v] = (count[v] / total[v]) * reach / (n - 1) if total[v] else 0.0
    note = f"proximité estimée à partir de {CLOSENESS_PIVOTS} pivots tirés au hasard (plus de {EXACT_MAX} acteurs)"
    return scores, note


def _bfs(H: nx.Graph, source: str) -> dict[str, int]:
    dist = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt in H.adj[node]:
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist


def eigenvector(H: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality (networkx power iteration); zeros when the graph has no edge."""
    if H.number_of_edges() == 0:
        return dict.fromkeys(H, 0.0)
    return nx.eigenvector_centrality(H, max_iter=1000, tol=1e-6)


def network(G: nx.MultiDiGraph) -> NetworkResult:
    """Structure of the actor graph (actors only, undirected, one edge per linked pair).

    - degree: number of distinct actors linked; betweenness, closeness, eigenvector: networkx
      normalised centralities (estimated above :data:`EXACT_MAX` actors, said in ``notes``);
    - communities: Louvain (:func:`communities`);
    - brokers: actors linked to at least one community other than their own, ranked by the number of
      other communities they touch then by betweenness;
    - isolated: actors without any link to another actor of the scope.
    """
    H = actor_graph(G)
    result = NetworkResult(territoire=G.graph.get("territoire", ""))
    if H.number_of_nodes() == 0:
        result.message = "aucun acteur dans le périmètre"
        return result
    between, note_b = betweenness(H)
    close, note_c = closeness(H)
    eigen = eigenvector(H)
    parts = communities(H)
    member = community_of(parts)
    result.notes = [n for n in (note_b, note_c) if n]
    order = sorted(H, key=lambda n: (-between[n], -H.degree(n), sort_key(G, n)))
    result.actors = [ActorCentrality(**ref(G, n), degree=H.degree(n), betweenness=between[n],
                                     closeness=close[n], eigenvector=eigen[n], community=member[n]) for n in order]
    result.communities = [Community(i, len(p), [ActorRef(**ref(G, n)) for n in sorted(p, key=lambda n: sort_key(G, n))])
                          for i, p in enumerate(parts)]
    bridged = {n: len({member[m] for m in H.adj[n]} - {member[n]}) for n in H}
    brokers = sorted((n for n in H if bridged[n]), key=lambda n: (-bridged[n], -between[n], sort_key(G, n)))
    result.brokers = [Broker(**ref(G, n), bridged=bridged[n], betweenness=between[n]) for n in brokers]
    result.isolated = [ActorRef(**ref(G, n)) for n in sorted((n for n in H if H.degree(n) == 0),
                                                             key=lambda n: sort_key(G, n))]
    return result
