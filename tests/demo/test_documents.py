"""The demo documents: enough of them, in every format, about the same actors as the CSV files."""
from __future__ import annotations

import csv
import re

import pytest

from maillage.demo import demo_paths
from maillage.ingest.loaders import load

PATHS = demo_paths()
FILES = PATHS.document_files()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {path.name: load(path).text for path in FILES}


@pytest.fixture(scope="module")
def names() -> list[str]:
    """Every name and alias of the CSV's actors longer than five characters."""
    with PATHS.actors.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    return [n for row in table for n in [row["name"], *row["aliases"].split("|")] if len(n) > 5]


def test_formats_and_count():
    suffixes = [p.suffix for p in FILES]
    assert len(FILES) >= 12
    assert suffixes.count(".pdf") >= 2 and ".docx" in suffixes and ".html" in suffixes
    assert {".txt", ".md"} <= set(suffixes)


def test_every_document_names_actors_of_the_structured_data(texts, names):
    for name, text in texts.items():
        folded = text.replace("\n", " ")
        named = {n for n in names if n in folded}
        assert len(named) >= 5, (name, named)


def test_documents_use_acronym_definitions_and_coreference(texts):
    everything = "\n".join(texts.values())
    assert "(AGEVAB)" in everything and "l'agence" in everything.lower()
    assert "le Pays" in everything and "la SCIC" in everything


def test_one_pdf_has_a_scanned_style_damaged_text_layer(texts):
    damaged = texts["03_monographie_ptce_fabrique_des_coteaux.pdf"]
    assert "I'" in damaged and "pdle" in damaged and "Argengay" in damaged
    assert "\ufb01" in damaged and "ECONOMIE" in damaged
    assert re.search(r"\w-\n\w", damaged), "césures en fin de ligne"
    assert damaged.count("MONOGRAPHIE D'UN PTCE") >= 2 and "- 2 -" in damaged
    clean = texts["02_rapport_activite_agevab_2024.pdf"]
    assert "Argengay" not in clean and "pdle" not in clean
    assert "I'" not in clean and "(AGEVAB)" in clean
