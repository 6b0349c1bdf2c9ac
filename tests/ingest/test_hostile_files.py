"""Hostile files: zip bombs, huge bodies, encrypted PDFs, link loops, devices; each refused in one French line.

The files are built by ``bench/make_hostile_corpus.py`` (generated, nothing downloaded). The memory
bound is measured in a fresh child process: its peak resident size, ``VmHWM`` of ``/proc/self/status``
(``getrusage``'s ``ru_maxrss`` would carry over the parent's peak, since Linux keeps it across exec).
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.errors import InputError
from maillage.ingest import loaders
from maillage.ingest.loaders import load
from maillage.ingest.pipeline import IngestReport, document_files

_SPEC = importlib.util.spec_from_file_location(
    "make_hostile_corpus", Path(__file__).resolve().parents[2] / "bench" / "make_hostile_corpus.py")
corpus = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(corpus)

MEMORY_LIMIT_MB = 200
ENGLISH = ("Error", "error", "password", "decrypt", "failed", "not ", "File ")

# Loads one file in a fresh interpreter; prints its French error (or its text length) and its peak memory.
MEASURE = """
import json, re, sys
from pathlib import Path
from maillage.errors import InputError
from maillage.ingest.loaders import load
try:
    result = {"text": len(load(sys.argv[1]).text)}
except InputError as exc:
    result = {"error": str(exc)}
peak_kb = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
result["peak_mb"] = int(peak_kb) / 1024
print(json.dumps(result))
"""


def load_in_child(path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def refused(path: Path) -> str:
    """The reason ``load`` gives for refusing ``path`` (the line without the path it starts with)."""
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path} : ") and "\n" not in message
    return message.removeprefix(f"{path} : ")


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombes")
    return {"zip": corpus.zip_bomb_docx(folder / "bombe.docx", unzipped_mib=1024),
            "paragraphs": corpus.many_paragraphs_docx(folder / "paragraphes.docx", 3_000_000),
            "forged": corpus.forged_size_docx(folder / "falsifie.docx", 5_000_000),
            "pdf": corpus.flate_bomb_pdf(folder / "bombe.pdf", unzipped_mib=300),
            "html": corpus.deep_html(folder / "profond.html", 100_000)}


@pytest.mark.parametrize("case, words", [
    ("zip", ("archive refusée", "Mo une fois décompressé", "maximum 300 Mo")),
    ("paragraphs", ("document Word refusé", "plus de 200 000 paragraphes")),
    ("forged", ("document Word corrompu",)),
    ("pdf", ("PDF",)),
    ("html", ("aucun texte",)),
])
def test_bombs_are_refused_in_french_under_the_memory_limit(bombs, case, words):
    result = load_in_child(bombs[case])
    assert "error" in result, result
    assert all(w in result["error"] for w in words), result["error"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result


def test_zip_bomb_is_refused_from_the_archive_directory_alone(bombs, monkeypatch):
    def no_decompression(*args, **kwargs):
        raise AssertionError("an entry was decompressed")

    monkeypatch.setattr("zipfile.ZipFile.open", no_decompression)
    assert "archive refusée" in refused(bombs["zip"])


def test_too_many_zip_entries_are_refused(tmp_path):
    path = corpus.many_entries_docx(tmp_path / "entrees.docx", entries=loaders.MAX_ZIP_ENTRIES)
    message = refused(path)
    assert "fichiers dans l'archive" in message and "maximum 5 000" in message


def test_an_oversized_xml_part_is_refused(tmp_path, monkeypatch):
    path = corpus.many_paragraphs_docx(tmp_path / "gros.docx", 1_000)
    monkeypatch.setattr(loaders, "MAX_XML_PART_BYTES", 5_000)
    assert "une partie XML de" in refused(path)


def test_a_docx_just_under_the_paragraph_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_DOCX_PARAGRAPHS", 40)
    ok = tmp_path / "ok.docx"
    ok.write_bytes(corpus.docx_bytes([f"Paragraphe {n} du rapport." for n in range(30)]))
    assert "Paragraphe 29 du rapport." in load(ok).text
    over = tmp_path / "trop.docx"
    over.write_bytes(corpus.docx_bytes([f"Paragraphe {n}." for n in range(45)]))
    assert "plus de 40 paragraphes" in refused(over)


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_encrypted_with_an_empty_user_password_is_read(tmp_path, algorithm):
    path = corpus.encrypted_pdf(tmp_path / "restreint.pdf", "", algorithm)
    assert corpus.SENTENCE in load(path).text


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_with_a_password_is_reported_as_protected_in_french(tmp_path, algorithm):
    message = refused(corpus.encrypted_pdf(tmp_path / "secret.pdf", "motdepasse", algorithm))
    assert "protégé par un mot de passe" in message
    assert "corrompu" not in message and not any(word in message for word in ENGLISH)


def test_pdf_with_too_many_pages_is_refused_before_reading_them(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_PDF_PAGES", 50)
    message = refused(corpus.many_pages_pdf(tmp_path / "long.pdf", pages=51))
    assert "PDF trop long (51 pages, maximum 50)" in message


def test_pdf_understating_its_page_count_is_refused_on_the_pages_found(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "MAX_PDF_PAGES", 50)
    path = corpus.many_pages_pdf(tmp_path / "menteur.pdf", pages=51)
    data = path.read_bytes()
    assert data.count(b"/Count 51") == 1
    path.write_bytes(data.replace(b"/Count 51", b"/Count 1 "))  # same length: the offsets stay right
    assert "PDF trop long (51 pages, maximum 50)" in refused(path)


def test_damaged_pdf_reason_is_french(tmp_path):
    path = tmp_path / "abime.pdf"
    path.write_bytes(corpus.pdf_bytes([corpus.SENTENCE])[:400])
    message = refused(path)
    assert "PDF corrompu" in message and not any(word in message for word in ENGLISH)


def test_devices_and_pipes_are_not_read(tmp_path):
    folder = corpus.linked_folder(tmp_path / "liens")
    for name in ("zeros.txt", "tube.txt"):
        assert "ce n'est pas un fichier ordinaire" in refused(folder / name)


def test_links_in_a_loop_or_broken_are_reported_per_file(tmp_path):
    folder = corpus.linked_folder(tmp_path / "liens")
    report = IngestReport()
    files = document_files([folder, folder / "soi-meme.txt"], report)
    assert files == [(folder / name).resolve() for name in ("bon.txt", "tube.txt", "zeros.txt")]
    assert sorted(report.errors) == sorted([
        f"{folder / 'boucle-a.txt'} : lien symbolique en boucle",
        f"{folder / 'boucle-b.txt'} : lien symbolique en boucle",
        f"{folder / 'casse.txt'} : lien symbolique cassé (cible introuvable : absent.txt)",
        f"{folder / 'soi-meme.txt'} : lien symbolique en boucle",
        f"{folder / 'soi-meme.txt'} : lien symbolique en boucle"])
    assert (str(folder / "parent"), "lien symbolique vers un dossier, non suivi") in report.skipped


def test_ingest_of_a_folder_with_hostile_links_reads_the_good_file(tmp_path):
    folder = corpus.linked_folder(tmp_path / "liens")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "base"), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = result.stderr.splitlines()
    assert all(line.startswith("Erreur : ") for line in errors) and len(errors) == 6
    for name in ("boucle-a.txt", "boucle-b.txt", "soi-meme.txt", "casse.txt", "zeros.txt", "tube.txt"):
        assert any(str(folder / name) in line or str(Path("/dev/zero")) in line for line in errors), name
    from maillage.graph.stores import open_store

    store = open_store("ladybug", str(tmp_path / "base"), read_only=True)
    try:
        assert [Path(d.path).name for d in store.documents()] == ["bon.txt"]
    finally:
        store.close()
