"""The folded, curated graph as Arrow tables, kept on disk beside the store and keyed by its version.

Every read command used to read every fact of every document, fold them
(:func:`maillage.graph.facts.merge_batches`), apply the decisions and only then
count or scope. :class:`FoldedGraph` is the result of that work in columnar form:

- ``actors``: one row per curated actor (:data:`maillage.graph.columnar.ACTOR_SCHEMA`), in graph order;
- ``links``: one row per curated link: ``source``, ``kind``, ``target``, ``target_type``;
- ``evidence``: one row per piece of evidence: ``link`` (row of ``links``), ``document``, ``method``,
  ``confidence`` (sentences stay in the store: no analysis and no count needs them);
- ``territories``, ``programmes``, ``documents``: their records, one row each.

:func:`load_or_fold` returns it for a store: from the snapshot folder
``<base>.replie/<version>-<file id>/`` (Arrow IPC files, memory-mapped: a few
milliseconds for a million links) when it matches the store's version counter,
which every write, removal and decision bumps; otherwise it folds the store
once and writes the snapshot (atomically: a folder renamed into place) for the
next commands. A base that cannot be written beside (read-only folder) or a
Neo4j server simply keeps the folded graph in memory for the process.

Counts (:meth:`FoldedGraph.stats`) are computed on these columns and equal
:func:`maillage.graph.stats.compute_stats` of the curated graph; scoping and
the projection of big scopes work on them too (:mod:`maillage.graph.array_scope`).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.columnar import ACTOR_SCHEMA, actors_from_table, actors_table
from maillage.graph.curation import apply_decisions
from maillage.graph.facts import merge_actor_facts
from maillage.graph.model import Actor, Document, Graph, Link, Programme, Territory
from maillage.graph.stats import DocumentCount, GraphStats
from maillage.graph.stores.cypher import StoredTables, document_record, programme_records, territory_records

LINK_COLUMNS = pa.schema([("source", pa.string()), ("kind", pa.string()), ("target", pa.string()),
                          ("target_type", pa.string())])
EVIDENCE_COLUMNS = pa.schema([("link", pa.int64()), ("document", pa.string()), ("method", pa.string()),
                              ("confidence", pa.float64())])
TABLES = ("actors", "links", "evidence", "territories", "programmes", "documents")
#: Suffix of the snapshot folder beside a LadybugDB file.
SNAPSHOT_SUFFIX = ".replie"


def _records(items, record_type) -> pa.Table:
    """Dataclass records as a table (its columns follow the dataclass, so new fields come along)."""
    rows = [asdict(item) for item in items]
    if rows:
        return pa.Table.from_pylist(rows)
    return pa.table({f.name: pa.array([], pa.string()) for f in fields(record_type)})


@dataclass
class FoldedGraph:
    """The curated graph in columns (see the module docstring)."""

    actors: pa.Table
    links: pa.Table
    evidence: pa.Table
    territories: pa.Table
    programmes: pa.Table
    documents: pa.Table
    ends: pa.Table | None = None  # actor rows of each link's source and target (:meth:`link_ends`)

    def link_ends(self) -> pa.Table:
        """``source`` and ``target``: the row in :attr:`actors` of each link's source and actor target
        (-1: not an actor). Computed once, kept in the snapshot: looking five million ids up took 4 s."""
        if self.ends is None:
            ids = self.actors.column("id")
            source = rows_of(self.links.column("source"), ids)
            target = np.where(pc.equal(self.links.column("target_type"), "actor").to_numpy(zero_copy_only=False),
                              rows_of(self.links.column("target"), ids), -1)
            self.ends = pa.table({"source": source, "target": target})
        return self.ends

    # -- building -----------------------------------------------------------------------
    @classmethod
    def from_graph(cls, graph: Graph) -> "FoldedGraph":
        """The columns of a (curated) graph."""
        links: dict[str, list] = {name: [] for name in LINK_COLUMNS.names}
        evidence: dict[str, list] = {name: [] for name in EVIDENCE_COLUMNS.names}
        for row, link in enumerate(graph.links.values()):
            links["source"].append(link.source)
            links["kind"].append(link.kind)
            links["target"].append(link.target)
            links["target_type"].append(link.target_type)
            for piece in link.evidence:
                evidence["link"].append(row)
                evidence["document"].append(piece.document)
                evidence["method"].append(piece.method)
                evidence["confidence"].append(piece.confidence)
        return cls(actors_table(graph.actors.values()),
                   pa.table(links, schema=LINK_COLUMNS), pa.table(evidence, schema=EVIDENCE_COLUMNS),
                   _records(graph.territories.values(), Territory), _records(graph.programmes.values(), Programme),
                   _records(graph.documents.values(), Document))

    # -- records --------------------------------------------------------------------------
    def territory_records(self) -> list[Territory]:
        return [Territory(**{k: v for k, v in row.items() if v is not None}) for row in self.territories.to_pylist()]

    def programme_records(self) -> list[Programme]:
        return [Programme(**row) for row in self.programmes.to_pylist()]

    def actor_records(self, rows: np.ndarray) -> list[Actor]:
        """The actors at these rows of :attr:`actors`."""
        return actors_from_table(self.actors.take(pa.array(rows, pa.int64())))

    def bare_links(self, mask: np.ndarray) -> list[Link]:
        """The links at ``mask`` of :attr:`links`, without evidence."""
        chosen = self.links.filter(pa.array(mask))
        return [Link(s, k, t, [], tt) for s, k, t, tt in zip(*(chosen.column(c).to_pylist() for c in LINK_COLUMNS.names))]

    # -- counts ---------------------------------------------------------------------------
    def stats(self) -> GraphStats:
        """The counts of :mod:`maillage.graph.stats`, on the columns."""
        kinds = self.actors.column("kinds")
        primary = pc.list_element(kinds.filter(pc.greater(pc.list_value_length(kinds), 0)), 0)
        titles = {row["id"]: row.get("title") or row.get("path") for row in
                  self.documents.select([c for c in ("id", "title", "path") if c in self.documents.column_names])
                  .to_pylist()}
        per_document = {d: DocumentCount(d, title) for d, title in titles.items()}
        for document, links, evidence in _per_document(self.evidence):
            count = per_document.setdefault(document, DocumentCount(document, document))
            count.links, count.evidence = links, evidence
        return GraphStats(
            actors=self.actors.num_rows, links=self.links.num_rows, documents=self.documents.num_rows,
            territories=self.territories.num_rows, programmes=self.programmes.num_rows,
            by_kind=_ranked(primary), by_role=_ranked(pc.list_flatten(self.actors.column("roles"))),
            by_link_kind=_ranked(self.links.column("kind")), by_method=_ranked(self.evidence.column("method")),
            by_document=sorted(per_document.values(), key=lambda d: (-d.links, d.title, d.id)))

    # -- snapshot files -------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        self.link_ends()
        for name in (*TABLES, "ends"):
            table = getattr(self, name)
            with pa.OSFile(str(folder / f"{name}.arrow"), "wb") as sink, pa.ipc.new_file(sink, table.schema) as out:
                out.write_table(table)

    @classmethod
    def load(cls, folder: Path) -> "FoldedGraph":
        tables = {}
        for name in (*TABLES, "ends"):
            if (folder / f"{name}.arrow").exists():
                with pa.memory_map(str(folder / f"{name}.arrow")) as source:
                    tables[name] = pa.ipc.open_file(source).read_all()
        return cls(**tables)


# -- folding the stored tables ----------------------------------------------------------------
def fold_stored(tables: StoredTables) -> FoldedGraph:
    """The raw graph of :func:`maillage.graph.facts.merge_batches`, folded on the stored tables.

    An actor stated by one document is its fact row as it is; the few stated by several go through
    :func:`~maillage.graph.facts.merge_actor_facts`; actors come in order of first statement. A link is
    one (source, kind, target), in order of first evidence (by document, then ``rank``, its place in the
    store: the order does not depend on the engine's scan order), its target type that of its first row; its
    evidence rows keep their document, method (``detail``, ``"import"`` when absent) and confidence.
    """
    nums = tables.documents.column("num")
    facts = tables.facts.filter(pc.is_in(tables.facts.column("doc"), value_set=nums.combine_chunks()))
    links = tables.links.filter(pc.is_in(tables.links.column("doc"), value_set=nums.combine_chunks()))
    links = links.take(pc.sort_indices(links, sort_keys=[("doc", "ascending"), ("rank", "ascending")]))
    documents = [document_record(row) for row in tables.documents.to_pylist()]
    territories: dict[str, Territory] = {}
    for territory in territory_records(_ordered(tables.territories)):
        territories.setdefault(territory.id, territory)
    programmes: dict[str, Programme] = {}
    for programme in programme_records(_ordered(tables.programmes)):
        programmes.setdefault(programme.id, programme)
    link_table, evidence = _fold_links(links, {d["num"]: d["id"] for d in tables.documents.to_pylist()})
    return FoldedGraph(_fold_actors(facts), link_table, evidence,
                       _records(territories.values(), Territory), _records(programmes.values(), Programme),
                       _records(documents, Document))


def _ordered(table: pa.Table) -> list[dict]:
    """Rows in document order, without ``doc``."""
    return table.take(pc.sort_indices(table, sort_keys=[("doc", "ascending")])).drop_columns(["doc"]).to_pylist()


def _codes(column) -> tuple[np.ndarray, int]:
    """Integer codes of a column's values (equal values, equal codes) and how many distinct values."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary)


def _first_rows(codes: np.ndarray, distinct: int) -> tuple[np.ndarray, np.ndarray]:
    """For each code: the row where it first appears, and how many rows have it."""
    first = np.full(distinct, len(codes), np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return first, np.bincount(codes, minlength=distinct)


def _fold_actors(facts: pa.Table) -> pa.Table:
    codes, distinct = _codes(facts.column("id"))
    first, counts = _first_rows(codes, distinct)
    alone = first[counts == 1]
    stated = np.isin(codes, np.flatnonzero(counts > 1))
    grouped: dict[str, list[Actor]] = {}
    for actor in actors_from_table(facts.filter(pa.array(stated)).select(ACTOR_SCHEMA.names)):
        grouped.setdefault(actor.id, []).append(actor)
    merged = actors_table(merge_actor_facts(group) for group in grouped.values())
    table = pa.concat_tables([_normalised(facts.take(pa.array(alone)).select(ACTOR_SCHEMA.names)), merged])
    order = np.argsort(np.concatenate([alone, first[counts > 1]]), kind="stable")
    return table.take(pa.array(order))


def _normalised(facts: pa.Table) -> pa.Table:
    """Fact rows as :func:`actors_table` writes an actor: empty lists rather than nulls, no empty text."""
    columns = []
    for field in ACTOR_SCHEMA:
        column = facts.column(field.name).cast(field.type)
        if pa.types.is_list(field.type):
            column = pc.fill_null(column, pa.scalar([], field.type))
        elif field.name not in ("id", "name"):
            column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
        columns.append(column)
    return pa.table(columns, schema=ACTOR_SCHEMA)


def _fold_links(links: pa.Table, document_ids: dict[int, str]) -> tuple[pa.Table, pa.Table]:
    sources, n_sources = _codes(links.column("source"))
    kinds, n_kinds = _codes(links.column("kind"))
    targets, n_targets = _codes(links.column("target"))
    key = (sources * n_kinds + kinds) * n_targets + targets
    key_codes, distinct = _codes(pa.array(key))
    first, _counts = _first_rows(key_codes, distinct)
    order = np.argsort(first, kind="stable")  # links in order of first evidence
    rank = np.empty(distinct, np.int64)
    rank[order] = np.arange(distinct)
    link_table = links.take(pa.array(first[order])).select(LINK_COLUMNS.names).cast(LINK_COLUMNS)
    stated = pc.is_valid(links.column("confidence")).to_numpy(zero_copy_only=False)
    pieces = links.filter(pa.array(stated))
    details = pieces.column("detail").to_pylist()
    methods = [json.loads(d).get("method", "import") if d else "import" for d in details]
    numbers = pc.dictionary_encode(pieces.column("doc").combine_chunks())
    names = pa.array([document_ids[n] for n in numbers.dictionary.to_pylist()], pa.string())
    evidence = pa.table({"link": rank[key_codes[stated]], "document": pc.take(names, numbers.indices),
                         "method": pa.array(methods, pa.string()),
                         "confidence": pieces.column("confidence")}, schema=EVIDENCE_COLUMNS)
    return link_table, evidence


def _per_document(evidence: pa.Table) -> list[tuple[str, int, int]]:
    """For each document giving evidence: (document, distinct links, pieces of evidence)."""
    encoded = pc.dictionary_encode(evidence.column("document")).combine_chunks()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    names = encoded.dictionary.to_pylist()
    links = evidence.column("link").to_numpy()
    width = int(links.max(initial=0)) + 1
    pairs = np.sort(codes * width + links)  # sorted, not np.unique: 30 times faster here
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    distinct = np.bincount(pairs // width, minlength=len(names))
    pieces = np.bincount(codes, minlength=len(names))
    return [(name, int(distinct[i]), int(pieces[i])) for i, name in enumerate(names)]


def rows_of(column, ids) -> np.ndarray:
    """The row of each value of ``column`` in the id column ``ids`` (-1 when absent)."""
    rows = pc.index_in(column, value_set=ids)
    return pc.fill_null(rows, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def _counts(values) -> dict[str, int]:
    counted = pc.value_counts(values)
    return dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist()))


def _ranked(values) -> dict[str, int]:
    """Counts from the largest, ties by code (as :func:`maillage.graph.stats._ranked`)."""
    return dict(sorted(_counts(values).items(), key=lambda item: (-item[1], item[0])))


# -- the snapshot of a store ------------------------------------------------------------------
def snapshot_key(store) -> tuple[Path | None, str]:
    """Where a store's snapshots live (None: nowhere on disk) and the key of its current state.

    The key is the store's version counter and, for a file, its inode: a base deleted and created
    anew at the same path restarts its counter but is another file.
    """
    version = store.version()
    path = getattr(store, "path", None)
    if path is None or not Path(path).exists():
        return None, str(version)
    return Path(path + SNAPSHOT_SUFFIX), f"{version}-{os.stat(path).st_ino}"


def fold_store(store) -> FoldedGraph:
    """The curated graph of a store in columns: folded on its tables (:func:`fold_stored`) when it holds
    no decision, else through the objects of :func:`~maillage.graph.curation.apply_decisions`."""
    decisions = store.decisions()
    if decisions:
        return FoldedGraph.from_graph(apply_decisions(store.read(), decisions))
    return fold_stored(store.stored_tables())


def load_or_fold(store) -> FoldedGraph:
    """The folded graph of ``store``: its snapshot when current, else :func:`fold_store`, saved as the
    new snapshot when the folder can be written."""
    home, key = snapshot_key(store)
    if home is not None and (home / key / "done").exists():
        return FoldedGraph.load(home / key)
    folded = fold_store(store)
    if home is not None:
        _save_snapshot(folded, home, key)
    return folded


def after_writes(store, opened_version: int) -> None:
    """Called by a read-write store when it closes: if it changed since it was opened (at
    ``opened_version``), fold it and write the snapshot of its new version, so that reads find it
    ready; older snapshots are deleted (an erased name must not linger in one).

    It runs inside ``close()``, often in a ``finally`` block: a failure here must not hide the error
    being raised, so it only leaves the stale snapshots deleted and the folding to the next reader.
    """
    try:
        if store.version() != opened_version:
            load_or_fold(store)
    except Exception:  # noqa: BLE001 (see the docstring)
        discard_stale(store)


def discard_stale(store) -> None:
    """Delete the snapshots of ``store`` that are not of its current state."""
    try:
        home, key = snapshot_key(store)
    except RuntimeError:  # a store that failed: nothing tells which snapshot is current
        return
    if home is not None and home.is_dir():
        for old in home.iterdir():
            if old.name != key:
                shutil.rmtree(old, ignore_errors=True)


def _save_snapshot(folded: FoldedGraph, home: Path, key: str) -> None:
    """Write the snapshot in a temporary folder renamed into place, then drop the older ones."""
    try:
        home.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".ecriture-", dir=home))
        folded.save(work)
        (work / "done").write_text(json.dumps({"key": key}))
        try:
            work.rename(home / key)
        except OSError:  # another process wrote the same snapshot first
            shutil.rmtree(work, ignore_errors=True)
        for old in home.iterdir():
            if old.name != key and not old.name.startswith(".ecriture-"):
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return  # a folder we may not write: the folded graph stays in memory
