"""CCI fantôme: engaged actors absent from the official bodies, and a proposed balanced roster."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph.analysis.shadow_cci import DEFAULT_SIZE, shadow_cci
from maillage.dashboard import analyses, analysis_page, cards, labels, ui

snap, scope = analysis_page.header(
    "CCI fantôme : les engagés absents des instances officielles",
    "Acteurs engagés : CEC, PTCE, SCIC, coopératives, fondations, ou rôle transition / ESS. Représentés : "
           "membres, dirigeants ou participants d'une instance officielle (chambres, conseils, comités).")
size = st.slider("Taille de la CCI fantôme proposée", 3, 30, DEFAULT_SIZE, key="shadow-size")
result = analyses.run(snap, scope, shadow_cci, size=size)
analysis_page.summary(result, {"Instances officielles": len(result.official_bodies),
                               "Acteurs représentés": len(result.represented), "Engagés absents": len(result.absent)})

st.subheader(f"Composition proposée ({len(result.roster)} membres)")
st.html(cards.grid([cards.card(m.id, m.name, m.kind, m.why,
                               ("absent des instances" if m.absent else "déjà représenté") + f" · score {m.score}")
                    for m in result.roster]))

st.subheader("Engagés absents, par connexion au réseau")
absent = pd.DataFrame([{"acteur": a.name, "type": labels.kinds_label([a.kind]), "liens": a.score, "id": a.id}
                       for a in result.absent], columns=["acteur", "type", "liens", "id"])
st.dataframe(absent.drop(columns=["id"]), hide_index=True, width="stretch")
with st.expander(f"Instances officielles ({len(result.official_bodies)})"):
    for body in result.official_bodies:
        ui.actor_link(snap.graph.actors[body.id])

roster = pd.DataFrame([{"id": m.id, "nom": m.name, "type": m.kind, "absent": m.absent, "score": m.score,
                        "communaute": m.community, "pourquoi": m.why} for m in result.roster])
ui.downloads("cci-fantome", result.to_json(), roster, key="shadow")
