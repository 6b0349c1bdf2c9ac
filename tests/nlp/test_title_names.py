"""What the title block says of the body a document is about (maillage.nlp.title_names), and headings the
repair leaves on their own line."""
from maillage.graph.model import Document
from maillage.nlp.repair import repair


def test_a_title_in_capitals_gives_the_full_name_the_text_cuts(actors_of):
    actors = actors_of("FONDATION VERMELLE POUR L'INSERTION\nRapport annuel\n\n"
                       "La Fondation Vermelle pour l'insertion a été créée en 2012 par le groupe Tanvère.")
    assert "Fondation Vermelle pour l'insertion" in actors
    assert "Fondation Vermelle" not in actors


def test_the_name_that_opens_a_title_line_is_a_body_when_the_text_repeats_it(actors_of):
    actors = actors_of("Brévalis Industries, le réseau des sous-traitants de la vallée\n\n"
                       "Fondé en 2011, Brévalis Industries réunit quarante ateliers.")
    assert "Brévalis Industries" in actors and actors["Brévalis Industries"].kinds[0] != "personne"


def test_a_dateline_place_or_a_title_of_common_words_names_no_body(actors_of):
    actors = actors_of("Castelmoran. La coopérative Solvane ouvre son capital\n\n"
                       "À Castelmoran, la coopérative Solvane compte déjà trois cents sociétaires.")
    assert "Castelmoran" not in actors
    actors = actors_of("Rapport Annuel, exercice 2024\n\nLe Rapport Annuel présente les comptes.")
    assert not any("Rapport" in name for name in actors)


def test_a_heading_in_capitals_or_above_a_long_paragraph_keeps_its_line():
    heading = "FONDATION VERMELLE POUR L'INSERTION\nFondation abritée par une fondation nationale\n"
    assert repair(heading).text == heading
    paragraph = "Brévalis Industries, le réseau des sous-traitants de la vallée\n" + "Fondé en 2011, " + "x " * 150
    assert "vallée\nFondé" in repair(paragraph).text
    wrapped = "Le réseau réunit aujourd'hui quarante ateliers de la vallée et\ndes sous-traitants de la région."
    assert "vallée et des" in repair(wrapped).text


def test_the_links_of_a_body_named_in_full_by_the_title_only(extractor):
    text = ("FONDATION VERMELLE POUR L'INSERTION\nRapport des subventions\n\n"
            "La Fondation Vermelle pour l'insertion est abritée par la Fondation de France.\n")
    batch = extractor.extract(text, Document(id="t", path="t.txt"))
    names = {a.id: a.name for a in batch.actors}
    assert ("Fondation de France", "HOSTS", "Fondation Vermelle pour l'insertion") in {
        (names[l.source], l.kind, names.get(l.target)) for l in batch.links}
