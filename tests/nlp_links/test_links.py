"""Link extraction on short French sentences written for these tests (real spaCy, no mocks)."""
from __future__ import annotations

import pytest

ORG = ["association"]
PAYS = ["collectivite"]
PERSON = ["personne"]


def sym(links: set) -> set:
    """Links with the two ends of each PARTNER_OF in a fixed order (the relation is symmetric)."""
    return {tuple(sorted((a, b))) + (k,) if k == "PARTNER_OF" else (a, k, b) for a, k, b in links}


#: One sentence per link kind and voice: (sentence, {actor: kinds}, the exact links expected).
CASES = [
    pytest.param("La Communauté de communes du Val a adhéré au Cluster Bois Local en 2019.",
                 {"Communauté de communes du Val": PAYS, "Cluster Bois Local": ["cluster"]},
                 {("Communauté de communes du Val", "MEMBER_OF", "Cluster Bois Local")}, id="member-verb"),
    pytest.param("L'Association Terres Vives, membre du Réseau Alpha, organise un forum.",
                 {"Association Terres Vives": ORG, "Réseau Alpha": ORG},
                 {("Association Terres Vives", "MEMBER_OF", "Réseau Alpha")}, id="member-apposition"),
    pytest.param("Les salariés de Coop Delta, une SCIC dont la Métropole de Brive est sociétaire, témoignent.",
                 {"Coop Delta": ["scic"], "Métropole de Brive": PAYS},
                 {("Métropole de Brive", "MEMBER_OF", "Coop Delta")}, id="member-relative-dont"),
    pytest.param("La Région Bretagne et le Département du Finistère financent l'Agence Ouest Développement.",
                 {"Région Bretagne": PAYS, "Département du Finistère": PAYS, "Agence Ouest Développement": ["agence"]},
                 {("Région Bretagne", "FUNDS", "Agence Ouest Développement"),
                  ("Département du Finistère", "FUNDS", "Agence Ouest Développement")}, id="funds-coordinated"),
    pytest.param("Le Cluster Granit est financé par la Région Bretagne.",
                 {"Cluster Granit": ["cluster"], "Région Bretagne": PAYS},
                 {("Région Bretagne", "FUNDS", "Cluster Granit")}, id="funds-passive"),
    pytest.param("Le Pays de Lorient bénéficie d'une subvention de la Fondation Horizon.",
                 {"Pays de Lorient": PAYS, "Fondation Horizon": ["fondation"]},
                 {("Fondation Horizon", "FUNDS", "Pays de Lorient")}, id="funds-noun-names-funder"),
    pytest.param("La CCI de Quimper accompagne la Coopérative Kerlan dans son projet.",
                 {"CCI de Quimper": ["cci"], "Coopérative Kerlan": ["cooperative"]},
                 {("CCI de Quimper", "SUPPORTS", "Coopérative Kerlan")}, id="supports"),
    pytest.param("L'Agence Essor a été fondée par la Communauté de communes du Lac en 2004.",
                 {"Agence Essor": ["agence"], "Communauté de communes du Lac": PAYS},
                 {("Communauté de communes du Lac", "FOUNDED", "Agence Essor")}, id="founded-passive"),
    pytest.param("Le réseau Cap Avenir a été créé à l'initiative du Parc naturel régional des Monts.",
                 {"Cap Avenir": ORG, "Parc naturel régional des Monts": PAYS},
                 {("Parc naturel régional des Monts", "FOUNDED", "Cap Avenir")}, id="founded-initiative"),
    pytest.param("Près de la Communauté de communes du Lac, a été fondée l'Agence Essor.",
                 {"Agence Essor": ["agence"], "Communauté de communes du Lac": PAYS},
                 set(), id="founded-without-agent"),
    pytest.param("Le Pays de Lorvan travaille en partenariat avec la CCI de Lorvan, l'ADEME et Bpifrance.",
                 {"Pays de Lorvan": PAYS, "CCI de Lorvan": ["cci"], "ADEME": ["etat"], "Bpifrance": ["etat"]},
                 {("Pays de Lorvan", "PARTNER_OF", "CCI de Lorvan"), ("Pays de Lorvan", "PARTNER_OF", "ADEME"),
                  ("Pays de Lorvan", "PARTNER_OF", "Bpifrance")}, id="partner-list"),
    pytest.param("Une convention a été signée entre la Ville de Vassy et le Cluster Lorvan Bois.",
                 {"Ville de Vassy": PAYS, "Cluster Lorvan Bois": ["cluster"]},
                 {("Ville de Vassy", "PARTNER_OF", "Cluster Lorvan Bois")}, id="partner-between"),
    pytest.param("Sodiv, filiale de Charbonnages Réunis, prête aux entreprises.",
                 {"Sodiv": ["entreprise"], "Charbonnages Réunis": ["entreprise"]},
                 {("Sodiv", "PART_OF", "Charbonnages Réunis")}, id="part-subsidiary"),
    pytest.param("Le Conseil de développement du Pays Vert se réunit chaque mois.",
                 {"Conseil de développement": ["instance"], "Pays Vert": PAYS},
                 {("Conseil de développement", "PART_OF", "Pays Vert")}, id="part-sub-body"),
    pytest.param("La Technopole Anticipa héberge la start-up Lumio.",
                 {"Technopole Anticipa": ["agence"], "Lumio": ["entreprise"]},
                 {("Technopole Anticipa", "HOSTS", "Lumio")}, id="hosts-active"),
    pytest.param("La Fondation Vallée est abritée par la Fondation de France.",
                 {"Fondation Vallée": ["fondation"], "Fondation de France": ["fondation"]},
                 {("Fondation de France", "HOSTS", "Fondation Vallée")}, id="hosts-passive"),
    pytest.param("La Maison de l'Entreprise oriente les porteurs de projet vers Initiative Rance.",
                 {"Maison de l'Entreprise": ORG, "Initiative Rance": ORG},
                 {("Maison de l'Entreprise", "REFERS_TO", "Initiative Rance")}, id="refers-to"),
    pytest.param("Le Cluster Aval participe au Comité de pilotage du contrat de territoire.",
                 {"Cluster Aval": ["cluster"], "Comité de pilotage": ["instance"]},
                 {("Cluster Aval", "PARTICIPATES_IN", "Comité de pilotage")}, id="participates-in"),
    pytest.param("Les membres du Réseau Alpha sont la Ville de Vassy et la CCI de Quimper.",
                 {"Réseau Alpha": ORG, "Ville de Vassy": PAYS, "CCI de Quimper": ["cci"]},
                 {("Ville de Vassy", "MEMBER_OF", "Réseau Alpha"), ("CCI de Quimper", "MEMBER_OF", "Réseau Alpha")},
                 id="member-copula"),
    pytest.param("La Coopérative Kerlan s'est développée avec le soutien de la CCI de Quimper.",
                 {"Coopérative Kerlan": ["cooperative"], "CCI de Quimper": ["cci"]},
                 {("CCI de Quimper", "SUPPORTS", "Coopérative Kerlan")}, id="supports-with-the-support-of"),
    pytest.param("Le Pôle Mécanique a rejoint par la suite l'Agence Essor.",
                 {"Pôle Mécanique": ["cluster"], "Agence Essor": ["agence"]},
                 {("Pôle Mécanique", "MEMBER_OF", "Agence Essor")}, id="par-la-suite-is-not-passive"),
    pytest.param("Le réseau Alpha, auquel adhère la Ville de Vassy, grandit.",
                 {"Alpha": ORG, "Ville de Vassy": PAYS},
                 {("Ville de Vassy", "MEMBER_OF", "Alpha")}, id="inverted-subject"),
    pytest.param("On salue l'apport financier de la Région Bretagne au Cluster Granit.",
                 {"Région Bretagne": PAYS, "Cluster Granit": ["cluster"]},
                 {("Région Bretagne", "FUNDS", "Cluster Granit")}, id="funds-beneficiary"),
]


@pytest.mark.parametrize(("text", "actors", "expected"), CASES)
def test_link_kinds_and_directions(read, text, actors, expected):
    found, _ = read(text, actors)
    assert sym(found) == sym(expected)


def test_governs_verb_and_copilots_are_partners(read):
    found, _ = read("Le GAL est piloté par le Pays des Sources et la Communauté de communes du Plateau.",
                    {"GAL": ["instance"], "Pays des Sources": PAYS, "Communauté de communes du Plateau": PAYS})
    assert found >= {("Pays des Sources", "GOVERNS", "GAL"),
                     ("Communauté de communes du Plateau", "GOVERNS", "GAL")}
    assert sym({("Pays des Sources", "PARTNER_OF", "Communauté de communes du Plateau")}) <= sym(found)


@pytest.mark.parametrize(("text", "kind"), [
    ("Mme Lucie Martin, présidente de la Fondation Horizon, a ouvert la séance.", "GOVERNS"),
    ("Mme Lucie Martin, directrice générale de la Fondation Horizon, a ouvert la séance.", "GOVERNS"),
    ("Mme Lucie Martin, directrice adjointe de la Fondation Horizon, a ouvert la séance.", "MEMBER_OF"),
    ("Mme Lucie Martin, chargée de mission à la Fondation Horizon, a ouvert la séance.", "MEMBER_OF"),
    ("Mme Lucie Martin, vice-présidente de la Fondation Horizon, a ouvert la séance.", "MEMBER_OF"),
])
def test_person_functions(read, text, kind):
    found, _ = read(text, {"Lucie Martin": PERSON, "Fondation Horizon": ["fondation"]})
    assert found == {("Lucie Martin", kind, "Fondation Horizon")}


def test_person_with_two_functions(read):
    found, _ = read("Lucie Martin, professeure à l'Université Alpha et chercheuse associée à l'Institut Beta ; Paul.",
                    {"Lucie Martin": PERSON, "Université Alpha": ["recherche_formation"],
                     "Institut Beta": ["recherche_formation"]})
    assert found == {("Lucie Martin", "MEMBER_OF", "Université Alpha"), ("Lucie Martin", "MEMBER_OF", "Institut Beta")}


def test_each_person_of_a_list_keeps_their_own_function(read):
    found, _ = read("Il réunit M. Jean Morel, maire de Dole, Mme Anne Vidal, maire de Lons, et M. Paul Petit, "
                    "président de la Communauté de communes du Lac.",
                    {"Jean Morel": PERSON, "Anne Vidal": PERSON, "Paul Petit": PERSON, "Dole": ["@territory"],
                     "Lons": ["@territory"], "Communauté de communes du Lac": PAYS})
    assert found == {("Jean Morel", "GOVERNS", "Dole"), ("Anne Vidal", "GOVERNS", "Lons"),
                     ("Paul Petit", "GOVERNS", "Communauté de communes du Lac")}


def test_people_listed_share_their_body(read):
    found, _ = read("Jeanne Roux et Paul Petit (Laboratoire Territoires) ont mené l'enquête.",
                    {"Jeanne Roux": PERSON, "Paul Petit": PERSON, "Laboratoire Territoires": ["recherche_formation"]})
    assert found == {("Jeanne Roux", "MEMBER_OF", "Laboratoire Territoires"),
                     ("Paul Petit", "MEMBER_OF", "Laboratoire Territoires")}


def test_roster_line(read):
    text = ("Agence Essor : Jeanne Roux (Directrice), Paul Petit (Chargé de mission emploi) et Marc Blanc.\n"
            "Merci à tous.")
    found, _ = read(text, {"Agence Essor": ["agence"], "Jeanne Roux": PERSON, "Paul Petit": PERSON,
                           "Marc Blanc": PERSON})
    assert found == {("Jeanne Roux", "GOVERNS", "Agence Essor"), ("Paul Petit", "MEMBER_OF", "Agence Essor"),
                     ("Marc Blanc", "MEMBER_OF", "Agence Essor")}


def test_header_line_governs_the_heading_body(read):
    text = ("Pays des Sources / Parc des Monts\n\nPrésentation\nVille centre : Dole (Jura) Président : Jean Morel\n"
            "Directrice : Anne Vidal\nChef de projet LEADER : Marc Blanc\nInterview : Paul Petit\n")
    found, _ = read(text, {"Pays des Sources": PAYS, "Parc des Monts": PAYS, "Jean Morel": PERSON,
                           "Anne Vidal": PERSON, "Marc Blanc": PERSON, "Paul Petit": PERSON})
    assert found == {("Jean Morel", "GOVERNS", "Pays des Sources"), ("Anne Vidal", "GOVERNS", "Pays des Sources"),
                     ("Marc Blanc", "MEMBER_OF", "Pays des Sources")}


def test_ocr_a_for_a_grave_is_a_preposition(read):
    found, _ = read("Jean Morel, expert développement rural a la Caisse des Dépôts\n",
                    {"Jean Morel": PERSON, "Caisse des Dépôts": ["etat"]})
    assert found == {("Jean Morel", "MEMBER_OF", "Caisse des Dépôts")}


@pytest.mark.parametrize("text", ["Lucie Martin (ex-Fondation Horizon) a rejoint le projet.",
                                  "Lucie Martin, ancienne directrice de la Fondation Horizon, a rejoint le projet."])
def test_former_function_gives_nothing(read, text):
    found, _ = read(text, {"Lucie Martin": PERSON, "Fondation Horizon": ["fondation"]})
    assert found == set()


def test_actors_given_as_examples_of_a_noun_are_not_its_doers(read):
    found, _ = read("Des réseaux animés par ces sujets (Fondation Horizon, Réseau Alpha) se développent.",
                    {"Fondation Horizon": ["fondation"], "Réseau Alpha": ORG})
    assert found == set()


def test_bracketed_list_names_the_organisations_of_a_generic_noun(read):
    found, _ = read("L'Agence Essor a été fondée par deux communautés de communes (Val Vert, Mont Bleu).",
                    {"Agence Essor": ["agence"], "Val Vert": PAYS, "Mont Bleu": PAYS})
    assert found == {("Val Vert", "FOUNDED", "Agence Essor"), ("Mont Bleu", "FOUNDED", "Agence Essor")}


@pytest.mark.parametrize("text", ["L'étude porte sur la Fondation Horizon et le Réseau Alpha.",
                                  "Le Réseau Alpha est au service de la Fondation Horizon.",
                                  "Le Réseau Alpha finance, avec la Fondation Horizon, le prix des jeunes.",
                                  "On y trouve le cabinet Alpha & Associés et la Fondation Horizon."])
def test_idioms_state_no_link(read, text):
    found, _ = read(text, {"Fondation Horizon": ["fondation"], "Réseau Alpha": ORG, "Alpha": ORG})
    assert found == set()


def test_no_cue_no_link(read):
    found, _ = read("La Région Bretagne et la CCI de Quimper étaient présentes au salon de Rennes.",
                    {"Région Bretagne": PAYS, "CCI de Quimper": ["cci"]})
    assert found == set()


def test_cue_word_inside_a_name_is_not_a_cue(read):
    found, _ = read("On y croise la Convention des Entreprises pour le Climat ou le Mouvement Impact France.",
                    {"Convention des Entreprises pour le Climat": ["cec"], "Mouvement Impact France": ORG})
    assert found == set()


def test_non_actor_subject_blocks_the_nearest_actor(read):
    found, _ = read("Selon la Région Bretagne, le projet est financé par la Fondation Horizon.",
                    {"Région Bretagne": PAYS, "Fondation Horizon": ["fondation"]})
    assert found == set()


def test_cooccurrence_is_off_by_default_and_labelled_weak(read):
    text = "La Région Bretagne et la CCI de Quimper étaient présentes au salon de Rennes."
    actors = {"Région Bretagne": PAYS, "CCI de Quimper": ["cci"]}
    found, _ = read(text, actors)
    assert found == set()
    found, links = read(text, actors, cooccurrence=True)
    assert len(links) == 1 and links[0].kind == "PARTNER_OF"
    evidence = links[0].evidence[0]
    assert evidence.method == "cooccurrence" and evidence.confidence < 0.5


def test_evidence_carries_sentence_span_cue_and_method(read):
    text = "Introduction.\n\nLe Cluster Granit est financé par la Région Bretagne."
    _, links = read(text, {"Cluster Granit": ["cluster"], "Région Bretagne": PAYS})
    (link,) = links
    (evidence,) = link.evidence
    assert evidence.document == "doc-1"
    assert text[evidence.start:evidence.end] == evidence.sentence
    assert "financé par la Région Bretagne" in evidence.sentence
    assert evidence.cue == "financer"
    assert evidence.method in ("dependency", "pattern") and 0 < evidence.confidence <= 1


def test_dependency_subject_beats_pattern_confidence(read):
    _, dep = read("La CCI de Quimper accompagne la Coopérative Kerlan.",
                  {"CCI de Quimper": ["cci"], "Coopérative Kerlan": ["cooperative"]})
    assert dep[0].evidence[0].method == "dependency"
    assert dep[0].confidence > 0.6


def test_body_named_after_another_actor_is_part_of_it(read):
    found, _ = read("Le Conseil de développement du Pays Vert prépare un avis. Le Pays Vert le reçoit.",
                    {"Conseil de développement du Pays Vert": ["instance"], "Pays Vert": PAYS})
    assert ("Conseil de développement du Pays Vert", "PART_OF", "Pays Vert") in found
    found, _ = read("L'Agence d'urbanisme du Pays Vert publie. Le Pays Vert la lit.",
                    {"Agence d'urbanisme du Pays Vert": ["agence"], "Pays Vert": PAYS}, suggestions=True)
    assert not any(kind == "PART_OF" for _, kind, _ in found)


def test_places_and_programmes_are_targets_of_their_link_kinds(read):
    found, links = read("La SCIC Bois Vivant est implantée à Lorvan. Elle participe au programme LEADER.\n"
                        "La SCIC Bois Vivant participe au programme LEADER avec la Ville de Vassy.",
                        {"SCIC Bois Vivant": ["scic"], "Lorvan": ["@territory"], "LEADER": ["@programme"],
                         "Ville de Vassy": PAYS})
    assert ("SCIC Bois Vivant", "LOCATED_IN", "Lorvan") in found
    assert ("SCIC Bois Vivant", "PARTICIPATES_IN", "LEADER") in found
    assert {(l.kind, l.target_type) for l in links} == {("LOCATED_IN", "territory"), ("PARTICIPATES_IN", "programme")}


def test_document_without_mentions_gives_no_link(nlp):
    from maillage.nlp.links import extract_links

    assert extract_links(nlp("La Région finance le Cluster Granit."), document="d") == []


def test_header_columns_split_by_the_text_layer(read):
    text = ("Pays des Sources\n\nPrésentation\nVille centre : Dole\n\nJean Morel\nAnne Vidal\n\nPrésident :\n"
            "Chargée de mission :\n\nNombre de communes : 83\n")
    found, _ = read(text, {"Pays des Sources": PAYS, "Jean Morel": PERSON, "Anne Vidal": PERSON})
    assert found == {("Jean Morel", "GOVERNS", "Pays des Sources"), ("Anne Vidal", "MEMBER_OF", "Pays des Sources")}


def test_names_without_as_many_titles_are_no_header(read):
    text = "Pays des Sources\n\nJean Morel\nAnne Vidal\n\nPrésident :\nLe bilan suit.\n"
    found, _ = read(text, {"Pays des Sources": PAYS, "Jean Morel": PERSON, "Anne Vidal": PERSON})
    assert found == set()


def test_a_former_seat_glued_to_ex_gives_nothing(read):
    found, _ = read("Lucie Martin (ex-Université Alpha College) anime l'atelier.",
                    {"Lucie Martin": PERSON, "Alpha College": ["recherche_formation"]})
    assert found == set()
