"""Curation decisions as users read them: one French sentence each, and whether it is still in force."""
from __future__ import annotations

import pandas as pd

from maillage.graph import taxonomy
from maillage.graph.curation import Decision, active_decisions
from maillage.graph.model import Graph

ACTION_LABELS = {
    "merge": "fusion", "reject_link": "lien rejeté", "add_link": "lien ajouté", "rename": "renommage",
    "set_kinds": "types", "set_roles": "rôles", "set_stance": "position", "undo": "annulation",
}


def _name(graph: Graph, actor_id: str) -> str:
    actor = graph.actors.get(actor_id)
    return actor.name if actor is not None else actor_id


def describe(decision: Decision, graph: Graph, by_id: dict[str, Decision] | None = None) -> str:
    """One French sentence saying what the decision does (plain text: names are not escaped here)."""
    p = decision.params
    action = decision.action
    if action == "merge":
        return f"« {_name(graph, p['source'])} » fusionné dans « {_name(graph, p['target'])} »"
    if action in ("reject_link", "add_link"):
        verb = "rejeté" if action == "reject_link" else "ajouté"
        kind = taxonomy.LINK_KINDS.get(p["kind"], p["kind"])
        return f"lien {verb} : « {_name(graph, p['source'])} » {kind} « {_name(graph, p['target'])} »"
    if action == "rename":
        return f"« {_name(graph, p['actor'])} » renommé en « {p['name']} »"
    if action == "set_kinds":
        return f"types de « {_name(graph, p['actor'])} » : {', '.join(p['kinds'])}"
    if action == "set_roles":
        return f"rôles de « {_name(graph, p['actor'])} » : {', '.join(p['roles']) or 'aucun'}"
    if action == "set_stance":
        return f"position de « {_name(graph, p['actor'])} » : {taxonomy.STANCES.get(p['stance'], p['stance'])}"
    undone = (by_id or {}).get(p.get("decision", ""))
    what = describe(undone, graph, by_id) if undone is not None else p.get("decision", "?")
    return f"annulation de : {what}"


def history(decisions: list[Decision], graph: Graph) -> pd.DataFrame:
    """Every decision, latest first: when (UTC), who, what, and whether it is in force (``en vigueur``/``annulée``).

    ``graph`` gives the names; the raw graph (before curation) names actors as the documents did.
    """
    by_id = {d.id: d for d in decisions}
    active = {d.id for d in active_decisions(decisions)}
    rows = [{"date": d.at[:16].replace("T", " "), "auteur": d.author, "action": ACTION_LABELS.get(d.action, d.action),
             "détail": describe(d, graph, by_id),
             "état": "en vigueur" if d.id in active or d.action == "undo" else "annulée", "id": d.id}
            for d in decisions]
    return pd.DataFrame(rows[::-1], columns=["date", "auteur", "action", "détail", "état", "id"])
