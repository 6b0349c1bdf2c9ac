"""The roster and board reader (maillage.nlp.links.rosters): structure headings, header blocks."""
from __future__ import annotations

import pytest

ORG = ["association"]
PAYS = ["collectivite"]
PERSON = ["personne"]
BOARD = ["instance"]


def test_members_listed_under_a_college_belong_to_the_board_above(read):
    text = ("Le conseil d'administration d'Alvéa compte neuf membres.\n\n"
            "Collège des entreprises :\n"
            "- Tissages Mabre, représentée par M. Paul Ravel, directeur général\n"
            "- Verreries Dantel, représentée par Mme Anne Soler\n\n"
            "Collège des collectivités :\n"
            "- la Communauté de communes du Rivage\n")
    found, _ = read(text, {"conseil d'administration d'Alvéa": BOARD, "Tissages Mabre": ["entreprise"],
                           "Verreries Dantel": ["entreprise"], "Paul Ravel": PERSON, "Anne Soler": PERSON,
                           "Communauté de communes du Rivage": PAYS})
    board = "conseil d'administration d'Alvéa"
    assert {s for s, k, t in found if k == "MEMBER_OF" and t == board} == {
        "Tissages Mabre", "Verreries Dantel", "Communauté de communes du Rivage"}
    assert ("Paul Ravel", "GOVERNS", "Tissages Mabre") in found  # represented by its head
    assert ("Anne Soler", "MEMBER_OF", "Verreries Dantel") in found


def test_a_heading_without_colon_followed_by_bullets(read):
    text = ("Le comité de pilotage de Ruche Verte se réunit deux fois par an. Il est composé de deux collèges.\n\n"
            "Collège des fondateurs\n"
            "- Léa Morin, présidente\n"
            "- Hugo Vidal (Scierie Vautre)\n")
    found, _ = read(text, {"comité de pilotage de Ruche Verte": BOARD, "Ruche Verte": ORG, "Léa Morin": PERSON,
                           "Hugo Vidal": PERSON, "Scierie Vautre": ["entreprise"]})
    committee = "comité de pilotage de Ruche Verte"
    assert ("Léa Morin", "MEMBER_OF", committee) in found
    assert ("Hugo Vidal", "MEMBER_OF", committee) in found  # "- A (B)": the person sits in the committee
    assert ("Hugo Vidal", "MEMBER_OF", "Scierie Vautre") in found


def test_our_partners_are_the_speaking_body_s(read):
    text = ("Le Club Horizon réunit les dirigeants du bassin. Le Club Horizon organise des ateliers.\n\n"
            "Nos partenaires :\n"
            "Banque Solen · Agence Mirvel · Fonds Ardent\n")
    found, _ = read(text, {"Club Horizon": ORG, "Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"],
                           "Fonds Ardent": ORG})
    partners = {frozenset((s, t)) for s, k, t in found if k == "PARTNER_OF"}
    assert partners == {frozenset(("Club Horizon", x)) for x in ("Banque Solen", "Agence Mirvel", "Fonds Ardent")}


def test_a_header_block_after_a_paragraph_belongs_to_the_speaking_body(read):
    text = ("Rapport d'activité d'Essor Vallée. Essor Vallée accompagne les entreprises. Essor Vallée recrute.\n\n"
            "La Chambre Ordan y est représentée par M. Paul Ravel.\n\n"
            "Président : Jean Morel\n"
            "Vice-président : Hugo Vidal (Scierie Vautre)\n")
    found, _ = read(text, {"Essor Vallée": ORG, "Chambre Ordan": ["cci"], "Paul Ravel": PERSON,
                           "Jean Morel": PERSON, "Hugo Vidal": PERSON, "Scierie Vautre": ["entreprise"]})
    assert ("Jean Morel", "GOVERNS", "Essor Vallée") in found
    assert ("Hugo Vidal", "MEMBER_OF", "Scierie Vautre") in found
    assert not {(s, t) for s, k, t in found if s in ("Jean Morel", "Hugo Vidal") and t == "Chambre Ordan"}


def test_a_sentence_that_opens_on_a_structure_names_its_members(read):
    text = ("La coopérative Alvéa compte neuf administrateurs. Alvéa recrute. Dans le collège des associations, "
            "on retrouve Ruche Verte et Collectif Brume. Dans le collège du Fonds Ardent, on retrouve Atelier Corbin.")
    found, _ = read(text, {"Alvéa": ["scic"], "Ruche Verte": ORG, "Collectif Brume": ORG, "Fonds Ardent": ORG,
                           "Atelier Corbin": ["entreprise"]})
    assert found == {("Ruche Verte", "MEMBER_OF", "Alvéa"), ("Collectif Brume", "MEMBER_OF", "Alvéa"),
                     ("Atelier Corbin", "MEMBER_OF", "Fonds Ardent")}


def test_a_heading_whose_body_is_only_named_above_gives_suggestions(read):
    text = ("La Coopérative Brume anime le réseau des producteurs du plateau.\n\n"
            "Collège des producteurs :\n"
            "- Ferme Jalon\n"
            "- Atelier Sorel\n")
    actors = {"Coopérative Brume": ORG, "Ferme Jalon": ["entreprise"], "Atelier Sorel": ["entreprise"]}
    stated, _ = read(text, actors)
    suggested, links = read(text, actors, suggestions=True)
    members = {("Ferme Jalon", "MEMBER_OF", "Coopérative Brume"), ("Atelier Sorel", "MEMBER_OF", "Coopérative Brume")}
    assert members <= suggested and not members & stated
    assert all(link.methods == {"suggestion"} and link.confidence <= 0.4 for link in links)


def test_a_heading_that_names_its_body_states_the_links(read):
    text = ("La Coopérative Brume anime le réseau des producteurs du plateau.\n\n"
            "Collège des producteurs de la Coopérative Brume :\n"
            "- Ferme Jalon\n"
            "- Atelier Sorel\n")
    found, _ = read(text, {"Coopérative Brume": ORG, "Ferme Jalon": ["entreprise"], "Atelier Sorel": ["entreprise"]})
    assert {("Ferme Jalon", "MEMBER_OF", "Coopérative Brume"),
            ("Atelier Sorel", "MEMBER_OF", "Coopérative Brume")} <= found


@pytest.mark.parametrize("body, stated", [("Comité de pilotage Cap Vallon", True), ("Cap Vallon", False)])
def test_members_present_belong_to_a_body_named_as_a_governance_body(read, body, stated):
    text = f"{body}\nCompte rendu de la réunion du 3 mars\n\nMembres présents :\n- Léa Morin\n- Hugo Vidal\n"
    actors = {body: BOARD, "Léa Morin": PERSON, "Hugo Vidal": PERSON}
    members = {("Léa Morin", "MEMBER_OF", body), ("Hugo Vidal", "MEMBER_OF", body)}
    found, _ = read(text, actors)
    suggested, _ = read(text, actors, suggestions=True)
    assert members <= suggested
    assert (members <= found) is stated and (members & found == set()) is not stated


def test_a_title_in_the_plural_is_held_by_every_person_of_the_line(read):
    text = ("Le Club Orvée est une association animée par des bénévoles.\n\n"
            "Co-présidents : Anne Roy, présidente de Tessan Bois (promotion 2021), et Paul Ravel (Ravel Menuiserie)\n"
            "Trésorier : Marc Dol\n")
    found, _ = read(text, {"Club Orvée": ["association"], "Anne Roy": ["personne"], "Tessan Bois": ["entreprise"],
                           "Paul Ravel": ["personne"], "Ravel Menuiserie": ["entreprise"], "Marc Dol": ["personne"]})
    assert {("Anne Roy", "GOVERNS", "Club Orvée"), ("Paul Ravel", "GOVERNS", "Club Orvée"),
            ("Marc Dol", "MEMBER_OF", "Club Orvée")} <= found
    assert ("Tessan Bois", "GOVERNS", "Club Orvée") not in found


def test_a_header_label_that_names_a_body_gives_that_body(read):
    text = ("La Communauté Valdèbre finance le guichet Cap Ondine, ouvert en mai.\n\n"
            "Informations pratiques\nResponsable du Cap Ondine : Luc Gant, conseiller à la Chambre Sorel\n")
    found, _ = read(text, {"Cap Ondine": ["agence"], "Communauté Valdèbre": ["collectivite"],
                           "Luc Gant": ["personne"], "Chambre Sorel": ["cci"]})
    assert ("Luc Gant", "GOVERNS", "Cap Ondine") in found
    assert ("Luc Gant", "MEMBER_OF", "Communauté Valdèbre") not in found


def test_infobox_lines_split_by_a_tab_name_the_heads_of_the_page_s_body(read):
    text = ("Orvalis\nPôle de compétitivité\nSiège\tBrenneval\nPrésident\tMarc Tesse\n"
            "Directrice générale\tAnne Roy\n\nOrvalis est un pôle de compétitivité.")
    found, _ = read(text, {"Orvalis": ["cluster"], "Brenneval": ["@territory"], "Marc Tesse": ["personne"],
                           "Anne Roy": ["personne"]})
    assert found == {("Marc Tesse", "GOVERNS", "Orvalis"), ("Anne Roy", "GOVERNS", "Orvalis")}


def test_a_header_title_taken_for_a_place_stays_a_title(read):
    text = "Le Club Orvée est une association.\n\nPrésident : Marc Dol\nVice-présidente : Anne Roy (Tessan Bois)\n"
    found, _ = read(text, {"Club Orvée": ["association"], "Anne Roy": ["personne"], "Tessan Bois": ["entreprise"],
                           "Vice-présidente": ["@territory"], "Marc Dol": ["personne"]})
    assert ("Anne Roy", "MEMBER_OF", "Club Orvée") in found


def test_staff_under_a_board_are_staff_of_the_organisation_the_board_belongs_to(read):
    text = ("Le Club Orvée réunit 40 entreprises. Le bureau du Conseil d'administration de Club Orvée compte cinq "
            "membres :\n\nPrésident : Marc Dol\n\nL'équipe\n\nDirectrice : Anne Roy\nChargé de mission : Paul Ravel\n")
    found, _ = read(text, {"Club Orvée": ORG, "Conseil d'administration de Club Orvée": BOARD, "Anne Roy": PERSON,
                           "Marc Dol": PERSON, "Paul Ravel": PERSON})
    assert {("Marc Dol", "GOVERNS", "Conseil d'administration de Club Orvée"), ("Anne Roy", "GOVERNS", "Club Orvée"),
            ("Paul Ravel", "MEMBER_OF", "Club Orvée")} <= found


MEMBERS_PAGE = ("Annuaire des adhérents du Réseau Solvéa\n\n"
                "Le Réseau Solvéa fédère les structures de l'économie sociale du bassin.\n\n"
                "Associations membres :\n- Atelier Brenvil\n- Jardins du Sorin\n\n"
                "Coopératives membres :\n- Coop Ardan\n")


def test_a_members_heading_on_the_page_of_the_body_its_title_names(read):
    members = ("Atelier Brenvil", "Jardins du Sorin", "Coop Ardan")
    found, _ = read(MEMBERS_PAGE, {"Réseau Solvéa": ORG, **{m: ORG for m in members}})
    assert {(m, "MEMBER_OF", "Réseau Solvéa") for m in members} <= found


def test_our_members_on_the_page_of_the_body_its_title_names_are_stated(read):
    text = ("Réseau Solvéa – qui sommes-nous ?\n\nLe Réseau Solvéa fédère l'économie sociale du bassin.\n\n"
            "Parmi nos adhérents :\n- Atelier Brenvil\n- Jardins du Sorin\n")
    found, _ = read(text, {"Réseau Solvéa": ORG, "Atelier Brenvil": ORG, "Jardins du Sorin": ORG})
    assert {("Atelier Brenvil", "MEMBER_OF", "Réseau Solvéa"), ("Jardins du Sorin", "MEMBER_OF", "Réseau Solvéa")} <= found


def test_a_label_line_reads_its_person_after_any_civility(read):
    text = ("Le Club Orvée est une association.\n\n"
            "Président : Pr Marc Dol\nTrésorière : Me Anne Roy\nVice-présidents : MM. Paul Ravel et Hugo Vidal\n")
    found, _ = read(text, {"Club Orvée": ORG, "Marc Dol": PERSON, "Anne Roy": PERSON, "Paul Ravel": PERSON,
                           "Hugo Vidal": PERSON})
    assert ("Marc Dol", "GOVERNS", "Club Orvée") in found
    assert {("Anne Roy", "MEMBER_OF", "Club Orvée"), ("Paul Ravel", "MEMBER_OF", "Club Orvée")} <= found
