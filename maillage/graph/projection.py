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
    """Project ``graph`` (see the module docstring for node keys and attributes)."""
    G = nx.MultiDiGraph()
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
    G.add_edges_from(edges)
    return G


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
