"""Comparer les territoires: which kinds of actors and which practices each territory has, side by side."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.dashboard import analyses, analysis_page, charts, scope_panel, ui

snap, scope = analysis_page.header(
    "Comparer les territoires",
    "Acteurs situés dans chaque territoire (ou qui le gouvernent), comptés par type et par pratique "
           "(incubateurs, clusters, PTCE, groupements d'employeurs, circuits courts, plans de formation...). "
           "Les filtres de la barre latérale s'appliquent, sauf le territoire.")
places = {k: v for k, v in scope_panel.territory_options(snap).items() if k}
intercommunalities = [t.id for t in snap.territories.values() if t.level == "epci"]
st.session_state.setdefault("compare-territories", (intercommunalities or list(places))[:3])
chosen = st.multiselect("Territoires à comparer", list(places), format_func=places.get, key="compare-territories",
                        max_selections=9)
if len(chosen) < 1:
    st.info("Choisissez au moins un territoire (jusqu'à neuf).")
    st.stop()
result = analyses.compare_territories(snap, scope, chosen)
names = [f"{n} ({c})" for n, c in zip(result.territoires, result.actor_counts)]

kinds = pd.DataFrame([{"type": row.label, "territoire": names[i], "acteurs": count,
                       "part": count / result.actor_counts[i] if result.actor_counts[i] else 0.0}
                      for row in result.kinds for i, count in enumerate(row.counts)],
                     columns=["type", "territoire", "acteurs", "part"])
practices = pd.DataFrame([{"pratique": row.label, "territoire": names[i], "acteurs": count,
                           "exemples": ", ".join(row.examples[i]) if row.examples else ""}
                          for row in result.practices for i, count in enumerate(row.counts)],
                         columns=["pratique", "territoire", "acteurs", "exemples"])
st.subheader("Types d'acteurs (part des acteurs de chaque territoire)")
if kinds.empty:
    st.info("Aucun acteur situé dans ces territoires.")
else:
    st.altair_chart(charts.heatmap(kinds, "territoire", "type", "part", "territoire (acteurs)", "type",
                                   "part des acteurs", shares=True), width="stretch")
st.subheader("Pratiques")
st.altair_chart(charts.heatmap(practices, "territoire", "pratique", "acteurs", "territoire (acteurs)", "pratique",
                               "acteurs"), width="stretch")
examples = practices.pivot(index="pratique", columns="territoire", values="exemples").reindex(columns=names)
with st.expander("Exemples d'acteurs par pratique"):
    st.dataframe(examples.reset_index(), hide_index=True, width="stretch")
long = pd.concat([kinds.assign(axe="type").rename(columns={"type": "ligne"}),
                  practices.assign(axe="pratique").rename(columns={"pratique": "ligne"})], ignore_index=True)
ui.downloads("comparaison", result.to_json(), long, key="compare")
