"""Comparison of territories: actor kinds and practices, side by side."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from maillage.graph.analysis.common import Result, has_kind
from maillage.graph.scope import fold
from maillage.graph.taxonomy import ACTOR_KINDS

#: Practices: code → (French label, actor kinds that carry it, name cues). A cue is folded text
#: (:func:`maillage.graph.scope.fold`) matched at the start of a word of an actor's name or alias, or
#: of the name of a programme a core actor is linked to.
PRACTICES: dict[str, tuple[str, frozenset[str], tuple[str, ...]]] = {
    "incubateur": ("incubateurs et pépinières", frozenset(),
                   ("incubat", "pepiniere", "accelerat", "hotel-d-entreprises")),
    "cluster": ("clusters et pôles", frozenset({"cluster"}),
                ("cluster", "pole-de-competitivite", "grappe")),
    "ptce": ("PTCE", frozenset({"ptce"}), ("ptce", "pole-territorial-de-cooperation")),
    "groupement_employeurs": ("groupements d'employeurs", frozenset(),
                              ("groupement-d-employeurs", "groupement-employeurs", "geiq")),
    "circuits_courts": ("circuits courts alimentaires", frozenset(),
                        ("circuit-court", "circuits-courts", "amap", "drive-fermier", "marche-de-producteurs",
                         "magasin-de-producteurs", "projet-alimentaire-territorial", "produits-locaux")),
    "plan_formation": ("plans de formation et GPEC", frozenset(),
                       ("plan-de-formation", "plans-de-formation", "gpec", "edec", "campus-des-metiers")),
    "tiers_lieu": ("tiers-lieux", frozenset(), ("tiers-lieu", "tiers-lieux", "fab-lab", "fablab")),
    "fondation_territoriale": ("fondations territoriales", frozenset(), ("fondation-territoriale",)),
}


@dataclass
class CompareRow:
    """One row of the matrix: ``counts[i]`` and ``examples[i]`` are for ``territoires[i]``."""

    code: str
    label: str
    counts: list[int] = field(default_factory=list)
    examples: list[list[str]] = field(default_factory=list)


@dataclass
class CompareResult(Result):
    territoires: list[str] = field(default_factory=list)
    actor_counts: list[int] = field(default_factory=list)
    kinds: list[CompareRow] = field(default_factory=list)
    practices: list[CompareRow] = field(default_factory=list)


def _cued(text: str, cues: tuple[str, ...]) -> bool:
    slug = fold(text)
    return any(re.search(rf"(?:^|-){re.escape(cue)}", slug) for cue in cues)


def practice_holders(G: nx.MultiDiGraph, practice: str) -> list[str]:
    """Names of the core actors (and programmes they link to) showing ``practice`` (see :data:`PRACTICES`)."""
    _label, kinds, cues = PRACTICES[practice]
    found: dict[str, str] = {}
    for node in G.graph.get("core", ()):
        data = G.nodes[node]
        if has_kind(G, node, kinds) or any(_cued(n, cues) for n in [data["name"], *data.get("aliases", [])]):
            found[node] = data["name"]
        for _u, target in G.out_edges(node):
            if G.nodes[target].get("type") == "programme" and _cued(G.nodes[target]["name"], cues):
                found[target] = G.nodes[target]["name"]
    return sorted(found.values(), key=str.casefold)


def compare(projections: list[nx.MultiDiGraph], examples: int = 3) -> CompareResult:
    """Territories side by side (one scoped projection each, see ``scoped_projection``).

    Counts only the core actors of each territory (located inside it, or governing it): per actor kind
    (an actor counts once for each of its kinds), and per practice of :data:`PRACTICES` (actors and
    programmes detected from kinds and name cues), with up to ``examples`` names per cell.
    """
    result = CompareResult(territoires=[G.graph.get("territoire", "") for G in projections],
                           actor_counts=[len(G.graph.get("core", ())) for G in projections])
    for kind, label in ACTOR_KINDS.items():
        counts = [sum(has_kind(G, n, {kind}) for n in G.graph.get("core", ())) for G in projections]
        if any(counts):
            result.kinds.append(CompareRow(kind, label, counts))
    for practice, (label, _kinds, _cues) in PRACTICES.items():
        holders = [practice_holders(G, practice) for G in projections]
        result.practices.append(CompareRow(practice, label, [len(h) for h in holders],
                                           [h[:examples] for h in holders]))
    return result
