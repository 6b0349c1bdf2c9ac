"""A territory's part of the curated graph, read from the store with parameterised Cypher (issue 12, item 2).

Scoping the folded snapshot (:mod:`maillage.graph.folded`) to one commune of a million-actor base still
walks its five million links. :func:`read_part` reads from the store only what the territory rule of
:mod:`maillage.graph.scope` may keep, and what decides it; folds it as the snapshot is folded and applies
the curation decisions to it. :func:`~maillage.graph.array_scope.scope_rows` then scopes that part, with
the same answers as on the whole curated graph.

What is read (every id reaches the store as a query parameter):

1. **the territory**, resolved as :func:`~maillage.graph.scope.resolve_territory` does, on the curated
   collectivités the query may name (one of their facts names them so), those governing the covered
   territories and the actors the decisions name (their facts and their links to territories): this
   gives the covered territories and the territories enclosing them (every collectivité is read only
   when the query matches nothing, for the error's closest names);
2. **the seeds**: the actors a fact places in a covered territory, those with a ``LOCATED_IN`` or
   ``GOVERNS`` link to one, the matched authorities, and every actor a decision names (a merge moves the
   facts and links of one actor to another: both are read whole);
3. **the neighbourhood**: the actors that may be attached (each of their facts places them nowhere or only
   in enclosing territories; their ``LOCATED_IN`` links are not looked at, so this is a superset) and those
   a decision names, within :data:`~maillage.graph.scope.ATTACHED_DEPTH` links of the seeds through such
   actors: found in rounds from the seeds (the links of the actors found so far give the next ones), or
   from the links of all attachable actors when they are fewer;
4. for every actor read: its facts (every document's) and its links (every document's evidence) whose
   other end is an actor read, a territory, a programme or a service (link targets are read as node rows
   and named from the rows of these nodes, :meth:`~maillage.graph.stores.cypher.CypherStore.node_keys`:
   most links out of a territory lead out of it, and fetching their targets' ids cost more than the rest
   of the read); and the documents, territories and programmes.

Why the part scopes as the base does: an actor the rule keeps in the base, or whose places the rule looks
at on its way, is read with all its facts and all its links, so it has in the part the record, places and
neighbours it has in the base; an actor not read is absent from the part, and the base would not keep it
either (it is neither placed in the territory nor reachable through attachable actors). Decisions change
only the actors they name and those actors' links, all read, and the part keeps the base's order of actors
(first statement) and of links (first evidence: document, then ``rank``): the projections and analyses see
the same graph in the same order. The equivalence is checked by ``tests/store/test_store_scope.py``.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.curation import Decision, apply_decisions
from maillage.graph.facts import merge_batches
from maillage.graph.folded import FoldedGraph
from maillage.graph.folding import fold_facts, fold_link_rows, records_table
from maillage.graph.model import Document, Programme, Territory
from maillage.graph.model import Graph
from maillage.graph.scope import ATTACHED_DEPTH, Scope, TerritoryMatch, ancestors, fold, resolve_territory
from maillage.graph.stores.cypher import (PLACED_FACT_ROWS, TARGET_LABELS, StoredTables, batches_of, document_record,
                                          programme_records, territory_records)

#: The actor kind that may stand for a territory (see :func:`~maillage.graph.scope.resolve_territory`).
AUTHORITY_KIND = "collectivite"
#: Links that make their source one of a territory's core actors.
PLACING_LINKS = ("GOVERNS", "LOCATED_IN")


def decision_actors(decisions: Iterable[Decision]) -> set[str]:
    """Every id a decision names as an actor or a link end (ids of territories among them are harmless)."""
    return {value for decision in decisions for name, value in decision.params.items()
            if name in ("source", "target", "actor") and isinstance(value, str)}


def _part_tables(context: StoredTables, facts: list[pa.Table], links: list[pa.Table]) -> StoredTables:
    """Stored tables of a part: the facts in stored order (document, position), each link row once."""
    fact_rows = pa.concat_tables(facts)
    fact_rows = fact_rows.take(pc.sort_indices(fact_rows, sort_keys=[("doc", "ascending"), ("pos", "ascending")]))
    link_rows = pa.concat_tables(links)
    _ranks, first = np.unique(link_rows.column("rank").to_numpy(), return_index=True)  # unique per relationship
    return StoredTables(context.documents, fact_rows.drop_columns(["pos"]), link_rows.take(pa.array(first)),
                        context.territories, context.programmes)


def _curated_graph(tables: StoredTables, decisions: list[Decision]) -> Graph:
    return apply_decisions(merge_batches(batches_of(tables)), decisions)


def fold_part(tables: StoredTables, decisions: list[Decision]) -> FoldedGraph:
    """The curated graph of stored tables in columns, as :func:`maillage.graph.folded.fold_store` makes it."""
    if decisions:
        return FoldedGraph.from_graph(_curated_graph(tables, decisions))
    return fold_stored(tables)


def fold_stored(tables: StoredTables) -> FoldedGraph:
    """The raw graph of :func:`maillage.graph.facts.merge_batches` of stored tables, folded in columns in the
    order of :mod:`maillage.graph.folding`: actors by first statement; links by first row, rows ordered by
    document, target type, then their place in the store (``rank``); evidence in that order."""
    nums = tables.documents.column("num").combine_chunks()
    facts = tables.facts.filter(pc.is_in(tables.facts.column("doc"), value_set=nums))
    links = tables.links.filter(pc.is_in(tables.links.column("doc"), value_set=nums))
    type_rank = pc.index_in(links.column("target_type"), value_set=pa.array(list(TARGET_LABELS)))
    order = np.lexsort([links.column("rank").to_numpy(), type_rank.to_numpy(zero_copy_only=False),
                        links.column("doc").to_numpy()])
    links = links.take(pa.array(order))
    document_rows = tables.documents.to_pylist()
    territories: dict[str, Territory] = {}
    for territory in territory_records(_in_order(tables.territories)):
        territories.setdefault(territory.id, territory)
    programmes: dict[str, Programme] = {}
    for programme in programme_records(_in_order(tables.programmes)):
        programmes.setdefault(programme.id, programme)
    link_table, evidence = fold_link_rows(links, {row["num"]: row["id"] for row in document_rows})
    return FoldedGraph(fold_facts(facts), link_table, evidence,
                       records_table(territories.values(), Territory), records_table(programmes.values(), Programme),
                       records_table([document_record(row) for row in document_rows], Document))


def _in_order(table: pa.Table) -> list[dict]:
    """Rows in document order, without ``doc``."""
    return table.take(pc.sort_indices(table, sort_keys=[("doc", "ascending")])).drop_columns(["doc"]).to_pylist()


class _PartReader:
    """The reads of :func:`read_part` on one store, and what they gathered."""

    def __init__(self, store, decisions: list[Decision]) -> None:
        self.store = store
        self.decisions = decisions
        self.named = decision_actors(decisions)
        self.context = store.context_tables()
        self.facts: list[pa.Table] = [PLACED_FACT_ROWS.empty_table()]
        self.links: list[pa.Table] = []
        self.nodes: pa.Table | None = None  # the nodes link targets are named from (see ``know``)
        self.stated: set[str] = set()  # actors whose facts are read
        self.authorities: set[str] = set()  # every collectivité (see ``resolve``)
        self.linked: set[str] = set()  # actors whose links (all of them) are read

    def read_facts(self, ids: set[str]) -> None:
        ids = ids - self.stated
        if ids:
            self.facts.append(self.store.facts_of(ids))
            self.stated |= ids

    def resolve(self, query: str) -> tuple[TerritoryMatch, Graph]:
        """Step 1, first pass: the territory match on the collectivités the query may name (a fact of theirs
        names them so: their curated names and aliases are their facts') and the actors decisions name, read
        with their links to territories; every collectivité only when the query matches nothing (the error
        lists the closest names). Its covered territories are final; its authorities miss those governing
        them (see :meth:`governed`)."""
        authorities = self.store.kind_names(AUTHORITY_KIND)
        key = fold(query)
        matching = {actor for actor, name, aliases in zip(*(authorities.column(c).to_pylist()
                                                             for c in ("id", "name", "aliases")))
                    if key and key in {fold(actor), fold(name or ""), *(fold(a) for a in aliases or ())}}
        self.authorities = set(authorities.column("id").to_pylist())
        try:
            return self._match(query, matching | self.named)
        except InputError:
            self._match(query, self.authorities)  # raises the whole base's error
            raise

    def governed(self, query: str, match: TerritoryMatch) -> tuple[TerritoryMatch, pa.Table]:
        """Step 1, second pass: the match with the collectivités governing the covered territories read too,
        and the links placing actors in them (:meth:`linked_to_territories` rows, which give those)."""
        placing = self.store.linked_to_territories(match.territory_ids, PLACING_LINKS)
        governing = set(placing.filter(pc.equal(placing.column("kind"), "GOVERNS")).column("id").to_pylist())
        return self._match(query, governing & (self.authorities | self.named))[0], placing

    def _match(self, query: str, actors: set[str]) -> tuple[TerritoryMatch, Graph]:
        """:func:`resolve_territory` on the curated graph of the actors read so far and of ``actors``
        (read with their links to territories), and that graph."""
        more = actors - self.stated
        self.read_facts(more)
        self.links.append(self.store.links_of(more, ("territory",), incoming=False, sentences=bool(self.decisions)))
        graph = _curated_graph(_part_tables(self.context, self.facts, self.links), self.decisions)
        return resolve_territory(graph, query), graph

    def know(self, actors: set[str]) -> None:
        """Read the links from actors only to these actors (and to territories, programmes, services): the
        part holds no other actor."""
        self.nodes = self.store.node_keys(actors)

    def read_links(self, ids: set[str], incoming: bool = True) -> pa.Table:
        """The links of these actors (from them to the actors of ``know``, and into them from any actor
        when ``incoming``); returns the rows read."""
        ids = ids - self.linked
        rows = self.store.links_of(ids, incoming=incoming, sentences=bool(self.decisions),  # empty ids: no query
                                   nodes=self.nodes)
        self.links.append(rows)
        if incoming:
            self.linked |= ids
        return rows

    def tables(self, whole: set[str]) -> StoredTables:
        """Step 4: the part's tables, the actors ``whole`` with their facts (links to actors neither read
        whole nor stated are left out)."""
        self.read_facts(whole)
        tables = _part_tables(self.context, self.facts, self.links)
        known = pa.array(sorted(self.stated), pa.string())
        links = tables.links
        to_actor = pc.equal(links.column("target_type"), "actor")
        kept = pc.and_(pc.is_in(links.column("source"), value_set=known),
                       pc.or_(pc.invert(to_actor), pc.is_in(links.column("target"), value_set=known)))
        tables.links = links.filter(kept)
        return tables


def _ends(rows: pa.Table) -> pa.Array:
    """The distinct actor ids at either end of link rows."""
    targets = rows.filter(pc.equal(rows.column("target_type"), "actor")).column("target")
    return pc.unique(pa.chunked_array([*rows.column("source").chunks, *targets.chunks], pa.string()))


def _by_rounds(reader: _PartReader, seeds: set[str], attachable: pa.Array) -> set[str]:
    """Step 3 from the seeds: each round reads every link of the actors found, and finds the next ones
    among their neighbours. Returns the actors read whole."""
    frontier, whole = seeds, set(seeds)
    for _depth in range(ATTACHED_DEPTH):
        ends = _ends(reader.read_links(frontier))
        frontier = set(ends.filter(pc.is_in(ends, value_set=attachable)).to_pylist()) - whole
        whole |= frontier
    reader.read_links(frontier)
    return whole


def _through_attachable(reader: _PartReader, seeds: set[str], attachable: pa.Array) -> set[str]:
    """Step 3 from the few attachable actors: every link of theirs is read, the seeds' links out of them
    only (a link into a seed from an actor that is neither a seed nor attachable is never kept).
    Returns the actors read whole."""
    rows = reader.read_links(set(attachable.to_pylist()))
    rows = rows.filter(pc.equal(rows.column("target_type"), "actor"))
    neighbours: dict[str, set[str]] = {}
    for source, target in zip(rows.column("source").to_pylist(), rows.column("target").to_pylist()):
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)
    candidates = reader.linked
    frontier, whole = seeds, set(seeds)
    for _depth in range(ATTACHED_DEPTH):
        frontier = {n for actor in frontier for n in neighbours.get(actor, ())} & candidates - whole
        whole |= frontier
    reader.read_links(whole, incoming=False)
    return whole


def read_part(store, scope: Scope, max_seeds: int | None = None) -> FoldedGraph | None:
    """The curated part of ``store`` that a territory scope can keep (see the module docstring); None when
    the territory's seeds outnumber ``max_seeds`` (its part would cost more than the snapshot), found
    before reading any link when the actors its facts place in it already do.

    Step 3 takes one of two equivalent ways, the cheaper one: from the seeds (:func:`_by_rounds`), or,
    when attachable actors are fewer than half the seeds, from them (:func:`_through_attachable`).
    An unknown or ambiguous territory raises the :class:`~maillage.errors.InputError` the snapshot path
    raises. The other filters of ``scope`` are not applied here: ``scope_rows`` applies them to the part.
    """
    scope.validate()
    reader = _PartReader(store, store.decisions())
    match, graph = reader.resolve(scope.territoire)
    placed = store.placed_actors(match.territory_ids, ancestors(graph, match.territory_ids))
    inside = placed.filter(placed.column("inside"))
    if max_seeds is not None and pc.count_distinct(inside.column("id")).as_py() > max_seeds:
        return None  # before walking every link into the territory
    match, placing = reader.governed(scope.territoire, match)
    seeds = (set(inside.column("id").to_pylist()) | set(match.authorities) | reader.named
             | set(placing.column("id").to_pylist()))
    if max_seeds is not None and len(seeds) > max_seeds:
        return None
    attachable = placed.filter(pc.invert(placed.column("inside"))).column("id").cast(pa.string())
    attachable = pc.unique(pa.chunked_array([*attachable.chunks, pa.array(sorted(reader.named), pa.string())]))
    reader.know(seeds | set(attachable.to_pylist()) | reader.stated)
    through = _through_attachable if 2 * len(attachable) <= len(seeds) else _by_rounds
    return fold_part(reader.tables(through(reader, seeds, attachable)), reader.decisions)
