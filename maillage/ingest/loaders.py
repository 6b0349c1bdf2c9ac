"""Loaders: the text of a document file, with its page start offsets and a title.

Supported formats: ``.txt`` and ``.md`` (UTF-8 with or without BOM, UTF-16
with BOM; other encodings are detected among the Western European ones with
charset-normalizer and reported by a warning), ``.pdf`` (text layer, read with
pypdf page by page), ``.docx`` (python-docx: paragraphs and tables in document
order) and ``.html`` / ``.htm`` (trafilatura's main text, falling back to its
plain text extraction).

Definitions:
- ``LoadedText.text`` is the document's text as every later step sees it: the
  character spans of evidence refer to it.
- ``LoadedText.pages`` holds the offset in ``text`` where each page starts
  (``[0]`` and ``paged`` false for formats without pages). PDF pages are joined by
  :data:`PAGE_BREAK`, so a page's text starts right after a form feed.
- Every failure raises :class:`~maillage.errors.InputError` with one French
  line naming the file and the reason.

Size limits (bounded time and memory, see :data:`MAX_TEXT_CHARS`): a document
whose text exceeds 5 million characters (about 800,000 words, a report of some
2,000 pages) is refused rather than processed. The extractor parses a text
chunk by chunk, so memory stays bounded, but time does not: at the measured
2,000 to 3,000 words per second on two cores, 5 million characters take about
five minutes, and the 50 MB text file of the requirements would take an hour
in one transaction; such a file should be split. Files are also refused
*before being read* above a per-format size (:data:`MAX_FILE_BYTES`).
"""
from __future__ import annotations

import codecs
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import charset_normalizer
import docx
from docx.table import Table
import pypdf
import trafilatura
from markdown_it import MarkdownIt

from maillage.errors import InputError
from maillage.reasons import os_reason

#: The longest text accepted, in characters.
MAX_TEXT_CHARS = 5_000_000
_MIB = 1024 * 1024
#: The largest file read, per extension, in bytes (checked before reading).
MAX_FILE_BYTES = {".txt": 5 * _MIB, ".md": 5 * _MIB, ".html": 20 * _MIB, ".htm": 20 * _MIB,
                  ".pdf": 200 * _MIB, ".docx": 200 * _MIB}
SUFFIXES = tuple(MAX_FILE_BYTES)
#: What separates two PDF pages in the text.
PAGE_BREAK = "\n\f"
#: What separates two cells of a table row in the text.
CELL_SEPARATOR = " | "
#: Encodings tried, in this order of preference, for a text file that is not UTF-8.
WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
_TITLE_LENGTH = 200
# Corrupt PDFs make pypdf log recoverable problems; the loader reports its own French line instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass
class LoadedText:
    """A document's text, the start offset of each page, its title and the warnings met reading it."""

    text: str
    pages: list[int] = field(default_factory=lambda: [0])
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    paged: bool = False  # True when the format has pages (PDF)


def read_bytes(path: Path) -> bytes:
    """The bytes of a supported, readable, non-empty file within its size limit."""
    suffix = path.suffix.lower()
    if suffix not in MAX_FILE_BYTES:
        raise InputError(f"{path} : format non pris en charge ({suffix or 'sans extension'}) ; "
                         f"formats acceptés : {', '.join(SUFFIXES)}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES[suffix]:
            raise InputError(f"{path} : fichier trop volumineux ({size / _MIB:.0f} Mo, maximum "
                             f"{MAX_FILE_BYTES[suffix] // _MIB} Mo pour un {suffix}) ; découpez-le")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path} : fichier illisible (permission refusée)") from None
    except IsADirectoryError:
        raise InputError(f"{path} : c'est un dossier, pas un fichier") from None
    except FileNotFoundError:
        raise InputError(f"{path} : fichier introuvable") from None
    except OSError as exc:
        raise InputError(f"{path} : fichier illisible ({os_reason(exc)})") from None
    if not data.strip():
        raise InputError(f"{path} : fichier vide")
    return data


def load(path: str | Path) -> LoadedText:
    """Read and parse one document file."""
    path = Path(path)
    return load_bytes(read_bytes(path), path)


def load_bytes(data: bytes, path: Path) -> LoadedText:
    """Parse the bytes of a document file, by the extension of ``path``."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise InputError(f"{path} : format non pris en charge ({path.suffix or 'sans extension'})")
    loaded = loader(data, path)
    if not loaded.text.strip():
        raise InputError(f"{path} : aucun texte à lire dans ce fichier")
    if len(loaded.text) > MAX_TEXT_CHARS:
        raise InputError(f"{path} : texte trop long ({len(loaded.text):,} caractères, maximum "
                         f"{MAX_TEXT_CHARS:,}) ; découpez le document".replace(",", " "))
    loaded.title = (loaded.title or first_line(loaded.text) or path.stem)[:_TITLE_LENGTH]
    return loaded


def first_line(text: str) -> str:
    """The first non-blank line of a text, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def decode_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with BOM, else a detected Western encoding.

    Returns the text and the warnings (a French line when the encoding was guessed).
    A file that decodes in none of these (NUL bytes, random bytes) is binary.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise InputError(f"{path} : encodage UTF-16 invalide") from None
    if b"\x00" in data:
        raise InputError(f"{path} : fichier binaire, pas un texte")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
    if guess is None:
        raise InputError(f"{path} : fichier binaire ou encodage inconnu, pas un texte")
    return str(guess), [f"{path} : texte non UTF-8, décodé comme {guess.encoding} ; "
                        "vérifiez les accents ou réenregistrez le fichier en UTF-8"]


def _load_text(data: bytes, path: Path) -> LoadedText:
    text, warnings = decode_text(data, path)
    return LoadedText(text=text, warnings=warnings)


def _load_markdown(data: bytes, path: Path) -> LoadedText:
    source, warnings = decode_text(data, path)
    return LoadedText(text=markdown_text(source), warnings=warnings)


def markdown_text(source: str) -> str:
    """The plain text of a Markdown source: one block per paragraph, heading or table row; markup dropped."""
    blocks: list[str] = []
    row: list[str] | None = None
    for token in MarkdownIt("commonmark").enable("table").parse(source):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(CELL_SEPARATOR.join(row))
            row = None
        elif token.type == "inline":
            text = "".join(child.content if child.type in ("text", "code_inline") else
                           " " if child.type in ("softbreak", "hardbreak") else ""
                           for child in token.children or [])
            (row if row is not None else blocks).append(text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(block for block in blocks if block.strip())


def _load_pdf(data: bytes, path: Path) -> LoadedText:
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{path} : ce n'est pas un PDF (en-tête %PDF absent)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_without_password(reader):
            raise InputError(f"{path} : PDF chiffré, protégé par un mot de passe ; "
                             "enregistrez-en une copie non protégée")
        texts: list[str] = []
        length = 0
        for page in reader.pages:
            texts.append(page.extract_text() or "")
            length += len(texts[-1])
            if length > MAX_TEXT_CHARS:
                break  # refused by load_bytes: stop reading early
        title = _pdf_title(reader)
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise InputError(f"{path} : PDF corrompu ou illisible ({type(exc).__name__}: {exc})"[:300]) from None
    if not any(t.strip() for t in texts):
        raise InputError(f"{path} : PDF sans couche texte ({len(reader.pages)} page(s), document "
                         "scanné ?) ; passez-le d'abord dans un logiciel d'OCR")
    pages, parts, offset = [], [], 0
    for text in texts:
        pages.append(offset)
        parts.append(text)
        offset += len(text) + len(PAGE_BREAK)
    warnings = []
    empty = sum(1 for t in texts if not t.strip())
    if empty:
        warnings.append(f"{path} : {empty} page(s) sans texte sur {len(texts)} (scannées ?), ignorées")
    return LoadedText(text=PAGE_BREAK.join(parts), pages=pages, title=title, warnings=warnings, paged=True)


def _decrypt_without_password(reader: pypdf.PdfReader) -> bool:
    """Open a PDF encrypted with an empty user password (restrictions only); False if a password is needed."""
    try:
        return bool(reader.decrypt(""))
    except (pypdf.errors.PdfReadError, pypdf.errors.DependencyError, NotImplementedError):
        return False


def _pdf_title(reader: pypdf.PdfReader) -> str:
    """The title in the PDF's metadata, unless it is empty or a word processor's file name."""
    title = ((reader.metadata or {}).get("/Title") or "").strip() if reader.metadata else ""
    if not title or title.lower().endswith((".doc", ".docx", ".pdf", ".odt")) or title.startswith("Microsoft"):
        return ""
    return title


def _load_docx(data: bytes, path: Path) -> LoadedText:
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_docx_block(item) for item in document.iter_inner_content()]
        title = (document.core_properties.title or "").strip()
    except Exception as exc:  # a damaged archive raises zipfile, KeyError or lxml errors
        raise InputError(f"{path} : document Word corrompu ou illisible "
                         f"({type(exc).__name__}: {exc})"[:300]) from None
    return LoadedText(text="\n\n".join(b for b in blocks if b.strip()), title=title)


def _docx_block(item) -> str:
    """The text of one body item: a paragraph, or a table with one line per row."""
    if isinstance(item, Table):
        return "\n".join(_docx_row(row) for row in item.rows)
    return item.text


def _docx_row(row) -> str:
    """A table row's cells joined by :data:`CELL_SEPARATOR`; a merged cell counts once."""
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is not previous:
            cells.append(cell.text.strip())
        previous = cell._tc
    return CELL_SEPARATOR.join(cells)


def _load_html(data: bytes, path: Path) -> LoadedText:
    try:
        extracted = trafilatura.bare_extraction(data, include_tables=True, with_metadata=True,
                                                favor_recall=True)
        text = (extracted.text if extracted else "") or ""
        title = (extracted.title if extracted else "") or ""
        if not text.strip():
            text = trafilatura.html2txt(data)
    except Exception as exc:  # lxml or trafilatura on a damaged page
        raise InputError(f"{path} : page HTML illisible ({type(exc).__name__}: {exc})"[:300]) from None
    return LoadedText(text=text, title=title)


_LOADERS: dict[str, Callable[[bytes, Path], LoadedText]] = {
    ".txt": _load_text, ".md": _load_markdown, ".pdf": _load_pdf, ".docx": _load_docx,
    ".html": _load_html, ".htm": _load_html,
}
