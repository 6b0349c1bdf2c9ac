"""INSEE Code officiel géographique: régions, départements and communes as official territories.

Files (published yearly by INSEE, https://www.insee.fr/fr/information/2560452, UTF-8, comma):

- ``v_region_AAAA.csv``: ``REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE``;
- ``v_departement_AAAA.csv``: ``DEP,REG,CHEFLIEU,TNCC,NCC,NCCENR,LIBELLE``;
- ``v_commune_AAAA.csv``: ``TYPECOM,COM,REG,DEP,CTCD,ARR,TNCC,NCC,NCCENR,LIBELLE,CAN,COMPARENT``
  (only ``TYPECOM = COM`` rows are communes; associated and delegated communes and municipal
  arrondissements are skipped).

Each territory gets its official code and level and a parent (commune -> département -> région,
see :mod:`~maillage.reference.officials` for kept finer parents), and its authority is a
``collectivite`` actor that ``GOVERNS`` it, named officially (« Commune de X », « Département de
la Y », « Région Z ») with the usual other names as aliases.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.model import Actor, Territory
from maillage.reference.officials import (Officials, TerritoryFilter, commune_authority_names, territory_filter,
                                          with_preposition)
from maillage.reference.sources import SourceBatch
from maillage.reference.streaming import Columns, Stream, sniff

REGION = Columns({"REG": ("REG",), "LIBELLE": ("LIBELLE",)}, {"TNCC": ("TNCC",)})
DEPARTEMENT = Columns({"DEP": ("DEP",), "REG": ("REG",), "LIBELLE": ("LIBELLE",)}, {"TNCC": ("TNCC",)})
COMMUNE = Columns({"TYPECOM": ("TYPECOM",), "COM": ("COM",), "DEP": ("DEP",), "REG": ("REG",),
                   "LIBELLE": ("LIBELLE",)}, {"TNCC": ("TNCC",)})


def departement_of(commune: str) -> str:
    """The département code a commune code starts with (three characters overseas: 971..., 976...)."""
    return commune[:3] if commune.startswith("97") else commune[:2]


def add_official(batch: SourceBatch, officials: Officials, level: str, code: str, name: str, parent: str,
                 authority_names: list[str], sentence: str) -> tuple[str, str]:
    """An official territory and its authority (GOVERNS it, located in it); returns both ids."""
    territory_id = officials.territory_id(level, code)
    known = officials.known(level, code)
    own_name = known.name if known and territory_id != f"{level}:{code}" else name  # the base's own naming is kept
    batch.territory(Territory(territory_id, own_name, level, code,
                              officials.parent(territory_id, parent) if parent else ""))
    authority = officials.authority_id(territory_id, level, code, authority_names)
    official = authority_names[0]
    stored = officials.graph.actors.get(authority)
    batch.actor(Actor(authority, stored.name if stored else official, ["collectivite"],
                      aliases=[n for n in authority_names if n != (stored.name if stored else official)],
                      territories=[territory_id]))
    batch.link(authority, "GOVERNS", territory_id, sentence, "territory")
    batch.link(authority, "LOCATED_IN", territory_id, sentence, "territory")
    return territory_id, authority


def _rows(stream: Stream):
    for record, lines in stream.batches():
        yield from zip(record.to_pylist(), lines)


def read_cog(paths: list[Path], officials: Officials, query: str = "", progress: bool = True
             ) -> tuple[list[tuple[SourceBatch, Stream]], TerritoryFilter]:
    """The sources of COG files (régions, départements, communes, in this order) filtered to ``query``."""
    kinds = {_kind(p): p for p in paths}
    streams = {kind: Stream(path, path.name, columns, progress)
               for kind, columns in (("region", REGION), ("departement", DEPARTEMENT)) if (path := kinds.get(kind))}
    small = {kind: list(_rows(stream)) for kind, stream in streams.items()}
    for kind, code in (("region", "REG"), ("departement", "DEP")):
        for row, _line in small.get(kind, []):
            officials.declare(Territory("", row["LIBELLE"], kind, row[code]))
    where = territory_filter(query, officials)
    out = []
    kept_departements: set[str] | None = None
    if "commune" in kinds:
        batch, stream, kept_departements = _communes(kinds["commune"], officials, where, progress)
        out.append((batch, stream))
    if "departement" in kinds:
        out.insert(0, _departements(streams["departement"], small["departement"], officials, where,
                                    kept_departements))
    if "region" in kinds:
        unfiltered = kept_departements is None and not where.level and where.communes is None
        regions = None if unfiltered else {
            row["REG"] for row, _ in small.get("departement", []) if _departement_kept(row, where, kept_departements)}
        out.insert(0, _regions(streams["region"], small["region"], officials, where, regions))
    return out, where


def _kind(path: Path) -> str:
    header = {h.upper() for h in sniff(path)[0]}
    if "TYPECOM" in header:
        return "commune"
    if "DEP" in header and "REG" in header:
        return "departement"
    if "REG" in header and "LIBELLE" in header:
        return "region"
    raise InputError(f"{path.name} : ni v_region, ni v_departement, ni v_commune du COG "
                     "(colonnes attendues : REG, DEP, COM, TYPECOM, LIBELLE)")


def _departement_kept(row: dict, where: TerritoryFilter, kept: set[str] | None) -> bool:
    if kept is not None:
        return row["DEP"] in kept
    if where.communes is not None:
        return row["DEP"] in (where.departements or {departement_of(c) for c in where.communes})
    return not where.level or (where.level, where.code) in (("departement", row["DEP"]), ("region", row["REG"]))


def _regions(stream, rows, officials, where, kept: set[str] | None) -> tuple[SourceBatch, Stream]:
    batch = SourceBatch("cog-region", stream.path, where.key, read=len(rows), errors=list(stream.errors))
    for row, line in rows:
        if kept is not None and row["REG"] not in kept and (where.level, where.code) != ("region", row["REG"]):
            continue
        add_official(batch, officials, "region", row["REG"], row["LIBELLE"], "",
                     [f"Région {row['LIBELLE']}", f"Conseil régional {with_preposition(row['LIBELLE'], row['TNCC'])}"],
                     f"COG : région {row['REG']} {row['LIBELLE']}")
    return batch, stream


def _departements(stream, rows, officials, where, kept) -> tuple[SourceBatch, Stream]:
    batch = SourceBatch("cog-departement", stream.path, where.key, read=len(rows), errors=list(stream.errors))
    for row, line in rows:
        if not _departement_kept(row, where, kept):
            continue
        of = with_preposition(row["LIBELLE"], row["TNCC"])
        add_official(batch, officials, "departement", row["DEP"], row["LIBELLE"],
                     officials.territory_id("region", row["REG"]),
                     [f"Département {of}", f"Conseil départemental {of}"],
                     f"COG : département {row['DEP']} {row['LIBELLE']}, région {row['REG']}")
    return batch, stream


def _communes(path, officials, where, progress) -> tuple[SourceBatch, Stream, set[str]]:
    stream = Stream(path, path.name, COMMUNE, progress)
    batch = SourceBatch("cog-commune", path, where.key)
    departements: set[str] = set()
    for record, lines in stream.batches():
        batch.read += record.num_rows
        mask = where.mask(record.column("COM"), {"departement": record.column("DEP"),
                                                 "region": record.column("REG"), "commune": record.column("COM")})
        keep = pc.equal(record.column("TYPECOM"), "COM")
        keep = keep if mask is None else pc.and_(keep, mask)
        for i in pc.indices_nonzero(keep).to_pylist():
            row = {name: record.column(name)[i].as_py() for name in record.schema.names}
            if not row["COM"] or not row["LIBELLE"] or not row["DEP"]:
                batch.reject(lines[i], "code, nom ou département de la commune vide")
                continue
            departements.add(row["DEP"])
            add_official(batch, officials, "commune", row["COM"], row["LIBELLE"],
                         officials.territory_id("departement", row["DEP"]),
                         commune_authority_names(row["LIBELLE"], row["TNCC"]),
                         f"COG : commune {row['COM']} {row['LIBELLE']}, département {row['DEP']}")
    batch.errors += stream.errors
    return batch, stream, departements
