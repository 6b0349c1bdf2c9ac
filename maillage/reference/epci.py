"""INSEE "Intercommunalité – Métropole": the EPCI with their own tax status and their communes.

Published yearly by INSEE (https://www.insee.fr/fr/information/2510634) as a workbook
``Intercommunalite_Metropole_au_01-01-AAAA.xlsx`` whose sheets ``EPCI``
(``EPCI,LIBEPCI,NATURE_EPCI,NB_COM``) and ``Composition_communale``
(``CODGEO,LIBGEO,EPCI,LIBEPCI,DEP,REG``) start after a few title lines; either sheet saved as
CSV is read too. Each EPCI becomes an ``epci`` territory (code: its SIREN) whose authority, named
in full (« CC du X » -> « Communauté de communes du X »), ``GOVERNS`` it; each commune of the
composition gets the EPCI as parent, and its authority is ``MEMBER_OF`` the EPCI's (a commune is a
member of its intercommunality: the channel by which officials of small communes are reached). Communes outside any EPCI (``ZZZZZZZZZ``) are skipped.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.model import Territory
from maillage.reference.cog import add_official
from maillage.reference.officials import (Officials, TerritoryFilter, commune_authority_names, epci_authority_names,
                                          territory_filter, tncc_of)
from maillage.reference.sources import SourceBatch
from maillage.reference.streaming import Columns, Stream, file_sha256, sheet_table, sniff, xlsx_sheets

EPCI_TABLE = Columns({"EPCI": ("EPCI",), "LIBEPCI": ("LIBEPCI",), "NATURE_EPCI": ("NATURE_EPCI",)},
                     {"NB_COM": ("NB_COM",)})
COMPOSITION = Columns({"CODGEO": ("CODGEO",), "LIBGEO": ("LIBGEO",), "EPCI": ("EPCI",), "LIBEPCI": ("LIBEPCI",),
                       "DEP": ("DEP",)}, {"REG": ("REG",)})
NO_EPCI = "ZZZZZZZZZ"
#: Natures of EPCI (``NATURE_EPCI``).
NATURES = {"CC": "communauté de communes", "CA": "communauté d'agglomération", "CU": "communauté urbaine",
           "METRO": "métropole", "ME": "Métropole de Lyon"}


def _tables(path: Path, progress: bool) -> tuple[tuple | None, tuple | None, str]:
    """The EPCI table and the composition table of a workbook or a CSV (either may be absent), and the hash."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.is_file():
            raise InputError(f"fichier introuvable : {path}")
        sheets = xlsx_sheets(path).values()
        found = [next((t for rows in sheets if (t := sheet_table(rows, columns, path))), None)
                 for columns in (COMPOSITION, EPCI_TABLE)]
        composition, epcis = found
        digest = file_sha256(path)
    else:
        header = {h.upper() for h in sniff(path)[0]}
        columns = COMPOSITION if "CODGEO" in header else EPCI_TABLE
        stream = Stream(path, path.name, columns, progress)
        parts = list(stream.batches())
        records = [record for record, _lines in parts if record.num_rows]
        table = (pa.concat_batches(records), [n for _record, lines in parts for n in lines]) if records else None
        composition, epcis = (table, None) if columns is COMPOSITION else (None, table)
        digest = stream.sha256
    if composition is None and epcis is None:
        raise InputError(f"{path.name} : ni feuille EPCI (EPCI, LIBEPCI, NATURE_EPCI) ni composition communale "
                         "(CODGEO, LIBGEO, EPCI, LIBEPCI, DEP)")
    return epcis, composition, digest


def read_epci(path: Path, officials: Officials, query: str = "", progress: bool = True
              ) -> tuple[SourceBatch, str, TerritoryFilter]:
    """The source of one EPCI file filtered to ``query``; returns it, the file's hash and the filter."""
    epcis, composition, digest = _tables(path, progress)
    for table in (epcis, composition):
        if table:
            for row in table[0].to_pylist():
                officials.declare(Territory("", row["LIBEPCI"], "epci", row["EPCI"]))
    where = territory_filter(query, officials)
    batch = SourceBatch("epci", path, where.key)
    members: dict[str, list[dict]] = {}
    if composition:
        record, lines = composition
        batch.read += record.num_rows
        mask = where.mask(record.column("CODGEO"), {"epci": record.column("EPCI"), "departement": record.column("DEP"),
                                                    "region": record.column("REG"), "commune": record.column("CODGEO")})
        rows = record.to_pylist()
        for i in (range(record.num_rows) if mask is None else pc.indices_nonzero(mask).to_pylist()):
            row = rows[i]
            if row["EPCI"] == NO_EPCI:
                continue
            if not row["CODGEO"] or not row["EPCI"] or not row["LIBGEO"]:
                batch.reject(lines[i], "code ou nom de commune, ou code d'EPCI vide")
                continue
            members.setdefault(row["EPCI"], []).append(row)
    labels = {row["EPCI"]: row["LIBEPCI"] for rows in members.values() for row in rows}
    natures: dict[str, str] = {}
    if epcis:
        record, lines = epcis
        batch.read += record.num_rows
        for row, line in zip(record.to_pylist(), lines):
            if row["EPCI"] == NO_EPCI or (composition and row["EPCI"] not in members) or (
                    not composition and where.level and (where.level, where.code) != ("epci", row["EPCI"])):
                continue
            if not row["EPCI"] or not row["LIBEPCI"]:
                batch.reject(line, "code ou nom d'EPCI vide")
                continue
            labels[row["EPCI"]], natures[row["EPCI"]] = row["LIBEPCI"], row["NATURE_EPCI"]
    for code, label in labels.items():
        departement = Counter(r["DEP"] for r in members.get(code, [])).most_common(1)
        parent = officials.territory_id("departement", departement[0][0]) if departement else ""
        nature = NATURES.get(natures.get(code, ""), "")
        epci_id, epci_authority = add_official(batch, officials, "epci", code, label, parent, epci_authority_names(label),
                               f"INSEE Intercommunalités : EPCI {code} {label}{f' ({nature})' if nature else ''}")
        for row in members.get(code, []):
            sentence = f"INSEE Intercommunalités : commune {row['CODGEO']} {row['LIBGEO']}, membre de {label}"
            _commune, authority = add_official(batch, officials, "commune", row["CODGEO"], row["LIBGEO"], epci_id,
                                               commune_authority_names(row["LIBGEO"], tncc_of(row["LIBGEO"])),
                                               sentence)
            batch.link(authority, "MEMBER_OF", epci_authority, sentence)
    return batch, digest, where
