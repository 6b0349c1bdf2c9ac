"""The CSV import contract: parsing, validation with line numbers, territories, and writing to a store."""
from __future__ import annotations

import warnings

import pytest

from maillage.errors import InputError
from maillage.graph.model import territory_id
from maillage.graph.stores.ladybug import LadybugStore
from maillage.ingest.csv_import import ImportEncodingWarning, guess_level, read_import

ACTORS = """id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance
cci,CCI de l'Ain,CCI Ain | CCIA,cci,guichet_unique,Bourg-en-Bresse,130005481,ETI,94.11Z,https://ain.cci.fr,
cec,CEC Auvergne-Rhône-Alpes,,cec|reseau_entreprises,transition,Région Auvergne-Rhône-Alpes,,,,,convaincu
ptce,PTCE Brenne,,ptce|scic,ess|transition,Pays de la Brenne,,,,,
"""
LINKS = """source,target,kind,confidence,note
cec,cci,PARTNER_OF,0.8,convention signée en 2023
ptce,cec,MEMBER_OF,,
cci,financement,OFFERS,1,
ptce,Communauté de communes Cœur de Brenne,LOCATED_IN,1,siège
"""


def write(tmp_path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.fixture
def files(tmp_path):
    return write(tmp_path, "actors.csv", ACTORS), write(tmp_path, "links.csv", LINKS)


def test_a_good_import(files):
    batch, errors = read_import(*files)
    assert errors == []
    assert batch.document.source == "import" and len(batch.document.id) == 64
    actors = {a.id: a for a in batch.actors}
    assert actors["cci"].aliases == ["CCI Ain", "CCIA"] and actors["cci"].roles == ["guichet_unique"]
    assert actors["cci"].attributes == {"siren": "130005481", "size": "ETI", "sector": "94.11Z",
                                        "website": "https://ain.cci.fr"}
    assert actors["cec"].kinds == ["cec", "reseau_entreprises"] and actors["cec"].attributes == {"stance": "convaincu"}
    links = {link.key: link for link in batch.links}
    assert links[("cec", "PARTNER_OF", "cci")].evidence[0].sentence == "convention signée en 2023"
    assert links[("cec", "PARTNER_OF", "cci")].evidence[0].confidence == 0.8
    assert links[("ptce", "MEMBER_OF", "cec")].evidence[0].confidence == 1.0
    assert links[("ptce", "MEMBER_OF", "cec")].evidence[0].method == "import"
    assert links[("cci", "OFFERS", "financement")].target_type == "service"
    epci = territory_id("Communauté de communes Cœur de Brenne")
    assert links[("ptce", "LOCATED_IN", epci)].target_type == "territory"
    assert links[("cci", "LOCATED_IN", "territoire:bourg-en-bresse")].target_type == "territory"
    levels = {t.id: t.level for t in batch.territories}
    assert levels == {"territoire:bourg-en-bresse": "commune", "territoire:region-auvergne-rhone-alpes": "region",
                      "territoire:pays-de-la-brenne": "pays", epci: "epci"}
    assert actors["ptce"].territories == ["territoire:pays-de-la-brenne"]


@pytest.mark.parametrize("name, level", [
    ("Communauté d'agglomération du Grand Bourg", "epci"), ("PETR du Pays de Gex", "pays"),
    ("Pays Vernaysien", "pays"), ("Département de l'Indre", "departement"), ("Région Centre", "region"),
    ("Paysac", "commune"), ("Le Blanc", "commune"),
])
def test_territory_level_guessed_from_its_name(name, level):
    assert guess_level(name) == level


def test_semicolons_bom_and_decimal_comma(tmp_path):
    actors = write(tmp_path, "a.csv", "\ufeffid;name;kinds\nx;Mairie de Sète;collectivite\ny;Banque Y;relais\n")
    links = write(tmp_path, "l.csv", "source;target;kind;confidence;note\nx;y;PARTNER_OF;0,6;« citation »\n")
    batch, errors = read_import(actors, links)
    assert errors == []
    assert [a.name for a in batch.actors] == ["Mairie de Sète", "Banque Y"]
    assert batch.links[0].evidence[0].confidence == 0.6 and batch.links[0].evidence[0].sentence == "« citation »"


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_kept(tmp_path):
    actors = write(tmp_path, "actors.csv", "id,name,kinds,roles,stance\n"
                   "a,Bon acteur,cci,,\n"       # line 2
                   "b,Mauvais type,banque,,\n"  # line 3
                   ",Sans id,cci,,\n"           # line 4
                   "a,Doublon,cci,,\n"          # line 5
                   "c,Rôle faux,cci,chef,\n"    # line 6
                   "d,Position,cci,,peut-être\n"  # line 7
                   "e,Bon aussi,relais,,\n")    # line 8
    links = write(tmp_path, "links.csv", "source,target,kind,confidence\n"
                  "a,e,PARTNER_OF,1\n"      # line 2
                  "a,b,PARTNER_OF,1\n"      # line 3: b was rejected
                  "a,e,AIME,1\n"            # line 4
                  "a,e,FUNDS,beaucoup\n"    # line 5
                  "a,e,FUNDS,1.5\n"         # line 6
                  "a,nulle-part,OFFERS,\n"  # line 7
                  "a,e\n")                  # line 8: too few cells
    batch, errors = read_import(actors, links)
    assert [a.id for a in batch.actors] == ["a", "e"]
    assert [link.key for link in batch.links] == [("a", "PARTNER_OF", "e")]
    reported = [(e.path.rsplit("/", 1)[-1], e.line) for e in errors]
    assert reported == [("actors.csv", 3), ("actors.csv", 4), ("actors.csv", 5), ("actors.csv", 6),
                        ("actors.csv", 7), ("links.csv", 3), ("links.csv", 4), ("links.csv", 5), ("links.csv", 6),
                        ("links.csv", 7), ("links.csv", 8)]
    text = [str(e) for e in errors]
    assert text[0] == "actors.csv, ligne 3 : type d'acteur inconnu : 'banque'"
    assert "identifiant vide" in text[1] and "identifiant en double : 'a'" in text[2]
    assert "rôle inconnu : 'chef'" in text[3] and "position inconnue : 'peut-être'" in text[4]
    assert "acteur cible inconnu : 'b'" in text[5] and "type de lien inconnu : 'AIME'" in text[6]
    assert "confiance illisible" in text[7] and "confiance hors de [0, 1]" in text[8]
    assert "service inconnu : 'nulle-part'" in text[9] and "nombre de cellules" in text[10]
    with pytest.raises(InputError, match="11 ligne\\(s\\) invalide\\(s\\).*actors.csv, ligne 3"):
        read_import(actors, links, strict=True)


def test_declared_territories_are_found_by_id_code_or_name(tmp_path):
    territories = write(tmp_path, "t.csv", "id,name,level,code,parent\n"
                        "t-indre,Indre,departement,36,\n"
                        "t-blanc,Le Blanc,commune,36018,t-indre\n"
                        "t-x,Mauvais,quartier,,\n")
    actors = write(tmp_path, "a.csv", "id,name,kinds,territory\nm,Mairie,collectivite,36018\n"
                   "d,Conseil départemental,collectivite,Indre\nn,Neuf,association,Saint-Gaultier\n")
    links = write(tmp_path, "l.csv", "source,target,kind\nd,t-indre,LOCATED_IN\n")
    batch, errors = read_import(actors, links, territories)
    assert [str(e) for e in errors] == ["t.csv, ligne 4 : niveau de territoire inconnu : 'quartier'"]
    by_actor = {a.id: a.territories for a in batch.actors}
    assert by_actor == {"m": ["t-blanc"], "d": ["t-indre"], "n": ["territoire:saint-gaultier"]}
    territories_by_id = {t.id: t for t in batch.territories}
    assert territories_by_id["t-blanc"].parent == "t-indre" and territories_by_id["t-blanc"].code == "36018"
    assert territories_by_id["territoire:saint-gaultier"].level == "commune"
    assert ("d", "LOCATED_IN", "t-indre") in {link.key for link in batch.links}


@pytest.mark.parametrize("content, message", [
    (None, "fichier introuvable"),
    (b"", "fichier vide"),
    (b"\n  \n", "fichier vide"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "fichier binaire"),
    ("id,name,kinds\nx,Été,cci\n".encode("utf-16"), "UTF-16"),
    (b"id,nom,types\nx,y,cci\n", "colonne\\(s\\) obligatoire\\(s\\) absente\\(s\\) : name, kinds"),
])
def test_unreadable_files_give_one_french_line(tmp_path, content, message):
    path = tmp_path / "actors.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_import(path)
    assert "\n" not in str(caught.value) and "actors.csv" in str(caught.value)


def test_windows_1252_is_read_with_a_warning(tmp_path):
    actors = write(tmp_path, "actors.csv", "id;name;kinds\nx;Chambre de Métiers de l'Indre;chambre_metiers\n", "cp1252")
    links = write(tmp_path, "links.csv", "source;target;kind;note\nx;x;PARTNER_OF;réunion d'été\n", "cp1252")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        batch, errors = read_import(actors, links)
    assert batch.actors[0].name == "Chambre de Métiers de l'Indre" and errors == []
    assert batch.links[0].evidence[0].sentence == "réunion d'été"
    assert sorted(str(w.message).split(" ")[0] for w in caught) == ["actors.csv", "links.csv"]
    assert {w.category for w in caught} == {ImportEncodingWarning}
    assert "Windows-1252" in str(caught[0].message)


def test_import_into_a_store_once(tmp_path, files):
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        batch, _ = read_import(*files)
        assert store.write(batch) is True
        graph = store.read()
        assert set(graph.actors) == {"cci", "cec", "ptce"}
        assert graph.actors["cci"].aliases == ["CCI Ain", "CCIA"]
        assert graph.links[("cec", "PARTNER_OF", "cci")].evidence[0].document == batch.document.id
        assert len(graph.territories) == 4
        version = store.version()
        again, _ = read_import(*files)
        assert again.document.id == batch.document.id
        assert store.write(again) is False and store.version() == version
    finally:
        store.close()


def test_columnar_batch_materialises_like_the_stored_one(tmp_path, files):
    batch, _ = read_import(*files)
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.write(batch)
        (stored,) = store.batches()
        assert stored.actors == batch.actors
        assert sorted(stored.links, key=lambda l: l.key) == sorted(batch.links, key=lambda l: l.key)
    finally:
        store.close()


def test_windows_line_endings_and_a_header_without_rows(tmp_path):
    actors = write(tmp_path, "a.csv", "id,name,kinds\r\nx,Agence X,agence\r\n")
    empty_links = write(tmp_path, "l.csv", "source,target,kind")
    batch, errors = read_import(actors, empty_links)
    assert errors == [] and [a.kinds for a in batch.actors] == [["agence"]]
    assert [link.key for link in batch.links] == []


def test_an_empty_note_is_stored_as_no_sentence_and_read_as_an_empty_one(tmp_path, files):
    batch, _ = read_import(*files)
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.write(batch)
        stored = store._table("MATCH (:Actor {id: 'ptce'})-[l:LINK]->(:Actor {id: 'cec'}) RETURN l.sentence AS s")
        assert stored.column("s").to_pylist() == [None]  # a null, which a bulk copy writes faster than ""
        links = store.read().links
        assert links[("ptce", "MEMBER_OF", "cec")].evidence[0].sentence == ""
        assert links[("cec", "PARTNER_OF", "cci")].evidence[0].sentence == "convention signée en 2023"
    finally:
        store.close()
