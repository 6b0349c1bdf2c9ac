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
