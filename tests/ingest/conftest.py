"""Document files written in tmp_path for the ingest tests, and a shared spaCy extractor."""
from __future__ import annotations

import os
import shutil
import multiprocessing
import tempfile
from pathlib import Path

import docx
import pypdf
import pytest
from fpdf import FPDF

NOBODY = 65534


@pytest.fixture
def make_pdf():
    """Write a PDF with one text page per string (core fonts: Latin-1 text) and a title."""

    def write(path: Path, pages: list[str], title: str = "") -> Path:
        pdf = FPDF()
        if title:
            pdf.set_title(title)
        for text in pages:
            pdf.add_page()
            if text:
                pdf.set_font("Helvetica", size=11)
                pdf.multi_cell(0, 6, text)
        pdf.output(str(path))
        return path

    return write


@pytest.fixture
def encrypt_pdf():
    """Copy a PDF encrypted with a user password ("" opens it, restrictions only)."""

    def write(source: Path, target: Path, user_password: str) -> Path:
        writer = pypdf.PdfWriter(clone_from=str(source))
        writer.encrypt(user_password, owner_password="proprietaire", algorithm="RC4-128")
        writer.write(str(target))
        return target

    return write


@pytest.fixture
def make_docx():
    """Write a Word document: a heading, paragraphs, then a table (rows of cells)."""

    def write(path: Path, heading: str, paragraphs: list[str], rows: list[list[str]] = ()) -> Path:
        document = docx.Document()
        document.add_heading(heading, 0)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        document.save(str(path))
        return path

    return write


@pytest.fixture
def store(tmp_path):
    """A fresh embedded store."""
    from maillage.graph.stores import open_store

    opened = open_store("ladybug", str(tmp_path / "base"))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def extractor():
    """The real French extractor, loaded once for the whole session."""
    from maillage.nlp import Extractor

    return Extractor()


@pytest.fixture
def actor_ids(extractor):
    """The ids of the actors the extractor finds in a text on its own (never empty: the tests need some)."""

    def ids(text: str) -> set[str]:
        from maillage.graph.model import Document

        found = {a.id for a in extractor.extract(text, Document("seul", "seul.txt")).actors}
        assert found, f"aucun acteur extrait de {text!r}"
        return found

    return ids


@pytest.fixture
def shared_tmp():
    """A temporary folder every user can enter, for the checks run as an unprivileged user."""
    folder = Path(tempfile.mkdtemp(prefix="maillage-ingest-"))
    folder.chmod(0o777)
    yield folder
    for root, dirs, _ in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def unprivileged():
    """Call a function in a forked child where file permissions apply (as ``nobody`` when run as root).

    Root ignores permissions, and the interpreter may live where ``nobody``
    cannot execute it, so the child is forked (code already loaded) and drops
    its privileges before calling. Returns what the function returns (picklable).
    """

    def call(func, *args):
        context = multiprocessing.get_context("fork")
        results = context.SimpleQueue()

        def child() -> None:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            try:
                results.put(("ok", func(*args)))
            except BaseException as exc:  # reported to the test, whatever it is
                results.put(("raised", f"{type(exc).__name__}: {exc}"))

        process = context.Process(target=child)
        process.start()
        process.join(timeout=300)
        assert not results.empty(), f"le processus fils s'est arrêté sans réponse (code {process.exitcode})"
        status, value = results.get()
        assert status == "ok", value
        return value

    return call
