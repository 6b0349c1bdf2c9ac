"""Acteurs relais: who sees the very small firms, and which few relays together reach most of them."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph.analysis.reach import reached_firms, unreached_firms
from maillage.graph.analysis.relays import DEFAULT_K, DEFAULT_SEGMENT, SIZE_BANDS, relays
from maillage.dashboard import analyses, analysis_page, cards, charts, labels, ui

#: Most firms listed per relay and among those no relay reaches (all are in the downloads).
LISTED = 300

snap, scope = analysis_page.header(
    "Acteurs relais vers les petites entreprises",
    "Portée d'un relais : entreprises du segment avec lesquelles il a un lien. Portée marginale : "
           "celles que l'acteur de départ n'atteint pas déjà. La sélection ajoute à chaque étape le relais "
           "qui atteint le plus d'entreprises encore non atteintes.")
cols = st.columns(3)
st.session_state.setdefault("relays-bands", DEFAULT_SEGMENT.split("|"))
bands = cols[0].multiselect("Tailles d'entreprises visées", list(SIZE_BANDS), key="relays-bands",
                            format_func=labels.SIZE_LABELS.get, placeholder="Choisir une ou plusieurs tailles")
if not bands:
    st.info("Choisissez au moins une taille d'entreprise.")
    st.stop()
segment = "|".join(bands)
k = cols[1].slider("Nombre de relais à retenir", 1, 20, DEFAULT_K, key="relays-k")
with cols[2]:
    depuis = ui.pick_actor(snap, "Acteur de départ (ex. l'agence)", key="relays-depuis",
                           placeholder="aucun") or ""
result = analyses.run(snap, scope, relays, segment=segment, depuis=depuis, k=k)


def firm_links(firms: list[str]) -> str:
    """Firms as links to their pages, separated by commas (HTML); at most :data:`LISTED`, then how many more."""
    more = f" … et {labels.integer(len(firms) - LISTED)} autres" if len(firms) > LISTED else ""
    return ", ".join(cards.actor_anchor(f, snap.name(f)) for f in firms[:LISTED]) + more


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
    chosen = [p.id for p in result.selection]
    reached = analyses.run(snap, scope, reached_firms, segment=segment, relays=chosen)
    for i, pick in enumerate(result.selection, start=1):
        with st.expander(f"{i}. {pick.name} : {labels.count(len(reached[pick.id]), 'entreprise atteinte', 'entreprises atteintes')}, "
                         f"dont {labels.count(pick.gain, 'nouvelle')} ; cumul {labels.percent(pick.cumulative_share)}"):
            ui.actor_link(snap.actor(pick.id), prefix="Fiche :")
            st.html(firm_links(reached[pick.id]) or "—")
    missed = analyses.run(snap, scope, unreached_firms, segment=segment, relays=chosen, depuis=depuis)
    st.subheader(f"Entreprises qu'aucun relais retenu n'atteint ({len(missed)})")
    st.html(firm_links(missed) or "Aucune : la sélection les atteint toutes.")

st.subheader("Classement des relais")
ranking = pd.DataFrame([{"id": r.id, "relais": r.name, "type": labels.kinds_label([r.kind]), "portée": r.reach,
                         "portée marginale": r.marginal_reach} for r in result.ranking],
                       columns=["id", "relais", "type", "portée", "portée marginale"])
st.dataframe(ranking.drop(columns=["id"]), hide_index=True, width="stretch", height=300)
ui.downloads("relais", result.to_json(), ranking, key="relays")
