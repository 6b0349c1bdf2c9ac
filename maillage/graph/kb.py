"""The knowledge base: a store plus the curation layer, as users see it."""
from __future__ import annotations

from dataclasses import dataclass

from maillage.graph.curation import apply_decisions
from maillage.graph.model import Graph
from maillage.graph.stores import open_store
from maillage.graph.stores.base import GraphStore


@dataclass
class KnowledgeBase:
    store: GraphStore

    def graph(self) -> Graph:
        """The curated graph: every document's facts with every decision applied on top."""
        return apply_decisions(self.store.read(), self.store.decisions())

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_kb(db: str = "./maillage-data", store: str = "ladybug", read_only: bool = False) -> KnowledgeBase:
    """Open the knowledge base at ``db`` (embedded) or on the Neo4j server of the environment."""
    return KnowledgeBase(open_store(store, db, read_only=read_only))
