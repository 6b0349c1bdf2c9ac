"""``maillage import``: French summary, rejected rows, idempotent re-import, strict mode, replacement."""
from __future__ import annotations

from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.stores.ladybug import LadybugStore

ACTORS = "id,name,kinds,territory\ncci,CCI de l'Indre,cci,Châteauroux\nbq,Banque X,relais,\nbad,Mauvais,licorne,\n"
LINKS = "source,target,kind,confidence,note\nbq,cci,PARTNER_OF,0.9,<script>x</script>\ncci,financement,OFFERS,,\n"


def run(*args: str):
    return CliRunner().invoke(main, ["import", *args])


def files(tmp_path, actors: str = ACTORS):
    (tmp_path / "actors.csv").write_text(actors, encoding="utf-8")
    (tmp_path / "links.csv").write_text(LINKS, encoding="utf-8")
    return str(tmp_path / "actors.csv"), str(tmp_path / "links.csv"), "--db", str(tmp_path / "base.lbug")


def stored_graph(tmp_path):
    store = LadybugStore(tmp_path / "base.lbug", read_only=True)
    try:
        return store.read()
    finally:
        store.close()


def test_import_prints_a_french_summary_and_the_rejected_rows(tmp_path):
    result = run(*files(tmp_path))
    assert result.exit_code == 1, result.output  # a rejected row: not everything was imported
    assert "Lu : 3 acteur(s), 2 lien(s)." in result.output
    assert "Importé : 2 acteur(s), 2 lien(s), 1 localisation(s), 1 territoire(s)" in result.output
    assert "Lignes rejetées : 1" in result.output
    assert "actors.csv, ligne 4 : type d'acteur inconnu : 'licorne'" in result.output
    graph = stored_graph(tmp_path)
    assert set(graph.actors) == {"cci", "bq"}
    assert graph.links[("bq", "PARTNER_OF", "cci")].evidence[0].sentence == "<script>x</script>"


def test_importing_the_same_files_again_does_nothing(tmp_path):
    args = files(tmp_path, ACTORS.replace("bad,Mauvais,licorne,\n", ""))
    assert run(*args).exit_code == 0
    result = run(*args)
    assert result.exit_code == 0 and "Import déjà présent : rien à faire." in result.output


def test_strict_mode_refuses_the_whole_import(tmp_path):
    result = run(*files(tmp_path), "--strict")
    assert result.exit_code == 1
    assert result.output.startswith("Erreur : 1 ligne(s) invalide(s), import annulé")
    assert "Traceback" not in result.output
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        assert store.documents() == []
    finally:
        store.close()


def test_a_new_state_of_the_same_file_replaces_the_previous_import(tmp_path):
    run(*files(tmp_path))
    result = run(*files(tmp_path, ACTORS.replace("Banque X", "Banque Y")))
    assert "actors.csv (acteurs) : enregistré, +0 acteurs, −0 acteurs (nouvelle version" in result.output
    assert "links.csv (liens) : déjà présent" in result.output
    store = LadybugStore(tmp_path / "base.lbug", read_only=True)
    try:
        assert len(store.documents()) == 2  # one source per file
        assert store.read().actors["bq"].name == "Banque Y"
    finally:
        store.close()


def test_a_missing_file_is_one_french_line(tmp_path):
    result = run(str(tmp_path / "absent.csv"), "--db", str(tmp_path / "base.lbug"))
    assert result.exit_code == 1
    assert result.output.strip() == f"Erreur : fichier introuvable : {tmp_path / 'absent.csv'}"


def test_a_first_import_reports_the_links_rows_checked_while_the_actors_are_written(tmp_path):
    args = files(tmp_path, ACTORS.replace("bad,Mauvais,licorne,\n", ""))
    (tmp_path / "links.csv").write_text(LINKS + "bq,fantome,PARTNER_OF,,\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "links.csv, ligne 4 : acteur cible inconnu : 'fantome'" in result.output
    graph = stored_graph(tmp_path)
    assert {key for key in graph.links if key[1] != "LOCATED_IN"} == {("bq", "PARTNER_OF", "cci"),
                                                                    ("cci", "OFFERS", "financement")}


def test_a_links_file_that_cannot_be_read_stops_a_first_import_before_anything_is_written(tmp_path):
    args = files(tmp_path)
    (tmp_path / "links.csv").write_text("source,kind\nbq,PARTNER_OF\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 1 and "colonne(s) obligatoire(s) absente(s)" in result.output, result.output
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        assert store.documents() == []
    finally:
        store.close()
