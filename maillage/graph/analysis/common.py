"""What the analyses share: actor references in results, the actor graph, JSON conversion."""
from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass

import networkx as nx

from maillage.graph.projection import actor_graph
from maillage.graph.scope import match_actor


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
        return plain(self)


def plain(value):
    """Dataclasses, lists and dicts as plain data (like ``dataclasses.asdict`` without its deep copies,
    which took a second on a large result)."""
    if is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _cached(G: nx.MultiDiGraph, key: str, build):
    """``build(G)``, computed once per projection and kept in ``G.graph`` (projections are read-only)."""
    value = G.graph.get(key)
    if value is None:
        value = G.graph[key] = build(G)
    return value


def _labels(G: nx.MultiDiGraph) -> dict[str, tuple[str, str, tuple[str, str]]]:
    kinds = dict(G.nodes(data="kinds"))
    found = {}
    for node, name in G.nodes(data="name"):
        name = node if name is None else name
        found[node] = (name, (kinds[node] or [""])[0], (name.casefold(), node))
    return found


def labels(G: nx.MultiDiGraph) -> dict[str, tuple[str, str, tuple[str, str]]]:
    """Every node's name, first kind (the ``ActorRef`` fields) and :func:`sort_key`, read in one pass over
    the node attributes and kept with the projection."""
    return _cached(G, "labels", _labels)


def ref(G: nx.MultiDiGraph, node: str) -> dict:
    """The ``ActorRef`` fields of a node, to build any actor row: ``Row(**ref(G, n), extra=...)``."""
    name, kind, _key = labels(G)[node]
    return {"id": node, "name": name, "kind": kind}


def actors(G: nx.MultiDiGraph) -> list[str]:
    """The actor nodes of a projection, sorted by id (analyses iterate in this order for determinism)."""
    return list(_cached(G, "actor_nodes", lambda G: sorted(n for n, t in G.nodes(data="type") if t == "actor")))


def with_kind(G: nx.MultiDiGraph, kinds) -> set[str]:
    """The nodes carrying one of ``kinds`` (one pass over the nodes)."""
    kinds = frozenset(kinds)
    return {n for n, found in G.nodes(data="kinds") if found and not kinds.isdisjoint(found)}


def with_role(G: nx.MultiDiGraph, roles) -> set[str]:
    """The nodes carrying one of ``roles`` (one pass over the nodes)."""
    roles = frozenset(roles)
    return {n for n, found in G.nodes(data="roles") if found and not roles.isdisjoint(found)}


def has_kind(G: nx.MultiDiGraph, node: str, kinds) -> bool:
    """Whether the node carries one of ``kinds``."""
    return not set(G.nodes[node].get("kinds", ())).isdisjoint(kinds)


def has_role(G: nx.MultiDiGraph, node: str, roles) -> bool:
    """Whether the node carries one of ``roles``."""
    return not set(G.nodes[node].get("roles", ())).isdisjoint(roles)


def sort_key(G: nx.MultiDiGraph, node: str) -> tuple[str, str]:
    """Ties are broken by folded name then id."""
    return labels(G)[node][2]


__all__ = ["ActorRef", "Result", "ref", "labels", "actors", "with_kind", "with_role", "has_kind", "has_role", "actor_graph", "sort_key",
           "find_actor", "degree_centrality"]


def degree_centrality(H) -> dict[str, float]:
    """Distinct actors linked / (actors - 1), as ``networkx.degree_centrality`` (0 for a lone actor)."""
    if len(H) <= 1:
        return dict.fromkeys(H, 0.0)
    scale = 1.0 / (len(H) - 1.0)
    return {n: H.degree(n) * scale for n in H}


def find_actor(G: nx.MultiDiGraph, query: str, kinds=(), what: str = "acteur") -> str:
    """The actor node (of one of ``kinds`` when given) whose id, name or alias matches ``query``."""
    names, aliases = dict(G.nodes(data="name")), dict(G.nodes(data="aliases"))
    chosen = with_kind(G, kinds) if kinds else names
    pool = [(n, names[n], aliases[n] or []) for n in actors(G) if n in chosen]
    return match_actor(pool, query, what)
