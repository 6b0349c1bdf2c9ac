"""The body a document is about (maillage.nlp.links.subject): named by the title, then designated by
"le pôle", "la Fondation", "notre réseau" or left unnamed."""
from __future__ import annotations

from maillage.nlp.links.subject import document_subject

POLE = ["cluster"]
FIRM = ["entreprise"]
PERSON = ["personne"]

FILLER = ("Ses membres conduisent chaque année une vingtaine de projets de recherche sur les fibres, les colles "
          "et les emballages, avec des laboratoires de toute la région et des industriels de toutes tailles. ")


def test_a_designation_far_from_any_other_body_of_its_noun_is_the_subject(read):
    text = ("Valtexa\n\nValtexa est un pôle de compétitivité consacré aux textiles. En 2016, il signe un accord avec "
            "le pôle Nordibois. " + FILLER * 2 + "Le pôle est présidé par Jeanne Morlet.")
    found, _ = read(text, {"Valtexa": POLE, "pôle Nordibois": POLE, "Jeanne Morlet": PERSON})
    assert ("Jeanne Morlet", "GOVERNS", "Valtexa") in found
    assert ("Jeanne Morlet", "GOVERNS", "pôle Nordibois") not in found


def test_another_body_of_the_noun_named_just_before_keeps_the_designation(read):
    text = "Valtexa\n\nValtexa recrute. Le pôle Nordibois déménage. Le pôle est présidé par Jeanne Morlet."
    found, _ = read(text, {"Valtexa": POLE, "pôle Nordibois": POLE, "Jeanne Morlet": PERSON})
    assert ("Jeanne Morlet", "GOVERNS", "Valtexa") not in found


def test_the_first_word_of_the_subject_names_it_even_after_a_namesake(read):
    """A title in capitals names the subject; "la Fondation" is it, "la Fondation de France" is another body."""
    text = ("FONDATION ARVELLE SOLIDAIRE\n\nLa Fondation Arvelle Solidaire est abritée par la Fondation de France. "
            "Le secrétariat est assuré par Paul Ribaud, délégué général de la Fondation.")
    actors = {"Fondation Arvelle Solidaire": ["fondation"], "Fondation de France": ["fondation"],
              "Paul Ribaud": PERSON}
    found, _ = read(text, actors)
    assert ("Paul Ribaud", "GOVERNS", "Fondation Arvelle Solidaire") in found
    assert ("Paul Ribaud", "GOVERNS", "Fondation de France") not in found


def test_the_subject_speaks_for_nous_even_when_another_body_is_named_more(read):
    text = ("CLUB DES TISSERANDS\n\nLe Club des Tisserands réunit des ateliers. La Ville de Lorsac prête une salle. "
            "La Ville de Lorsac imprime l'agenda. La Ville de Lorsac relaie les offres. "
            "Nous sommes soutenus financièrement par la Banque Orvane.")
    actors = {"Club des Tisserands": ["reseau_entreprises"], "Ville de Lorsac": ["collectivite"],
              "Banque Orvane": FIRM}
    found, _ = read(text, actors, suggestions=True)
    assert {(s, t) for s, _, t in found} == {("Banque Orvane", "Club des Tisserands")}


def test_a_name_the_model_left_untagged_is_a_mention_of_the_subject(nlp):
    """The title's body named again in capitals is found by its name, and only the title names a subject."""
    from maillage.graph.model import Actor

    doc = nlp("RESEAU ORVELIA\n\nLe Réseau Orvelia accueille ses adhérents.")
    doc._.actors = {"r": Actor("r", "Réseau Orvelia", ["association"])}
    assert document_subject(doc) == "r"
    doc = nlp("COMMUNIQUÉ DE PRESSE\n\nLe Réseau Orvelia accueille ses adhérents.")
    doc._.actors = {"r": Actor("r", "Réseau Orvelia", ["association"])}
    assert document_subject(doc) is None


def test_nous_as_the_object_of_a_third_person_verb_is_the_subject_as_patient(read):
    text = ("CLUB DES TISSERANDS\n\nLe Club des Tisserands réunit des ateliers du bassin. La Banque Orvane nous "
            "accompagne depuis 2019 et la Fondation Lirac nous a financés en 2024.")
    actors = {"Club des Tisserands": ["reseau_entreprises"], "Banque Orvane": FIRM, "Fondation Lirac": ["fondation"]}
    found, _ = read(text, actors)
    assert ("Banque Orvane", "SUPPORTS", "Club des Tisserands") in found
    assert ("Fondation Lirac", "FUNDS", "Club des Tisserands") in found
    found, _ = read("CLUB DES TISSERANDS\n\nNous accompagnons la Banque Orvane.", actors)
    assert ("Club des Tisserands", "SUPPORTS", "Banque Orvane") in found


#: A newsletter of a regional branch: its title names the network and the region after a dash.
REGIONAL = ("LA LETTRE DU RÉSEAU\nFédération des Artisans Solidaires – Normandie N° 3\n\n"
            "FAS Normandie réunit quarante ateliers. Le réseau est financé par la Banque Orvane.")
NETWORK = {"Fédération des Artisans Solidaires": ["association"], "FAS Normandie": ["association"], "Banque Orvane": FIRM}


def test_a_title_naming_a_network_and_a_region_after_a_dash_is_about_its_regional_branch(nlp, read):
    """(``read`` registers the doc extensions.)"""
    from maillage.graph.model import Actor

    doc = nlp(REGIONAL)
    doc._.actors = {"n": Actor("n", "Fédération des Artisans Solidaires", ["association"]),
                    "r": Actor("r", "FAS Normandie", ["association"])}
    assert document_subject(doc) == "r"
    doc = nlp("Fédération des Artisans Solidaires – Normandie\n\nLa Fédération des Artisans Solidaires recrute.")
    doc._.actors = {"n": Actor("n", "Fédération des Artisans Solidaires", ["association"])}
    assert document_subject(doc) == "n"


def test_the_regional_branch_a_title_names_is_part_of_its_network(read):
    assert {("FAS Normandie", "PART_OF", "Fédération des Artisans Solidaires"),
            ("Banque Orvane", "FUNDS", "FAS Normandie")} <= read(REGIONAL, NETWORK)[0]
