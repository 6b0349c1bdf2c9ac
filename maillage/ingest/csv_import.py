"""Structured import: actors, links and territories from CSV files.

Contract (lists inside a cell are separated by ``|``; only the starred columns are required):

- ``actors.csv``: ``id*, name*, aliases, kinds*, roles, territory, siren, size, sector, website, stance``
  (and, as an optional extension, ``function``: a person's office);
- ``links.csv``: ``source*, target*, kind*, confidence, note``: source and target are actor ids, except
  that an ``OFFERS`` target is a service code and a ``LOCATED_IN`` target a territory (name or code);
- ``territories.csv`` (optional): ``id*, name*, level, code, parent``.

Files are UTF-8 with or without BOM, separated by commas or semicolons (the header
line decides). A file that is not UTF-8 but reads as Windows-1252 (what Excel writes
on a French Windows) is accepted with a warning: refusing it would only send users to
a converter that makes the same guess. A bad row is reported with its line number
(records counted from the header, line 1) and its reason; the good rows are imported
unless ``strict``.

The whole import is one document: its id is the hash of the files' bytes, so
importing the same files again changes nothing. Without ``territories.csv``, each
name in the ``territory`` column becomes a territory whose level is guessed from the
name (:func:`guess_level`), and the actor gets a ``LOCATED_IN`` link to it.
"""
from __future__ import annotations

import csv
import hashlib
import io
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from maillage.errors import InputError
from maillage.graph import taxonomy
from maillage.graph.columnar import ACTOR_SCHEMA, LINK_SCHEMA, TARGET_TYPES, ColumnarBatch, EndRows, partition_order
from maillage.graph.curation import now_iso
from maillage.graph.model import ACTOR_ATTRIBUTES, Document, Territory, slugify, territory_id

ACTOR_COLUMNS = ("id", "name", "aliases", "kinds", "roles", "territory", "siren", "size", "sector", "website",
                 "stance", "function")  # function: optional extension (a person's office), used by the demo
LINK_COLUMNS = ("source", "target", "kind", "confidence", "note")
TERRITORY_COLUMNS = ("id", "name", "level", "code", "parent")
REQUIRED = {"actors": ("id", "name", "kinds"), "links": ("source", "target", "kind"),
            "territories": ("id", "name")}
COLUMNS = {"actors": ACTOR_COLUMNS, "links": LINK_COLUMNS, "territories": TERRITORY_COLUMNS}

#: Name prefixes (slugified) that tell a territory's level; anything else is a commune.
LEVEL_PREFIXES = (
    ("communaute-d-agglomeration", "epci"), ("communaute-de-communes", "epci"), ("communaute-urbaine", "epci"),
    ("metropole", "epci"), ("petr", "pays"), ("pays", "pays"), ("departement", "departement"),
    ("region", "region"),
)


class ImportEncodingWarning(UserWarning):
    """A file was read in another encoding than UTF-8."""


@dataclass(frozen=True)
class RowError:
    """A rejected row: the file, its line number (header = 1) and the reason, in French."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{Path(self.path).name}, ligne {self.line} : {self.reason}"


def guess_level(name: str) -> str:
    """A territory's level from its name: "Communauté d'agglomération ..." is an EPCI, and so on."""
    slug = slugify(name)
    for prefix, level in LEVEL_PREFIXES:
        if slug == prefix or slug.startswith(prefix + "-"):
            return level
    return "commune"


# -- reading files ------------------------------------------------------------------------
def read_bytes(path: str | Path) -> bytes:
    """The bytes of a CSV file, refusing a missing, empty or binary file."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"fichier introuvable : {path}")
    data = file.read_bytes()
    if not data or data.isspace():
        raise InputError(f"fichier vide : {path}")
    return data


def to_utf8(data: bytes, path: str | Path) -> bytes:
    """A CSV file's bytes as UTF-8 without BOM: UTF-8 as is, else Windows-1252 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path} est encodé en UTF-16 : enregistrez-le en « CSV UTF-8 »")
    if b"\x00" in data[:65536]:
        raise InputError(f"{path} est un fichier binaire, pas un CSV")
    try:
        data.decode("utf-8")
        return data.removeprefix(b"\xef\xbb\xbf")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(f"{path} n'est pas en UTF-8 ni en Windows-1252 : convertissez-le en UTF-8") from None
    warnings.warn(f"{Path(path).name} n'est pas en UTF-8 : lu comme Windows-1252 (vérifiez les accents)",
                  ImportEncodingWarning, stacklevel=3)
    return text.encode("utf-8")


class LineNumbers:
    """Line number of each parsed row, given the record numbers of the rows skipped as malformed.

    The parser numbers records (header = 1, blank lines not counted); ``physical`` maps a
    record number to its line in the file when they differ (a blank line, a cell on several
    lines, a line set aside for an unbalanced quote).
    """

    def __init__(self, skipped: list[int], physical: list[int] | None = None) -> None:
        self.skipped = skipped
        self.physical = physical

    def __getitem__(self, row: int) -> int:
        line = row + 2
        for number in self.skipped:
            if number <= line:
                line += 1
        return self.record_line(line)

    def record_line(self, record: int) -> int:
        """The line in the file where record number ``record`` starts."""
        if self.physical is None or record - 1 >= len(self.physical):
            return record
        return self.physical[record - 1]


#: A quoted cell may span at most this many lines; an opening quote not closed within them is a stray quote.
MAX_CELL_LINES = 20
STRAY_QUOTE = "guillemet non fermé : ligne ignorée (corrigez-la puis réimportez le fichier)"


def set_aside_stray_quotes(data: bytes, columns: int) -> tuple[bytes, list[int] | None, list[int]]:
    """Blank out the lines whose unbalanced quote would swallow the rows after it.

    A line with an odd number of double quotes opens (or closes) a quoted cell spanning
    lines. It is kept when the next such line, at most :data:`MAX_CELL_LINES` further, closes
    one record of ``columns`` cells; otherwise it holds a stray quote and is blanked (the
    parser skips blank lines), so that the following rows are read. Returns the data, the
    line of each record (header included; None when every record is one line, nothing
    blank) and the lines set aside.
    """
    if b'"' not in data:
        return data, None, []
    odd = np.flatnonzero(np.bincount(_quote_lines(data)) % 2).tolist()
    if not odd:
        return data, None, []
    lines = data.split(b"\n")
    stray, continued = [], set()
    i = 0
    while i < len(odd):
        first = odd[i]
        last = odd[i + 1] if i + 1 < len(odd) else None
        if last is not None and last - first < MAX_CELL_LINES and _one_record(lines[first:last + 1], columns):
            continued.update(range(first + 1, last + 1))
            i += 2
        else:
            stray.append(first)
            i += 1
    for index in stray:
        lines[index] = b""
    starts = [n + 1 for n, line in enumerate(lines) if n not in continued and line.strip(b"\r")]
    return b"\n".join(lines), starts, [n + 1 for n in stray]


#: Up to this many double quotes, their lines are counted between them rather than by a pass over every byte.
FEW_QUOTES = 10_000


def _quote_lines(data: bytes) -> np.ndarray:
    """The line (from 0) of each double quote of ``data``."""
    if data.count(b'"') > FEW_QUOTES:
        buffer = np.frombuffer(data, dtype=np.uint8)
        return np.searchsorted(np.flatnonzero(buffer == ord("\n")), np.flatnonzero(buffer == ord('"')))
    lines, line, last = [], 0, 0
    position = data.find(b'"')
    while position >= 0:
        line += data.count(b"\n", last, position)
        lines.append(line)
        last = position
        position = data.find(b'"', position + 1)
    return np.array(lines, np.int64)


def _one_record(lines: list[bytes], columns: int) -> bool:
    """Whether these lines form exactly one CSV record of ``columns`` cells (either delimiter)."""
    text = b"\n".join(lines).decode("utf-8", "replace")
    for delimiter in (",", ";"):
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if len(records) == 1 and len(records[0]) == columns:
            return True
    return False


@dataclass
class CheckedText:
    """A CSV file whose bytes and header were checked (:func:`checked_text`), ready to be parsed."""

    path: str | Path
    kind: str
    utf8: bytes
    names: list[str]
    delimiter: str


def parse_csv(path: str | Path, kind: str) -> tuple[pa.Table, LineNumbers, list[RowError]]:
    """Parse one CSV file into a table of strings.

    Returns the table (known columns only, missing optional ones empty), the line
    number of each of its rows, and the rows rejected for a wrong number of cells.
    """
    return parse_text(checked_text(path, kind))


def checked_text(path: str | Path, kind: str) -> CheckedText:
    """A CSV file's bytes as UTF-8 and its header, refusing (in French) a file that cannot be read or lacks a
    required column: what makes a file unreadable is known before its rows are parsed."""
    utf8 = to_utf8(read_bytes(path), path)
    if not utf8.endswith(b"\n"):
        utf8 += b"\n"  # the parser cannot skip a header line that has no end
    header_line = utf8[:utf8.find(b"\n") if b"\n" in utf8[:65536] else 65536].decode("utf-8", "replace")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    names = [n.strip().lower() for n in next(csv.reader(io.StringIO(header_line), delimiter=delimiter))]
    missing = [c for c in REQUIRED[kind] if c not in names]
    if missing:
        raise InputError(f"{path} : colonne(s) obligatoire(s) absente(s) : {', '.join(missing)} "
                         f"(en-tête lu : {header_line.strip()[:120]!r})")
    unknown = [n for n in names if n and n not in COLUMNS[kind]]
    if unknown:
        warnings.warn(f"{Path(path).name} : colonne(s) ignorée(s) : {', '.join(unknown)}", UserWarning, stacklevel=3)
    return CheckedText(path, kind, utf8, names, delimiter)


def parse_text(text: CheckedText) -> tuple[pa.Table, LineNumbers, list[RowError]]:
    """The rows of a checked file, as :func:`parse_csv` returns them."""
    path, names, delimiter = text.path, text.names, text.delimiter
    utf8, physical, stray = set_aside_stray_quotes(text.utf8, len(names))
    bad: list[tuple[int, str]] = []
    table = _read_rows(utf8, names, delimiter, bad, use_threads=True)
    if bad and any(number is None for number, _ in bad):
        bad.clear()
        table = _read_rows(utf8, names, delimiter, bad, use_threads=False)
    lines = LineNumbers(sorted(number for number, _ in bad), physical)
    columns = {c: pc.utf8_trim_whitespace(_array(table.column(c))) if c in names
               else pa.repeat(pa.scalar(""), table.num_rows) for c in COLUMNS[text.kind]}
    errors = [RowError(str(path), lines.record_line(number), f"nombre de cellules incorrect ({text_row[:60]!r})")
              for number, text_row in bad]
    errors += [RowError(str(path), line, STRAY_QUOTE) for line in stray]
    return pa.table(columns), lines, errors


def _read_rows(data: bytes, names: list[str], delimiter: str, bad: list, use_threads: bool) -> pa.Table:
    def on_invalid(row) -> str:
        bad.append((row.number, row.text))
        return "skip"

    column_names = [n or f"_colonne_{i}" for i, n in enumerate(names)]
    return pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(column_names=column_names, skip_rows=1, use_threads=use_threads),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in column_names},
                                             strings_can_be_null=False, quoted_strings_can_be_null=False))


# -- validation helpers ---------------------------------------------------------------------
class _Problems:
    """Reasons for rejecting rows of one file, by row index."""

    def __init__(self, path: str | Path, lines: LineNumbers) -> None:
        self.path = str(path)
        self.lines = lines
        self.reasons: dict[int, list[str]] = {}

    def add(self, rows, reasons) -> None:
        for row, reason in zip(rows, reasons):
            self.reasons.setdefault(row, []).append(reason)

    def where(self, mask: pa.Array, reason: str, values: pa.Array | None = None) -> None:
        """Reject the rows where ``mask`` is true; ``reason`` may hold ``{}`` for the row's value."""
        rows = pc.indices_nonzero(mask).to_pylist()
        if rows:
            shown = values.take(rows).to_pylist() if values is not None else [None] * len(rows)
            self.add(rows, [reason.format(repr(v)) for v in shown])

    def codes(self, lists: pa.Array, label: str, codes: dict[str, str]) -> None:
        """Reject the rows whose list holds a code outside ``codes`` (a vocabulary called ``label``)."""
        flat = pc.list_flatten(lists)
        bad = pc.invert(_member(flat, value_set=pa.array(list(codes))))
        rows = pc.list_parent_indices(lists).filter(bad).to_pylist()
        self.add(rows, [f"{label} inconnu : {v!r}" for v in flat.filter(bad).to_pylist()])

    def valid(self, n: int) -> pa.Array:
        """Boolean mask of the rows with no problem."""
        keep = np.ones(n, bool)
        keep[list(self.reasons)] = False
        return pa.array(keep)

    def errors(self) -> list[RowError]:
        return [RowError(self.path, self.lines[row], " ; ".join(reasons))
                for row, reasons in sorted(self.reasons.items())]


def _array(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _split(column: pa.Array) -> pa.Array:
    """A ``|``-separated cell as a list of trimmed, non-empty values."""
    parts = pc.split_pattern(_array(column), "|")
    flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    keep = pc.not_equal(flat, "")
    rows = pc.list_parent_indices(parts).filter(keep).to_numpy()
    offsets = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(column)))]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), flat.filter(keep))


def _as_lists(values: pa.Array) -> pa.Array:
    """Each value as a one-element list, a null as an empty list."""
    values = _array(values)
    present = pc.cast(pc.is_valid(values), pa.int32())
    offsets = pa.concat_arrays([pa.array([0], pa.int32()), pc.cumulative_sum(present)])
    return pa.ListArray.from_arrays(offsets, values.drop_null())


def _member(values: pa.Array, value_set: pa.Array) -> pa.Array:
    """Whether each value is in ``value_set`` (``index_in`` is far faster than ``is_in`` in Arrow 26)."""
    return pc.is_valid(pc.index_in(values, value_set=value_set))


def _empty(column: pa.Array) -> pa.Array:
    return pc.equal(column, "")


def _null_if_empty(column: pa.Array) -> pa.Array:
    return pc.if_else(_empty(column), pa.scalar(None, pa.string()), column)


# -- territories ------------------------------------------------------------------------------
class _Places:
    """Territories by id, code and folded name; unknown names become territories (level guessed)."""

    def __init__(self, declared: list[Territory]) -> None:
        self.known: dict[str, Territory] = {}
        self.used: dict[str, Territory] = {}
        for territory in declared:
            for key in (territory.id, territory.code, slugify(territory.name)):
                if key:
                    self.known.setdefault(key, territory)

    def resolve(self, reference: str) -> str:
        """The id of the territory a cell names (declared or created from the name)."""
        territory = self.known.get(reference) or self.known.get(slugify(reference))
        if territory is None:
            territory = Territory(territory_id(reference), reference, guess_level(reference))
            self.known[slugify(reference)] = territory
        self.used[territory.id] = territory
        return territory.id

    def ids(self, column: pa.Array) -> pa.Array:
        """Territory id for each cell (null where empty)."""
        distinct = pc.unique(column)
        ids = [self.resolve(v) if v else None for v in distinct.to_pylist()]
        return pa.array(ids, pa.string()).take(pc.index_in(column, value_set=distinct))


def read_territories(path: str | Path) -> tuple[list[Territory], list[RowError]]:
    """The territories of a ``territories.csv``."""
    table, lines, errors = parse_csv(path, "territories")
    problems = _Problems(path, lines)
    problems.where(_empty(table.column("id")), "identifiant vide")
    problems.where(_empty(table.column("name")), "nom vide")
    levels = pc.if_else(_empty(table.column("level")), "autre", table.column("level"))
    problems.where(pc.invert(_member(levels, value_set=pa.array(list(taxonomy.TERRITORY_LEVELS)))),
                   "niveau de territoire inconnu : {}", levels)
    rows = table.set_column(2, "level", levels).filter(problems.valid(table.num_rows)).to_pylist()
    return [Territory(**row) for row in rows], sorted(errors + problems.errors(), key=lambda e: e.line)


# -- actors and links ---------------------------------------------------------------------------
def _actor_rows(path: str | Path, places: _Places) -> tuple[pa.Table, list[RowError]]:
    """The valid actors of an ``actors.csv`` as an actor facts table, and the rejected rows."""
    table, lines, errors = parse_csv(path, "actors")
    problems = _Problems(path, lines)
    ids, kinds, roles = table.column("id"), _split(table.column("kinds")), _split(table.column("roles"))
    problems.where(_empty(ids), "identifiant vide")
    problems.where(_empty(table.column("name")), "nom vide")
    problems.where(pc.equal(pc.list_value_length(kinds), 0), "aucun type d'acteur (colonne kinds)")
    problems.codes(kinds, "type d'acteur", taxonomy.ACTOR_KINDS)
    problems.codes(roles, "rôle", taxonomy.ROLES)
    stance = table.column("stance")
    problems.where(pc.and_(pc.invert(_empty(stance)),
                           pc.invert(_member(stance, value_set=pa.array(list(taxonomy.STANCES))))),
                   "position inconnue : {}", stance)
    _reject_duplicates(problems, ids)
    if problems.reasons:  # (a filter copies every column)
        keep = problems.valid(table.num_rows)
        table, kinds, roles = table.filter(keep), kinds.filter(keep), roles.filter(keep)
    territories = _as_lists(places.ids(table.column("territory")))
    n = table.num_rows
    columns = {"id": table.column("id"), "name": table.column("name"), "kinds": kinds,
               "aliases": _split(table.column("aliases")), "roles": roles, "territories": territories}
    columns.update({a: _null_if_empty(table.column(a)) if a in ACTOR_COLUMNS else pa.nulls(n, pa.string())
                    for a in ACTOR_ATTRIBUTES})
    columns["extra"] = pa.nulls(n, pa.string())
    return pa.table(columns, schema=ACTOR_SCHEMA), sorted(errors + problems.errors(), key=lambda e: e.line)


def _reject_duplicates(problems: _Problems, ids: pa.Array) -> None:
    """Reject every row whose id an earlier row already has."""
    seen: set[str] = set()
    duplicates = []
    if len(pc.unique(ids)) == len(ids):
        return
    for row, value in enumerate(ids.to_pylist()):
        if value in seen:
            duplicates.append(row)
        seen.add(value)
    problems.add(duplicates, [f"identifiant en double : {ids[r].as_py()!r}" for r in duplicates])


def _located_in(actors: pa.Table) -> pa.Table:
    """A LOCATED_IN link (import evidence) from each actor to its territory."""
    lists = actors.column("territories")
    sources = actors.column("id").take(pc.list_parent_indices(lists))
    targets = pc.list_flatten(lists)
    n = len(targets)
    return _links_table(sources, pa.repeat(pa.scalar("LOCATED_IN"), n), targets, pa.repeat(pa.scalar("territory"), n),
                        pa.nulls(n, pa.string()), pa.repeat(pa.scalar(1.0), n))


def located_end_rows(actors: pa.Table) -> EndRows:
    """Where the ends of :func:`_located_in`'s links are among the actors' ids: each link's actor, and its
    territory's position (-1 unless an actor has that id)."""
    lists = actors.column("territories")
    return EndRows(actors.column("id"), pc.list_parent_indices(lists).to_numpy(),
                   _positions(pc.list_flatten(lists), actors.column("id")),
                   kinds=frozenset({"LOCATED_IN"}), distinct=True)  # (one territory an actor: each link its own)


def placed_end_rows(links: pa.Table, ends: EndRows) -> EndRows:
    """``ends`` (of :func:`end_rows`, found on the file's cells) with the targets of the links to a territory
    found as the link table names them: by the territory's id, where the file may have given its code or
    another spelling."""
    located = np.flatnonzero(pc.equal(links.column("target_type"), "territory").to_numpy(zero_copy_only=False))
    if not len(located):
        return ends
    target = ends.target.astype(np.int64)
    target[located] = _positions(links.column("target").take(pa.array(located)), ends.ids)
    return replace(ends, target=target)


def _positions(values, ids) -> np.ndarray:
    """The position of each value among the distinct ``ids`` (-1: not there), for values of few distinct
    kinds (territories): those are looked for among the ids, not the ids among the values."""
    encoded = pc.dictionary_encode(_array(values))
    hits = pc.index_in(_array(ids), value_set=encoded.dictionary)
    found = np.flatnonzero(pc.is_valid(hits).to_numpy(zero_copy_only=False))
    places = np.full(len(encoded.dictionary), -1, np.int64)
    places[hits.take(pa.array(found)).to_numpy()] = found
    return places[encoded.indices.to_numpy()]


def _links_table(sources, kinds, targets, target_types, sentences, confidences) -> pa.Table:
    details = pa.nulls(len(sources), pa.string())
    return pa.table([sources, kinds, targets, target_types, sentences, confidences, details], schema=LINK_SCHEMA)


def end_rows(links: pa.Table, actor_ids: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The position in ``actor_ids`` of each link's source and of each link's target (-1: not there)."""
    actor_ids = _array(actor_ids)  # (a chunked value set is copied at each lookup)
    return tuple(pc.fill_null(pc.index_in(_array(links.column(end)), value_set=actor_ids), -1).to_numpy()
                 for end in ("source", "target"))


def known_ends(rows: tuple[np.ndarray, np.ndarray]) -> tuple[pa.Array, pa.Array]:
    """Whether each link's source, and each link's target, is a known actor, from their :func:`end_rows`."""
    return tuple(pa.array(end >= 0) for end in rows)


def _link_rows(path: str | Path, parsed: tuple[pa.Table, LineNumbers, list[RowError]],
               known: tuple[pa.Array, pa.Array], places: _Places) -> tuple[pa.Table, list[RowError], np.ndarray | None]:
    """The valid links of a parsed ``links.csv`` as a link table grouped by target type (as a fold reads
    them: a store writes each group without copying it), the rejected rows, and the parsed row of each
    link (None: the same rows, in order); ``known``: whether each source and each target is a known actor
    (:func:`known_ends`)."""
    table, lines, errors = parsed
    problems = _Problems(path, lines)
    source, target, kind = table.column("source"), table.column("target"), table.column("kind")
    problems.where(pc.invert(_member(kind, value_set=pa.array(list(taxonomy.LINK_KINDS)))),
                   "type de lien inconnu : {}", kind)
    problems.where(pc.invert(known[0]), "acteur source inconnu : {}", source)
    offers, located = pc.equal(kind, "OFFERS"), pc.equal(kind, "LOCATED_IN")
    problems.where(pc.and_(offers, pc.invert(_member(target, value_set=pa.array(list(taxonomy.SERVICES))))),
                   "service inconnu : {}", target)
    problems.where(pc.and_(located, _empty(target)), "territoire vide")
    to_actor = pc.invert(pc.or_(offers, located))
    problems.where(pc.and_(to_actor, pc.invert(known[1])),
                   "acteur cible inconnu : {}", target)
    confidence = _confidence(table.column("confidence"), problems)
    rows = None
    if problems.reasons:
        keep = problems.valid(table.num_rows)
        table, confidence = table.filter(keep), confidence.filter(keep)
        rows = np.flatnonzero(keep.to_numpy(zero_copy_only=False))
    kind, target = table.column("kind"), table.column("target")
    located = pc.equal(kind, "LOCATED_IN")
    if pc.any(located).as_py():
        target = pc.if_else(located, places.ids(pc.if_else(located, target, "")), target)
    target_type = pc.case_when(pc.make_struct(pc.equal(kind, "OFFERS"), located),
                               pa.scalar("service"), pa.scalar("territory"), pa.scalar("actor"))
    links = _links_table(table.column("source"), kind, target, target_type, _null_if_empty(table.column("note")),
                         confidence)  # (no note, no sentence: a store copies a million nulls faster than empty texts)
    order = partition_order(target_type, TARGET_TYPES)
    if order is not None:
        links, rows = links.take(pa.array(order)), order if rows is None else rows[order]
    return links, sorted(errors + problems.errors(), key=lambda e: e.line), rows


def _confidence(column: pa.Array, problems: _Problems) -> pa.Array:
    """Confidences in [0, 1] (decimal comma accepted, empty = 1); other values are rejected."""
    text = pc.replace_substring(column, ",", ".")
    well_formed = pc.match_substring_regex(text, r"^(\d+(\.\d*)?|\.\d+)$")
    problems.where(pc.and_(pc.invert(_empty(text)), pc.invert(well_formed)), "confiance illisible : {}", column)
    values = pc.cast(pc.if_else(well_formed, text, "1"), pa.float64())
    problems.where(pc.greater(values, 1.0), "confiance hors de [0, 1] : {}", column)
    return values


def import_id(*paths: str | Path | None) -> str:
    """The document id of an import: :func:`~maillage.graph.model.content_id` of its files' bytes
    (actors, links, territories) joined by a NUL byte, hashed file by file."""
    digest = hashlib.sha256()
    for i, path in enumerate(p for p in paths if p):
        if i:
            digest.update(b"\x00")
        digest.update(read_bytes(path))
    return digest.hexdigest()


def read_import(actors_path: str | Path, links_path: str | Path | None = None,
                territories_path: str | Path | None = None,
                strict: bool = False) -> tuple[ColumnarBatch, list[RowError]]:
    """The batch of one CSV import (document source ``"import"``) and the rows it rejected.

    With ``strict``, any rejected row raises :class:`InputError` and nothing is imported.
    """
    declared: list[Territory] = []
    errors: list[RowError] = []
    if territories_path:
        declared, errors = read_territories(territories_path)
    places = _Places(declared)
    with ThreadPoolExecutor(max_workers=1) as pool:  # links.csv is parsed while actors are checked
        parsing = pool.submit(parse_csv, links_path, "links") if links_path else None
        actors, actor_errors = _actor_rows(actors_path, places)
        errors += actor_errors
        links = [_located_in(actors)]
        if parsing is not None:
            parsed = parsing.result()
            known = known_ends(end_rows(parsed[0], actors.column("id")))
            link_table, link_errors, _ = _link_rows(links_path, parsed, known, places)
            links.append(link_table)
            errors += link_errors
    if strict and errors:
        raise InputError(f"{len(errors)} ligne(s) invalide(s), import annulé (mode strict) ; "
                         f"première : {errors[0]}")
    files = (("acteurs", actors_path), ("liens", links_path), ("territoires", territories_path))
    title = "Import CSV : " + ", ".join(f"{role} {Path(p).name}" for role, p in files if p)
    document = Document(id=import_id(actors_path, links_path, territories_path), path=str(Path(actors_path).resolve()),
                        title=title, ingested_at=now_iso(), source="import")
    territories = declared + [t for t in places.used.values() if t not in declared]
    return ColumnarBatch(document, actors, pa.concat_tables(links), territories), errors
