"""The analysis commands on a real LadybugDB built once from small CSV files."""
import csv
import gc
import importlib
import io
import json
import weakref
from contextlib import redirect_stdout

import pytest
from click.testing import CliRunner

from maillage.cli import analyses, main

TERRITORIES = """id,name,level,code,parent
dep,Doubs Fictif,departement,99,
val,Vallon,epci,200000001,dep
bourg,Bourg,commune,99001,val
pla,Plateau,epci,200000002,dep
"""
ACTORS = """id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance
agglo,Communauté du Vallon,,collectivite,,Vallon,,,,,
guichet,Maison des entreprises,,agence,guichet_unique,Bourg,,,,,
cci,CCI Fictive,,cci,,Doubs Fictif,,,,,
codev,Conseil de développement du Vallon,,instance,,Vallon,,,,,
scic,SCIC Énergie,,scic,transition,Bourg,,PME,D,,
ptce,PTCE du Vallon,,ptce,,Vallon,,,,,
compta,Cabinet Compta,,relais,,Bourg,,,,,
banque,Banque Locale,,relais,,Vallon,,,,,
f1,Boulangerie Un,,entreprise,,Bourg,,TPE,C,,
f2,Menuiserie Deux,,entreprise,,Bourg,,TPE,C,,
f3,Garage Trois,,entreprise,,Vallon,,PME,G,,
e1,Anne Élue,,personne,elu,,,,,,convaincu
e2,Bruno Élu,,personne,elu,,,,,,indecis
e3,Chloé Élue,,personne,elu,,,,,,oppose
far,Ferme du Plateau,,entreprise,,Plateau,,TPE,A,,
"""
LINKS = """source,target,kind,confidence,note
guichet,cci,REFERS_TO,1,
guichet,banque,PARTNER_OF,1,
agglo,codev,FOUNDED,1,
scic,codev,MEMBER_OF,1,
compta,f1,SUPPORTS,1,
compta,f2,SUPPORTS,1,
banque,f2,FUNDS,1,
banque,f3,FUNDS,0.4,
e1,codev,MEMBER_OF,1,
e2,codev,MEMBER_OF,1,
e3,agglo,GOVERNS,1,
banque,financement,OFFERS,1,
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("analyses")
    for name, text in (("territories.csv", TERRITORIES), ("actors.csv", ACTORS), ("links.csv", LINKS)):
        (folder / name).write_text(text, encoding="utf-8")
    path = str(folder / "db")
    result = CliRunner().invoke(main, ["import", str(folder / "actors.csv"), str(folder / "links.csv"),
                                       "--territoires", str(folder / "territories.csv"), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def run(db, *args):
    result = CliRunner().invoke(main, [*args, "--db", db])
    return result.exit_code, result.output


def run_json(db, *args):
    code, out = run(db, *args, "--format", "json")
    assert code == 0, out
    return json.loads(out)


def test_coverage_json(db):
    data = run_json(db, "coverage", "--territoire", "vallon")
    assert data["territoire"] == "Vallon" and [w["id"] for w in data["windows"]] == ["guichet"]
    needs = {n["need"]: n for n in data["needs"]}
    assert needs["financement"]["status"] == "couvert"
    banque = next(p for p in needs["financement"]["providers"] if p["id"] == "banque")
    assert banque["reached"] is True and banque["name"] == "Banque Locale"
    assert needs["international"]["status"] == "couvert"  # the CCI, by kind, referred to by the window
    assert needs["emploi_recrutement"]["status"] == "desert"


def test_relays_json_and_csv(db):
    data = run_json(db, "relays", "--territoire", "200000001", "--depuis", "Maison des entreprises")
    assert data["target_count"] == 3
    assert [(r["id"], r["reach"]) for r in data["ranking"]] == [("banque", 2), ("compta", 2)]
    assert data["selection"][-1]["cumulative_share"] == 1.0
    code, out = run(db, "relays", "--territoire", "Vallon", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["id"] for r in rows} == {"banque", "compta"}


def test_confidence_filter_changes_reach(db):
    data = run_json(db, "relays", "--territoire", "Vallon", "--confiance-min", "0.5")
    assert dict((r["id"], r["reach"]) for r in data["ranking"])["banque"] == 1


def test_peers_shadow_network_json(db):
    peers = run_json(db, "peers", "--territoire", "Vallon", "--elu", "anne elue")
    assert peers["elu"]["id"] == "e1"
    assert [(p["id"], p["paths"]) for p in peers["peers"]] == [
        ("e2", [["Anne Élue", "Conseil de développement du Vallon", "Bruno Élu"]])]
    assert [p["id"] for p in peers["unreachable"]] == ["e3"]  # FOUNDED is not a channel
    shadow = run_json(db, "shadow-cci", "--territoire", "Vallon", "--size", "2")
    assert {"cci", "codev"} <= {a["id"] for a in shadow["official_bodies"]}
    assert [a["id"] for a in shadow["absent"]] == ["ptce"] and len(shadow["roster"]) == 2
    network = run_json(db, "network", "--territoire", "Vallon")
    assert {"actors", "communities", "brokers", "isolated"} <= set(network)
    assert "far" not in {a["id"] for a in network["actors"]}


def test_network_of_a_large_scope_through_the_prepared_children(db, monkeypatch):
    """Past the thresholds (lowered here) the command's measures come from the children it forks before
    reading the base: the same JSON as the analysis run in this process; the result is kept, not freed."""
    net = importlib.import_module("maillage.graph.analysis.network")
    for name, value in (("EXACT_MAX", 3), ("KADABRA_MAX", 3), ("BETWEENNESS_SAMPLES", 4)):
        monkeypatch.setattr(net, name, value)
    data = run_json(db, "network", "--territoire", "Vallon")
    assert any("sources tirées au hasard" in note for note in data["notes"])
    G = analyses._project(db, "ladybug", territoire="Vallon", kinds="", link_kinds="", min_confidence=0.0,
                          exclude_methods="", around="", radius=2)
    result = net.network(G)
    assert data == json.loads(analyses.json_bytes(result))
    kept = weakref.ref(result)
    with redirect_stdout(io.TextIOWrapper(io.BytesIO())):
        analyses._emit(result, "json", None, None)
    del result
    gc.collect()
    assert kept() is not None


def test_tables_are_french_text(db):
    code, out = run(db, "coverage", "--territoire", "Vallon")
    assert code == 0 and "Couverture par guichet unique — Vallon" in out
    assert "Score : 70 % des besoins couverts (7/10)" in out
    code, out = run(db, "compare", "--territoire", "Vallon", "--territoire", "Plateau")
    assert code == 0 and "Comparaison des territoires : Vallon / Plateau" in out


def test_bad_input_is_one_french_line(db):
    for args, expected in [
        (("coverage", "--territoire", "Valon"),
         "Erreur : territoire inconnu : « Valon » ; les plus proches : Vallon"),
        (("peers", "--territoire", "Vallon", "--elu", "Zorro"), "Erreur : élu inconnu : « Zorro »"),
        (("relays", "--segment", "géant"), "Erreur : segment inconnu"),
        (("network", "--types", "banque"), "Erreur : code inconnu pour type d'acteur"),
        (("coverage", "--territoire", "Plateau", "--types", "cci"), "Erreur : périmètre vide"),
    ]:
        code, out = run(db, *args)
        assert code == 1 and out.startswith(expected), out
        assert out.count("\n") == 1 and "Traceback" not in out


@pytest.mark.parametrize("command,extra,title", [
    ("coverage", [], "Couverture par guichet unique"),
    ("shadow-cci", [], "CCI fantôme"),
    ("relays", [], "Acteurs relais"),
    ("peers", ["--elu", "e1"], "Pairs à convaincre"),
    ("network", [], "Structure du réseau"),
    ("compare", ["--territoire", "Plateau"], "Comparaison des territoires"),
])
def test_every_command_in_every_format(db, command, extra, title):
    args = [command, "--territoire", "Vallon", *extra]
    code, out = run(db, *args)
    assert code == 0 and out.startswith(title), out
    code, out = run(db, *args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and ({"id", "nom"} <= set(rows[0]) or {"code", "libelle"} <= set(rows[0])), out
    code, out = run(db, *args, "--format", "json")
    assert code == 0 and isinstance(json.loads(out), dict)


def test_analysis_csv_neutralises_formula_names(tmp_path):
    actors = ACTORS.replace("CCI Fictive", '"=HYPERLINK(""http://exemple.invalid"",""x"")"').replace(
        "Conseil de développement du Vallon", "-Conseil+1")
    for name, text in (("territories.csv", TERRITORIES), ("actors.csv", actors), ("links.csv", LINKS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = str(tmp_path / "db")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "actors.csv"), str(tmp_path / "links.csv"),
                                       "--territoires", str(tmp_path / "territories.csv"), "--db", path])
    assert result.exit_code == 0, result.output
    code, out = run(path, "shadow-cci", "--format", "csv")
    names = [row["nom"] for row in csv.DictReader(io.StringIO(out))]
    assert code == 0 and '\'=HYPERLINK("http://exemple.invalid","x")' in names and "'-Conseil+1" in names
    assert not [n for n in names if n.startswith(("=", "-", "+", "@"))]
