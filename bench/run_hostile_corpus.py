"""Feed each case of the hostile-file corpus to the real command line and write the table of results.

    python bench/run_hostile_corpus.py [--garder DOSSIER]

Builds the corpus (``bench/make_hostile_corpus.py``) in a temporary folder,
runs ``maillage`` on each case in a fresh process with a fresh database, and
writes the section « Fichiers hostiles » of ``bench/results-safety.md`` (the
other sections of that file are kept). For each case: what is expected, what
was observed (exit code and the French lines printed), whether it matches, the
peak memory of the command (``VmHWM``, read in the process itself at exit: the
spaCy model the ingest loads accounts for most of it) and of the loader alone
(the same file read by ``maillage.ingest.loaders.load`` in a fresh process),
and the duration.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import make_hostile_corpus as corpus  # noqa: E402

from maillage.csv_safe import FORMULA_STARTS  # noqa: E402

RESULTS = HERE / "results-safety.md"
SECTION = "## Fichiers hostiles"

# Runs the real command line (maillage.cli:main, the console script's entry point) and writes,
# at exit, the peak resident memory of this very process to the file named first.
CLI = """
import atexit, re, sys
from pathlib import Path
def peak():
    status = Path("/proc/self/status").read_text()
    Path(sys.argv[1]).write_text(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
atexit.register(peak)
from maillage.cli import main
main(sys.argv[2:], prog_name="maillage")
"""

LOADER = """
import re, sys, time
from pathlib import Path
from maillage.errors import InputError
from maillage.ingest.loaders import load
start = time.perf_counter()
try:
    load(sys.argv[1])
except InputError:
    pass
seconds = time.perf_counter() - start
print(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1), seconds)
"""


@dataclass
class Run:
    """One command run: exit code, output lines, peak memory (MB) and duration (s)."""

    code: int
    stdout: list[str]
    stderr: list[str]
    peak_mb: float
    seconds: float


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}


def maillage(*args: str) -> Run:
    """Run ``maillage ARGS`` in a fresh process."""
    with tempfile.NamedTemporaryFile() as peak:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CLI, peak.name, *map(str, args)], capture_output=True,
                              text=True, env=env(), timeout=900)
        seconds = time.perf_counter() - start
        peak_kb = Path(peak.name).read_text() or "0"
    return Run(done.returncode, done.stdout.splitlines(), done.stderr.splitlines(), int(peak_kb) / 1024, seconds)


def loader_alone(path: Path) -> tuple[float, float]:
    """Peak memory (MB) of a fresh process that loads ``path`` with the document loaders, and the load's duration (s)."""
    done = subprocess.run([sys.executable, "-c", LOADER, str(path)], capture_output=True, text=True,
                          env=env(), timeout=900)
    peak_kb, seconds = done.stdout.split()
    return int(peak_kb) / 1024, float(seconds)


@dataclass
class Case:
    """A hostile input, what should happen, and how to run and judge it."""

    name: str
    description: str
    expected: str
    run: Callable[[Path, Path], Run]   # (case path, work folder) -> run
    holds: Callable[[Run], bool]
    loader: bool = True                # measure the loader alone on the case's file


def ingest(path: Path, work: Path) -> Run:
    return maillage("ingest", path, "--db", work / "base")


def import_decisions(path: Path, work: Path) -> Run:
    return maillage("import-decisions", path, "--db", work / "base")


def refused_with(*words: str) -> Callable[[Run], bool]:
    """A refusal: exit code 1, exactly one French error line holding ``words``, no traceback."""
    return lambda run: (run.code == 1 and len(run.stderr) == 1 and run.stderr[0].startswith("Erreur : ")
                        and all(w in run.stderr[0] for w in words))


def read_whole(run: Run) -> bool:
    return run.code == 0 and any("Documents lus et enregistrés : 1 " in line for line in run.stdout)


def links_case(run: Run) -> bool:
    """Six files reported (loop, loop, self link, broken link, /dev/zero, pipe), the good one read."""
    errors = [line for line in run.stderr if line.startswith("Erreur : ")]
    return (run.code == 1 and len(errors) == len(run.stderr) == 6
            and any("Documents lus et enregistrés : 1 " in line for line in run.stdout))


def formula_csv(path: Path, work: Path) -> Run:
    """Import the actors, then write the Kumu CSV export and an analysis CSV; count unsafe cells."""
    db = work / "base"
    runs = [maillage("import", path, "--db", db),
            maillage("export", "--format", "csv", "-o", work / "kumu", "--db", db),
            maillage("shadow-cci", "--format", "csv", "--db", db)]
    (work / "analyse.csv").write_text("\n".join(runs[-1].stdout), encoding="utf-8")
    unsafe = 0
    for name in ("kumu-elements.csv", "kumu-connections.csv", "analyse.csv"):
        with (work / name).open(encoding="utf-8", newline="") as fh:
            unsafe += sum(cell.startswith(FORMULA_STARTS) for row in csv.reader(fh) for cell in row)
    return Run(max(r.code for r in runs), [f"cellules dangereuses dans les CSV écrits : {unsafe}"],
               [line for r in runs for line in r.stderr], max(r.peak_mb for r in runs), sum(r.seconds for r in runs))


CASES = [
    Case("temoin", "Document Word ordinaire (témoin)", "lu et enregistré", ingest, read_whole),
    Case("bombe-zip", "Bombe zip : .docx de 1 Mo, 1 Go une fois décompressé",
         "refusé (archive refusée), mémoire bornée", ingest, refused_with("archive refusée", "1025 Mo")),
    Case("paragraphes", ".docx de 60 Ko à 3 millions de paragraphes vides",
         "refusé (plus de 200 000 paragraphes), vite", ingest, refused_with("200 000 paragraphes")),
    Case("entrees", ".docx de 20 017 entrées", "refusé (fichiers dans l'archive)", ingest,
         refused_with("fichiers dans l'archive")),
    Case("taille-falsifiee", ".docx dont le corps annonce 1 Ko et fait 170 Mo (taille falsifiée)",
         "refusé (archive endommagée), mémoire bornée", ingest, refused_with("document Word corrompu")),
    Case("aes128-vide", "PDF chiffré AES-128, mot de passe utilisateur vide", "lu", ingest, read_whole),
    Case("aes256-vide", "PDF chiffré AES-256, mot de passe utilisateur vide", "lu", ingest, read_whole),
    Case("aes256-mdp", "PDF chiffré AES-256 avec mot de passe", "« protégé par un mot de passe », en français",
         ingest, refused_with("protégé par un mot de passe")),
    Case("rc4-mdp", "PDF chiffré RC4 avec mot de passe", "« protégé par un mot de passe », en français",
         ingest, refused_with("protégé par un mot de passe")),
    Case("pdf-pages", "PDF de 20 000 pages blanches", "refusé avant lecture des pages", ingest,
         refused_with("PDF trop long")),
    Case("pdf-bombe", "PDF dont le flux de page se décompresse en 300 Mo", "refusé, mémoire bornée", ingest,
         refused_with("PDF")),
    Case("html-profond", "HTML à 100 000 niveaux de <div>", "refusé en une ligne, sans plantage", ingest,
         refused_with("aucun texte")),
    Case("md-profond", "Markdown à 100 000 citations imbriquées", "refusé en une ligne, sans plantage", ingest,
         refused_with("aucun texte")),
    Case("texte-6mo", "Texte de 6 Mo", "refusé avant lecture (5 Mo au plus)", ingest,
         refused_with("trop volumineux")),
    Case("liens", "Dossier : un bon fichier, deux liens en boucle, un lien sur soi, un lien cassé, un lien "
         "vers le dossier parent, un lien vers /dev/zero, un tube nommé",
         "une ligne par fichier fautif, le bon fichier lu, le lien de dossier non suivi", ingest, links_case,
         loader=False),
    Case("decisions-profond", "Fichier de décisions JSON à 100 000 niveaux", "refusé en une ligne, rien d'enregistré",
         import_decisions, refused_with("imbriqué"), loader=False),
    Case("decisions-id-entier", "Décision dont l'identifiant est un entier", "refusé, rien d'enregistré",
         import_decisions, refused_with("identifiant 7"), loader=False),
    Case("decisions-auteur-liste", "Décision dont l'auteur est une liste", "refusé, rien d'enregistré",
         import_decisions, refused_with("auteur invalide"), loader=False),
    Case("decisions-date-5", "Décision datée de 5", "refusé, rien d'enregistré", import_decisions,
         refused_with("date 5", "ISO 8601"), loader=False),
    Case("decisions-enorme", "Fichier de décisions de 21 Mo", "refusé avant lecture", import_decisions,
         refused_with("trop volumineux"), loader=False),
    Case("acteurs-formules", "Acteurs nommés =HYPERLINK(…), +33…, -2+3+cmd…, @SOMME(…) ; export CSV Kumu "
         "et analyse en CSV", "aucune cellule écrite ne commence par = + - @ tabulation ou retour",
         formula_csv, lambda run: run.code == 0 and run.stdout[0].endswith(": 0"), loader=False),
]


def observed(run: Run, root: Path) -> str:
    """What the user saw: the exit code and the French lines, paths shortened to the corpus folder."""
    lines = [line.split(" (dont")[0] for line in run.stdout if line.startswith(("Documents lus", "cellules"))]
    lines += run.stderr
    text = " / ".join(lines).replace(str(root) + "/", "").replace("|", "\\|")
    return f"code {run.code} : {text}" if text else f"code {run.code}"


def _seconds(seconds: float) -> str:
    return f"{seconds:.2f} s".replace(".", ",")


def table(rows: list[tuple[Case, Run, tuple[float, float] | None]], root: Path) -> str:
    header = ["Cas", "Attendu", "Observé", "Conforme", "Commande : mémoire max, durée",
              "Lecteur seul : mémoire max, durée"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for case, run, loader in rows:
        lines.append("| " + " | ".join([
            f"**{case.name}** : {case.description}", case.expected, observed(run, root),
            "oui" if case.holds(run) else "**non**", f"{run.peak_mb:.0f} Mo, {_seconds(run.seconds)}",
            f"{loader[0]:.0f} Mo, {_seconds(loader[1])}" if loader else "—"]) + " |")
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace (or add) the section of this benchmark in the results file, keeping the others."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text, current)
    else:
        updated = (current.rstrip("\n") + "\n\n" if current.strip() else "") + text
    RESULTS.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--garder", type=Path, help="construire le corpus dans ce dossier et l'y laisser")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="maillage-hostile-") as tmp:
        root = args.garder or Path(tmp) / "corpus"
        files = corpus.make_corpus(root)
        rows = []
        for case in CASES:
            work = Path(tmp) / "travail" / case.name
            work.mkdir(parents=True)
            run = case.run(files[case.name], work)
            loader = loader_alone(files[case.name]) if case.loader else None
            rows.append((case, run, loader))
            print(f"{case.name:24} {'oui' if case.holds(run) else 'NON'}  {run.peak_mb:5.0f} Mo  "
                  f"{run.seconds:5.1f} s  {observed(run, root)[:120]}", flush=True)
        baseline = rows[0][1].peak_mb
        section = "\n".join([
            SECTION, "",
            f"Corpus généré par `bench/make_hostile_corpus.py` (rien n'est téléchargé), passé à la vraie ligne de "
            f"commande par `python bench/run_hostile_corpus.py` le {time.strftime('%Y-%m-%d')}, une base neuve par "
            "cas. Mémoire : pic de mémoire résidente (`VmHWM`) du processus. Celle de la commande comprend le "
            f"modèle spaCy que `ingest` charge avant de lire le premier fichier (témoin : {baseline:.0f} Mo), et "
            "sa durée le démarrage ; le lecteur seul est `maillage.ingest.loaders.load` sur le même fichier dans "
            "un processus neuf (limite visée : 200 Mo, vérifiée par `tests/ingest/test_hostile_files.py`). "
            "Machine de 2 cœurs partagée avec d'autres travaux : les durées sont indicatives.",
            "", table(rows, root), "",
            f"Cas conformes : {sum(case.holds(run) for case, run, _ in rows)} sur {len(rows)}.", ""])
        write_section(section)
    print(f"Écrit : {RESULTS}")


if __name__ == "__main__":
    main()
