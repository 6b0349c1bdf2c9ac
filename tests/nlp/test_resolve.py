"""Resolution rules within a document and against the knowledge base."""
from maillage.graph.model import Actor, Batch, Document, Evidence, Graph, Link
from maillage.nlp.resolve import cluster, resolve_against


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
    actors = [_actor("a", "Pays Centre Ouest Bretagne", "collectivite"),
              _actor("b", "Pays Centre Quest Bretagne", "collectivite"),
              _actor("c", "Centre Ouest Bretagne Formation", "recherche_formation")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c")}


def test_a_person_and_an_organisation_never_merge():
    actors = [_actor("a", "Jean Monnet", "personne"), _actor("b", "Jean Monnet", "association")]
    assert _groups(actors) == {frozenset("a"), frozenset("b")}


def test_authorities_of_one_type_and_nested_places_merge():
    actors = [_actor("a", "Lille Métropole", "collectivite"), _actor("b", "Métropole européenne de Lille", "collectivite"),
              _actor("c", "Ville de Lille", "collectivite"), _actor("d", "Métropole de Lyon", "collectivite")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_a_short_form_merges_only_with_a_single_complemented_long_form():
    actors = [_actor("a", "Maison des Entreprises", "reseau_entreprises"),
              _actor("b", "Maison des Entreprises du Val", "reseau_entreprises"),
              _actor("c", "Convention des Entreprises pour le Climat", "cec"),
              _actor("d", "Convention des Entreprises pour le Climat Ouest", "cec")]
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
    actors = [_actor("a", "Yann Le Bihan", "personne"), _actor("b", "Le Bihan", "personne"),
              _actor("c", "Morel", "personne"), _actor("d", "Anne Morel", "personne"), _actor("e", "Paul Morel", "personne")]
    assert _groups(actors) == {frozenset("ab"), frozenset("c"), frozenset("d"), frozenset("e")}
