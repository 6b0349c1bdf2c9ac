"""Spreadsheet-safe CSV: every CSV the product writes goes through :func:`safe_cell`.

A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell whose text starts
with ``=``, ``+``, ``-`` or ``@`` as a formula, and some also treat a leading
tab or carriage return as the start of one: a name such as
``=HYPERLINK("http://…")`` taken from a document would become a live link or
worse ("CSV injection"). Such a text cell is written with a leading apostrophe
(``'=HYPERLINK(…)``), which spreadsheets show as the text itself.

Definition of what is neutralised: a **text** cell (``str``) whose first
character is one of :data:`FORMULA_STARTS`. Numbers (``int``, ``float``, numpy
numbers) are written as they are, so a negative number in a numeric column
stays a number (``-0.5``); a negative number that arrives as *text* is
neutralised like any other text, since a spreadsheet cannot tell it from a
formula such as ``-1+cmd|…``.
"""
from __future__ import annotations

import csv
import io
import math
from typing import IO, TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import pandas as pd

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` with a leading apostrophe if it is a text starting with a formula character; else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[object]) -> list[object]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in row]


def write_rows(out: IO[str], header: Sequence[str], rows: Iterable[Iterable[object]]) -> None:
    """Write a header and rows as CSV to a text stream, every cell made safe.

    Lines end with CRLF (RFC 4180), so that the csv module quotes a cell holding
    a lone carriage return as well as one holding a line feed.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)


def dicts_to_csv(rows: list[dict]) -> str:
    """CSV text of a list of dicts (columns: the keys of the first), every cell made safe; empty for no rows."""
    if not rows:
        return ""
    out = io.StringIO()
    header = list(rows[0])
    write_rows(out, header, ([row.get(key, "") for key in header] for row in rows))
    return out.getvalue()


def frame_to_csv(frame: "pd.DataFrame") -> str:
    """CSV text of a data frame without its index, every text cell and column name made safe.

    Written by the csv module rather than ``DataFrame.to_csv``, which leaves a
    field holding a carriage return unquoted. Missing values are empty cells.
    """
    out = io.StringIO()
    rows = ([_present(value) for value in row] for row in frame.itertuples(index=False, name=None))
    write_rows(out, [str(name) for name in frame.columns], rows)
    return out.getvalue()


def _present(value: object) -> object:
    """An empty text for a missing value (None or NaN), else the value."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else value
