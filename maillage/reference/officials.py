"""Official territories and authorities, reconciled with what the base already holds; the territory filter.

**Ids.** An official territory is the base's territory of the same level and official code when
there is one (the demo's ``territoire:val-de-brenne`` carries EPCI code 200099011), otherwise
``<level>:<code>`` (``commune:29151``): commune names repeat across France, codes do not. The
authority of a territory is the ``collectivite`` actor that ``GOVERNS`` it, or a ``collectivite``
located in it under one of the authority's official names, otherwise ``collectivite:<level>:<code>``.

**Parents.** An official parent (a commune's département or EPCI) replaces the stored one unless the
stored chain already reaches it (a commune -> EPCI -> pays -> département chain is kept: official
files know no pays).

**Filter** (``--territoire``): a name or an official code at any level. It is looked up in the base
first (every territory below it counts: an EPCI's communes), then among the territories the files
of the command declare, then read from the shape of a code: 9 digits an EPCI, 5 characters a
commune, 2 or 3 characters a département.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.model import Graph, Territory, actor_id, slugify
from maillage.graph.scope import ancestors, descendants, locations, resolve_territory

#: How an official level's territories are named in French sentences.
LEVEL_NAMES = {"commune": "commune", "epci": "EPCI", "departement": "département", "region": "région"}

#: Article forms of the COG's ``TNCC`` (type de nom en clair): the preposition that precedes the name.
TNCC_PREPOSITIONS = {"0": "de ", "1": "d'", "2": "du ", "3": "de la ", "4": "des ", "5": "de l'", "6": "des ",
                     "7": "de las ", "8": "de los "}
#: Leading articles the ``NCCENR`` name carries for each ``TNCC`` (dropped after the preposition).
TNCC_ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}

#: Short forms of EPCI names in INSEE's tables and their spelled-out forms.
EPCI_PREFIXES = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération",
                 "CU": "Communauté urbaine", "Métropole": "Métropole"}


def with_preposition(name: str, tncc: str) -> str:
    """``de Brennecourt``, ``du Mans``, ``de la Rochelle``, ``d'Argençay``: a COG name after « de »."""
    article = TNCC_ARTICLES.get(tncc, "")
    bare = name[len(article):] if article and name.startswith(article) else name
    return TNCC_PREPOSITIONS.get(tncc, "de ") + bare


def tncc_of(name: str) -> str:
    """The ``TNCC`` a name's leading article implies, for files that give the name only."""
    for tncc, article in TNCC_ARTICLES.items():
        if name.startswith(article) and tncc in "2345":
            return tncc
    return "1" if name[:1].upper() in "AEIOUYÉÈÊÂÎÔ" else "0"


def commune_authority_names(name: str, tncc: str = "0") -> list[str]:
    """The official name of a commune's authority first, then the usual other names."""
    of = with_preposition(name, tncc)
    return [f"Commune {of}", f"Ville {of}", f"Mairie {of}"]


def epci_authority_names(label: str) -> list[str]:
    """An EPCI's spelled-out name first (« CC du X » -> « Communauté de communes du X »), then INSEE's label."""
    head, _, rest = label.partition(" ")
    full = f"{EPCI_PREFIXES[head]} {rest}" if head in EPCI_PREFIXES and rest else label
    return list(dict.fromkeys([full, label]))


@dataclass
class Officials:
    """The base's territories and authorities, to give official data the ids the base already uses."""

    graph: Graph
    declared: dict[tuple[str, str], Territory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_code = {(t.level, t.code): t for t in self.graph.territories.values() if t.code}
        self._where = locations(self.graph)
        self._governors: dict[str, list[str]] = {}
        for link in self.graph.links.values():
            if link.kind == "GOVERNS" and link.target_type == "territory" and link.source in self.graph.actors \
                    and "collectivite" in self.graph.actors[link.source].kinds:
                self._governors.setdefault(link.target, []).append(link.source)

    def territory_id(self, level: str, code: str) -> str:
        """The id of the official territory ``(level, code)``: the base's own, else ``level:code``."""
        known = self._by_code.get((level, code))
        return known.id if known else f"{level}:{code}"

    def known(self, level: str, code: str) -> Territory | None:
        return self._by_code.get((level, code))

    def parent(self, territory_id: str, official_parent: str) -> str:
        """The parent to state: the stored one when its chain already reaches the official parent."""
        stored = self.graph.territories.get(territory_id)
        if stored and stored.parent and (stored.parent == official_parent
                                         or official_parent in ancestors(self.graph, [stored.parent])):
            return stored.parent
        return official_parent

    def authority_id(self, territory_id: str, level: str, code: str, names: list[str]) -> str:
        """The authority of a territory: the base's collectivité governing it or located in it under one of
        ``names``, else ``collectivite:level:code``."""
        governors = self._governors.get(territory_id, [])
        if len(governors) == 1:
            return governors[0]
        wanted = {slugify(n) for n in names}
        for actor in self.graph.actors.values():
            if "collectivite" in actor.kinds and territory_id in self._where.get(actor.id, ()) \
                    and wanted & {slugify(actor.name), *(slugify(a) for a in actor.aliases)}:
                return actor.id
        return f"collectivite:{level}:{code}"

    def person_id(self, name: str) -> str:
        """The id of the one person of the base named ``name`` (name or alias, folded), else :func:`actor_id`."""
        if not hasattr(self, "_people"):
            self._people: dict[str, set[str]] = {}
            for actor in self.graph.actors.values():
                if "personne" in actor.kinds:
                    for label in (actor.name, *actor.aliases):
                        self._people.setdefault(slugify(label), set()).add(actor.id)
        found = self._people.get(slugify(name), set())
        return next(iter(found)) if len(found) == 1 else actor_id(name)

    def declare(self, territory: Territory) -> None:
        """A territory a file of this command states (so the filter can find it by name)."""
        self.declared[(territory.level, territory.code)] = territory


@dataclass(frozen=True)
class TerritoryFilter:
    """The part of a national file kept: one territory at some level, or its set of communes."""

    label: str
    level: str = ""
    code: str = ""
    communes: frozenset[str] | None = None
    departements: frozenset[str] = frozenset()  # the départements of ``communes``, when the base knows them

    @property
    def key(self) -> str:
        """What names this filter in a source's identity (the same file filtered otherwise is another source)."""
        return f"{self.level}:{self.code}" if self.level else ("communes:" + ",".join(sorted(self.communes))
                                                               if self.communes is not None else "")

    def mask(self, commune: pa.Array, by_level: dict[str, pa.Array] | None = None) -> pa.Array | None:
        """Which rows to keep, from their commune codes and the codes of other levels they state; None: all.

        The filter's own level is used when the rows state it (a COG row its département), a département
        by the prefix of the commune code (communes the base does not know yet are kept), else the
        communes the base knows in the territory."""
        by_level = by_level or {}
        if self.level in by_level:
            return pc.equal(by_level[self.level], self.code)
        if self.level == "departement":
            return pc.starts_with(commune, self.code)
        if self.level == "commune":
            return pc.equal(commune, self.code)
        if self.communes is not None:
            return pc.is_in(commune, value_set=pa.array(sorted(self.communes), pa.string()))
        if not self.level:
            return None
        raise InputError(f"filtrer sur {LEVEL_NAMES.get(self.level, self.level)} {self.code} demande de connaître "
                         "ses communes : importez d'abord le COG et les EPCI")


NO_FILTER = TerritoryFilter(label="France entière")
_EPCI_CODE = re.compile(r"^\d{9}$")
_COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
_DEPARTEMENT_CODE = re.compile(r"^(\d{2,3}|2[AB])$")


def territory_filter(query: str, officials: Officials) -> TerritoryFilter:
    """The filter ``--territoire QUERY`` names (see the module docstring); empty query: no filter."""
    query = (query or "").strip()
    if not query:
        return NO_FILTER
    graph = officials.graph
    try:
        match = resolve_territory(graph, query)
    except InputError:
        match = None
    if match is not None:
        inside = [graph.territories[t] for t in descendants(graph, match.territory_ids) if t in graph.territories]
        communes = frozenset(t.code for t in inside if t.level == "commune" and t.code)
        top = [t for t in inside if t.id in match.territory_ids and t.code and t.level in LEVEL_NAMES
               and ancestors(graph, [t.id]).isdisjoint(match.territory_ids)]
        above = ancestors(graph, [t.id for t in inside if t.level == "commune"])
        departements = frozenset(graph.territories[t].code for t in above
                                 if t in graph.territories and graph.territories[t].level == "departement")
        if communes or top:
            level, code = (top[0].level, top[0].code) if top else ("", "")
            return TerritoryFilter(match.label, level, code, communes or None, departements)
    key = slugify(query)
    for (level, code), territory in officials.declared.items():
        if key in (slugify(code), slugify(territory.name)):
            return TerritoryFilter(territory.name, level, code)
    for pattern, level in ((_EPCI_CODE, "epci"), (_COMMUNE_CODE, "commune"), (_DEPARTEMENT_CODE, "departement")):
        if pattern.match(query.upper()):
            return TerritoryFilter(f"{LEVEL_NAMES[level]} {query.upper()}", level, query.upper())
    raise InputError(f"territoire inconnu : « {query} » ; donnez un code officiel (commune, EPCI, département) "
                     "ou importez d'abord le COG pour filtrer par nom")
