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
*before being read* above a per-format size (:data:`MAX_FILE_BYTES`), and
only regular files are read (never a device, a pipe or a socket, which could
feed bytes without end).

Memory limits, checked before parsing (hostile files, zip bombs):

- a ``.docx`` is a zip archive: it is refused above :data:`MAX_ZIP_ENTRIES`
  entries, :data:`MAX_UNZIPPED_BYTES` decompressed in all, or
  :data:`MAX_XML_PART_BYTES` for one XML part (the parts python-docx parses),
  all read from the archive's directory without decompressing anything (the
  zip reader never yields more than an entry's declared size, so a forged
  size ends as a damaged archive); then its body is scanned in a stream and
  refused above :data:`MAX_DOCX_PARAGRAPHS` paragraphs, before any XML tree is
  built;
- a PDF above :data:`MAX_PDF_PAGES` pages is refused before any page is read,
  on the count its page tree declares, then on the pages found walking the
  tree (pypdf itself caps each decompressed stream at 75 MB);
- an HTML page is refused above 10 MB (its tree takes some 30 times that);
  a text or Markdown file above 5 MB.
"""
from __future__ import annotations

import codecs
import errno
import io
import logging
import re
import stat
import zipfile
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
from maillage.reasons import OS_REASONS, os_reason

#: The longest text accepted, in characters.
MAX_TEXT_CHARS = 5_000_000
_MIB = 1024 * 1024
#: The largest file read, per extension, in bytes (checked before reading).
MAX_FILE_BYTES = {".txt": 5 * _MIB, ".md": 5 * _MIB, ".html": 10 * _MIB, ".htm": 10 * _MIB,
                  ".pdf": 200 * _MIB, ".docx": 200 * _MIB}
#: The most entries a zip-based document (.docx) may hold.
MAX_ZIP_ENTRIES = 5_000
#: The most bytes a zip-based document may decompress to, all entries together.
MAX_UNZIPPED_BYTES = 300 * _MIB
#: The most bytes one XML part of a zip-based document may decompress to.
MAX_XML_PART_BYTES = 60 * _MIB
#: The most paragraphs (table cells' included) in the body of a Word document.
MAX_DOCX_PARAGRAPHS = 200_000
#: The most pages in a PDF.
MAX_PDF_PAGES = 10_000
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
    """The bytes of a supported, readable, non-empty regular file within its size limit."""
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path} : ce n'est pas un fichier ordinaire (périphérique, tube ou socket)")
        if suffix not in MAX_FILE_BYTES:
            raise InputError(f"{path} : format non pris en charge ({suffix or 'sans extension'}) ; "
                             f"formats acceptés : {', '.join(SUFFIXES)}")
        limit = MAX_FILE_BYTES[suffix]
        if info.st_size > limit:
            raise InputError(_too_big(path, info.st_size, limit))
        with path.open("rb") as fh:
            data = fh.read(limit + 1)  # bounded even if the file grows meanwhile
        if len(data) > limit:
            raise InputError(_too_big(path, len(data), limit))
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


#: The reason given for a symbolic link that leads back to itself.
LINK_LOOP = OS_REASONS[errno.ELOOP]


def _too_big(path: Path, size: int, limit: int) -> str:
    megabytes = f"{size / _MIB:.1f}".removesuffix(".0").replace(".", ",")
    return (f"{path} : fichier trop volumineux ({megabytes} Mo, maximum {limit // _MIB} Mo "
            f"pour un {path.suffix.lower()}) ; découpez-le")


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
        raise InputError(f"{path} : texte trop long ({french_number(len(loaded.text))} caractères, maximum "
                         f"{french_number(MAX_TEXT_CHARS)}) ; découpez le document")
    loaded.title = (loaded.title or first_line(loaded.text) or path.stem)[:_TITLE_LENGTH]
    return loaded


def french_number(number: int) -> str:
    """An integer with a space between thousands, as written in French (5 000 000)."""
    return f"{number:,}".replace(",", " ")


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
        pages = _declared_pages(reader)  # cheap; the page tree is walked only when it is within the limit
        if pages <= MAX_PDF_PAGES:
            pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise InputError(f"{path} : PDF trop long ({french_number(pages)} pages, maximum "
                             f"{french_number(MAX_PDF_PAGES)}) ; découpez-le")
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
    except pypdf.errors.DependencyError:
        raise InputError(f"{path} : PDF chiffré par un algorithme non pris en charge ; "
                         "enregistrez-en une copie non protégée") from None
    except Exception:  # pypdf raises many kinds of errors, in English, on damaged files
        raise InputError(f"{path} : PDF corrompu ou illisible (structure endommagée)") from None
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


def _declared_pages(reader: pypdf.PdfReader) -> int:
    """The page count the PDF's page tree declares (``/Count``), read without walking the tree; 0 if absent."""
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, TypeError, ValueError, pypdf.errors.PyPdfError):
        return 0


def _decrypt_without_password(reader: pypdf.PdfReader) -> bool:
    """Open a PDF encrypted with an empty user password (restrictions only); False if a password is needed."""
    try:
        return bool(reader.decrypt(""))
    except (pypdf.errors.PdfReadError, NotImplementedError):
        return False


def _pdf_title(reader: pypdf.PdfReader) -> str:
    """The title in the PDF's metadata, unless it is empty or a word processor's file name."""
    title = ((reader.metadata or {}).get("/Title") or "").strip() if reader.metadata else ""
    if not title or title.lower().endswith((".doc", ".docx", ".pdf", ".odt")) or title.startswith("Microsoft"):
        return ""
    return title


def check_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    """The open archive of a zip-based document, refused (French line) past the entry and size limits.

    Only the archive's central directory is read: nothing is decompressed. A
    damaged archive raises :class:`zipfile.BadZipFile`.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    largest_xml = max((e.file_size for e in entries if e.filename.endswith((".xml", ".rels"))), default=0)
    if len(entries) > MAX_ZIP_ENTRIES:
        problem = f"{french_number(len(entries))} fichiers dans l'archive, maximum {french_number(MAX_ZIP_ENTRIES)}"
    elif total > MAX_UNZIPPED_BYTES:
        problem = f"{total / _MIB:.0f} Mo une fois décompressé, maximum {MAX_UNZIPPED_BYTES // _MIB} Mo"
    elif largest_xml > MAX_XML_PART_BYTES:
        problem = (f"une partie XML de {largest_xml / _MIB:.0f} Mo une fois décompressée, "
                   f"maximum {MAX_XML_PART_BYTES // _MIB} Mo")
    else:
        return archive
    raise InputError(f"{path} : archive refusée, {problem} (bombe de décompression ?)")


_PARAGRAPH_TAG = re.compile(rb"<w:p[\s/>]")
_SCAN_CHUNK = 1 << 20


def count_paragraphs(archive: zipfile.ZipFile, part: str, limit: int) -> int:
    """How many ``<w:p>`` elements an XML part holds, streamed in chunks; stops counting past ``limit``."""
    count, tail = 0, b""
    with archive.open(part) as stream:
        while count <= limit and (chunk := stream.read(_SCAN_CHUNK)):
            window = tail + chunk
            count += len(_PARAGRAPH_TAG.findall(window))
            tail = window[-4:]  # shorter than a match: none is counted twice, none cut in two is lost
    return count


def _check_docx_body(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse a Word document whose body holds more than :data:`MAX_DOCX_PARAGRAPHS` paragraphs."""
    if "word/document.xml" not in archive.namelist():
        return  # python-docx reports the missing body
    count = count_paragraphs(archive, "word/document.xml", MAX_DOCX_PARAGRAPHS)
    if count > MAX_DOCX_PARAGRAPHS:
        raise InputError(f"{path} : document Word refusé, plus de {french_number(MAX_DOCX_PARAGRAPHS)} "
                         "paragraphes (document piégé ?) ; découpez-le")


def _load_docx(data: bytes, path: Path) -> LoadedText:
    try:
        _check_docx_body(check_zip(data, path), path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
            RuntimeError, NotImplementedError):  # damaged, encrypted or exotic archive
        raise InputError(f"{path} : document Word corrompu ou illisible (archive zip endommagée)") from None
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


def _page_title(data: bytes) -> str:
    """The page's own <title> ("Nos partenaires – Les Ateliers X"): trafilatura's title drops the site's name,
    which is often the body the page is about."""
    tree = trafilatura.utils.load_html(data)
    return " ".join((tree.findtext(".//title") or "").split()) if tree is not None else ""


def _load_html(data: bytes, path: Path) -> LoadedText:
    try:
        extracted = trafilatura.bare_extraction(data, include_tables=True, with_metadata=True,
                                                favor_recall=True)
        text = (extracted.text if extracted else "") or ""
        title = _page_title(data) or (extracted.title if extracted else "") or ""
        if not text.strip():
            text = trafilatura.html2txt(data)
    except Exception as exc:  # lxml or trafilatura on a damaged page
        raise InputError(f"{path} : page HTML illisible ({type(exc).__name__}: {exc})"[:300]) from None
    return LoadedText(text=text, title=title)


_LOADERS: dict[str, Callable[[bytes, Path], LoadedText]] = {
    ".txt": _load_text, ".md": _load_markdown, ".pdf": _load_pdf, ".docx": _load_docx,
    ".html": _load_html, ".htm": _load_html,
}
