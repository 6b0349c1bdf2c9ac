"""Folding per-document facts into one graph.

Each stored document states its own view of the actors it names. The raw
graph merges them: an actor's name is the one stated by the most documents
(the earliest wins ties), its aliases, roles and territories are the union
in order of appearance, its kinds are ordered by how many documents give each
as primary then by first appearance, and an attribute keeps the first value a
document gives. A link gathers the evidence of every document that states it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from maillage.graph.model import Actor, Batch, Graph, Link


def _union(into: list[str], values: Iterable[str]) -> None:
    for value in values:
        if value and value not in into:
            into.append(value)


def merge_actor_facts(facts: list[Actor]) -> Actor:
    """One actor from the facts several documents state about it (same id)."""
    names = Counter(f.name for f in facts)
    first_seen = {name: i for i, name in reversed(list(enumerate(f.name for f in facts)))}
    name = max(names, key=lambda n: (names[n], -first_seen[n]))
    primary = Counter(f.kinds[0] for f in facts if f.kinds)
    kinds: list[str] = []
    aliases: list[str] = []
    roles: list[str] = []
    territories: list[str] = []
    attributes: dict[str, str] = {}
    for fact in facts:
        _union(kinds, fact.kinds)
        _union(aliases, [fact.name, *fact.aliases])
        _union(roles, fact.roles)
        _union(territories, fact.territories)
        for key, value in fact.attributes.items():
            if value not in (None, "") and key not in attributes:
                attributes[key] = value
    order = {k: i for i, k in enumerate(kinds)}
    kinds.sort(key=lambda k: (-primary.get(k, 0), order[k]))
    return Actor(id=facts[0].id, name=name, kinds=kinds,
                 aliases=[a for a in aliases if a != name], roles=roles,
                 territories=territories, attributes=attributes)


def add_link(graph: Graph, link: Link) -> bool:
    """Add a link to the graph (a copy), or its evidence to the same link already there; True if it was new."""
    known = graph.links.get(link.key)
    if known is None:
        graph.links[link.key] = Link(link.source, link.kind, link.target, list(link.evidence), link.target_type)
        return True
    known.evidence.extend(link.evidence)
    return False


def merge_batches(batches: Iterable[Batch]) -> Graph:
    """The raw graph stated by all these documents together."""
    graph = Graph()
    actor_facts: dict[str, list[Actor]] = defaultdict(list)
    for batch in batches:
        graph.documents[batch.document.id] = batch.document
        for actor in batch.actors:
            actor_facts[actor.id].append(actor)
        for territory in batch.territories:
            graph.territories.setdefault(territory.id, territory)
        for programme in batch.programmes:
            graph.programmes.setdefault(programme.id, programme)
        for link in batch.links:
            add_link(graph, link)
    for actor_id, facts in actor_facts.items():
        graph.actors[actor_id] = facts[0] if len(facts) == 1 else merge_actor_facts(facts)
    return graph
