"""Resolution rules within a document and against the knowledge base."""
from maillage.graph.model import Actor, Batch, Document, Evidence, Graph, Link, Territory
from maillage.nlp.resolve import StatedActors, cluster, resolve_against


def _actor(key: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id=key, name=name, kinds=[kind], aliases=list(aliases))


def _groups(actors: list[Actor]) -> set[frozenset[str]]:
    _, mapping = cluster(actors)
    groups: dict[str, set[str]] = {}
    for old, new in mapping.items():
        groups.setdefault(new, set()).add(old)
    return {frozenset(g) for g in groups.values()}


def test_folding_merges_case_accents_articles_and_hyphens():
    actors = [_actor("a", "Région Grand-Est", "collectivite"), _actor("b", "la région Grand Est", "collectivite"),
              _actor("c", "Region grand est", "collectivite")]
    assert _groups(actors) == {frozenset("abc")}


def test_acronym_alias_merges_with_its_later_use():
    actors = [_actor("a", "Agence de développement du Val Vert", "agence", "ADVV"),
              _actor("b", "ADVV", "entreprise")]
    merged, mapping = cluster(actors)
    assert len(merged) == 1 and mapping["a"] == mapping["b"]
    assert merged[0].name == "Agence de développement du Val Vert"
    assert merged[0].kinds[0] == "agence"  # a guessed default kind counts half


def test_fuzzy_matching_repairs_ocr_but_is_blocked_by_kind():
    actors = [_actor("a", "Pays Haut Vernay Lorvan", "collectivite"),
              _actor("b", "Pays Haut Vemay Lorvan", "collectivite"),
              _actor("c", "Haut Vernay Lorvan Formation", "recherche_formation")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c")}


def test_a_person_and_an_organisation_never_merge():
    actors = [_actor("a", "Jean Monnet", "personne"), _actor("b", "Jean Monnet", "association")]
    assert _groups(actors) == {frozenset("a"), frozenset("b")}


def test_authorities_of_one_type_and_nested_places_merge():
    actors = [_actor("a", "Vernay Métropole", "collectivite"), _actor("b", "Métropole européenne de Vernay", "collectivite"),
              _actor("c", "Ville de Lille", "collectivite"), _actor("d", "Métropole de Lyon", "collectivite")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_a_short_form_merges_only_with_a_single_complemented_long_form():
    actors = [_actor("a", "Maison des Entreprises", "reseau_entreprises"),
              _actor("b", "Maison des Entreprises du Val", "reseau_entreprises"),
              _actor("c", "Convention des Entreprises pour le Climat", "cec"),
              _actor("d", "Convention des Entreprises pour le Climat Normandie", "cec")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_resolve_against_maps_new_actors_onto_the_knowledge_base():
    graph = Graph(actors={"cci-brest": _actor("cci-brest", "CCI de Brest", "cci"),
                          "jean-monnet": _actor("jean-monnet", "Jean Monnet", "personne")})
    document = Document(id="d2", path="d2.txt")
    batch = Batch(document, actors=[_actor("la-cci-de-brest", "la CCI de Brest", "cci"),
                                    _actor("jean-monnet-2", "Jean Monnet", "association"),
                                    _actor("scop-alma", "Alma", "cooperative")],
                  links=[Link("scop-alma", "MEMBER_OF", "la-cci-de-brest",
                              [Evidence("d2", "phrase", 0, 6, "adhère", 0.9, "pattern")])])
    resolved = resolve_against(batch, graph)
    ids = {a.name: a.id for a in resolved.actors}
    assert ids == {"la CCI de Brest": "cci-brest", "Jean Monnet": "jean-monnet-2", "Alma": "scop-alma"}
    assert [link.key for link in resolved.links] == [("scop-alma", "MEMBER_OF", "cci-brest")]


def test_authorities_with_ocr_damaged_place_words_and_qualifiers_merge():
    actors = [_actor("a", "Pays Interrégional Vallée Sorne", "collectivite"),
              _actor("b", "Pays Vallées-Sorme", "collectivite"),
              _actor("c", "Pays Vallée Marne", "collectivite"), _actor("d", "Pays de Sorlin", "collectivite")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_a_name_with_inserted_words_is_the_longer_name():
    actors = [_actor("a", "Association des Villes", "association"),
              _actor("b", "Association Nationale des Maires et des Villes", "association"),
              _actor("c", "Réseau des Villes", "association"),
              _actor("d", "Réseau Breton des Villes", "association"), _actor("e", "Réseau Normand des Villes", "association")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d"), frozenset("e")}


def test_a_name_ending_with_a_place_added_is_another_body():
    actors = [_actor("a", "Club des Entrepreneurs", "reseau_entreprises"),
              _actor("b", "Club des Entrepreneurs Ouest", "reseau_entreprises")]
    assert _groups(actors) == {frozenset("a"), frozenset("b")}


def test_a_name_like_the_place_of_one_authority_is_that_authority():
    actors = [_actor("a", "Pays du Haut Val Sorne", "collectivite"),
              _actor("b", "Hault Val Sorme", "entreprise"), _actor("c", "Centre Haut Val Sorne", "recherche_formation"),
              _actor("d", "Sorne", "cluster")]
    merged, mapping = cluster(actors)
    assert mapping["a"] == mapping["b"] != mapping["c"]
    assert mapping["d"] != mapping["a"]
    assert next(a for a in merged if a.id == mapping["a"]).kinds[0] == "collectivite"


def test_a_place_name_shared_by_two_authorities_stays_apart():
    actors = [_actor("a", "Pays du Val Sorne", "collectivite"), _actor("b", "Communauté de communes du Val Sorne",
                                                                       "collectivite"),
              _actor("c", "Val Sorne", "entreprise")]
    _, mapping = cluster(actors)
    assert mapping["c"] not in (mapping["a"], mapping["b"])


def test_a_regions_acronym_is_the_region():
    actors = [_actor("a", "Région PACA", "collectivite"), _actor("b", "Région Provence-Alpes-Côte d'Azur", "collectivite"),
              _actor("c", "Région Île-de-France", "collectivite")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c")}


def test_a_surname_alone_is_the_one_person_with_that_name():
    actors = [_actor("a", "Yann Le Tallec", "personne"), _actor("b", "Le Tallec", "personne"),
              _actor("c", "Morel", "personne"), _actor("d", "Anne Morel", "personne"), _actor("e", "Paul Morel", "personne")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d"), frozenset("e")}


def test_names_that_differ_by_a_number_a_code_or_a_date_never_merge():
    actors = [_actor(f"s{i}", f"SCIC Numéro {i}", "scic") for i in range(200)]
    actors += [_actor("l", "Lycée Jean-Moulin", "recherche_formation"),
               _actor("l2", "Lycée Jean-Moulin 2", "recherche_formation"),
               _actor("f", "Forum 2019 des Entreprises", "instance"), _actor("g", "Forum 2020 des Entreprises", "instance")]
    merged, _ = cluster(actors)
    assert len(merged) == 204


def test_two_hundred_documents_of_numbered_bodies_give_two_hundred_actors():
    graph = Graph()
    for i in range(200):
        batch = resolve_against(Batch(Document(id=f"d{i}", path=f"d{i}.txt"),
                                      actors=[_actor(f"scic-numero-{i}", f"SCIC Numéro {i}", "scic")]), graph)
        for actor in batch.actors:
            graph.actors.setdefault(actor.id, actor)
    assert len(graph.actors) == 200


def test_spelled_out_concept_acronyms_share_a_key():
    actors = [_actor("a", "PTCE des Coteaux Verts", "ptce"),
              _actor("b", "pôle territorial de coopération économique des Coteaux Verts", "ptce"),
              _actor("c", "GE Val Compétences", "reseau_entreprises"),
              _actor("d", "Groupement d'employeurs Val Compétences", "reseau_entreprises")]
    assert _groups(actors) == {frozenset("ab"), frozenset("cd")}


def _stated_world():
    stated = StatedActors({
        "agence-x": _actor("agence-x", "Agence de développement du Val Sorne", "agence", "ADVS"),
        "cabinet-doret": _actor("cabinet-doret", "Cabinet Doret & Associés", "relais", "Doret & Associés"),
        "tekmo": _actor("tekmo", "Tekmo Systems", "entreprise"),
        "bois-lab": _actor("bois-lab", "Bois Lab Sorne", "recherche_formation")})
    return Graph(actors=dict(stated.actors)), stated


def test_a_document_never_overrides_an_imported_actor():
    graph, stated = _stated_world()
    batch = Batch(Document(id="d", path="d.txt"), actors=[
        _actor("advs", "ADVS", "entreprise"), _actor("doret", "Doret", "relais", "cabinet Doret"),
        _actor("bois-lab-sorne", "Bois Lab Sorne", "personne"), _actor("tekmo-systemes", "Tekmo Systèmes", "entreprise"),
        _actor("vernex", "Vernex", "entreprise")])
    resolved = {a.id: a for a in resolve_against(batch, graph, stated).actors}
    assert set(resolved) == {"agence-x", "cabinet-doret", "bois-lab", "tekmo", "vernex"}
    assert resolved["agence-x"].kinds == ["agence"] and resolved["agence-x"].name.startswith("Agence")
    assert resolved["bois-lab"].kinds == ["recherche_formation"]
    assert "ADVS" in resolved["agence-x"].aliases


def test_a_stated_actor_is_not_taken_for_a_numbered_or_ambiguous_name():
    stated = StatedActors({"a": _actor("a", "SCIC Numéro 1", "scic"), "b": _actor("b", "Transports Morel", "entreprise"),
                           "c": _actor("c", "Garage Morel", "entreprise")})
    assert stated.match(_actor("x", "SCIC Numéro 11", "scic")) is None
    assert stated.match(_actor("y", "Morel", "entreprise")) is None
    assert stated.match(_actor("z", "Transports Morel", "entreprise")) == "b"


def test_only_official_or_stored_places_are_kept():
    graph = Graph(territories={"territoire:val": Territory("territoire:val", "Val Sorne", "epci", "200000001")})
    batch = Batch(Document(id="d", path="d.txt"), actors=[_actor("a", "Alma", "entreprise")],
                  territories=[Territory("territoire:val-sorne", "Val Sorne"), Territory("territoire:rue", "rue des Lilas"),
                               Territory("territoire:bretagne", "Bretagne", "region")],
                  links=[Link("a", "LOCATED_IN", "territoire:val-sorne", [Evidence("d", "s", 0, 1, "", 1.0, "pattern")],
                              "territory"),
                         Link("a", "LOCATED_IN", "territoire:rue", [Evidence("d", "s", 0, 1, "", 1.0, "pattern")],
                              "territory")])
    resolved = resolve_against(batch, graph)
    assert {t.id for t in resolved.territories} == {"territoire:val", "territoire:bretagne"}
    assert [link.key for link in resolved.links] == [("a", "LOCATED_IN", "territoire:val")]


def test_the_start_of_one_stated_name_of_its_kind_is_that_actor():
    stated = StatedActors({"b": _actor("b", "Bureau de la CCI Val Sorne", "instance"),
                           "c": _actor("c", "Chambre de métiers et de l'artisanat du Val Sorne", "chambre_metiers"),
                           "d": _actor("d", "Comité de pilotage du Val", "instance"),
                           "e": _actor("e", "Comité de pilotage de la Vallée", "instance")})
    assert stated.match(_actor("x", "bureau de la CCI", "instance")) == "b"
    assert stated.match(_actor("y", "la Chambre de métiers", "chambre_metiers")) == "c"
    assert stated.match(_actor("z", "Comité de pilotage", "instance")) is None  # two of them
