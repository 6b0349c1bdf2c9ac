"""Pairs à convaincre: the elected peers worth convincing first, and the paths that lead to them."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from maillage.graph import taxonomy
from maillage.graph.analysis.peers import peers
from maillage.dashboard import analyses, analysis_page, labels, network, ui

snap, scope = analysis_page.header(
    "Pairs à convaincre",
    "Pour un élu : les autres élus non convaincus, classés par influence (centralité de degré) × "
           "accessibilité (1 / longueur du plus court chemin par des instances, partenariats et alliés convaincus).")
elected = [a for a in ui.sorted_actor_ids(snap.graph, ["personne"]) if "elu" in snap.graph.actors[a].roles]
elu = ui.pick_actor(snap.graph, "Élu de départ", key="peers-elu", kinds=["personne"],
                    default=elected[0] if elected else None)
if not elu:
    st.info("Choisissez l'élu à partir duquel chercher les pairs.")
    st.stop()
result = analyses.run(snap, scope, peers, elu=elu)
analysis_page.summary(result, {"Pairs atteignables": len(result.peers), "Pairs hors d'atteinte": len(result.unreachable)})

table = pd.DataFrame([{"id": p.id, "pair": p.name, "position": taxonomy.STANCES.get(p.stance, p.stance),
                       "score": round(p.score, 3), "influence": round(p.influence, 3),
                       "accessibilité": round(p.reachability, 3), "distance": p.distance,
                       "canaux": " ; ".join(p.channels)} for p in result.peers],
                     columns=["id", "pair", "position", "score", "influence", "accessibilité", "distance", "canaux"])
st.dataframe(table.drop(columns=["id"]), hide_index=True, width="stretch")

if result.peers:
    st.subheader("Chemins vers les pairs")
    shown = st.slider("Nombre de pairs dessinés (les mieux classés)", 1, min(15, len(result.peers)),
                      min(5, len(result.peers)), key="peers-shown") if len(result.peers) > 1 else 1
    chosen = result.peers[:shown]
    paths = [path for peer in chosen for path in peer.paths]
    st.iframe(network.render_paths(result.elu.name, paths, {p.name for p in chosen}), height=440)
    st.caption("Vert : l'élu de départ ; rouge : les pairs ; bleu : les intermédiaires (instances, partenaires, "
               "alliés convaincus).")
    for peer in chosen:
        ui.actor_link(snap.graph.actors[peer.id], prefix=f"{labels.decimal(peer.score, 3)} ·")
if result.unreachable:
    with st.expander(f"Hors d'atteinte ({len(result.unreachable)})"):
        st.dataframe(pd.DataFrame([{"pair": u.name, "position": taxonomy.STANCES.get(u.stance, u.stance),
                                    "influence": round(u.influence, 3)} for u in result.unreachable]),
                     hide_index=True, width="stretch")
ui.downloads("pairs", result.to_json(), table, key="peers")
