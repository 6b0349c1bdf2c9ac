"""Clause readings of the cue reader (maillage.nlp.links.cue_reader, .clauses): passives, fronted
participles, pronoun subjects, negation, noun-phrase cues."""
from __future__ import annotations

import pytest

ORG = ["association"]
PAYS = ["collectivite"]
PERSON = ["personne"]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Piloté par la Communauté de communes du Rivage, le Collectif Brume coordonne les actions.",
                 ("Communauté de communes du Rivage", "GOVERNS", "Collectif Brume"), id="fronted-participle"),
    pytest.param("Le Collectif Brume est financé à hauteur de 2 M€ par la Communauté de communes du Rivage.",
                 ("Communauté de communes du Rivage", "FUNDS", "Collectif Brume"), id="passive-with-amount"),
    pytest.param("Le Collectif Brume est animé par la Communauté de communes du Rivage.",
                 ("Communauté de communes du Rivage", "SUPPORTS", "Collectif Brume"), id="animated-by"),
    pytest.param("Le Collectif Brume agit avec le soutien de la Communauté de communes du Rivage.",
                 ("Communauté de communes du Rivage", "SUPPORTS", "Collectif Brume"), id="with-the-support-of"),
    pytest.param("Créé en 2019 à l'initiative de la Communauté de communes du Rivage, le Collectif Brume compte "
                 "vingt membres.", ("Communauté de communes du Rivage", "FOUNDED", "Collectif Brume"),
                 id="fronted-initiative"),
])
def test_passives_and_participles(read, text, expected):
    found, _ = read(text, {"Collectif Brume": ORG, "Communauté de communes du Rivage": PAYS})
    assert found == {expected}


def test_a_convention_signed_between_three_bodies_makes_each_pair_partners(read):
    found, _ = read("La convention signée entre Banque Solen, Agence Mirvel et Fonds Ardent court trois ans.",
                    {"Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"], "Fonds Ardent": ORG})
    assert {frozenset((s, t)) for s, k, t in found if k == "PARTNER_OF"} == {
        frozenset(("Banque Solen", "Agence Mirvel")), frozenset(("Banque Solen", "Fonds Ardent")),
        frozenset(("Agence Mirvel", "Fonds Ardent"))}


def test_signatories_of_a_partnership_are_partners(read):
    found, _ = read("Banque Solen et Agence Mirvel ont signé une convention de partenariat.",
                    {"Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"]})
    assert {frozenset((s, t)) for s, k, t in found} == {frozenset(("Banque Solen", "Agence Mirvel"))}


@pytest.mark.parametrize("text", [
    "Verreries Dantel n'est plus membre du Collectif Brume.",
    "Verreries Dantel n'a finalement pas adhéré au Collectif Brume.",
    "Verreries Dantel ne participe pas au Collectif Brume.",
])
def test_a_denied_cue_gives_no_link_and_no_suggestion(read, text):
    found, _ = read(text, {"Verreries Dantel": ["entreprise"], "Collectif Brume": ORG}, suggestions=True)
    assert found == set()


def test_a_subject_pronoun_stands_for_the_subject_before(read):
    text = "Le Collectif Brume compte vingt membres. Elle est accompagnée par Agence Mirvel depuis 2020."
    found, _ = read(text, {"Collectif Brume": ORG, "Agence Mirvel": ["agence"]})
    assert found == {("Agence Mirvel", "SUPPORTS", "Collectif Brume")}


def test_since_its_creation_is_no_founding(read):
    found, _ = read("Le Collectif Brume est accompagné depuis sa création par Agence Mirvel.",
                    {"Collectif Brume": ORG, "Agence Mirvel": ["agence"]})
    assert found == {("Agence Mirvel", "SUPPORTS", "Collectif Brume")}


def test_a_predicate_noun_is_said_of_the_subject(read):
    found, _ = read("Ruche Verte est une association créée par la Communauté de communes du Rivage.",
                    {"Ruche Verte": ORG, "Communauté de communes du Rivage": PAYS})
    assert found == {("Communauté de communes du Rivage", "FOUNDED", "Ruche Verte")}


def test_a_cue_that_only_qualifies_a_noun_states_nothing_but_a_cue_noun_goes_on(read):
    actors = {"Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"]}
    found, _ = read("Banque Solen a signé une convention de partenariat avec Agence Mirvel.", actors)
    partners = {frozenset((s, t)) for s, k, t in found if k == "PARTNER_OF"}
    assert partners == {frozenset(("Banque Solen", "Agence Mirvel"))}
    found, _ = read("Banque Solen présente les outils de financement et d'accompagnement d'Agence Mirvel.", actors)
    assert found == set()


def test_a_fronted_noun_cue_names_the_doer_of_the_main_subject(read):
    found, _ = read("En 2019, à l'initiative de Banque Solen et d'Agence Mirvel, le « Collectif Brume » a ouvert.",
                    {"Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"], "Collectif Brume": ORG})
    assert found == {("Banque Solen", "FOUNDED", "Collectif Brume"), ("Agence Mirvel", "FOUNDED", "Collectif Brume")}


def test_a_cue_inside_brackets_keeps_its_complement_inside(read):
    found, _ = read("Les adhérents : Laiterie Orme (filiale du groupe Nordal), Scierie Fabra et Moulins Arc.",
                    {"Laiterie Orme": ["entreprise"], "Nordal": ["entreprise"], "Scierie Fabra": ["entreprise"],
                     "Moulins Arc": ["entreprise"]})
    assert not {t for s, k, t in found if k == "PART_OF"} & {"Scierie Fabra", "Moulins Arc"}


def test_founders_of_an_unnamed_organisation_are_no_partners(read):
    found, _ = read("C'est une association créée en 2008 à l'initiative de Banque Solen et d'Agence Mirvel.",
                    {"Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"]})
    assert found == set()


def test_a_fronted_seat_leaves_the_members_after_the_verb(read):
    found, _ = read("Au conseil de surveillance du Fonds Ardent siègent Banque Solen et Agence Mirvel.",
                    {"Fonds Ardent": ORG, "Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"]})
    assert ("Banque Solen", "MEMBER_OF", "Fonds Ardent") in found
    assert ("Agence Mirvel", "MEMBER_OF", "Fonds Ardent") in found
    assert not any(s == "Fonds Ardent" for s, _, _ in found)


def test_y_stands_for_the_body_one_sits_in_in_the_sentence_before(read):
    found, _ = read("Banque Solen a rejoint le Club Orvalis en 2021. Y siègent aussi Agence Mirvel et Fonds Ardent.",
                    {"Club Orvalis": ORG, "Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"],
                     "Fonds Ardent": ORG})
    assert {("Agence Mirvel", "MEMBER_OF", "Club Orvalis"), ("Fonds Ardent", "MEMBER_OF", "Club Orvalis")} <= found
    assert ("Agence Mirvel", "MEMBER_OF", "Banque Solen") not in found


def test_a_definite_description_as_subject_names_the_last_body_so_designated(read):
    text = ("Le réseau Alvéo Transition accompagne les dirigeants. "
            "Le réseau est financé par la Banque Tessier.")
    found, _ = read(text, {"réseau Alvéo Transition": ORG, "Banque Tessier": ["relais"]})
    assert ("Banque Tessier", "FUNDS", "réseau Alvéo Transition") in found


def test_patronage_of_a_body_is_funding(read):
    found, _ = read("Le Collectif Brume vit grâce au mécénat de la Banque Tessier.",
                    {"Collectif Brume": ORG, "Banque Tessier": ["relais"]})
    assert ("Banque Tessier", "FUNDS", "Collectif Brume") in found


def test_a_title_subject_in_apposition_to_a_name_lets_the_name_act(read):
    found, _ = read("Le Collectif Brume accompagne les artisans. Sa présidente, Marion Lestrade, dirige également "
                    "Scierie Fabra.", {"Collectif Brume": ORG, "Marion Lestrade": PERSON, "Scierie Fabra": ["entreprise"]})
    assert ("Marion Lestrade", "GOVERNS", "Scierie Fabra") in found
