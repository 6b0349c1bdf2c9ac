"""The Cypher both stores share, and the store logic written once over it.

Graph layout (the same in LadybugDB and Neo4j):

- ``(:Document {id, num, path, title, ingested_at, pages, words, source, complete})``;
  ``num`` is the document's sequence number, the key its facts carry; a document
  is ``complete`` once all its facts are written (see :meth:`CypherStore.write`).
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
from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import MaillageError
from maillage.graph.columnar import (ACTOR_SCHEMA, LINK_SCHEMA, TARGET_TYPES, ColumnarBatch, actors_from_table,
                                     batch_tables, group_rows)
from maillage.graph.curation import Decision, now_iso
from maillage.graph.facts import merge_actor_facts, merge_batches
from maillage.graph.model import Actor, Batch, Document, Graph, Programme, Territory
from maillage.graph.taxonomy import SERVICES

#: Batches with more actor and evidence rows than this are written in stages (see CypherStore.write).
BULK_ROWS = 50_000

#: Above this many ids, which are stored actors is found by reading every stored actor (a faster scan).
EXISTING_BY_LIST = 10_000

#: Node label of each link target type.
TARGET_LABELS = dict(zip(TARGET_TYPES, ("Actor", "Territory", "Programme", "Service")))

#: Evidence properties of a LINK relationship, in table order.
LINK_PROPERTIES = [name for name in LINK_SCHEMA.names if name not in ("source", "kind", "target", "target_type")]
#: Properties of an ActorFact node besides doc and pos.
FACT_PROPERTIES = ["actor" if name == "id" else name for name in ACTOR_SCHEMA.names]
DOCUMENT_PROPERTIES = ["id", "num", "path", "title", "ingested_at", "pages", "words", "source"]


def _returning(variable: str, properties: Iterable[str], renames: dict[str, str] | None = None) -> str:
    renames = renames or {}
    return ", ".join(f"{variable}.`{p}` AS `{renames.get(p, p)}`" for p in properties)


DOCUMENTS = f"MATCH (d:Document) WHERE d.complete RETURN {_returning('d', DOCUMENT_PROPERTIES)} ORDER BY num"
DOCUMENT_STATE = "MATCH (d:Document {id: $id}) RETURN d.num AS num, d.complete AS complete"
INCOMPLETE = "MATCH (d:Document) WHERE NOT d.complete RETURN d.id AS id"
LAST_NUM = "MATCH (d:Document) RETURN max(d.num) AS num"
CREATE_DOCUMENT = ("CREATE (:Document {" + ", ".join(f"`{p}`: ${p}" for p in DOCUMENT_PROPERTIES)
                   + ", complete: $complete})")
COMPLETE_DOCUMENT = "MATCH (d:Document {id: $id}) SET d.complete = true"
DELETE_DOCUMENT = "MATCH (d:Document {id: $id}) DETACH DELETE d"

ACTOR_FACTS = (f"MATCH (f:ActorFact) RETURN f.doc AS doc, {_returning('f', FACT_PROPERTIES, {'actor': 'id'})} "
               "ORDER BY doc, f.pos")
#: What a fact ``f`` returns in a part (:meth:`CypherStore.facts_of`): document, position, properties.
FACT_COLUMNS = f"f.doc AS doc, f.pos AS pos, {_returning('f', FACT_PROPERTIES, {'actor': 'id'})}"
#: The facts of the actors ``$ids`` (every document's), in no particular order.
FACTS_OF = f"UNWIND $ids AS i MATCH (f:ActorFact {{actor: i}}) RETURN {FACT_COLUMNS}"
#: The actor, name and aliases of the facts giving the kind ``$kind``.
FACTS_OF_KIND = "MATCH (f:ActorFact) WHERE $kind IN f.kinds RETURN f.actor AS id, f.name AS name, f.aliases AS aliases"
#: Facts placing their actor in one of the territories ``$inside`` (``inside`` true), or only in territories
#: among ``$enclosing`` or nowhere (``inside`` false). LadybugDB wants the lists bound by ``WITH`` first.
PLACED_FACTS = ("WITH $inside AS inside, $enclosing AS enclosing MATCH (f:ActorFact) "
                "WITH f.actor AS id, coalesce(f.territories, []) AS places, inside, enclosing "
                "WHERE any(x IN places WHERE x IN inside) OR all(x IN places WHERE x IN enclosing) "
                "RETURN id, any(x IN places WHERE x IN inside) AS inside")
#: The actors with a link of one of the kinds ``$kinds`` to one of the territories ``$ids``, and its kind.
LINKED_TO_TERRITORIES = ("UNWIND $ids AS i MATCH (t:Territory {id: i}) OPTIONAL MATCH (a:Actor)-[l:LINK]->(t) "
                         "WHERE l.kind IN $kinds RETURN DISTINCT a.id AS id, l.kind AS kind")
ACTOR_COUNT = "MATCH (a:Actor) RETURN count(a) AS n"
#: What the documents state about a few actors (``$ids``), in document order.
SOME_ACTOR_FACTS = (f"MATCH (f:ActorFact) WHERE f.actor IN $ids RETURN f.doc AS doc, "
                    f"{_returning('f', FACT_PROPERTIES, {'actor': 'id'})} ORDER BY doc, f.pos")
DOCUMENT_FACT_ACTORS = "MATCH (f:ActorFact) WHERE f.doc = $num RETURN f.actor AS id"
STATED_ACTORS = "MATCH (f:ActorFact) RETURN DISTINCT f.actor AS id"
DELETE_FACTS = "MATCH (f:ActorFact) WHERE f.doc = $num DELETE f"

#: Bits of a link row's ``rank`` below its target type's number (see :func:`link_rows`).
RANK_BITS = 40


def link_rows(target_type: str | None, rank: str, start: str = "", label: str = "", sentences: bool = True,
              target: str = "b.id") -> str:
    """The query of LINK rows to ``target_type`` nodes: ``doc``, the :data:`LINK_SCHEMA` columns and
    ``rank``, the adapter's expression ``rank`` of the relationship's place in the store (an integer that
    does not depend on the engine's scan order). ``target_type`` None: to nodes of any label, the adapter's
    expression ``label`` of a node ``b``'s label in ``target_type``. ``start`` is what comes before the
    pattern ``(a:Actor)-[l:LINK]->(b:Label)``: empty for every link, or an ``UNWIND ... OPTIONAL`` prefix
    that binds ``a`` or ``b`` (see :data:`LINKS_FROM` and :data:`LINKS_INTO`). Without ``sentences``, the
    sentence column is null (folding without decisions does not read it). ``target``: what names the
    target node, its id or the adapter's expression of its row (see :meth:`CypherStore.node_keys`)."""
    node, type_of = (f"b:{TARGET_LABELS[target_type]}", f"'{target_type}'") if target_type else ("b", label)
    evidence = _returning("l", LINK_PROPERTIES if sentences else LINK_PROPERTIES[1:])
    return (f"{start}MATCH (a:Actor)-[l:LINK]->({node}) RETURN l.doc AS doc, a.id AS source, "
            f"l.kind AS kind, {target} AS target, {type_of} AS target_type, "
            f"{'' if sentences else 'NULL AS sentence, '}{evidence}, {rank} AS rank")


def node_rows(label: str, row: str, lookup: bool) -> str:
    """The query of the ``id`` and ``row`` (the adapter's expression ``row`` of a node ``b``'s row) of the
    ``label`` nodes: those of the ids ``$ids`` when ``lookup``, else all of them."""
    if lookup:  # the id is the one looked up: fetching it again costs as much as the lookup
        return f"UNWIND $ids AS i MATCH (b:{label} {{id: i}}) RETURN i AS id, {row} AS row"
    return f"MATCH (b:{label}) RETURN b.id AS id, {row} AS row"


#: Prefixes of :func:`link_rows` for the links of given actors ``$ids``: from them, and into them from actors.
#: (``OPTIONAL MATCH`` after the lookup makes LadybugDB look each actor up by its key and walk its
#: adjacency, instead of scanning every link; rows of actors without links come back empty.)
LINKS_FROM = "UNWIND $ids AS i MATCH (a:Actor {id: i}) OPTIONAL "
LINKS_INTO = "UNWIND $ids AS i MATCH (b:Actor {id: i}) OPTIONAL "
DOCUMENT_LINK_ACTORS = ("MATCH (a:Actor)-[l:LINK]->(b:Actor) WHERE l.doc = $num "
                        "RETURN a.id AS source, b.id AS target")
DELETE_LINKS = "MATCH (:Actor)-[l:LINK]->() WHERE l.doc = $num DELETE l"
DOCUMENT_LINK_KEYS = ("MATCH (a:Actor)-[l:LINK]->(b) WHERE l.doc = $num "
                      "RETURN DISTINCT a.id AS source, l.kind AS kind, b.id AS target")
DOCUMENT_TERRITORIES = "MATCH (d:Document {id: $id})-[:MENTIONS]->(t:Territory) RETURN t.id AS id"

EXISTING_ACTORS = "UNWIND $ids AS i MATCH (a:Actor {id: i}) RETURN a.id AS id"
ALL_ACTORS = "MATCH (a:Actor) RETURN a.id AS id"
MERGE_BARE = {label: f"UNWIND $ids AS i MERGE (:{label} {{id: i}})" for label in ("Territory", "Programme")}
DELETE_UNLINKED_ACTORS = ("UNWIND $ids AS i MATCH (a:Actor {id: i}) "
                          "WHERE NOT EXISTS { MATCH (a)-[:LINK]-() } DELETE a")
DELETE_UNUSED = {label: f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)-[]-() }} DELETE n"
                 for label in ("Territory", "Programme")}

UPSERT_TERRITORIES = ("UNWIND $rows AS r MERGE (t:Territory {id: r.id}) "
                      "SET t.name = coalesce(t.name, r.name), t.level = coalesce(t.level, r.level), "
                      "t.code = coalesce(t.code, r.code), "
                      # a later stated parent replaces the stored one (official data refines it)
                      "t.parent = CASE WHEN r.parent IS NULL OR r.parent = '' THEN t.parent ELSE r.parent END")
PLACE_TERRITORIES = "UNWIND $rows AS r MATCH (t:Territory {id: r.id}) SET t.lat = r.lat, t.lon = r.lon"
UPSERT_PROGRAMMES = ("UNWIND $rows AS r MERGE (p:Programme {id: r.id}) "
                     "SET p.name = coalesce(p.name, r.name)")
MENTION = {label: (f"MATCH (d:Document {{id: $doc}}) UNWIND $ids AS i MATCH (n:{label} {{id: i}}) "
                   "CREATE (d)-[:MENTIONS]->(n)")
           for label in ("Territory", "Programme")}
MENTIONED_TERRITORIES = ("MATCH (d:Document)-[:MENTIONS]->(t:Territory) RETURN d.num AS doc, t.id AS id, "
                         "t.name AS name, t.level AS level, t.code AS code, t.parent AS parent, "
                         "t.lat AS lat, t.lon AS lon")
MENTIONED_PROGRAMMES = "MATCH (d:Document)-[:MENTIONS]->(p:Programme) RETURN d.num AS doc, p.id AS id, p.name AS name"

SERVICE_NODES = "UNWIND $rows AS r MERGE (s:Service {id: r.id}) SET s.name = r.name"
VERSION = "MATCH (m:Meta {name: 'version'}) RETURN m.value AS value"
INIT_VERSION = "MERGE (m:Meta {name: 'version'}) ON CREATE SET m.value = 0"
BUMP_VERSION = "MATCH (m:Meta {name: 'version'}) SET m.value = m.value + 1"

DECISIONS = "MATCH (d:Decision) RETURN d.id AS id, d.action AS action, d.params AS params, " \
            "d.author AS author, d.at AS at ORDER BY d.seq"
DECISION_IDS = "MATCH (d:Decision) RETURN d.id AS id"
NEXT_SEQ = "MATCH (d:Decision) RETURN max(d.seq) AS seq"
DELETE_DECISIONS = "UNWIND $ids AS i MATCH (d:Decision {id: i}) DELETE d"
SET_AUTHOR = "UNWIND $ids AS i MATCH (d:Decision {id: i}) SET d.author = $author"
ERASURES = "MATCH (e:Erasure) RETURN e.hash AS hash"
CREATE_ERASURES = "UNWIND $rows AS r MERGE (e:Erasure {hash: r.hash}) ON CREATE SET e.at = r.at"
SET_VERSION = "MATCH (m:Meta {name: 'version'}) SET m.value = $value"
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
      then properties);

    and three constants: ``link_rank``, the Cypher expression of a LINK relationship ``l``'s
    place in its table (an integer: the order in which rows are folded, see :func:`link_rows`),
    ``node_label``, that of a node ``b``'s label, and ``node_row``, that of an integer naming a node
    ``b`` among the nodes of its label (see :meth:`node_keys`).
    """

    link_rank: str = ""
    node_label: str = ""  # the Cypher expression of a node ``b``'s label
    node_row: str = ""  # the Cypher expression of a node ``b``'s row among its label's nodes

    read_only: bool = False
    where: str = ""  # how users name this database, in messages
    bulk_rows: int = BULK_ROWS  # larger batches are written in stages

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

    def _document_state(self, document_id: str) -> tuple[int, bool] | None:
        """The number of a stored document and whether it is complete; None if it is not stored."""
        rows = self._table(DOCUMENT_STATE, {"id": document_id}).to_pylist()
        return (rows[0]["num"], bool(rows[0]["complete"])) if rows else None

    def _init_contents(self) -> None:
        """Create the version counter and the service nodes (idempotent)."""
        self._run(INIT_VERSION)
        self._run(SERVICE_NODES, {"rows": SERVICE_ROWS})

    def _remove_incomplete(self) -> None:
        """Remove the documents that interrupted large writes left incomplete."""
        for document_id in self._column(INCOMPLETE):
            with self._transaction():
                self._remove(document_id)

    def _after_failure(self) -> None:
        """Hook: make the connection usable again after a failed statement."""

    def _reserve(self, expected_bytes: int) -> None:
        """Hook, called before a write of about ``expected_bytes``: refuse it if it cannot fit."""

    def _refresh(self) -> None:
        """Hook, called before each read: see what other processes wrote since the store was opened."""

    # -- writing ----------------------------------------------------------------------
    def write(self, batch: Batch, replaces: str | None = None) -> bool:
        """Store a batch (see :class:`~maillage.graph.stores.base.GraphStore`).

        A batch of at most :attr:`bulk_rows` rows is written in one transaction. A
        larger one (a CSV import) is bulk-loaded statement by statement behind a
        completion mark, because LadybugDB loads a million rows about 1.5 times
        more slowly inside an explicit transaction: its document is created
        incomplete, which readers ignore with all its facts, and completed, with
        the replaced document removed, in one last transaction. A failure removes
        what was written; a crash leaves an incomplete document that the next
        read-write opening (embedded store) or the next write of the same
        document removes.
        """
        self._check_writable()
        state = self._document_state(batch.document.id)
        if state is not None and state[1]:
            return False
        if state is not None:
            with self._transaction():
                self._remove(batch.document.id)
        batch = self._without_erased(batch)
        actor_table, link_table = batch_tables(batch)
        self._reserve(actor_table.nbytes + link_table.nbytes)
        replaces = replaces if replaces != batch.document.id else None
        if actor_table.num_rows + link_table.num_rows <= self.bulk_rows:
            with self._transaction():
                if replaces:
                    self._remove(replaces)
                self._write_facts(batch, actor_table, link_table, complete=True)
                self._run(BUMP_VERSION)
        else:
            self._write_staged(batch, actor_table, link_table, replaces)
        return True

    def _write_staged(self, batch: Batch, actor_table: pa.Table, link_table: pa.Table,
                      replaces: str | None) -> None:
        try:
            self._write_facts(batch, actor_table, link_table, complete=False)
        except BaseException:
            self._after_failure()
            with self._transaction():
                self._remove(batch.document.id, _batch_actor_ids(actor_table, link_table))
            raise
        with self._transaction():
            if replaces:
                self._remove(replaces)
            self._run(COMPLETE_DOCUMENT, {"id": batch.document.id})
            self._run(BUMP_VERSION)

    def _write_facts(self, batch: Batch, actor_table: pa.Table, link_table: pa.Table, complete: bool,
                     num: int | None = None) -> None:
        num = num or (self._column(LAST_NUM, column="num")[0] or 0) + 1
        self._write_document(batch.document, num, complete)
        self._write_places(batch)
        self._ensure_nodes(actor_table, link_table, getattr(batch, "ends_stored", False))
        self._insert_nodes("ActorFact", self._fact_rows(actor_table, num))
        self._write_links(link_table, num)

    def _write_document(self, document: Document, num: int, complete: bool) -> None:
        values = {p: getattr(document, p) for p in DOCUMENT_PROPERTIES if p != "num"}
        self._run(CREATE_DOCUMENT, {**values, "num": num, "complete": complete})

    def _write_places(self, batch: Batch) -> None:
        if batch.territories:
            rows = [{"id": t.id, "name": t.name, "level": t.level, "code": t.code, "parent": t.parent}
                    for t in batch.territories]
            self._run(UPSERT_TERRITORIES, {"rows": rows})
            placed = [{"id": t.id, "lat": float(t.lat), "lon": float(t.lon)} for t in batch.territories
                      if t.lat is not None and t.lon is not None]
            if placed:
                self._run(PLACE_TERRITORIES, {"rows": placed})
            self._run(MENTION["Territory"], {"doc": batch.document.id, "ids": [t.id for t in batch.territories]})
        if batch.programmes:
            self._run(UPSERT_PROGRAMMES, {"rows": [{"id": p.id, "name": p.name} for p in batch.programmes]})
            self._run(MENTION["Programme"], {"doc": batch.document.id, "ids": [p.id for p in batch.programmes]})

    def _ensure_nodes(self, actor_table: pa.Table, link_table: pa.Table, ends_stored: bool = False) -> None:
        """Create the actor, territory and programme nodes the batch needs and the store lacks (the links'
        actor ends are not looked up when they are known to be ``ends_stored``)."""
        target, target_type = link_table.column("target"), link_table.column("target_type")
        kinds = ("territory", "programme") if ends_stored else ("actor", "territory", "programme")
        targets = {kind: target.filter(pc.equal(target_type, kind)) for kind in kinds}
        ends = [actor_table.column("id")]
        if not ends_stored:
            ends += [link_table.column("source"), targets["actor"]]
        stored = None
        if sum(len(end) for end in ends) > EXISTING_BY_LIST:  # every stored actor read, the ends looked up in it
            stored = self._table(ALL_ACTORS).column("id").combine_chunks().cast(pa.string())
            if len(stored):
                ends = [end.filter(pc.is_null(pc.index_in(end, value_set=stored))) for end in ends]
        new = pc.unique(pa.chunked_array([c for end in ends for c in end.chunks], pa.string()))
        if stored is None:
            new = new.filter(pc.is_null(pc.index_in(new, value_set=self._existing_actors(new))))
        if len(new):
            self._insert_nodes("Actor", pa.table({"id": new}))
        for kind in ("territory", "programme"):
            if len(targets[kind]):
                self._run(MERGE_BARE[TARGET_LABELS[kind]], {"ids": pc.unique(targets[kind]).to_pylist()})

    def _existing_actors(self, ids: pa.Array) -> pa.Array:
        """Which of these ids are stored actors (or all stored actors, a faster scan when there are many ids)."""
        if len(ids) > EXISTING_BY_LIST:
            table = self._table(ALL_ACTORS)
        else:
            table = self._table(EXISTING_ACTORS, {"ids": ids.to_pylist()})
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

    # -- erasure (right to be forgotten, see maillage.graph.erasure) ---------------------------
    erasure_key_path: str = "maillage-oubli.cle"  # where the key of the erasure records is kept

    def erasures(self) -> set[str]:
        """The keyed hashes of the erased persons' folded names."""
        return set(self._column(ERASURES, column="hash"))

    def _without_erased(self, batch: Batch) -> Batch:
        """The batch without the persons an erasure record recognises (unchanged when there is none)."""
        hashes = self.erasures()
        if not hashes:
            return batch
        from maillage.graph.erasure import forget_recorded, load_key

        return forget_recorded(batch, load_key(self.erasure_key_path), hashes)

    def rewrite(self, batches: Iterable[Batch], drop_decisions: Iterable[str] = (),
                erasures: Iterable[str] = (), anonymise: Iterable[str] = ()) -> None:
        """In one transaction: replace stored documents' facts by these batches (same ids, same order),
        delete these decisions, record these erasure hashes, and give the ``anonymise`` decisions the
        author ``anonyme``."""
        self._check_writable()
        batches = list(batches)
        for batch in batches:
            self._reserve(sum(t.nbytes for t in batch_tables(batch)))
        with self._transaction():
            for batch in batches:
                num = self._document_state(batch.document.id)[0]
                self._remove(batch.document.id)
                self._write_facts(batch, *batch_tables(batch), complete=True, num=num)
            if drop := sorted(drop_decisions):
                self._run(DELETE_DECISIONS, {"ids": drop})
            if authored := sorted(anonymise):
                self._run(SET_AUTHOR, {"ids": authored, "author": "anonyme"})
            if hashes := sorted(erasures):
                self._run(CREATE_ERASURES, {"rows": [{"hash": h, "at": now_iso()} for h in hashes]})
            self._run(BUMP_VERSION)

    # -- removal ----------------------------------------------------------------------
    def remove_document(self, document_id: str) -> bool:
        self._check_writable()
        if self._document_state(document_id) is None:
            return False
        with self._transaction():
            self._remove(document_id)
            self._run(BUMP_VERSION)
        return True

    def _remove(self, document_id: str, candidates: frozenset[str] = frozenset()) -> None:
        """Delete a document's facts, then the nodes no remaining fact or link needs.

        ``candidates`` are more actor ids to delete if nothing states or links them.
        """
        state = self._document_state(document_id)
        if state is None:
            return
        num = state[0]
        candidates = set(candidates) | set(self._column(DOCUMENT_FACT_ACTORS, {"num": num}))
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
    def known_actors(self, ids: pa.Array) -> pa.Array:
        """Which of these actor ids the store holds."""
        self._refresh()
        return self._existing_actors(ids)

    def document_keys(self, document_id: str) -> tuple[set[str], set[tuple[str, str, str]], set[str]]:
        """What one stored document states: its actor ids, link keys and territory ids (empty if absent)."""
        self._refresh()
        state = self._document_state(document_id)
        if state is None:
            return set(), set(), set()
        links = self._table(DOCUMENT_LINK_KEYS, {"num": state[0]}).to_pylist()
        return (set(self._column(DOCUMENT_FACT_ACTORS, {"num": state[0]})),
                {(r["source"], r["kind"], r["target"]) for r in links},
                set(self._column(DOCUMENT_TERRITORIES, {"id": document_id})))

    def documents(self) -> list[Document]:
        self._refresh()
        return [document_record(row) for row in self._table(DOCUMENTS).to_pylist()]

    def stored_tables(self) -> StoredTables:
        """Every stored fact as tables, each row with its document number in ``doc``."""
        self._refresh()
        return StoredTables(self._table(DOCUMENTS), self._table(ACTOR_FACTS),
                            pa.concat_tables([self._link_rows(t) for t in TARGET_LABELS]),
                            self._table(MENTIONED_TERRITORIES), self._table(MENTIONED_PROGRAMMES))

    def link_rows(self, actor_ids: Iterable[str]) -> pa.Table:
        """The evidence rows (``document`` id then the link columns) of the stored links from or to these
        actors, sentences included, of complete documents, each once (a link between two of them is found
        from both), read by looking each actor up by its key (:meth:`links_of`: 300 actors of a 600,000-link
        base in 0.08 s instead of 0.64 s for a scan of every link)."""
        rows = self.links_of(sorted(set(actor_ids)))
        doc, rank = rows.column("doc").to_numpy(), rows.column("rank").to_numpy()
        _, first = np.unique(np.stack([doc, rank]), axis=1, return_index=True)
        rows = rows.take(pa.array(np.sort(first), pa.int64()))
        documents = self._table(DOCUMENTS)
        nums = documents.column("num").combine_chunks()
        rows = rows.filter(pc.is_in(rows.column("doc"), value_set=nums))
        names = pc.take(documents.column("id"), pc.index_in(rows.column("doc"), value_set=nums))
        return rows.drop_columns(["doc", "rank"]).add_column(0, "document", names)

    def raw_actors(self, actor_ids: Iterable[str]) -> list[Actor]:
        """These actors as the documents state them, before curation (folded as :meth:`read` folds them)."""
        self._refresh()
        nums = self._table(DOCUMENTS).column("num").combine_chunks()
        facts = self._table(SOME_ACTOR_FACTS, {"ids": sorted(set(actor_ids))})
        facts = facts.filter(pc.is_in(facts.column("doc"), value_set=nums)).drop_columns(["doc"])
        grouped: dict[str, list[Actor]] = {}
        for actor in actors_from_table(facts.cast(ACTOR_SCHEMA)):
            grouped.setdefault(actor.id, []).append(actor)
        return [merge_actor_facts(group) for group in grouped.values()]

    def batches(self) -> Iterator[Batch]:
        return batches_of(self.stored_tables())

    def _link_rows(self, target_type: str | None, start: str = "", params: dict | None = None,
                   sentences: bool = True, nodes: pa.Table | None = None) -> pa.Table:
        """LINK rows to ``target_type`` nodes, or to any node (None) (:func:`link_rows`), ``rank`` made
        unique across target types (rows of an ``OPTIONAL`` match that found nothing dropped). With ``nodes``
        (:meth:`node_keys`), targets are read by row and named from it; links to other nodes are left out."""
        target = "b.id" if nodes is None else self.node_row
        table = self._table(link_rows(target_type, self.link_rank, start, self.node_label, sentences, target), params)
        table = table.filter(pc.is_valid(table.column("rank")))
        if target_type is None:  # labels to target types
            labels = pc.index_in(table.column("target_type"), value_set=pa.array(list(TARGET_LABELS.values())))
            table = table.set_column(4, "target_type", pc.take(pa.array(list(TARGET_LABELS)), labels))
            types = labels.to_numpy(zero_copy_only=False).astype(np.int64)
        else:
            types = np.full(table.num_rows, list(TARGET_LABELS).index(target_type), np.int64)
        if nodes is not None:
            table, types = _named_targets(table, types, nodes)
        table = table.cast(LINK_ROWS)
        rank = table.column("rank").to_numpy() + (types << RANK_BITS)
        return table.set_column(table.column_names.index("rank"), "rank", pa.array(rank))

    # -- reading a part (maillage.graph.store_scope) -----------------------------------------
    def actor_count(self) -> int:
        """How many actor nodes the store holds."""
        self._refresh()
        return self._column(ACTOR_COUNT, column="n")[0]

    def kind_names(self, kind: str) -> pa.Table:
        """``id``, ``name`` and ``aliases`` of each fact stating its actor to be of ``kind``."""
        self._refresh()
        return self._table(FACTS_OF_KIND, {"kind": kind}).cast(KIND_NAMES)

    def placed_actors(self, inside: Iterable[str], enclosing: Iterable[str]) -> pa.Table:
        """``id`` and ``inside`` of each fact placing its actor in ``inside`` territories (true), or only in
        ``enclosing`` ones or nowhere (false) (:data:`PLACED_FACTS`)."""
        self._refresh()
        return self._table(PLACED_FACTS, {"inside": list(inside), "enclosing": list(enclosing)})

    def linked_to_territories(self, ids: Iterable[str], kinds: Iterable[str]) -> pa.Table:
        """``id`` and ``kind``: the actors with a link of one of ``kinds`` to one of the territories ``ids``,
        once per kind."""
        self._refresh()
        found = self._table(LINKED_TO_TERRITORIES, {"ids": list(ids), "kinds": list(kinds)})
        return found.filter(pc.is_valid(found.column("id"))).cast(LINKED_ROWS)

    def facts_of(self, ids: Iterable[str]) -> pa.Table:
        """Every document's facts about the actors ``ids`` (:data:`FACT_ROWS` and ``pos``, their position in
        their document), in no particular order."""
        self._refresh()
        return self._table(FACTS_OF, {"ids": list(ids)}).cast(PLACED_FACT_ROWS)

    def node_keys(self, actor_ids: Iterable[str]) -> pa.Table:
        """``key`` and ``id`` of the nodes of these actors and of every territory, programme and service:
        a key is a node's row (:attr:`node_row`) above its target type's number (the bits of ``rank``),
        ordered by key. :meth:`links_of` names link targets from it: on a million actors, fetching the ids
        of 100,000 scattered targets cost LadybugDB 0.15 s, most of them being links out of the part."""
        self._refresh()
        tables = []
        for number, (target_type, label) in enumerate(TARGET_LABELS.items()):
            lookup = target_type == "actor"
            rows = self._table(node_rows(label, self.node_row, lookup), {"ids": list(actor_ids)} if lookup else None)
            key = rows.column("row").to_numpy(zero_copy_only=False).astype(np.int64) + (number << RANK_BITS)
            tables.append(pa.table({"key": key, "id": rows.column("id").cast(pa.string())}))
        nodes = pa.concat_tables(tables)
        return nodes.take(pc.sort_indices(nodes.column("key")))

    def links_of(self, ids: Iterable[str], target_types: Iterable[str] = tuple(TARGET_LABELS),
                 incoming: bool = True, sentences: bool = True, nodes: pa.Table | None = None) -> pa.Table:
        """The LINK rows from the actors ``ids`` to nodes of ``target_types``, and (``incoming``) into them
        from actors: the rows of :meth:`stored_tables` (a link between two of them comes twice; without
        ``sentences``, sentences are null). With ``nodes`` (:meth:`node_keys`), the links from ``ids`` to
        actors it does not hold are left out."""
        self._refresh()
        params = {"ids": list(ids)}
        if not params["ids"]:
            return LINK_ROWS.empty_table()
        target_types = list(target_types)
        if len(target_types) == 1:
            tables = [self._link_rows(target_types[0], LINKS_FROM, params, sentences, nodes)]
        else:  # one query: each actor looked up once
            tables = [self._link_rows(None, LINKS_FROM, params, sentences, nodes)]
            tables[0] = tables[0].filter(pc.is_in(tables[0].column("target_type"), value_set=pa.array(target_types)))
        if incoming:
            tables.append(self._link_rows("actor", LINKS_INTO, params, sentences))
        return pa.concat_tables(tables)

    def context_tables(self) -> StoredTables:
        """The stored documents, territories and programmes, with empty facts and links."""
        self._refresh()
        return StoredTables(self._table(DOCUMENTS), FACT_ROWS.empty_table(), LINK_ROWS.empty_table(),
                            self._table(MENTIONED_TERRITORIES), self._table(MENTIONED_PROGRAMMES))

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
            last = self._column(NEXT_SEQ, column="seq")
            start = 0 if not last or last[0] is None else last[0] + 1  # erased decisions leave gaps
            rows = [{"id": d.id, "seq": start + i, "action": d.action, "params": d.params_json(),
                     "author": d.author, "at": d.at} for i, d in enumerate(new)]
            self._run(CREATE_DECISIONS, {"rows": rows})
            self._run(BUMP_VERSION)
        return len(new)

    def decisions(self) -> list[Decision]:
        self._refresh()
        return [Decision(action=r["action"], params=json.loads(r["params"] or "{}"), author=r["author"],
                         at=r["at"], id=r["id"]) for r in self._table(DECISIONS).to_pylist()]

    def version(self) -> int:
        self._refresh()
        values = self._column(VERSION, column="value")
        return values[0] if values else 0


@dataclass
class StoredTables:
    """The stored facts as the store returns them: the complete documents (ordered by ``num``), the actor
    facts (ordered by ``doc`` then position), the evidence rows of links (encoding of
    :mod:`maillage.graph.columnar`, in the engine's order, each with its ``rank``: a document's links
    are taken in ``rank`` order) and the mentioned territories and programmes, all with ``doc``."""

    documents: pa.Table
    facts: pa.Table
    links: pa.Table
    territories: pa.Table
    programmes: pa.Table


#: Columns of the link rows of :meth:`CypherStore.stored_tables` (one row per piece of evidence).
LINK_ROWS = pa.schema([("doc", pa.int64()), *LINK_SCHEMA, ("rank", pa.int64())])
#: Columns of the fact rows of :meth:`CypherStore.stored_tables`.
FACT_ROWS = pa.schema([("doc", pa.int64()), *ACTOR_SCHEMA])
#: Columns of :meth:`CypherStore.kind_names`.
KIND_NAMES = pa.schema([("id", pa.string()), ("name", pa.string()), ("aliases", pa.list_(pa.string()))])
#: Columns of :meth:`CypherStore.linked_to_territories`.
LINKED_ROWS = pa.schema([("id", pa.string()), ("kind", pa.string())])
#: Columns of :meth:`CypherStore.facts_of`.
PLACED_FACT_ROWS = pa.schema([("doc", pa.int64()), ("pos", pa.int64()), *ACTOR_SCHEMA])


def batches_of(tables: StoredTables) -> Iterator[Batch]:
    """The batches of stored tables, one per document in order, each document's links in ``rank`` order."""
    links = tables.links.take(pc.sort_indices(tables.links, sort_keys=[("doc", "ascending"), ("rank", "ascending")]))
    facts = group_rows(tables.facts, "doc")
    links = group_rows(links.drop_columns(["rank"]), "doc")
    territories = group_rows(tables.territories, "doc")
    programmes = group_rows(tables.programmes, "doc")
    empty_facts, empty_links = ACTOR_SCHEMA.empty_table(), LINK_SCHEMA.empty_table()
    for row in tables.documents.to_pylist():
        num, document = row["num"], document_record(row)
        yield ColumnarBatch(document, facts[num].select(ACTOR_SCHEMA.names) if num in facts else empty_facts,
                            links[num].drop_columns(["doc"]) if num in links else empty_links,
                            territory_records(_rows(territories.get(num))),
                            programme_records(_rows(programmes.get(num))))


def document_record(row: dict) -> Document:
    """A document from its node's properties."""
    return Document(**{k: v for k, v in row.items() if k != "num" and v is not None})


def territory_records(rows: list[dict]) -> list[Territory]:
    """Territories from their nodes' properties (bare nodes keep the dataclass defaults)."""
    return [Territory(**_strip(r)) for r in rows]


def programme_records(rows: list[dict]) -> list[Programme]:
    return [Programme(**_strip(r)) for r in rows]


def _batch_actor_ids(actor_table: pa.Table, link_table: pa.Table) -> frozenset[str]:
    """Every actor id a batch names (its actors, link sources, actor targets)."""
    targets = link_table.filter(pc.equal(link_table.column("target_type"), "actor")).column("target")
    return frozenset(actor_table.column("id").to_pylist() + link_table.column("source").to_pylist()
                     + targets.to_pylist())


def _named_targets(table: pa.Table, types: np.ndarray, nodes: pa.Table) -> tuple[pa.Table, np.ndarray]:
    """Link rows whose ``target`` holds rows of nodes of the target types ``types``: those ``nodes`` (ordered
    by key, see :meth:`CypherStore.node_keys`) holds, with their targets' ids; and their types."""
    keys = table.column("target").to_numpy(zero_copy_only=False).astype(np.int64) + (types << RANK_BITS)
    known = nodes.column("key").to_numpy()
    at = np.minimum(np.searchsorted(known, keys), max(len(known) - 1, 0))
    found = known[at] == keys if len(known) else np.zeros(len(keys), bool)
    table = table.filter(pa.array(found))
    names = nodes.column("id").take(pa.array(at[found]))
    return table.set_column(table.column_names.index("target"), "target", names), types[found]


def _rows(table: pa.Table | None) -> list[dict]:
    return [] if table is None else table.drop_columns(["doc"]).to_pylist()


def _strip(row: dict) -> dict:
    """A node's properties without nulls (bare nodes keep the dataclass defaults)."""
    return {k: v for k, v in row.items() if v is not None}
