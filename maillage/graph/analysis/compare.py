"""Comparison of territories: actor kinds and practices, side by side."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from maillage.graph.analysis.common import Result
from maillage.graph.scope import fold
from maillage.graph.taxonomy import ACTOR_KINDS

#: Practices: code → (French label, actor kinds that carry it, name cues). A cue is folded text
#: (:func:`maillage.graph.scope.fold`) matched at the start of a word of an actor's name or alias, or
#: of the name of a programme a core actor is linked to.
PRACTICES: dict[str, tuple[str, frozenset[str], tuple[str, ...]]] = {
    "incubateur": ("incubateurs et pépinières", frozenset(),
                   ("incubat", "pepiniere-d-entreprise", "pepinieres-d-entreprise", "accelerat", "hotel-d-entreprise")),
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


def _pattern(cues: tuple[str, ...]) -> re.Pattern:
    """Folded text with one of ``cues`` at the start of a word."""
    return re.compile("(?:^|-)(?:" + "|".join(re.escape(c) for c in cues) + ")", re.MULTILINE)


def items(G: nx.MultiDiGraph) -> dict[str, tuple[str, frozenset[str], list[str]]]:
    """What practices are looked for in: the core actors and the programmes they link to,
    as ``{node: (name, kinds, folded name and aliases)}``."""
    core = G.graph.get("core", ())
    names, kinds, aliases = (dict(G.nodes(data=key)) for key in ("name", "kinds", "aliases"))
    programmes = [n for n, kind in G.nodes(data="type") if kind == "programme"]
    linking = {u for p in programmes for u, _p in G.in_edges(p)}.intersection(core)  # few: read their links
    found = {}
    for node in core:
        found[node] = (names[node], frozenset(kinds[node]), [fold(names[node]), *(fold(a) for a in aliases[node] or ())])
        if node in linking:
            for target in G.succ[node]:
                if target not in found and G.nodes[target].get("type") == "programme":
                    found[target] = (names[target], frozenset(), [fold(names[target])])
    return found


class Looked:
    """What practices are looked for in (:func:`items`), with all their folded texts joined, a line each
    (folded texts hold no line break), so that one search per practice covers them all."""

    def __init__(self, found: dict[str, tuple[str, frozenset[str], list[str]]]) -> None:
        self.entries = list(found.values())
        pairs = [(i, t) for i, (_name, _kinds, texts) in enumerate(self.entries) for t in texts]
        self.owner = np.array([i for i, _t in pairs], dtype=np.int64)
        self.joined = "\n".join(t for _i, t in pairs)
        self.starts = np.cumsum([0] + [len(t) + 1 for _i, t in pairs])

    def holders(self, practice: str) -> list[str]:
        """Names of the entries showing ``practice`` (see :data:`PRACTICES`), sorted."""
        _label, kinds, cues = PRACTICES[practice]
        ends = np.array([m.end() for m in _pattern(cues).finditer(self.joined)], dtype=np.int64)
        hits = set(self.owner[np.searchsorted(self.starts, ends, "right") - 1].tolist()) if len(ends) else set()
        names = [name for i, (name, node_kinds, _texts) in enumerate(self.entries)
                 if i in hits or not kinds.isdisjoint(node_kinds)]
        return sorted(names, key=str.casefold)


def practice_holders(G: nx.MultiDiGraph, practice: str, looked: dict | None = None) -> list[str]:
    """Names of the core actors (and programmes they link to) showing ``practice`` (see :data:`PRACTICES`).

    ``looked`` is :func:`items` of ``G`` (computed when not given).
    """
    return Looked(items(G) if looked is None else looked).holders(practice)


def _kind_counts(G: nx.MultiDiGraph) -> Counter:
    """How many core actors carry each kind."""
    kinds = dict(G.nodes(data="kinds"))
    return Counter(k for n in G.graph.get("core", ()) for k in kinds[n])


def compare(projections: list[nx.MultiDiGraph], examples: int = 3) -> CompareResult:
    """Territories side by side (one scoped projection each, see ``scoped_projection``).

    Counts only the core actors of each territory (located inside it, or governing it): per actor kind
    (an actor counts once for each of its kinds), and per practice of :data:`PRACTICES` (actors and
    programmes detected from kinds and name cues), with up to ``examples`` names per cell.
    """
    result = CompareResult(territoires=[G.graph.get("territoire", "") for G in projections],
                           actor_counts=[len(G.graph.get("core", ())) for G in projections])
    kind_counts = [_kind_counts(G) for G in projections]
    for kind, label in ACTOR_KINDS.items():
        counts = [c[kind] for c in kind_counts]
        if any(counts):
            result.kinds.append(CompareRow(kind, label, counts))
    looked = [Looked(items(G)) for G in projections]
    for practice, (label, _kinds, _cues) in PRACTICES.items():
        holders = [each.holders(practice) for each in looked]
        result.practices.append(CompareRow(practice, label, [len(h) for h in holders],
                                           [h[:examples] for h in holders]))
    return result
