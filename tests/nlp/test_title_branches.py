"""A document about a branch of a body ("CMA du Val – Antenne de Montclar"): the branch is an actor of its
own, part of its body, and the subject of the document's unnamed links (maillage.nlp.branches,
maillage.nlp.links.subject)."""

REPORT = ("Chambre de métiers et de l'artisanat du Haut-Vernois – Antenne de Crussac\n"
          "Rapport d'activité 2025\n\n"
          "Cette année, l'antenne a accompagné 140 artisans. Elle est financée par la Communauté de communes "
          "des Monts de Sarvel.\n\n"
          "Notre antenne travaille avec la Banque Populaire du Lirac.\n")


def test_a_branch_named_in_the_title_is_an_actor_part_of_its_body(document_links):
    batch, links = document_links(REPORT)
    branch = next(a for a in batch.actors if a.name.startswith("Antenne de Crussac"))
    assert branch.name == "Antenne de Crussac de la Chambre de métiers et de l'artisanat du Haut-Vernois"
    assert "Antenne de Crussac" in branch.aliases and branch.kinds[0] == "chambre_metiers"
    assert (branch.name, "PART_OF", "Chambre de métiers et de l'artisanat du Haut-Vernois") in links


def test_the_branch_is_the_subject_its_designations_and_pronouns_stand_for(document_links):
    _, links = document_links(REPORT)
    branch = "Antenne de Crussac de la Chambre de métiers et de l'artisanat du Haut-Vernois"
    assert ("Communauté de communes des Monts de Sarvel", "FUNDS", branch) in links
    assert any(s == branch and t == "Banque Populaire du Lirac" for s, _, t in links)
    assert not any(t == "Banque Populaire du Lirac" and s.startswith("Chambre") for s, _, t in links)


def test_a_branch_on_the_line_before_its_body_and_a_delegation_with_an_adjective(document_links):
    text = ("Délégation territoriale du Morvaz\nAgence régionale de santé Ardenvie\n\n"
            "La délégation soutient le Centre social des Trois Puits.\n")
    batch, links = document_links(text)
    names = {a.name for a in batch.actors}
    assert "Délégation territoriale du Morvaz de l'Agence régionale de santé Ardenvie" in names


def test_a_title_that_names_the_branch_alone_makes_the_branch_of_the_text_the_subject(document_links):
    text = ("Antenne de Crussac\nRapport d'activité 2025\n\n"
            "L'antenne de Crussac de la Chambre de métiers et de l'artisanat du Haut-Vernois a accompagné 140 "
            "artisans. Elle est financée par la Communauté de communes des Monts de Sarvel.\n")
    batch, links = document_links(text)
    branch = "Antenne de Crussac de la Chambre de métiers et de l'artisanat du Haut-Vernois"
    assert [a.name for a in batch.actors if "Crussac" in a.name] == [branch]
    assert ("Communauté de communes des Monts de Sarvel", "FUNDS", branch) in links


def test_a_name_that_folds_to_nothing_is_no_branch():
    from types import SimpleNamespace

    from maillage.nlp.links.subject import _branch_of

    assert not _branch_of(SimpleNamespace(name="« … »", aliases=[]), ["chambre de metiers"])
    assert _branch_of(SimpleNamespace(name="Antenne de Lorzac de la Chambre de métiers", aliases=[]),
                      ["chambre de metiers"])
