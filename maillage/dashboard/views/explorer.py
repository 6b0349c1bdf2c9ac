"""Explorer: the network of the scope chosen in the sidebar, coloured by kind, sized by a centrality."""
from __future__ import annotations

import streamlit as st

from maillage.graph import taxonomy
from maillage.dashboard import analyses, network, scope_panel, ui

snap = ui.load()
scope = scope_panel.scope_sidebar(snap.graph)
view = scope_panel.scoped_graph(snap, scope)

st.title("Explorer le réseau")
measure = st.radio("Taille des nœuds selon", list(analyses.CENTRALITIES), format_func=analyses.CENTRALITIES.get,
                   horizontal=True, key="explorer-measure")
if not view.actors:
    st.info("Aucun acteur dans ce périmètre : élargissez les filtres de la barre latérale.")
    st.stop()
sizes = analyses.centrality(snap, scope, view, measure)
drawn = network.render(view, sizes)
if drawn.note:
    st.warning(drawn.note)
actor_links = sum(1 for l in view.links.values() if l.target_type == "actor")
st.caption(f"{drawn.shown} acteurs dessinés sur {drawn.total}, {actor_links} liens entre acteurs. "
           "Cliquez sur un acteur pour mettre en avant son voisinage ; survolez pour le détail.")
st.iframe(drawn.html, height=640)
kinds = [k for k in taxonomy.ACTOR_KINDS if any(a.kind == k for a in view.actors.values())]
link_kinds = [k for k in taxonomy.LINK_KINDS if any(l.kind == k and l.target_type == "actor" for l in view.links.values())]
st.html(network.legend_html(kinds, link_kinds))

chosen = ui.pick_actor(view, "Ouvrir la fiche d'un acteur du périmètre", key="explorer-open")
if chosen:
    ui.actor_link(view.actors[chosen], prefix="Fiche :")
