"""Réseau: named communities drawn in colour, the few passeurs between them, isolated actors, centralities."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from maillage.dashboard import analyses, analysis_page, cards, labels, network, safe_html, store_access, ui

snap, scope = analysis_page.header(
    "Structure du réseau",
    "Communautés : groupes d'acteurs plus liés entre eux qu'avec le reste (méthode de Louvain), nommées "
    "d'après leur membre le plus lié. Passeurs : au plus dix acteurs par lesquels passent beaucoup de chemins "
    "du réseau (intermédiarité parmi les 10 % les plus fortes) et qui relient au moins deux autres communautés.")
view = store_access.scoped_graph(snap, scope)
reading = analyses.network_reading(snap, scope, view)
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
    drawn_layout = analyses.drawing(snap, scope, view)
    labelled = {p.id for p in reading.passeurs} | {a.id for a in result.actors[:8]}
    drawn = network.render(view, drawn_layout, {a.id: a.degree for a in result.actors},
                           {a: colours.get(reading.community.get(a, -1), network.OTHER_COLOUR) for a in drawn_layout.ids},
                           labelled, height=430)
    st.iframe(drawn.html, height=440)
    st.caption("Couleur : communauté ; noms : les passeurs et les acteurs les plus centraux. "
               "Cliquez sur un acteur pour ouvrir sa fiche.")
with side:
    st.subheader("Communautés")
    ranked = sorted(result.communities, key=lambda c: (-c.size, c.id))
    st.html("".join(
        f'<div style="font-size:.88em;margin:.15em 0"><span style="display:inline-block;width:.8em;height:.8em;'
        f'border-radius:50%;background:{colours[c.id]};margin-right:.4em"></span>'
        f'{safe_html.text(reading.names.get(c.id, ""))} — {safe_html.text(labels.count(c.size, "acteur"))}</div>'
        for c in ranked if c.size > 1))
    singles = sum(1 for c in ranked if c.size == 1)
    if singles:
        st.caption(f"et {labels.count(singles, 'acteur seul', 'acteurs seuls')} (isolés), en gris.")

st.subheader("Passeurs entre communautés")
if not reading.passeurs:
    st.info("Aucun passeur : aucun acteur très intermédiaire ne relie plusieurs communautés.")
st.html(cards.grid([cards.card(p.id, p.name, p.kind, p.reason, f"passeur n° {i}")
                    for i, p in enumerate(reading.passeurs, start=1)]))

if result.isolated:
    with st.expander(f"Acteurs isolés ({len(result.isolated)}) : aucun lien avec un autre acteur du périmètre"):
        by_kind: dict[str, list] = defaultdict(list)
        for actor in result.isolated:
            by_kind[actor.kind].append(actor)
        st.html("".join(f'<p style="margin:.2em 0"><b>{safe_html.text(labels.kinds_label([kind]))}</b> '
                        f'({len(members)}) : {", ".join(cards.actor_anchor(a.id, a.name) for a in members)}</p>'
                        for kind, members in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))))

st.subheader("Centralités")
st.caption("Liens : acteurs liés ; rang d'intermédiarité : 1 pour l'acteur par lequel passent le plus de chemins.")
table = pd.DataFrame([{"acteur": a.name, "type": labels.kinds_label([a.kind]), "liens": a.degree,
                       "rang d'intermédiarité": rank, "communauté": reading.names.get(a.community, "")}
                      for rank, a in enumerate(result.actors, start=1)])
st.dataframe(table, hide_index=True, width="stretch", height=320,
             column_config={"acteur": st.column_config.TextColumn(width="medium"),
                            "communauté": st.column_config.TextColumn(width="large")})
export = pd.DataFrame([{"id": a.id, "acteur": a.name, "type": a.kind, "degre": a.degree, "intermediarite": a.betweenness,
                        "proximite": a.closeness, "vecteur_propre": a.eigenvector, "communaute": a.community,
                        "communaute_nom": reading.names.get(a.community, "")} for a in result.actors])
data = result.to_json()
data["communautes_noms"] = {str(k): v for k, v in reading.names.items()}
data["passeurs"] = [vars(p) for p in reading.passeurs]
ui.downloads("reseau", data, export, key="network")
