"""The data commands end to end on a real LadybugDB: export, stats, curate, import-decisions, bad input."""
import json
import shutil
import subprocess
import sys
import textwrap

import igraph
import networkx as nx
import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.curation import apply_decisions
from maillage.graph.export import to_json
from maillage.graph.stores import open_store


def build_db(path, batches):
    store = open_store("ladybug", str(path))
    try:
        for batch in batches:
            store.write(batch)
    finally:
        store.close()
    return path


def stored_decisions(path):
    store = open_store("ladybug", str(path), read_only=True)
    try:
        return store.decisions()
    finally:
        store.close()


def curated(path):
    store = open_store("ladybug", str(path), read_only=True)
    try:
        return apply_decisions(store.read(), store.decisions())
    finally:
        store.close()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory, sample_batches_for_module):
    return build_db(tmp_path_factory.mktemp("template") / "base", sample_batches_for_module)


@pytest.fixture
def db(tmp_path, template_db):
    """A fresh copy of the sample base (the database and any side file it keeps)."""
    for file in template_db.parent.iterdir():  # the folded snapshot beside it is a folder
        (shutil.copytree if file.is_dir() else shutil.copy)(file, tmp_path / file.name)
    return tmp_path / template_db.name


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + str(result.exception)
    return result


def test_stats_in_french(db):
    out = run("stats", "--db", db).output
    assert "Acteurs : 5" in out and "Liens : 9" in out and "Acteurs par type principal :" in out
    assert json.loads(run("stats", "--json", "--db", db).output)["by_kind"]["cci"] == 2


def test_export_json_to_stdout_and_file(db, tmp_path):
    data = json.loads(run("export", "--format", "json", "--db", db).output)
    assert data == json.loads(json.dumps(to_json(curated(db))))
    assert {a["id"] for a in data["actors"]} >= {"cci-lorvan", "marie-dupont"}
    run("export", "-f", "json", "-o", tmp_path / "out.json", "--db", db)
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8")) == data


def test_export_network_files_load_with_equal_counts(db, tmp_path):
    run("export", "-f", "gexf", "-o", tmp_path / "g.gexf", "--db", db)
    run("export", "-f", "graphml", "-o", tmp_path / "g.graphml", "--db", db)
    gexf, graphml = nx.read_gexf(tmp_path / "g.gexf"), nx.read_graphml(tmp_path / "g.graphml")
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (graphml.number_of_nodes(),
                                                                 graphml.number_of_edges()) == (ig.vcount(), ig.ecount())
    assert ig.ecount() == 9
    out = run("export", "-f", "csv", "-o", tmp_path / "kumu", "--db", db).output
    assert "kumu-elements.csv" in out and (tmp_path / "kumu-connections.csv").is_file()


def test_curate_by_name_list_undo_and_export(db):
    out = run("curate", "fusionner", "CCI Lorvan", "CCI du Pays de Lorvan", "--auteur", "Alice", "--db", db).output
    assert out.startswith("Décision enregistrée : ")
    run("curate", "position", "Marie Dupont", "convaincu", "--db", db)
    run("curate", "types", "scic-energie", "scic", "ptce", "--db", db)
    run("curate", "roles", "cluster-bois", "tete_de_reseau", "--db", db)
    run("curate", "ajouter-lien", "cluster-bois", "OFFERS", "mise_en_reseau", "--cible", "service", "--db", db)
    run("curate", "rejeter-lien", "cluster-bois", "PARTNER_OF", "scic-energie", "--db", db)
    run("curate", "add", "rename", "-p", "actor=cluster-bois", "-p", "name=Cluster Bois Breton", "--db", db)
    run("curate", "ajouter-lien", "Cluster Bois", "LOCATED_IN", "Lorvan", "--cible", "territoire", "--db", db)
    graph = curated(db)
    assert "cci-lorvan" not in graph.actors
    assert graph.actors["marie-dupont"].attributes["stance"] == "convaincu"
    assert graph.actors["scic-energie"].kinds == ["scic", "ptce"]
    assert graph.actors["cluster-bois"].name == "Cluster Bois Breton"
    assert ("cluster-bois", "OFFERS", "mise_en_reseau") in graph.links
    assert graph.links[("cluster-bois", "LOCATED_IN", "territoire:lorvan")].target_type == "territory"
    assert ("scic-energie", "PARTNER_OF", "cluster-bois") not in graph.links
    decisions = stored_decisions(db)
    assert [d.action for d in decisions] == ["merge", "set_stance", "set_kinds", "set_roles", "add_link",
                                             "reject_link", "rename", "add_link"]
    assert decisions[0].author == "Alice" and decisions[0].params == {"source": "cci-lorvan",
                                                                      "target": "cci-du-pays-de-lorvan"}
    run("curate", "annuler", decisions[0].id[:8], "--db", db)
    assert "cci-lorvan" in curated(db).actors
    listing = run("curate", "liste", "--db", db).output
    assert "fusionner cci-lorvan → cci-du-pays-de-lorvan  [annulée]" in listing and "Alice" in listing
    assert run("curate", "list", "--db", db).output == listing


def test_rebuild_from_same_batches_and_exported_decisions_gives_the_same_graph(db, tmp_path, batches):
    run("curate", "fusionner", "cci-lorvan", "cci-du-pays-de-lorvan", "--db", db)
    run("curate", "renommer", "marie-dupont", "Marie Dupont-Le Gall", "--db", db)
    decisions_file = tmp_path / "decisions.json"
    run("export", "-f", "decisions", "-o", decisions_file, "--db", db)
    rebuilt = build_db(tmp_path / "rebuilt", batches)
    out = run("import-decisions", decisions_file, "--db", rebuilt).output
    assert "2 nouvelle(s), 0 déjà présente(s)" in out
    assert "0 nouvelle(s), 2 déjà présente(s)" in run("import-decisions", decisions_file, "--db", rebuilt).output
    expected = run("export", "--db", db).output
    assert run("export", "--db", rebuilt).output == expected
    store = open_store("ladybug", str(rebuilt))  # remove the facts of a document, then write them again
    try:
        store.remove_document("d2")
        assert "marie-dupont" not in apply_decisions(store.read(), store.decisions()).actors
        store.write(batches[1])
    finally:
        store.close()
    assert run("export", "--db", rebuilt).output == expected


def assert_refused(result, *words):
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Erreur : "), result.output
    assert all(w in lines[0] for w in words), lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, words", [
    (("curate", "types", "cluster-bois", "chambre"), ("'chambre'",)),
    (("curate", "position", "marie-dupont", "pour"), ("'pour'",)),
    (("curate", "ajouter-lien", "cluster-bois", "KNOWS", "scic-energie"), ("'KNOWS'",)),
    (("curate", "renommer", "Inconnu SA", "X"), ("acteur introuvable", "'Inconnu SA'")),
    (("curate", "rejeter-lien", "cluster-bois", "FUNDS", "scic-energie"), ("lien introuvable",)),
    (("curate", "annuler", "zzzz"), ("décision introuvable",)),
    (("curate", "add", "delete", "-p", "actor=x"), ("'delete'",)),
    (("curate", "add", "rename", "-p", "actor"), ("'actor'",)),
    (("import-decisions", "absent.json"), ("fichier introuvable", "absent.json")),
])
def test_bad_input_gives_one_french_line_and_leaves_the_base_unchanged(db, args, words):
    before = to_json(curated(db))
    assert_refused(run(*args, "--db", db, ok=False), *words)
    assert stored_decisions(db) == [] and to_json(curated(db)) == before


RENAME = {"action": "rename", "id": "r1", "author": "Alice", "params": {"actor": "cluster-bois", "name": "X"}}


@pytest.mark.parametrize("content, words", [
    (b"{not json", ("JSON invalide", "ligne 1")),
    (b"\xff\xfe\x00binary", ("UTF-8",)),
    (json.dumps({"decisions": [{"action": "set_kinds", "params": {"actor": "x", "kinds": ["zzz"]}}]}).encode(),
     ("décision n° 1", "'zzz'")),
    (b'{"decisions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ("imbriqué",)),
    (json.dumps({"decisions": [RENAME, {**RENAME, "id": 7}]}).encode(), ("décision n° 2", "identifiant 7")),
    (json.dumps({"decisions": [{**RENAME, "author": ["Alice", "Bob"]}]}).encode(), ("décision n° 1", "auteur")),
    (json.dumps({"decisions": [{**RENAME, "at": 5}]}).encode(), ("décision n° 1", "date 5", "ISO 8601")),
    (json.dumps({"decisions": [{**RENAME, "at": "hier"}]}).encode(), ("date 'hier'",)),
    (json.dumps({"decisions": [{**RENAME, "params": {"actor": "x", "name": {"a": {"b": 1}}}}]}).encode(),
     ("paramètre 'name'",)),
    (json.dumps({"decisions": [{**RENAME, "params": {"actor": "x", "name": "n" * 6000}}]}).encode(),
     ("paramètre 'name'",)),
])
def test_bad_decisions_file_is_refused_whole(db, tmp_path, content, words):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert_refused(run("import-decisions", bad, "--db", db, ok=False), *words)
    assert stored_decisions(db) == []


def test_oversized_decisions_file_is_refused_before_reading(db, tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(json.dumps({"decisions": [RENAME]}).encode() + b" " * (21 * 1024 * 1024))
    assert_refused(run("import-decisions", big, "--db", db, ok=False), "trop volumineux", "20 Mo")
    assert stored_decisions(db) == []


def test_valid_decisions_file_with_iso_dates_is_imported(db, tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"decisions": [{**RENAME, "at": "2026-03-01T09:30:00+00:00"}]}), encoding="utf-8")
    run("import-decisions", good, "--db", db)
    assert [(d.id, d.author, d.at) for d in stored_decisions(db)] == [("r1", "Alice", "2026-03-01T09:30:00+00:00")]


def test_forced_decision_on_an_absent_actor_is_kept(db):
    run("curate", "position", "jean-martin", "oppose", "--forcer", "--db", db)
    assert [d.params["actor"] for d in stored_decisions(db)] == ["jean-martin"]
    assert "jean-martin" not in curated(db).actors


HOLD_LOCK = textwrap.dedent("""
    import sys
    from maillage.graph.stores import open_store
    store = open_store("ladybug", sys.argv[1])
    print("ready", flush=True)
    sys.stdin.read()
    store.close()
""")


def test_locked_database_gives_one_french_line(db, tmp_path):
    decisions_file = tmp_path / "decisions.json"
    decisions_file.write_text(json.dumps({"decisions": [{"action": "rename", "id": "r1",
                                                         "params": {"actor": "cluster-bois", "name": "X"}}]}))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert_refused(run("curate", "renommer", "cluster-bois", "X", "--db", db, ok=False))
        assert_refused(run("import-decisions", decisions_file, "--db", db, ok=False))
    finally:
        holder.communicate("")
    assert stored_decisions(db) == []
