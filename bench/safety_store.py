"""Hostile cases for the base and the imports (issue 9, items 1-4 and 11), generated here, never downloaded.

Each case builds its own files in a temporary folder, runs the real commands (or the
store, in a child process) and states what it observed. The disk-full cases need root
(a 3 MB tmpfs is mounted); they are reported as skipped otherwise.

Usage: ``python bench/safety_store.py`` prints the Markdown table of
bench/results-safety.md, section « Base et imports ».
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The writer script of the durability tests (see its docstring).
FILL = (Path(__file__).resolve().parents[1] / "tests" / "store" / "fill_store.py").read_text(encoding="utf-8")
COUNT = """
import sys
from maillage.errors import MaillageError
from maillage.graph.stores.ladybug import LadybugStore
try:
    store = LadybugStore(sys.argv[1], read_only=True)
    print(len(store.documents()))
    store.close()
except MaillageError as exc:
    print("ERREUR", exc)
"""
READ_WHILE_WRITING = """
import sys, time
from maillage.errors import MaillageError
from maillage.graph.stores.ladybug import LadybugStore
ok, refused = 0, []
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    try:
        store = LadybugStore(sys.argv[1], read_only=True)
        store.documents()
        store.close()
        ok += 1
    except MaillageError as exc:
        refused.append(str(exc)[:60])
print(ok, len(refused), refused[:1])
"""
UNCOMPACTED = """
import sys
from maillage.graph.erasure import load_key, name_hash, plan_erasure
from maillage.graph.stores.ladybug import LadybugStore
store = LadybugStore(sys.argv[1])
plan = plan_erasure(store, sys.argv[2])
key = load_key(store.erasure_key_path)
store.rewrite(plan.rewritten, [d.id for d in plan.decisions], {name_hash(key, n) for n in plan.names})
store.close()
"""
CHECKPOINT = "import sys, ladybug\nladybug.Connection(ladybug.Database(sys.argv[1])).execute('CHECKPOINT')\n"
PERSON = """
import sys
from maillage.graph.curation import Decision
from maillage.graph.model import Actor, Batch, Document, Evidence, Link
from maillage.graph.stores.ladybug import LadybugStore
store = LadybugStore(sys.argv[1])
who = Actor("ysolde-karpenne", "Ysolde Karpenne", ["personne"], roles=["elu"])
sentence = "Ysolde Karpenne, maire, préside le Cluster Nacre qui accompagne la SCIC Opale."
store.write(Batch(Document("doc-1", "/docs/cr.txt", title="Compte rendu"),
                  [who, Actor("cluster-nacre", "Cluster Nacre", ["cluster"]), Actor("scic-opale", "SCIC Opale", ["scic"])],
                  links=[Link("ysolde-karpenne", "GOVERNS", "cluster-nacre", [Evidence("doc-1", sentence)]),
                         Link("cluster-nacre", "SUPPORTS", "scic-opale", [Evidence("doc-1", sentence)])]))
store.append_decisions([Decision("set_stance", {"actor": "ysolde-karpenne", "stance": "indecis"})])
store.close()
"""


def python(code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)


def filled_base(folder: Path, mode: str, documents: int) -> Path:
    """A new base in ``folder`` holding ``documents`` documents written by :data:`FILL` in ``mode``."""
    base = folder / "base.lbug"
    folder.mkdir()
    python(FILL, base, mode, documents)
    return base


def maillage(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from maillage.cli import main; main(prog_name='maillage')",
                           *map(str, args)], capture_output=True, text=True)


def first_line(done: subprocess.CompletedProcess) -> str:
    lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
    return lines[-1] if lines else ""


def mount_small_disk(folder: Path) -> bool:
    folder.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def disk_full(work: Path, guard: str) -> str:
    disk = work / f"disque-{guard}"
    if not mount_small_disk(disk):
        return "non mesuré (pas de tmpfs sans root)"
    try:
        done = python(FILL, disk / "base.lbug", guard, 10_000)
        acked = sum(1 for line in done.stdout.splitlines() if line.startswith("OK "))
        refusal = next((line[6:] for line in done.stdout.splitlines() if line.startswith("REFUS")), "")
        stored = python(COUNT, disk / "base.lbug").stdout.strip()
        return (f"{acked} documents annoncés, {stored} relus ; code de sortie {done.returncode} ; "
                f"« {refusal[:90]}… »")
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def import_too_big(work: Path) -> str:
    disk = work / "disque-import"
    if not mount_small_disk(disk):
        return "non mesuré (pas de tmpfs sans root)"
    try:
        small, big = work / "petit.csv", work / "gros.csv"
        small.write_text("id,name,kinds\nx,Agence X,agence\n")
        big.write_text("id,name,kinds\n" + "".join(f"a{i},Acteur {i} {'y' * 100},cci\n" for i in range(20_000)))
        maillage("import", small, "--db", disk / "base.lbug")
        done = maillage("import", big, "--db", disk / "base.lbug")
        return f"code {done.returncode} ; « {first_line(done)[:100]}… » ; base relue : " \
               f"{python(COUNT, disk / 'base.lbug').stdout.strip()} document"
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def killed_checkpoint(work: Path) -> str:
    base = filled_base(work / "point", "tuer", 120)
    process = subprocess.Popen([sys.executable, "-c", CHECKPOINT, str(base)])
    while not os.path.exists(f"{base}.wal.checkpoint") and process.poll() is None:
        time.sleep(0.0005)
    process.kill()
    process.wait()
    if not os.path.exists(f"{base}.wal.checkpoint"):
        return "non reproduit (le point de contrôle a fini avant le kill)"
    check = maillage("verifier", "--db", base)
    start = time.perf_counter()
    stats = maillage("stats", "--json", "--db", base)
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    documents = json.loads(stats.stdout)["documents"] if stats.returncode == 0 else first_line(stats)
    return (f"verifier : code {check.returncode}, « {check.stdout.splitlines()[1].strip()[:70]}… » ; "
            f"stats : code {stats.returncode}, {documents} documents en {seconds} s")


def damaged_log(work: Path) -> str:
    base = filled_base(work / "journal", "tuer", 5)
    os.truncate(f"{base}.wal", os.path.getsize(f"{base}.wal") - 100)
    stats = maillage("stats", "--db", base)
    repaired = maillage("reparer", "--db", base)
    listed = repaired.stdout.split("Documents à réingérer", 1)[-1].split("\n")[1].strip()
    return (f"stats : « {first_line(stats)[:80]}… » ; reparer : code {repaired.returncode}, "
            f"à réingérer : {listed} ; relus : {python(COUNT, base).stdout.strip()}")


def reads_during_writes(work: Path) -> str:
    base = filled_base(work / "lectures", "garde", 2)
    writer = subprocess.Popen([sys.executable, "-c", FILL, str(base), "garde", "400"], stdout=subprocess.DEVNULL)
    reads = python(READ_WHILE_WRITING, base, 60).stdout.split(maxsplit=2)
    writer.wait()
    return f"{reads[0]} lectures réussies, {reads[1]} refusées {reads[2] if reads[1] != '0' else ''}"


def csv_cases(work: Path) -> list[tuple[str, str, str]]:
    folder = work / "csv"
    folder.mkdir()
    base = folder / "base.lbug"
    actors = folder / "actors.csv"
    actors.write_text("id,name,kinds\ncci,CCI Givre,cci\nbq,Banque Loutre,relais\nag,Agence Saule,agence\n")
    (folder / "links1.csv").write_text("source,target,kind\nbq,cci,PARTNER_OF\nag,cci,MEMBER_OF\n")
    (folder / "links2.csv").write_text("source,target,kind\ncci,ag,FUNDS\n")
    maillage("import", actors, folder / "links1.csv", "--db", base)
    maillage("import", actors, folder / "links2.csv", "--db", base)
    export = json.loads(maillage("export", "--db", base).stdout)
    both = f"{len(export['links'])} liens (2 + 1)"
    (folder / "links1.csv").write_text("source,target,kind\nbq,cci,PARTNER_OF\nbq,ag,SUPPORTS\ncci,bq,FUNDS\n")
    changed = maillage("import", actors, folder / "links1.csv", "--db", base).stdout
    changed_line = next(line.strip() for line in changed.splitlines() if "links1.csv" in line)
    actors.write_text("id,name,kinds\nx,,cci\n")
    empty = maillage("import", actors, "--db", base)
    after = json.loads(maillage("export", "--db", base).stdout)
    quote = folder / "guillemet.csv"
    quote.write_text('id,name,kinds\nx,"Guillemet seul,cci\n' + "".join(f"a{i},Acteur {i},cci\n" for i in range(50)))
    quoted = maillage("import", quote, "--db", folder / "autre.lbug")
    return [
        ("actors.csv + links1.csv puis actors.csv + links2.csv", "les deux jeux de liens", both),
        ("nouvelle version de links1.csv (1 lien gardé, 1 retiré, 2 ajoutés)", "« +2 liens, −1 lien », links2 intact",
         f"« {changed_line} » ; {len(json.loads(maillage('export', '--db', base).stdout)['links'])} liens"),
        ("réimport de actors.csv sans ligne valide", "rien remplacé, code ≠ 0",
         f"code {empty.returncode} ; acteurs avant/après : {len(export['actors'])}/{len(after['actors'])}"),
        ("guillemet non fermé ligne 2, 50 lignes valides après", "ligne signalée, 50 lignes lues",
         f"code {quoted.returncode} ; « {[l for l in quoted.stdout.splitlines() if l.startswith('Importé')][0]} » ; "
         f"« {first_line(quoted).strip()[:60]}… »"),
    ]


def erasure_case(work: Path) -> list[tuple[str, str, str]]:
    folder = work / "oubli"
    folder.mkdir()
    base = folder / "base.lbug"
    python(PERSON, base)
    forms = [b"Karpenne", b"karpenne", b"KARPENNE"]
    before = sum(f.read_bytes().count(b"Karpenne") for f in folder.iterdir() if f.is_file())
    done = maillage("oublier", "Ysolde Karpenne", "--db", base)
    exports = folder / "exports"
    for fmt in ("json", "decisions", "gexf", "graphml", "csv"):
        target = exports / ("kumu" if fmt == "csv" else f"export.{fmt}")
        target.parent.mkdir(exist_ok=True)
        maillage("export", "--format", fmt, "--db", base, "-o", target)
    files = [f for f in folder.rglob("*") if f.is_file()]
    hits = sum(f.read_bytes().count(form) for f in files for form in forms)
    other = work / "oubli-sans-compactage"
    other.mkdir()
    python(PERSON, other / "base.lbug")
    python(UNCOMPACTED, other / "base.lbug", "Ysolde Karpenne")
    left = sum(f.read_bytes().count(form) for f in other.iterdir() if f.is_file() for form in forms)
    return [("même effacement, base réécrite sans être recompactée (pour comparaison)",
             "le nom reste dans les pages libérées", f"{left} occurrence(s) dans le fichier de la base"), ("« maillage oublier » d'une élue (1 document, 1 lien, 1 position)",
             "aucun octet du nom dans la base ni dans 5 exports",
             f"code {done.returncode} ; nom avant : {before} occurrence(s) dans le fichier ; après : {hits} "
             f"dans {len(files)} fichiers (base, clé, exports)")]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="maillage-surete-"))
    rows = [
        ("disque plein (tmpfs 3 Mo), écritures jusqu'au refus", "refus en français avant d'écrire, tout ce qui est "
         "annoncé relu", disk_full(work, "garde")),
        ("disque plein, contrôle de place désactivé : le moteur rencontre ENOSPC", "une ligne française, pas "
         "d'abandon (134), base à son dernier état", disk_full(work, "sans-garde")),
        ("import de 20 000 acteurs sur un disque presque plein", "refus en français, base intacte",
         import_too_big(work)),
        ("kill -9 pendant un point de contrôle (120 documents)", "verifier le signale ; les lectures marchent",
         killed_checkpoint(work)),
        ("lectures en boucle (60 s) pendant qu'un autre processus écrit 400 documents",
         "aucune lecture refusée", reads_during_writes(work)),
        ("journal d'écriture tronqué (écriture coupée)", "message français ; reparer rejoue, liste, garde une copie",
         damaged_log(work)),
        *csv_cases(work),
        *erasure_case(work),
    ]
    print("| cas | attendu | observé |")
    print("| --- | --- | --- |")
    for case, expected, observed in rows:
        print(f"| {case} | {expected} | {observed.replace(str(work), '…').replace('|', '/')} |")


if __name__ == "__main__":
    main()
