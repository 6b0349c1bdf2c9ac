"""Benchmark: filtering a national SIRENE establishment stock to one département in one streaming pass.

Writes a synthetic ``StockEtablissement`` of N rows (default 2,000,000) in the official format (all
its columns, realistic values, communes spread over 100 départements, a quarter closed), then runs
:func:`maillage.reference.sirene.filter_establishments` on it for département 35 in a fresh process
and reports the rows read per second and the peak memory of that process (``ru_maxrss``); then the
whole import (``importer-reference sirene --territoire 35``: filter, actors, links, write into a new
LadybugDB base) in another fresh process.

Usage: ``python bench/bench_reference.py [ROWS] [--keep FILE]``; figures go to bench/results-reference.md.
"""
from __future__ import annotations

import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_demo_reference import ETABLISSEMENT_COLUMNS  # noqa: E402

NAFS = ["69.20Z", "64.19Z", "43.22A", "47.11C", "56.10A", "62.02A", "10.71C", "96.02A", "01.11Z", "45.20A"]
BANDS = ["NN", "00", "01", "02", "03", "11", "12", "21", ""]


def write_stock(path: Path, rows: int, seed: int = 1) -> None:
    """A synthetic stock in the official format."""
    rng = random.Random(seed)
    template = dict.fromkeys(ETABLISSEMENT_COLUMNS, "")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ETABLISSEMENT_COLUMNS)
        index = {name: i for i, name in enumerate(ETABLISSEMENT_COLUMNS)}
        base = list(template.values())
        for n in range(rows):
            row = base.copy()
            siren = f"{100000000 + n * 3:09d}"
            dep = rng.randint(1, 95)
            commune = f"{dep:02d}{rng.randint(1, 600):03d}"
            row[index["siren"]], row[index["nic"]], row[index["siret"]] = siren, "00015", siren + "00015"
            row[index["statutDiffusionEtablissement"]] = "O" if rng.random() > 0.05 else "P"
            row[index["dateCreationEtablissement"]] = "2012-06-01"
            row[index["trancheEffectifsEtablissement"]] = rng.choice(BANDS)
            row[index["etablissementSiege"]] = "true"
            row[index["numeroVoieEtablissement"]] = str(rng.randint(1, 200))
            row[index["typeVoieEtablissement"]] = "RUE"
            row[index["libelleVoieEtablissement"]] = "DE LA REPUBLIQUE"
            row[index["codePostalEtablissement"]] = f"{dep:02d}000"
            row[index["libelleCommuneEtablissement"]] = "COMMUNE SYNTHETIQUE"
            row[index["codeCommuneEtablissement"]] = commune
            row[index["dateDebut"]] = "2012-06-01"
            row[index["etatAdministratifEtablissement"]] = "A" if rng.random() > 0.25 else "F"
            row[index["denominationUsuelleEtablissement"]] = f"ETABLISSEMENT {n}"
            row[index["activitePrincipaleEtablissement"]] = rng.choice(NAFS)
            row[index["nomenclatureActivitePrincipaleEtablissement"]] = "NAFRev2"
            row[index["caractereEmployeurEtablissement"]] = "N"
            writer.writerow(row)


def measure(path: str) -> None:
    """In this (fresh) process: one filtering pass; print rows, kept, seconds, peak MiB."""
    from maillage.reference.officials import TerritoryFilter
    from maillage.reference.sirene import ETABLISSEMENT, filter_establishments
    from maillage.reference.streaming import Stream

    start = time.perf_counter()
    table, _lines, read = filter_establishments(Stream(Path(path), "stock", ETABLISSEMENT, progress=False),
                                                TerritoryFilter("35", "departement", "35"))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(read, table.num_rows, f"{seconds:.2f}", f"{peak:.0f}")


def measure_import(path: str) -> None:
    """In this (fresh) process: the whole ``importer-reference sirene --territoire 35`` into a new base."""
    from maillage.cli.reference import import_reference
    from maillage.graph.stores import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store("ladybug", str(Path(folder) / "base.lbug"))
        start = time.perf_counter()
        (batch, _status), = import_reference(store, "sirene", [Path(path)], "35", progress=False)
        seconds = time.perf_counter() - start
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(batch.read, len(batch.actors), f"{seconds:.2f}", f"{peak:.0f}")


def _child(flag: str, path: Path) -> list[str]:
    return subprocess.run([sys.executable, __file__, flag, str(path)], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(ROOT)}).stdout.split()


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] in ("--measure", "--import"):
        (measure if sys.argv[1] == "--measure" else measure_import)(sys.argv[2])
        return
    rows = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 2_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "StockEtablissement_utf8.csv"
        start = time.perf_counter()
        write_stock(path, rows)
        print(f"stock écrit : {rows} lignes, {path.stat().st_size / 2**20:.0f} Mio, "
              f"{time.perf_counter() - start:.0f} s")
        read, kept, seconds, peak = _child("--measure", path)
        print(f"filtre : lu {read} lignes, gardé {kept} (département 35, actifs) en {seconds} s : "
              f"{int(read) / float(seconds):,.0f} lignes/s ; mémoire maximale {peak} Mio")
        read, actors, seconds, peak = _child("--import", path)
        print(f"import complet (filtre, acteurs, liens, écriture dans une base neuve) : {actors} établissements "
              f"en {seconds} s ; mémoire maximale {peak} Mio")


if __name__ == "__main__":
    main()
