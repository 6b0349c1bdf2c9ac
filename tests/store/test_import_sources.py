"""Imports are sources: each file its own document; new files add, new versions replace only themselves."""
from __future__ import annotations

from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.stores.ladybug import LadybugStore
from maillage.ingest.csv_import import read_import

ACTORS = "id,name,kinds\ncci,CCI de l'Orbe,cci\nbq,Banque Ruelle,relais\nag,Agence Ombre,agence\n"
LINKS_1 = "source,target,kind\nbq,cci,PARTNER_OF\nag,cci,MEMBER_OF\n"
LINKS_2 = "source,target,kind\ncci,ag,FUNDS\n"


def write(tmp_path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / name)


def run(tmp_path, *files: str):
    return CliRunner().invoke(main, ["import", *files, "--db", str(tmp_path / "base.lbug")])


def stored(tmp_path):
    store = LadybugStore(tmp_path / "base.lbug", read_only=True)
    try:
        return store.read(), store.documents(), store.version()
    finally:
        store.close()


def test_a_second_links_file_adds_to_the_first(tmp_path):
    actors = write(tmp_path, "actors.csv", ACTORS)
    assert run(tmp_path, actors, write(tmp_path, "links1.csv", LINKS_1)).exit_code == 0
    result = run(tmp_path, actors, write(tmp_path, "links2.csv", LINKS_2))
    assert result.exit_code == 0, result.output
    assert "actors.csv (acteurs) : déjà présent" in result.output
    assert "links2.csv (liens) : enregistré, +1 lien, −0 liens (nouvelle source)" in result.output
    graph, documents, _ = stored(tmp_path)
    assert set(graph.links) == {("bq", "PARTNER_OF", "cci"), ("ag", "MEMBER_OF", "cci"), ("cci", "FUNDS", "ag")}
    assert sorted(d.title for d in documents) == ["Import acteurs : actors.csv", "Import liens : links1.csv",
                                                  "Import liens : links2.csv"]


def test_a_new_version_replaces_that_file_only_and_says_what_changed(tmp_path):
    actors = write(tmp_path, "actors.csv", ACTORS)
    run(tmp_path, actors, write(tmp_path, "links1.csv", LINKS_1))
    run(tmp_path, actors, write(tmp_path, "links2.csv", LINKS_2))
    changed = "source,target,kind\nbq,cci,PARTNER_OF\nbq,ag,SUPPORTS\ncci,bq,FUNDS\n"
    result = run(tmp_path, actors, write(tmp_path, "links1.csv", changed))
    assert result.exit_code == 0, result.output
    assert "links1.csv (liens) : enregistré, +2 liens, −1 lien (nouvelle version, remplace la précédente)" \
        in result.output
    graph, documents, _ = stored(tmp_path)
    assert set(graph.links) == {("bq", "PARTNER_OF", "cci"), ("bq", "SUPPORTS", "ag"), ("cci", "FUNDS", "bq"),
                                ("cci", "FUNDS", "ag")}  # links2.csv untouched
    assert len(documents) == 3


def test_a_file_with_no_valid_row_replaces_nothing(tmp_path):
    actors = write(tmp_path, "actors.csv", ACTORS)
    run(tmp_path, actors, write(tmp_path, "links.csv", LINKS_1))
    before = stored(tmp_path)
    for content in ("id,name,kinds\n", "id,name,kinds\nx,,cci\ny,Sans type,\n"):
        write(tmp_path, "actors.csv", content)
        result = run(tmp_path, actors)
        assert result.exit_code == 1
        assert "actors.csv (acteurs) : aucune ligne valide, rien n'est importé ni remplacé." in result.output
    after = stored(tmp_path)
    assert set(after[0].actors) == {"cci", "bq", "ag"} and after[2] == before[2]  # not even the version moved


def test_exit_code_is_zero_only_when_every_row_was_imported(tmp_path):
    actors = write(tmp_path, "actors.csv", ACTORS)
    assert run(tmp_path, actors).exit_code == 0
    bad = write(tmp_path, "links.csv", "source,target,kind\nbq,cci,PARTNER_OF\nbq,inconnu,FUNDS\n")
    result = run(tmp_path, actors, bad)
    assert result.exit_code == 1
    assert "links.csv, ligne 3 : acteur cible inconnu : 'inconnu'" in result.output
    assert ("bq", "PARTNER_OF", "cci") in stored(tmp_path)[0].links


def test_links_may_name_actors_imported_earlier(tmp_path):
    run(tmp_path, write(tmp_path, "actors.csv", ACTORS))
    other = write(tmp_path, "autres.csv", "id,name,kinds\nsc,SCIC Pivert,scic\n")
    links = write(tmp_path, "links.csv", "source,target,kind\nsc,cci,MEMBER_OF\n")
    result = run(tmp_path, other, links)
    assert result.exit_code == 0, result.output
    assert ("sc", "MEMBER_OF", "cci") in stored(tmp_path)[0].links


def test_a_new_actors_version_leaves_the_links_files_as_they_are(tmp_path):
    actors = write(tmp_path, "actors.csv", ACTORS)
    run(tmp_path, actors, write(tmp_path, "links.csv", LINKS_1))
    write(tmp_path, "actors.csv", ACTORS.replace("ag,Agence Ombre,agence\n", ""))
    result = run(tmp_path, actors)
    assert "−1 acteur" in result.output
    graph = stored(tmp_path)[0]
    assert set(graph.actors) == {"cci", "bq"}
    assert set(graph.links) == {("bq", "PARTNER_OF", "cci"), ("ag", "MEMBER_OF", "cci")}  # links.csv still says so


def test_a_stray_quote_loses_no_later_row(tmp_path):
    rows = "".join(f"a{i},Acteur {i},cci\n" for i in range(50))
    actors = write(tmp_path, "actors.csv", 'id,name,kinds\nx,"Guillemet seul,cci\n' + rows
                   + 'y,"Sur deux\nlignes",agence\nz,Dernier,cci\n')
    batch, errors = read_import(actors)
    assert [str(e) for e in errors] == [
        "actors.csv, ligne 2 : guillemet non fermé : ligne ignorée (corrigez-la puis réimportez le fichier)"]
    ids = [a.id for a in batch.actors]
    assert ids == [f"a{i}" for i in range(50)] + ["y", "z"]
    assert batch.actors[-2].name == "Sur deux\nlignes"
    result = run(tmp_path, actors)
    assert result.exit_code == 1 and "ligne 2 : guillemet non fermé" in result.output
    assert "Lu : 53 acteur(s)" in result.output and "Importé : 52 acteur(s)" in result.output


def test_line_numbers_after_a_stray_quote_and_a_cell_on_two_lines(tmp_path):
    actors = write(tmp_path, "actors.csv", 'id,name,kinds\na,"Ouvert,cci\nb,"Deux\nlignes",cci\n\nc,Faux,licorne\n')
    _, errors = read_import(actors)
    assert [(e.line, e.reason.split(" :")[0]) for e in errors] == [(2, "guillemet non fermé"),
                                                                   (6, "type d'acteur inconnu")]


def test_a_legacy_pair_import_is_replaced_by_the_actors_source(tmp_path):
    actors, links = write(tmp_path, "actors.csv", ACTORS), write(tmp_path, "links.csv", LINKS_1)
    batch, _ = read_import(actors, links)  # one document for the pair, as imports were stored before sources
    store = LadybugStore(tmp_path / "base.lbug")
    store.write(batch)
    store.close()
    result = run(tmp_path, actors, links)
    assert "nouvelle version, remplace la précédente" in result.output
    graph, documents, _ = stored(tmp_path)
    assert len(documents) == 2 and set(graph.links) == {("bq", "PARTNER_OF", "cci"), ("ag", "MEMBER_OF", "cci")}
