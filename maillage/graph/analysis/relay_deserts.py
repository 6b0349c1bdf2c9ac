"""Relay deserts: communes whose very small firms have no accountant, bank or chamber nearby.

Definition:

- communes of the scope: territories of level ``commune`` in the chosen territory and below it
  (every commune of the base without a territory);
- a commune's EPCI: its nearest enclosing territory of level ``epci``;
- very small firms of a commune: actors of kind ``entreprise``, ``cooperative`` or ``scic`` of size
  ``TPE`` or ``micro`` located in it;
- the three relay families a very small firm needs close by (:data:`FAMILIES`): an accountant, a bank
  and a chamber (CCI, chamber of trades or of agriculture). A relay's family is its ``relay``
  attribute (set from its NAF code by the SIRENE import), else read from its name
  (:data:`NAME_FAMILIES`); chambers are known by their kind;
- for each family a commune is served ``commune`` (one is located in the commune), ``epci`` (one is
  located in another commune of its EPCI or in the EPCI itself) or ``absent``. Actors located only
  in an enclosing territory (département, région) do not count: they are not within reach;
- a commune with very small firms is a **relay desert** when a family is absent; ``missing`` lists the
  absent families, and a commune missing all three is a total desert.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from maillage.graph.analysis.common import Result
from maillage.graph.model import Graph, slugify
from maillage.graph.scope import descendants, locations, resolve_territory

FAMILIES = {"comptabilite": "expert-comptable", "banque": "banque", "chambre": "chambre consulaire"}
CHAMBER_KINDS = frozenset({"cci", "chambre_metiers", "chambre_agriculture"})
FIRM_KINDS = frozenset({"entreprise", "cooperative", "scic"})
SMALL_SIZES = frozenset({"tpe", "micro"})
#: Words of a relay's folded name that give its family when no ``relay`` attribute does.
NAME_FAMILIES = (("banque", ("banque", "credit", "caisse")), ("assurance", ("assurance", "mutuelle")),
                 ("juridique", ("notaire", "notarial", "avocat")),
                 ("comptabilite", ("compta", "expert", "audit", "cabinet")))
SERVED, IN_EPCI, ABSENT = "commune", "epci", "absent"
STATUS_LABELS = {SERVED: "sur place", IN_EPCI: "dans l'EPCI", ABSENT: "absent"}


@dataclass
class CommuneRelays:
    id: str
    name: str
    code: str = ""
    epci: str = ""
    small_firms: int = 0
    served: dict[str, str] = field(default_factory=dict)  # family -> commune | epci | absent
    missing: list[str] = field(default_factory=list)
    desert: bool = False
    lat: float | None = None
    lon: float | None = None


@dataclass
class RelayDesertsResult(Result):
    territoire: str = ""
    communes: list[CommuneRelays] = field(default_factory=list)
    deserts: int = 0
    total_deserts: int = 0
    message: str = ""


def relay_family(actor) -> str:
    """``comptabilite``, ``banque``, ``assurance``, ``juridique``, ``chambre`` or empty."""
    if CHAMBER_KINDS & set(actor.kinds):
        return "chambre"
    if "relais" not in actor.kinds:
        return ""
    if actor.attributes.get("relay"):
        return actor.attributes["relay"]
    name = slugify(actor.name)
    return next((family for family, words in NAME_FAMILIES if any(w in name for w in words)), "")


def _epci_of(graph: Graph, territory_id: str) -> str:
    current = graph.territories.get(territory_id)
    seen = set()
    while current is not None and current.parent and current.parent not in seen:
        seen.add(current.parent)
        current = graph.territories.get(current.parent)
        if current is not None and current.level == "epci":
            return current.id
    return ""


def relay_deserts(graph: Graph, territoire: str = "") -> RelayDesertsResult:
    """The relay deserts of the communes of ``territoire`` (see the module docstring)."""
    match = resolve_territory(graph, territoire) if territoire else None
    ids = descendants(graph, match.territory_ids) if match else graph.territories.keys()
    communes = sorted((graph.territories[t] for t in ids if t in graph.territories
                       and graph.territories[t].level == "commune"), key=lambda t: (t.name.casefold(), t.id))
    epci = {t.id: _epci_of(graph, t.id) for t in graph.territories.values() if t.level == "commune"}
    families: dict[str, set[str]] = {}  # territory id -> relay families located there
    small: dict[str, int] = {}
    for actor_id, places in locations(graph).items():
        actor = graph.actors[actor_id]
        family = relay_family(actor)
        is_small = FIRM_KINDS & set(actor.kinds) and slugify(actor.attributes.get("size", "")) in SMALL_SIZES
        for place in places:
            if family:
                families.setdefault(place, set()).add(family)
            if is_small:
                small[place] = small.get(place, 0) + 1
    by_epci: dict[str, set[str]] = {}
    for commune_id, epci_id in epci.items():
        if epci_id:
            by_epci.setdefault(epci_id, set(families.get(epci_id, ()))).update(families.get(commune_id, ()))
    result = RelayDesertsResult(territoire=match.label if match else "Tout le graphe")
    for commune in communes:
        here, around = families.get(commune.id, set()), by_epci.get(epci.get(commune.id, ""), set())
        row = CommuneRelays(commune.id, commune.name, commune.code,
                            graph.territories[epci[commune.id]].name if epci.get(commune.id) else "",
                            small.get(commune.id, 0), lat=commune.lat, lon=commune.lon)
        for family in FAMILIES:
            row.served[family] = SERVED if family in here else IN_EPCI if family in around else ABSENT
        row.missing = [f for f, status in row.served.items() if status == ABSENT]
        row.desert = bool(row.small_firms and row.missing)
        result.communes.append(row)
    result.deserts = sum(r.desert for r in result.communes)
    result.total_deserts = sum(r.desert and len(r.missing) == len(FAMILIES) for r in result.communes)
    if not communes:
        result.message = "aucune commune dans le périmètre : importez le COG ou les EPCI (maillage importer-reference)"
    elif not any(r.small_firms for r in result.communes):
        result.message = "aucune très petite entreprise (taille TPE) localisée dans les communes du périmètre"
    return result
