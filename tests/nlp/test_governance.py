"""Bare governance bodies (maillage.nlp.governance): which body "le bureau", "le comité de pilotage" is."""


def test_a_head_with_a_quoted_name_is_one_titled_body_and_its_bare_head_designates_it(actors_of):
    found = actors_of("VALDEBRE INITIATIVES\nComité de pilotage « Cap Ondine »\n\n"
                      "Membres présents : Mme Alice Verdon, présidente du comité de pilotage.\n\n"
                      "La Communauté de communes du Valdèbre accueille la séance.")
    assert found["Comité de pilotage Cap Ondine"].kinds == ["instance"]
    assert "Cap Ondine" not in found
    assert not any(name.startswith("Comité de pilotage d") for name in found)


def test_a_bare_head_designates_the_named_body_of_that_head(nlp):
    doc = nlp("La Maison des Lacs soutient les artisans et la Chambre Sorel conseille les bourgs. "
              "Le comité exécutif de la Maison des Lacs se réunit chaque mois. "
              "La Chambre Sorel accompagne le comité exécutif dans l'instruction des dossiers.")
    keys = {span.text.lower(): span._.actor_key for span in doc.spans["actors"]}
    assert keys["comité exécutif"] == keys["comité exécutif de la maison des lacs"]


def test_a_bare_head_belongs_to_the_body_the_page_title_names(actors_of):
    text = ("CLUB ALVÉA INDUSTRIES – le réseau des entreprises du plateau\n\n"
            "Le club a été créé par la Communauté de communes du Plateau Vert. Forges Ardan et la Communauté "
            "de communes du Plateau Vert financent ses actions.\n\n"
            "Le conseil d'administration compte neuf entreprises. Le bureau se réunit chaque mois.\n\n"
            "Le Club Alvéa Industries est adhérent de la fédération régionale.")
    found = actors_of(text)
    assert "Conseil d'administration de Club Alvéa Industries" in found
    assert "Bureau de Club Alvéa Industries" in found


def test_a_head_with_a_described_complement_belongs_to_the_last_body_so_named(actors_of):
    found = actors_of("La Fondation Morvel soutient le territoire. La coopérative Blés d'Aumont, qui rassemble "
                      "80 fermes, a ouvert un moulin avec la Communauté de communes du Val Sorin. Le conseil "
                      "d'administration de la coopérative a élu à sa présidence M. Jean Tardieu.")
    assert any(name.startswith("Conseil d'administration de") and "Blés d'Aumont" in name for name in found)
    assert not any(name.startswith("Conseil d'administration de Communauté") for name in found)
