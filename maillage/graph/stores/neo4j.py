"""The team store: a Neo4j 5 server through the official ``neo4j`` Bolt driver.

Thin on purpose: the layout and every query but the schema and the bulk inserts
are shared with the embedded store (:mod:`maillage.graph.stores.cypher`). Bulk
inserts are ``UNWIND $rows`` in chunks, inside the write's transaction.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

import pyarrow as pa
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

from maillage.errors import InputError, MaillageError
from maillage.graph.stores.cypher import CypherStore

#: Rows sent per UNWIND query.
CHUNK = 10_000

SCHEMA = [
    *(f"CREATE CONSTRAINT maillage_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in ("Document", "Actor", "Territory", "Programme", "Service", "Decision")),
    "CREATE CONSTRAINT maillage_meta_name IF NOT EXISTS FOR (n:Meta) REQUIRE n.name IS UNIQUE",
    "CREATE CONSTRAINT maillage_erasure_hash IF NOT EXISTS FOR (n:Erasure) REQUIRE n.hash IS UNIQUE",
    "CREATE INDEX maillage_fact_doc IF NOT EXISTS FOR (f:ActorFact) ON (f.doc)",
    "CREATE INDEX maillage_fact_actor IF NOT EXISTS FOR (f:ActorFact) ON (f.actor)",  # parts read by actor
    "CREATE INDEX maillage_link_doc IF NOT EXISTS FOR ()-[l:LINK]-() ON (l.doc)",
]


class Neo4jStore(CypherStore):
    """A :class:`~maillage.graph.stores.base.GraphStore` on a Neo4j server."""

    link_rank = "id(l)"  # the relationship's id: deprecated by Neo4j 5 for elementId, but an integer
    node_label = "labels(b)[0]"
    node_row = "id(b)"  # a node's id, as link_rank (an integer, unique among all nodes)

    def __init__(self, uri: str, user: str, password: str, read_only: bool = False,
                 database: str | None = None) -> None:
        self.where = uri
        self.read_only = read_only
        self.erasure_key_path = os.environ.get("MAILLAGE_CLE_OUBLI", "maillage-oubli.cle")
        self._database = database
        driver = None
        try:
            driver = GraphDatabase.driver(uri, auth=(user, password))
            driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, ConfigurationError, ValueError, OSError) as exc:
            if driver is not None:
                driver.close()
            raise MaillageError(f"serveur Neo4j injoignable à {uri} ({type(exc).__name__}) : "
                                "vérifiez NEO4J_URI, NEO4J_USER et NEO4J_PASSWORD") from None
        self._driver = driver
        self._session = self._driver.session(database=database)
        self._tx = None
        if not read_only:
            for statement in SCHEMA:
                self._run(statement)
            self._init_contents()

    @classmethod
    def from_env(cls, read_only: bool = False) -> "Neo4jStore":
        """The server named by NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD, NEO4J_DATABASE."""
        uri = os.environ.get("NEO4J_URI")
        if not uri:
            raise InputError("NEO4J_URI n'est pas défini (par ex. bolt://localhost:7687)")
        return cls(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                   read_only=read_only, database=os.environ.get("NEO4J_DATABASE") or None)

    # -- primitives -------------------------------------------------------------------
    def _result(self, query: str, params: dict | None):
        runner = self._tx if self._tx is not None else self._session
        return runner.run(query, params or {})

    def _table(self, query: str, params: dict | None = None) -> pa.Table:
        result = self._result(query, params)
        keys = result.keys()
        rows = [record.values() for record in result]
        return pa.table({key: [row[i] for row in rows] for i, key in enumerate(keys)})

    def _run(self, query: str, params: dict | None = None) -> None:
        self._result(query, params).consume()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._tx = self._session.begin_transaction()
        try:
            yield
        except BaseException:
            self._tx.rollback()
            raise
        else:
            self._tx.commit()
        finally:
            self._tx = None

    def _insert_nodes(self, label: str, table: pa.Table) -> None:
        for start in range(0, table.num_rows, CHUNK):
            rows = table.slice(start, CHUNK).to_pylist()
            self._run(f"UNWIND $rows AS r CREATE (n:{label}) SET n = r", {"rows": rows})

    def _insert_links(self, label: str, table: pa.Table) -> None:
        query = (f"UNWIND $rows AS r MATCH (a:Actor {{id: r.source}}) MATCH (b:{label} {{id: r.target}}) "
                 "CREATE (a)-[l:LINK]->(b) SET l = r.props")
        for start in range(0, table.num_rows, CHUNK):
            rows = [{"source": row.pop("from"), "target": row.pop("to"), "props": row}
                    for row in table.slice(start, CHUNK).to_pylist()]
            self._run(query, {"rows": rows})

    def close(self) -> None:
        if self._driver is not None:
            self._session.close()
            self._driver.close()
            self._driver = None
