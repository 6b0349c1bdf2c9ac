"""The Cypher both stores share, and the store logic written once over it.

Graph layout (the same in LadybugDB and Neo4j):

- ``(:Document {id, num, path, title, ingested_at, pages, words, source})``;
  ``num`` is the document's sequence number, the key its facts carry.
- ``(:Actor {id})``: one node per actor id; what documents state about it is
  in ``(:ActorFact {doc, pos, actor, name, kinds, aliases, roles,
  territories, <attributes>, extra})``, one per document and actor
  (``doc`` = document number, ``pos`` = position in the document's batch).
- ``(:Territory {id, name, level, code, parent})``, ``(:Programme {id, name})``,
  ``(:Service {id, name})`` (the ten needs, created with the schema);
  ``(:Document)-[:MENTIONS]->(:Territory|:Programme)`` keeps which documents
  state them (the first document's properties are kept).
- ``(:Actor)-[:LINK {kind, doc, sentence, confidence, detail}]->(:Actor|:Territory|:Programme|:Service)``:
  one relationship per piece of evidence (encoding in
  :mod:`maillage.graph.columnar`).
- ``(:Decision {id, seq, action, params, author, at})``: curation decisions,
  append-only, ``params`` as a JSON string.
- ``(:Meta {name: "version", value})``: bumped by every change.

Labels and property names below are constants of this module; every value
reaches the database as a query parameter.
"""
from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import MaillageError
from maillage.graph.columnar import (ACTOR_SCHEMA, LINK_SCHEMA, ColumnarBatch, actors_from_table,
                                     batch_tables, group_rows)
from maillage.graph.curation import Decision
from maillage.graph.facts import merge_batches
from maillage.graph.model import ACTOR_ATTRIBUTES, Batch, Document, Graph, Programme, Territory
from maillage.graph.taxonomy import SERVICES

#: Node label of each link target type.
TARGET_LABELS = {"actor": "Actor", "territory": "Territory", "programme": "Programme", "service": "Service"}

#: Evidence properties of a LINK relationship, in table order.
LINK_PROPERTIES = [name for name in LINK_SCHEMA.names if name not in ("source", "kind", "target", "target_type")]
#: Properties of an ActorFact node besides doc and pos.
FACT_PROPERTIES = ["actor" if name == "id" else name for name in ACTOR_SCHEMA.names]
DOCUMENT_PROPERTIES = ["id", "num", "path", "title", "ingested_at", "pages", "words", "source"]


def _returning(variable: str, properties: Iterable[str], renames: dict[str, str] | None = None) -> str:
    renames = renames or {}
    return ", ".join(f"{variable}.`{p}` AS `{renames.get(p, p)}`" for p in properties)


DOCUMENTS = f"MATCH (d:Document) RETURN {_returning('d', DOCUMENT_PROPERTIES)} ORDER BY num"
DOCUMENT_NUM = "MATCH (d:Document {id: $id}) RETURN d.num AS num"
LAST_NUM = "MATCH (d:Document) RETURN max(d.num) AS num"
CREATE_DOCUMENT = "CREATE (:Document {" + ", ".join(f"`{p}`: ${p}" for p in DOCUMENT_PROPERTIES) + "})"
DELETE_DOCUMENT = "MATCH (d:Document {id: $id}) DETACH DELETE d"

ACTOR_FACTS = (f"MATCH (f:ActorFact) RETURN f.doc AS doc, {_returning('f', FACT_PROPERTIES, {'actor': 'id'})} "
               "ORDER BY doc, f.pos")
DOCUMENT_FACT_ACTORS = "MATCH (f:ActorFact) WHERE f.doc = $num RETURN f.actor AS id"
STATED_ACTORS = "MATCH (f:ActorFact) RETURN DISTINCT f.actor AS id"
DELETE_FACTS = "MATCH (f:ActorFact) WHERE f.doc = $num DELETE f"

LINKS = {target_type: (f"MATCH (a:Actor)-[l:LINK]->(b:{label}) RETURN l.doc AS doc, a.id AS source, "
                       f"l.kind AS kind, b.id AS target, '{target_type}' AS target_type, "
                       f"{_returning('l', LINK_PROPERTIES)}")
         for target_type, label in TARGET_LABELS.items()}
DOCUMENT_LINK_ACTORS = ("MATCH (a:Actor)-[l:LINK]->(b:Actor) WHERE l.doc = $num "
                        "RETURN a.id AS source, b.id AS target")
DELETE_LINKS = "MATCH (:Actor)-[l:LINK]->() WHERE l.doc = $num DELETE l"

EXISTING = {label: f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id AS id"
            for label in TARGET_LABELS.values()}
ALL_ACTORS = "MATCH (a:Actor) RETURN a.id AS id"
MERGE_BARE = {label: f"UNWIND $ids AS i MERGE (:{label} {{id: i}})" for label in ("Territory", "Programme")}
DELETE_UNLINKED_ACTORS = ("UNWIND $ids AS i MATCH (a:Actor {id: i}) "
                          "WHERE NOT EXISTS { MATCH (a)-[:LINK]-() } DELETE a")
DELETE_UNUSED = {label: f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)-[]-() }} DELETE n"
                 for label in ("Territory", "Programme")}

UPSERT_TERRITORIES = ("UNWIND $rows AS r MERGE (t:Territory {id: r.id}) "
                      "SET t.name = coalesce(t.name, r.name), t.level = coalesce(t.level, r.level), "
                      "t.code = coalesce(t.code, r.code), t.parent = coalesce(t.parent, r.parent)")
UPSERT_PROGRAMMES = ("UNWIND $rows AS r MERGE (p:Programme {id: r.id}) "
                     "SET p.name = coalesce(p.name, r.name)")
MENTION = {label: (f"MATCH (d:Document {{id: $doc}}) UNWIND $ids AS i MATCH (n:{label} {{id: i}}) "
                   "CREATE (d)-[:MENTIONS]->(n)")
           for label in ("Territory", "Programme")}
MENTIONED_TERRITORIES = ("MATCH (d:Document)-[:MENTIONS]->(t:Territory) RETURN d.num AS doc, t.id AS id, "
                         "t.name AS name, t.level AS level, t.code AS code, t.parent AS parent")
MENTIONED_PROGRAMMES = "MATCH (d:Document)-[:MENTIONS]->(p:Programme) RETURN d.num AS doc, p.id AS id, p.name AS name"

SERVICE_NODES = "UNWIND $rows AS r MERGE (s:Service {id: r.id}) SET s.name = r.name"
VERSION = "MATCH (m:Meta {name: 'version'}) RETURN m.value AS value"
INIT_VERSION = "MERGE (m:Meta {name: 'version'}) ON CREATE SET m.value = 0"
BUMP_VERSION = "MATCH (m:Meta {name: 'version'}) SET m.value = m.value + 1"

DECISIONS = "MATCH (d:Decision) RETURN d.id AS id, d.action AS action, d.params AS params, " \
            "d.author AS author, d.at AS at ORDER BY d.seq"
DECISION_IDS = "MATCH (d:Decision) RETURN d.id AS id"
CREATE_DECISIONS = ("UNWIND $rows AS r CREATE (:Decision {id: r.id, seq: r.seq, action: r.action, "
                    "params: r.params, author: r.author, at: r.at})")

#: Ten service nodes every store holds.
SERVICE_ROWS = [{"id": code, "name": name} for code, name in SERVICES.items()]


class CypherStore:
    """GraphStore logic over four primitives an adapter provides.

    - ``_table(query, params)``: run a read query, return its rows as an Arrow table;
    - ``_run(query, params)``: run a query for its effect;
    - ``_transaction()``: a context in which ``_run``/``_table`` form one transaction;
    - ``_insert_nodes(label, table)`` / ``_insert_links(label, table)``: bulk-create
      nodes, or LINK relationships from actors to ``label`` nodes (``from``, ``to``
      then properties).
    """

    read_only: bool = False
    where: str = ""  # how users name this database, in messages

    # -- primitives -------------------------------------------------------------------
    def _table(self, query: str, params: dict | None = None) -> pa.Table:
        raise NotImplementedError

    def _run(self, query: str, params: dict | None = None) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager:
        raise NotImplementedError

    def _insert_nodes(self, label: str, table: pa.Table) -> None:
        raise NotImplementedError

    def _insert_links(self, label: str, table: pa.Table) -> None:
        raise NotImplementedError

    # -- helpers --------------------------------------------------------------------
    def _column(self, query: str, params: dict | None = None, column: str = "id") -> list:
        return self._table(query, params).column(column).to_pylist()

    def _check_writable(self) -> None:
        if self.read_only:
            raise MaillageError(f"la base {self.where} est ouverte en lecture seule : écriture refusée")

    def _document_num(self, document_id: str) -> int | None:
        nums = self._column(DOCUMENT_NUM, {"id": document_id}, "num")
        return nums[0] if nums else None

    def _init_contents(self) -> None:
        """Create the version counter and the service nodes (idempotent)."""
        self._run(INIT_VERSION)
        self._run(SERVICE_NODES, {"rows": SERVICE_ROWS})

    # -- writing ----------------------------------------------------------------------
    def write(self, batch: Batch, replaces: str | None = None) -> bool:
        self._check_writable()
        if self._document_num(batch.document.id) is not None:
            return False
        actor_table, link_table = batch_tables(batch)
        with self._transaction():
            if replaces and replaces != batch.document.id:
                self._remove(replaces)
            num = (self._column(LAST_NUM, column="num")[0] or 0) + 1
            self._write_document(batch.document, num)
            self._write_places(batch)
            self._ensure_nodes(actor_table, link_table)
            self._insert_nodes("ActorFact", self._fact_rows(actor_table, num))
            self._write_links(link_table, num)
            self._run(BUMP_VERSION)
        return True

    def _write_document(self, document: Document, num: int) -> None:
        values = {p: getattr(document, p) for p in DOCUMENT_PROPERTIES if p != "num"}
        self._run(CREATE_DOCUMENT, {**values, "num": num})

    def _write_places(self, batch: Batch) -> None:
        if batch.territories:
            rows = [{"id": t.id, "name": t.name, "level": t.level, "code": t.code, "parent": t.parent}
                    for t in batch.territories]
            self._run(UPSERT_TERRITORIES, {"rows": rows})
            self._run(MENTION["Territory"], {"doc": batch.document.id, "ids": [t.id for t in batch.territories]})
        if batch.programmes:
            self._run(UPSERT_PROGRAMMES, {"rows": [{"id": p.id, "name": p.name} for p in batch.programmes]})
            self._run(MENTION["Programme"], {"doc": batch.document.id, "ids": [p.id for p in batch.programmes]})

    def _ensure_nodes(self, actor_table: pa.Table, link_table: pa.Table) -> None:
        """Create the actor, territory and programme nodes the batch needs and the store lacks."""
        targets = group_rows(link_table.select(["target", "target_type"]), "target_type")
        ends = [actor_table.column("id"), link_table.column("source")]
        if "actor" in targets:
            ends.append(targets["actor"].column("target"))
        actor_ids = pc.unique(pa.chunked_array([c for end in ends for c in end.chunks], pa.string()))
        existing = self._existing("Actor", actor_ids)
        new = actor_ids.filter(pc.is_null(pc.index_in(actor_ids, value_set=existing)))
        if len(new):
            self._insert_nodes("Actor", pa.table({"id": new}))
        for target_type in ("territory", "programme"):
            if target_type in targets:
                ids = pc.unique(targets[target_type].column("target")).to_pylist()
                self._run(MERGE_BARE[TARGET_LABELS[target_type]], {"ids": ids})

    def _existing(self, label: str, ids: pa.Array) -> pa.Array:
        """Which of these ids are nodes of ``label`` (a full scan when there are many)."""
        if len(ids) > 10_000 and label == "Actor":
            table = self._table(ALL_ACTORS)
        else:
            table = self._table(EXISTING[label], {"ids": ids.to_pylist()})
        return table.column("id").combine_chunks().cast(pa.string())

    @staticmethod
    def _fact_rows(actor_table: pa.Table, num: int) -> pa.Table:
        n = actor_table.num_rows
        columns = {"doc": pa.repeat(pa.scalar(num, pa.int64()), n), "pos": pa.array(range(n), pa.int64())}
        columns.update({p: actor_table.column("id" if p == "actor" else p) for p in FACT_PROPERTIES})
        return pa.table(columns)

    def _write_links(self, link_table: pa.Table, num: int) -> None:
        for target_type, rows in group_rows(link_table, "target_type").items():
            n = rows.num_rows
            columns = {"from": rows.column("source"), "to": rows.column("target"), "kind": rows.column("kind"),
                       "doc": pa.repeat(pa.scalar(num, pa.int64()), n)}
            columns.update({p: rows.column(p) for p in LINK_PROPERTIES})
            self._insert_links(TARGET_LABELS[target_type], pa.table(columns))

    # -- removal ----------------------------------------------------------------------
    def remove_document(self, document_id: str) -> bool:
        self._check_writable()
        if self._document_num(document_id) is None:
            return False
        with self._transaction():
            self._remove(document_id)
            self._run(BUMP_VERSION)
        return True

    def _remove(self, document_id: str) -> None:
        """Delete a document's facts, then the nodes no remaining fact or link needs."""
        num = self._document_num(document_id)
        if num is None:
            return
        candidates = set(self._column(DOCUMENT_FACT_ACTORS, {"num": num}))
        ends = self._table(DOCUMENT_LINK_ACTORS, {"num": num})
        candidates |= set(ends.column("source").to_pylist()) | set(ends.column("target").to_pylist())
        self._run(DELETE_LINKS, {"num": num})
        self._run(DELETE_FACTS, {"num": num})
        self._run(DELETE_DOCUMENT, {"id": document_id})
        unstated = candidates - set(self._column(STATED_ACTORS))
        if unstated:
            self._run(DELETE_UNLINKED_ACTORS, {"ids": sorted(unstated)})
        for query in DELETE_UNUSED.values():
            self._run(query)

    # -- reading ----------------------------------------------------------------------
    def documents(self) -> list[Document]:
        rows = self._table(DOCUMENTS).to_pylist()
        return [Document(**{k: v for k, v in row.items() if k != "num" and v is not None}) for row in rows]

    def batches(self) -> Iterator[Batch]:
        documents = self._table(DOCUMENTS).to_pylist()
        facts = group_rows(self._table(ACTOR_FACTS), "doc")
        links = group_rows(pa.concat_tables([self._link_rows(t) for t in TARGET_LABELS]), "doc")
        territories = group_rows(self._table(MENTIONED_TERRITORIES), "doc")
        programmes = group_rows(self._table(MENTIONED_PROGRAMMES), "doc")
        empty_facts, empty_links = ACTOR_SCHEMA.empty_table(), LINK_SCHEMA.empty_table()
        for row in documents:
            num = row.pop("num")
            document = Document(**{k: v for k, v in row.items() if v is not None})
            places = [Territory(**_strip(r)) for r in _rows(territories.get(num))]
            yield ColumnarBatch(document, facts[num].drop_columns(["doc"]) if num in facts else empty_facts,
                                links[num].drop_columns(["doc"]) if num in links else empty_links,
                                places, [Programme(**_strip(r)) for r in _rows(programmes.get(num))])

    def _link_rows(self, target_type: str) -> pa.Table:
        table = self._table(LINKS[target_type])
        return table.cast(pa.schema([("doc", pa.int64()), *LINK_SCHEMA]))

    def read(self) -> Graph:
        return merge_batches(self.batches())

    # -- decisions and version ----------------------------------------------------------
    def append_decisions(self, decisions: Iterable[Decision]) -> int:
        self._check_writable()
        known = set(self._column(DECISION_IDS))
        new: list[Decision] = []
        for decision in decisions:
            if decision.id not in known:
                known.add(decision.id)
                new.append(decision)
        if not new:
            return 0
        with self._transaction():
            start = self._table(DECISIONS).num_rows
            rows = [{"id": d.id, "seq": start + i, "action": d.action, "params": d.params_json(),
                     "author": d.author, "at": d.at} for i, d in enumerate(new)]
            self._run(CREATE_DECISIONS, {"rows": rows})
            self._run(BUMP_VERSION)
        return len(new)

    def decisions(self) -> list[Decision]:
        return [Decision(action=r["action"], params=json.loads(r["params"] or "{}"), author=r["author"],
                         at=r["at"], id=r["id"]) for r in self._table(DECISIONS).to_pylist()]

    def version(self) -> int:
        values = self._column(VERSION, column="value")
        return values[0] if values else 0


def _rows(table: pa.Table | None) -> list[dict]:
    return [] if table is None else table.drop_columns(["doc"]).to_pylist()


def _strip(row: dict) -> dict:
    """A node's properties without nulls (bare nodes keep the dataclass defaults)."""
    return {k: v for k, v in row.items() if v is not None}
