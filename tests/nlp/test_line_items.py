"""Bodies named bare one per list line or in table cells (maillage.nlp.line_items), and names cut at cell marks."""


def test_bare_names_at_the_head_of_lines_under_a_heading_of_members(actors_of):
    actors = actors_of("Nos membres fondateurs\n"
                       "- Tournerie Valcrose (Saint-Gorlan)\n"
                       "- Kalvenor Hydraulique\n"
                       "- Plastiques de Brévanne, injection et moulage\n"
                       "- Ostrel Mécanique\n")
    assert {"Tournerie Valcrose", "Kalvenor Hydraulique", "Plastiques de Brévanne", "Ostrel Mécanique"} <= set(actors)
    assert all(actors[n].kinds[0] != "personne" for n in ("Kalvenor Hydraulique", "Ostrel Mécanique"))


def test_a_bulleted_list_of_things_names_no_body(actors_of):
    actors = actors_of("Le programme en bref :\n"
                       "- Six ateliers de deux jours entre mars et juin ;\n"
                       "- Des visites d'entreprises du territoire ;\n"
                       "- Une journée de restitution ouverte au public.\n")
    assert actors == {}


def test_a_table_column_of_bodies_named_bare(actors_of):
    actors = actors_of("Lauréat | Objet du soutien | Montant\n"
                       "Atelier Varnel | achat d'une presse à balles | 12 000 €\n"
                       "Coopérative Bellerive | poste de coordination | 9 000 €\n"
                       "Dorvelle | étude de marché | 7 500 €\n")
    named = set(actors) | {alias for actor in actors.values() for alias in actor.aliases}
    assert {"Atelier Varnel", "Coopérative Bellerive", "Dorvelle"} <= named
    assert not any("achat" in name or "|" in name for name in actors)


def test_a_name_the_model_runs_over_a_pipe_stops_at_the_cell(actors_of):
    actors = actors_of("Communauté de communes du Haut-Tarnac | Chambre d'agriculture du Gers | Méthanisation | 200 000 €\n"
                       "Syndicat mixte du Larvet | Université de Pau | Compostage | 90 000 €\n")
    assert "Communauté de communes du Haut-Tarnac" in actors and "Chambre d'agriculture du Gers" in actors
    assert not any("|" in name for name in actors)


def test_a_running_header_with_a_pipe_is_left_whole(actors_of):
    actors = actors_of("Le bilan de l'année.\n\nKervoran Développernent | Rapport d'activité 2023\n\nLa suite du bilan.")
    assert not any(actor.kinds[0] == "personne" for actor in actors.values())


def test_a_heading_of_associations_gives_its_items_their_kind(actors_of):
    actors = actors_of("Le réseau Ondine rassemble des structures de toute la vallée.\n\n"
                       "Associations adhérentes\n"
                       "- Les Vergers de Morlanne\n"
                       "- Atelier Tresselle\n"
                       "- Recyclerie Brandel\n")
    for name in ("Vergers de Morlanne", "Atelier Tresselle", "Recyclerie Brandel"):
        actor = next(a for n, a in actors.items() if n.endswith(name))
        assert actor.kinds[0] == "association", (name, actor.kinds)


def test_a_heading_naming_two_kinds_gives_none(actors_of):
    from maillage.nlp.line_items import heading_kinds
    assert heading_kinds("Nos coopératives membres") == ("cooperative",)
    assert heading_kinds("Mutuelles et fondations") == ()
    assert heading_kinds("Association Tresselle") == ()
    assert heading_kinds("Les entreprises que nous avons accompagnées cette année") == ()
