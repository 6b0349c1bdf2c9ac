"""Pairs à convaincre: the elected peers worth convincing first, why, and who should carry the message."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph import taxonomy
from maillage.graph.analysis.messengers import Plan
from maillage.graph.analysis.peers import Peer, PeersResult, peers
from maillage.graph.model import Graph
from maillage.dashboard import analyses, analysis_page, cards, labels, network, store_access, ui
from maillage.dashboard.messenger_plans import shown_plans

#: Peers drawn on the paths picture (the best ranked).
DRAWN = 6
#: Most peers shown as cards, and unreachable peers listed (all are in the downloads).
LISTED = 60

snap, scope = analysis_page.header(
    "Pairs à convaincre",
    "Pour un élu : les autres élus pas encore convaincus, les plus influents (les plus liés) et les plus "
    "proches d'abord. Un message passe par les instances où l'on siège, les partenariats et les alliés "
    "convaincus ; le messager est l'allié convaincu ou l'instance partagée le plus proche du pair.")
elected = ui.by_name(snap, snap.with_kinds(["personne"], role="elu"))
elu = ui.pick_actor(snap, "Élu de départ", key="peers-elu", kinds=["personne"],
                    default=elected[0] if elected else None)
if not elu:
    st.info("Choisissez l'élu à partir duquel chercher les pairs.")
    st.stop()


def peers_and_plans(G, elu: str) -> tuple[PeersResult, dict[str, Plan]]:
    """The peers of ``elu`` and the plan (messenger and typed path) of the :data:`LISTED` best ranked ones."""
    found = peers(G, elu=elu)
    return found, shown_plans(G, found, LISTED)


result, plan_of = analyses.run(snap, scope, peers_and_plans, elu=elu)
degree = store_access.degrees(store_access.scoped(snap, scope))
analysis_page.summary(result, {"Pairs atteignables": len(result.peers), "Pairs hors d'atteinte": len(result.unreachable)})


def name(actor_id: str) -> str:
    return snap.name(actor_id)


def quoted(ids: list[str]) -> str:
    return " et ".join(f"« {name(i)} »" for i in ids) if len(ids) < 3 else \
        ", ".join(f"« {name(i)} »" for i in ids[:-1]) + f" et « {name(ids[-1])} »"


def reason(peer: Peer, plan: Plan) -> str:
    """Why this peer comes at this rank, in words."""
    parts = [f"lié à {labels.count(int(degree[snap.rows[peer.id]]), 'acteur')}"]
    if plan.shared_bodies:
        parts.append(f"siège avec vous à {quoted(plan.shared_bodies[:3])}")
    parts.append("lien direct" if not plan.intermediaries else labels.count(plan.intermediaries, "intermédiaire"))
    return " ; ".join(parts)


def messenger(plan: Plan) -> str:
    """The messenger in words: a convinced ally, a shared body, or the elected person themself."""
    if plan.messenger == elu:
        return "vous-même (lien direct)"
    actor = snap.actor(plan.messenger)
    return f"{actor.name} (allié convaincu)" if actor.kind == "personne" else actor.name


def path_text(plan: Plan) -> str:
    return " ; ".join(labels.link_sentence(name(s.source), s.kind, name(s.target)) for s in plan.steps)


reachable = [p for p in result.peers if p.id in plan_of]
if reachable:
    st.subheader("Qui convaincre d'abord, et par qui")
    st.caption("Classement : influence (nombre d'acteurs liés) multipliée par la proximité (1 / longueur du "
               "chemin). Couleur : opposé en rouge, indécis en orange, inconnu en gris.")
    st.html(cards.grid([cards.peer_card(rank, p.id, p.name, taxonomy.STANCES.get(p.stance, p.stance),
                                        network.STANCE_COLOURS.get(p.stance, network.OTHER_COLOUR),
                                        reason(p, plan_of[p.id]), messenger(plan_of[p.id]), path_text(plan_of[p.id]))
                        for rank, p in enumerate(reachable[:LISTED], start=1)]))
    st.subheader("Chemins vers les mieux classés")
    drawn = reachable[:DRAWN]
    levels: dict[str, int] = {}
    for p in drawn:
        for depth, actor_id in enumerate(plan_of[p.id].path):
            levels[actor_id] = min(levels.get(actor_id, depth), depth)
    steps = [(s.source, s.kind, s.target) for p in drawn for s in plan_of[p.id].steps]
    on_paths = Graph(actors={a: snap.actor(a) for a in levels})
    st.iframe(network.render_paths(on_paths, elu, {p.id: p.stance for p in drawn}, steps, levels, height=460),
              height=470)
if result.unreachable:
    with st.expander(f"Hors d'atteinte ({len(result.unreachable)}) : aucun chemin par des instances, "
                     "partenaires ou alliés convaincus"):
        for u in result.unreachable[:LISTED]:
            ui.actor_link(snap.actor(u.id), prefix=f"{taxonomy.STANCES.get(u.stance, u.stance)} ·")
        if len(result.unreachable) > LISTED:
            st.caption(f"… et {labels.integer(len(result.unreachable) - LISTED)} autres (tous dans les téléchargements).")



def table() -> pd.DataFrame:
    return pd.DataFrame([{"id": p.id, "pair": p.name, "position": p.stance, "score": p.score,
                          "influence": p.influence, "accessibilite": p.reachability, "distance": p.distance,
                          "messager": name(plan_of[p.id].messenger) if p.id in plan_of else "",
                          "canaux": " ; ".join(p.channels)} for p in result.peers])


def data() -> dict:
    found = result.to_json()
    found["messagers"] = {peer_id: name(plan.messenger) for peer_id, plan in plan_of.items()}
    return found


ui.downloads("pairs", data, table, key="peers")
