"""SIRENE: the active establishments of the scope's communes, as firms and relays.

Files: INSEE's stock files on data.gouv.fr (https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/):
``StockEtablissement_utf8.csv`` (``siret``, ``siren``, ``codeCommuneEtablissement``,
``etatAdministratifEtablissement``, ``trancheEffectifsEtablissement``,
``activitePrincipaleEtablissement``, ``statutDiffusionEtablissement``,
``denominationUsuelleEtablissement``, ``enseigne1Etablissement``…) and, optionally,
``StockUniteLegale_utf8.csv`` (``siren``, ``denominationUniteLegale``, ``nomUniteLegale``,
``prenom1UniteLegale``, ``categorieJuridiqueUniteLegale``, ``economieSocialeSolidaireUniteLegale``,
``trancheEffectifsUniteLegale``, ``statutDiffusionUniteLegale``…).

The national stock is read in one streaming pass (blocks of a few MiB, only the columns used):
memory is bounded by the establishments kept, not by the file. Kept: state ``A`` (active) and a
commune of the scope (``--territoire``; by default every commune the base knows).

Each establishment is an actor ``siret:<SIRET>`` ``LOCATED_IN`` its commune, with ``siren``,
``siret``, ``size`` (:data:`SIZE_BANDS`), ``sector`` (NAF section letter) and ``naf``:

- kind ``relais`` and attribute ``relay`` when its NAF code is a relay trade (:data:`RELAY_NAF`);
- else a kind from the legal category (:func:`legal_kind`): ``cooperative`` (SCOP and other
  cooperatives), ``scic`` (a cooperative whose name says SCIC: INSEE has no category of its own
  for them), ``association``, ``fondation``; else ``entreprise``;
- role ``ess`` when the legal unit's ESS flag is ``O``.

Names: the establishment's usual name or sign, else the legal unit's name. An establishment or
unit whose diffusion status is not ``O`` (restricted, « partiellement diffusible ») is never
named after a person: it is « Établissement <SIRET> » unless a legal person's name is known.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.model import Actor, Territory
from maillage.reference.officials import Officials, TerritoryFilter, territory_filter
from maillage.reference.sources import SourceBatch
from maillage.reference.streaming import Columns, Stream

ETABLISSEMENT = Columns(
    {"siret": ("siret",), "siren": ("siren",), "commune": ("codeCommuneEtablissement",),
     "etat": ("etatAdministratifEtablissement",)},
    {"tranche": ("trancheEffectifsEtablissement",), "naf": ("activitePrincipaleEtablissement",),
     "diffusion": ("statutDiffusionEtablissement",), "denomination": ("denominationUsuelleEtablissement",),
     "enseigne": ("enseigne1Etablissement",)})
UNITE_LEGALE = Columns(
    {"siren": ("siren",)},
    {"denomination": ("denominationUniteLegale",), "sigle": ("sigleUniteLegale",), "nom": ("nomUniteLegale",),
     "nom_usage": ("nomUsageUniteLegale",), "prenom": ("prenomUsuelUniteLegale", "prenom1UniteLegale"),
     "categorie": ("categorieJuridiqueUniteLegale",), "ess": ("economieSocialeSolidaireUniteLegale",),
     "tranche": ("trancheEffectifsUniteLegale",), "diffusion": ("statutDiffusionUniteLegale",)})

#: INSEE headcount bands (``tranche d'effectif salarié``) -> size band. TPE: fewer than 10 employees
#: (``NN`` no employee in the year, ``00`` none, ``01`` 1-2, ``02`` 3-5, ``03`` 6-9; an empty band is
#: unknown and read as no employee); PME: 10 to 249 (``11``-``31``); ETI: 250 to 4,999 (``32``-``51``);
#: GE: 5,000 and more (``52``, ``53``). The legal unit's band is used when the unit file is given,
#: else the establishment's.
SIZE_BANDS = {**dict.fromkeys(("", "NN", "00", "01", "02", "03"), "TPE"),
              **dict.fromkeys(("11", "12", "21", "22", "31"), "PME"),
              **dict.fromkeys(("32", "41", "42", "51"), "ETI"), **dict.fromkeys(("52", "53"), "GE")}

#: NAF codes of relay trades (NAF rév. 2, as SIRENE writes them) -> relay family.
RELAY_NAF = {"69.20Z": "comptabilite", "64.19Z": "banque", "64.11Z": "banque", "65.11Z": "assurance",
             "65.12Z": "assurance", "66.22Z": "assurance", "69.10Z": "juridique"}
RELAY_FAMILIES = {"comptabilite": "expertise comptable", "banque": "banque", "assurance": "assurance",
                  "juridique": "conseil juridique"}

#: NAF divisions (two first digits) of each section.
NAF_SECTIONS = {"A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
                "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
                "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
                "S": (94, 96), "T": (97, 98), "U": (99, 99)}

#: Legal categories (INSEE, level III) of SCOP and of the other cooperatives.
SCOP_CATEGORIES = frozenset({"5458", "5558", "5658"})
COOPERATIVE_CATEGORIES = frozenset({"5432", "5443", "5451", "5453", "5454", "5455", "5459", "5460", "5543", "5547",
                                    "5551", "5552", "5553", "5554", "5555", "5559", "5560", "5643", "5647", "5651",
                                    "5652", "5653", "5654", "5655", "5659", "5660", "6316", "6317", "6318", "6543",
                                    "6551", "6554", "6558", "6560"}) | SCOP_CATEGORIES


def naf_section(code: str) -> str:
    """The NAF section letter of a code such as ``69.20Z`` (empty when unreadable)."""
    digits = code[:2]
    if not digits.isdigit():
        return ""
    division = int(digits)
    return next((letter for letter, (low, high) in NAF_SECTIONS.items() if low <= division <= high), "")


def legal_kind(category: str, name: str) -> str:
    """The actor kind a legal category implies (see the module docstring)."""
    if category in COOPERATIVE_CATEGORIES:
        folded = name.lower()
        return "scic" if "scic" in folded or "intérêt collectif" in folded else "cooperative"
    if category.startswith("92"):
        return "association"
    if category == "9300":
        return "fondation"
    return "entreprise"


def scope_communes(officials: Officials, query: str) -> TerritoryFilter:
    """The filter of the establishments: ``--territoire``, else every commune the base knows."""
    if query:
        return territory_filter(query, officials)
    communes = frozenset(t.code for t in officials.graph.territories.values() if t.level == "commune" and t.code)
    if not communes:
        raise InputError("aucune commune dans la base : importez d'abord le COG ou donnez --territoire "
                         "(code d'un département, d'un EPCI ou d'une commune)")
    return TerritoryFilter("communes de la base", communes=communes)


def filter_establishments(stream: Stream, where: TerritoryFilter) -> tuple[pa.Table, list[int], int]:
    """The active establishments of the filter's communes (one streaming pass), their lines, rows read."""
    kept, lines, read = [], [], 0
    for record, numbers in stream.batches():
        read += record.num_rows
        mask = pc.equal(record.column("etat"), "A")
        scope = where.mask(record.column("commune"))
        mask = mask if scope is None else pc.and_(mask, scope)
        rows = pc.indices_nonzero(mask)
        if len(rows):
            kept.append(record.take(rows))
            lines.extend(numbers[i] for i in rows.to_pylist())
    schema = pa.schema([(n, pa.string()) for n in [*stream.columns.required, *stream.columns.optional]])
    return pa.Table.from_batches(kept, schema=schema), lines, read


def legal_units(path: Path | None, sirens: set[str], progress: bool) -> tuple[dict[str, dict], Stream | None]:
    """The legal units of these SIRENs from a ``StockUniteLegale`` file (one streaming pass)."""
    if path is None:
        return {}, None
    stream = Stream(path, path.name, UNITE_LEGALE, progress)
    wanted = pa.array(sorted(sirens), pa.string())
    units = {}
    for record, _lines in stream.batches():
        rows = pc.indices_nonzero(pc.is_in(record.column("siren"), value_set=wanted))
        for row in record.take(rows).to_pylist():
            units[row["siren"]] = row
    return units, stream


def _name(row: dict, unit: dict) -> str:
    """The establishment's name without ever naming a person whose diffusion is restricted."""
    public = row["diffusion"] in ("", "O") and unit.get("diffusion", "O") in ("", "O")
    own = row["denomination"] or row["enseigne"]
    legal = unit.get("denomination") or unit.get("sigle")
    person = " ".join(p for p in (unit.get("prenom", ""), unit.get("nom_usage") or unit.get("nom", "")) if p)
    if public:
        return own or legal or person.title() or f"Établissement {row['siret']}"
    is_person = unit.get("categorie", "1000").startswith("1")
    return (legal if legal and not is_person else "") or f"Établissement {row['siret']}"


def establishment(row: dict, unit: dict, commune_id: str) -> Actor:
    """The actor of one active establishment (see the module docstring)."""
    naf = row["naf"]
    name = _name(row, unit)
    relay = RELAY_NAF.get(naf, "")
    kind = "relais" if relay else legal_kind(unit.get("categorie", ""), name)
    band = unit.get("tranche", row["tranche"]) if unit else row["tranche"]
    attributes = {"siren": row["siren"], "siret": row["siret"], "size": SIZE_BANDS.get(band, "TPE"),
                  "sector": naf_section(naf), "naf": naf}
    if relay:
        attributes["relay"] = relay
    roles = ["ess"] if unit.get("ess") == "O" else []
    return Actor(f"siret:{row['siret']}", name, [kind], roles=roles, territories=[commune_id], attributes=attributes)


def read_sirene(path: Path, officials: Officials, query: str = "", units_path: Path | None = None,
                progress: bool = True) -> tuple[SourceBatch, str, TerritoryFilter]:
    """The source of a SIRENE establishment stock (and its legal units) filtered to the scope."""
    where = scope_communes(officials, query)
    stream = Stream(path, path.name, ETABLISSEMENT, progress)
    table, lines, read = filter_establishments(stream, where)
    units, unit_stream = legal_units(units_path, set(table.column("siren").to_pylist()), progress)
    batch = SourceBatch("sirene", path, where.key, read=read, errors=list(stream.errors))
    if unit_stream is not None:
        batch.errors += unit_stream.errors
    for row, line in zip(table.to_pylist(), lines):
        if len(row["siret"]) != 14 or not row["siret"].isdigit():
            batch.reject(line, f"SIRET illisible : {row['siret']!r}")
            continue
        commune_id = officials.territory_id("commune", row["commune"])
        actor = batch.actor(establishment(row, units.get(row["siren"], {}), commune_id))
        section = actor.attributes["sector"]
        batch.link(actor.id, "LOCATED_IN", commune_id,
                   f"SIRENE : établissement actif {row['siret']}, NAF {row['naf']}"
                   f"{f' (section {section})' if section else ''}", "territory")
        if officials.known("commune", row["commune"]) is None:
            batch.territory(Territory(commune_id, row["commune"], "commune", row["commune"]))
    digest = stream.sha256 + (unit_stream.sha256 if unit_stream else "")
    return batch, digest, where
