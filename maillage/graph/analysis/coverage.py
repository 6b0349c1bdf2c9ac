"""Single-window ("guichet unique") coverage of the ten service needs."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from maillage.graph.analysis.common import ActorRef, Result, actors, has_role, ref, sort_key
from maillage.graph.analysis.relays import firms_by_size
from maillage.graph.taxonomy import SERVICES

#: Default needs implied by an actor kind, for actors that state no ``OFFERS`` link at all.
#: Conservative on purpose: only what the kind's bodies provide nearly everywhere.
KIND_NEEDS: dict[str, tuple[str, ...]] = {
    "cci": ("accueil_implantation", "creation_reprise", "formation_competences", "international",
            "mise_en_reseau"),
    "chambre_metiers": ("creation_reprise", "formation_competences"),
    "chambre_agriculture": ("creation_reprise", "formation_competences"),
    "cluster": ("innovation_transfert", "mise_en_reseau"),
    "ptce": ("mise_en_reseau", "transition_rse"),
    "cooperative": ("creation_reprise",),
    "fondation": ("financement",),
    "cec": ("transition_rse",),
    "reseau_entreprises": ("mise_en_reseau",),
    "relais": ("creation_reprise",),
    "agence": ("accueil_implantation", "foncier_immobilier"),
    "recherche_formation": ("formation_competences", "innovation_transfert"),
}

#: Links a window orients firms through; ``REFERS_TO`` is followed in its direction, the others both ways.
ORIENTING_LINKS = ("REFERS_TO", "PARTNER_OF", "MEMBER_OF")
REACH_STEPS = 2

COUVERT, FRAGMENTE, DESERT = "couvert", "fragmente", "desert"


@dataclass
class Provider(ActorRef):
    """A provider of a need: ``reached`` when a window reaches it, ``by`` how it provides (offre or type)."""

    reached: bool = False
    windows: list[str] = field(default_factory=list)
    by: str = "offre"


@dataclass
class NeedCoverage:
    need: str
    label: str
    status: str
    providers: list[Provider] = field(default_factory=list)


@dataclass
class Competition:
    """Several windows reach providers of the same need."""

    need: str
    windows: list[ActorRef] = field(default_factory=list)


@dataclass
class CoverageResult(Result):
    territoire: str = ""
    score: float = 0.0
    windows: list[ActorRef] = field(default_factory=list)
    needs: list[NeedCoverage] = field(default_factory=list)
    competing: list[Competition] = field(default_factory=list)
    firms_by_size: dict[str, int] = field(default_factory=dict)
    message: str = ""


def providers_of(G: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """For each need, its providers in scope: ``{need: {actor id: "offre" | "type"}}``.

    A provider ``OFFERS`` the service. An actor that states no ``OFFERS`` at all provides the
    needs its kinds imply in :data:`KIND_NEEDS`: stated offers always override the defaults.
    """
    found: dict[str, dict[str, str]] = {need: {} for need in SERVICES}
    nodes = actors(G)
    kinds = dict(G.nodes(data="kinds"))
    offering = set()
    for need, providers in found.items():
        service = f"service:{need}"
        if service in G:
            offers = {u for u, _v, kind in G.in_edges(service, keys=True) if kind == "OFFERS"}.intersection(nodes)
            providers.update(dict.fromkeys(sorted(offers), "offre"))
            offering |= offers
    for node in nodes:
        if node not in offering:
            for kind in kinds[node]:
                for need in KIND_NEEDS.get(kind, ()):
                    found[need][node] = "type"
    return found


def _orienting_neighbours(G: nx.MultiDiGraph, node: str) -> set[str]:
    out = {v for _u, v, k in G.out_edges(node, keys=True) if k in ORIENTING_LINKS}
    back = {u for u, _v, k in G.in_edges(node, keys=True) if k in ("PARTNER_OF", "MEMBER_OF")}
    return {n for n in out | back if G.nodes[n].get("type") == "actor"}


def reached_from(G: nx.MultiDiGraph, window: str) -> set[str]:
    """Actors a window reaches (itself included) in at most two orienting links (``ORIENTING_LINKS``)."""
    seen = {window}
    frontier = {window}
    for _step in range(REACH_STEPS):
        frontier = {n for f in frontier for n in _orienting_neighbours(G, f)} - seen
        seen |= frontier
    return seen


def coverage(G: nx.MultiDiGraph) -> CoverageResult:
    """Single-window coverage of the ten needs of the taxonomy.

    - windows: actors with role ``guichet_unique``;
    - providers of a need: :func:`providers_of` (``OFFERS`` or the default table :data:`KIND_NEEDS`);
    - a provider is reached when a window reaches it by :func:`reached_from`: at most two links, each a
      ``REFERS_TO`` followed from window to provider or a ``PARTNER_OF``/``MEMBER_OF`` either way
      (a window that provides a need reaches itself);
    - status: ``couvert`` (a provider is reached), ``fragmente`` (providers, none reached), ``desert``
      (no provider);
    - competing: needs whose reached providers are reached by two windows or more;
    - score: share of the ten needs that are ``couvert``.
    """
    windows = sorted((n for n in actors(G) if has_role(G, n, {"guichet_unique"})), key=lambda n: sort_key(G, n))
    reach = {w: reached_from(G, w) for w in windows}
    result = CoverageResult(territoire=G.graph.get("territoire", ""),
                            windows=[ActorRef(**ref(G, w)) for w in windows], firms_by_size=firms_by_size(G))
    for need, providers in providers_of(G).items():
        rows = []
        for node in sorted(providers, key=lambda n: sort_key(G, n)):
            by_windows = [w for w in windows if node in reach[w]]
            rows.append(Provider(**ref(G, node), reached=bool(by_windows), windows=by_windows, by=providers[node]))
        reaching = sorted({w for row in rows for w in row.windows}, key=lambda n: sort_key(G, n))
        status = COUVERT if reaching else FRAGMENTE if rows else DESERT
        result.needs.append(NeedCoverage(need, SERVICES[need], status, rows))
        if len(reaching) > 1:
            result.competing.append(Competition(need, [ActorRef(**ref(G, w)) for w in reaching]))
    result.score = sum(n.status == COUVERT for n in result.needs) / len(SERVICES)
    if not windows:
        result.message = "aucun guichet unique (rôle guichet_unique) dans le périmètre : aucun besoin n'est couvert"
    return result
