"""Guichet unique: which needs a single window orients firms to, which are fragmented, which are deserts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph.analysis.coverage import coverage
from maillage.dashboard import analyses, analysis_page, charts, ui

STATUS = {"couvert": "couvert", "fragmente": "fragmenté", "desert": "désert"}

snap, scope = analysis_page.header(
    "Guichet unique : couverture des besoins des entreprises",
    "Un besoin est couvert quand un guichet unique (rôle « guichet unique ») oriente, en deux liens au plus "
           "(oriente vers, partenaire, membre), vers un acteur qui y répond ; fragmenté quand des acteurs y répondent "
           "sans être reliés à un guichet ; désert quand personne n'y répond.")
result = analyses.run(snap, scope, coverage)
analysis_page.summary(result, {"Besoins couverts": f"{round(result.score * 100)} %", "Guichets": len(result.windows),
                               "Besoins en concurrence": len(result.competing)})

summary = pd.DataFrame([{
    "besoin": need.label, "état": STATUS.get(need.status, need.status), "prestataires": len(need.providers),
    "atteints par un guichet": sum(p.reached for p in need.providers),
    "non rattachés": ", ".join(p.name for p in need.providers if not p.reached),
} for need in result.needs])
st.subheader("Besoins")
st.dataframe(summary, hide_index=True, width="stretch")

if result.windows:
    st.subheader("Qui oriente vers quoi : besoins × guichets")
    names = {w.id: w.name for w in result.windows}
    cells = [{"besoin": need.label, "guichet": names[w.id],
              "prestataires atteints": sum(w.id in p.windows for p in need.providers)}
             for need in result.needs for w in result.windows]
    cells += [{"besoin": need.label, "guichet": "(aucun guichet)",
               "prestataires atteints": sum(not p.reached for p in need.providers)} for need in result.needs]
    st.altair_chart(charts.heatmap(pd.DataFrame(cells), "guichet", "besoin", "prestataires atteints",
                                   "guichet", "besoin", "prestataires"), width="stretch")
    st.markdown("**Guichets** :")
    for window in result.windows:
        ui.actor_link(snap.graph.actors[window.id])
if result.competing:
    st.subheader("Guichets en concurrence")
    st.dataframe(pd.DataFrame([{"besoin": c.need, "guichets": ", ".join(w.name for w in c.windows)}
                               for c in result.competing]), hide_index=True, width="stretch")

detail = pd.DataFrame([{"besoin": need.need, "état": need.status, "prestataire_id": p.id, "prestataire": p.name,
                        "par": p.by, "atteint": p.reached, "guichets": "|".join(p.windows)}
                       for need in result.needs for p in need.providers])
ui.downloads("guichet-unique", result.to_json(), detail, key="guichet")
