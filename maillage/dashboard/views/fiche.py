"""Fiche acteur: who an actor is, and every link it has with the sentence that proves it."""
from __future__ import annotations

from collections import defaultdict

import streamlit as st

from maillage.graph import taxonomy
from maillage.graph.analysis import duplicates
from maillage.graph.analysis.reading import ordinal
from maillage.graph.curation import active_decisions
from maillage.graph.model import Graph, Link
from maillage.graph.scope import Scope
from maillage.dashboard import analyses, evidence, labels, layout, network, safe_html, ui

#: Most neighbours drawn on the actor's mini-graph (the most connected ones).
NEIGHBOURS_DRAWN = 40

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

own = [l for l in graph.links.values() if actor.id in (l.source, l.target)]
neighbours = {l.target if l.source == actor.id else l.source for l in own if l.target_type == "actor"} - {actor.id}


def neighbourhood(actor_id: str, around: set[str]) -> Graph:
    """The actor, its most connected neighbours and the links between them."""
    degree = defaultdict(int)
    for link in graph.links.values():
        if link.target_type == "actor":
            degree[link.source] += 1
            degree[link.target] += 1
    kept = {actor_id, *sorted(around, key=lambda a: (-degree[a], a))[:NEIGHBOURS_DRAWN]}
    small = Graph()
    small.actors = {a: graph.actors[a] for a in kept if a in graph.actors}
    small.links = {k: l for k, l in graph.links.items()
                   if l.target_type == "actor" and l.source in kept and l.target in kept}
    return small


left, right = st.columns([2, 3])
with left:
    st.markdown("**Autres noms** : " + (safe_html.md(" ; ".join(actor.aliases)) or "—"))
    st.markdown("**Rôles** : " + (safe_html.md(labels.roles_label(actor.roles)) or "—"))
    places = [graph.territories[t].name if t in graph.territories else t for t in actor.territories]
    st.markdown("**Territoires** : " + (safe_html.md(" ; ".join(places)) or "—"))
    for key, value in actor.attributes.items():
        st.markdown(f"**{safe_html.md(labels.ATTRIBUTE_LABELS.get(key, key)).capitalize()}** : "
                    f"{safe_html.md(labels.attribute_value(key, str(value)))}")
    reading = analyses.network_reading(snap, Scope(), graph)
    ranks = {row.id: (i, row) for i, row in enumerate(reading.result.actors, start=1)}
    if actor.id in ranks:
        rank, row = ranks[actor.id]
        words = [f"lié à {labels.count(row.degree, 'acteur')}"]
        if row.betweenness > 0:
            words.append(f"{ordinal(rank)} sur {labels.integer(len(ranks))} pour le nombre de chemins du réseau "
                         "qui passent par lui")
        if row.community in reading.names:
            words.append(f"communauté {reading.names[row.community]}")
        st.markdown("**Dans le réseau** : " + safe_html.md(" ; ".join(words)))
with right:
    if neighbours:
        small = neighbourhood(actor.id, neighbours)
        drawn = network.render(small, layout.compute(small), {a: 3.0 if a == actor.id else 1.0 for a in small.actors},
                               height=300)
        st.iframe(drawn.html, height=310)
        if len(neighbours) > NEIGHBOURS_DRAWN:
            st.caption(f"Voisinage : les {NEIGHBOURS_DRAWN} voisins les plus liés sur {len(neighbours)}.")

by_kind: dict[str, list[Link]] = defaultdict(list)
for link in own:
    by_kind[link.kind].append(link)
st.subheader(f"Liens ({len(own)})")
if not own:
    st.info("Aucun lien connu pour cet acteur.")
for kind in taxonomy.LINK_KINDS:
    if kind not in by_kind:
        continue
    with st.expander(f"{taxonomy.LINK_KINDS[kind]} ({len(by_kind[kind])})", expanded=len(own) <= 30):
        items = []
        for link in sorted(by_kind[kind], key=lambda l: -l.confidence):
            note = f" (confiance {labels.decimal(link.confidence)})"
            if link.methods == {duplicates.SUGGESTION}:
                note += " — suggestion à valider dans Corriger"
            items.append(f"<li>{evidence.sentence_html(graph, link, actor.id)}{safe_html.text(note)}</li>")
        st.html(f'<ul style="margin:0;padding-left:1.2em">{"".join(items)}</ul>')

found = evidence.quotes(own)
if found:
    st.subheader(f"Phrases qui établissent ces liens ({len(found)})")
    st.html("".join(evidence.quote_html(graph, q) for q in found))
