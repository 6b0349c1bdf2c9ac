"""Scale benchmark: every command end to end on synthetic bases of growing size (issue 12).

    python bench/bench_scale.py --actors 20000 100000 [--work DIR]

For each size N (5 N links, ``bench/gen_synthetic.py``, N / 20,000 communes at least 40, so that one
commune holds about 20,000 actors at a million), in fresh processes (Python start-up, imports, opening
the base and writing the JSON included):

- ``copy``: LadybugDB's own ``COPY`` of the same CSV rows into tables shaped like the files
  (``bench/bench_import.py``'s script; the ten service codes are added as actor rows so that every
  link has its ends);
- ``import``: ``maillage import actors.csv links.csv --territoires territories.csv``;
- ``stats``, twice (the import wrote the folded snapshot: both read it);
- each analysis on the whole département, ``--format json``: coverage, shadow-cci, relays, peers,
  network, compare (the two intercommunalities);
- ``coverage`` and ``network`` scoped to one commune (``Commune 001``): the cost of a scoped read (from
  the store at a million actors, see ``bench/bench_store_scope.py`` for every analysis).

Prints one Markdown row per step: wall-clock seconds, CPU seconds (user + system), peak memory
(resident, MiB) and the load average when the step started (2 shared cores: wall-clock times grow
with the load, CPU times much less).
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import RAW  # noqa: E402
from gen_synthetic import OTHER_TERRITORY, TERRITORY, start_points, synthesise, write_csv  # noqa: E402

from maillage.graph.taxonomy import SERVICES  # noqa: E402

DEPARTEMENT = "Département Synthétique"
COMMUNE = "Commune 001"


def run_step(args: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, float]:
    """Run one process; its wall-clock seconds, CPU seconds (user + system) and peak resident MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=stdout, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"étape en échec : {' '.join(args)} : {process.stderr.read().decode()[-1500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def maillage(*args: str) -> list[str]:
    return [sys.executable, "-c", "from maillage.cli import main; main()", *args]


def prepare(folder: Path, actors: int) -> tuple[str, str]:
    """Write the CSV files of one size; return an elected person and an agency to start from."""
    data = synthesise(actors, 5 * actors, communes=max(40, actors // 20_000))
    write_csv(data, folder)
    with open(folder / "actors-raw.csv", "w", newline="", encoding="utf-8") as out:
        out.write((folder / "actors.csv").read_text(encoding="utf-8"))
        csv.writer(out).writerows([code, code, "", "service", "", "", "", "", "", "", ""] for code in SERVICES)
    return start_points(data)


def measure(folder: Path, actors: int) -> list[tuple[str, tuple[float, float, float], float]]:
    elu, agency = prepare(folder, actors)
    db, out = str(folder / "base"), folder / "sortie.json"
    steps: list[tuple[str, list[str]]] = [
        ("copy (LadybugDB seul)", [sys.executable, "-c", RAW, str(folder / "raw.lbug"),
                                   str(folder / "actors-raw.csv"), str(folder / "links.csv")]),
        ("import", maillage("import", str(folder / "actors.csv"), str(folder / "links.csv"),
                            "--territoires", str(folder / "territories.csv"), "--db", db)),
        ("stats (première lecture)", maillage("stats", "--json", "--db", db)),
        ("stats", maillage("stats", "--json", "--db", db)),
    ]
    whole = ["--territoire", DEPARTEMENT, "--format", "json", "--db", db]
    steps += [(name, maillage(name, *extra, *whole)) for name, extra in (
        ("coverage", []), ("shadow-cci", []), ("relays", ["--depuis", agency]), ("peers", ["--elu", elu]),
        ("network", []))]
    steps.append(("compare", maillage("compare", "--territoire", TERRITORY, "--territoire", OTHER_TERRITORY,
                                      "--format", "json", "--db", db)))
    scoped = ["--territoire", COMMUNE, "--format", "json", "--db", db]
    steps += [(f"{name} --territoire « {COMMUNE} »", maillage(name, *scoped)) for name in ("coverage", "network")]
    rows = []
    for name, args in steps:
        load = os.getloadavg()[0]
        with open(out, "wb") as sink:
            rows.append((name, run_step(args, sink), load))
        print(f"{actors} {name}: {rows[-1][1][0]:.2f} s", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--work", type=Path, default=None, help="dossier de travail (défaut : temporaire)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="maillage-scale-"))
    print("| acteurs / liens | étape | horloge (s) | CPU (s) | mémoire max (Mio) | charge |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for actors in args.actors:
        folder = work / f"{actors}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, (wall, cpu, peak), load in measure(folder, actors):
            print(f"| {actors:,} / {5 * actors:,} | {name} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {load:.1f} |",
                  flush=True)


if __name__ == "__main__":
    main()
