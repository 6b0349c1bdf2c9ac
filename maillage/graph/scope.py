"""Scoping: the part of the graph an analysis looks at.

A :class:`Scope` names a territory (or a collectivité), filters on actor kinds,
link kinds, minimum confidence and excluded extraction methods, and optionally a
radius around one actor. :func:`apply_scope` returns the scoped :class:`Graph`.

**Territory rule** (what "the actors of a territory" means):

- the *territory* of a query is the matched territory (or the territories the
  matched collectivité ``GOVERNS``, or failing that where it is located) plus
  all its sub-territories (the ``Territory.parent`` chain);
- the *core* actors are those located in it (``Actor.territories`` or a
  ``LOCATED_IN`` link) and the collectivités that ``GOVERNS`` it;
- the *attached* actors are actors located nowhere, or only in territories that
  enclose it (the département, the région...), reached from the core in at most
  :data:`ATTACHED_DEPTH` links through such actors: a departmental CCI or a bank
  with no stated seat that works with core actors acts on the territory. Actors
  located only in another territory (a neighbouring intercommunality) stay out.

Filters apply first: a link is kept when, after dropping its evidence produced
by an excluded method, some evidence remains and its best confidence reaches the
minimum; then the territory rule; then the kind filter; then the radius.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz, process

from maillage.errors import InputError
from maillage.graph import taxonomy
from maillage.graph.model import Actor, Graph, Link, slugify

#: How many links an attached actor may be from the core actors.
ATTACHED_DEPTH = 2


@dataclass(frozen=True)
class Scope:
    """What an analysis looks at. Empty values mean "no restriction"."""

    territoire: str = ""
    kinds: tuple[str, ...] = ()
    link_kinds: tuple[str, ...] = ()
    min_confidence: float = 0.0
    exclude_methods: tuple[str, ...] = ()
    around: str = ""
    radius: int = 2

    def validate(self) -> "Scope":
        """Check every code against the taxonomy and the numbers against their ranges; return self."""
        taxonomy.check_all("kind", self.kinds, "filtre des types")
        taxonomy.check_all("link", self.link_kinds, "filtre des liens")
        taxonomy.check_all("method", self.exclude_methods, "méthodes exclues")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise InputError(f"la confiance minimale doit être entre 0 et 1 : {self.min_confidence}")
        if self.radius < 0:
            raise InputError(f"le rayon doit être positif : {self.radius}")
        return self


@dataclass(frozen=True)
class TerritoryMatch:
    """A resolved territory query: its label, its territories (with sub-territories) and authorities."""

    label: str
    territory_ids: frozenset[str]
    authorities: tuple[str, ...] = ()


def fold(text: str) -> str:
    """The folded form used to compare names: lower-case, accents and punctuation removed."""
    return slugify(text)


def _closest(query: str, choices: Iterable[str], limit: int = 5) -> str:
    """The closest names to ``query``, as a French list for an error message."""
    unique = sorted(set(choices))
    found = process.extract(query, unique, scorer=fuzz.WRatio, limit=limit, processor=fold)
    return ", ".join(name for name, _score, _i in found) or "aucun"


def _territory_keys(territory) -> set[str]:
    return {fold(territory.id), fold(territory.name)} | ({fold(territory.code)} if territory.code else set())


def _actor_keys(actor: Actor) -> set[str]:
    return {fold(actor.id), fold(actor.name), *(fold(a) for a in actor.aliases)}


def match_actor(entries: Iterable[tuple[str, str, list[str]]], query: str, what: str = "acteur") -> str:
    """The id among ``(id, name, aliases)`` entries equal to ``query`` or whose name or alias folds to it.

    Unknown → :class:`InputError` listing the closest names; several → the error lists them with their ids.
    """
    entries = list(entries)
    key = fold(query)
    found = [e for e in entries if e[0] == query]
    found = found or [e for e in entries
                      if key and key in {fold(e[0]), fold(e[1]), *(fold(a) for a in e[2])}]
    if not found:
        raise InputError(f"{what} inconnu : « {query} » ; les plus proches : "
                         f"{_closest(query, (e[1] for e in entries))}")
    if len(found) > 1:
        listed = ", ".join(f"{e[1]} ({e[0]})" for e in found[:8])
        raise InputError(f"{what} ambigu : « {query} » désigne {listed} ; précisez l'identifiant")
    return found[0][0]


def resolve_actor(graph: Graph, query: str, kinds: Iterable[str] = (), what: str = "acteur") -> Actor:
    """The actor of ``graph`` (of one of ``kinds`` when given) named ``query`` (see :func:`match_actor`)."""
    wanted = set(kinds)
    pool = [(a.id, a.name, a.aliases) for a in graph.actors.values() if not wanted or wanted & set(a.kinds)]
    return graph.actors[match_actor(pool, query, what)]


def _children(graph: Graph) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for territory in graph.territories.values():
        if territory.parent:
            children[territory.parent].append(territory.id)
    return children


def descendants(graph: Graph, roots: Iterable[str]) -> frozenset[str]:
    """The territories ``roots`` and every territory below them in the ``parent`` chain."""
    children = _children(graph)
    seen = set(roots)
    todo = list(seen)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return frozenset(seen)


def ancestors(graph: Graph, roots: Iterable[str]) -> frozenset[str]:
    """The territories strictly enclosing ``roots`` (their parents, grand-parents...)."""
    found: set[str] = set()
    for root in roots:
        current = graph.territories.get(root)
        while current is not None and current.parent and current.parent not in found:
            found.add(current.parent)
            current = graph.territories.get(current.parent)
    return frozenset(found - set(roots))


def _governed(graph: Graph, actor_id: str) -> list[str]:
    return [l.target for l in graph.links.values()
            if l.source == actor_id and l.kind == "GOVERNS" and l.target_type == "territory"]


def locations(graph: Graph, links: Iterable[Link] | None = None) -> dict[str, set[str]]:
    """Where each actor is located: its ``territories`` plus the targets of its ``LOCATED_IN`` links."""
    where: dict[str, set[str]] = {a.id: set(a.territories) for a in graph.actors.values()}
    for link in graph.links.values() if links is None else links:
        if link.kind == "LOCATED_IN" and link.target_type == "territory" and link.source in where:
            where[link.source].add(link.target)
    return where


def resolve_territory(graph: Graph, query: str) -> TerritoryMatch:
    """Match ``query`` to a territory or a collectivité by id, name, alias or official code (folded).

    A collectivité stands for the territories it ``GOVERNS`` (or, failing that,
    where it is located). Unknown → :class:`InputError` with the closest names.
    """
    key = fold(query)
    territories = [t for t in graph.territories.values() if key and key in _territory_keys(t)]
    authorities = [a for a in graph.actors.values()
                   if "collectivite" in a.kinds and key and key in _actor_keys(a)]
    if not territories and not authorities:
        names = [t.name for t in graph.territories.values()]
        names += [a.name for a in graph.actors.values() if "collectivite" in a.kinds]
        raise InputError(f"territoire inconnu : « {query} » ; les plus proches : {_closest(query, names)}")
    roots = {t.id for t in territories}
    for authority in authorities:
        roots.update(_governed(graph, authority.id) or locations(graph)[authority.id])
    outermost = [t for t in territories if ancestors(graph, [t.id]).isdisjoint(roots)]
    if len(outermost) > 1:
        listed = ", ".join(f"{t.name} ({t.id})" for t in outermost[:8])
        raise InputError(f"territoire ambigu : « {query} » désigne {listed} ; précisez l'identifiant ou le code")
    covered = descendants(graph, roots)
    governing = {l.source for l in graph.links.values()
                 if l.kind == "GOVERNS" and l.target_type == "territory" and l.target in covered}
    label = (outermost or territories)[0].name if territories else authorities[0].name
    return TerritoryMatch(label, covered, tuple(sorted(governing | {a.id for a in authorities})))


def filter_links(graph: Graph, scope: Scope) -> dict[tuple[str, str, str], Link]:
    """The links kept by the link-kind, method and confidence filters (evidence of excluded methods dropped;
    suggestions, method ``suggestion``, always are)."""
    kept: dict[tuple[str, str, str], Link] = {}
    excluded = set(scope.exclude_methods) | {"suggestion"}  # suggested links wait for review
    for key, link in graph.links.items():
        if scope.link_kinds and link.kind not in scope.link_kinds and link.kind != "LOCATED_IN":
            continue
        evidence = [e for e in link.evidence if e.method not in excluded]
        if link.evidence and not evidence:
            continue
        if evidence != link.evidence:
            link = Link(link.source, link.kind, link.target, evidence, link.target_type)
        if link.confidence >= scope.min_confidence:
            kept[key] = link
    return kept


def _actor_neighbours(links: Iterable[Link], actors: dict[str, Actor]) -> dict[str, set[str]]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.target_type == "actor" and link.source in actors and link.target in actors:
            neighbours[link.source].add(link.target)
            neighbours[link.target].add(link.source)
    return neighbours


def _within(start: Iterable[str], neighbours: dict[str, set[str]], depth: int,
            allowed=lambda node: True) -> set[str]:
    """Nodes reached from ``start`` in at most ``depth`` steps through ``allowed`` nodes (start included)."""
    seen = set(start)
    queue = deque((node, 0) for node in seen)
    while queue:
        node, dist = queue.popleft()
        if dist == depth:
            continue
        for nxt in neighbours.get(node, ()):
            if nxt not in seen and allowed(nxt):
                seen.add(nxt)
                queue.append((nxt, dist + 1))
    return seen


def territory_members(graph: Graph, match: TerritoryMatch, links: dict) -> tuple[set[str], set[str]]:
    """The core and attached actor ids of a territory (see the module docstring for the rule)."""
    where = locations(graph, links.values())
    enclosing = ancestors(graph, match.territory_ids)
    core = {a for a, places in where.items() if places & match.territory_ids}
    core |= {a for a in match.authorities if a in graph.actors}
    neighbours = _actor_neighbours(links.values(), graph.actors)
    reached = _within(core, neighbours, ATTACHED_DEPTH, lambda a: where[a] <= enclosing)
    return core, reached - core


@dataclass
class ScopedGraph:
    """A scoped graph with the label of its territory and its core actors (located inside it)."""

    graph: Graph
    label: str
    core: frozenset[str]


def scope_graph(graph: Graph, scope: Scope) -> ScopedGraph:
    """Apply ``scope`` (module docstring) and keep the territory label and core actors."""
    scope.validate()
    links = filter_links(graph, scope)
    keep = set(graph.actors)
    label, core = "tout le graphe", set(graph.actors)
    if scope.territoire:
        match = resolve_territory(graph, scope.territoire)
        core, attached = territory_members(graph, match, links)
        label, keep = match.label, core | attached
    if scope.kinds:
        keep = {a for a in keep if set(scope.kinds) & set(graph.actors[a].kinds)}
    if scope.around:
        centre = resolve_actor(graph, scope.around, what="acteur central")
        if centre.id not in keep:
            raise InputError(f"« {centre.name} » n'est pas dans le périmètre choisi")
        kept_actors = {a: graph.actors[a] for a in keep}
        keep = _within([centre.id], _actor_neighbours(links.values(), kept_actors), scope.radius)
    return ScopedGraph(subgraph(graph, keep, links), label, frozenset(core & keep))


def apply_scope(graph: Graph, scope: Scope) -> Graph:
    """The subgraph seen by an analysis: filtered links, territory rule, kinds, radius (module docstring)."""
    return scope_graph(graph, scope).graph


def subgraph(graph: Graph, actor_ids: set[str], links: dict | None = None) -> Graph:
    """The actors ``actor_ids``, the links between them and their links to non-actor nodes.

    Territories and programmes are all kept (they are few and give labels).
    """
    links = graph.links if links is None else links
    out = Graph(actors={a: graph.actors[a] for a in actor_ids if a in graph.actors},
                territories=dict(graph.territories), programmes=dict(graph.programmes),
                documents=graph.documents)
    for key, link in links.items():
        if link.source in out.actors and (link.target_type != "actor" or link.target in out.actors):
            out.links[key] = link
    return out
