"""The messengers of the Pairs page for the peers it shows, on small and big scopes alike.

:func:`maillage.graph.analysis.messengers.plans` finds each peer's path with one search per peer on a
networkx subgraph, which array projections (scopes above
:data:`~maillage.graph.array_projection.ARRAY_MIN` actors) do not offer and which would take minutes
for thousands of peers. Here the definition is the same (a shortest path from the elected person
along channel links through organisations and convinced persons; among several, the first by the
names along it, comparing at most :data:`~maillage.graph.analysis.messengers.PATHS_COMPARED`; the
messenger is its last intermediate) but computed from **one** breadth-first search from the elected
person (the one :func:`~maillage.graph.analysis.peers.peers` runs), and only for the peers asked for.
Small scopes keep :func:`~maillage.graph.analysis.messengers.plans` itself.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import islice

from maillage.graph.analysis.common import actor_graph, has_kind, sort_key
from maillage.graph.analysis.messengers import PATHS_COMPARED, Plan, Step, plans
from maillage.graph.analysis.peers import CHANNEL_LINKS, CONVINCED, PeersResult, _paths_to, _relayed_bfs, stance
from maillage.graph.array_projection import ArrayProjection


def step(G, u: str, v: str) -> Step:
    """The channel link joining ``u`` and ``v`` in its stored direction, first kind by name (the step of
    :func:`~maillage.graph.analysis.messengers.plans`, read with ``out_edges``, which array projections offer)."""
    for a, b in ((u, v), (v, u)):
        kinds = sorted(k for _, target, k in G.out_edges(a, keys=True) if target == b and k in CHANNEL_LINKS)
        if kinds:
            return Step(a, kinds[0], b)
    return Step(u, "", v)


def shown_plans(G, result: PeersResult, shown: int) -> dict[str, Plan]:
    """Peer id -> its plan, for the ``shown`` best ranked peers of ``result`` (module docstring)."""
    result = replace(result, peers=result.peers[:shown])
    if not isinstance(G, ArrayProjection) or result.elu is None:
        return plans(G, result)
    origin = result.elu.id
    channel = actor_graph(G, CHANNEL_LINKS)
    relay = {n for n in channel if not has_kind(G, n, {"personne"}) or stance(G, n) == CONVINCED} | {origin}
    preds, dist = _relayed_bfs(channel, origin, relay)
    bodies_of_origin = {n for n in channel.adj[origin] if not has_kind(G, n, {"personne"})}
    found: dict[str, Plan] = {}
    for peer in result.peers:
        entries = [q for q in channel.adj[peer.id] if q in dist]
        if not entries:
            continue
        best = min(dist[q] for q in entries)
        paths = islice((p + [peer.id] for q in sorted(entries, key=lambda q: sort_key(G, q)) if dist[q] == best
                        for p in _paths_to(preds, q)), PATHS_COMPARED)
        path = min(paths, key=lambda p: [sort_key(G, n) for n in p])
        shared = sorted(bodies_of_origin & set(channel.adj[peer.id]), key=lambda n: sort_key(G, n))
        found[peer.id] = Plan(peer=peer.id, messenger=path[-2], path=path,
                              steps=[step(G, u, v) for u, v in zip(path, path[1:])], shared_bodies=shared)
    return found
