"""Réseau: named communities drawn in colour, the few passeurs between them, isolated actors, centralities."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from maillage.dashboard import analyses, analysis_page, cards, labels, network, safe_html, ui

#: Most communities, isolated actors and table rows listed on the page (all are in the downloads).
LISTED, LISTED_ISOLATED, LISTED_ROWS = 30, 300, 1000

snap, scope = analysis_page.header(
    "Structure du réseau",
    "Communautés : groupes d'acteurs plus liés entre eux qu'avec le reste (méthode de Louvain), nommées "
    "d'après leur membre le plus lié. Passeurs : au plus dix acteurs par lesquels passent beaucoup de chemins "
    "du réseau (intermédiarité parmi les 10 % les plus fortes) et qui relient au moins deux autres communautés.")
reading = analyses.network_reading(snap, scope)
result = reading.result
for note in result.notes:
    st.info(note)
analysis_page.summary(result, {"Acteurs": labels.integer(len(result.actors)),
                               "Communautés": labels.integer(len(result.communities)),
                               "Passeurs": len(reading.passeurs), "Isolés": labels.integer(len(result.isolated))})
if not result.actors:
    st.stop()

colours = network.community_colours(result.communities)
picture, side = st.columns([3, 2])
with picture:
    drawing = analyses.drawing(snap, scope)
    drawn_layout = drawing.layout
    degrees = {a.id: a.degree for a in result.actors}
    ranked = [a for a in dict.fromkeys([*(p.id for p in reading.passeurs), *(a.id for a in result.actors[:8])])
              if a in drawing.view.actors]
    labelled = set(network.uncluttered(ranked, drawn_layout.positions,
                                       {a: drawing.view.actors[a].name for a in ranked}, len(ranked), degrees))
    drawn = network.render(drawing.view, drawn_layout, degrees,
                           {a: colours.get(reading.community.get(a, -1), network.OTHER_COLOUR) for a in drawn_layout.ids},
                           labelled, height=430)
    st.iframe(drawn.html, height=440)
    shown = (f"{labels.integer(drawn.shown)} acteurs les plus centraux sur {labels.integer(drawn.total)} affichés ; "
             if drawn.shown < drawn.total else "")
    st.caption(f"{shown}couleur : communauté ; noms : les passeurs et les acteurs les plus centraux. "
               "Cliquez sur un acteur pour ouvrir sa fiche.")
with side:
    st.subheader("Communautés")
    ranked = sorted(result.communities, key=lambda c: (-c.size, c.id))
    st.html("".join(
        f'<div style="font-size:.88em;margin:.15em 0"><span style="display:inline-block;width:.8em;height:.8em;'
        f'border-radius:50%;background:{colours[c.id]};margin-right:.4em"></span>'
        f'{safe_html.text(reading.names.get(c.id, ""))} — {safe_html.text(labels.count(c.size, "acteur"))}</div>'
        for c in [c for c in ranked if c.size > 1][:LISTED]))
    grouped = sum(1 for c in ranked if c.size > 1)
    if grouped > LISTED:
        st.caption(f"… et {labels.integer(grouped - LISTED)} autres communautés (toutes dans les téléchargements).")
    singles = sum(1 for c in ranked if c.size == 1)
    if singles:
        st.caption(f"et {labels.count(singles, 'acteur seul', 'acteurs seuls')} (isolés), en gris.")

st.subheader("Passeurs entre communautés")
if not reading.passeurs:
    st.info("Aucun passeur : aucun acteur très intermédiaire ne relie plusieurs communautés.")
st.html(cards.grid([cards.card(p.id, p.name, p.kind, p.reason, f"passeur n° {i}")
                    for i, p in enumerate(reading.passeurs, start=1)]))

if result.isolated:
    with st.expander(f"Acteurs isolés ({labels.integer(len(result.isolated))}) : aucun lien avec un autre acteur "
                     "du périmètre"):
        if len(result.isolated) > LISTED_ISOLATED:
            st.caption(f"Les {labels.integer(LISTED_ISOLATED)} premiers (tous dans les téléchargements).")
        by_kind: dict[str, list] = defaultdict(list)
        for actor in result.isolated[:LISTED_ISOLATED]:
            by_kind[actor.kind].append(actor)
        st.html("".join(f'<p style="margin:.2em 0"><b>{safe_html.text(labels.kinds_label([kind]))}</b> '
                        f'({len(members)}) : {", ".join(cards.actor_anchor(a.id, a.name) for a in members)}</p>'
                        for kind, members in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))))

st.subheader("Centralités")
st.caption("Liens : acteurs liés ; rang d'intermédiarité : 1 pour l'acteur par lequel passent le plus de chemins."
           + (f" Les {labels.integer(LISTED_ROWS)} premiers sur {labels.integer(len(result.actors))} (tous dans "
              "les téléchargements)." if len(result.actors) > LISTED_ROWS else ""))
table = pd.DataFrame([{"acteur": a.name, "type": labels.kinds_label([a.kind]), "liens": a.degree,
                       "rang d'intermédiarité": rank, "communauté": reading.names.get(a.community, "")}
                      for rank, a in enumerate(result.actors[:LISTED_ROWS], start=1)])
st.dataframe(table, hide_index=True, width="stretch", height=320,
             column_config={"acteur": st.column_config.TextColumn(width="medium"),
                            "communauté": st.column_config.TextColumn(width="large")})


def export() -> pd.DataFrame:
    return pd.DataFrame([{"id": a.id, "acteur": a.name, "type": a.kind, "degre": a.degree,
                          "intermediarite": a.betweenness, "proximite": a.closeness, "vecteur_propre": a.eigenvector,
                          "communaute": a.community, "communaute_nom": reading.names.get(a.community, "")}
                         for a in result.actors])


def data() -> dict:
    found = result.to_json()
    found["communautes_noms"] = {str(k): v for k, v in reading.names.items()}
    found["passeurs"] = [vars(p) for p in reading.passeurs]
    return found


ui.downloads("reseau", data, export, key="network")
