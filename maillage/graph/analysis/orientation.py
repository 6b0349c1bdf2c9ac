"""The path by which a single window orients a firm to a provider, under :mod:`coverage`'s reach rule.

The rule of :func:`~maillage.graph.analysis.coverage.reached_from`: from an actor, a firm is oriented
along its outgoing :data:`~maillage.graph.analysis.coverage.ORIENTING_LINKS` and back along the
incoming symmetric ones (``PARTNER_OF``, ``MEMBER_OF``), at most
:data:`~maillage.graph.analysis.coverage.REACH_STEPS` links away.
"""
from __future__ import annotations

import networkx as nx

from maillage.graph.analysis.coverage import ORIENTING_LINKS, REACH_STEPS

#: Orienting links also followed against their direction.
BOTH_WAYS = ("PARTNER_OF", "MEMBER_OF")


def oriented_to(G: nx.MultiDiGraph, node: str) -> list[str]:
    """The actors ``node`` orients a firm to in one link (sorted)."""
    out = {v for _u, v, k in G.out_edges(node, keys=True) if k in ORIENTING_LINKS}
    back = {u for u, _v, k in G.in_edges(node, keys=True) if k in BOTH_WAYS}
    return sorted(n for n in out | back if G.nodes[n].get("type") == "actor")


def orientation_path(G: nx.MultiDiGraph, window: str, provider: str) -> list[str]:
    """The shortest path (actor ids, window first) along which ``window`` reaches ``provider`` (module
    docstring; first neighbours by id); ``[]`` when it does not."""
    paths = {window: [window]}
    frontier = [window]
    for _step in range(REACH_STEPS):
        following = []
        for node in frontier:
            for nxt in oriented_to(G, node):
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    return paths.get(provider, [])
