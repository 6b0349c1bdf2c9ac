"""Corriger: the curation layer in the browser. Every change is a decision appended to the database."""
from __future__ import annotations

import streamlit as st

from maillage.errors import MaillageError
from maillage.graph import taxonomy
from maillage.graph.analysis import duplicates
from maillage.graph.curation import Decision, apply_decisions
from maillage.graph.model import Graph
from maillage.dashboard import analyses, decisions, evidence, labels, safe_html, store_access, ui
from maillage.dashboard.settings import settings

_FLASH = "corriger-flash"
#: The author's name, kept for the whole session (the text field's own state is lost when leaving the page).
_AUTHOR = "auteur-decisions"

snap = ui.load()
st.title("Corriger le graphe")
st.caption("Chaque correction est une décision datée et signée, ajoutée à la base sans effacer les faits extraits : "
           "elle survit à la réimportation des documents et s'annule par une décision ultérieure.")
if _FLASH in st.session_state:
    st.success(st.session_state.pop(_FLASH))
st.session_state.setdefault(_AUTHOR, settings().author)
author = st.text_input("Votre nom (auteur des décisions)", value=st.session_state[_AUTHOR], key="corriger-auteur",
                       placeholder="obligatoire pour enregistrer une décision").strip()
st.session_state[_AUTHOR] = author


def submit(*changes: tuple[str, dict]) -> None:
    """Record decisions ``(action, params)`` signed by the author, then show the page again over the new graph
    (on the same tab); a French error otherwise."""
    if not author:
        st.error("Indiquez votre nom (auteur des décisions) en haut de la page avant d'enregistrer.")
        return
    made = [Decision(action=action, params=params, author=author) for action, params in changes]
    try:
        store_access.record(made)
    except MaillageError as exc:
        st.error(f"Erreur : {exc}")
        return
    st.session_state[_FLASH] = "Décision enregistrée : " + " ; ".join(decisions.describe(d, named(made)) for d in made)
    st.rerun()


def named(made: list[Decision]) -> Graph:
    """The actors these decisions name, as the documents name them (for their French descriptions)."""
    ids = {v for d in made for k, v in d.params.items() if k in ("actor", "source", "target") and isinstance(v, str)}
    return Graph(actors=store_access.raw_actors(snap, ids))


def around(*actor_ids: str) -> Graph:
    """These actors and their links (with the proving sentences), read for them only."""
    links = {l.key: l for a in actor_ids for l in store_access.actor_links(snap, a)}
    ends = {a for l in links.values() if l.target_type == "actor" for a in (l.source, l.target)} | set(actor_ids)
    return Graph(actors={a: snap.actor(a) for a in ends if a in snap.rows}, links=links,
                 territories=snap.territories, documents=snap.documents)


def actor_summary(actor_id: str, view: Graph) -> str:
    """Markdown summary of an actor in a graph: name, kinds, aliases, number of links."""
    actor = view.actors[actor_id]
    degree = sum(1 for l in view.links.values() if actor_id in (l.source, l.target))
    aliases = safe_html.md(" ; ".join(actor.aliases)) or "—"
    return (f"**{safe_html.md(actor.name)}** — {safe_html.md(labels.kinds_label(actor.kinds))}  \n"
            f"autres noms : {aliases}  \nliens : {degree}")


tabs = st.tabs(["Doublons probables", "Liens suggérés", "Fusionner", "Rejeter un lien", "Ajouter un lien",
                "Renommer", "Types et rôles", "Position d'un élu", "Historique et annulation"],
               key="corriger-onglet", on_change="rerun")

with tabs[0]:
    st.caption("Paires d'acteurs qui sont probablement le même : noms proches, même type, voisins communs, "
               "l'un connu par les documents et l'autre par un import. La fusion garde le nom de l'acteur de droite.")
    found = analyses.duplicate_search(snap)
    candidates = found.candidates
    if not candidates:
        st.info("Aucun doublon probable.")
    elif found.found > len(candidates):
        st.info(f"Les {labels.integer(len(candidates))} paires les plus probables sur {labels.integer(found.found)} "
                "trouvées : fusionnez-les (ou laissez-les) et les suivantes apparaîtront.")
    if found.uncompared:
        said = "nom n'a été comparé" if found.uncompared == 1 else "noms n'ont été comparés"
        their = "ses" if found.uncompared == 1 else "leurs"
        st.caption(f"{labels.integer(found.uncompared)} {said} à aucun autre : chacun de {their} mots et de {their} "
                   f"paires de mots est porté par plus de {duplicates.BLOCK_MAX} noms du même type (fusionnez à la main "
                   "dans l'onglet « Fusionner »).")
    for i, candidate in enumerate(candidates):
        left, middle, right = st.columns([5, 4, 2])
        left.markdown(f"« {safe_html.md(snap.name(candidate.source))} » → "
                      f"« {safe_html.md(snap.name(candidate.target))} »")
        middle.caption(" ; ".join(candidate.reasons))
        if right.button("Fusionner", key=f"dup-{i}"):
            submit(("merge", {"source": candidate.source, "target": candidate.target}))

with tabs[1]:
    st.caption("Liens faibles proposés par l'extraction (confiance 0,4 au plus) : exclus des analyses et de "
               "l'export tant qu'ils ne sont pas acceptés.")
    suggested = store_access.suggested_links(snap)
    ends = Graph(actors={a: snap.actor(a) for l in suggested for a in (l.source, l.target) if a in snap.rows},
                 territories=snap.territories, documents=snap.documents)
    if not suggested:
        st.info("Aucun lien suggéré en attente.")
    for i, link in enumerate(suggested):
        left, accept, reject = st.columns([7, 1.3, 1.3])
        with left:
            st.markdown(safe_html.md(evidence.sentence_of(ends, link)))
            for quote in evidence.quotes([link])[:1]:
                st.html(evidence.quote_html(ends, quote))
        if accept.button("Accepter", key=f"suggest-yes-{i}", type="primary"):
            submit(("add_link", {"source": link.source, "kind": link.kind, "target": link.target,
                                 "confidence": 1.0, "note": "suggestion acceptée"}))
        if reject.button("Rejeter", key=f"suggest-no-{i}"):
            submit(("reject_link", {"source": link.source, "kind": link.kind, "target": link.target}))

with tabs[2]:
    source = ui.pick_actor(snap, "Acteur à fusionner (disparaît)", key="merge-source")
    target = ui.pick_actor(snap, "Acteur qui reste", key="merge-target")
    if source and target and source != target:
        graph = around(source, target)
        preview = apply_decisions(graph, [Decision("merge", {"source": source, "target": target})])
        cols = st.columns(3)
        cols[0].markdown("**Avant (disparaît)**  \n" + actor_summary(source, graph))
        cols[1].markdown("**Avant (reste)**  \n" + actor_summary(target, graph))
        cols[2].markdown("**Après la fusion**  \n" + actor_summary(target, preview))
        if st.button("Fusionner", key="merge-go", type="primary"):
            submit(("merge", {"source": source, "target": target}))
    elif source and source == target:
        st.info("Choisissez deux acteurs différents.")

with tabs[3]:
    actor = ui.pick_actor(snap, "Acteur", key="reject-actor")
    if actor:
        own = [l for l in store_access.actor_links(snap, actor) if l.target_type == "actor"]
        if not own:
            st.info("Cet acteur n'a aucun lien avec un autre acteur.")
        else:
            link = st.selectbox("Lien à rejeter", own, key="reject-link", format_func=lambda l: (
                f"{labels.link_sentence(snap.name(l.source), l.kind, snap.name(l.target))}"
                f" (confiance {labels.decimal(l.confidence)})"))
            if st.button("Rejeter ce lien", key="reject-go", type="primary"):
                submit(("reject_link", {"source": link.source, "kind": link.kind, "target": link.target}))

with tabs[4]:
    with st.form("add-link"):
        source = ui.pick_actor(snap, "Source", key="add-source")
        kind = st.selectbox("Type de lien", list(taxonomy.LINK_KINDS), key="add-kind",
                            format_func=taxonomy.LINK_KINDS.get)
        target = ui.pick_actor(snap, "Cible", key="add-target")
        confidence = st.slider("Confiance", 0.0, 1.0, 1.0, 0.05, key="add-confidence")
        note = st.text_input("Note (source de l'information)", key="add-note")
        if st.form_submit_button("Ajouter ce lien", type="primary"):
            if not source or not target:
                st.error("Choisissez la source et la cible.")
            else:
                submit(("add_link", {"source": source, "kind": kind, "target": target,
                                     "confidence": confidence, "note": note}))

with tabs[5]:
    with st.form("rename"):
        actor = ui.pick_actor(snap, "Acteur", key="rename-actor")
        name = st.text_input("Nouveau nom", key="rename-name")
        if st.form_submit_button("Renommer", type="primary"):
            if not actor or not name.strip():
                st.error("Choisissez un acteur et saisissez un nom.")
            else:
                submit(("rename", {"actor": actor, "name": name.strip()}))

with tabs[6]:
    actor = ui.pick_actor(snap, "Acteur", key="kinds-actor")
    if actor:
        current = snap.actor(actor)
        with st.form("kinds"):
            kinds = st.multiselect("Types (le premier est le type principal)", list(taxonomy.ACTOR_KINDS),
                                   default=current.kinds, format_func=taxonomy.ACTOR_KINDS.get, key=f"kinds-{actor}")
            roles = st.multiselect("Rôles", list(taxonomy.ROLES), default=current.roles,
                                   format_func=taxonomy.ROLES.get, key=f"roles-{actor}")
            if st.form_submit_button("Enregistrer", type="primary"):
                if not kinds:
                    st.error("Il faut au moins un type.")
                else:
                    changes = ([("set_kinds", {"actor": actor, "kinds": kinds})] if kinds != current.kinds else []) + \
                              ([("set_roles", {"actor": actor, "roles": roles})] if roles != current.roles else [])
                    if changes:
                        submit(*changes)
                    else:
                        st.info("Rien n'a changé.")

with tabs[7]:
    with st.form("stance"):
        actor = ui.pick_actor(snap, "Personne", key="stance-actor", kinds=["personne"])
        stance = st.selectbox("Position", list(taxonomy.STANCES), format_func=taxonomy.STANCES.get, key="stance-value")
        if st.form_submit_button("Enregistrer la position", type="primary"):
            if not actor:
                st.error("Choisissez une personne.")
            else:
                submit(("set_stance", {"actor": actor, "stance": stance}))

with tabs[8]:
    table = decisions.history(snap.decisions, named(snap.decisions))
    if table.empty:
        st.info("Aucune décision pour l'instant.")
    else:
        st.dataframe(table.drop(columns=["id"]), hide_index=True, width="stretch")
        in_force = {row.id: f"{row.date} — {row.auteur} — {row.détail}"
                    for row in table[table["état"] == "en vigueur"].itertuples()}
        chosen = st.selectbox("Décision à annuler", list(in_force), key="undo-choice", format_func=in_force.get)
        if chosen and st.button("Annuler cette décision", key="undo-go"):
            submit(("undo", {"decision": chosen}))
