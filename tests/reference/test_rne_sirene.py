"""RNE and SIRENE importers, the relay deserts and the CLI on the demo's official samples."""
from __future__ import annotations

import json

from click.testing import CliRunner

from maillage.cli import main
from maillage.cli.reference import import_reference
from maillage.graph.analysis.relay_deserts import relay_deserts


def test_rne_officials_merge_with_known_people_and_govern_what_they_chair(demo_graph):
    claire = demo_graph.actors["p-claire-vasseur"]  # the demo's person, not a second « Claire Vasseur »
    assert not any(a.name == "Claire Vasseur" and a.id != claire.id for a in demo_graph.actors.values())
    assert claire.attributes["debut_mandat"] == "2020-03-15"
    assert ("p-claire-vasseur", "GOVERNS", "ville-brennecourt") in demo_graph.links
    assert ("p-claire-vasseur", "GOVERNS", "ca-vdb") in demo_graph.links
    assert ("p-thierry-lambert", "MEMBER_OF", "ca-vdb") in demo_graph.links
    assert ("p-thierry-lambert", "GOVERNS", "ca-vdb") not in demo_graph.links  # a vice-president chairs nothing
    new = demo_graph.actors["gilles-hamelin"]
    assert new.kinds == ["personne"] and new.roles == ["elu"]


def test_rne_never_keeps_birth_date_profession_or_sex(store, samples):
    (batch, _status), = import_reference(store, "rne", [samples / "elus-maires.csv"], progress=False)
    people = [a for a in store.read().actors.values() if "personne" in a.kinds]
    assert len(people) == 15
    stored = json.dumps([a.attributes for a in people], ensure_ascii=False)
    births = [line.split(";")[9] for line in (samples / "elus-maires.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert not any(b in stored for b in births) and "Profession" not in stored
    assert set().union(*(a.attributes for a in people)) <= {"function", "debut_mandat", "debut_fonction"}
    assert store.read().actors["annick-de-la-bruyere"].name == "Annick de la Bruyère"


def test_sirene_keeps_active_establishments_with_kinds_sizes_and_relays(demo_graph):
    firms = {a.id: a for a in demo_graph.actors.values() if a.id.startswith("siret:")}
    assert len(firms) == 74  # 8 relays, 60 firms, 6 special units; the closed establishment is left out
    by_name = {a.name: a for a in firms.values()}
    assert by_name["FIDUCIAIRE DU VAL"].kinds == ["relais"]
    assert by_name["FIDUCIAIRE DU VAL"].attributes["relay"] == "comptabilite"
    assert by_name["SCOP MENUISERIES DU SAULNAY"].kinds == ["cooperative"]
    assert by_name["SCOP MENUISERIES DU SAULNAY"].attributes["size"] == "PME"  # band 11: 10 to 19 employees
    assert by_name["SCIC ENERGIES DES COTEAUX"].kinds == ["scic"]
    assert by_name["ASSOCIATION BRENNE SOLIDAIRE"].kinds == ["association"]
    assert by_name["FONDATION DU BOCAGE"].roles == ["ess"] and by_name["FONDATION DU BOCAGE"].kinds == ["fondation"]
    assert not any("Secretan" in a.name.title() for a in firms.values())  # restricted diffusion: no person named
    fiduciaire = by_name["FIDUCIAIRE DU VAL"]
    assert (fiduciaire.id, "LOCATED_IN", "territoire:brennecourt") in demo_graph.links
    assert fiduciaire.attributes["sector"] == "M" and fiduciaire.attributes["naf"] == "69.20Z"


def test_sirene_bad_siret_is_reported_with_its_line(store, samples):
    import_reference(store, "cog", [samples / "v_commune_2025.csv"], progress=False)
    path = samples / "StockEtablissement_demo.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = lines[2].split(",")
    fields[2] = "12AB"
    lines[2] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (batch, _status), = import_reference(store, "sirene", [path], territoire="108", progress=False)
    assert [(e.line, e.reason) for e in batch.errors] == [(3, "SIRET illisible : '12AB'")]
    assert len(batch.actors) == 72  # every active establishment of 108 but the bad row


def test_relay_deserts_of_the_demo(demo_graph):
    result = relay_deserts(demo_graph, "Pays de Brenne-Argence")
    rows = {c.name: c for c in result.communes}
    assert rows["Brennecourt"].served == {"comptabilite": "commune", "banque": "commune", "chambre": "commune"}
    assert rows["La Chapelle-Haute"].desert and rows["La Chapelle-Haute"].missing == ["chambre"]
    assert rows["Bois-Rotrou"].served["banque"] == "epci" and not rows["Bois-Rotrou"].desert
    assert result.deserts == 3 and rows["Lisoy-le-Château"].lat is not None


def test_cli_coverage_by_official_epci_code_and_import_messages(demo_db, samples, tmp_path):
    runner = CliRunner()
    done = runner.invoke(main, ["coverage", "--db", str(demo_db), "--territoire", "200099011", "-f", "json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.output)
    assert result["territoire"] == "Val de Brenne" and result["firms_by_size"]["TPE"] > 50
    db = str(tmp_path / "cli.lbug")
    first = runner.invoke(main, ["importer-reference", "cog", str(samples / "v_commune_2025.csv"), "--db", db,
                                 "--quiet"])
    assert first.exit_code == 0 and "15 territoire(s)" in first.output and "importé" in first.output
    again = runner.invoke(main, ["importer-reference", "cog", str(samples / "v_commune_2025.csv"), "--db", db])
    assert "déjà présent : rien à faire" in again.output
    bad = runner.invoke(main, ["importer-reference", "rne", str(samples / "v_region_2025.csv"), "--db", db])
    assert bad.exit_code == 1 and "colonne(s) absente(s) : Nom de l'élu" in bad.output
    deserts = runner.invoke(main, ["deserts-relais", "--db", str(demo_db), "--territoire", "200099013"],
                            env={"COLUMNS": "200"})
    assert deserts.exit_code == 0 and "La Chapelle-Haute" in deserts.output and "Brennecourt" not in deserts.output


def test_sirene_filtered_by_the_name_of_an_intercommunality(store, samples):
    import_reference(store, "cog", [samples / "v_commune_2025.csv"], progress=False)
    import_reference(store, "epci", [samples / "Intercommunalite_Metropole_2025_composition.csv"], progress=False)
    (batch, _status), = import_reference(store, "sirene", [samples / "StockEtablissement_demo.csv"],
                                         territoire="Communauté de communes des Monts du Lisois", progress=False)
    places = {l.target for l in batch.links.values() if l.kind == "LOCATED_IN"}
    assert places == {"commune:10824", "commune:10817", "commune:10809"}
    assert "AUDIT LISOIS" not in {a.name for a in batch.actors.values()}  # no StockUniteLegale: no legal name
    assert {a.attributes["relay"] for a in batch.actors.values() if "relay" in a.attributes} == {
        "comptabilite", "banque", "juridique"}
