"""Fiche acteur: who an actor is, and every link it has with the sentence that proves it."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import streamlit as st

from maillage.graph import taxonomy
from maillage.graph.analysis import duplicates
from maillage.graph.analysis.reading import ordinal
from maillage.graph.curation import active_decisions
from maillage.graph.array_projection import ARRAY_MIN
from maillage.graph.model import Graph, Link
from maillage.graph.scope import Scope
from maillage.dashboard import analyses, evidence, labels, layout, network, safe_html, store_access, ui

#: Most neighbours drawn on the actor's mini-graph (the most connected ones).
NEIGHBOURS_DRAWN = 40

base = ui.load()
wanted = st.query_params.get(ui.ACTOR_PARAM)
# keyed on the requested actor, so that following a link to another actor's page shows that actor
chosen = ui.pick_actor(base, "Acteur", key=f"fiche-acteur-{wanted}", default=wanted)
if chosen is None:
    merged_into = {d.params["source"]: d.params["target"] for d in active_decisions(base.decisions)
                   if d.action == "merge"}
    survivor, seen = wanted, set()
    while survivor in merged_into and survivor not in seen:
        seen.add(survivor)
        survivor = merged_into[survivor]
    if survivor != wanted and survivor in base.rows:
        st.info(f"« {safe_html.md(wanted)} » a été fusionné dans un autre acteur :")
        ui.actor_link(base.actor(survivor))
    elif wanted:
        st.warning(f"Aucun acteur d'identifiant « {safe_html.md(wanted)} » (supprimé ?).")
    st.info("Choisissez un acteur, ou ouvrez sa fiche depuis l'explorateur ou une analyse.")
    st.stop()
if chosen != wanted:
    st.query_params[ui.ACTOR_PARAM] = chosen

actor = base.actor(chosen)
st.title(safe_html.md(actor.name))
st.caption(safe_html.md(labels.kinds_label(actor.kinds)) + " · identifiant : " + safe_html.md(actor.id))

own = store_access.actor_links(base, actor.id)
neighbours = {l.target if l.source == actor.id else l.source for l in own if l.target_type == "actor"} - {actor.id}
#: The actor, its neighbours, the territories and documents: what the sentences below name.
graph = Graph(actors={a: base.actor(a) for a in {actor.id, *neighbours}}, territories=base.territories,
              documents=base.documents)


def neighbourhood(around: set[str]) -> Graph:
    """The actor, its most connected neighbours and the links between them."""
    rows = store_access.scoped(base, Scope())
    degree = store_access.degrees(rows)
    kept = [actor.id, *sorted(around, key=lambda a: (-degree[base.rows[a]], a))[:NEIGHBOURS_DRAWN]]
    return store_access.sub_graph(rows, np.array([base.rows[a] for a in kept]))


def network_words() -> list[str]:
    """Where the actor stands in the network: its rank for betweenness and its community (from the network
    analysis of the whole base, up to :data:`ARRAY_MIN` actors; above, its links only)."""
    words = [f"lié à {labels.count(len(neighbours), 'acteur')}"]
    if base.actor_count > ARRAY_MIN:
        return words
    reading = analyses.network_reading(base, Scope())
    ranks = {row.id: (i, row) for i, row in enumerate(reading.result.actors, start=1)}
    if actor.id in ranks:
        rank, row = ranks[actor.id]
        if row.betweenness > 0:
            words.append(f"{ordinal(rank)} sur {labels.integer(len(ranks))} pour le nombre de chemins du réseau "
                         "qui passent par lui")
        if row.community in reading.names:
            words.append(f"communauté {reading.names[row.community]}")
    return words


left, right = st.columns([2, 3])
with left:
    st.markdown("**Autres noms** : " + (safe_html.md(" ; ".join(actor.aliases)) or "—"))
    st.markdown("**Rôles** : " + (safe_html.md(labels.roles_label(actor.roles)) or "—"))
    places = [graph.territories[t].name if t in graph.territories else t for t in actor.territories]
    st.markdown("**Territoires** : " + (safe_html.md(" ; ".join(places)) or "—"))
    for key, value in actor.attributes.items():
        st.markdown(f"**{safe_html.md(labels.ATTRIBUTE_LABELS.get(key, key)).capitalize()}** : "
                    f"{safe_html.md(labels.attribute_value(key, str(value)))}")
    st.markdown("**Dans le réseau** : " + safe_html.md(" ; ".join(network_words())))
with right:
    if neighbours:
        small = neighbourhood(neighbours)
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
