"""``maillage ingest --processus N``: documents per second with 1 and 2 parser processes, and the
re-ingest of a stored file (which must not load the model).

    python bench/bench_ingest_processes.py [CORPUS_DIR] [--processus 1 2]

Ingests the demo documents and ``CORPUS_DIR`` (default ``../shared/corpus``) into a fresh base with
each number of processes, as a user runs the command (a fresh process: start-up and model loading
included), then ingests one of the stored files again. Prints a Markdown table with the wall-clock
time, the documents per second, the speed-up over one process and the load average.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import maillage

DEMO_DOCUMENTS = Path(maillage.__file__).parent / "demo" / "documents"


def timed_ingest(db: Path, paths: list[str], processes: int) -> float:
    """Wall-clock seconds of one ``maillage ingest`` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from maillage.cli import main; main()", "ingest", *paths, "--db", str(db),
                    "--quiet", "--processus", str(processes)], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus")
    parser.add_argument("--processus", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    paths = [str(DEMO_DOCUMENTS), args.corpus]
    documents = sum(1 for p in paths for f in Path(p).rglob("*") if f.is_file() and not f.name.startswith("."))
    work = Path(tempfile.mkdtemp(prefix="maillage-ingest-"))
    print(f"Documents : {documents} ; {os.cpu_count()} cœurs\n")
    print("| processus | horloge (s) | documents/s | accélération | charge au départ |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    base = None
    for processes in args.processus:
        load = os.getloadavg()[0]
        seconds = timed_ingest(work / f"base-{processes}", paths, processes)
        base = base or seconds
        print(f"| {processes} | {seconds:.1f} | {documents / seconds:.2f} | {base / seconds:.2f} | {load:.1f} |",
              flush=True)
    stored = sorted(DEMO_DOCUMENTS.iterdir())[0]
    seconds = timed_ingest(work / f"base-{args.processus[0]}", [str(stored)], 1)
    print(f"\nRéingestion d'un fichier déjà enregistré ({stored.name}) : {seconds:.2f} s")


if __name__ == "__main__":
    main()
