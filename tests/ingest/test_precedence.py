"""Imported actors outrank what a document infers (issue 11): same actor, same kinds, one node."""
from __future__ import annotations

from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.kb import open_kb
from maillage.nlp.lexicon import fold

ACTORS = ("id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance\n"
          "advs,Agence de développement du Val Sorne,ADVS,agence,,,,,,,\n"
          "doret,Cabinet Doret & Associés,,relais,,,,,,,\n"
          "bois-lab,Bois Lab Sorne,,recherche_formation,,,,,,,\n")
TEXT = ("L'ADVS et le cabinet Doret accompagnent la SCIC Bois Vert. Bois Lab Sorne, présidé par Jean Morin, "
        "adhère à l'ADVS. Selon l'ADVS, Doret a conseillé Bois Lab Sorne.\n")


def test_a_document_adds_no_second_actor_and_changes_no_kind_of_an_imported_one(tmp_path):
    (tmp_path / "acteurs.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "note.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "base")
    runner = CliRunner()
    assert runner.invoke(main, ["import", "--db", db, str(tmp_path / "acteurs.csv")]).exit_code == 0
    result = runner.invoke(main, ["ingest", "--db", db, "--quiet", str(tmp_path / "note.txt")])
    assert result.exit_code == 0, result.output
    with open_kb(db, read_only=True) as kb:
        graph = kb.graph()
    assert graph.actors["advs"].kinds[0] == "agence"
    assert graph.actors["bois-lab"].kinds[0] == "recherche_formation"
    names = [fold(a.name) for a in graph.actors.values()]
    assert not any("doret" in n for n in names if n != fold("Cabinet Doret & Associés"))
    assert names.count(fold("Bois Lab Sorne")) == 1 and "advs" not in names
