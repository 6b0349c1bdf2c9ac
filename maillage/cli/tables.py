"""Plain-text tables and notes that fit the terminal: rich lays the columns out and folds long cells.

Cells are passed to rich as :class:`rich.text.Text`, never as markup: a name read in a document
(``[bold]x[/]``) prints as written. No colour and no box drawing, so the output reads the same in a
terminal, a pipe or a file.
"""
from __future__ import annotations

import io
import shutil
import textwrap

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: Width used when the output is not a terminal and ``COLUMNS`` is not set.
FALLBACK_WIDTH = 100
#: A text column is not squeezed below this many characters (numbers keep their full width).
TEXT_MIN_WIDTH = 12
#: Characters between two columns.
GAP = 3


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` first), or :data:`FALLBACK_WIDTH` when there is none."""
    return max(40, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)


def _numeric(values: list) -> bool:
    return bool(values) and all(isinstance(v, (int, float)) or _is_number(str(v)) for v in values)


def _is_number(text: str) -> bool:
    return text.replace(" %", "").replace(",", "").replace(".", "", 1).lstrip("-").isdigit()


def table(headers: list[str], rows: list[list], width: int | None = None) -> str:
    """``rows`` under ``headers`` in columns that fit ``width`` (the terminal's by default): numbers keep
    their width and are right-aligned, text columns share the rest and wrap inside their column."""
    width = width or terminal_width()
    columns = [[_cell(row[i]) for row in rows] for i in range(len(headers))]
    longest = [max(map(len, [header, *column])) for header, column in zip(headers, columns)]
    numeric = [_numeric(column) for column in columns]
    room = width - GAP * (len(headers) - 1) - sum(n for n, is_number in zip(longest, numeric) if is_number)
    shares = iter(_share(room, [n for n, is_number in zip(longest, numeric) if not is_number]))
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header, is_number in zip(headers, numeric):
        if is_number:
            grid.add_column(Text(header), justify="right", no_wrap=True)
        else:
            grid.add_column(Text(header), overflow="fold", width=next(shares))
    for row in rows:
        grid.add_row(*(Text(_cell(value)) for value in row))
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, highlight=False,
            emoji=False, markup=False, legacy_windows=False).print(grid)
    return "\n".join(line.rstrip() for line in out.getvalue().rstrip("\n").splitlines())


def _share(room: int, wanted: list[int]) -> list[int]:
    """Widths of text columns wanting ``wanted`` characters in ``room``: all they want when it fits, else
    :data:`TEXT_MIN_WIDTH` each (or less if they want less) and the rest in proportion to what they lack."""
    if sum(wanted) <= room:
        return wanted
    widths = [min(n, TEXT_MIN_WIDTH) for n in wanted]
    while (left := room - sum(widths)) > 0:
        lacking = [n - w for n, w in zip(wanted, widths)]
        total = sum(lacking)
        if not total:
            break
        gains = [max(1, left * lack // total) if lack else 0 for lack in lacking]
        widths = [min(n, w + g) for n, w, g in zip(wanted, widths, gains)]
        if sum(widths) > room:  # rounding up by one per column overshot: give the excess back
            for i in sorted(range(len(widths)), key=lambda i: -widths[i])[:sum(widths) - room]:
                widths[i] -= 1
            break
    return widths


def _cell(value) -> str:
    return "" if value is None else str(value)


def fit(text: str, width: int | None = None) -> str:
    """Wrap the lines of ``text`` longer than ``width``, continuation lines indented."""
    width = width or terminal_width()
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip()))
        lines += textwrap.wrap(line, width=width, subsequent_indent=indent + "  ",
                               break_long_words=True, break_on_hyphens=False)
    return "\n".join(lines)


def legend(entries: dict[str, str]) -> str:
    """The short definition of each column under a table: ``Name : definition`` per line."""
    return "\n".join(f"{name} : {definition}" for name, definition in entries.items())
