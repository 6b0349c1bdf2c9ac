"""The networkx projection of a (scoped) graph, the input of every analysis.

:func:`to_networkx` gives a ``MultiDiGraph`` whose nodes are actors (keyed by
their id) and the territories, programmes and services they link to (keyed
``"territory:<id>"``, ``"programme:<id>"``, ``"service:<code>"``). Node
attributes: ``type``, ``name``, ``kinds``, ``roles``, ``territories``,
``attributes``. Edges are keyed by link kind and carry ``kind``,
``confidence`` and ``methods`` (sorted list).

:func:`scoped_projection` applies a :class:`~maillage.graph.scope.Scope` first
and records in ``G.graph`` the territory label (``"territoire"``) and the core
actors located inside it (``"core"``).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager

import networkx as nx

from maillage.errors import InputError
from maillage.graph.model import Graph
from maillage.graph.scope import Scope, scope_graph


def node_key(node_type: str, node_id: str) -> str:
    """The networkx key of a node: the id for an actor, ``"<type>:<id>"`` otherwise."""
    return node_id if node_type == "actor" else f"{node_type}:{node_id}"


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Project ``graph`` (see the module docstring for node keys and attributes).

    The undirected actor graph of all link kinds (:func:`actor_graph`) is built in the same pass.
    """
    G = nx.MultiDiGraph()
    pairs: dict[tuple[str, str], set[str]] = {}
    for actor in graph.actors.values():
        G.add_node(actor.id, type="actor", name=actor.name, kinds=list(actor.kinds), roles=list(actor.roles),
                   territories=list(actor.territories), attributes=dict(actor.attributes),
                   aliases=list(actor.aliases))
    edges = []
    for link in graph.links.values():
        target = node_key(link.target_type, link.target)
        if target not in G:
            G.add_node(target, type=link.target_type, name=_target_name(graph, link.target_type, link.target),
                       kinds=[], roles=[], territories=[], attributes={}, aliases=[])
        edges.append((link.source, target, link.kind,
                      {"kind": link.kind, "confidence": link.confidence, "methods": sorted(link.methods)}))
        if link.target_type == "actor" and link.target != link.source and link.target in graph.actors:
            _pair(pairs, link.source, link.target).add(link.kind)
    G.add_edges_from(edges)
    G.graph["actor_graphs"] = {None: _pairs_graph(graph.actors, pairs)}
    return G


def _pair(pairs: dict[tuple[str, str], set[str]], u: str, v: str) -> set[str]:
    return pairs.setdefault((u, v) if u < v else (v, u), set())


def _pairs_graph(nodes, pairs: dict[tuple[str, str], set[str]]) -> nx.Graph:
    H = nx.Graph()
    H.add_nodes_from(sorted(nodes))
    H.add_edges_from((u, v, {"kinds": kinds}) for (u, v), kinds in pairs.items())
    return H


def actor_graph(G: nx.MultiDiGraph, link_kinds=None) -> nx.Graph:
    """The undirected simple graph of actors: an edge when any link (of ``link_kinds``) joins two actors.

    Edges carry ``kinds``, the set of link kinds joining the pair; self-loops are dropped. The graph is
    built once per projection and link-kind set, and cached in ``G.graph``: treat it as read-only.
    """
    if not isinstance(G, nx.MultiDiGraph):  # a projection on arrays builds its own
        return G.actor_graph(link_kinds)
    cache = G.graph.setdefault("actor_graphs", {})
    key = None if link_kinds is None else frozenset(link_kinds)
    if key not in cache:
        if key is not None and None in cache:
            full = cache[None]
            pairs = {(u, v): kinds & key for u, v, kinds in full.edges(data="kinds") if not kinds.isdisjoint(key)}
            cache[key] = _pairs_graph(full, pairs)
        else:
            nodes = [n for n, t in G.nodes(data="type") if t == "actor"]
            pairs = {}
            for u, v, kind in G.edges(keys=True):
                if u != v and G.nodes[v]["type"] == "actor" and (key is None or kind in key):
                    _pair(pairs, u, v).add(kind)
            cache[key] = _pairs_graph(nodes, pairs)
    return cache[key]


def _target_name(graph: Graph, node_type: str, node_id: str) -> str:
    if node_type == "territory" and node_id in graph.territories:
        return graph.territories[node_id].name
    if node_type == "programme" and node_id in graph.programmes:
        return graph.programmes[node_id].name
    return node_id


@contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector while building many objects that all stay alive.

    Projecting 100,000 links allocates about a million objects; each collection rescans the whole
    heap (the stored graph included) and doubled the projection time on the benchmark graph.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def scoped_projection(graph: Graph, scope: Scope) -> nx.MultiDiGraph:
    """Apply ``scope`` then project; an empty scope is an :class:`InputError` saying why."""
    with paused_gc():
        scoped = scope_graph(graph, scope)
        if not scoped.graph.actors:
            where = f" sur « {scope.territoire} »" if scope.territoire else ""
            raise InputError(f"périmètre vide : aucun acteur{where} avec ces filtres")
        G = to_networkx(scoped.graph)
    G.graph["territoire"] = scoped.label
    G.graph["core"] = sorted(scoped.core)
    return G
