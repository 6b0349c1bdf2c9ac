"""Fiche acteur: who an actor is, and every link it has with the sentence that proves it."""
from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from maillage.graph import export, taxonomy
from maillage.graph.analysis.network import network
from maillage.graph.curation import active_decisions
from maillage.graph.model import Graph, Link
from maillage.graph.scope import Scope
from maillage.dashboard import analyses, evidence, labels, safe_html, ui

snap = ui.load()
graph: Graph = snap.graph
wanted = st.query_params.get(ui.ACTOR_PARAM)
# keyed on the requested actor, so that following a link to another actor's page shows that actor
chosen = ui.pick_actor(graph, "Acteur", key=f"fiche-acteur-{wanted}", default=wanted)
if chosen is None:
    merged_into = {d.params["source"]: d.params["target"] for d in active_decisions(snap.decisions)
                   if d.action == "merge"}
    survivor, seen = wanted, set()
    while survivor in merged_into and survivor not in seen:
        seen.add(survivor)
        survivor = merged_into[survivor]
    if survivor != wanted and survivor in graph.actors:
        st.info(f"« {safe_html.md(wanted)} » a été fusionné dans un autre acteur :")
        ui.actor_link(graph.actors[survivor])
    elif wanted:
        st.warning(f"Aucun acteur d'identifiant « {safe_html.md(wanted)} » (supprimé ?).")
    st.info("Choisissez un acteur, ou ouvrez sa fiche depuis l'explorateur ou une analyse.")
    st.stop()
if chosen != wanted:
    st.query_params[ui.ACTOR_PARAM] = chosen

actor = graph.actors[chosen]
st.title(safe_html.md(actor.name))
st.caption(safe_html.md(labels.kinds_label(actor.kinds)) + " · identifiant : " + safe_html.md(actor.id))

left, right = st.columns(2)
with left:
    st.markdown("**Autres noms** : " + (safe_html.md(" ; ".join(actor.aliases)) or "—"))
    st.markdown("**Rôles** : " + (safe_html.md(labels.roles_label(actor.roles)) or "—"))
    places = [graph.territories[t].name if t in graph.territories else t for t in actor.territories]
    st.markdown("**Territoires** : " + (safe_html.md(" ; ".join(places)) or "—"))
with right:
    if actor.attributes:
        st.dataframe(pd.DataFrame({"attribut": list(actor.attributes), "valeur": [str(v) for v in actor.attributes.values()]}),
                     hide_index=True, width="stretch")
    else:
        st.markdown("**Attributs** : —")

st.subheader("Position dans le réseau (graphe entier)")
measures = {row.id: row for row in analyses.run(snap, Scope(), network).actors}
row = measures.get(actor.id)
if row is not None:
    cols = st.columns(5)
    cols[0].metric("Degré", row.degree)
    for col, name in zip(cols[1:4], ("betweenness", "closeness", "eigenvector")):
        col.metric(analyses.CENTRALITIES[name].capitalize(), labels.decimal(getattr(row, name), 3))
    cols[4].metric("Communauté", row.community)

by_kind: dict[str, list[tuple[str, Link]]] = defaultdict(list)
for link in graph.links.values():
    if link.source == actor.id:
        by_kind[link.kind].append(("→", link))
    elif link.target == actor.id and link.target_type == "actor":
        by_kind[link.kind].append(("←", link))

names = export.node_names(graph)
total = sum(len(v) for v in by_kind.values())
st.subheader(f"Liens ({total})")
if not by_kind:
    st.info("Aucun lien connu pour cet acteur.")
for kind in taxonomy.LINK_KINDS:
    if kind not in by_kind:
        continue
    rows = sorted(by_kind[kind], key=lambda r: -r[1].confidence)
    with st.expander(f"{taxonomy.LINK_KINDS[kind]} ({len(rows)})", expanded=total <= 30):
        for direction, link in rows:
            other_id = link.target if direction == "→" else link.source
            other = graph.actors.get(other_id) if link.target_type == "actor" or direction == "←" else None
            cols = st.columns([3, 1])
            with cols[0]:
                if other is not None:
                    ui.actor_link(other, prefix=direction)
                else:
                    name = names.get(link.target, ("", link.target))[1]
                    st.markdown(f"{direction} {safe_html.md(name)}")
            cols[1].markdown(f"confiance **{labels.decimal(link.confidence)}**")
            st.html(evidence.evidence_html(graph, link))
