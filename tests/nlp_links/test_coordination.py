"""Lists, coordinated clauses and neighbouring cues: each conjunct gets its link (real spaCy, own sentences)."""
from __future__ import annotations

PAYS = ["collectivite"]


def partners(found: set) -> set:
    """The PARTNER_OF pairs of ``found``, each in name order (the relation is symmetric)."""
    return {tuple(sorted((s, t))) for s, k, t in found if k == "PARTNER_OF"}


def test_stray_apostrophe_does_not_cut_a_list(read):
    found, _ = read("Le Pays des Sources a répondu (en collaboration avec la Chambre d'agriculture du Jura "
                    "et ’ARTEMIS) à un appel à projets.",
                    {"Pays des Sources": PAYS, "Chambre d'agriculture du Jura": ["chambre_agriculture"],
                     "ARTEMIS": ["association"]})
    assert partners(found) == {("Chambre d'agriculture du Jura", "Pays des Sources"), ("ARTEMIS", "Pays des Sources")}


def test_a_bracketed_cue_of_the_same_kind_does_not_block_the_outer_one(read):
    found, _ = read("La Ville de Dole a lancé l'étude en 2020 en partenariat (co-pilotage technique) avec "
                    "l'association Bois Vivant.",
                    {"Ville de Dole": PAYS, "Bois Vivant": ["association"]})
    assert partners(found) == {("Bois Vivant", "Ville de Dole")}


def test_a_participle_clause_does_not_end_a_list_of_agents(read):
    found, _ = read("L'Agence Essor a été fondée par deux communautés de communes (Val Vert, Mont Bleu), "
                    "comptant 40 000 habitants, et la Société Minière du Nord.",
                    {"Agence Essor": ["agence"], "Val Vert": PAYS, "Mont Bleu": PAYS,
                     "Société Minière du Nord": ["entreprise"]})
    assert found == {("Val Vert", "FOUNDED", "Agence Essor"), ("Mont Bleu", "FOUNDED", "Agence Essor"),
                     ("Société Minière du Nord", "FOUNDED", "Agence Essor")}


def test_joining_the_founders_is_membership_of_the_founded_body(read):
    found, _ = read("L'Agence Essor a été fondée par la Ville de Dole et la Société Minière du Nord, "
                    "auxquelles se sont joints la Région Bourgogne et le Département du Jura.",
                    {"Agence Essor": ["agence"], "Ville de Dole": PAYS, "Société Minière du Nord": ["entreprise"],
                     "Région Bourgogne": PAYS, "Département du Jura": PAYS})
    assert {("Région Bourgogne", "MEMBER_OF", "Agence Essor"),
            ("Département du Jura", "MEMBER_OF", "Agence Essor")} <= found
    assert not any(t == "Société Minière du Nord" for _, _, t in found)


def test_a_coordinated_verb_shares_the_subject_of_the_first_clause(read):
    found, _ = read("Le Centre Technique Plast (CTP) est membre du réseau Alpha et participe aussi au pôle « Bois "
                    "Vivant ».",
                    {"Centre Technique Plast": ["recherche_formation"], "CTP": ["recherche_formation"],
                     "Alpha": ["association"], "Bois Vivant": ["cluster"]})
    assert ("Centre Technique Plast", "PARTICIPATES_IN", "Bois Vivant") in found


def test_the_object_of_the_first_clause_is_not_the_shared_subject(read):
    found, _ = read("Le maire reçoit la Ville de Dole et participe aussi au pôle Bois Vivant.",
                    {"Ville de Dole": PAYS, "Bois Vivant": ["cluster"]})
    assert found == set()


def test_joining_someone_who_founded_nothing_here_states_no_link(read):
    found, _ = read("La Ville de Dole, à laquelle se sont joints la Région Bourgogne et le Département du Jura, "
                    "a présenté le projet.",
                    {"Ville de Dole": PAYS, "Région Bourgogne": PAYS, "Département du Jura": PAYS})
    assert found == set()


def test_a_cue_noun_subject_of_its_own_verb_has_no_holder_before_it(read):
    found, _ = read("Autour de la Ville de Dole et du Réseau Alpha, "
                    "un partenariat se dessine avec la Fondation Horizon.",
                    {"Ville de Dole": PAYS, "Réseau Alpha": ["association"], "Fondation Horizon": ["fondation"]})
    assert found == set()


def test_co_founders_of_an_approach_are_partners(read):
    found, _ = read("Lancé par les deux collectivités que sont la Ville de Dole et "
                    "la Communauté de communes du Lac, "
                    "le programme réunit les entreprises.",
                    {"Ville de Dole": PAYS, "Communauté de communes du Lac": PAYS})
    assert partners(found) == {("Communauté de communes du Lac", "Ville de Dole")}


def test_co_founders_of_a_named_body_are_not_said_to_be_partners(read):
    found, _ = read("L'Agence Essor a été fondée par la Ville de Dole et la Communauté de communes du Lac.",
                    {"Agence Essor": ["agence"], "Ville de Dole": PAYS, "Communauté de communes du Lac": PAYS})
    assert found == {("Ville de Dole", "FOUNDED", "Agence Essor"),
                     ("Communauté de communes du Lac", "FOUNDED", "Agence Essor")}


def test_a_possessive_makes_the_complement_the_part(read):
    found, _ = read("La Société Minière du Nord agit par ses filiales Sodiv et Finorest.",
                    {"Société Minière du Nord": ["entreprise"], "Sodiv": ["entreprise"], "Finorest": ["entreprise"]})
    assert found == {("Sodiv", "PART_OF", "Société Minière du Nord"),
                     ("Finorest", "PART_OF", "Société Minière du Nord")}


def test_the_group_the_subsidiaries_form_is_part_of_the_owner(read):
    found, _ = read("Les actions sont menées par les services de la Société Minière du Nord et par ses filiales "
                    "qui forment le Groupe Sodiv.",
                    {"Société Minière du Nord": ["entreprise"], "Groupe Sodiv": ["entreprise"]})
    assert found == {("Groupe Sodiv", "PART_OF", "Société Minière du Nord")}


def test_taking_part_in_a_component_is_taking_part_in_the_whole(read):
    found, _ = read("Le Centre Plast est partie prenante dans le volet Procédés (moules, outils) du pôle de "
                    "compétitivité « Bois Vivant ».",
                    {"Centre Plast": ["recherche_formation"], "Bois Vivant": ["cluster"]})
    assert found == {("Centre Plast", "PARTICIPATES_IN", "Bois Vivant")}


def test_a_component_not_followed_by_a_body_gives_nothing(read):
    found, _ = read("Le Centre Plast participe au volet formation du programme, avec la Ville de Dole.",
                    {"Centre Plast": ["recherche_formation"], "Ville de Dole": PAYS})
    assert found == set()
