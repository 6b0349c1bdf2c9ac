"""The knowledge base: a store plus the curation layer, as users see it.

Two reads: :meth:`KnowledgeBase.graph` folds every stored fact and applies the
decisions (full objects, evidence sentences included: exports, evidence views,
curation); :meth:`KnowledgeBase.folded` is the same curated graph in columns,
read from the snapshot kept beside the store for its current version
(:mod:`maillage.graph.folded`), which counts, scoping and analyses use. The
dashboard and long-lived processes keep one :class:`KnowledgeBase` open: its
folded graph is cached in memory until the store's version changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from maillage.graph.array_projection import project
from maillage.graph.array_scope import ScopedRows, scope_rows
from maillage.graph.curation import apply_decisions
from maillage.graph.folded import FoldedGraph, load_or_fold
from maillage.graph.model import Graph
from maillage.graph.scope import Scope
from maillage.graph.stats import GraphStats
from maillage.graph.stores import open_store
from maillage.graph.stores.base import GraphStore


@dataclass
class KnowledgeBase:
    store: GraphStore
    _folded: tuple[int, FoldedGraph] | None = field(default=None, repr=False)

    def graph(self) -> Graph:
        """The curated graph: every document's facts with every decision applied on top."""
        return apply_decisions(self.store.read(), self.store.decisions())

    def folded(self) -> FoldedGraph:
        """The curated graph in columns, for the store's current version (see the module docstring)."""
        version = self.store.version()
        if self._folded is None or self._folded[0] != version:
            self._folded = (version, load_or_fold(self.store))
        return self._folded[1]

    def scoped(self, scope: Scope) -> ScopedRows:
        """The rows of the folded graph ``scope`` keeps (:mod:`maillage.graph.array_scope`)."""
        return scope_rows(self.folded(), scope)

    def projection(self, scope: Scope):
        """What the analyses take for ``scope``: a networkx projection for a small scope, an
        :class:`~maillage.graph.array_projection.ArrayProjection` for a big one (same answers)."""
        return project(self.scoped(scope))

    def stats(self) -> GraphStats:
        """The counts of :mod:`maillage.graph.stats` of the curated graph."""
        return self.folded().stats()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_kb(db: str = "./maillage-data", store: str = "ladybug", read_only: bool = False) -> KnowledgeBase:
    """Open the knowledge base at ``db`` (embedded) or on the Neo4j server of the environment."""
    return KnowledgeBase(open_store(store, db, read_only=read_only))
