"""Import benchmark: ``maillage import`` against LadybugDB's own raw ``COPY`` of the same rows.

Generates a synthetic CSV pair (default 200,000 actors, 1,000,000 links), then measures,
each in a fresh database file and a fresh process:

- raw: ``COPY Actor FROM 'actors.csv'`` and ``COPY Link FROM 'links.csv'`` into tables
  shaped like the files (LadybugDB parses the CSV itself), plus closing the database;
- import: ``read_import`` + ``LadybugStore.write`` + ``close`` (parsing, validation,
  deduplication, the per-document layout and the single transaction included);
- re-import: the same files again into the filled store (must change nothing).

Usage: ``python bench/bench_import.py [--actors N] [--links M] [--runs R] [--out DIR]``;
prints a Markdown table (medians over the runs) to paste into bench/results-import.md.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
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
import json, sys, time, ladybug
db_path, actors, links = sys.argv[1:4]
start = time.perf_counter()
db = ladybug.Database(db_path)
conn = ladybug.Connection(db)
conn.execute("CREATE NODE TABLE Actor(id STRING PRIMARY KEY, name STRING, aliases STRING, kinds STRING, "
             "roles STRING, territory STRING, siren STRING, size STRING, sector STRING, website STRING, stance STRING)")
conn.execute("CREATE REL TABLE Link(FROM Actor TO Actor, kind STRING, confidence DOUBLE, note STRING)")
conn.execute(f"COPY Actor FROM '{actors}' (header=true)")
conn.execute(f"COPY Link FROM '{links}' (header=true)")
conn.close(); db.close()
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

IMPORT = """
import json, sys, time
start = time.perf_counter()
from maillage.graph.stores.ladybug import LadybugStore
from maillage.ingest.csv_import import read_import
db_path, actors, links = sys.argv[1:4]
batch, errors = read_import(actors, links)
parsed = time.perf_counter()
store = LadybugStore(db_path)
written = store.write(batch)
store.close()
print(json.dumps({"seconds": time.perf_counter() - start, "parse": parsed - start, "written": written,
                  "errors": len(errors)}))
"""


def run(script: str, *args: str) -> dict:
    """Run one measured step in a fresh Python process; return its JSON report."""
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=200_000)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="dossier de travail (défaut : temporaire)")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="maillage-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    actors, links = generate(work, args.actors, args.links)
    raw, imported, again = [], [], []
    for i in range(args.runs):
        for stale in [*work.glob(f"raw-{i}.lbug*"), *work.glob(f"import-{i}.lbug*")]:
            stale.unlink()
        raw.append(run(RAW, str(work / f"raw-{i}.lbug"), str(actors), str(links))["seconds"])
        first = run(IMPORT, str(work / f"import-{i}.lbug"), str(actors), str(links))
        imported.append(first["seconds"])
        second = run(IMPORT, str(work / f"import-{i}.lbug"), str(actors), str(links))
        assert first["written"] and not second["written"], "re-import must change nothing"
        again.append(second["seconds"])
        print(f"run {i + 1}: raw {raw[-1]:.2f}s, import {imported[-1]:.2f}s (parse {first['parse']:.2f}s), "
              f"re-import {again[-1]:.2f}s", file=sys.stderr)
    r, m, a = (statistics.median(x) for x in (raw, imported, again))
    print(f"| rows | raw COPY (s) | maillage import (s) | ratio | re-import (s) |\n|---|---|---|---|---|\n"
          f"| {args.actors:,} actors / {args.links:,} links | {r:.2f} | {m:.2f} | {m / r:.2f} | {a:.2f} |")
    print(f"\n{args.runs} runs (medians), {os.cpu_count()} CPUs, files in {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
