"""The person-function reader (maillage.nlp.links.functions): titles before, after and around names."""
from __future__ import annotations

ORG = ["association"]
PAYS = ["collectivite"]
PERSON = ["personne"]


def test_a_title_and_its_body_before_the_name(read):
    found, _ = read("« Nous avançons », résume le président de la Chambre Ordan, Jean Rolland, devant la presse.",
                    {"Chambre Ordan": ["cci"], "Jean Rolland": PERSON})
    assert found == {("Jean Rolland", "GOVERNS", "Chambre Ordan")}


def test_a_bracketed_chief_executive_title(read):
    found, _ = read("Le pôle est présidé par Anne Marc (P-dg de Vernex).",
                    {"Anne Marc": PERSON, "Vernex": ["entreprise"]})
    assert ("Anne Marc", "GOVERNS", "Vernex") in found


def test_an_adverb_before_the_title(read):
    found, _ = read("Lucie Dol, aujourd'hui directrice de la Coopérative Brume, a lancé le projet.",
                    {"Lucie Dol": PERSON, "Coopérative Brume": ["scic"]})
    assert found == {("Lucie Dol", "GOVERNS", "Coopérative Brume")}


def test_a_coordinated_apposition_keeps_its_subject_and_drops_former_seats(read):
    text = "Le jury réunit Marc Tesse (P-dg d'Arvel, ancien président de Banque Solen et président de Club Horizon)."
    found, _ = read(text, {"Marc Tesse": PERSON, "Arvel": ["entreprise"], "Banque Solen": ["entreprise"],
                           "Club Horizon": ORG})
    assert found == {("Marc Tesse", "GOVERNS", "Arvel"), ("Marc Tesse", "GOVERNS", "Club Horizon")}


def test_a_former_function_gives_no_link(read):
    found, _ = read("Paul Ravel, ancien directeur de l'Agence Mirvel, a pris la parole.",
                    {"Paul Ravel": PERSON, "Agence Mirvel": ["agence"]})
    assert found == set()


def test_a_body_a_dash_then_its_head(read):
    found, _ = read("Les lauréats :\n- Verreries Dantel – Anne Soler, présidente\n",
                    {"Verreries Dantel": ["entreprise"], "Anne Soler": PERSON})
    assert ("Anne Soler", "GOVERNS", "Verreries Dantel") in found


def test_a_possessed_title_before_the_name_is_a_function_in_the_body_said_before(read):
    text = ("Fonds Ardent a accordé vingt prêts en 2023. « Nous voulons aller plus loin », explique sa "
            "présidente, Claire Vidal.")
    found, _ = read(text, {"Fonds Ardent": ORG, "Claire Vidal": PERSON})
    assert found == {("Claire Vidal", "GOVERNS", "Fonds Ardent")}


def test_a_mayor_governs_the_commune_the_document_names(read):
    text = "Jean Dulac, maire de Brenneval ; la commune de Brenneval a voté le projet."
    found, _ = read(text, {"Jean Dulac": PERSON, "Brenneval": ["@territory"], "commune de Brenneval": PAYS})
    assert ("Jean Dulac", "GOVERNS", "commune de Brenneval") in found


def test_a_mayor_named_after_the_title_governs_the_town_authority(read):
    text = "La maire de Brenneval, Anne Roy, a salué le vote de la Ville de Brenneval."
    found, _ = read(text, {"Anne Roy": PERSON, "Brenneval": ["@territory"], "Ville de Brenneval": PAYS})
    assert ("Anne Roy", "GOVERNS", "Ville de Brenneval") in found


def test_a_mayor_of_a_place_without_an_authority_gives_no_actor_link(read):
    _, links = read("Jean Dulac, maire de Brenneval, a pris la parole.",
                    {"Jean Dulac": PERSON, "Brenneval": ["@territory"]})
    assert all(link.target_type == "territory" for link in links)


def test_a_local_branch_of_a_bank_is_a_seat_in_the_bank(read):
    text = "Luc Gant, directeur de l'agence de Brenneval du Crédit Solen, y voit un atout."
    found, _ = read(text, {"Luc Gant": PERSON, "Brenneval": ["@territory"], "Crédit Solen": ["entreprise"]})
    assert found == {("Luc Gant", "MEMBER_OF", "Crédit Solen")}


def test_a_capitalised_title_taken_for_a_place_stays_a_function(read):
    text = "Le jury est présidé par Marc Tesse (P-dg de Vernex Industrie)."
    found, _ = read(text, {"Marc Tesse": PERSON, "P-dg": ["@territory"], "Vernex Industrie": ["entreprise"]})
    assert ("Marc Tesse", "GOVERNS", "Vernex Industrie") in found


def test_a_second_seat_after_a_title_taken_for_a_place(read):
    text = ("Paul Ravel, conseiller municipal de Brenneval, Vice-Président de Brenne Agglo en charge de "
            "l'économie, ouvre la séance.")
    found, _ = read(text, {"Paul Ravel": PERSON, "Brenneval": ["@territory"], "Vice-Président": ["@territory"],
                           "Brenne Agglo": PAYS})
    assert ("Paul Ravel", "MEMBER_OF", "Brenne Agglo") in found


def test_a_seat_that_ended_gives_no_link_but_the_next_one_does(read):
    text = "Anne Roy, directrice de Tessan Bois jusqu'en 2019, présidente du Club Orvée depuis 2020, ouvre la séance."
    found, _ = read(text, {"Anne Roy": PERSON, "Tessan Bois": ["entreprise"], "Club Orvée": ORG})
    assert found == {("Anne Roy", "GOVERNS", "Club Orvée")}


def test_a_board_seat_in_brackets_is_held_on_the_board_for_the_body_named_after_it(read):
    text = ("Le Conseil d'administration d'Arvane Conseil est composé de Louise Tardel (présidente, Cressane Agglo) "
            "et de Paul Vedrac (trésorier, Banque Morlesse).")
    found, _ = read(text, {"Conseil d'administration d'Arvane Conseil": ["instance"], "Arvane Conseil": ["agence"],
                           "Louise Tardel": PERSON, "Cressane Agglo": PAYS, "Paul Vedrac": PERSON,
                           "Banque Morlesse": ["relais"]})
    board = "Conseil d'administration d'Arvane Conseil"
    assert {("Louise Tardel", "MEMBER_OF", board), ("Louise Tardel", "GOVERNS", "Arvane Conseil"),
            ("Louise Tardel", "MEMBER_OF", "Cressane Agglo"), ("Paul Vedrac", "MEMBER_OF", board),
            ("Paul Vedrac", "MEMBER_OF", "Banque Morlesse")} <= found
    assert ("Louise Tardel", "GOVERNS", "Cressane Agglo") not in found


def test_a_staff_function_in_brackets_without_a_board_stays_with_its_body(read):
    found, _ = read("Le projet a été suivi par Louise Tardel (directrice, Banque Morlesse).",
                    {"Louise Tardel": PERSON, "Banque Morlesse": ["relais"]})
    assert ("Louise Tardel", "GOVERNS", "Banque Morlesse") in found


def test_a_title_of_a_definite_description_names_the_last_body_of_that_noun(read):
    text = ("La Fondation Morvel soutient le territoire. Le lycée agricole de Mirande forme les apprentis. "
            "Le directeur du lycée, M. Paul Orsel, coordonne la formation.")
    found, _ = read(text, {"Fondation Morvel": ["fondation"], "lycée agricole de Mirande": ["recherche_formation"],
                           "Paul Orsel": PERSON})
    assert ("Paul Orsel", "GOVERNS", "lycée agricole de Mirande") in found
    assert ("Paul Orsel", "GOVERNS", "Fondation Morvel") not in found


def test_a_title_before_a_civility_and_a_name(read):
    found, _ = read("Le président de la Chambre Ordan, M. Jean Rolland, ouvre la séance.",
                    {"Chambre Ordan": ["cci"], "Jean Rolland": PERSON})
    assert found == {("Jean Rolland", "GOVERNS", "Chambre Ordan")}


def test_a_title_before_any_civility_and_a_name(read):
    for civility in ("Pr", "Me", "MME"):
        found, _ = read(f"La présidente de l'Institut Vernaz, {civility} Anne Soler, accueille les invités.",
                        {"Institut Vernaz": ["recherche_formation"], "Anne Soler": PERSON})
        assert found == {("Anne Soler", "GOVERNS", "Institut Vernaz")}, civility


def test_a_possessive_title_names_the_one_body_of_the_sentence_before(read):
    text = ("Créé en 2011 par des ébénistes de la vallée, le cluster Boisval Orne regroupe quarante entreprises. "
            "Son directeur, Paul Ternier, revient sur l'année.")
    found, _ = read(text, {"cluster Boisval Orne": ["cluster"], "Paul Ternier": PERSON})
    assert ("Paul Ternier", "GOVERNS", "cluster Boisval Orne") in found


def test_the_latter_stands_for_the_body_named_last(read):
    text = ("La Chambre Ordan a signé une charte avec le Collectif Brume. Celui-ci était représenté par sa présidente, "
            "Marion Lestrade, venue du bourg voisin.")
    found, _ = read(text, {"Chambre Ordan": ["cci"], "Collectif Brume": ORG, "Marion Lestrade": PERSON})
    assert ("Marion Lestrade", "GOVERNS", "Collectif Brume") in found
    assert ("Marion Lestrade", "GOVERNS", "Chambre Ordan") not in found
