"""Graph stores: the embedded LadybugDB file (default) or a Neo4j server (teams)."""
from __future__ import annotations

from maillage.errors import InputError
from maillage.graph.stores.base import GraphStore

STORE_KINDS = ("ladybug", "neo4j")


def open_store(kind: str, path: str, read_only: bool = False) -> GraphStore:
    """Open a store: ``"ladybug"`` is the LadybugDB file at ``path``; ``"neo4j"`` is the server
    named by ``NEO4J_URI``, ``NEO4J_USER`` and ``NEO4J_PASSWORD`` (``path`` is then unused)."""
    if kind == "ladybug":
        from maillage.graph.stores.ladybug import LadybugStore

        return LadybugStore(path, read_only=read_only)
    if kind == "neo4j":
        from maillage.graph.stores.neo4j import Neo4jStore

        return Neo4jStore.from_env(read_only=read_only)
    raise InputError(f"base inconnue : {kind!r} (choisir parmi {', '.join(STORE_KINDS)})")
