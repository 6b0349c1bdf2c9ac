"""Lists under headings of a web page, whose blocks come one a line: a comma list under "Partenaires", a
bulleted list under "Nos soutiens", sub-headings under "Nos sociétaires" (maillage.nlp.bare_names,
maillage.nlp.links.rosters, maillage.nlp.links.lists)."""
from maillage.graph.model import Document

PAGE = ("SCIC Les Moulins de Tarvel – Qui sommes-nous ?\n"
        "Les Moulins de Tarvel sont une société coopérative d'intérêt collectif qui transforme les céréales du "
        "plateau.\n"
        "Nos sociétaires\nProducteurs\n- Ferme des Cazals\n- Domaine Roumégous\nCollectivités\n"
        "- Commune de Tarvel\n- Communauté de communes du Haut-Orvanais\n"
        "Nos soutiens\n- Fondation Sorbelle\n- Crédit Coopératif\n"
        "Partenaires\nBoulangerie Maurelle, Atelier Fournials, Les Paniers de Cantagrel\n")
SUBJECT = "SCIC Les Moulins de Tarvel"


def test_bare_names_of_a_comma_list_under_a_heading_are_bodies(document_links):
    batch, _ = document_links(PAGE)
    names = {a.name for a in batch.actors}
    assert {"Boulangerie Maurelle", "Atelier Fournials"} <= names
    assert any(name.endswith("Paniers de Cantagrel") for name in names)


def test_a_comma_list_under_a_heading_of_partners_lists_partners(document_links):
    _, links = document_links(PAGE)
    assert ("Atelier Fournials", "PARTNER_OF", SUBJECT) in links or (SUBJECT, "PARTNER_OF", "Atelier Fournials") in links


def test_a_list_under_our_supporters_lists_supporters(document_links):
    _, links = document_links(PAGE)
    assert ("Fondation Sorbelle", "SUPPORTS", SUBJECT) in links


def test_the_lists_under_sub_headings_take_the_cue_of_their_section(document_links):
    _, links = document_links(PAGE)
    assert ("Ferme des Cazals", "MEMBER_OF", SUBJECT) in links
    assert ("Commune de Tarvel", "MEMBER_OF", SUBJECT) in links


def test_a_sentence_under_a_heading_lists_nothing(document_links):
    page = Document(id="p", path="partenaires.html", title="Nos partenaires – Les Forges du Vaudran")
    head = ("Nos partenaires\nInstallées dans une ancienne filature, Les Forges du Vaudran accueillent vingt jeunes "
            "entreprises.\nPartenaires\n")
    _, listed = document_links(head + "Pépinière de Tarvel, Atelier Fournials, Ferme des Cazals\n", page)
    assert ("Atelier Fournials", "PARTNER_OF", "Les Forges du Vaudran") in listed
    _, links = document_links(head + "Pépinière de Tarvel, la structure accueille vingt entreprises, Atelier "
                              "Fournials compris.\n", page)
    assert not any(kind == "PARTNER_OF" for _, kind, _ in links)


def test_bare_names_after_parmi_lesquels_a_collective_noun_are_bodies(actors_of):
    found = actors_of("La marque est utilisée par sept ateliers adhérents, parmi lesquels la Ganterie Molveau et "
                      "l'Atelier des Trois Ponts.")
    assert {"Ganterie Molveau", "Atelier des Trois Ponts"} <= set(found)


def test_bare_names_listed_under_a_sub_heading_of_a_section_of_members_are_bodies(document_links):
    batch, links = document_links(PAGE)
    assert "Domaine Roumégous" in {a.name for a in batch.actors}
    assert ("Domaine Roumégous", "MEMBER_OF", SUBJECT) in links


def test_a_body_named_again_without_its_closing_place_is_the_same_body(document_links):
    text = ("Créé en 2023, le Maison Entreprendre Vautrenne accueille les créateurs à Lorzac. Le Maison Entreprendre "
            "oriente les porteurs de projet vers Initiative Lorzac pour les prêts d'honneur.")
    batch, links = document_links(text)
    maison = [a for a in batch.actors if a.name.startswith("Maison Entreprendre")]
    assert [a.name for a in maison] == ["Maison Entreprendre Vautrenne"] and "Maison Entreprendre" in maison[0].aliases
    assert ("Maison Entreprendre Vautrenne", "REFERS_TO", "Initiative Lorzac") in links
