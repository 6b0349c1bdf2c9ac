"""Loaders: text, Markdown, PDF, Word and HTML files, and every bad input they must refuse in one French line."""
from __future__ import annotations

import pytest

from maillage.errors import InputError
from maillage.ingest import loaders
from maillage.ingest.loaders import PAGE_BREAK, load

SENTENCE = "La Chambre de métiers et de l'artisanat a rejoint le pôle de Besançon, « déjà » en 2021."


def refused(path) -> str:
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    return message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_text_files_decode_without_warning(tmp_path, encoding):
    path = tmp_path / "note.txt"
    path.write_bytes(f"Titre de la note\n\n{SENTENCE}\n".encode(encoding))
    loaded = load(path)
    assert loaded.text.startswith("Titre de la note")  # no BOM left
    assert SENTENCE in loaded.text
    assert loaded.title == "Titre de la note"
    assert loaded.pages == [0] and not loaded.paged and loaded.warnings == []


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_encodings_are_detected_with_a_french_warning(tmp_path, encoding):
    text = SENTENCE + (" Le cœur du réseau coûte 3 € par élève." if encoding == "cp1252" else "")
    path = tmp_path / "ancien.txt"
    path.write_bytes(text.encode(encoding))
    loaded = load(path)
    assert loaded.text == text
    assert len(loaded.warnings) == 1
    assert str(path) in loaded.warnings[0] and "UTF-8" in loaded.warnings[0]


def test_markdown_keeps_the_words_and_drops_the_markup(tmp_path):
    path = tmp_path / "compte-rendu.md"
    path.write_text("# Comité du 3 mars\n\nLa **CCI de Lyon** a rejoint [le cluster](https://x.example)\n"
                    "Auvergne.\n\n| Acteur | Rôle |\n|---|---|\n| CCI | membre |\n", encoding="utf-8")
    loaded = load(path)
    assert loaded.title == "Comité du 3 mars"
    assert "La CCI de Lyon a rejoint le cluster Auvergne." in loaded.text
    assert "CCI | membre" in loaded.text
    assert not set("*[]#(") & set(loaded.text)


def test_pdf_keeps_page_start_offsets_and_metadata_title(tmp_path, make_pdf):
    pages = [f"Page {n}. La CCI de Brest finance le cluster Mer numéro {n}." for n in (1, 2, 3)]
    loaded = load(make_pdf(tmp_path / "rapport.pdf", pages, title="Rapport annuel"))
    assert loaded.paged and loaded.title == "Rapport annuel"
    assert len(loaded.pages) == 3
    for offset, page in zip(loaded.pages, pages):
        assert loaded.text[offset:].startswith(page)
    assert loaded.text.count(PAGE_BREAK) == 2


def test_pdf_with_some_empty_pages_warns(tmp_path, make_pdf):
    loaded = load(make_pdf(tmp_path / "mixte.pdf", ["Le Pays de Lorvan anime le réseau.", ""]))
    assert len(loaded.pages) == 2
    assert "1 page(s) sans texte" in loaded.warnings[0]


def test_pdf_encrypted_for_restrictions_only_opens(tmp_path, make_pdf, encrypt_pdf):
    source = make_pdf(tmp_path / "clair.pdf", ["La Région soutient la SCIC Énergie."])
    loaded = load(encrypt_pdf(source, tmp_path / "restreint.pdf", user_password=""))
    assert "La Région soutient la SCIC Énergie." in loaded.text


def test_pdf_with_a_password_is_refused(tmp_path, make_pdf, encrypt_pdf):
    source = make_pdf(tmp_path / "clair.pdf", ["Texte confidentiel."])
    assert "chiffré" in refused(encrypt_pdf(source, tmp_path / "secret.pdf", user_password="motdepasse"))


def test_pdf_without_text_layer_is_refused(tmp_path, make_pdf):
    assert "sans couche texte" in refused(make_pdf(tmp_path / "scan.pdf", ["", ""]))


def test_truncated_pdf_is_refused(tmp_path, make_pdf):
    source = make_pdf(tmp_path / "entier.pdf", ["Le cluster adhère à la CCI."])
    data = source.read_bytes()
    broken = tmp_path / "casse.pdf"
    broken.write_bytes(data[: len(data) // 2])
    assert "corrompu" in refused(broken)


def test_docx_reads_paragraphs_then_tables_in_order(tmp_path, make_docx):
    path = make_docx(tmp_path / "monographie.docx", "Monographie du Pays",
                     ["La SCIC Bois Local est membre du PTCE.", "Le PETR porte le programme LEADER."],
                     [["Acteur", "Lien"], ["CCI du Morbihan", "finance"]])
    loaded = load(path)
    assert loaded.title == "Monographie du Pays"
    assert loaded.text.index("membre du PTCE") < loaded.text.index("LEADER") < loaded.text.index("CCI du Morbihan")
    assert "CCI du Morbihan | finance" in loaded.text


def test_docx_merged_cells_count_once(tmp_path, make_docx):
    import docx

    path = make_docx(tmp_path / "fusion.docx", "Titre", ["Avant."], [["a", "b"], ["c", "d"]])
    document = docx.Document(str(path))
    merged = document.tables[0].cell(1, 0).merge(document.tables[0].cell(1, 1))
    merged.text = "cellule fusionnée"
    document.save(str(path))
    lines = load(path).text.splitlines()
    assert "cellule fusionnée" in lines and "a | b" in lines


def test_html_main_text_without_scripts(tmp_path):
    path = tmp_path / "page.html"
    paragraph = "<p>La <b>CCI de Lyon</b> a rejoint le cluster Auvergne, avec la Région qui finance le projet.</p>"
    path.write_text(f"<html><head><title>Actualité</title></head><body><article><h1>Le cluster grandit</h1>"
                    f"{paragraph}<script>alert('x')</script></article></body></html>", encoding="utf-8")
    loaded = load(path)
    assert "La CCI de Lyon a rejoint le cluster Auvergne" in loaded.text
    assert "alert" not in loaded.text
    assert loaded.title


def test_html_title_keeps_the_site_name(tmp_path):
    path = tmp_path / "partenaires.html"
    path.write_text("<html><head><title>Nos partenaires – Les Forges du Vaudran</title></head><body>"
                    "<h1>Nos partenaires</h1><p>La Région Occitanie soutient la pépinière depuis sa création en "
                    "2017, avec la communauté urbaine et plusieurs banques.</p></body></html>", encoding="utf-8")
    assert load(path).title == "Nos partenaires – Les Forges du Vaudran"


def test_html_without_text_is_refused(tmp_path):
    path = tmp_path / "vide.html"
    path.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    assert "aucun texte" in refused(path)


@pytest.mark.parametrize("name, content, reason", [
    ("vide.txt", b"", "fichier vide"),
    ("blanc.txt", b"  \n\t\n", "fichier vide"),
    ("image.pdf", bytes(range(256)) * 8, "ce n'est pas un PDF"),
    ("donnees.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "fichier binaire"),
    ("abime.docx", b"PK\x03\x04 ceci n'est pas une archive", "document Word corrompu"),
    ("tableur.xlsx", b"PK", "format non pris en charge (.xlsx)"),
])
def test_bad_files_are_refused(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    assert refused(path).startswith(f"{path} : {reason}")


def test_fifty_megabyte_text_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as handle:  # a sparse file: no 50 MB actually written
        handle.truncate(50 * 1024 * 1024)
    assert "trop volumineux" in refused(path)


def test_text_longer_than_the_limit_is_refused(tmp_path, make_pdf, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_TEXT_CHARS", 100)
    path = make_pdf(tmp_path / "long.pdf", ["Le cluster adhère à la CCI de Brest. " * 5] * 3)
    assert "texte trop long" in refused(path)


def refusal(path) -> str:
    """The French line loading ``path`` raises (run in the unprivileged child)."""
    try:
        load(path)
    except InputError as exc:
        return str(exc)
    return "chargé sans erreur"


def test_unreadable_file_is_refused(shared_tmp, unprivileged):
    path = shared_tmp / "prive.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    path.chmod(0o000)
    assert unprivileged(refusal, path) == f"{path} : fichier illisible (permission refusée)"
