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

**How the snapshot follows the writes.** The snapshot also holds the raw fold's statements
(:class:`~maillage.graph.folding.FoldState`: which document states which actor and link, where) and, when
the base holds decisions, the raw graph itself. The writer, when it closes after changing the base
(:func:`after_writes`), updates the last snapshot of the same file instead of folding every fact again:

1. documents: those of the snapshot no longer stored (removed, or replaced by a new version) are folded
   out, then the new ones (numbered above every remaining one) folded in, reading only their rows
   (:mod:`maillage.graph.folding`): a CSV import or an ingested document costs what it writes, plus the
   actors it states again, merged anew from their stored facts. The writer hands over the rows it wrote
   (:class:`~maillage.graph.folding.WrittenRows`): the new documents' rows are folded from memory, not
   read back from the file (a full fold after a first import too);
2. decisions: the curated graph is the raw one with the actors the decisions name and their links
   replaced by what the decisions make of them (:mod:`maillage.graph.curated_columns`); no decision,
   no change;
3. territories, programmes and the document list are read again whole (a few rows).

The full fold (:func:`fold_store`: every document folded in, from nothing) remains the rule when there is
no snapshot of the same file to start from, when documents' facts were rewritten in place (an erasure,
which the store notes in ``rewritten``, see :func:`after_writes`), or when the stored documents do not
follow the snapshot's (a new document numbered below a remaining one). Both give the same tables
(``tests/store/test_snapshot_updates.py``).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.columnar import actors_from_table, actors_table
from maillage.graph.curated_columns import curate
from maillage.graph.folding import (EVIDENCE_COLUMNS, LINK_COLUMNS, FoldState, Places, WrittenRows, records_table,
                                    rows_of, territory_list)
from maillage.graph.model import Actor, Document, Graph, Link, Programme, Territory
from maillage.graph.stats import DocumentCount, GraphStats
from maillage.graph.stores.cypher import document_record

TABLES = ("actors", "links", "evidence", "territories", "programmes", "documents")
#: Files of the raw fold's statements (:class:`~maillage.graph.folding.FoldState`), and of its raw graph
#: when decisions make the curated one differ.
STATE_TABLES = ("actor_docs", "link_docs", "doc_nums")
RAW_TABLES = ("actors", "links", "evidence", "ends")
#: Suffix of the snapshot folder beside a LadybugDB file.
SNAPSHOT_SUFFIX = ".replie"


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
                   records_table(graph.territories.values(), Territory),
                   records_table(graph.programmes.values(), Programme),
                   records_table(graph.documents.values(), Document))

    # -- records --------------------------------------------------------------------------
    def territory_records(self) -> list[Territory]:
        return territory_list(self.territories)

    def programme_records(self) -> list[Programme]:
        return [Programme(**row) for row in self.programmes.to_pylist()]

    def actor_records(self, rows: np.ndarray) -> list[Actor]:
        """The actors at these rows of :attr:`actors`."""
        return actors_from_table(self.actors.take(pa.array(rows, pa.int64())))

    def bare_links(self, mask: np.ndarray) -> list[Link]:
        """The links at ``mask`` of :attr:`links`, without evidence."""
        chosen = self.links.filter(pa.array(mask))
        columns = (chosen.column(c).to_pylist() for c in LINK_COLUMNS.names)
        return [Link(s, k, t, [], tt) for s, k, t, tt in zip(*columns)]

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
    def files(self) -> dict[str, pa.Table]:
        """The snapshot's files of this graph: file name -> table."""
        self.link_ends()
        return {f"{name}.arrow": getattr(self, name) for name in (*TABLES, "ends")}

    @classmethod
    def load(cls, folder: Path) -> "FoldedGraph":
        return cls(**{name: _read(folder / f"{name}.arrow") for name in (*TABLES, "ends")
                      if (folder / f"{name}.arrow").exists()})


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


def _folded(state: FoldState, places: Places, decisions, store) -> tuple[FoldedGraph, FoldState]:
    """The folded graph of a raw state, and its curated tables."""
    curated = curate(state, places, decisions, store)
    folded = FoldedGraph(curated.actors, curated.links, curated.evidence, places.territories, places.programmes,
                         records_table([document_record(row) for row in places.documents.to_pylist()], Document),
                         curated.ends)
    return folded, curated


def fold_store(store, written: WrittenRows | None = None) -> tuple[FoldedGraph, FoldState]:
    """The curated graph of a store in columns, folded from nothing (every document folded in), and the raw
    state it came from; ``written``: the rows this process wrote (:meth:`FoldState.append`)."""
    places = Places.read(store)
    state = FoldState.empty()
    state.append(store, places, places.documents.column("num").combine_chunks(), written)
    return _folded(state, places, store.decisions(), store)[0], state


def load_or_fold(store, written: WrittenRows | None = None) -> FoldedGraph:
    """The folded graph of ``store``: its snapshot when current, else :func:`fold_store`, saved as the
    new snapshot when the folder can be written."""
    home, key = snapshot_key(store)
    if home is not None and (home / key / "done").exists():
        return FoldedGraph.load(home / key)
    folded, state = fold_store(store, written)
    if home is not None:
        _save_snapshot(folded, state, home, key)
    return folded


def update_snapshot(store, rewritten: bool = False, written: WrittenRows | None = None) -> FoldedGraph:
    """The folded graph of ``store``, from the last snapshot of the same file and what changed since (see
    the module docstring), saved as its snapshot; a full fold when no snapshot can be followed or facts
    were ``rewritten`` in place. ``written``: the rows this process wrote, folded from memory when they
    are all the new documents' (:meth:`FoldState.append`)."""
    home, key = snapshot_key(store)
    if home is None or (home / key / "done").exists():
        return load_or_fold(store, written)
    state = None if rewritten else _last_state(home, key)
    places = Places.read(store)
    if state is None or not _follow(state, store, places, written):
        return load_or_fold(store, written)
    folded, _curated = _folded(state, places, store.decisions(), store)
    _save_snapshot(folded, state, home, key)
    return folded


def _follow(state: FoldState, store, places: Places, written: WrittenRows | None) -> bool:
    """Bring the raw ``state`` to the store's documents; False (state unusable) when they do not follow it."""
    stored = places.nums()
    pairs = lambda table: set(zip(table.column("id").to_pylist(), table.column("num").to_pylist()))  # noqa: E731
    before, now = pairs(state.doc_nums), pairs(stored)
    gone, new = before - now, now - before
    kept = [num for _id, num in before & now]
    if new and kept and min(num for _id, num in new) <= max(kept):
        return False
    state.remove(store, places, pa.table({"id": [i for i, _n in gone], "num": [n for _i, n in gone]},
                                         schema=state.doc_nums.schema))
    state.append(store, places, pa.array(sorted(num for _id, num in new), pa.int64()), written)
    return True


def _last_state(home: Path, key: str) -> FoldState | None:
    """The raw state saved in the last complete snapshot of the same file (same inode), if any."""
    inode = key.split("-", 1)[1]
    if not home.is_dir():
        return None
    found = [folder for folder in home.iterdir() if folder.name.endswith(f"-{inode}")
             and (folder / "done").exists() and (folder / "doc_nums.arrow").exists()]
    if not found:
        return None
    folder = max(found, key=lambda f: int(f.name.split("-", 1)[0]))
    tables = {name: _read(folder / f"{name}.arrow") for name in STATE_TABLES}
    for name in RAW_TABLES:
        raw = folder / f"raw_{name}.arrow"
        tables[name] = _read(raw if raw.exists() else folder / f"{name}.arrow")
    return FoldState(**{name: table.combine_chunks() for name, table in tables.items()})


def _read(file: Path) -> pa.Table:
    with pa.memory_map(str(file)) as source:
        return pa.ipc.open_file(source).read_all()


def after_writes(path: str, open_reader, rewritten: bool, written: WrittenRows | None = None) -> None:
    """Called by a read-write store once it closed the base at ``path`` after changing it: bring the
    snapshot to the new version (:func:`update_snapshot`, on the reader ``open_reader()`` opens), so that
    reads find it ready; older snapshots are deleted (an erased name must not linger in one).
    ``rewritten``: facts were rewritten in place (the snapshot is folded again); ``written``: the rows the
    writer stored, folded from memory rather than read back.

    It runs inside ``close()``, often in a ``finally`` block: a failure here must not hide the error
    being raised, so it only deletes the stale snapshots and leaves the folding to the next reader.
    """
    pa.default_memory_pool().release_unused()  # what the writes held goes back before the fold
    try:
        reader = open_reader()
    except Exception:  # noqa: BLE001 (see the docstring)
        shutil.rmtree(path + SNAPSHOT_SUFFIX, ignore_errors=True)
        return
    try:
        update_snapshot(reader, rewritten, None if rewritten else written)
    except Exception:  # noqa: BLE001 (see the docstring)
        discard_stale(reader)
    finally:
        reader.close()


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


def _save_snapshot(folded: FoldedGraph, state: FoldState, home: Path, key: str) -> None:
    """Write the snapshot (and the raw state, see the module docstring) in a temporary folder renamed into
    place, then drop the older ones."""
    try:
        home.mkdir(exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".ecriture-", dir=home))
        files = {**folded.files(), **{f"{name}.arrow": getattr(state, name) for name in STATE_TABLES}}
        if folded.actors is not state.actors or folded.links is not state.links:  # decisions: keep the raw graph
            files.update({f"raw_{name}.arrow": getattr(state, name) for name in RAW_TABLES})
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # (Arrow writes without the GIL)
            list(pool.map(lambda item: _write(item[1], work / item[0]), files.items()))
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


def _write(table: pa.Table, file: Path) -> None:
    with pa.OSFile(str(file), "wb") as sink, pa.ipc.new_file(sink, table.schema) as out:
        out.write_table(table)
