"""Scoped reads from the store against the snapshot (issue 12, item 2), on bases of ``bench/gen_synthetic.py``.

    python bench/bench_store_scope.py --db /tmp/x/base.lbug [--territoire "Commune 001" ...] [--check]
        [--elu ID] [--depuis ID] [--base-seule] [--premiere-lecture]

First ``maillage stats`` (the whole base's counts, from its snapshot), then for each territory. The base is
one already imported by ``maillage import`` (``bench/bench_scale.py`` makes them; at a
million actors, ``Commune 001`` holds about 20,000 actors). For each territory, in fresh processes
(Python start-up, imports, opening the base and writing the JSON included), measured by ``os.wait4``:

- each analysis command (``coverage``, ``shadow-cci``, ``relays`` (``--depuis`` when given), ``peers`` (with
  ``--elu``, an elected person of the territory), ``network``) scoped to the territory, ``--format json``, as
  users run it (the knowledge base's rule chooses the store read on a big base);
- unless ``--base-seule``, the same command forced onto the snapshot path (the rule's threshold raised);
- with ``--premiere-lecture``, first ``coverage`` once the fact index of the base's current version is
  deleted: what the first scoped command after a write pays to build it;
- in one process: the CPU time of reading the part (``read_part``) against scoping the snapshot
  (``scope_rows`` on the folded graph, its loading included), and with ``--check``, whether both give
  the same actors, links (with evidence), label and core actors.

Prints one Markdown row per step: wall-clock seconds, CPU seconds (user + system, every thread), peak
resident memory (MiB) and the load average when the step started.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from maillage.graph.folded import SNAPSHOT_SUFFIX
from maillage.graph.stores.ladybug import FACT_INDEX_FILE

def analyses(elu: str | None, depuis: str | None) -> list[tuple[str, list[str]]]:
    """The commands measured and their own options (``peers`` only with an elected person to start from)."""
    return [("coverage", []), ("shadow-cci", []), ("relays", ["--depuis", depuis] if depuis else []),
            *([("peers", ["--elu", elu])] if elu else []), ("network", [])]

#: Runs the CLI with the store read switched off (the snapshot answers every scope).
SNAPSHOT_ONLY = ("import sys; import maillage.graph.kb as kb; kb.STORE_READ_MIN_ACTORS = 10 ** 15; "
                 "from maillage.cli import main; sys.argv[0] = 'maillage'; main()")
CLI = "import sys; from maillage.cli import main; sys.argv[0] = 'maillage'; main()"

#: Compares both paths in one process and prints their CPU seconds as JSON.
COMPARE = r"""
import json, sys, time
from maillage.cli._startup import pyarrow_without_pandas
pyarrow_without_pandas()  # as the commands do: the first path measured must not pay pandas' import
import numpy as np, pyarrow as pa
from maillage.graph.array_scope import scope_rows
from maillage.graph.folded import load_or_fold
from maillage.graph.scope import Scope
from maillage.graph.store_scope import read_part
from maillage.graph.stores.ladybug import LadybugStore

def view(scoped):
    folded = scoped.cols.folded
    rows = np.flatnonzero(scoped.links)
    evidence = folded.evidence.filter(pa.array(np.isin(folded.evidence.column("link").to_numpy(), rows)))
    position = {int(row): i for i, row in enumerate(rows)}
    pieces = [(position[l], d, m, c) for l, d, m, c in zip(*(evidence.column(n).to_pylist()
              for n in ("link", "document", "method", "confidence")))]
    return (folded.actors.take(pa.array(np.flatnonzero(scoped.actors))).to_pylist(),
            folded.links.take(pa.array(rows)).to_pylist(), pieces, scoped.label, scoped.cols.ids(scoped.core))

db, territory, check = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
store = LadybugStore(db, read_only=True)
scope = Scope(territoire=territory)
start = time.process_time()
part = read_part(store, scope)
by_store = scope_rows(part, scope)
store_cpu = time.process_time() - start
start = time.process_time()
by_snapshot = scope_rows(load_or_fold(store), scope)
snapshot_cpu = time.process_time() - start
out = {"store": store_cpu, "snapshot": snapshot_cpu, "actors": by_store.actor_count,
       "links": int(by_store.links.sum()), "part_actors": part.actors.num_rows, "part_links": part.links.num_rows}
if check:
    out["equal"] = view(by_store) == view(by_snapshot)
print(json.dumps(out))
store.close()
"""


def run_step(args: list[str]) -> tuple[float, float, float, bytes]:
    """Run one process: wall-clock seconds, CPU seconds (user + system), peak resident MiB, its output."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"étape en échec : {' '.join(args)} : {process.stderr.read().decode()[-1500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def row(name: str, measured: tuple[float, float, float, bytes], load: float) -> None:
    wall, cpu, peak, _out = measured
    print(f"| {name} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {load:.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--territoire", action="append", default=None)
    parser.add_argument("--check", action="store_true", help="compare both paths' scopes")
    parser.add_argument("--elu", help="élu(e) de départ de peers (sans : peers n'est pas mesuré)")
    parser.add_argument("--depuis", help="acteur de départ de relays")
    parser.add_argument("--base-seule", action="store_true", help="ne pas mesurer le chemin de l'instantané")
    parser.add_argument("--premiere-lecture", action="store_true",
                        help="mesurer d'abord coverage sans index des faits (la première lecture après une écriture)")
    args = parser.parse_args()
    print("| étape | horloge (s) | CPU (s) | mémoire max (Mio) | charge |\n| --- | ---: | ---: | ---: | ---: |")
    load = os.getloadavg()[0]
    row("stats", run_step([sys.executable, "-c", CLI, "stats", "--json", "--db", args.db]), load)
    if args.premiere_lecture:
        for index in Path(args.db + SNAPSHOT_SUFFIX).glob(f"*/{FACT_INDEX_FILE}"):
            index.unlink()
        territory = (args.territoire or ["Commune 001"])[0]
        load = os.getloadavg()[0]
        row(f"coverage « {territory} » (base, première lecture : index des faits construit)",
            run_step([sys.executable, "-c", CLI, "coverage", "--territoire", territory, "--format", "json",
                      "--db", args.db]), load)
    for territory in args.territoire or ["Commune 001"]:
        for name, extra in analyses(args.elu, args.depuis):
            command = [name, "--territoire", territory, *extra, "--format", "json", "--db", args.db]
            for label, code in (("base", CLI), ("instantané", SNAPSHOT_ONLY))[:1 if args.base_seule else 2]:
                load = os.getloadavg()[0]
                row(f"{name} « {territory} » ({label})", run_step([sys.executable, "-c", code, *command]), load)
        load = os.getloadavg()[0]
        measured = run_step([sys.executable, "-c", COMPARE, args.db, territory, "1" if args.check else "0"])
        found = json.loads(measured[3])
        row(f"read_part + scope_rows « {territory} » (même processus)", measured, load)
        print(f"<!-- {territory} : {json.dumps(found)} -->", flush=True)


if __name__ == "__main__":
    main()
