"""Réseau: centralities, communities, brokers between communities and isolated actors of the scope."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph.analysis.network import network
from maillage.dashboard import analyses, analysis_page, charts, labels, ui

snap, scope = analysis_page.header(
    "Structure du réseau",
    "Degré : acteurs liés ; intermédiarité : part des plus courts chemins qui passent par l'acteur ; "
           "proximité : inverse de la distance moyenne aux autres ; vecteur propre : liens avec des acteurs "
           "eux-mêmes centraux. Communautés : méthode de Louvain. Passeurs : acteurs liés à d'autres communautés "
           "que la leur.")
result = analyses.run(snap, scope, network)
for note in result.notes:
    st.info(note)
analysis_page.summary(result, {"Acteurs": len(result.actors), "Communautés": len(result.communities),
                               "Passeurs": len(result.brokers), "Isolés": len(result.isolated)})

table = pd.DataFrame([{"id": a.id, "acteur": a.name, "type": labels.kinds_label([a.kind]), "degré": a.degree,
                       "intermédiarité": round(a.betweenness, 4), "proximité": round(a.closeness, 4),
                       "vecteur propre": round(a.eigenvector, 4), "communauté": a.community} for a in result.actors],
                     columns=["id", "acteur", "type", "degré", "intermédiarité", "proximité", "vecteur propre",
                              "communauté"])
left, right = st.columns(2)
with left:
    st.subheader("Passeurs entre communautés")
    brokers = pd.DataFrame([{"acteur": b.name, "communautés reliées": b.bridged} for b in result.brokers[:15]],
                           columns=["acteur", "communautés reliées"])
    if brokers.empty:
        st.info("Aucun passeur : une seule communauté ou aucun lien entre elles.")
    else:
        st.altair_chart(charts.bars(brokers, "communautés reliées", "acteur", "communautés reliées", "passeur"),
                        width="stretch")
with right:
    st.subheader("Communautés")
    sizes = pd.DataFrame([{"communauté": f"n° {c.id}", "acteurs": c.size,
                           "exemples": ", ".join(m.name for m in c.members[:4])} for c in result.communities],
                         columns=["communauté", "acteurs", "exemples"])
    st.dataframe(sizes, hide_index=True, width="stretch")
st.subheader("Centralités")
st.dataframe(table.drop(columns=["id"]), hide_index=True, width="stretch")
if result.isolated:
    with st.expander(f"Acteurs isolés ({len(result.isolated)})"):
        for actor in result.isolated:
            ui.actor_link(snap.graph.actors[actor.id])
ui.downloads("reseau", result.to_json(), table, key="network")
