"""Render the demo's PDF and Word documents from their Markdown sources in scripts/demo_sources/.

- ``02_rapport_activite_agevab_2024`` becomes a clean PDF (text layer, page numbers);
- ``03_monographie_ptce_fabrique_des_coteaux`` becomes a PDF whose text layer
  looks like a poor scan's OCR: ``I'`` for ``l'``, ``d`` for ``ô`` (``Pdle``),
  ``g`` for ``ç`` (``Argengay``), accents lost on capitals and on some ``é``,
  ``ﬁ`` ligatures, words hyphenated at line ends, a running header and page
  numbers on every page;
- ``05_ag_scic_energies_citoyennes_2025`` becomes a Word document.

fpdf2 (a test dependency of the project) draws the PDFs with the DejaVu font;
python-docx writes the Word file. Creation dates (and the dates of the Word
file's zip entries) are fixed so that the output does not depend on the day it is generated. The generated files are committed
in maillage/demo/documents/; run this script only after editing a source.

Usage: ``python scripts/make_demo_documents.py [OUTPUT_DIR]``.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from fpdf import FPDF

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "demo_sources"
FIXED_DATE = datetime(2025, 6, 30, 12, 0, tzinfo=timezone.utc)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LINE_HEIGHT = 5.5
BODY_SIZE = 10.5


def read_source(stem: str) -> list[tuple[str, str]]:
    """The blocks of a Markdown source: ``(level, text)`` with level ``h1``, ``h2`` or ``p``."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", (SOURCES / f"{stem}.md").read_text(encoding="utf-8")):
        chunk = chunk.strip()
        if chunk.startswith("## "):
            blocks.append(("h2", chunk[3:]))
        elif chunk.startswith("# "):
            blocks.append(("h1", chunk[2:]))
        elif chunk:
            blocks.append(("p", chunk))
    return blocks


def new_pdf(title: str, cls: type[FPDF] = FPDF) -> FPDF:
    """An A4 PDF of class ``cls`` with the DejaVu font and fixed metadata."""
    pdf = cls(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("Démo maillage : territoire fictif du Val de Brenne")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


class NumberedPDF(FPDF):
    """A clean report: page number centred at the bottom of each page."""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.cell(0, 6, f"Page {self.page_no()}", align="C")


def clean_pdf(stem: str, out: Path) -> Path:
    """A PDF whose text layer is exactly the source's text."""
    blocks = read_source(stem)
    pdf = new_pdf(blocks[0][1], NumberedPDF)
    pdf.add_page()
    for level, text in blocks:
        size, style, gap = {"h1": (15, "B", 6), "h2": (12, "B", 3), "p": (BODY_SIZE, "", 2)}[level]
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(0, LINE_HEIGHT + (size - BODY_SIZE) / 2, text)
        pdf.ln(gap)
    target = out / f"{stem}.pdf"
    pdf.output(str(target))
    return target


# OCR damage, applied in this order to the text of the scanned-style PDF.
OCR_CONFUSIONS = [
    (re.compile(r"(?<![\w'])l'"), "I'"),          # l' read as I'
    (re.compile("ô"), "d"),                        # Pôle -> Pdle
    (re.compile("Ô"), "D"),
    (re.compile("ç"), "g"),                        # Argençay -> Argengay
    (re.compile("fi"), "\ufb01"),                  # ligature left by the OCR
    (re.compile("[ÉÈÊ]"), "E"),                    # accents lost on capitals
    (re.compile("À"), "A"),
]
LOST_ACUTE_EVERY = 5  # every fifth é loses its accent


def ocr_damage(text: str) -> str:
    """Garble a text the way a poor scan's OCR does (deterministic)."""
    for pattern, replacement in OCR_CONFUSIONS:
        text = pattern.sub(replacement, text)
    count = 0

    def lose(match: re.Match) -> str:
        nonlocal count
        count += 1
        return "e" if count % LOST_ACUTE_EVERY == 0 else match.group()

    return re.sub("é", lose, text)


VOWELS = set("aeiouyàâéèêëîïôûù")


def syllable_cuts(word: str) -> list[int]:
    """Where a long alphabetic word may be hyphenated, longest head first: before a consonant-vowel pair."""
    if len(word) < 8 or not word.isalpha():
        return []
    lower = word.lower()
    cuts = [c for c in range(len(word) - 3, 2, -1)
            if lower[c] not in VOWELS and lower[c + 1] in VOWELS]
    return sorted(cuts, key=lambda c: (lower[c - 1] not in VOWELS, -c))


def hyphenated_lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """Wrap ``text`` to ``width``; a long word that does not fit is cut with a hyphen at the line end."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        cut = next((c for c in syllable_cuts(word)
                    if pdf.get_string_width(f"{current} {word[:c]}-".strip()) <= width), 0)
        if cut:
            lines.append(f"{current} {word[:cut]}-".strip())
            current = word[cut:]
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def page_number(pdf: FPDF) -> None:
    """Write the current page's number at its bottom, after its body (as a scan's text layer orders it)."""
    pdf.set_font("DejaVu", "", 8)
    pdf.set_xy(pdf.l_margin, pdf.h - 15)
    pdf.cell(0, 5, f"- {pdf.page_no()} -", align="C")


def scanned_pdf(stem: str, out: Path, running_header: str) -> Path:
    """A PDF whose text layer carries OCR damage, hyphenation, a running header and page numbers."""
    blocks = read_source(stem)
    pdf = new_pdf(blocks[0][1])
    pdf.set_auto_page_break(False)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    lines: list[tuple[str, str]] = []
    for level, text in blocks:
        pdf.set_font("DejaVu", "B" if level != "p" else "", BODY_SIZE)
        lines += [(level, line) for line in hyphenated_lines(pdf, ocr_damage(text), width)]
        lines.append(("gap", ""))
    bottom = pdf.h - 25
    for level, line in lines:
        if pdf.page == 0 or pdf.get_y() > bottom:
            if pdf.page:
                page_number(pdf)
            pdf.add_page()
            pdf.set_font("DejaVu", "", 8)
            pdf.cell(0, 5, running_header, align="C")
            pdf.set_xy(pdf.l_margin, 30)
        pdf.set_font("DejaVu", "B" if level in ("h1", "h2") else "", BODY_SIZE)
        pdf.cell(0, LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")
    page_number(pdf)
    target = out / f"{stem}.pdf"
    pdf.output(str(target))
    return target


def word_document(stem: str, out: Path) -> Path:
    """A Word document with headings and paragraphs."""
    blocks = read_source(stem)
    document = docx.Document()
    document.core_properties.title = blocks[0][1]
    document.core_properties.author = "Démo maillage : territoire fictif du Val de Brenne"
    document.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    document.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    for level, text in blocks:
        if level == "p":
            document.add_paragraph(text)
        else:
            document.add_heading(text, level=1 if level == "h1" else 2)
    target = out / f"{stem}.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(fixed_zip_dates(buffer.getvalue()))
    return target


def fixed_zip_dates(archive: bytes) -> bytes:
    """The same zip archive with every entry dated :data:`FIXED_DATE` (zipfile dates entries with the
    current time, so a regenerated .docx would change bytes at every run)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type, fixed.external_attr = entry.compress_type, entry.external_attr
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


def build(out: Path) -> list[Path]:
    """Write the generated documents into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    return [
        clean_pdf("02_rapport_activite_agevab_2024", out),
        scanned_pdf("03_monographie_ptce_fabrique_des_coteaux", out,
                    "LA FABRIQUE DES COTEAUX - MONOGRAPHIE D'UN PTCE - 2024"),
        word_document("05_ag_scic_energies_citoyennes_2025", out),
    ]


def main() -> None:
    default = ROOT.parent / "maillage" / "demo" / "documents"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    for path in build(out):
        print(f"écrit : {path}")


if __name__ == "__main__":
    main()
