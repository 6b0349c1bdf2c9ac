"""Reading the network analysis for users: named communities and the few passeurs.

Built on the output of :func:`maillage.graph.analysis.network.network` (never recomputed here):

- a community's **name** is its most central member (highest degree, then betweenness, then name),
  followed by the dominant kind of its members and, when one territory holds most of them, that
  territory (``« CCI du Val » (surtout : entreprise ; Val d'Essai)``);
- a **passeur** is an actor whose betweenness is in the top decile of the scope (and not zero) *and*
  who is linked to at least :data:`PASSEUR_MIN_COMMUNITIES` communities other than its own; at most
  :data:`MAX_PASSEURS` are kept, highest betweenness first; each carries its reason in words.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from maillage.graph import taxonomy
from maillage.graph.analysis.network import NetworkResult

#: Most passeurs named in a scope.
MAX_PASSEURS = 10
#: A passeur is linked to at least this many communities besides its own.
PASSEUR_MIN_COMMUNITIES = 2
#: Share of the scope's actors whose betweenness counts as high (top decile).
HIGH_BETWEENNESS_SHARE = 0.1
#: A territory names a community when at least this share of its members is located there.
TERRITORY_SHARE = 0.5


@dataclass(frozen=True)
class Passeur:
    id: str
    name: str
    kind: str
    bridged: int
    rank: int
    reason: str


def community_names(result: NetworkResult, kinds: dict[str, list[str]],
                    territories: dict[str, list[str]]) -> dict[int, str]:
    """Community id -> French name (see the module docstring); ``kinds`` and ``territories`` map actor
    ids to their kinds and territory names."""
    rows = {a.id: a for a in result.actors}
    names: dict[int, str] = {}
    for community in result.communities:
        members = [rows[m.id] for m in community.members if m.id in rows]
        if not members:
            continue
        head = min(members, key=lambda a: (-a.degree, -a.betweenness, a.name.casefold(), a.id))
        kind, _ = Counter((kinds.get(a.id) or [""])[0] for a in members).most_common(1)[0]
        traits = [taxonomy.ACTOR_KINDS.get(kind, kind)] if len(members) > 1 and kind else []
        places = Counter(t for a in members for t in dict.fromkeys(territories.get(a.id, [])))
        if places and len(members) > 1:
            place, count = places.most_common(1)[0]
            if count >= TERRITORY_SHARE * len(members):
                traits.append(place)
        names[community.id] = f"« {head.name} »" + (f" (surtout : {' ; '.join(traits)})" if traits else "")
    return names


def passeurs(result: NetworkResult) -> list[Passeur]:
    """The few actors with a high betweenness that link several communities (module docstring)."""
    ranked = sorted((a for a in result.actors if a.betweenness > 0), key=lambda a: -a.betweenness)
    high = max(1, round(HIGH_BETWEENNESS_SHARE * len(result.actors)))
    rank = {a.id: i for i, a in enumerate(ranked[:high], start=1)}
    chosen = [b for b in result.brokers if b.id in rank and b.bridged >= PASSEUR_MIN_COMMUNITIES]
    chosen.sort(key=lambda b: rank[b.id])
    return [Passeur(b.id, b.name, b.kind, b.bridged, rank[b.id],
                    f"relie {b.bridged} autres communautés que la sienne ; {ordinal(rank[b.id])} acteur "
                    f"par lequel passent le plus de chemins du réseau")
            for b in chosen[:MAX_PASSEURS]]


def ordinal(rank: int) -> str:
    """French ordinal of a rank: 1 -> ``1er``, 2 -> ``2e``."""
    return "1er" if rank == 1 else f"{rank}e"
