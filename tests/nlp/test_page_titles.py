"""A web page's <title> names the page and its site ("Nos partenaires – Les Ateliers X"): the site is the
body the page is about even when its text never opens with that name (maillage.nlp.page_title,
maillage.nlp.title_names)."""
from maillage.graph.model import Document

PAGE = ("Nos partenaires\n"
        "Installés dans une ancienne filature, Les Forges du Vaudran accueillent vingt jeunes entreprises.\n"
        "Partenaires financiers\n- Fondation Ormelle\n- Caisse d'Épargne Vaudran-Causses\n"
        "Les Forges du Vaudran adhèrent au réseau Pépinières du Sud-Lirac.\n")


def _stated(document_links, text, document):
    batch, links = document_links(text, document)
    return {a.name for a in batch.actors}, links


def test_the_site_named_in_a_web_page_title_is_its_subject(document_links):
    page = Document(id="p", path="partenaires.html", title="Nos partenaires – Les Forges du Vaudran")
    names, links = _stated(document_links, PAGE, page)
    assert "Les Forges du Vaudran" in names
    assert ("Fondation Ormelle", "PARTNER_OF", "Les Forges du Vaudran") in links \
        or ("Les Forges du Vaudran", "PARTNER_OF", "Fondation Ormelle") in links


def test_the_title_of_a_text_file_is_not_read_again_and_question_words_name_no_one(document_links):
    text_file = Document(id="t", path="partenaires.txt", title="Nos partenaires – Les Ateliers Corvel")
    names, _ = _stated(document_links, PAGE, text_file)
    assert "Les Ateliers Corvel" not in names
    names, _ = _stated(document_links, PAGE, Document(id="w", path="p.html", title=text_file.title))
    assert "Les Ateliers Corvel" in names  # the same title on a web page is read
    page = Document(id="q", path="qui.html", title="Qui sommes-nous ? – Les Forges du Vaudran")
    names, _ = _stated(document_links, PAGE, page)
    assert "Qui" not in names and "Les Forges du Vaudran" in names


def test_a_page_title_of_hundreds_of_characters_is_not_read():
    from maillage.nlp import page_title
    from maillage.nlp.titles import TITLE_CHARS

    keywords = "Les Forges du Vaudran – " + ", ".join(["pépinière d'entreprises Vaudran"] * 20)
    assert len(keywords) > TITLE_CHARS
    assert page_title(PAGE, Document(id="k", path="p.html", title=keywords)) == ""
    assert page_title(PAGE, Document(id="k", path="p.html", title=keywords[:60])) == keywords[:60]
