"""Columnar form of a batch: the actor facts and links of one document as Arrow tables.

Stores write and read these tables in bulk (a CSV import of a million links
never becomes a million Python objects on its way in), and
:class:`ColumnarBatch` lets an importer hand such tables over while keeping the
ordinary :class:`~maillage.graph.model.Batch` interface: its ``actors`` and
``links`` are built from the tables on first access.

Encoding of the link table: one row per piece of evidence; a link without
evidence is one row whose ``confidence`` is null. Besides the sentence and the
confidence, the evidence fields that differ from the
:class:`~maillage.graph.model.Evidence` defaults (``method`` ``"import"``,
``cue`` ``""``, span ``0``-``0``, no ``page``) are one JSON object in ``detail``,
null when all are defaults: an import of a million rows stores no repeated
constant. Evidence always belongs to the batch's own document.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.model import ACTOR_ATTRIBUTES, Actor, Batch, Document, Evidence, Link, Programme, Territory

_TEXT_LIST = pa.list_(pa.string())

#: Columns of an actor facts table; ``extra`` holds other attributes as a JSON object.
ACTOR_SCHEMA = pa.schema(
    [("id", pa.string()), ("name", pa.string()), ("kinds", _TEXT_LIST), ("aliases", _TEXT_LIST),
     ("roles", _TEXT_LIST), ("territories", _TEXT_LIST)]
    + [(name, pa.string()) for name in ACTOR_ATTRIBUTES]
    + [("extra", pa.string())])

#: Evidence fields kept in ``detail`` when they differ from these defaults.
EVIDENCE_DEFAULTS: dict[str, object] = {"method": "import", "cue": "", "start": 0, "end": 0, "page": None}

#: The types of a link's target, in the order a fold reads a document's links (see
#: :func:`~maillage.graph.folding.read_links`).
TARGET_TYPES = ("actor", "territory", "programme", "service")

#: Columns of a link table (one row per piece of evidence).
LINK_SCHEMA = pa.schema([
    ("source", pa.string()), ("kind", pa.string()), ("target", pa.string()), ("target_type", pa.string()),
    ("sentence", pa.string()), ("confidence", pa.float64()), ("detail", pa.string())])


def evidence_detail(evidence: Evidence) -> str | None:
    """The JSON ``detail`` of a piece of evidence (null when every field is a default)."""
    fields = {k: getattr(evidence, k) for k, default in EVIDENCE_DEFAULTS.items()
              if getattr(evidence, k) != default}
    return json.dumps(fields, ensure_ascii=False, sort_keys=True) if fields else None


def actors_table(actors: Iterable[Actor]) -> pa.Table:
    """The actor facts table of these actors, in order."""
    rows = []
    for actor in actors:
        extra = {k: v for k, v in actor.attributes.items() if k not in ACTOR_ATTRIBUTES}
        rows.append({
            "id": actor.id, "name": actor.name, "kinds": list(actor.kinds), "aliases": list(actor.aliases),
            "roles": list(actor.roles), "territories": list(actor.territories),
            **{name: actor.attributes.get(name) or None for name in ACTOR_ATTRIBUTES},
            "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None})
    return pa.Table.from_pylist(rows, schema=ACTOR_SCHEMA)


def actors_from_table(table: pa.Table) -> list[Actor]:
    """The actors of an actor facts table, in row order."""
    columns = {name: table.column(name).to_pylist() for name in ACTOR_SCHEMA.names}
    actors = []
    for i, actor_id in enumerate(columns["id"]):
        attributes = {name: columns[name][i] for name in ACTOR_ATTRIBUTES if columns[name][i]}
        if columns["extra"][i]:
            attributes.update(json.loads(columns["extra"][i]))
        actors.append(Actor(id=actor_id, name=columns["name"][i], kinds=list(columns["kinds"][i] or []),
                            aliases=list(columns["aliases"][i] or []), roles=list(columns["roles"][i] or []),
                            territories=list(columns["territories"][i] or []), attributes=attributes))
    return actors


def links_table(links: Iterable[Link]) -> pa.Table:
    """The link table of these links: one row per piece of evidence (one bare row for a link without any)."""
    rows = []
    for link in links:
        head = {"source": link.source, "kind": link.kind, "target": link.target, "target_type": link.target_type}
        if not link.evidence:
            rows.append(head)
        for ev in link.evidence:
            rows.append({**head, "sentence": ev.sentence, "confidence": ev.confidence,
                         "detail": evidence_detail(ev)})
    return pa.Table.from_pylist(rows, schema=LINK_SCHEMA)


def links_from_table(table: pa.Table, document_id: str) -> list[Link]:
    """The links of a link table, evidence grouped by (source, kind, target) in row order."""
    links: dict[tuple[str, str, str], Link] = {}
    shared: dict[tuple, Evidence] = {}  # Evidence is immutable: identical ones (an import's) are one object
    rows = zip(*(table.column(name).to_pylist() for name in LINK_SCHEMA.names))
    for source, kind, target, target_type, sentence, confidence, detail in rows:
        key = (source, kind, target)
        link = links.get(key)
        if link is None:
            link = links[key] = Link(source, kind, target, [], target_type)
        if confidence is not None:
            evidence = shared.get((sentence, confidence, detail))
            if evidence is None:
                fields = json.loads(detail) if detail else {}
                evidence = shared[(sentence, confidence, detail)] = Evidence(
                    document_id, sentence or "", confidence=confidence, **fields)
            link.evidence.append(evidence)
    return list(links.values())


@dataclass(frozen=True)
class EndRows:
    """Where the ends of a link table's rows are in a list of actor ids, as an importer found them while
    checking its file: ``source`` and ``target`` hold each row's end's position in ``ids`` (-1: not there). A
    fold whose actors are these ids, in this order, takes the ends from here instead of looking each one up
    again (:meth:`~maillage.graph.folding.FoldState.append`)."""

    ids: pa.Array | pa.ChunkedArray
    source: np.ndarray
    target: np.ndarray
    #: The link kinds the rows may state, and whether no two rows state the same link (source, kind and
    #: target): then a fold has no rows to group (see :func:`~maillage.graph.folding.stating_links`).
    kinds: frozenset = frozenset()
    distinct: bool = False

    def take(self, rows: np.ndarray | None) -> "EndRows":
        """The end rows of these rows (all when ``rows`` is None)."""
        if rows is None:
            return self
        return EndRows(self.ids, self.source[rows], self.target[rows], self.kinds, self.distinct)


class ColumnarBatch(Batch):
    """A batch whose actor facts and links are Arrow tables (see module docstring).

    ``actors`` and ``links`` are materialised from the tables on first access;
    stores read :attr:`actor_table` and :attr:`link_table` directly.
    """

    def __init__(self, document: Document, actor_table: pa.Table, link_table: pa.Table,
                 territories: list[Territory] | None = None, programmes: list[Programme] | None = None,
                 ends_stored: bool = False, end_rows: EndRows | None = None) -> None:
        self.document = document
        #: Where its links' ends are among the actors of an actors file, when its importer found them.
        self.end_rows = end_rows
        #: Every actor a link starts from or points to is already stored or is one of the batch's own actors
        #: (checked by whoever built the batch): a store need not look them up to create the missing ones.
        self.ends_stored = ends_stored
        self.actor_table = actor_table.cast(ACTOR_SCHEMA)
        self.link_table = link_table.cast(LINK_SCHEMA)
        self.territories = list(territories or [])
        self.programmes = list(programmes or [])
        self._actors: list[Actor] | None = None
        self._links: list[Link] | None = None

    @property
    def actors(self) -> list[Actor]:
        if self._actors is None:
            self._actors = actors_from_table(self.actor_table)
        return self._actors

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._links = links_from_table(self.link_table, self.document.id)
        return self._links

    def __repr__(self) -> str:
        return (f"ColumnarBatch(document={self.document.id[:12]}, actors={self.actor_table.num_rows}, "
                f"evidence rows={self.link_table.num_rows})")


def batch_tables(batch: Batch) -> tuple[pa.Table, pa.Table]:
    """The actor facts table and link table of any batch."""
    if isinstance(batch, ColumnarBatch):
        return batch.actor_table, batch.link_table
    return actors_table(batch.actors), links_table(batch.links)


def group_rows(table: pa.Table, column: str) -> dict[object, pa.Table]:
    """Split a table by the values of one column (values in order of first appearance, rows in table order).
    When each value's rows are contiguous (a table read in that column's order, or put in
    :func:`partition_order`), the groups are slices of the table, not copies of its rows."""
    values = table.column(column)
    distinct = pc.unique(values).to_pylist()
    if len(distinct) == 1:  # no copy
        return {distinct[0]: table}
    after, before = values.slice(1), values.slice(0, len(values) - 1)
    changes = pc.and_(pc.fill_null(pc.not_equal(after, before), True),  # (a null after a null: no change)
                      pc.invert(pc.and_(pc.is_null(after), pc.is_null(before))))
    starts = [0, *(np.flatnonzero(changes.to_numpy(zero_copy_only=False)) + 1).tolist(), len(values)]
    if len(starts) - 1 == len(distinct):  # one run per value
        return {distinct[i]: table.slice(start, end - start) for i, (start, end) in enumerate(zip(starts, starts[1:]))}
    return {value: table.filter(pc.is_null(values) if value is None else pc.equal(values, value))
            for value in distinct}


def partition_order(values, order: Iterable[str]) -> np.ndarray | None:
    """The row order that groups these values, the values in ``order`` (others last), each group's rows in
    their order: what :func:`group_rows` then splits without copying; None when they already are."""
    rank = pc.fill_null(pc.index_in(values, value_set=pa.array(list(order), pa.string())), -1)
    rank = pc.if_else(pc.equal(rank, -1), pa.scalar(2**31 - 1, pa.int32()), rank).to_numpy(zero_copy_only=False)
    return None if (rank[1:] >= rank[:-1]).all() else np.argsort(rank, kind="stable")
