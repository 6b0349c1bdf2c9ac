"""Reading official files block by block: bounded memory, a French progress bar, a content hash.

A CSV is parsed by Arrow's streaming reader (blocks of :data:`BLOCK_SIZE` bytes, only the columns
asked for, every value a string); the bytes go through :class:`_Tap`, which feeds the progress bar
and the SHA-256 that identifies the file as a source. Column names are compared folded
(``Code de la commune`` = ``code_de_la_commune``), so the published header and its usual
lower-case reissues are both read. A row with the wrong number of cells is reported with its
line number and skipped; the rest is read. XLSX sheets are read row by row with openpyxl.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv
from tqdm import tqdm

from maillage.errors import InputError
from maillage.graph.model import slugify
from maillage.ingest.csv_import import LineNumbers, RowError

#: Bytes parsed at a time: a national stock never sits in memory whole.
BLOCK_SIZE = 16 << 20


@dataclass(frozen=True)
class Columns:
    """The columns a dataset needs: canonical name -> accepted header spellings (compared folded)."""

    required: dict[str, tuple[str, ...]]
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def locate(self, header: list[str], path: str | Path) -> dict[str, str]:
        """Canonical name -> the header's own spelling; a missing required column is one French line."""
        folded = {slugify(name): name for name in header}
        found = {}
        for canonical, spellings in {**self.required, **self.optional}.items():
            for spelling in spellings:
                if slugify(spelling) in folded:
                    found[canonical] = folded[slugify(spelling)]
                    break
        missing = [spellings[0] for canonical, spellings in self.required.items() if canonical not in found]
        if missing:
            raise InputError(f"{Path(path).name} : colonne(s) absente(s) : {', '.join(missing)} "
                             f"(en-tête lu : {', '.join(header[:12])}{'…' if len(header) > 12 else ''})")
        return found


class _Tap(io.RawIOBase):
    """A binary file whose reads advance a progress bar and a SHA-256."""

    def __init__(self, raw, bar: tqdm, digest) -> None:
        self.raw, self.bar, self.digest = raw, bar, digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer)
        if count:
            self.digest.update(memoryview(buffer)[:count])
            self.bar.update(count)
        return count


@dataclass
class Stream:
    """One file being read: its blocks, then (once read) its rejected rows and its SHA-256."""

    path: Path
    label: str
    columns: Columns
    progress: bool = True
    errors: list[RowError] = field(default_factory=list)
    sha256: str = ""
    found: dict[str, str] = field(default_factory=dict)  # canonical column -> the file's spelling

    def batches(self) -> Iterator[tuple[pa.RecordBatch, list[int]]]:
        """Record batches with canonical column names (strings, empty when absent), and each row's line."""
        header, delimiter, encoding = sniff(self.path)
        found = self.found = self.columns.locate(header, self.path)
        bad: list[int] = []

        def on_invalid(row) -> str:
            bad.append(row.number or 0)
            self.errors.append(RowError(str(self.path), row.number or 0,
                                        f"nombre de cellules incorrect ({row.text[:60]!r})"))
            return "skip"

        digest = hashlib.sha256()
        wanted = list(dict.fromkeys(found.values()))
        with self.path.open("rb") as raw, tqdm(total=self.path.stat().st_size, unit="o", unit_scale=True,
                                                 desc=f"Lecture de {self.label}", disable=not self.progress,
                                                 leave=False) as bar:
            options = _options(encoding, delimiter, wanted, on_invalid)
            reader = _guarded(lambda: pacsv.open_csv(io.BufferedReader(_Tap(raw, bar, digest), BLOCK_SIZE), *options),
                              self.path, lambda: seen)
            seen = 0
            for batch in reader:
                lines = LineNumbers(bad)
                numbers = [lines[seen + i] for i in range(batch.num_rows)]
                seen += batch.num_rows
                yield _canonical(batch, found, self.columns), numbers
            for block in iter(lambda: raw.read(BLOCK_SIZE), b""):  # a trailing part the parser did not need
                digest.update(block)
        self.sha256 = digest.hexdigest()


def _options(encoding: str, delimiter: str, wanted: list[str], on_invalid) -> tuple:
    """Arrow's read, parse and convert options: blocks of :data:`BLOCK_SIZE`, the wanted columns as text."""
    return (pacsv.ReadOptions(block_size=BLOCK_SIZE, use_threads=False, encoding=encoding),
            pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=on_invalid),
            pacsv.ConvertOptions(include_columns=wanted, column_types={n: pa.string() for n in wanted},
                                 strings_can_be_null=False, quoted_strings_can_be_null=False))


def _guarded(open_reader, path: Path, rows_read) -> Iterator[pa.RecordBatch]:
    """The blocks of the reader ``open_reader()`` opens; a block Arrow cannot parse (bytes that are no text, a
    broken quote) ends the reading with one French line saying after which row."""
    reader = None
    while True:
        try:
            reader = reader or open_reader()
            yield next(reader)
        except StopIteration:
            return
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            reason = str(exc).splitlines()[0][:160]
            raise InputError(f"{path.name} : illisible après la ligne {rows_read() + 1} environ ({reason}) ; "
                             "rien n'a été importé de ce fichier") from None


def _canonical(batch: pa.RecordBatch, found: dict[str, str], columns: Columns) -> pa.RecordBatch:
    names = list(columns.required) + list(columns.optional)
    arrays = [batch.column(found[n]) if n in found else pa.array([""] * batch.num_rows, pa.string())
              for n in names]
    return pa.RecordBatch.from_arrays(arrays, names=names)


def sniff(path: Path) -> tuple[list[str], str, str]:
    """The header, the delimiter (``,``, ``;`` or tab) and the encoding (UTF-8, else Windows-1252)."""
    if not path.is_file():
        raise InputError(f"fichier introuvable : {path}")
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip():
        raise InputError(f"{path.name} : fichier vide")
    try:
        text, encoding = head.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut by the end of the sample
            text, encoding = head.decode("cp1252", "replace"), "cp1252"
        else:
            text, encoding = head[:exc.start].decode("utf-8-sig"), "utf-8"
    first = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    return [h.strip() for h in header], delimiter, encoding


def file_sha256(path: Path) -> str:
    """The SHA-256 of a whole file, read by blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK_SIZE), b""):
            digest.update(block)
    return digest.hexdigest()


def xlsx_sheets(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet of a workbook as rows of text (openpyxl, read-only)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise InputError(f"{path.name} : classeur XLSX illisible ({type(exc).__name__})") from None
    try:
        return {sheet.title: [["" if v is None else str(v).strip() for v in row]
                              for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


def sheet_table(rows: list[list[str]], columns: Columns, path: Path) -> tuple[pa.RecordBatch, list[int]] | None:
    """The table of a sheet whose header (any of its first 20 rows) has the required columns, or None."""
    for start, header in enumerate(rows[:20]):
        try:
            found = columns.locate(header, path)
        except InputError:
            continue
        position = {name: i for i, name in enumerate(header)}
        body = [r for r in rows[start + 1:] if any(r)]
        lines = [start + 2 + i for i, r in enumerate(rows[start + 1:]) if any(r)]
        arrays = {name: [r[position[found[name]]] if name in found and position[found[name]] < len(r) else ""
                         for r in body] for name in list(columns.required) + list(columns.optional)}
        return pa.RecordBatch.from_pydict({n: pa.array(v, pa.string()) for n, v in arrays.items()}), lines
    return None
