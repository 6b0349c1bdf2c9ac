"""The sidebar that chooses the scope of a page (territory, kinds, link kinds, confidence, methods, radius).

Its widgets share their keys across pages, and their values are carried from page to page
(:func:`keep_values`), so a territory chosen on the explorer stays chosen on the analyses.
"""
from __future__ import annotations

import streamlit as st

from maillage.graph import taxonomy
from maillage.graph.scope import Scope
from maillage.dashboard import ui
from maillage.dashboard.store_access import Base

_PREFIX = "scope-"


#: Initial values of the widgets that do not start empty: weak links (co-occurrences, and link suggestions
#: waiting for a curator's decision) are left out until the user asks for them.
_DEFAULTS = {"confidence": 0.0, "radius": 2,
             "methods": [m for m in ("cooccurrence", "suggestion") if m in taxonomy.METHODS]}


def keep_values() -> None:
    """Carry the scope widgets' values over this run (Streamlit forgets the state of widgets not drawn);
    called on every page by ``app.py``, so pages without the sidebar keep the scope too."""
    for key in [k for k in st.session_state if str(k).startswith(_PREFIX)]:
        st.session_state[key] = st.session_state[key]
    for name, value in _DEFAULTS.items():
        st.session_state.setdefault(_PREFIX + name, value)


def territory_options(base: Base) -> dict[str, str]:
    """Territory id -> name, by name; the empty id means the whole graph."""
    named = sorted(base.territories.values(), key=lambda t: (t.name.lower(), t.id))
    return {"": "Tout le graphe", **{t.id: f"{t.name} ({taxonomy.TERRITORY_LEVELS.get(t.level, t.level)})"
                                     for t in named}}


def scope_sidebar(base: Base, around: bool = True) -> Scope:
    """Draw the scope widgets in the sidebar and return the chosen scope (``around`` adds the actor search)."""
    bar = st.sidebar
    bar.header("Périmètre")
    places = territory_options(base)
    territoire = bar.selectbox("Territoire", list(places), format_func=places.get, key=_PREFIX + "territoire")
    kinds = bar.multiselect("Types d'acteurs", list(taxonomy.ACTOR_KINDS), format_func=taxonomy.ACTOR_KINDS.get,
                            key=_PREFIX + "kinds", placeholder="tous")
    link_kinds = bar.multiselect("Types de liens", list(taxonomy.LINK_KINDS), format_func=taxonomy.LINK_KINDS.get,
                                 key=_PREFIX + "links", placeholder="tous")
    confidence = bar.slider("Confiance minimale", 0.0, 1.0, step=0.05, key=_PREFIX + "confidence")
    excluded = bar.multiselect("Méthodes exclues", list(taxonomy.METHODS), format_func=taxonomy.METHODS.get,
                               key=_PREFIX + "methods")
    centre, radius = "", 2
    if around:
        with bar:
            centre = ui.pick_actor(base, "Autour de l'acteur", key=_PREFIX + "around",
                                   placeholder="Chercher un acteur…") or ""
        radius = bar.slider("Rayon (liens)", 1, 4, key=_PREFIX + "radius", disabled=not centre)
    return Scope(territoire=territoire, kinds=tuple(kinds), link_kinds=tuple(link_kinds),
                 min_confidence=confidence, exclude_methods=tuple(excluded), around=centre, radius=radius)

