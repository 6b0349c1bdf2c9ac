"""``maillage ingest`` and ``maillage remove`` end to end on a real LadybugDB."""
from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.model import content_id
from maillage.graph.stores import open_store

BREST = "La Chambre de commerce et d'industrie de Brest finance le Cluster Mer Bretagne.\n"
MORLAIX = "Le Pays de Lorvan héberge la SCIC Bois Local.\n"
LATIN1 = "La Région Bretagne soutient la coopérative d'activités Élan à Besançon.\n"
INJECTION = "'}) DETACH DELETE n // <script>alert(1)</script>\n\nLe Pays de Lorvan anime le réseau.\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def stored(db) -> dict[str, str]:
    """Stored document id -> path."""
    store = open_store("ladybug", str(db), read_only=True)
    try:
        return {d.id: d.path for d in store.documents()}
    finally:
        store.close()


def test_bad_inputs_each_give_one_line_and_the_rest_is_ingested(tmp_path, actor_ids):
    db = tmp_path / "base"
    first = tmp_path / "premier.txt"
    first.write_text(BREST, encoding="utf-8")
    assert run("ingest", str(first), "--db", str(db)).exit_code == 0
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / "vide.txt").write_bytes(b"")
    (folder / "faux.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "ancien.txt").write_bytes(LATIN1.encode("latin-1"))
    (folder / "piege.txt").write_text(INJECTION, encoding="utf-8")
    (folder / "note.md").write_text("# Note\n\n" + MORLAIX, encoding="utf-8")
    with (folder / "enorme.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors == [f"Erreur : {folder / 'enorme.txt'} : fichier trop volumineux (50 Mo, maximum 5 Mo "
                      "pour un .txt) ; "
                      "découpez-le",
                      f"Erreur : {folder / 'faux.pdf'} : ce n'est pas un PDF (en-tête %PDF absent)",
                      f"Erreur : {folder / 'vide.txt'} : fichier vide"]
    assert "Documents lus et enregistrés : 3" in result.stdout
    assert f"attention : {folder / 'ancien.txt'} : texte non UTF-8" in result.stdout
    documents = stored(db)
    assert set(documents) == {content_id(BREST.encode()), content_id(LATIN1.encode("latin-1")),
                              content_id(INJECTION.encode()), content_id(("# Note\n\n" + MORLAIX).encode())}
    store = open_store("ladybug", str(db), read_only=True)
    try:
        titles = {d.title for d in store.documents()}
        graph = store.read()
    finally:
        store.close()
    assert INJECTION.splitlines()[0] in titles
    assert actor_ids(BREST) | actor_ids(MORLAIX) <= set(graph.actors)


def test_quiet_prints_nothing_on_success(tmp_path):
    path = tmp_path / "brest.txt"
    path.write_text(BREST, encoding="utf-8")
    result = run("ingest", str(path), "--db", str(tmp_path / "base"), "--quiet")
    assert result.exit_code == 0 and result.output == ""
    assert list(stored(tmp_path / "base").values()) == [str(path.resolve())]


def test_remove_by_id_prefix_then_by_path(tmp_path):
    db = tmp_path / "base"
    brest, lorvan = tmp_path / "brest.txt", tmp_path / "lorvan.txt"
    brest.write_text(BREST, encoding="utf-8")
    lorvan.write_text(MORLAIX, encoding="utf-8")
    assert run("ingest", str(tmp_path), "--db", str(db), "-q").exit_code == 0
    brest_id = content_id(BREST.encode())
    result = run("remove", brest_id[:10], "--db", str(db))
    assert result.exit_code == 0 and result.stdout == f"Document retiré : {brest.resolve()} ({brest_id[:12]})\n"
    assert set(stored(db)) == {content_id(MORLAIX.encode())}
    assert run("remove", str(lorvan), "--db", str(db)).exit_code == 0
    assert stored(db) == {}


def test_remove_unknown_document_is_one_line(tmp_path):
    result = run("remove", "inconnu", "--db", str(tmp_path / "base"))
    assert result.exit_code == 1
    assert result.stderr == "Erreur : inconnu : aucun document enregistré avec cet identifiant ou ce chemin\n"


def test_locked_database_is_one_line(tmp_path):
    db = tmp_path / "base"
    path = tmp_path / "brest.txt"
    path.write_text(BREST, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom maillage.graph.stores import open_store\n"
                               f"store = open_store('ladybug', {str(db)!r})\nprint('ouvert', flush=True)\n"
                               "sys.stdin.read()\nstore.close()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "ouvert\n"
        result = run("ingest", str(path), "--db", str(db))
    finally:
        holder.communicate("")
    assert result.exit_code == 1
    assert result.stderr.startswith("Erreur : ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
