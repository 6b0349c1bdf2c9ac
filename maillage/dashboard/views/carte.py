"""Carte: the actors of the scope at their commune, and the communes or EPCI coloured by an analysis.

Base map tiles come from the browser (Carto's light style, no key) when it is online; offline the
points and discs are drawn on a blank background, each place named above its actors. Clicking an actor opens its Fiche.
"""
from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from maillage.graph.analysis.coverage import coverage
from maillage.graph import taxonomy
from maillage.graph.analysis.relay_deserts import FAMILIES, STATUS_LABELS
from maillage.graph.model import Graph
from maillage.graph.scope import Scope
from maillage.dashboard import analyses, labels, scope_panel, store_access, ui
from maillage.dashboard.map_data import (LABEL_PIXELS, actor_points, desert_points, legend_html, place_labels,
                                         position, score_colour, view_of)

#: Most actors placed on the map: those of the scope with the most links.
PLACED = 3000
COLOURINGS = {"deserts": "Déserts de relais (communes)", "couverture": "Score de couverture (EPCI)",
              "aucun": "Aucune"}

snap = ui.load()
scope = scope_panel.scope_sidebar(snap, around=False)
rows = store_access.scoped(snap, scope)
view = store_access.sub_graph(rows, store_access.most_linked(snap, rows, PLACED))
places = Graph(territories=snap.territories)
st.title("Carte des acteurs")
colouring = st.radio("Colorer les territoires selon", list(COLOURINGS), format_func=COLOURINGS.get,
                     horizontal=True, key="carte-couleur")
points = actor_points(view, places)
layers, discs = [], []
if colouring == "deserts":
    result = analyses.relay_deserts_of(snap, scope.territoire)
    discs = desert_points(result)
    st.caption(f"{result.deserts} commune(s) en désert de relais : leurs TPE n'ont pas d'"
               f"{', de '.join(FAMILIES.values())} dans la commune ni dans l'EPCI (rouge : aucun des trois).")
    layers.append(pdk.Layer("ScatterplotLayer", discs, id="deserts", get_position=["lon", "lat"],
                            get_fill_color="colour", get_radius=1800, radius_min_pixels=14, pickable=True))
elif colouring == "couverture":
    epcis = [t for t in snap.territories.values() if t.level == "epci" and position(places, t.id)]
    for territory in sorted(epcis, key=lambda t: t.name)[:30]:
        score = analyses.run(snap, Scope(territoire=territory.id), coverage).score
        lat, lon = position(places, territory.id)
        discs.append({"name": territory.name, "lat": lat, "lon": lon, "status": f"couverture {round(score * 100)} %",
                      "small_firms": "", "kind": "", "place": "", "colour": score_colour(score)})
    layers.append(pdk.Layer("ScatterplotLayer", discs, id="couverture", get_position=["lon", "lat"],
                            get_fill_color="colour", get_radius=6000, radius_min_pixels=30, pickable=True))
layers.append(pdk.Layer("ScatterplotLayer", points, id="acteurs", get_position=["lon", "lat"],
                        get_fill_color="colour", get_radius=60, radius_min_pixels=6, radius_max_pixels=14,
                        stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=1, pickable=True))
if not points:
    st.info("Aucun acteur localisé dans ce périmètre : importez les coordonnées des communes "
            "(maillage importer-reference coordonnees FICHIER) ou élargissez les filtres.")
    st.stop()
centre, zoom = view_of(points, discs)
names = place_labels(points, zoom)
layers.append(pdk.Layer("TextLayer", names, id="lieux", get_position=["lon", "lat"], get_text="text",
                        get_size=LABEL_PIXELS, get_color=[40, 40, 40], get_alignment_baseline="'bottom'",
                        character_set=f"'{''.join(sorted(set(''.join(n['text'] for n in names))))}'",  # quoted: a string
                        font_family='"Source Sans Pro, sans-serif"', outline_width=3, outline_color=[255, 255, 255],
                        font_settings={"sdf": True}))
deck = pdk.Deck(layers=layers, map_style="light", tooltip={"text": "{name}\n{kind}{status}\n{place}"},
                initial_view_state=pdk.ViewState(latitude=centre["lat"], longitude=centre["lon"], zoom=zoom))
event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="carte-deck", height=620)
chosen = (event.selection.objects.get("acteurs") or [None])[0] if event and event.selection else None
if chosen:
    st.switch_page(ui.FICHE, query_params={ui.ACTOR_PARAM: chosen["id"]})
most = (f" (les {labels.integer(PLACED)} acteurs les plus centraux du périmètre, ceux qui ont le plus de liens)"
        if rows.actor_count > PLACED else "")
st.caption(f"{labels.integer(len(points))} acteurs placés sur {labels.integer(rows.actor_count)}{most}, groupés autour "
           "de leur commune, nommée au-dessus (quand deux noms se chevauchent, celui du lieu qui a le plus d'acteurs) ; "
           "cliquez sur un acteur pour ouvrir sa fiche.")
st.html(legend_html([k for k in taxonomy.ACTOR_KINDS if any(a.kind == k for a in view.actors.values())]))
if colouring == "deserts":
    st.dataframe(pd.DataFrame([{"commune": c.name, "EPCI": c.epci, "TPE": c.small_firms,
                                **{FAMILIES[f]: STATUS_LABELS[c.served[f]] for f in FAMILIES},
                                "désert": "oui" if c.desert else ""}
                               for c in result.communes]), hide_index=True, width="stretch")
