"""The knowledge base: a store plus the curation layer, as users see it.

Two reads: :meth:`KnowledgeBase.graph` folds every stored fact and applies the
decisions (full objects, evidence sentences included: exports, evidence views,
curation); :meth:`KnowledgeBase.folded` is the same curated graph in columns,
read from the snapshot kept beside the store for its current version
(:mod:`maillage.graph.folded`), which counts, scoping and analyses use. The
dashboard and long-lived processes keep one :class:`KnowledgeBase` open: its
folded graph is cached in memory until the store's version changes.

A territory scope on a big base reads only its part from the store instead
(:mod:`maillage.graph.store_scope`, rule in :meth:`KnowledgeBase.part`): one
commune of a million-actor base is a few percent of it, and the snapshot's
masks would walk all its links.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow.compute as pc

from maillage.graph.array_projection import project
from maillage.graph.array_scope import ScopedRows, scope_rows
from maillage.graph.curation import apply_decisions
from maillage.graph.folded import FoldedGraph, load_or_fold
from maillage.graph.model import Graph
from maillage.graph.scope import Scope
from maillage.graph.stats import GraphStats
from maillage.graph.stores import open_store
from maillage.graph.store_scope import read_part
from maillage.graph.stores.base import GraphStore

#: A territory scope is read from the store on bases of at least this many actors (below, scoping the
#: snapshot is cheaper: 0.15 s CPU against 0.55 s for 20,000 actors of a 100,000-actor base; above, the
#: snapshot's masks walk millions of links: coverage of 20,000 actors of a million took 3.0 to 3.7 s CPU end
#: to end from the snapshot, 1.3 to 1.5 s from the store)...
STORE_READ_MIN_ACTORS = 500_000
#: ... when the territory's seeds (its located actors, authorities and actors named by decisions) are at
#: most this share of the base's actors (the store read costs about 30 µs CPU per actor kept: at a million
#: actors, 0.8 s for 20,000, 6.5 s for 200,000, where the snapshot takes 2.3 s whatever the territory).
STORE_READ_MAX_SHARE = 0.05


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
        """The rows ``scope`` keeps (:mod:`maillage.graph.array_scope`): of the part of the territory read
        from the store when that pays (:meth:`part`), of the folded snapshot otherwise; the same either way."""
        part = self.part(scope)
        return scope_rows(self.folded() if part is None else part, scope)

    def part(self, scope: Scope) -> FoldedGraph | None:
        """The curated part of the base that ``scope`` may keep, read from the store
        (:func:`~maillage.graph.store_scope.read_part`), or None when the snapshot should answer.

        The rule: the store is read for a territory scope on a base of at least
        :data:`STORE_READ_MIN_ACTORS` actors whose territory's seeds are at most
        :data:`STORE_READ_MAX_SHARE` of them (a commune or an intercommunality of a region-sized
        base), unless ``around`` names no actor of the part by its exact id (a name is matched against
        the whole base, so the snapshot answers). A whole département, a small base or a store
        without these reads use the snapshot (a territory whose placed actors alone are too many is given
        up before its links are walked).
        """
        count = getattr(self.store, "actor_count", None)
        if not scope.territoire or count is None:
            return None
        actors = count()
        if actors < STORE_READ_MIN_ACTORS:
            return None
        part = read_part(self.store, scope, max_seeds=int(STORE_READ_MAX_SHARE * actors))
        if part is None or (scope.around and not pc.any(pc.equal(part.actors.column("id"), scope.around)).as_py()):
            return None
        return part

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
