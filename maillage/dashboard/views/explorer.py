"""Explorer: the network of the scope, laid out once on the server and drawn still, coloured by kind or community.

A scope of more actors than the setting ``MAILLAGE_ACTEURS_DESSINES`` (N, 300 by default) draws its N actors
linked with the most other actors of the scope (degree in the scope's actor graph; ties by name, then id:
:func:`~maillage.dashboard.store_access.most_linked`), sizes and colours them by the network analysis of the
scope (of the drawn graph above 3,000 actors: :class:`~maillage.dashboard.analyses.Drawing`), and says so on the page (« N acteurs les plus centraux sur M affichés »). Any actor stays
reachable: the sidebar's « Autour de l'acteur » searches the whole base and centres the scope on it.
"""
from __future__ import annotations

import streamlit as st

from maillage.errors import InputError
from maillage.graph import taxonomy
from maillage.dashboard import analyses, exports, labels, network, scope_panel, ui

#: Actors labelled on the picture besides the focused neighbourhood: the most central ones whose labels
#: do not overlap those of the searched actor and its neighbours (always labelled).
LABELLED = 20
#: Height of the picture, so that it and its legends fit a 1440×900 screen.
PICTURE_HEIGHT = 550
COLOUR_MODES = {"kind": "type d'acteur", "community": "communauté"}

base = ui.load()
scope = scope_panel.scope_sidebar(base)

st.title("Explorer le réseau")
try:
    drawing = analyses.drawing(base, scope)
except InputError:
    st.info("Aucun acteur dans ce périmètre : élargissez les filtres de la barre latérale.")
    st.stop()
view, drawn_layout, reading = drawing.view, drawing.layout, drawing.reading
controls = st.columns([3, 2, 2])
with controls[0]:
    focus = ui.pick_actor(base, "Chercher un acteur dans le graphe", key="explorer-focus",
                          placeholder="Nom d'un acteur…", among=drawn_layout.ids) or ""
colour_mode = controls[1].radio("Couleur selon", list(COLOUR_MODES), format_func=COLOUR_MODES.get,
                                horizontal=True, key="explorer-colour")
measure = controls[2].selectbox("Taille selon", list(analyses.CENTRALITIES), format_func=analyses.CENTRALITIES.get,
                               key="explorer-measure")
sizes = {row.id: float(getattr(row, measure)) for row in reading.result.actors}
drawn_links = network.actor_links(view, set(drawn_layout.ids))
near = {l.target if l.source == focus else l.source for l in drawn_links if focus in (l.source, l.target)}
ranked = sorted(drawn_layout.ids, key=lambda a: (a != focus, a not in near, -sizes.get(a, 0.0)))
labelled = set(network.uncluttered(ranked, drawn_layout.positions, {a: view.actors[a].name for a in drawn_layout.ids},
                                   LABELLED + (1 + len(near) if focus else 0), sizes))
if focus:
    labelled |= {focus} | near  # the searched actor's neighbourhood is always named
colour_of_community = network.community_colours(reading.result.communities)
if colour_mode == "community":
    colours = {a: colour_of_community.get(reading.community.get(a, -1), network.OTHER_COLOUR) for a in drawn_layout.ids}
    shown_communities = [c for c in sorted(reading.result.communities, key=lambda c: -c.size)
                         if colour_of_community[c.id] != network.OTHER_COLOUR]
    groups = [(colour_of_community[c.id], f"{reading.names.get(c.id, c.id)} ({c.size})") for c in shown_communities]
    groups.append((network.OTHER_COLOUR, "autres communautés"))
    legend_title = "Communautés (par taille)"
else:
    colours = {a: network.KIND_COLOURS.get(view.actors[a].kind, network.OTHER_COLOUR) for a in drawn_layout.ids}
    kinds = [k for k in taxonomy.ACTOR_KINDS if any(view.actors[a].kind == k for a in drawn_layout.ids)]
    groups = [(network.KIND_COLOURS[k], taxonomy.ACTOR_KINDS[k]) for k in kinds]
    legend_title = "Types d'acteurs"
drawn = network.render(view, drawn_layout, sizes, colours, labelled, focus=focus, height=PICTURE_HEIGHT)

picture, side = st.columns([5, 1.5])
with picture:
    st.iframe(drawn.html, height=PICTURE_HEIGHT + 10)
    link_kinds = [k for k in taxonomy.LINK_KINDS if any(l.kind == k for l in drawn_links)]
    st.html(network.link_legend_html(link_kinds))
with side:
    st.html(network.legend_html(groups, legend_title))
    if drawn.shown < drawn.total:
        st.caption(f"{labels.integer(drawn.shown)} acteurs les plus centraux sur {labels.integer(drawn.total)} affichés "
                   "(ceux qui sont liés au plus grand nombre d'acteurs du périmètre"
                   f"{'' if drawing.of_scope else ' ; tailles et communautés calculées sur eux'}). "
                   "Restreignez le périmètre ou cherchez un acteur autour duquel centrer le graphe (barre latérale) "
                   "pour voir les autres.")
    else:
        st.caption(f"{labels.count(drawn.shown, 'acteur dessiné', 'acteurs dessinés')} sur {labels.integer(drawn.total)}.")
    st.caption("Noms affichés : les plus centraux (sans chevauchement) et le voisinage de l'acteur cherché ; les autres au "
               "survol. Cliquez sur un acteur pour ouvrir sa fiche.")
    st.download_button("Graphe pour Gephi (GEXF)", lambda: exports.gexf_bytes(view, drawn_layout.positions, colours),
                       file_name="maillage-reseau.gexf", mime="application/xml", key="explorer-gexf", on_click="ignore")
