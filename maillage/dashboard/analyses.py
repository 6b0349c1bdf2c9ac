"""The analyses of :mod:`maillage.graph.analysis`, run on the scoped projection and cached.

Results are cached on the database version, the scope and the parameters (never forever), and
shared between sessions: pages must not modify them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from maillage.graph.analysis.compare import compare
from maillage.graph.analysis import duplicates, reading
from maillage.graph.analysis.network import NetworkResult, network
from maillage.graph.analysis.relay_deserts import RelayDesertsResult, relay_deserts
from maillage.graph.array_projection import ARRAY_MIN, project
from maillage.graph.model import Graph
from maillage.graph.projection import to_networkx
from maillage.graph.scope import Scope
from maillage.dashboard import layout, store_access
from maillage.dashboard.settings import settings
from maillage.dashboard.store_access import Base

#: Centralities offered to size the nodes: attribute of the network result -> French label.
CENTRALITIES = {"degree": "degré", "betweenness": "intermédiarité", "closeness": "proximité",
                "eigenvector": "vecteur propre"}


@st.cache_resource(max_entries=16, show_spinner=False)
def _projection(base_key: str, scope_key: str, _base: Base, _scope: Scope):
    return project(store_access.scoped(_base, _scope))


def projection(base: Base, scope: Scope):
    """What the analyses take for the scope (:func:`maillage.graph.array_projection.project`: networkx for a small
    scope, arrays for a big one); an empty scope raises a French InputError."""
    return _projection(base.key, repr(scope), base, scope)


@st.cache_resource(max_entries=32, show_spinner="Calcul en cours…")
def _run(base_key: str, scope_key: str, name: str, params_key: str, _G, _analysis: Callable, _params: dict):
    return _analysis(_G, **_params)


def run(base: Base, scope: Scope, analysis: Callable, **params):
    """``analysis(G, **params)`` on the scoped projection, cached on (version, scope, analysis, params)."""
    G = projection(base, scope)
    key = json.dumps(params, sort_keys=True, default=str)
    return _run(base.key, repr(scope), f"{analysis.__module__}.{analysis.__name__}", key, G, analysis, params)


@st.cache_resource(max_entries=8, show_spinner="Comparaison en cours…")
def _compare(base_key: str, scope_key: str, territories: tuple[str, ...], _base: Base, _scope: Scope):
    return compare([projection(_base, replace(_scope, territoire=t)) for t in territories])


def compare_territories(base: Base, scope: Scope, territories: list[str]):
    """The comparison of ``territories`` (ids), each scoped with the filters of ``scope``."""
    return _compare(base.key, repr(scope), tuple(territories), base, scope)


@dataclass(frozen=True)
class Drawing:
    """What the Explorer and the Réseau page draw of a scope: at most :attr:`Settings.drawn` actors (those with
    the most links in the scope), their links, their positions, and the network analysis giving their sizes and
    communities: of the whole scope up to :data:`~maillage.graph.array_projection.ARRAY_MIN` actors
    (``of_scope``), else of the drawn graph (a big scope's analysis would make the first picture wait). The links
    between drawn actors carry their proving sentences (read from the store for the drawn actors only), which
    their tooltips quote."""

    view: Graph
    layout: layout.Layout
    reading: "Reading"
    of_scope: bool


@st.cache_resource(max_entries=16, show_spinner="Placement des acteurs…")
def _drawing(base_key: str, scope_key: str, budget: int, _base: Base, _scope: Scope) -> Drawing:
    rows = store_access.scoped(_base, _scope)
    view = store_access.sub_graph(rows, store_access.most_linked(_base, rows, budget))
    store_access.with_sentences(_base, {key: link for key, link in view.links.items() if link.target_type == "actor"},
                                set(view.actors))
    drawn = replace(layout.compute(view, budget), total=rows.actor_count)
    if rows.actor_count <= ARRAY_MIN:
        return Drawing(view, drawn, network_reading(_base, _scope), of_scope=True)
    G = to_networkx(view)
    G.graph["territoire"], G.graph["core"] = rows.label, []
    return Drawing(view, drawn, _reading(network(G), view), of_scope=False)


def drawing(base: Base, scope: Scope) -> Drawing:
    """The drawn part of the scope (computed once per database version and scope)."""
    return _drawing(base.key, repr(scope), settings().drawn, base, scope)


@dataclass(frozen=True)
class Reading:
    """The network analysis of a scope, with its communities named, its passeurs and each actor's community."""

    result: NetworkResult
    names: dict[int, str]
    passeurs: list[reading.Passeur]
    community: dict[str, int]


def _named(result: NetworkResult, kinds: dict[str, list[str]], places: dict[str, list[str]]) -> Reading:
    return Reading(result, reading.community_names(result, kinds, places), reading.passeurs(result),
                   {a.id: a.community for a in result.actors})


def _reading(result: NetworkResult, view: Graph) -> Reading:
    return _named(result, {a.id: a.kinds for a in view.actors.values()},
                  {a.id: [view.territories[t].name for t in a.territories if t in view.territories]
                   for a in view.actors.values()})


@st.cache_resource(max_entries=16, show_spinner="Calcul en cours…")
def _network_reading(base_key: str, scope_key: str, _base: Base, _scope: Scope) -> Reading:
    result = run(_base, _scope, network)
    folded, rows = _base.folded, store_access.scoped(_base, _scope).actors
    ids = folded.actors.column("id").filter(pa.array(rows)).to_pylist()
    kinds = dict(zip(ids, folded.actors.column("kinds").filter(pa.array(rows)).to_pylist()))
    where = folded.actors.column("territories").filter(pa.array(rows)).to_pylist()
    return _named(result, kinds, {i: [_base.territories[t].name for t in ts or () if t in _base.territories]
                                  for i, ts in zip(ids, where)})


def network_reading(base: Base, scope: Scope) -> Reading:
    """The network analysis of the whole scope, read for users (see :mod:`maillage.graph.analysis.reading`)."""
    return _network_reading(base.key, repr(scope), base, scope)


@st.cache_resource(max_entries=8, show_spinner="Calcul en cours…")
def _relay_deserts(base_key: str, territoire: str, _base: Base) -> RelayDesertsResult:
    folded = _base.folded
    located = pc.equal(folded.links.column("kind"), "LOCATED_IN").to_numpy(zero_copy_only=False)
    graph = Graph(actors={a.id: a for a in folded.actor_records(np.arange(_base.actor_count))},
                  territories=_base.territories)
    graph.links = {link.key: link for link in folded.bare_links(located)}
    return relay_deserts(graph, territoire)


def relay_deserts_of(base: Base, territoire: str) -> RelayDesertsResult:
    """The relay deserts of the communes of ``territoire`` (:func:`maillage.graph.analysis.relay_deserts.relay_deserts`:
    actors and their places are all it reads), cached per version and territory."""
    return _relay_deserts(base.key, territoire, base)


@st.cache_resource(max_entries=2, show_spinner="Recherche des doublons…")
def _duplicates(base_key: str, _base: Base) -> duplicates.DuplicateSearch:
    return duplicates.search(_base.folded)


def duplicate_search(base: Base) -> duplicates.DuplicateSearch:
    """The likely duplicates of the whole base (:func:`maillage.graph.analysis.duplicates.search`, on the folded
    columns), cached per version."""
    return _duplicates(base.key, base)
