"""Acteurs relais: who sees the very small firms, and which few relays together reach most of them."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph.analysis.relays import DEFAULT_K, DEFAULT_SEGMENT, relays
from maillage.dashboard import analyses, analysis_page, charts, labels, ui

snap, scope = analysis_page.header(
    "Acteurs relais vers les petites entreprises",
    "Portée d'un relais : entreprises du segment avec lesquelles il a un lien. Portée marginale : "
           "celles que l'acteur de départ n'atteint pas déjà. La sélection ajoute à chaque étape le relais "
           "qui atteint le plus d'entreprises encore non atteintes.")
cols = st.columns(3)
segment = cols[0].text_input("Segment (tailles séparées par |)", DEFAULT_SEGMENT, key="relays-segment")
k = cols[1].slider("Nombre de relais à retenir", 1, 20, DEFAULT_K, key="relays-k")
with cols[2]:
    depuis = ui.pick_actor(snap.graph, "Acteur de départ (ex. l'agence)", key="relays-depuis",
                           placeholder="aucun") or ""
result = analyses.run(snap, scope, relays, segment=segment, depuis=depuis, k=k)
analysis_page.summary(result, {"Entreprises du segment": result.target_count, "Relais": len(result.ranking),
                               "Déjà atteintes par l'acteur de départ": result.baseline_reach})

if result.selection:
    st.subheader("Portée cumulée de la sélection")
    points = [{"étape": 0, "part": result.baseline_reach / result.target_count if result.target_count else 0.0,
               "acteur": result.depuis.name if result.depuis else "(départ)"}]
    points += [{"étape": i, "part": pick.cumulative_share, "acteur": pick.name}
               for i, pick in enumerate(result.selection, start=1)]
    st.altair_chart(charts.curve(pd.DataFrame(points), "étape", "part", "relais ajoutés",
                                 "part des entreprises atteintes", "acteur"), width="stretch")
    st.dataframe(pd.DataFrame([{"rang": i, "relais": p.name, "gain": p.gain,
                                "part cumulée": f"{round(p.cumulative_share * 100)} %"}
                               for i, p in enumerate(result.selection, start=1)]), hide_index=True, width="stretch")

st.subheader("Classement des relais")
ranking = pd.DataFrame([{"id": r.id, "relais": r.name, "type": labels.kinds_label([r.kind]), "portée": r.reach,
                         "portée marginale": r.marginal_reach} for r in result.ranking],
                       columns=["id", "relais", "type", "portée", "portée marginale"])
st.dataframe(ranking.drop(columns=["id"]), hide_index=True, width="stretch")
ui.downloads("relais", result.to_json(), ranking, key="relays")
