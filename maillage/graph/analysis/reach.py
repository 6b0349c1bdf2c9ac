"""Which firms of a segment each relay reaches, and which firms none of them reaches.

Built on :func:`maillage.graph.analysis.relays.targets` and the reach definition of
:func:`~maillage.graph.analysis.relays.relays`: a relay reaches the segment's firms it has a link
with (either direction, any kind, in the actor graph of the scope).
"""
from __future__ import annotations

import networkx as nx

from maillage.graph.analysis.common import actor_graph, sort_key
from maillage.graph.analysis.relays import targets


def reached_firms(G: nx.MultiDiGraph, segment: str, relays: list[str]) -> dict[str, list[str]]:
    """Relay id -> the segment's firms it reaches, sorted by name."""
    firms = targets(G, segment)
    H = actor_graph(G)
    return {r: sorted((n for n in H.adj[r] if n in firms), key=lambda n: sort_key(G, n)) if r in H else []
            for r in relays}


def unreached_firms(G: nx.MultiDiGraph, segment: str, relays: list[str], depuis: str = "") -> list[str]:
    """The segment's firms reached by none of ``relays`` nor by ``depuis``, sorted by name."""
    firms = targets(G, segment)
    H = actor_graph(G)
    seen = {n for r in [*relays, depuis] if r and r in H for n in H.adj[r]}
    return sorted(firms - seen, key=lambda n: sort_key(G, n))
