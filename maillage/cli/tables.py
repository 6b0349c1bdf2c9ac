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


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` first), or :data:`FALLBACK_WIDTH` when there is none."""
    return max(40, shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns)


def _numeric(values: list) -> bool:
    return bool(values) and all(isinstance(v, (int, float)) or _is_number(str(v)) for v in values)


def _is_number(text: str) -> bool:
    return text.replace(" %", "").replace(",", "").replace(".", "", 1).lstrip("-").isdigit()


def table(headers: list[str], rows: list[list], width: int | None = None) -> str:
    """``rows`` under ``headers`` in columns that fit ``width`` (the terminal's by default); long cells
    wrap inside their column, numbers are right-aligned."""
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for i, header in enumerate(headers):
        column = [row[i] for row in rows]
        numeric = _numeric(column)
        grid.add_column(Text(header), justify="right" if numeric else "left", overflow="fold",
                        no_wrap=numeric, min_width=min(len(header), 12))
    for row in rows:
        grid.add_row(*(Text(_cell(value)) for value in row))
    out = io.StringIO()
    Console(file=out, width=width or terminal_width(), color_system=None, highlight=False,
            emoji=False, markup=False, legacy_windows=False).print(grid)
    return "\n".join(line.rstrip() for line in out.getvalue().rstrip("\n").splitlines())


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
