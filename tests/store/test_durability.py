"""Nothing acknowledged is lost: a full disk, an engine failure mid-write, a checkpoint cut by a kill, a damaged log."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.model import Actor, Batch, Document
from maillage.graph.stores.ladybug import LadybugStore, StoreWriteError

#: Writes documents, printing the acknowledged ones (run in a child: after an engine failure the engine is
#: abandoned, holding the base until its process ends); see its docstring.
FILL = (Path(__file__).with_name("fill_store.py")).read_text(encoding="utf-8")

READ_DOCUMENTS = """
import sys
from maillage.errors import MaillageError
from maillage.graph.stores.ladybug import LadybugStore
try:
    store = LadybugStore(sys.argv[1], read_only=True)
    print(" ".join(d.id for d in store.documents()))
    store.close()
except MaillageError as exc:
    print("ERREUR", exc)
"""


def child(code: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (needs root), unmounted lazily afterwards."""
    folder = tmp_path / "disque"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("impossible de monter un tmpfs ici (il faut être root)")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("guard", ["garde", "sans-garde"])
def test_a_full_disk_keeps_every_acknowledged_document(small_disk, guard):
    done = child(FILL, small_disk / "base.lbug", guard, 10_000)
    acknowledged = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("OK ")]
    refusal = [line for line in done.stdout.splitlines() if line.startswith("REFUS")]
    assert done.returncode == 0, done.stderr[-500:]  # no abort of the engine (exit 134)
    assert acknowledged and len(refusal) == 1
    expected = "espace disque insuffisant" if guard == "garde" else "écriture impossible"
    assert expected in refusal[0]
    assert guard == "garde" or "(disque plein)" in refusal[0]
    assert "Traceback" not in done.stderr and "IO exception" not in done.stdout
    stored = child(READ_DOCUMENTS, small_disk / "base.lbug").stdout.split()
    assert stored == acknowledged


def test_an_io_error_at_the_write_boundary_leaves_the_last_good_state(tmp_path):
    path = tmp_path / "base.lbug"
    store = LadybugStore(path)
    store.write(Batch(Document("d1", "/p/1.txt"), [Actor("a", "Agence A", ["agence"])]))

    def disk_full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    store._sync = disk_full  # the flush after the commit fails as on a full disk
    with pytest.raises(StoreWriteError, match=r"cette dernière opération \(les 1 document\(s\) écrits avant"):
        store.write(Batch(Document("d2", "/p/2.txt"), [Actor("b", "Banque B", ["relais"])]))
    with pytest.raises(StoreWriteError, match="relancez la commande"):
        store.write(Batch(Document("d3", "/p/3.txt"), [Actor("c", "Cluster C", ["cluster"])]))
    store.close()
    assert child(READ_DOCUMENTS, path).stdout.split() == ["d1"]


def test_free_space_is_checked_before_an_import(small_disk, tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("id,name,kinds\n" + "".join(f"a{i},Acteur {i} {'y' * 100},cci\n" for i in range(20_000)))
    small = tmp_path / "petit.csv"
    small.write_text("id,name,kinds\nx,Agence X,agence\n")
    db = str(small_disk / "base.lbug")
    assert CliRunner().invoke(main, ["import", str(small), "--db", db]).exit_code == 0
    result = CliRunner().invoke(main, ["import", str(actors), "--db", db])
    assert result.exit_code == 1
    assert "Erreur : espace disque insuffisant pour écrire dans" in result.output and "libres" in result.output
    assert "enregistré" not in result.output.replace("rien n'a été écrit", "")
    assert child(READ_DOCUMENTS, db).stdout.split() and "ERREUR" not in child(READ_DOCUMENTS, db).stdout


# -- a checkpoint cut by kill -9 -------------------------------------------------------------------
CHECKPOINT = "import sys, ladybug\nladybug.Connection(ladybug.Database(sys.argv[1])).execute('CHECKPOINT')\n"


def kill_during_checkpoint(path) -> None:
    """Start a checkpoint in another process and kill -9 it once the checkpoint has begun."""
    process = subprocess.Popen([sys.executable, "-c", CHECKPOINT, str(path)])
    deadline = time.monotonic() + 60
    while not os.path.exists(f"{path}.wal.checkpoint") and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    process.kill()
    process.wait()


def test_readers_after_a_kill_during_a_checkpoint(tmp_path):
    path = tmp_path / "base.lbug"
    assert child(FILL, path, "tuer", 120).returncode == 0
    kill_during_checkpoint(path)
    if not os.path.exists(f"{path}.wal.checkpoint"):
        pytest.skip("le point de contrôle a fini avant d'être interrompu")
    check = CliRunner().invoke(main, ["verifier", "--db", str(path)])
    assert check.exit_code == 1 and "point de contrôle interrompu" in check.output
    stats = CliRunner().invoke(main, ["stats", "--db", str(path)])
    assert stats.exit_code == 0, stats.output
    assert "Documents : 120" in stats.output
    assert CliRunner().invoke(main, ["verifier", "--db", str(path)]).exit_code == 0


def test_repair_replays_a_damaged_log_and_lists_what_to_reingest(tmp_path):
    path = tmp_path / "base.lbug"
    assert child(FILL, path, "tuer", 5).returncode == 0
    os.truncate(f"{path}.wal", os.path.getsize(f"{path}.wal") - 100)  # the last write cut short
    opened = CliRunner().invoke(main, ["stats", "--db", str(path)])
    assert opened.exit_code == 1 and "journal d'écriture" in opened.output and "maillage reparer" in opened.output
    assert "WAL file" not in opened.output and "exception" not in opened.output
    check = CliRunner().invoke(main, ["verifier", "--db", str(path)])
    assert check.exit_code == 1 and "endommagé" in check.output
    repaired = CliRunner().invoke(main, ["reparer", "--db", str(path)])
    assert repaired.exit_code == 0, repaired.output
    assert "Documents à réingérer (1) :\n  /p/4.txt" in repaired.output
    backups = list((tmp_path / "base.lbug.sauvegardes").rglob("base.lbug.wal"))
    assert len(backups) == 1 and backups[0].stat().st_size > 0
    assert child(READ_DOCUMENTS, path).stdout.split() == ["d0", "d1", "d2", "d3"]
    assert CliRunner().invoke(main, ["verifier", "--db", str(path)]).output.startswith("Base saine : 4 document(s)")
