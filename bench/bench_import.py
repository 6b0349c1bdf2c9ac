"""Import benchmark: ``maillage import`` against LadybugDB's own raw ``COPY`` of the same rows.

Generates the synthetic CSV files of ``bench/gen_synthetic.py`` (default 200,000 actors, 1,000,000 links;
one commune per 20,000 actors, at least 40), then measures, each in a fresh database file and a fresh process:

- raw: a script that runs ``COPY Actor FROM 'actors.csv'`` and ``COPY Link FROM 'links.csv'``
  into tables shaped like the files (LadybugDB parses the CSV itself; the ten service codes are added
  as actor rows so that every link has its ends);
- import: ``maillage import actors.csv links.csv --territoires territories.csv --db ...`` (parsing,
  validation, deduplication, territories, the per-document layout, the store's safety and the folded
  snapshot written at close included);
- re-import: the same command again on the filled store (must change nothing);
- rebuild: ``maillage stats`` once the snapshot is deleted (the full fold of the base, written again).

Each step starts once the pages earlier steps wrote are on disk (``os.sync``: a run leaves about 2.5 GB
to write at a million actors, which the kernel would otherwise write during the next steps). Each step is
timed as the wall-clock time of its whole process, Python start-up included, its CPU time
(user + system, all threads and any child process: ``os.wait4``) and its peak memory, summed over its
process tree, sampled every 20 ms (``ru_maxrss`` would count the benchmark's own memory, copied when it
forks the step's process): the resident memory (``VmRSS``) of a lone process, the proportional shares
(``Pss``: a page processes share counted once) when there are several; the plain sum of ``VmRSS`` is
printed beside it.

Usage: ``python bench/bench_import.py [--actors N] [--links M] [--runs R] [--out DIR]``;
prints a Markdown table (medians over the runs).
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_synthetic import synthesise, write_csv  # noqa: E402

from maillage.graph.folded import SNAPSHOT_SUFFIX  # noqa: E402
from maillage.graph.taxonomy import SERVICES  # noqa: E402


def generate(directory: Path, actors: int, links: int) -> tuple[Path, Path, Path, Path]:
    """Write the synthetic files; return actors.csv, links.csv, territories.csv and the actors file of the
    raw ``COPY`` (the service codes added as actors)."""
    write_csv(synthesise(actors, links, communes=max(40, actors // 20_000)), directory)
    raw = directory / "actors-raw.csv"
    with open(raw, "w", newline="", encoding="utf-8") as out:
        out.write((directory / "actors.csv").read_text(encoding="utf-8"))
        csv.writer(out).writerows([code, code, "", "service", "", "", "", "", "", "", ""] for code in SERVICES)
    return directory / "actors.csv", directory / "links.csv", directory / "territories.csv", raw


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
#: ``maillage stats --json --db PATH``: the first read folds the base when it has no snapshot.
STATS = "import sys; from maillage.cli import main; main(['stats', '--json', *sys.argv[1:]])"
#: The same, with every batch written in one explicit transaction (for comparison).
IMPORT_ONE_TRANSACTION = ("from maillage.graph.stores.cypher import CypherStore; CypherStore.bulk_rows = 10**12; "
                          + IMPORT)


def _tree(pid: int) -> list[int]:
    """A process and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def _field(file: str, name: str) -> int:
    """A ``name: N kB`` field of a /proc file, in bytes (0 when the process is gone)."""
    try:
        with open(file) as lines:
            for line in lines:
                if line.startswith(name):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the memory of a process tree every 20 ms (see the module docstring): ``peak`` (VmRSS of a lone
    process, sum of Pss when there are several) and ``rss_sum`` (sum of VmRSS), in bytes."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.rss_sum, self.done = pid, 0, 0, False

    def run(self) -> None:
        while not self.done:
            pids = _tree(self.pid)
            rss = sum(_field(f"/proc/{p}/status", "VmRSS:") for p in pids)
            share = rss if len(pids) == 1 else sum(_field(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
            self.peak, self.rss_sum = max(self.peak, share), max(self.rss_sum, rss)
            time.sleep(0.02)


def timed(script: str, *args: str) -> tuple[float, float, float, str]:
    """One step in a fresh Python process (start-up included): its wall-clock seconds, its CPU
    seconds (user + system, all threads: less sensitive to other processes on a shared machine),
    its peak memory (MiB, see the module docstring) and its output (the plain sum of ``VmRSS`` of the
    process tree is added to the error output)."""
    os.sync()  # the pages earlier steps left to write are written before, not during, this one
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", script, *args], stdout=out, stderr=err, text=True)
        memory = TreeMemory(process.pid)
        memory.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        memory.done = True
        memory.join()
        print(f"  (somme VmRSS de l'arbre : {memory.rss_sum / 2**20:.0f} Mio)", file=sys.stderr)
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"étape en échec : {err.read().strip()[-2000:]}")
        return seconds, usage.ru_utime + usage.ru_stime, memory.peak / 2**20, out.read()


STEPS = ("raw", "import", "again", "rebuild")


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
    actors, links, territories, raw_actors = generate(work, args.actors, args.links)
    script = IMPORT_ONE_TRANSACTION if args.one_transaction else IMPORT
    files = [str(actors), str(links), "--territoires", str(territories)]
    measured: dict[str, list[tuple[float, float, float]]] = {step: [] for step in STEPS}
    for i in range(args.runs):
        raw_db, import_db = work / f"raw-{i}.lbug", work / f"import-{i}.lbug"
        for stale in [*work.glob(f"{raw_db.name}*"), *work.glob(f"{import_db.name}*")]:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        load = os.getloadavg()[0]
        *figures, _ = timed(RAW, str(raw_db), str(raw_actors), str(links))
        measured["raw"].append(tuple(figures))
        *figures, output = timed(script, *files, "--db", str(import_db))
        assert "enregistré" in output, output
        measured["import"].append(tuple(figures))
        *figures, output = timed(script, *files, "--db", str(import_db))
        assert "déjà présent" in output, output
        measured["again"].append(tuple(figures))
        shutil.rmtree(str(import_db) + SNAPSHOT_SUFFIX)
        *figures, _ = timed(STATS, "--db", str(import_db))
        measured["rebuild"].append(tuple(figures))
        raw, imported = measured["raw"][-1], measured["import"][-1]
        print(f"run {i + 1} (charge {load:.1f}): " + ", ".join(
            f"{step} {measured[step][-1][0]:.1f} s (cpu {measured[step][-1][1]:.1f} s, {measured[step][-1][2]:.0f} Mio)"
            for step in STEPS) + f"; ratio {imported[0] / raw[0]:.2f} (cpu {imported[1] / raw[1]:.2f})",
            file=sys.stderr)
    print("| étape | horloge (s) | CPU (s) | mémoire max (Mio) |\n| --- | ---: | ---: | ---: |")
    for step in STEPS:
        wall, cpu, peak = (statistics.median(run[k] for run in measured[step]) for k in range(3))
        print(f"| {step} | {wall:.2f} | {cpu:.2f} | {peak:.0f} |")
    ratios = [imp[0] / raw[0] for imp, raw in zip(measured["import"], measured["raw"])]
    cpu_ratios = [imp[1] / raw[1] for imp, raw in zip(measured["import"], measured["raw"])]
    print(f"\n{args.actors:,} acteurs / {args.links:,} liens, {args.runs} passage(s), médianes ; "
          "rapport import / COPY : "
          f"horloge {', '.join(f'{r:.2f}' for r in ratios)}, CPU {', '.join(f'{r:.2f}' for r in cpu_ratios)} ; "
          f"{os.cpu_count()} processeurs, fichiers dans {work}")


if __name__ == "__main__":
    main()
