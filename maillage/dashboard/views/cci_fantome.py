"""CCI fantôme: engaged actors absent from the official bodies, and a proposed balanced roster."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from maillage.graph.analysis.shadow_cci import DEFAULT_SIZE, shadow_cci
from maillage.dashboard import analyses, analysis_page, cards, labels, ui

#: Most official bodies listed (all are in the downloads).
LISTED = 100

snap, scope = analysis_page.header(
    "CCI fantôme : les engagés absents des instances officielles",
    "Acteurs engagés : CEC, PTCE, SCIC, coopératives, fondations, ou rôle transition / ESS. Représentés : "
           "membres, dirigeants ou participants d'une instance officielle (chambres, conseils, comités).")
size = st.slider("Taille de la CCI fantôme proposée", 3, 30, DEFAULT_SIZE, key="shadow-size")
result = analyses.run(snap, scope, shadow_cci, size=size)
analysis_page.summary(result, {"Instances officielles": len(result.official_bodies),
                               "Acteurs représentés": len(result.represented), "Engagés absents": len(result.absent)})

names = analyses.network_reading(snap, scope).names
_SECTOR = re.compile(r"secteur « ([^»]*) »")
_COMMUNITY = re.compile(r"communauté « n° (\d+) »")


def readable(why: str) -> str:
    """The roster's reason with NAF sections and communities named in French."""
    why = _SECTOR.sub(lambda m: f"secteur « {labels.sector_label(m.group(1))} »", why)
    return _COMMUNITY.sub(lambda m: f"communauté {names.get(int(m.group(1)), 'n° ' + m.group(1))}", why)


st.subheader(f"Composition proposée ({len(result.roster)} membres)")
st.caption("Ordre de la composition : chaque membre est choisi, à son tour, parce qu'il apporte le plus de "
           "facettes encore absentes (type d'acteur, secteur d'activité, taille, communauté du réseau) ; à "
           "égalité, un acteur absent des instances officielles passe devant, puis le plus lié.")
st.html(cards.grid([cards.card(m.id, m.name, m.kind, readable(m.why),
                               f"{i}. " + ("absent des instances" if m.absent else "déjà représenté")
                               + f" · {labels.count(m.score, 'lien')}")
                    for i, m in enumerate(result.roster, start=1)]))

st.subheader("Engagés absents, par connexion au réseau")
absent = pd.DataFrame([{"acteur": a.name, "type": labels.kinds_label([a.kind]), "liens": a.score, "id": a.id}
                       for a in result.absent], columns=["acteur", "type", "liens", "id"])
st.dataframe(absent.drop(columns=["id"]), hide_index=True, width="stretch", height=300)
with st.expander(f"Instances officielles ({len(result.official_bodies)})"):
    for body in result.official_bodies[:LISTED]:
        ui.actor_link(snap.actor(body.id))
    if len(result.official_bodies) > LISTED:
        st.caption(f"… et {labels.integer(len(result.official_bodies) - LISTED)} autres.")

roster = pd.DataFrame([{"id": m.id, "nom": m.name, "type": m.kind, "absent": m.absent, "score": m.score,
                        "communaute": m.community, "pourquoi": m.why} for m in result.roster])
ui.downloads("cci-fantome", result.to_json(), roster, key="shadow")
