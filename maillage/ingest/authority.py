"""The actors a user stated, which a document's inference never overrides (precedence).

*Stated actors* are those of every CSV import (the row's name, aliases and kinds as imported) and
those a curation decision renamed or typed (``rename``, ``set_kinds``), with every decision applied
on top. A document that names one of them resolves to it and takes its name and kinds
(:func:`maillage.nlp.resolve.resolve_against`).
"""
from __future__ import annotations

from maillage.graph.curation import apply_decisions
from maillage.graph.facts import merge_batches
from maillage.graph.model import Graph
from maillage.graph.stores.base import GraphStore
from maillage.nlp.resolve import StatedActors

#: Decisions whose actor the user named or typed.
_STATING_ACTIONS = frozenset({"rename", "set_kinds"})


def stated_actors(store: GraphStore, graph: Graph) -> StatedActors:
    """The stated actors of ``store`` (see the module docstring); ``graph`` is the store's raw graph."""
    imported = merge_batches(b for b in store.batches() if b.document.source == "import").actors
    decisions = store.decisions()
    named = {d.params.get("actor") for d in decisions if d.action in _STATING_ACTIONS}
    base = Graph(actors={**graph.actors, **imported}, territories=graph.territories)
    curated = apply_decisions(base, decisions).actors
    return StatedActors({i: curated[i] for i in set(imported) | named if i in curated})
