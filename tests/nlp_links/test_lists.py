"""The list reader (maillage.nlp.links.lists): lists after a colon, bulleted lists, lists behind a label."""
from __future__ import annotations

ORG = ["association"]
PAYS = ["collectivite"]


def test_a_list_after_a_colon_is_the_complement_of_the_cue(read):
    found, _ = read("Le Club Horizon travaille avec ses partenaires : Banque Solen, Agence Mirvel et Atelier Corbin.",
                    {"Club Horizon": ORG, "Banque Solen": ["entreprise"], "Agence Mirvel": ["agence"],
                     "Atelier Corbin": ["entreprise"]})
    assert {frozenset((s, t)) for s, k, t in found if k == "PARTNER_OF"} == {
        frozenset(("Club Horizon", x)) for x in ("Banque Solen", "Agence Mirvel", "Atelier Corbin")}


def test_a_bulleted_list_after_a_cue_and_a_colon(read):
    text = ("La plateforme Essor Vallée a été créée à l'initiative de :\n"
            "- la Communauté de communes du Rivage\n"
            "- la Chambre Ordan\n\n"
            "Elle ouvre en mars.")
    found, _ = read(text, {"Essor Vallée": ORG, "Communauté de communes du Rivage": PAYS, "Chambre Ordan": ["cci"]})
    assert found == {("Communauté de communes du Rivage", "FOUNDED", "Essor Vallée"),
                     ("Chambre Ordan", "FOUNDED", "Essor Vallée")}


def test_a_label_closed_by_a_colon_inside_a_list(read):
    text = ("Le réseau Alvéa a été créé à l'initiative de la Ville de Sornac et de trois entreprises "
            "fondatrices : Tissages Mabre, Verreries Dantel et Moulins Fabra.")
    found, _ = read(text, {"Alvéa": ORG, "Ville de Sornac": PAYS, "Tissages Mabre": ["entreprise"],
                           "Verreries Dantel": ["entreprise"], "Moulins Fabra": ["entreprise"]})
    founders = {s for s, k, t in found if k == "FOUNDED" and t == "Alvéa"}
    assert founders == {"Ville de Sornac", "Tissages Mabre", "Verreries Dantel", "Moulins Fabra"}
    assert not {(s, t) for s, k, t in found if k == "FOUNDED" and t != "Alvéa"}


def test_the_members_named_after_a_copula(read):
    found, _ = read("Les membres fondateurs du Collectif Brume sont Ferme Arlan, Scierie Vautre et Maison Pelt.",
                    {"Collectif Brume": ORG, "Ferme Arlan": ["entreprise"], "Scierie Vautre": ["entreprise"],
                     "Maison Pelt": ["entreprise"]})
    assert {s for s, k, t in found if t == "Collectif Brume"} == {"Ferme Arlan", "Scierie Vautre", "Maison Pelt"}


def test_a_cue_whose_complement_ends_with_a_colon_reads_the_bullets(read):
    text = ("Le guichet Cap Créa oriente les porteurs de projet vers les réseaux de financement du territoire :\n"
            "- Fonds Ardent, pour les prêts d'honneur ;\n"
            "- Banque Solen, pour les garanties.\n")
    found, _ = read(text, {"Cap Créa": ORG, "Fonds Ardent": ORG, "Banque Solen": ["entreprise"]})
    assert found == {("Cap Créa", "REFERS_TO", "Fonds Ardent"), ("Cap Créa", "REFERS_TO", "Banque Solen")}


def test_list_lines_are_reading_units_of_their_own(read):
    """A function said at the end of one bulleted line never reaches the body of the next line."""
    text = ("Membres présents :\n"
            "- Paul Ravel, directeur général\n"
            "- Atelier Corbin, représenté par Anne Soler\n")
    found, _ = read(text, {"Paul Ravel": ["personne"], "Atelier Corbin": ["entreprise"], "Anne Soler": ["personne"]})
    assert ("Paul Ravel", "GOVERNS", "Atelier Corbin") not in found
    assert ("Anne Soler", "MEMBER_OF", "Atelier Corbin") in found


def test_agent_nouns_before_a_colon_suggest_the_listed_actors_of_the_body_the_text_is_about(read):
    text = ("Fondation Alpha soutient les projets du bassin. Fondation Alpha recrute.\n\n"
            "La dotation initiale, versée sur cinq ans, a été apportée par les trois mécènes fondateurs :\n"
            "- Laiterie du Haut-Val\n- TRANSPORTS BERNOT\n- Scierie Fabra\n")
    actors = {"Fondation Alpha": ["fondation"], "Laiterie du Haut-Val": ["entreprise"],
              "TRANSPORTS BERNOT": ["entreprise"], "Scierie Fabra": ["entreprise"]}
    firms = {"Laiterie du Haut-Val", "TRANSPORTS BERNOT", "Scierie Fabra"}
    suggested, _ = read(text, actors, suggestions=True)
    assert suggested <= {(f, k, "Fondation Alpha") for f in firms for k in ("FUNDS", "FOUNDED")}
    assert {s for s, _, _ in suggested} == firms
    found, _ = read(text, actors)
    assert not found  # the body is not said in the sentence: the text's subject is a guess, for review


def test_labelled_bulleted_lines_after_a_possessive_cue(read):
    text = ("Fondation Alpha compte trente membres. Parmi ses membres figurent notamment :\n"
            "- entreprises : Laiterie du Haut-Val, Scierie Fabra ;\n"
            "- recherche : Institut Orme.\n")
    found, _ = read(text, {"Fondation Alpha": ["fondation"], "Laiterie du Haut-Val": ["entreprise"],
                           "Scierie Fabra": ["entreprise"], "Institut Orme": ["recherche_formation"]})
    assert found == {(m, "MEMBER_OF", "Fondation Alpha") for m in ("Laiterie du Haut-Val", "Scierie Fabra",
                                                                  "Institut Orme")}


def test_a_pronoun_after_a_vertical_list_stands_for_its_items(read):
    text = ("Trois ateliers ont rejoint la démarche :\n- Forges Dalvène\n- Tissages Morcourt\n- Verrerie Ostral\n"
            "Toutes ont été accompagnées par la CCI Morvane-et-Tresse.\n")
    found, _ = read(text, {"Forges Dalvène": ["entreprise"], "Tissages Morcourt": ["entreprise"],
                           "Verrerie Ostral": ["entreprise"], "CCI Morvane-et-Tresse": ["cci"]})
    assert {("CCI Morvane-et-Tresse", "SUPPORTS", name)
            for name in ("Forges Dalvène", "Tissages Morcourt", "Verrerie Ostral")} <= found


def test_a_pronoun_inside_a_paragraph_does_not_reach_back_to_a_list(read):
    text = ("Nos adhérents :\n- Forges Dalvène\n- Tissages Morcourt\n\n"
            "Les ateliers du bassin ont tous été accompagnés par la CCI Morvane-et-Tresse.\n")
    found, _ = read(text, {"Forges Dalvène": ["entreprise"], "Tissages Morcourt": ["entreprise"],
                           "CCI Morvane-et-Tresse": ["cci"]})
    assert ("CCI Morvane-et-Tresse", "SUPPORTS", "Forges Dalvène") not in found


ATELIERS = {"Forge Valdière": ["entreprise"], "Textiles Aumont": ["entreprise"], "Bois Sarrat": ["entreprise"]}


def test_a_counted_demonstrative_stands_for_the_list_of_that_many_said_before(read):
    text = ("Trois ateliers ont rejoint la zone : Forge Valdière, Textiles Aumont et Bois Sarrat. La mairie a voté "
            "le budget. Ces trois entreprises sont accompagnées par la Chambre de métiers du Tarnois.")
    found, _ = read(text, {**ATELIERS, "Chambre de métiers du Tarnois": ["chambre_metiers"]})
    assert {("Chambre de métiers du Tarnois", "SUPPORTS", name) for name in ATELIERS} <= found


def test_all_these_actors_are_members_of_the_body_named_after(read):
    text = ("Le pôle Ondive rassemble Forge Valdière, Textiles Aumont et Bois Sarrat. "
            "Tous ces acteurs sont membres du réseau Cap Tarnois.")
    found, _ = read(text, {**ATELIERS, "pôle Ondive": ["cluster"], "réseau Cap Tarnois": ORG})
    assert {(name, "MEMBER_OF", "réseau Cap Tarnois") for name in ATELIERS} <= found


def test_each_of_these_structures_after_a_bulleted_list(read):
    text = ("Nos partenaires :\n- Forge Valdière\n- Textiles Aumont\n- Bois Sarrat\n"
            "Chacune de ces structures adhère au réseau Cap Tarnois.\n")
    found, _ = read(text, {**ATELIERS, "réseau Cap Tarnois": ORG})
    assert {(name, "MEMBER_OF", "réseau Cap Tarnois") for name in ATELIERS} <= found


def test_a_demonstrative_of_another_count_takes_no_list(read):
    text = ("Le pôle Ondive rassemble Forge Valdière, Textiles Aumont et Bois Sarrat. "
            "Ces deux entreprises sont accompagnées par la Chambre de métiers du Tarnois.")
    found, _ = read(text, {**ATELIERS, "pôle Ondive": ["cluster"], "Chambre de métiers du Tarnois": ["chambre_metiers"]})
    assert not any(s == "Chambre de métiers du Tarnois" and t in ATELIERS for s, _, t in found)


def test_a_number_with_a_superscript_after_a_demonstrative_is_no_count(read):
    text = ("Le pôle Ondive rassemble Forge Valdière, Textiles Aumont et Bois Sarrat. "
            "Ces 3² entreprises sont accompagnées par la Chambre de métiers du Tarnois.")
    found, _ = read(text, {**ATELIERS, "pôle Ondive": ["cluster"], "Chambre de métiers du Tarnois": ["chambre_metiers"]})
    assert not any(s == "Chambre de métiers du Tarnois" and t in ATELIERS for s, _, t in found)
