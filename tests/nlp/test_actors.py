"""The actor component on short French texts written for these tests."""
from maillage.graph.model import actor_id


def test_designations_get_the_kind_of_their_head(actors_of):
    actors = actors_of("La Communauté de communes du Val de Brenne et la Chambre de métiers et de "
                       "l'artisanat du Cher soutiennent l'Université de Tours.")
    assert actors["Communauté de communes du Val de Brenne"].kinds[0] == "collectivite"
    assert actors["Chambre de métiers et de l'artisanat du Cher"].kinds[0] == "chambre_metiers"
    assert actors["Université de Tours"].kinds[0] == "recherche_formation"


def test_coordination_splits_two_bodies(actors_of):
    actors = actors_of("Le projet associe la Région Bretagne et le Département du Finistère.")
    assert set(actors) == {"Région Bretagne", "Département du Finistère"}


def test_national_bodies_from_the_gazetteer(actors_of):
    actors = actors_of("Le projet est financé par l'ADEME, Bpifrance et la Caisse des Dépôts.")
    assert {name: a.kinds[0] for name, a in actors.items()} == {
        "ADEME": "etat", "Bpifrance": "etat", "Caisse des Dépôts": "etat"}


def test_label_heads_give_the_name_and_the_kind(actors_of):
    actors = actors_of("La SCIC Boisvert Solidaire a rejoint le cluster Ecotextile en 2020.")
    scic = actors["Boisvert Solidaire"]
    assert scic.kinds[0] == "scic"
    assert "SCIC Boisvert Solidaire" in scic.aliases
    assert "transition" in scic.roles
    assert actors["Ecotextile"].kinds[0] == "cluster"


def test_quoted_name_after_a_head_noun(actors_of):
    actors = actors_of("Elle participe au pôle de compétitivité « Matériaux durables du Nord ».")
    assert actors["Matériaux durables du Nord"].kinds[0] == "cluster"


def test_acronym_definition_and_later_use(nlp):
    doc = nlp("L'Agence de développement économique du Val Vert (ADEVV) accompagne les entreprises. "
              "En 2019, l'ADEVV a ouvert une antenne.")
    keys = {span.text: span._.actor_key for span in doc.spans["actors"]}
    assert keys["ADEVV"] == keys["Agence de développement économique du Val Vert"]
    actor = doc._.actors[keys["ADEVV"]]
    assert actor.kinds[0] == "agence" and "ADEVV" in actor.aliases
    assert actor.id == actor_id(actor.name)


def test_anaphor_refers_to_the_salient_actor_of_its_kind(nlp):
    doc = nlp("Le Pays de Brocéliande anime un réseau de producteurs. Depuis 2015, le Pays finance "
              "des formations.")
    pays = next(s for s in doc.spans["actors"] if s.text == "Pays de Brocéliande")
    anaphor = next(s for s in doc.spans["actors"] if s.text == "le Pays")
    assert anaphor._.actor_key == pays._.actor_key
    assert anaphor._.confidence < pays._.confidence == 1.0


def test_people_with_functions_and_elected_role(actors_of):
    actors = actors_of("Selon Marie Durand, maire de Quimper, et Paul Lefort, directeur de l'agence, "
                       "le projet avance.")
    marie = actors["Marie Durand"]
    assert marie.kinds == ["personne"] and marie.roles == ["elu"]
    assert marie.attributes["function"] == "maire"
    paul = actors["Paul Lefort"]
    assert paul.roles == [] and paul.attributes["function"] == "directeur"


def test_generic_mentions_and_concepts_are_not_actors(actors_of):
    actors = actors_of("Les CCI et des banques accompagnent les EPCI, les PME et les acteurs de l'ESS "
                       "dans leur démarche RSE sur les ZAE.")
    assert actors == {}


def test_programmes_and_places_are_not_actors(nlp):
    doc = nlp("Le programme LEADER et le FEDER financent des projets en Bretagne.")
    assert doc._.actors == {}
    assert {s.text for s in doc.spans["programmes"]} >= {"LEADER", "FEDER"}
    assert "Bretagne" in {s.text for s in doc.spans["territories"]}


def test_every_mention_has_a_key_of_a_validated_actor(nlp):
    doc = nlp("La Métropole de Lyon et la CCI de Lyon ont signé une convention avec la SCOP Ardel.")
    assert doc.spans["actors"]
    for span in doc.spans["actors"]:
        assert span._.actor_key in doc._.actors
    for actor in doc._.actors.values():
        assert actor.validate() is actor


def test_plural_head_distributes_over_an_enumeration(nlp):
    doc = nlp("Le réseau réunit les métropoles de Brest, Orléans et Rennes autour du projet.")
    assert sorted(a.name for a in doc._.actors.values()) == [
        "Métropole d'Orléans", "Métropole de Brest", "Métropole de Rennes"]
    doc = nlp("Elle a été fondée par trois communautés de communes du Trégor (Lannion, Paimpol, Tréguier).")
    assert sorted(a.name for a in doc._.actors.values()) == [
        "Communauté de communes de Lannion", "Communauté de communes de Paimpol", "Communauté de communes de Tréguier"]


def test_markdown_and_dash_acronym(extractor):
    from maillage.graph.model import Document
    batch = extractor.extract("Une rencontre avec le [Centre pour les Transitions Locales](#) - CTL. "
                              "Depuis, le CTL accompagne les communes.", Document(id="m", path="m.md"))
    assert [(a.name, a.aliases) for a in batch.actors] == [("Centre pour les Transitions Locales", ["CTL"])]


def test_regional_branch_and_definite_chamber(actors_of):
    actors = actors_of("Le plan est soutenu par ADEME Bretagne. Le Pays a répondu avec la chambre "
                       "d'agriculture et l'ADEME.")
    assert {name: a.kinds[0] for name, a in actors.items()} == {
        "ADEME Bretagne": "etat", "chambre d'agriculture": "chambre_agriculture", "ADEME": "etat"}


def test_firstname_surname_in_headers_is_a_person(actors_of):
    actors = actors_of("Présidente : Marie-Reine DUBOSC\nInterview : Elise KERGOAT\n\nLa Région ADEME finance.")
    people = sorted(name for name, a in actors.items() if a.kinds == ["personne"])
    assert people == ["Elise KERGOAT", "Marie-Reine DUBOSC"]


def test_shared_complement_and_named_anaphors(nlp):
    doc = nlp("La Ville et la Métropole de Brest signent. Le Pays de Retz agit avec la Région Bretagne. "
              "Le Pays finance le projet.")
    names = {a.name for a in doc._.actors.values()}
    assert {"Ville de Brest", "Métropole de Brest", "Pays de Retz", "Région Bretagne"} <= names
    anaphor = next(s for s in doc.spans["actors"] if s.text == "Le Pays")
    assert doc._.actors[anaphor._.actor_key].name == "Pays de Retz"  # not the Région named in between


def test_body_named_as_a_persons_employer(actors_of):
    actors = actors_of("Paul Martin, directeur de Valtronic, et Anne Roy, présidente de Kerplast, "
                       "ont rencontré le maire de Lannion.")
    assert actors["Kerplast"].kinds[0] == "entreprise"
    assert "Lannion" not in actors


def test_unknown_upper_case_acronym_is_a_body_unless_a_law_names_it(nlp, actors_of):
    from maillage.nlp.actors import _is_acronym
    actors = actors_of("VALMIRA sur le Cotentin et la loi NOTRAX ont changé la donne.")
    assert actors["VALMIRA"].kinds[0] == "association"  # issue 11: an unknown acronym is no firm by default
    doc = nlp.make_doc("VALMIRA sur le Cotentin et la loi NOTRAX ont changé la donne.")
    assert _is_acronym(doc[0:1])
    assert not _is_acronym(doc[7:8])


def test_mixed_case_acronym_defined_and_used_later(nlp):
    doc = nlp("Le cas de l'Agence de développement du Var (Adevar) est parlant. Créée en 2004, "
              "l'Adevar a été fondée par la Région.")
    keys = {span.text: span._.actor_key for span in doc.spans["actors"]}
    assert keys["Adevar"] == keys["Agence de développement du Var"]
    assert "Adevar" not in {span.text for span in doc.spans["territories"]}


def test_long_form_defined_by_an_acronym_is_one_name(actors_of):
    actors = actors_of("Il bénéficie du soutien du Ministère de l'Agriculture, de la Pêche et de "
                       "l'Environnement (MAPE) et de l'Association Nationale des Villes et Territoires (ANVT).")
    assert actors["Ministère de l'Agriculture, de la Pêche et de l'Environnement"].kinds[0] == "etat"
    assert "ANVT" in actors["Association Nationale des Villes et Territoires"].aliases


def test_a_place_in_parentheses_is_no_acronym(nlp):
    doc = nlp("L'usine de la Société Arbois Bois (Jura) emploie cent personnes.")
    assert all("Jura" not in actor.aliases for actor in doc._.actors.values())


def test_name_after_a_capitalised_article_inside_a_sentence(actors_of):
    actors = actors_of("Le programme est animé par La 12e Rue et par la chercheuse Anne Morel.")
    assert "12e Rue" in actors


def test_capitalised_article_at_a_sentence_start_is_no_name(actors_of):
    actors = actors_of("La Semaine verte commence demain.")
    assert "Semaine verte" not in actors


def test_a_place_listed_next_to_a_body_is_a_body_of_its_kind(nlp):
    doc = nlp("Ses adhérents sont les organismes de développement (CCI, Lorvalor, Meuse développement) "
              "et les banques.")
    actors = {a.name: a for a in doc._.actors.values()}
    assert actors["Lorvalor"].kinds[0] == actors["Meuse développement"].kinds[0] == "agence"
    assert "Lorvalor" not in {span.text for span in doc.spans["territories"]}


def test_places_listed_with_authorities_stay_places(nlp):
    doc = nlp("Le réseau couvre la Communauté de communes du Warndt, Forbach et Stiring-Wendel.")
    assert {span.text for span in doc.spans["territories"]} >= {"Forbach", "Stiring-Wendel"}


def test_a_verb_taken_for_a_noun_ends_a_name(actors_of):
    actors = actors_of("Le collège des usagers compte la commune de Vernay. Le GAL finance l'animation du "
                       "Réseau des fermes de Vernay.")
    assert not any(" compte " in name or " finance " in name for name in actors)


def test_a_description_after_a_lower_case_head_is_an_alias_of_the_name(actors_of):
    actors = actors_of("L'agence de développement économique Vernay-Valoria accompagne les entreprises.")
    assert actors["Vernay-Valoria"].kinds[0] == "agence"
    assert "agence de développement économique Vernay-Valoria" in actors["Vernay-Valoria"].aliases


def test_a_shouted_heading_is_not_glued_to_the_next_sentence(actors_of):
    actors = actors_of("MAISON DES SAVOIRS OUVRE SES PORTES Créée en 2015 par la Ville de Vernay, elle accueille "
                       "les habitants.")
    assert not any("OUVRE" in name for name in actors)
    assert "Ville de Vernay" in actors


def test_an_acronym_head_in_capitals_is_no_heading(actors_of):
    actors = actors_of("En 2021, le GAL LEADER Pays de Vernay a financé un tiers-lieu.")
    assert "GAL LEADER Pays de Vernay" in actors


def test_a_bank_branch_is_not_an_agency(actors_of):
    actors = actors_of("La Banque Mutuelle des Vals, agence de Vernay, suit les comptes des artisans.")
    assert not any(a.kinds[0] == "agence" for a in actors.values())


def test_civility_is_not_part_of_a_persons_name(nlp):
    doc = nlp("Étaient présents : Mme Lucie Garnier, vice-présidente, et M. Henri Tardieu. "
              "Mme Garnier a ouvert la séance.")
    people = {a.name: a for a in doc._.actors.values() if a.kinds[0] == "personne"}
    assert set(people) == {"Lucie Garnier", "Henri Tardieu"}
    assert "Garnier" in people["Lucie Garnier"].aliases


def test_a_firm_named_with_a_trade_noun_is_not_a_person(actors_of):
    actors = actors_of("Le cluster compte parmi ses adhérents Roux Emballages et Perrin Assurances.")
    for name in ("Roux Emballages", "Perrin Assurances"):
        assert name in actors and actors[name].kinds[0] != "personne"


def test_the_capitalised_regional_council_is_one_body(actors_of):
    actors = actors_of("Le Pays a répondu à l'appel à projets du Conseil régional.")
    assert actors["Conseil régional"].kinds[0] == "collectivite"


def test_an_indefinite_or_lower_case_council_is_no_body(actors_of):
    actors = actors_of("Un Conseil régional peut aider, et le conseil régional vote le budget.")
    assert not actors


def test_national_bodies_joined_by_a_hyphen_are_two_bodies(nlp):
    from spacy.tokens import Span

    from maillage.nlp.actors import _joined_bodies
    doc = nlp("Le label est financé par État-ADEME et par Vernay-Lisoy.")
    joined = Span(doc, 5, 8, label="ORG")
    assert joined.text == "État-ADEME"
    assert [part.text for part in _joined_bodies(joined)] == ["État", "ADEME"]
    places = Span(doc, 10, 13, label="LOC")
    assert [part.text for part in _joined_bodies(places)] == ["Vernay-Lisoy"]


def test_a_capitalised_plural_head_distributes_over_regions(nlp):
    doc = nlp("Les agences des Régions Pays de la Loire ou Bretagne - qui coopèrent - ont signé.")
    assert {a.name for a in doc._.actors.values()} >= {"Région Pays de la Loire", "Région Bretagne"}


def test_a_lower_case_plural_head_before_regions_names_places(nlp):
    doc = nlp("Le climat des régions Bretagne et Normandie est doux.")
    assert not doc._.actors
    assert {s.text for s in doc.spans["territories"]} == {"Bretagne", "Normandie"}


def test_a_label_head_before_an_acronym_is_no_heading(actors_of):
    actors = actors_of("Le Pays a cofinancé l'étude de faisabilité de la SCOP VERANO.")
    assert actors["VERANO"].kinds[0] == "cooperative"


def test_words_in_capitals_remain_a_heading(actors_of):
    assert not actors_of("SOUTENIR LES ENTREPRISES DU TERRITOIRE")


def test_a_photo_credit_names_no_actor(actors_of):
    actors = actors_of("Le nouveau bâtiment de la pépinière. © Lucien Marchetti/Studio Vernay\n\nLa pépinière ouvre.")
    assert "Lucien Marchetti" not in actors


def test_a_tail_name_keeps_the_connector_of_its_place(actors_of):
    actors = actors_of("Le programme réunit le PETR de Lisoy et Val de Sorne Agglomération.")
    assert actors["Val de Sorne Agglomération"].kinds[0] == "collectivite"
    assert "Sorne Agglomération" not in actors


def test_a_firm_the_model_takes_for_a_person_is_a_firm_and_common_words_are_nobody(actors_of):
    found = actors_of("Avec Tissages Morvel, la Fonderie Castel a embauché. "
                      "Michael Restor, directeur, l'a dit. Ils visent une Avenir Durable.")
    assert found["Tissages Morvel"].kinds[0] == "entreprise"
    assert found["Michael Restor"].kinds == ["personne"]
    assert "Avenir Durable" not in found


def test_bodies_in_parentheses_after_people_and_bare_names_in_lists(actors_of):
    found = actors_of("Étaient présents Jean Doré (Tekmo), Léa Bras (Ferlis) et Paul Nivet (Vernex Conseil).")
    assert {"Tekmo", "Ferlis"} <= set(found) and found["Tekmo"].kinds[0] != "personne"
    found = actors_of("Le réseau réunit : Forges de Lurcy, Emballix Nord, la CCI du Val Vert et le Cluster Ardenne Bois.")
    assert {"Forges de Lurcy", "Emballix Nord"} <= set(found)


def test_kinds_of_sports_committees_authorities_and_unknown_acronyms(actors_of):
    found = actors_of("Le Comité régional olympique et sportif de Bourgogne, la Communauté de communes de "
                      "Centre-Morvan et l'ARDEX ont signé la convention.")
    assert found["Comité régional olympique et sportif de Bourgogne"].kinds[0] == "association"
    assert found["Communauté de communes de Centre-Morvan"].kinds[0] == "collectivite"
    assert found["ARDEX"].kinds[0] != "entreprise"


def test_trade_heads_firm_suffixes_and_network_platforms(actors_of):
    found = actors_of("La Scierie Bournel, Initiative Val Vert et le Cabinet Lemaire & Costa ont signé. "
                      "Elle a été créée à l'initiative de la Région Bretagne.")
    assert found["Scierie Bournel"].kinds[0] == "entreprise"
    assert found["Initiative Val Vert"].kinds[0] == "association"
    assert "Cabinet Lemaire & Costa" in found
    assert not any(name.lower().startswith("initiative de") for name in found)


def test_a_date_or_a_count_ends_a_designation(actors_of):
    found = actors_of("Le conseil d'administration de 6 membres de l'Association Terres Vives s'est réuni "
                      "le 27 mai ; l'Association Terres Vives de 2008 compte 3 Membres.")
    assert not any(any(c.isdigit() for c in name) for name in found)
    found = actors_of("Elle est abritée par la Fondation Aube Verte 2, place du Marché, à Troyes.")
    assert "Fondation Aube Verte" in found


def test_a_firm_named_after_its_description_keeps_its_own_name(actors_of):
    found = actors_of("L'entreprise d'électricité Le Braz Énergies et le groupe suédois Valmo Packaging recrutent.")
    assert {"Le Braz Énergies", "Valmo Packaging"} <= set(found)


def test_a_lower_case_head_and_its_description_are_a_kind_cue_not_part_of_the_name(actors_of):
    found = actors_of("Le club d'entreprises Cap Velmor et l'association Initiative Ardoisière ont signé avec "
                      "la coopérative agricole Terres de Valmeuse.")
    club, association, cooperative = found["Cap Velmor"], found["Initiative Ardoisière"], found["Terres de Valmeuse"]
    assert club.kinds[0] == "reseau_entreprises" and "club d'entreprises Cap Velmor" in club.aliases
    assert association.kinds[0] == "association" and "association Initiative Ardoisière" in association.aliases
    assert cooperative.kinds[0] in ("cooperative", "scic")


def test_a_head_capitalised_as_its_line_opens_is_a_kind_cue_when_a_description_follows(actors_of):
    found = actors_of("Club d'entreprises Cap Velmor : une soirée pour les nouveaux membres.\n\n"
                      "Association Terres Vives et Région Occitanie signent.")
    assert "club d'entreprises cap velmor" in [alias.lower() for alias in found["Cap Velmor"].aliases]
    assert "Association Terres Vives" in found  # no description: the capital may be the name's own


def test_regional_state_services_are_the_state(actors_of):
    found = actors_of("Le projet est cofinancé par la DRAAF Occitanie et suivi par la DDETS du Lirac.")
    assert found["DRAAF Occitanie"].kinds[0] == "etat"


def test_a_list_of_firms_takes_its_bare_names_and_the_names_taken_for_people(actors_of):
    found = actors_of("Entreprises : Ateliers Morvel Industrie, Cartonnerie de la Sablière, Stratis Composites, "
                      "Emballix Nord (filiale du groupe Valmo), Lainerie du Perche, Feutres Ormand ;")
    assert {"Stratis Composites", "Emballix Nord", "Feutres Ormand"} <= set(found)
    assert all(actor.kinds[0] == "entreprise" for actor in found.values())
    people = actors_of("Étaient présents : Jean Doré, Léa Bras, la CCI du Val et Mme Anne Roux.")
    assert people["Jean Doré"].kinds == ["personne"]


def test_partners_surnames_in_a_firm_name_and_colleges_of_a_board(actors_of):
    found = actors_of("L'office notarial Bernier et Lafont conseille les repreneurs. "
                      "Le collège des entreprises du conseil compte six sièges.")
    assert "office notarial Bernier et Lafont" in found
    assert not any(actor.kinds[0] == "recherche_formation" for actor in found.values())


def test_a_body_glued_to_the_next_person_and_a_short_name_of_an_authority(nlp, actors_of):
    found = actors_of("Lors de la séance, la Région Jean Morel a présenté le plan.")
    assert "Jean Morel" in found and found["Jean Morel"].kinds == ["personne"]
    assert not any("Jean" in name and name != "Jean Morel" for name in found)
    doc = nlp("La Métropole de Lyon a voté le plan. La semaine suivante, la Métro a financé la SCIC Énergie Verte.")
    keys = {span.text: span._.actor_key for span in doc.spans["actors"]}
    assert keys["la Métro"] == keys["Métropole de Lyon"]


def test_a_bare_governance_body_belongs_to_the_body_the_text_is_about(actors_of):
    found = actors_of("L'association Tekmo Réseau fédère 40 entreprises. Tekmo Réseau anime le territoire. "
                      "Le conseil d'administration compte 12 membres ; le bureau se réunit chaque mois. "
                      "Un conseil d'administration de 6 membres a été élu à la SCOP Ardel.")
    assert found["Conseil d'administration de Tekmo Réseau"].kinds == ["instance"]
    assert "Bureau de Tekmo Réseau" in found
    assert not any("6" in name for name in found)
    found = actors_of("Le Cluster Lin Vert est administré par un conseil d'administration de 24 membres.")
    assert "Conseil d'administration de Lin Vert" in found


def test_a_general_assembly_and_a_legal_form_are_no_actors(actors_of):
    found = actors_of("L'association Ruche Verte réunit 30 adhérents. Ruche Verte est une association loi de 1901. "
                      "Chaque adhérent vote à l'assemblée générale de juin.\n"
                      "Forme juridique\tAssociation loi de 1901\n")
    assert "Ruche Verte" in found
    assert not any(name.lower().startswith(("assemblée générale", "association loi")) for name in found)


def test_a_quoted_name_before_its_apposed_head_is_an_actor_and_its_anaphor_designates_it(nlp):
    doc = nlp("La communauté de communes ouvre « Cap Vallon », le guichet unique des créateurs d'entreprise. "
              "Le guichet accueille les porteurs de projet sans rendez-vous.")
    keys = {span.text: span._.actor_key for span in doc.spans["actors"]}
    assert "Cap Vallon" in keys
    assert keys.get("Le guichet") == keys["Cap Vallon"]


def test_an_anaphor_of_the_title_s_body_designates_it_over_a_nearer_one(nlp):
    doc = nlp("Fondation Clairbois\n\n"
              "La Fondation Clairbois soutient les artisans du plateau. Elle est abritée par la Fondation de Savoie, "
              "qui gère ses comptes. La Fondation a financé douze reprises depuis 2021.")
    keys = {span.text: span._.actor_key for span in doc.spans["actors"]}
    assert keys.get("La Fondation") == keys["Fondation Clairbois"] != keys["Fondation de Savoie"]


def test_a_quoted_name_after_a_definite_article_is_an_actor(actors_of):
    found = actors_of("Soutenu par la communauté de communes, le « Point Contact Brivazac » a ouvert ses portes "
                      "en 2022 dans l'ancienne gare.")
    assert "Point Contact Brivazac" in found


def test_a_list_announced_by_a_collective_noun_takes_its_bare_names(actors_of):
    found = actors_of("Ses adhérents : Orvel, Quintec, Optimal Conseil et la Scierie Bardet.")
    assert {"Orvel", "Quintec", "Optimal Conseil", "Scierie Bardet"} <= set(found)
    assert all(found[name].kinds[0] != "personne" for name in ("Orvel", "Quintec"))
    two = actors_of("Nos partenaires : Vernex et Orvel.")
    assert {"Vernex", "Orvel"} <= set(two)


def test_a_list_under_another_heading_or_of_people_takes_no_bare_name(actors_of):
    assert not actors_of("Thèmes : Innovation, Export et Numérique.")
    people = actors_of("Les membres du bureau : Jean Dupré, Marie Lenoir et Paul Vidal.")
    assert {actor.kinds[0] for actor in people.values()} == {"personne"}


def test_a_one_word_short_form_of_a_firm_is_that_firm_not_a_place(nlp):
    doc = nlp("La société Tekmo Systems a rejoint le club. Tekmo emploie 40 salariés à Millau.")
    assert [actor.name for actor in doc._.actors.values()] == ["Tekmo Systems"]
    assert [span.text for span in doc.spans["territories"]] == ["Millau"]
    keys = {span._.actor_key for span in doc.spans["actors"]}
    assert len(keys) == 1 and len(doc.spans["actors"]) == 2


def test_a_body_named_by_one_word_is_that_body_where_the_model_saw_a_place(nlp):
    doc = nlp("L'association Orvel fédère 90 membres. En 2019, Orvel crée une filiale, Orvel Services. "
              "Orvel siège à Millau.")
    assert {actor.name for actor in doc._.actors.values()} == {"Orvel", "Orvel Services"}
    assert [span.text for span in doc.spans["territories"]] == ["Millau"]
    assert sum(span._.actor_key == "orvel" for span in doc.spans["actors"]) == 3


def test_a_copula_or_an_apposition_states_the_kind_of_a_body_named_bare(actors_of):
    found = actors_of("L'association Orvel fédère 90 membres. Orvel est un pôle de compétitivité labellisé en "
                      "2005. Orvel est membre de France Clusters.")
    assert found["Orvel"].kinds[0] == "cluster"
    apposed = actors_of("L'association Quintor anime le réseau. Quintor, une société coopérative d'intérêt "
                        "collectif, a été créée en 2015.")
    assert apposed["Quintor"].kinds[0] == "scic"


def test_a_definite_article_after_a_comma_starts_another_clause_not_a_definition(nlp):
    from maillage.nlp.definitions import stated_kinds

    doc = nlp.make_doc("Avec Orvel, le club organise deux matinées. Orvel est un club d'entreprises.")
    assert stated_kinds(doc[1:2]) == ()
    assert stated_kinds(doc[9:10]) == ("reseau_entreprises",)


def test_an_untagged_word_repeating_a_one_word_body_name_is_that_body(nlp):
    from maillage.nlp.bare_names import repeated_names

    doc = nlp.make_doc("Orvel fédère 90 membres. Depuis 2020, Orvel adhère au réseau. Fédère est un verbe.")
    found = repeated_names(doc, [("Orvel", ["cluster"]), ("Fédère", ["entreprise"])], taken={0})
    assert [(span.start, kinds, name) for span, kinds, name in found] == [(8, ["cluster"], "Orvel")]


def test_a_name_all_in_capitals_is_a_firm_not_a_person(actors_of):
    found = actors_of("Vice-président : Karim Salah (VERNAK'INOX)")
    assert found["Karim Salah"].kinds == ["personne"]
    assert found["VERNAK'INOX"].kinds[0] != "personne"


def test_the_name_before_represente_par_is_a_body(actors_of):
    found = actors_of("- Auberge-relais Le Pont Vieux, représentée par Mme Anne Roy ;")
    assert found["Auberge-relais Le Pont Vieux"].kinds[0] != "personne"
    assert found["Anne Roy"].kinds == ["personne"]


def test_a_firm_name_alone_in_parentheses_is_a_body_wherever_it_stands(actors_of):
    found = actors_of("Paul Vidal, élu de la chambre et chauffagiste installé à Rodez (Vidal Énergies), "
                      "se félicite du partenariat. Le plan (PLAN CLIMAT SA) avance.")
    assert found["Vidal Énergies"].kinds == ["entreprise"]
    assert not any(name.isupper() for name in found)


def test_a_name_after_dirigeant_de_is_the_employer_not_a_person(actors_of):
    found = actors_of("Le club est présidé par Marc Le Tallec, dirigeant de Plastiform Ouest.")
    assert found["Marc Le Tallec"].kinds == ["personne"]
    assert found["Plastiform Ouest"].kinds[0] != "personne"


def test_a_network_acronym_and_its_area_are_one_branch_and_national_networks_are_known(actors_of):
    found = actors_of("L'assemblée de la CRESS Grand Ouest s'est tenue à Vannes. Étaient représentés : "
                      "le Mouvement associatif, la Mutualité française et l'URSCOP. La CCI est fermée.")
    assert "CRESS Grand Ouest" in found and "Grand Ouest" not in found
    assert found["Mouvement associatif"].kinds == ["association"]
    assert "Mutualité française" in found
    assert not any(name.endswith(" est") for name in found)


def test_a_name_said_to_be_a_scheme_is_a_programme_not_a_place_or_an_actor(nlp):
    doc = nlp("La CCI Haute-Vallée lance « Cap Transmission », un dispositif d'accompagnement des cédants.")
    assert "Cap Transmission" in [span.text for span in doc.spans["programmes"]]
    assert "Cap Transmission" not in [span.text for span in doc.spans["territories"]]
    assert "Cap Transmission" not in {actor.name for actor in doc._.actors.values()}


def test_a_quoted_name_after_a_shop_noun_is_a_firm(actors_of):
    found = actors_of("Elle a ouvert la ressourcerie « Le Grenier du Val », qui emploie six salariés. "
                      "Le thème « Bien Vivre » a été retenu.")
    assert [(name, actor.kinds[0]) for name, actor in found.items()] == [("Grenier du Val", "entreprise")]


def test_a_local_branch_of_a_named_body_is_a_body_of_its_kinds_but_not_a_banks(actors_of):
    found = actors_of("Les artisans sont reçus par un conseiller de l'antenne de Saint-Pierre-du-Val de la "
                      "CMA Occitanie.")
    branch = found["Antenne de Saint-Pierre-du-Val de la CMA Occitanie"]
    assert branch.kinds == found["CMA Occitanie"].kinds
    bank = actors_of("Pascal Roux, directeur de l'agence de Morlanges-sur-Loire du Crédit Agricole Val d'Orne, approuve.")
    assert not any(name.startswith("Agence") for name in bank)


def test_a_place_the_text_describes_as_a_body_is_that_body(actors_of, nlp):
    found = actors_of("Le Pôle Cristal, centre technique du froid, a signé un partenariat avec l'IUT de Lannion.")
    assert found["Pôle Cristal"].kinds[0] == "recherche_formation"
    doc = nlp("Vannes, ville de 50 000 habitants, accueille le salon. Auray, centre technique du froid, Vannes.")
    assert not doc._.actors and "Vannes" in [span.text for span in doc.spans["territories"]]


def test_a_surname_in_capitals_after_a_civility_is_a_person_whatever_the_model_says(actors_of):
    actors = actors_of("Rapporteur : Mme VERNOUX. M. TALABARD, administrateur de l'association, ne prend pas part "
                       "au vote.")
    assert {name: a.kinds[0] for name, a in actors.items() if name.isupper()} == {
        "VERNOUX": "personne", "TALABARD": "personne"}


def test_the_chamber_designates_the_last_chamber_named_whatever_its_name(nlp):
    doc = nlp("La CCI Morvane-et-Tresse accompagne les commerçants du bassin. Elle a reçu le soutien de la Région "
              "Normandie.\n\nMardi, la chambre a signé une convention de partenariat avec la Banque Populaire Morvane.\n")
    designated = {span.text: doc._.actors[span._.actor_key].name for span in doc.spans["actors"]
                  if span._.actor_key in doc._.actors}
    assert designated.get("la chambre") == "CCI Morvane-et-Tresse"


def test_a_description_in_apposition_gives_a_bare_name_its_kind(actors_of):
    found = actors_of("Le Département soutient Mécabois Sorin, la grappe des industriels du bois. "
                      "La CCI travaille avec Ardan Vellis, association d'insertion par l'activité économique.")
    assert found["Mécabois Sorin"].kinds[0] == "cluster"
    assert found["Ardan Vellis"].kinds == ["association"]


def test_a_listed_body_or_a_new_clause_after_a_comma_is_no_apposition(actors_of):
    found = actors_of("Le fonds réunit Bouvral Frères SA, l'agence Crédit Sorin de Lamaz et quarante donateurs.")
    assert "agence" not in found["Bouvral Frères SA"].kinds
