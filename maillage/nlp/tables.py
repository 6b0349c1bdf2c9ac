"""Tables written as text: rows of cells separated by pipes ("Bénéficiaire | Objet | Montant").

Definition: a *table* is a run of two lines or more that hold the same number (two or more) of cells
separated by "|"; its first row is its header. Cells are (start, end) character ranges of the text.
"""
from __future__ import annotations

Cell = tuple[int, int]


def lines(text: str) -> list[Cell]:
    """(start, end) characters of each line of ``text``."""
    out, start = [], 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            out.append((start, len(text)))
            return out
        out.append((start, end))
        start = end + 1


def split(text: str, start: int, end: int, mark: str) -> list[Cell]:
    """The parts of ``text[start:end]`` between occurrences of ``mark``."""
    out, a = [], start
    while True:
        b = text.find(mark, a, end)
        out.append((a, end if b < 0 else b))
        if b < 0:
            return out
        a = b + 1


def tables(text: str) -> list[list[list[Cell]]]:
    """The tables of ``text`` (module docstring): each a list of rows, the header first, each row a list of cells."""
    found: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    for start, end in [*lines(text), (len(text), len(text))]:
        cells = split(text, start, end, "|")
        if rows and len(cells) == len(rows[0]) and len(cells) > 1:
            rows.append(cells)
            continue
        if len(rows) > 1:
            found.append(rows)
        rows = [cells] if len(cells) > 1 else []
    return found
