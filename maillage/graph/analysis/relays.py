"""Relay actors: who sees the target firms, and which few of them together reach most of them."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import networkx as nx

from maillage.errors import InputError
from maillage.graph.analysis.common import (ActorRef, Result, actor_graph, actors, find_actor, ref, sort_key,
                                            with_kind)
from maillage.graph.analysis_defaults import DEFAULT_K, DEFAULT_SEGMENT
from maillage.graph.scope import fold

#: Size bands a segment may name even when no firm of the scope has them.
SIZE_BANDS = ("micro", "TPE", "PME", "ETI", "GE")
RELAY_KINDS = frozenset({"relais", "chambre_metiers"})


@dataclass
class RelayRank(ActorRef):
    """``reach``: target firms linked; ``marginal_reach``: those the ``depuis`` actor does not already reach."""

    reach: int = 0
    marginal_reach: int = 0


@dataclass
class RelayPick(ActorRef):
    """``gain``: target firms newly reached; ``cumulative_share``: share of targets reached so far."""

    gain: int = 0
    cumulative_share: float = 0.0


@dataclass
class RelaysResult(Result):
    territoire: str = ""
    segment: str = DEFAULT_SEGMENT
    target_count: int = 0
    depuis: ActorRef | None = None
    baseline_reach: int = 0
    ranking: list[RelayRank] = field(default_factory=list)
    selection: list[RelayPick] = field(default_factory=list)
    firms_by_size: dict[str, int] = field(default_factory=dict)
    message: str = ""


def firms_by_size(G: nx.MultiDiGraph) -> dict[str, int]:
    """Firms (kind ``entreprise``) of the scope by size band (``""``: unknown), e.g. SIRENE's TPE and PME."""
    firms = with_kind(G, {"entreprise"})
    counts = Counter(attributes.get("size", "") for n, attributes in G.nodes(data="attributes") if n in firms)
    return dict(sorted(counts.items()))


def segment_terms(segment: str) -> list[str]:
    """The terms of a segment such as ``"TPE|PME"`` (separated by ``|`` or ``,``), folded."""
    return [fold(t) for t in re.split(r"[|,]", segment) if fold(t)]


def targets(G: nx.MultiDiGraph, segment: str) -> set[str]:
    """Firms (kind ``entreprise``) whose size band or sector is one of the segment's terms (folded).

    A term matching no firm of the scope and no standard band (:data:`SIZE_BANDS`) is an unknown
    segment: :class:`InputError` listing the known values.
    """
    terms = segment_terms(segment)
    if not terms:
        raise InputError(f"segment vide : « {segment} » (exemple : TPE|PME)")
    firms = with_kind(G, {"entreprise"})
    folded = cache(fold)  # few distinct sizes and sectors
    values = {n: {folded(attributes.get(k, "")) for k in ("size", "sector")}
              for n, attributes in G.nodes(data="attributes") if n in firms}
    known = set().union(*values.values()) | {fold(b) for b in SIZE_BANDS}
    unknown = [t for t in terms if t not in known]
    if unknown:
        shown = sorted({G.nodes[n]["attributes"].get("size", "") for n in firms} | set(SIZE_BANDS))
        raise InputError(f"segment inconnu : « {segment} » ; tailles connues : {', '.join(v for v in shown if v)}")
    return {n for n, found in values.items() if not found.isdisjoint(terms)}


def relays(G: nx.MultiDiGraph, segment: str = DEFAULT_SEGMENT, depuis: str = "", k: int = DEFAULT_K) -> RelaysResult:
    """Relay ranking and greedy selection.

    - targets: :func:`targets` of ``segment``; relays: actors of kind ``relais`` or ``chambre_metiers``;
    - reach of an actor: target firms it is linked to by any link, either direction;
    - baseline: the reach of ``depuis`` (e.g. the development agency), empty when not given;
    - marginal reach: reach minus the baseline;
    - selection: up to ``k`` relays picked greedily, each maximising the targets reached by none of the
      baseline and the relays already picked (ties: larger reach, then name); stops when nothing is
      gained. ``cumulative_share`` = (baseline ∪ picked reach) / number of targets.
    """
    H = actor_graph(G)
    goal = targets(G, segment)
    result = RelaysResult(territoire=G.graph.get("territoire", ""), segment=segment, target_count=len(goal),
                          firms_by_size=firms_by_size(G))
    relay_nodes = with_kind(G, RELAY_KINDS)
    reach = {n: set(H.adj[n]) & goal for n in actors(G) if n in relay_nodes}
    baseline: set[str] = set()
    if depuis:
        origin = find_actor(G, depuis, what="acteur de départ")
        baseline = set(H.adj[origin]) & goal
        result.depuis, result.baseline_reach = ActorRef(**ref(G, origin)), len(baseline)
        reach.pop(origin, None)
    order = sorted(reach, key=lambda n: (-len(reach[n]), -len(reach[n] - baseline), sort_key(G, n)))
    result.ranking = [RelayRank(**ref(G, n), reach=len(reach[n]), marginal_reach=len(reach[n] - baseline))
                      for n in order]
    covered = set(baseline)
    left = list(order)
    while left and len(result.selection) < k:
        best = max(left, key=lambda n: len(reach[n] - covered))
        gain = len(reach[best] - covered)
        if not gain:
            break
        covered |= reach[best]
        left.remove(best)
        result.selection.append(RelayPick(**ref(G, best), gain=gain, cumulative_share=len(covered) / len(goal)))
    if not goal:
        result.message = f"aucune entreprise du segment « {segment} » dans le périmètre"
    elif not reach:
        result.message = "aucun acteur relais (type relais ou chambre de métiers) dans le périmètre"
    return result
