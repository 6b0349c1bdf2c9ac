"""Cue phrases read wherever they occur: sub-bodies with a short form, fronted cues, appositions of
the object, repeated prepositions and announced lists (invented sentences)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from maillage.graph.model import Actor, actor_id
from maillage.nlp.links import extract_links


def test_a_laboratory_named_with_its_short_form_is_part_of_the_university_after_it(read):
    found, _ = read("Mme Dora Pell, directrice du Laboratoire des fibres textiles (LFT) de l'université de Vireux, "
                    "évalue les projets.",
                    {"Dora Pell": ["personne"], "Laboratoire des fibres textiles": ["recherche_formation"],
                     "université de Vireux": ["recherche_formation"]},
                    aliases={"LFT": "Laboratoire des fibres textiles"})
    assert ("Laboratoire des fibres textiles", "PART_OF", "université de Vireux") in found


def test_a_fronted_participle_whose_complement_goes_on_reaches_the_subject_after_the_comma(read):
    found, _ = read("Financée par la Fondation Arvel à hauteur de 30 000 € en titres participatifs, "
                    "la SCIC Bois Vert approvisionne six chaufferies.",
                    {"Fondation Arvel": ["fondation"], "SCIC Bois Vert": ["scic"]})
    assert found == {("Fondation Arvel", "FUNDS", "SCIC Bois Vert")}


def test_a_fronted_noun_cue_is_said_of_the_subject_of_the_main_clause(read):
    found, _ = read("En partenariat avec Initiative Brenne et la Chambre de métiers du Lot, la Fondation Arvel "
                    "complète les prêts d'honneur.",
                    {"Fondation Arvel": ["fondation"], "Initiative Brenne": ["association"],
                     "Chambre de métiers du Lot": ["chambre_metiers"]})
    assert {("Fondation Arvel", "PARTNER_OF", "Initiative Brenne"),
            ("Chambre de métiers du Lot", "PARTNER_OF", "Fondation Arvel")} <= found


def test_a_possessive_list_heading_is_no_fronted_phrase(read):
    found, _ = read("Le club Omnitex est né en 2015 à Vireux.\nNos partenaires : Bpifrance, France Travail, "
                    "Banque des Territoires.",
                    {"Bpifrance": ["etat"], "France Travail": ["etat"], "Banque des Territoires": ["etat"],
                     "Omnitex": ["association"]})
    assert ("Banque des Territoires", "PARTNER_OF", "Omnitex") in found
    assert ("Bpifrance", "PARTNER_OF", "France Travail") not in found


def test_the_object_in_apposition_is_the_patient_and_takes_the_kind_of_its_noun(read):
    found, _ = read("En 2020, le cluster Omnitex crée une filiale, Omnitex Conseil, société chargée des essais "
                    "pour les PME.",
                    {"Omnitex": ["cluster"], "Omnitex Conseil": ["entreprise"]})
    assert found == {("Omnitex", "FOUNDED", "Omnitex Conseil"), ("Omnitex Conseil", "PART_OF", "Omnitex")}


def test_a_preposition_said_again_lists_the_actors_of_one_complement(read):
    found, _ = read("Selon le besoin, Entreprendre Lauzès oriente les porteurs vers Initiative Brenne pour les prêts "
                    "d'honneur, vers France Active Lot pour les garanties, vers la Chambre de métiers du Lot pour "
                    "les formalités et la formation des artisans, et vers la Chambre d'agriculture du Lot pour les "
                    "projets agricoles. Le financement de Bpifrance pour le projet de Vireux Tech reste à l'étude.",
                    {"Entreprendre Lauzès": ["agence"], "Initiative Brenne": ["association"],
                     "France Active Lot": ["association"], "Chambre de métiers du Lot": ["chambre_metiers"],
                     "Chambre d'agriculture du Lot": ["chambre_agriculture"], "Bpifrance": ["etat"],
                     "Vireux Tech": ["entreprise"]})
    targets = ("Initiative Brenne", "France Active Lot", "Chambre de métiers du Lot", "Chambre d'agriculture du Lot")
    assert {("Entreprendre Lauzès", "REFERS_TO", target) for target in targets} <= found
    assert not any(t == "Vireux Tech" for _, _, t in found)


def test_co_founders_the_parse_took_for_the_subject_are_still_partners(nlp, read):  # read: the extensions
    """A parse that makes the first founder of a fronted "Impulsé par A et B, il ..." the main subject:
    the founders stay partners (the subject is no common noun of an unnamed founded body)."""
    words = ["Impulsé", "par", "la", "Communauté", "Alpha", "et", "la", "Communauté", "Beta", ",", "il", "réunit",
             "les", "entreprises", "."]
    heads = [11, 3, 3, 11, 3, 7, 7, 3, 7, 11, 11, 11, 13, 11, 11]
    deps = ["advcl", "case", "det", "nsubj", "flat:name", "cc", "det", "conj", "flat:name", "punct", "nsubj", "ROOT",
            "det", "obj", "punct"]
    pos = ["VERB", "ADP", "DET", "NOUN", "PROPN", "CCONJ", "DET", "NOUN", "PROPN", "PUNCT", "PRON", "VERB", "DET",
           "NOUN", "PUNCT"]
    lemmas = ["impulser", "par", "le", "communauté", "Alpha", "et", "le", "communauté", "Beta", ",", "il", "réunir",
              "le", "entreprise", "."]
    morphs = ["VerbForm=Part|Tense=Past"] + [""] * 10 + ["Mood=Ind|VerbForm=Fin"] + [""] * 3
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, morphs=morphs)
    names = {"Communauté Alpha": (3, 5), "Communauté Beta": (7, 9)}
    doc._.actors = {actor_id(n): Actor(actor_id(n), n, ["collectivite"]) for n in names}
    spans = [doc[a:b] for a, b in names.values()]
    for span, name in zip(spans, names):
        span._.actor_key = actor_id(name)
    doc.spans["actors"] = spans
    links = extract_links(doc, document="doc-1")
    assert {(l.source, l.kind, l.target) for l in links if l.methods != {"suggestion"}} == {
        (actor_id("Communauté Alpha"), "PARTNER_OF", actor_id("Communauté Beta"))}


def test_a_body_whose_name_was_tagged_as_a_place_is_read_as_the_body(nlp, read):  # read: the extensions
    text = "Omnitex est membre de France Clusters."
    doc = nlp(text)
    doc._.actors = {actor_id(n): Actor(actor_id(n), n, [k]) for n, k in (("Omnitex", "cluster"),
                                                                          ("France Clusters", "association"))}
    body = doc.char_span(text.index("France Clusters"), text.index("France Clusters") + len("France Clusters"))
    body._.actor_key = actor_id("France Clusters")
    doc.spans["actors"] = [body]
    doc.spans["territories"] = [doc[0:1]]
    links = extract_links(doc, document="doc-1")
    assert {(l.source, l.kind, l.target) for l in links} == {
        (actor_id("Omnitex"), "MEMBER_OF", actor_id("France Clusters"))}


def test_control_by_two_bodies_governs_the_holder_and_makes_them_partners(read):
    found, _ = read("Le diagnostic a été conduit à la demande et sous le contrôle de Vireux Industrie et de "
                    "l'Agence de développement du Val. La SCIC Bois Vert est placée sous la tutelle de la "
                    "Communauté du Val.",
                    {"Vireux Industrie": ["entreprise"], "Agence de développement du Val": ["agence"],
                     "SCIC Bois Vert": ["scic"], "Communauté du Val": ["collectivite"]})
    assert found == {("Agence de développement du Val", "PARTNER_OF", "Vireux Industrie"),
                     ("Communauté du Val", "GOVERNS", "SCIC Bois Vert")}


@pytest.mark.parametrize("text, expected", [
    ("Grâce au soutien financier de la Région Orvanne et de Bpifrance, la SCIC Bois Vert a acheté une chaudière.",
     {("Région Orvanne", "FUNDS", "SCIC Bois Vert"), ("Bpifrance", "FUNDS", "SCIC Bois Vert")}),
    ("Soutenue par la Région Orvanne depuis 2015, la SCIC Bois Vert organise un salon.",
     {("Région Orvanne", "SUPPORTS", "SCIC Bois Vert")}),
    ("En 2019, avec l'appui de Bpifrance, la SCIC Bois Vert ouvre un guichet.",
     {("Bpifrance", "SUPPORTS", "SCIC Bois Vert")}),
], ids=["grace-au-soutien", "participle-with-date", "after-an-opening-adverbial"])
def test_fronted_cue_phrases(read, text, expected):
    found, _ = read(text, {"Région Orvanne": ["collectivite"], "Bpifrance": ["etat"], "SCIC Bois Vert": ["scic"]})
    assert expected <= found


def test_joiners_labelled_founders_found_the_body_too(read):
    found, _ = read("Omnitex est fondé en 2005 à l'initiative de l'université de Vireux et de l'association Val "
                    "Textiles, rejointes par deux entreprises fondatrices : Forges Marnay et Transports Quintal.",
                    {"Omnitex": ["cluster"], "université de Vireux": ["recherche_formation"],
                     "Val Textiles": ["association"], "Forges Marnay": ["entreprise"],
                     "Transports Quintal": ["entreprise"]})
    for firm in ("Forges Marnay", "Transports Quintal"):
        assert {(firm, "FOUNDED", "Omnitex"), (firm, "MEMBER_OF", "Omnitex")} <= found
    assert not any(t in ("université de Vireux", "Val Textiles") for _, _, t in found)


def test_a_coordination_the_parse_hung_inside_a_name_keeps_both_subjects(read):
    found, _ = read("La SCIC Bois Vert et la Communauté du Val ont signé une convention de partenariat en 2021.",
                    {"SCIC Bois Vert": ["scic"], "Communauté du Val": ["collectivite"]})
    assert found == {("Communauté du Val", "PARTNER_OF", "SCIC Bois Vert")}


@pytest.mark.parametrize("text, expected", [
    ("Omnitex fait partie du réseau France Clusters.", ("Omnitex", "MEMBER_OF", "France Clusters")),
    ("Bpifrance a accordé un prêt de 200 000 euros à Ecotex.", ("Bpifrance", "FUNDS", "Ecotex")),
    ("Omnitex a octroyé 25 000 € à Ecotex pour l'équipement de l'atelier.", ("Omnitex", "FUNDS", "Ecotex")),
], ids=["faire-partie", "accorder-un-pret", "octroyer"])
def test_membership_and_grant_verbs(read, text, expected):
    found, _ = read(text, {"Bpifrance": ["etat"], "France Clusters": ["association"], "Ecotex": ["association"],
                           "Omnitex": ["cluster"]})
    assert found == {expected}


def test_lodging_and_sponsoring_verbs_in_the_passive(read):
    found, _ = read("L'antenne de la Mission locale de Brécy est logée par la Communauté de communes du Larvet. "
                    "Le projet de recyclerie de l'association Rebrico est parrainé par le Rotary Club de Brécy.",
                    {"Mission locale de Brécy": ["association"], "Communauté de communes du Larvet": ["collectivite"],
                     "Rebrico": ["association"], "Rotary Club de Brécy": ["reseau_entreprises"]})
    assert ("Communauté de communes du Larvet", "HOSTS", "Mission locale de Brécy") in found
    assert ("Rotary Club de Brécy", "SUPPORTS", "Rebrico") in found
