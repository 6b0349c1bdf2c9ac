"""COG and EPCI importers: official territories, hierarchy, authorities, filters, sources, bad rows."""
from __future__ import annotations

from openpyxl import Workbook

from maillage.cli.reference import import_reference
from maillage.graph.scope import resolve_territory

COG = ["v_region_2025.csv", "v_departement_2025.csv", "v_commune_2025.csv"]


def test_cog_builds_the_official_hierarchy_with_authorities(store, samples):
    done = import_reference(store, "cog", [samples / n for n in COG], progress=False)
    assert [status for _b, status in done] == ["new", "new", "new"]
    graph = store.read()
    levels = sorted(t.level for t in graph.territories.values())
    assert levels.count("commune") == 15 and levels.count("departement") == 2 and levels.count("region") == 1
    assert "commune:10899" not in graph.territories  # a delegated commune (TYPECOM COMD) is no commune
    brennecourt = graph.territories["commune:10807"]
    assert (brennecourt.name, brennecourt.parent) == ("Brennecourt", "departement:108")
    assert graph.territories["departement:108"].parent == "region:09"
    authority = graph.actors["collectivite:commune:10807"]
    assert authority.name == "Commune de Brennecourt" and "Ville de Brennecourt" in authority.aliases
    assert ("collectivite:commune:10807", "GOVERNS", "commune:10807") in graph.links
    assert graph.actors["collectivite:commune:10815"].name == "Commune des Essarts-Brenne"  # TNCC 4: « des »


def test_reimport_changes_nothing_and_a_new_vintage_replaces_its_source_only(store, samples):
    import_reference(store, "cog", [samples / n for n in COG], progress=False)
    before = store.documents()
    assert [s for _b, s in import_reference(store, "cog", [samples / n for n in COG], progress=False)] == [
        "present"] * 3
    assert store.documents() == before
    newer = samples / "v_commune_2026.csv"
    newer.write_text((samples / "v_commune_2025.csv").read_text(encoding="utf-8").replace("Saulnay", "Saulnay-la-Neuve"),
                     encoding="utf-8")
    (_batch, status), = import_reference(store, "cog", [newer], progress=False)
    assert status == "replaced"
    documents = store.documents()
    assert len(documents) == 3 and sum("v_commune_2026" in d.title for d in documents) == 1
    assert store.read().territories["commune:10835"].name == "Saulnay-la-Neuve"


def test_territory_filter_by_code_and_bad_rows_reported_with_their_line(store, samples):
    path = samples / "v_commune_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "COM,10990,09,108,too,many,cells,here,x,y,z,w,v,u")
    lines.insert(5, "COM,,09,108,,,0,,,,,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (batch, _status), = import_reference(store, "cog", [path], territoire="108", progress=False)
    assert sorted((e.line, e.reason[:12]) for e in batch.errors) == [(4, "nombre de ce"), (6, "code, nom ou")]
    codes = {t.code for t in store.read().territories.values() if t.level == "commune"}
    assert "10905" not in codes and len(codes) == 14  # Ligeville is in département 109


def _workbook(path, samples):
    """The INSEE workbook layout: title lines, then the table, on two sheets."""
    book = Workbook()
    epci = book.active
    epci.title = "EPCI"
    epci.append(["Intercommunalités au 1er janvier 2025"])
    epci.append(["Source : Insee"])
    epci.append([])
    epci.append(["EPCI", "LIBEPCI", "NATURE_EPCI", "NB_COM"])
    epci.append(["200099013", "CC des Monts du Lisois", "CC", 3])
    epci.append(["200099011", "CA du Val de Brenne", "CA", 7])
    sheet = book.create_sheet("Composition_communale")
    sheet.append(["Composition communale des EPCI"])
    sheet.append([])
    rows = (samples / "Intercommunalite_Metropole_2025_composition.csv").read_text(encoding="utf-8").splitlines()
    for row in rows:
        sheet.append(row.split(","))
    book.save(path)


def test_epci_workbook_gives_epci_their_communes_and_full_names(store, samples):
    import_reference(store, "cog", [samples / n for n in COG], progress=False)
    _workbook(samples / "epci.xlsx", samples)
    (batch, status), = import_reference(store, "epci", [samples / "epci.xlsx"], territoire="200099013",
                                        progress=False)
    graph = store.read()
    lisois = graph.territories["epci:200099013"]
    assert lisois.parent == "departement:108" and "epci:200099011" not in graph.territories
    members = {t.code for t in graph.territories.values() if t.parent == "epci:200099013"}
    assert members == {"10824", "10817", "10809"}
    authority = graph.actors["collectivite:epci:200099013"]
    assert authority.name == "Communauté de communes des Monts du Lisois" and "CC des Monts du Lisois" in authority.aliases
    scope = resolve_territory(graph, "200099013")
    assert {"commune:10824", "commune:10817", "commune:10809"} <= scope.territory_ids


def test_demo_reference_reuses_the_demo_territories_and_authorities(demo_graph):
    assert not any(t.startswith(("commune:", "epci:")) for t in demo_graph.territories)
    assert demo_graph.territories["territoire:brennecourt"].parent == "territoire:val-de-brenne"  # finer kept
    assert demo_graph.territories["territoire:val-de-brenne"].lat is not None
    assert not any(a.startswith("collectivite:epci") for a in demo_graph.actors)
    assert ("ca-vdb", "GOVERNS", "territoire:val-de-brenne") in demo_graph.links


def test_coordinates_place_communes_and_the_territories_above_them(store, samples):
    import_reference(store, "cog", [samples / n for n in COG], progress=False)
    path = samples / "communes-coordonnees.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("10807,Brennecourt (second postal code),47.5,1.5")
    lines.append("10805,Bois-Rotrou,quarante-sept,1.2")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (batch, _status), = import_reference(store, "coordonnees", [path], territoire="108", progress=False)
    assert [(e.line, e.reason) for e in batch.errors] == [(18, "coordonnées illisibles : 'quarante-sept', '1.2'")]
    graph = store.read()
    rows = [line.split(",") for line in lines[1:16]]
    first = {code: (float(lat), float(lon)) for code, _name, lat, lon in rows if code.startswith("108")}
    brennecourt = graph.territories["commune:10807"]
    assert brennecourt.lat == round((first["10807"][0] + 47.5) / 2, 5)  # the mean of its two rows
    assert graph.territories["commune:10905"].lat is None  # Ligeville is in département 109
    departement = graph.territories["departement:108"]
    placed = [graph.territories[f"commune:{c}"] for c in first]
    assert departement.lat == round(sum(t.lat for t in placed) / len(placed), 5)


def test_officials_of_small_communes_reach_their_peers_through_the_epci(demo_graph):
    from maillage.graph.analysis.peers import peers
    from maillage.graph.projection import to_networkx

    assert ("collectivite:commune:10815", "MEMBER_OF", "ca-vdb") in demo_graph.links
    result = peers(to_networkx(demo_graph), "Gilles Hamelin")
    assert "Claire Vasseur" in {p.name for p in result.peers}


def test_a_file_that_is_no_text_is_one_french_line_and_nothing_is_written(store, samples, tmp_path):
    from click.testing import CliRunner

    from maillage.cli import main

    path = samples / "v_commune_2025.csv"
    filler = b"".join(b"COMD,1%04d,09,108,,,0,X,Y,Bourg,,10807\n" % i for i in range(3000))  # past the sniffed part
    path.write_bytes(path.read_bytes() + filler + b"COM,10999,09,108,,,0,X,Y,\xff\xfebroken,,\n")
    db = str(tmp_path / "cli.lbug")
    done = CliRunner().invoke(main, ["importer-reference", "cog", str(path), "--db", db, "--quiet"])
    assert done.exit_code == 1 and done.output.startswith("Erreur : v_commune_2025.csv : illisible après la ligne")
    assert "Traceback" not in done.output
