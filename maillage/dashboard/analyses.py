"""The analyses of :mod:`maillage.graph.analysis`, run on the scoped projection and cached.

Results are cached on the database version, the scope and the parameters (never forever), and
shared between sessions: pages must not modify them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Callable

import networkx as nx
import streamlit as st

from maillage.graph.analysis.compare import compare
from maillage.graph.analysis import reading
from maillage.graph.analysis.network import NetworkResult, network
from maillage.graph.model import Graph
from maillage.graph.projection import scoped_projection
from maillage.graph.scope import Scope
from maillage.dashboard import layout
from maillage.dashboard.store_access import Snapshot

#: Centralities offered to size the nodes: attribute of the network result -> French label.
CENTRALITIES = {"degree": "degré", "betweenness": "intermédiarité", "closeness": "proximité",
                "eigenvector": "vecteur propre"}


@st.cache_resource(max_entries=16, show_spinner=False)
def _projection(version: int, scope_key: str, _graph: Graph, _scope: Scope) -> nx.MultiDiGraph:
    return scoped_projection(_graph, _scope)


def projection(snap: Snapshot, scope: Scope) -> nx.MultiDiGraph:
    """The networkx projection of the scope (an empty scope raises a French InputError)."""
    return _projection(snap.version, repr(scope), snap.graph, scope)


@st.cache_resource(max_entries=32, show_spinner="Calcul en cours…")
def _run(version: int, scope_key: str, name: str, params_key: str, _G: nx.MultiDiGraph,
         _analysis: Callable, _params: dict):
    return _analysis(_G, **_params)


def run(snap: Snapshot, scope: Scope, analysis: Callable, **params):
    """``analysis(G, **params)`` on the scoped projection, cached on (version, scope, analysis, params)."""
    G = projection(snap, scope)
    key = json.dumps(params, sort_keys=True, default=str)
    return _run(snap.version, repr(scope), f"{analysis.__module__}.{analysis.__name__}", key, G, analysis, params)


def centrality(snap: Snapshot, scope: Scope, view: Graph, measure: str) -> dict[str, float]:
    """One centrality (a key of :data:`CENTRALITIES`) of every actor of the scope."""
    if not view.actors:
        return {}
    result = run(snap, scope, network)
    return {row.id: float(getattr(row, measure)) for row in result.actors}


@st.cache_resource(max_entries=8, show_spinner="Comparaison en cours…")
def _compare(version: int, scope_key: str, territories: tuple[str, ...], _graph: Graph, _scope: Scope):
    projections = [scoped_projection(_graph, replace(_scope, territoire=t)) for t in territories]
    return compare(projections)


def compare_territories(snap: Snapshot, scope: Scope, territories: list[str]):
    """The comparison of ``territories`` (ids), each scoped with the filters of ``scope``."""
    return _compare(snap.version, repr(scope), tuple(territories), snap.graph, scope)


@st.cache_resource(max_entries=16, show_spinner="Placement des acteurs…")
def _layout(version: int, scope_key: str, _view: Graph) -> layout.Layout:
    return layout.compute(_view)


def drawing(snap: Snapshot, scope: Scope, view: Graph) -> layout.Layout:
    """The Explorer's positions of the scope ``view`` (computed once per database version and scope)."""
    return _layout(snap.version, repr(scope), view)


@dataclass(frozen=True)
class Reading:
    """The network analysis of a scope, with its communities named, its passeurs and each actor's community."""

    result: NetworkResult
    names: dict[int, str]
    passeurs: list[reading.Passeur]
    community: dict[str, int]


def network_reading(snap: Snapshot, scope: Scope, view: Graph) -> Reading:
    """The network analysis of the scope, read for users (see :mod:`maillage.graph.analysis.reading`)."""
    result = run(snap, scope, network)
    kinds = {a.id: a.kinds for a in view.actors.values()}
    places = {a.id: [view.territories[t].name for t in a.territories if t in view.territories]
              for a in view.actors.values()}
    return Reading(result, reading.community_names(result, kinds, places), reading.passeurs(result),
                   {a.id: a.community for a in result.actors})
