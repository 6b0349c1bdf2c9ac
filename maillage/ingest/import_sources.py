"""Structured imports as sources: each imported file is its own document in the store.

Definitions:

- A **source** is one imported file in one **role**: ``actors`` (the actors and
  their ``LOCATED_IN`` links from the ``territory`` column), ``links`` (the links
  file) or ``territories``. Its document id is the SHA-256 of the role name, a NUL
  byte and the file's bytes (:func:`source_id`); its path is the file's absolute
  path; its title names the role (:func:`source_title`).
- Importing a source whose id is stored changes nothing (« déjà présent »).
- A **new version** of a source is a file at the same path in the same role with
  other bytes: it replaces that source's facts only, in the same transaction, and
  the report says what it adds and removes (« +12 liens, −3 liens »). Other files,
  in whatever role, are never touched: a second links file adds to the first, and
  a links file keeps stating its links when a new actors file drops one of their
  ends (as a document does when another document naming the actor is removed).
- A source with **no valid row** is never written, so it never replaces anything.
- Links are checked against the actors of the actors file given with them and the
  actors already stored; ``LOCATED_IN`` and ``territory`` names against the
  territories file given with them and the territories already stored.

A legacy import (one document for the whole ``actors.csv + links.csv`` pair, as
written before sources) is taken as the ``actors`` source of its actors file, so
a new import of that file replaces it whole.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.columnar import ACTOR_SCHEMA, LINK_SCHEMA, ColumnarBatch, EndRows
from maillage.graph.curation import now_iso
from maillage.graph.folding import Places, stating_links, territory_list
from maillage.graph.model import Document, Territory
from maillage.graph.stores.base import GraphStore
from maillage.ingest import csv_import
from maillage.ingest.csv_import import RowError

#: Role -> its French name, as written in the source's title.
ROLES = {"territories": "territoires", "actors": "acteurs", "links": "liens"}
#: What a role's facts are called in a report: (singular, plural).
UNITS = {"territories": ("territoire", "territoires"), "actors": ("acteur", "acteurs"), "links": ("lien", "liens")}


def source_id(role: str, data: bytes) -> str:
    """The document id of a source: SHA-256 of the role, a NUL byte and the file's bytes."""
    digest = hashlib.sha256(role.encode() + b"\x00")
    digest.update(data)  # (not concatenated: a copy of the whole file)
    return digest.hexdigest()


def source_title(role: str, path: str | Path) -> str:
    return f"Import {ROLES[role]} : {Path(path).name}"


def source_role(document: Document) -> str | None:
    """The role of a stored import document (a legacy pair import counts as ``actors``); None for a text."""
    if document.source != "import":
        return None
    for role, french in ROLES.items():
        if document.title.startswith(f"Import {french} : "):
            return role
    return "actors"


def _unit(role: str, count: int) -> str:
    one, many = UNITS[role]
    return one if count == 1 else many


@dataclass
class SourceReport:
    """What importing one file did."""

    role: str
    path: str
    status: str  # "enregistré", "déjà présent", "vide"
    rows: int = 0  # valid rows (actors, links or territories)
    located: int = 0  # LOCATED_IN links from the territory column (actors role)
    places: frozenset = frozenset()  # ids of the territories the source states
    added: int = 0
    removed: int = 0
    replaced: bool = False

    def line(self) -> str:
        """One French line for the summary."""
        name = Path(self.path).name
        if self.status == "déjà présent":
            return f"  {name} ({ROLES[self.role]}) : déjà présent, rien à faire."
        if self.status == "vide":
            return f"  {name} ({ROLES[self.role]}) : aucune ligne valide, rien n'est importé ni remplacé."
        change = f"+{self.added} {_unit(self.role, self.added)}, −{self.removed} {_unit(self.role, self.removed)}"
        state = "nouvelle version, remplace la précédente" if self.replaced else "nouvelle source"
        return f"  {name} ({ROLES[self.role]}) : enregistré, {change} ({state})."


@dataclass
class ImportReport:
    """What an import did: one report per file, and the rejected rows."""

    sources: list[SourceReport] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every row of every file was imported (or already was)."""
        return not self.errors and all(s.status != "vide" for s in self.sources)


@dataclass
class _Source:
    role: str
    path: str
    batch: ColumnarBatch
    rows: int
    located: int = 0


def import_sources(store: GraphStore, actors: str | Path, links: str | Path | None = None,
                   territories: str | Path | None = None, strict: bool = False,
                   written=None) -> ImportReport:
    """Import these files into ``store``, each as its own source (see the module docstring).

    With ``strict``, any rejected row raises :class:`InputError` and nothing is written.
    ``written(SourceReport)`` is called after each source is durably stored.
    """
    files = [(role, path) for role, path in (("territories", territories), ("actors", actors), ("links", links))
             if path]
    with ThreadPoolExecutor(max_workers=len(files)) as hashing:  # (files read and hashed without the GIL)
        ids = dict(zip((role for role, _ in files), hashing.map(
            lambda file: source_id(file[0], csv_import.read_bytes(file[1])), files)))
    stored = store.documents()
    stored_ids = {d.id for d in stored}
    todo = {role for role in ids if ids[role] not in stored_ids}
    report = ImportReport()
    ids = {role: ids[role] for role in todo}
    errors: list[RowError] = []
    new_files = {str(path) for role, path in files if role in todo}
    with ThreadPoolExecutor(max_workers=1) as pool:
        # a first import into an empty base, not strict: the links' rows are checked while the actors are written
        # (not when erasure records may drop some of those actors by name: their links' ends are then looked up)
        ahead = not strict and not stored and not store.erasures()
        sources = _read_sources(store, stored, dict(files), ids, errors, pool, ahead) if todo else {}
        rejected = [e for e in errors if e.path in new_files] if strict else []  # (a stored file's: reported)
        if rejected:
            raise InputError(f"{len(rejected)} ligne(s) invalide(s), import annulé (mode strict) ; "
                             f"première : {rejected[0]}")
        for role, path in files:
            if role not in todo:
                report.sources.append(SourceReport(role, str(path), "déjà présent"))
                continue
            outcome = _write_source(store, stored, _ready(sources.pop(role)))  # its rows freed once written
            report.sources.append(outcome)
            if written is not None and outcome.status == "enregistré":
                written(outcome)
        for source in sources.values():
            _ready(source)  # the rows of a links file already stored are checked all the same
    report.errors = [e for e in errors if e.path in new_files]
    return report


def _read_sources(store: GraphStore, stored: list[Document], paths: dict, ids: dict[str, str],
                  errors: list[RowError], pool: ThreadPoolExecutor, ahead: bool) -> dict:
    """Parse and check the files: role -> its :class:`_Source` (None: not to be written). ``ids``: role -> source
    id of the roles to write. The links file is read and parsed on ``pool`` while the actors are checked; with
    ``ahead`` (an empty store: no end to look up in it), its parsing need not be over, its rows are checked
    there too, and its role maps to a future (:func:`_ready`) that adds its rejected rows to ``errors``. A file
    that cannot be read (:func:`~maillage.ingest.csv_import.checked_text`) raises before."""
    declared: list[Territory] = []
    if "territories" in paths:
        declared, territory_errors = csv_import.read_territories(paths["territories"])
        errors += territory_errors
    elif any(source_role(d) == "territories" for d in stored):
        declared = territory_list(Places.read(store).territories)  # not store.read(): every fact of the base
    places = csv_import._Places(declared)
    sources: dict = {}
    if "territories" in paths:
        batch = _batch(ids.get("territories", ""), "territories", paths["territories"], ACTOR_SCHEMA.empty_table(),
                       LINK_SCHEMA.empty_table(), declared)
        sources["territories"] = _Source("territories", paths["territories"], batch, len(declared))
    if "links" in paths:
        checking = pool.submit(csv_import.checked_text, paths["links"], "links")
        parsing = pool.submit(lambda: csv_import.parse_text(checking.result()))  # (one worker: in this order)
    actors, actor_errors = csv_import._actor_rows(paths["actors"], places)
    errors += actor_errors
    located = csv_import._located_in(actors)
    hint = not stored  # a first import: its fold is of these actors, in this order (see EndRows)
    batch = _batch(ids.get("actors", ""), "actors", paths["actors"], actors, located, list(places.used.values()),
                   ends_stored=True,  # (its links leave its actors)
                   end_rows=csv_import.located_end_rows(actors) if hint else None)
    sources["actors"] = _Source("actors", paths["actors"], batch, actors.num_rows, located.num_rows)
    if "links" in paths:
        checking.result()  # a links file that cannot be read stops the import before anything is written
        check = (paths["links"], ids.get("links"), actors.column("id"), places, errors, hint)
        sources["links"] = (pool.submit(lambda: _link_source(None, parsing.result(), *check)) if ahead
                            else _link_source(store, parsing.result(), *check))
    return {role: source for role, source in sources.items() if role in ids or role == "links"}


def _link_source(store: GraphStore | None, parsed, path, document_id: str | None, given: pa.Array,
                 places: csv_import._Places, errors: list[RowError], hint: bool = False) -> _Source | None:
    """Check a parsed links file (its ends: ``given`` actor ids, or stored ones when ``store`` is given); add
    its rejected rows to ``errors``; its source when it is to be written (``document_id``), with the
    :class:`~maillage.graph.columnar.EndRows` its fold can use when ``hint``."""
    known, ends = _known_ends(store, given, parsed[0])
    link_table, link_errors, rows = csv_import._link_rows(path, parsed, known, places)
    errors += link_errors
    if document_id is None:
        return None
    located = link_table.filter(pc.equal(link_table.column("target_type"), "territory"))
    targets = set(pc.unique(located.column("target")).to_pylist())
    used = [t for t in places.used.values() if t.id in targets]
    end_rows = csv_import.placed_end_rows(link_table, EndRows(given, *ends).take(rows)) if hint else None
    batch = _batch(document_id, "links", path, ACTOR_SCHEMA.empty_table(), link_table, used,
                   ends_stored=store is None,  # an empty base: every end is of the actors file, written before
                   end_rows=end_rows and stating_links(end_rows, link_table))
    return _Source("links", path, batch, link_table.num_rows)


def _ready(source: _Source | Future | None) -> _Source | None:
    """A source, once its check (run ahead on another thread) is over."""
    return source.result() if isinstance(source, Future) else source


def _known_ends(store: GraphStore | None, given: pa.Array, links: pa.Table) -> tuple[tuple, tuple]:
    """Whether each link's source and target is an actor a links file may name: one of the actors file, or a
    stored one (asked for only the ends the actors file lacks; none when ``store`` is None: an empty store);
    and where each is among the actors file's ids (:func:`~maillage.ingest.csv_import.end_rows`)."""
    rows = csv_import.end_rows(links, given)
    known = csv_import.known_ends(rows)
    if store is None or all(pc.all(mask).as_py() for mask in known):
        return known, rows
    ends = [csv_import._array(links.column(c)) for c in ("source", "target")]
    unknown = [end.filter(pc.invert(mask)) for end, mask in zip(ends, known)]
    stored = store.known_actors(pc.unique(pa.concat_arrays(unknown)))
    return tuple(pc.or_(mask, csv_import._member(end, value_set=stored)) for end, mask in zip(ends, known)), rows


def _batch(document_id: str, role: str, path: str | Path, actors: pa.Table, links: pa.Table,
           territories: list[Territory], ends_stored: bool = False, end_rows: EndRows | None = None) -> ColumnarBatch:
    document = Document(id=document_id, path=str(Path(path).resolve()), title=source_title(role, path),
                        ingested_at=now_iso(), source="import")
    return ColumnarBatch(document, actors, links, territories, ends_stored=ends_stored, end_rows=end_rows)


def _write_source(store: GraphStore, stored: list[Document], source: _Source) -> SourceReport:
    """Write one source (unless it has no valid row), replacing its previous version; what it changed."""
    outcome = SourceReport(source.role, source.path, "vide", source.rows, source.located,
                           frozenset(t.id for t in source.batch.territories))
    if not source.rows:
        return outcome
    document = source.batch.document
    previous = [d.id for d in stored if source_role(d) == source.role and d.path == document.path]
    before = _facts(store, previous[-1], source.role) if previous else None
    store.write(source.batch, replaces=previous[-1] if previous else None)
    outcome.status, outcome.replaced = "enregistré", bool(previous)
    if before is None:  # a new source adds every row it holds
        outcome.added = source.rows
    else:
        after = _batch_facts(source.batch, source.role)
        outcome.added, outcome.removed = len(after - before), len(before - after)
    return outcome


def _facts(store: GraphStore, document_id: str, role: str) -> set:
    """What a role's diff counts, in a stored source: actor ids, link keys or territory ids."""
    return store.document_keys(document_id)[ROLE_INDEX[role]]


def _batch_facts(batch: ColumnarBatch, role: str) -> set:
    """What a role's diff counts, in a batch about to be written."""
    table = batch.link_table
    keys = (set(batch.actor_table.column("id").to_pylist()),
            set(zip(table.column("source").to_pylist(), table.column("kind").to_pylist(),
                    table.column("target").to_pylist())),
            {t.id for t in batch.territories})
    return keys[ROLE_INDEX[role]]


#: Position of each role's facts in :meth:`~maillage.graph.stores.base.GraphStore.document_keys`.
ROLE_INDEX = {"actors": 0, "links": 1, "territories": 2}
