"""Guichet unique: for each territory and each need of firms, is it covered by a single window, fragmented, or a desert?"""
from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from maillage.errors import InputError
from maillage.graph.analysis.coverage import coverage
from maillage.graph.analysis.orientation import orientation_path
from maillage.dashboard import analyses, analysis_page, labels, ui

STATUS = {"couvert": "couvert", "fragmente": "fragmenté", "desert": "désert"}
#: Most providers listed for a cell (all are in the downloads).
LISTED = 50
STATUS_COLOURS = {"couvert": "#59a14f", "fragmenté": "#f28e2b", "désert": "#e15759"}

snap, scope = analysis_page.header(
    "Guichet unique : couverture des besoins des entreprises",
    "Un besoin est couvert quand un guichet unique oriente, en deux liens au plus (oriente vers, partenaire, "
    "membre), vers un acteur qui y répond ; fragmenté quand des acteurs y répondent sans être reliés à un "
    "guichet ; désert quand personne n'y répond. Cliquez sur une case pour voir qui y répond et par quel chemin.")
#: The matrix's columns: the chosen territory, else every intercommunality, else the whole scope (label -> id).
if scope.territoire:
    places = {snap.name(scope.territoire): scope.territoire}
else:
    places = {t.name: t.id for t in sorted(snap.territories.values(), key=lambda t: t.name.casefold())
              if t.level == "epci"} or {"Tout le périmètre": ""}
results = {}
for name, place in places.items():
    try:
        results[name] = (place, analyses.run(snap, replace(scope, territoire=place), coverage))
    except InputError:  # no actor there with these filters: the territory is left out of the matrix
        continue
if not results:
    st.info("Aucun territoire avec des acteurs dans ce périmètre.")
    st.stop()
cells = pd.DataFrame([{"territoire": name, "besoin": need.label, "état": STATUS.get(need.status, need.status),
                       "prestataires": len(need.providers)}
                      for name, (_, result) in results.items() for need in result.needs])
cols = st.columns(3)
cols[0].metric("Territoires", len(results))
cols[1].metric("Cases couvertes", labels.percent((cells["état"] == "couvert").mean()))
cols[2].metric("Déserts", int((cells["état"] == "désert").sum()))

pick = alt.selection_point(name="case", fields=["territoire", "besoin"], on="click")
matrix = alt.Chart(cells).mark_rect(stroke="white", strokeWidth=2).encode(
    x=alt.X("territoire:N", title=None, sort=None, axis=alt.Axis(labelAngle=-20, labelLimit=200, orient="top")),
    y=alt.Y("besoin:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
    color=alt.Color("état:N", title="état", scale=alt.Scale(domain=list(STATUS_COLOURS),
                                                              range=list(STATUS_COLOURS.values())),
                    legend=alt.Legend(orient="right")),
    opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
    tooltip=[alt.Tooltip("territoire:N"), alt.Tooltip("besoin:N"), alt.Tooltip("état:N"),
             alt.Tooltip("prestataires:Q")],
).add_params(pick).properties(height=alt.Step(30))
text = alt.Chart(cells).mark_text(fontSize=12, color="white").encode(
    x=alt.X("territoire:N", sort=None), y=alt.Y("besoin:N", sort=None), text="prestataires:Q")
event = st.altair_chart(matrix + text, width="stretch", on_select="rerun", key="guichet-matrix")
st.caption("Nombre dans la case : acteurs qui répondent au besoin dans le territoire.")

chosen = (event.selection.get("case") or [None])[0] if event and event.selection else None
if chosen:
    place, result = results[chosen["territoire"]]
    need = next(n for n in result.needs if n.label == chosen["besoin"])
    st.subheader(f"{need.label} — {chosen['territoire']} : {STATUS.get(need.status, need.status)}")
    G = analyses.projection(snap, replace(scope, territoire=place))
    if not need.providers:
        st.info("Personne ne répond à ce besoin dans ce territoire.")
    if len(need.providers) > LISTED:
        st.caption(f"Les {LISTED} premiers sur {labels.integer(len(need.providers))} (tous dans les téléchargements).")
    for provider in need.providers[:LISTED]:
        ui.actor_link(snap.actor(provider.id))
        path = orientation_path(G, provider.windows[0], provider.id) if provider.windows else []
        if path:
            steps = " → ".join(snap.name(a) for a in path)
            st.caption(f"atteint depuis le guichet : {steps}")
        else:
            st.caption("relié à aucun guichet unique")
else:
    st.caption("Sélectionnez une case de la matrice pour le détail.")



def detail() -> pd.DataFrame:
    return pd.DataFrame([{"territoire": name, "besoin": need.need, "état": need.status, "prestataire_id": p.id,
                          "prestataire": p.name, "par": p.by, "atteint": p.reached, "guichets": "|".join(p.windows)}
                         for name, (_, result) in results.items() for need in result.needs for p in need.providers])


ui.downloads("guichet-unique", lambda: {name: r.to_json() for name, (_, r) in results.items()}, detail, key="guichet")
