"""The path by which a single window orients a firm to a provider, built on :mod:`coverage`'s reach rule."""
from __future__ import annotations

import networkx as nx

from maillage.graph.analysis.coverage import REACH_STEPS, _orienting_neighbours


def orientation_path(G: nx.MultiDiGraph, window: str, provider: str) -> list[str]:
    """The shortest path (actor ids, window first) along which ``window`` reaches ``provider`` under the rule
    of :func:`~maillage.graph.analysis.coverage.reached_from` (at most :data:`REACH_STEPS` orienting
    links, first neighbours by id); ``[]`` when it does not."""
    paths = {window: [window]}
    frontier = [window]
    for _step in range(REACH_STEPS):
        following = []
        for node in frontier:
            for nxt in sorted(_orienting_neighbours(G, node)):
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    return paths.get(provider, [])
