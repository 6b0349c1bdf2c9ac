"""Who carries the message to each peer: the best messenger and the typed path, built on :func:`peers`.

For an elected person ``elu`` and a peer of :func:`maillage.graph.analysis.peers.peers`:

- the **path** is a shortest path from ``elu`` to the peer along
  :data:`~maillage.graph.analysis.peers.CHANNEL_LINKS` whose intermediate actors are organisations
  or convinced persons (the rule of :func:`peers`); among several, the first by the names along it;
- the **messenger** is the last intermediate of that path, the convinced ally or shared body closest
  to the peer; when the path has no intermediate (a direct link), the elected person is the messenger;
- the **shared bodies** are the organisations both the elected person and the peer are linked to
  along channel links (where they sit together);
- each **step** of the path keeps the link kind and its direction as stored (``source`` → ``target``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import networkx as nx

from maillage.graph.analysis.common import actor_graph, has_kind, sort_key
from maillage.graph.analysis.peers import CHANNEL_LINKS, CONVINCED, PeersResult, stance

#: Shortest paths compared when choosing one (by the names along it).
PATHS_COMPARED = 24


@dataclass(frozen=True)
class Step:
    """One link of a path, as stored: ``source`` -``kind``-> ``target`` (actor ids)."""

    source: str
    kind: str
    target: str


@dataclass
class Plan:
    """How to reach one peer: the messenger, the path (actor ids from the elected person), its steps."""

    peer: str
    messenger: str
    path: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    shared_bodies: list[str] = field(default_factory=list)

    @property
    def intermediaries(self) -> int:
        return max(0, len(self.path) - 2)


def _step(G: nx.MultiDiGraph, u: str, v: str) -> Step:
    """The channel link joining ``u`` and ``v``, in its stored direction (first kind by name)."""
    for a, b in ((u, v), (v, u)):
        kinds = sorted(k for k in (G.get_edge_data(a, b) or {}) if k in CHANNEL_LINKS)
        if kinds:
            return Step(a, kinds[0], b)
    return Step(u, "", v)


def _best_path(G: nx.MultiDiGraph, channel: nx.Graph, origin: str, peer: str) -> list[str]:
    """A shortest relayed path from ``origin`` to ``peer``, the first by the names along it; [] if none."""
    try:
        paths = list(islice(nx.all_shortest_paths(channel, origin, peer), PATHS_COMPARED))
    except nx.NetworkXNoPath:
        return []
    return min(paths, key=lambda p: [sort_key(G, n) for n in p])


def plans(G: nx.MultiDiGraph, result: PeersResult) -> dict[str, Plan]:
    """Peer id -> its :class:`Plan`, for every reachable peer of ``result`` (module docstring)."""
    if result.elu is None:
        return {}
    origin = result.elu.id
    channel = actor_graph(G, CHANNEL_LINKS)
    relay = {n for n in channel if not has_kind(G, n, {"personne"}) or stance(G, n) == CONVINCED}
    bodies_of_origin = {n for n in channel.adj[origin] if not has_kind(G, n, {"personne"})}
    found: dict[str, Plan] = {}
    for peer in result.peers:
        allowed = channel.subgraph(relay | {origin, peer.id})
        path = _best_path(G, allowed, origin, peer.id)
        if not path:
            continue
        shared = sorted(bodies_of_origin & set(channel.adj[peer.id]), key=lambda n: sort_key(G, n))
        found[peer.id] = Plan(peer=peer.id, messenger=path[-2], path=path,
                              steps=[_step(G, u, v) for u, v in zip(path, path[1:])], shared_bodies=shared)
    return found
