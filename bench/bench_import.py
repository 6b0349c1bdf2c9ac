"""Import benchmark: ``maillage import`` against LadybugDB's own raw ``COPY`` of the same rows.

Generates a synthetic CSV pair (default 200,000 actors, 1,000,000 links), then measures,
each in a fresh database file and a fresh process:

- raw: a script that runs ``COPY Actor FROM 'actors.csv'`` and ``COPY Link FROM 'links.csv'``
  into tables shaped like the files (LadybugDB parses the CSV itself);
- import: ``maillage import actors.csv links.csv --db ...`` (parsing, validation,
  deduplication, territories, the per-document layout and the store's safety included);
- re-import: the same command again on the filled store (must change nothing).

Each step is timed as the wall-clock time of its whole process, Python start-up included.

Usage: ``python bench/bench_import.py [--actors N] [--links M] [--runs R] [--out DIR]``;
prints a Markdown table (medians over the runs) to paste into bench/results-import.md.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ["entreprise", "relais", "association", "collectivite", "cluster", "cooperative", "reseau_entreprises"]
LINK_KINDS = ["MEMBER_OF", "PARTNER_OF", "FUNDS", "SUPPORTS", "REFERS_TO", "PARTICIPATES_IN"]
PLACES = [f"Commune {i}" for i in range(300)] + [f"Communauté de communes {i}" for i in range(30)]


def generate(directory: Path, actors: int, links: int, seed: int = 7) -> tuple[Path, Path]:
    """Write a synthetic actors.csv / links.csv pair following the import contract."""
    rng = random.Random(seed)
    actors_path, links_path = directory / "actors.csv", directory / "links.csv"
    with actors_path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "name", "aliases", "kinds", "roles", "territory", "siren", "size", "sector",
                      "website", "stance"])
        for i in range(actors):
            out.writerow([f"a{i:07d}", f"Société Élan {i}", f"SE{i}" if i % 3 == 0 else "",
                          "|".join(rng.sample(KINDS, rng.randint(1, 2))), "ess" if i % 5 == 0 else "",
                          rng.choice(PLACES), f"{rng.randrange(10**8, 10**9)}", rng.choice(["TPE", "PME", ""]),
                          "62.01Z", "", ""])
    with links_path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["source", "target", "kind", "confidence", "note"])
        for _ in range(links):
            out.writerow([f"a{rng.randrange(actors):07d}", f"a{rng.randrange(actors):07d}", rng.choice(LINK_KINDS),
                          rng.choice(["1", "0.8", "0.6"]), rng.choice(["", "annuaire 2024", "convention signée"])])
    return actors_path, links_path


RAW = """
import sys, ladybug
db_path, actors, links = sys.argv[1:4]
db = ladybug.Database(db_path)
conn = ladybug.Connection(db)
conn.execute("CREATE NODE TABLE Actor(id STRING PRIMARY KEY, name STRING, aliases STRING, kinds STRING, "
             "roles STRING, territory STRING, siren STRING, size STRING, sector STRING, website STRING, stance STRING)")
conn.execute("CREATE REL TABLE Link(FROM Actor TO Actor, kind STRING, confidence DOUBLE, note STRING)")
conn.execute(f"COPY Actor FROM '{actors}' (header=true)")
conn.execute(f"COPY Link FROM '{links}' (header=true)")
conn.close()
db.close()
"""

#: ``maillage import ACTORS LINKS --db PATH``, as a user runs it.
IMPORT = "import sys; from maillage.cli import main; main(['import', *sys.argv[1:]])"
#: The same, with every batch written in one explicit transaction (for comparison).
IMPORT_ONE_TRANSACTION = ("from maillage.graph.stores.cypher import CypherStore; CypherStore.bulk_rows = 10**12; "
                          + IMPORT)


def timed(script: str, *args: str) -> tuple[float, float, str]:
    """One step in a fresh Python process (start-up included): its wall-clock seconds, its CPU
    seconds (user + system, all threads: less sensitive to other processes on a shared machine)
    and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"étape en échec : {done.stderr.strip()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=200_000)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="dossier de travail (défaut : temporaire)")
    parser.add_argument("--one-transaction", action="store_true",
                        help="écrire l'import en une seule transaction explicite (comparaison)")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    actors, links = generate(work, args.actors, args.links)
    script = IMPORT_ONE_TRANSACTION if args.one_transaction else IMPORT
    rows: dict[str, list[float]] = {k: [] for k in ("raw", "import", "again", "raw_cpu", "import_cpu", "ratio",
                                                     "cpu_ratio")}
    for i in range(args.runs):
        raw_db, import_db = work / f"raw-{i}.lbug", work / f"import-{i}.lbug"
        for stale in [*work.glob(f"{raw_db.name}*"), *work.glob(f"{import_db.name}*")]:
            stale.unlink()
        wall, cpu, _ = timed(RAW, str(raw_db), str(actors), str(links))
        rows["raw"].append(wall)
        rows["raw_cpu"].append(cpu)
        wall, cpu, output = timed(script, str(actors), str(links), "--db", str(import_db))
        assert "Importé" in output, output
        rows["import"].append(wall)
        rows["import_cpu"].append(cpu)
        wall, _, output = timed(script, str(actors), str(links), "--db", str(import_db))
        assert "déjà présent" in output, output
        rows["again"].append(wall)
        rows["ratio"].append(rows["import"][-1] / rows["raw"][-1])
        rows["cpu_ratio"].append(rows["import_cpu"][-1] / rows["raw_cpu"][-1])
        print(f"run {i + 1}: raw {rows['raw'][-1]:.2f}s (cpu {rows['raw_cpu'][-1]:.2f}s), "
              f"import {rows['import'][-1]:.2f}s (cpu {rows['import_cpu'][-1]:.2f}s), "
              f"ratio {rows['ratio'][-1]:.2f} (cpu {rows['cpu_ratio'][-1]:.2f}), re-import {wall:.2f}s",
              file=sys.stderr)
    med = {k: statistics.median(v) for k, v in rows.items()}
    print("| rows | raw COPY wall (s) | maillage import wall (s) | wall ratio | raw CPU (s) | import CPU (s) "
          "| CPU ratio | re-import wall (s) |\n|---|---|---|---|---|---|---|---|\n"
          f"| {args.actors:,} actors / {args.links:,} links | {med['raw']:.2f} | {med['import']:.2f} "
          f"| {med['ratio']:.2f} | {med['raw_cpu']:.2f} | {med['import_cpu']:.2f} | {med['cpu_ratio']:.2f} "
          f"| {med['again']:.2f} |")
    print(f"\n{args.runs} runs, medians (ratios: median of the per-run ratios: "
          f"{', '.join(f'{x:.2f}' for x in rows['ratio'])}), {os.cpu_count()} CPUs, files in {work}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
