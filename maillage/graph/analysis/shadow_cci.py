"""Shadow-CCI gaps: engaged actors absent from the official bodies, and a balanced roster."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from maillage.graph.analysis.common import ActorRef, Result, actor_graph, actors, ref, sort_key, with_kind, with_role
from maillage.graph.analysis.network import communities, community_of
from maillage.graph.analysis_defaults import DEFAULT_SIZE
from maillage.graph.taxonomy import ACTOR_KINDS

CHAMBER_KINDS = frozenset({"cci", "chambre_metiers", "chambre_agriculture"})
#: Links that make an actor represented in a body (actor → body).
REPRESENTING_LINKS = frozenset({"MEMBER_OF", "GOVERNS", "PARTICIPATES_IN"})
ENGAGED_KINDS = frozenset({"cec", "ptce", "scic", "cooperative", "fondation"})
ENGAGED_ROLES = frozenset({"transition", "ess"})


@dataclass
class Absent(ActorRef):
    """An engaged actor absent from every official body; ``score`` is its degree in the actor graph."""

    score: int = 0


@dataclass
class RosterMember(ActorRef):
    why: str = ""
    absent: bool = True
    score: int = 0
    community: int = -1


@dataclass
class ShadowResult(Result):
    territoire: str = ""
    official_bodies: list[ActorRef] = field(default_factory=list)
    represented: list[ActorRef] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    roster: list[RosterMember] = field(default_factory=list)
    message: str = ""


def official_bodies(G: nx.MultiDiGraph, H: nx.Graph) -> list[str]:
    """Chambers (CCI, chambres de métiers, d'agriculture) and the ``instance`` actors linked to a chamber
    or a collectivité (boards, committees of the local authority, development councils)."""
    chambers = with_kind(G, CHAMBER_KINDS)  # only actors have kinds: all of them are nodes of H
    anchors = chambers | with_kind(G, {"collectivite"})
    boards = {n for n in with_kind(G, {"instance"}) if not anchors.isdisjoint(H.adj[n])}
    return sorted(chambers | boards, key=lambda n: sort_key(G, n))


def engaged(G: nx.MultiDiGraph) -> set[str]:
    """Transition-engaged nodes: kind among :data:`ENGAGED_KINDS` or role among :data:`ENGAGED_ROLES`."""
    return with_kind(G, ENGAGED_KINDS) | with_role(G, ENGAGED_ROLES)


def _facets(G: nx.MultiDiGraph, node: str, community: int) -> set[tuple[str, str]]:
    attributes = G.nodes[node].get("attributes", {})
    facets = {("type", G.nodes[node]["kinds"][0]), ("communauté", f"n° {community}")}
    for key, label in (("sector", "secteur"), ("size", "taille")):
        if attributes.get(key):
            facets.add((label, attributes[key]))
    return facets


def _why(new: set[tuple[str, str]], absent: bool, degree: int) -> str:
    parts = []
    for label, value in sorted(new):
        value = ACTOR_KINDS.get(value, value) if label == "type" else value
        parts.append(f"apporte {label} « {value} »")
    parts.append("absent des instances officielles" if absent else "déjà présent dans une instance officielle")
    parts.append(f"{degree} lien(s) dans le réseau")
    return " ; ".join(parts)


def roster(G: nx.MultiDiGraph, H: nx.Graph, pool: list[str], absent: set[str], size: int) -> list[RosterMember]:
    """A greedy roster of ``size`` engaged actors.

    Each step takes the candidate maximising, in this order: the number of facets it adds to those the
    roster already covers (a facet is a sector, a size band, a primary kind or a Louvain community),
    being absent from the official bodies, its degree; ties go to the first name in alphabetical order
    (``max`` keeps the first maximum of a name-sorted list). It thus maximises the covered
    facets greedily while favouring absent and connected actors.
    """
    member = community_of(communities(H))
    facets = {n: _facets(G, n, member[n]) for n in pool}
    covered: set[tuple[str, str]] = set()
    chosen: list[RosterMember] = []
    left = sorted(pool, key=lambda n: sort_key(G, n))
    while left and len(chosen) < size:
        best = max(left, key=lambda n: (len(facets[n] - covered), n in absent, H.degree(n)))
        new = facets[best] - covered
        covered |= new
        left.remove(best)
        chosen.append(RosterMember(**ref(G, best), why=_why(new, best in absent, H.degree(best)),
                                   absent=best in absent, score=H.degree(best), community=member[best]))
    return chosen


def shadow_cci(G: nx.MultiDiGraph, size: int = DEFAULT_SIZE) -> ShadowResult:
    """Shadow-CCI gaps and roster.

    - official bodies: :func:`official_bodies`;
    - represented: actors with a ``MEMBER_OF``, ``GOVERNS`` or ``PARTICIPATES_IN`` link to an official body;
    - absent: engaged actors (:func:`engaged`) neither official bodies nor represented, ranked by
      connectedness (degree in the actor graph, then name);
    - roster: :func:`roster` over all engaged actors that are not official bodies.
    """
    H = actor_graph(G)
    bodies = official_bodies(G, H)
    body_set = set(bodies)
    represented = sorted({u for v in bodies for u, _v, k in G.in_edges(v, keys=True)
                          if k in REPRESENTING_LINKS and u != v}, key=lambda n: sort_key(G, n))
    engaged_nodes = engaged(G)
    pool = [n for n in actors(G) if n in engaged_nodes and n not in body_set]
    seated = set(represented)
    absent = sorted((n for n in pool if n not in seated), key=lambda n: (-H.degree(n), sort_key(G, n)))
    result = ShadowResult(territoire=G.graph.get("territoire", ""),
                          official_bodies=[ActorRef(**ref(G, n)) for n in bodies],
                          represented=[ActorRef(**ref(G, n)) for n in represented],
                          absent=[Absent(**ref(G, n), score=H.degree(n)) for n in absent],
                          roster=roster(G, H, pool, set(absent), size))
    if not bodies:
        result.message = "aucune instance officielle (chambre, conseil, comité) dans le périmètre"
    elif not pool:
        result.message = "aucun acteur engagé dans la transition dans le périmètre"
    return result
