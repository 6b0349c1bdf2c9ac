"""What the analyses share: actor references in results, the actor graph, JSON conversion."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx


@dataclass
class ActorRef:
    """An actor in a result: every actor of a JSON output has at least ``id`` and ``name``."""

    id: str
    name: str
    kind: str = ""


@dataclass
class Result:
    """Base of analysis results: ``message`` says why a result is empty, ``notes`` state approximations."""

    def to_json(self) -> dict:
        """The result as plain JSON-ready data (the contract of ``--format json``)."""
        return asdict(self)


def ref(G: nx.MultiDiGraph, node: str) -> dict:
    """The ``ActorRef`` fields of a node, to build any actor row: ``Row(**ref(G, n), extra=...)``."""
    data = G.nodes[node]
    kinds = data.get("kinds") or [""]
    return {"id": node, "name": data.get("name", node), "kind": kinds[0]}


def actors(G: nx.MultiDiGraph) -> list[str]:
    """The actor nodes of a projection, sorted by id (analyses iterate in this order for determinism)."""
    return sorted(n for n, t in G.nodes(data="type") if t == "actor")


def has_kind(G: nx.MultiDiGraph, node: str, kinds) -> bool:
    """Whether the node carries one of ``kinds``."""
    return not set(G.nodes[node].get("kinds", ())).isdisjoint(kinds)


def has_role(G: nx.MultiDiGraph, node: str, roles) -> bool:
    """Whether the node carries one of ``roles``."""
    return not set(G.nodes[node].get("roles", ())).isdisjoint(roles)


def actor_graph(G: nx.MultiDiGraph, link_kinds=None) -> nx.Graph:
    """The undirected simple graph of actors: an edge when any link (of ``link_kinds``) joins two actors.

    Edges carry ``kinds``, the set of link kinds joining the pair; self-loops are dropped. The graph is
    built once per projection and link-kind set, and cached in ``G.graph``: treat it as read-only.
    """
    cache = G.graph.setdefault("actor_graphs", {})
    key = None if link_kinds is None else frozenset(link_kinds)
    if key not in cache:
        cache[key] = _build_actor_graph(G, link_kinds)
    return cache[key]


def _build_actor_graph(G: nx.MultiDiGraph, link_kinds) -> nx.Graph:
    nodes = set(actors(G))
    pairs: dict[tuple[str, str], set[str]] = {}
    for u in nodes:
        for v, keys in G.adj[u].items():
            if v == u or v not in nodes:
                continue
            kinds = keys.keys() if link_kinds is None else [k for k in keys if k in link_kinds]
            if kinds:
                pairs.setdefault((u, v) if u < v else (v, u), set()).update(kinds)
    H = nx.Graph()
    H.add_nodes_from(sorted(nodes))
    H.add_edges_from((u, v, {"kinds": kinds}) for (u, v), kinds in pairs.items())
    return H


def names(G: nx.MultiDiGraph, nodes) -> list[str]:
    """The names of ``nodes``, in order."""
    return [G.nodes[n].get("name", n) for n in nodes]


def sort_key(G: nx.MultiDiGraph, node: str) -> tuple[str, str]:
    """Ties are broken by folded name then id."""
    return (G.nodes[node].get("name", node).casefold(), node)


__all__ = ["ActorRef", "Result", "ref", "actors", "has_kind", "has_role", "actor_graph", "names", "sort_key",
           "find_actor"]


def find_actor(G: nx.MultiDiGraph, query: str, kinds=(), what: str = "acteur") -> str:
    """The actor node (of one of ``kinds`` when given) whose id, name or alias matches ``query``."""
    from maillage.graph.scope import match_actor

    pool = [(n, G.nodes[n]["name"], G.nodes[n].get("aliases", [])) for n in actors(G)
            if not kinds or has_kind(G, n, kinds)]
    return match_actor(pool, query, what)
