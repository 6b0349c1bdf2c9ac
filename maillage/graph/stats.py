"""Counts over a (curated) graph, as data and as French text.

Definitions: an actor counts once, under its primary kind (``kinds[0]``); a
link counts once, under its kind, whatever the number of its evidence; a
document's count is the number of links it states (links with at least one
piece of evidence from it) and the number of pieces of evidence it gives.
Links added by curation count under the pseudo-document ``curation``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from maillage.graph import taxonomy
from maillage.graph.model import Graph


@dataclass
class DocumentCount:
    id: str
    title: str
    links: int = 0
    evidence: int = 0


@dataclass
class GraphStats:
    actors: int
    links: int
    documents: int
    territories: int
    programmes: int
    by_kind: dict[str, int] = field(default_factory=dict)  # primary kind code -> actors, most first
    by_role: dict[str, int] = field(default_factory=dict)
    by_link_kind: dict[str, int] = field(default_factory=dict)
    by_method: dict[str, int] = field(default_factory=dict)  # evidence method -> pieces of evidence
    by_document: list[DocumentCount] = field(default_factory=list)  # most links first


def _ranked(counter: Counter) -> dict[str, int]:
    """Counts from the largest, ties by code."""
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def compute_stats(graph: Graph) -> GraphStats:
    """The counts of the module docstring."""
    per_document: dict[str, DocumentCount] = {
        d.id: DocumentCount(d.id, d.title or d.path) for d in graph.documents.values()}
    methods: Counter = Counter()
    for link in graph.links.values():
        for document in {e.document for e in link.evidence}:
            per_document.setdefault(document, DocumentCount(document, document)).links += 1
        for evidence in link.evidence:
            per_document[evidence.document].evidence += 1
            methods[evidence.method] += 1
    return GraphStats(
        actors=len(graph.actors), links=len(graph.links), documents=len(graph.documents),
        territories=len(graph.territories), programmes=len(graph.programmes),
        by_kind=_ranked(Counter(a.kind for a in graph.actors.values() if a.kinds)),
        by_role=_ranked(Counter(r for a in graph.actors.values() for r in a.roles)),
        by_link_kind=_ranked(Counter(link.kind for link in graph.links.values())),
        by_method=_ranked(methods),
        by_document=sorted(per_document.values(), key=lambda d: (-d.links, d.title, d.id)),
    )


def _section(title: str, counts: dict[str, int], labels: dict[str, str]) -> list[str]:
    if not counts:
        return []
    width = max(len(code) for code in counts)
    return ["", title] + [f"  {code:<{width}}  {n:>7}  {labels.get(code, '')}".rstrip()
                          for code, n in counts.items()]


def render_stats(stats: GraphStats) -> str:
    """The French text shown by ``maillage stats``."""
    lines = [f"Acteurs : {stats.actors}", f"Liens : {stats.links}", f"Documents : {stats.documents}",
             f"Territoires : {stats.territories}", f"Programmes : {stats.programmes}"]
    lines += _section("Acteurs par type principal :", stats.by_kind, taxonomy.ACTOR_KINDS)
    lines += _section("Acteurs par rôle :", stats.by_role, taxonomy.ROLES)
    lines += _section("Liens par type :", stats.by_link_kind, taxonomy.LINK_KINDS)
    lines += _section("Preuves par méthode :", stats.by_method, taxonomy.METHODS)
    if stats.by_document:
        lines += ["", "Par document (liens, preuves) :"]
        lines += [f"  {d.links:>7} {d.evidence:>7}  {d.title}" for d in stats.by_document]
    return "\n".join(lines)
