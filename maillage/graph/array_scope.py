"""The scope rule of :mod:`maillage.graph.scope`, applied to the columns of a :class:`FoldedGraph`.

Same definitions, same answers, without one Python object per actor or link:
the link filters, the territory rule (core actors, attached actors within
:data:`~maillage.graph.scope.ATTACHED_DEPTH` links through actors located
nowhere or only in enclosing territories), the kind filter and the radius are
boolean masks over the rows of ``folded.actors`` and ``folded.links``, and the
breadth-first searches run on a CSR adjacency with numpy. Matching the
territory query reuses :func:`~maillage.graph.scope.resolve_territory` on the
few records it needs (territories, collectivités, ``GOVERNS`` and their
``LOCATED_IN`` links), so both paths name and resolve territories alike.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.errors import InputError
from maillage.graph.folded import FoldedGraph, rows_of
from maillage.graph.model import Graph
from maillage.graph.scope import ATTACHED_DEPTH, Scope, ancestors, match_actor, resolve_territory


def _strings(column) -> np.ndarray:
    """A text column as a numpy object array, each distinct value one Python string (through the
    column's dictionary: ten times faster than one string per row on five million links)."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    values = np.array(encoded.dictionary.to_pylist() + [None], dtype=object)
    indices = pc.fill_null(encoded.indices, len(encoded.dictionary)).to_numpy(zero_copy_only=False)
    return values[indices]


def _isin(column, values) -> np.ndarray:
    """Whether each value of an Arrow column is among ``values``."""
    value_set = pa.array(sorted(values), pa.string())
    return pc.is_in(column, value_set=value_set).to_numpy(zero_copy_only=False).astype(bool)


class Csr:
    """An adjacency in compressed rows: the neighbours of ``i`` are ``indices[indptr[i]:indptr[i + 1]]``,
    in the order the edges were given (a stable sort by source)."""

    def __init__(self, n: int, sources: np.ndarray, targets: np.ndarray) -> None:
        order = np.argsort(sources, kind="stable")
        self.indices = targets[order]
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(sources, minlength=n))]).astype(np.int64)

    def neighbours(self, rows: np.ndarray) -> np.ndarray:
        """The neighbours of all ``rows`` together (with repeats)."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        if not lengths.sum():
            return np.zeros(0, np.int64)
        offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        return self.indices[offsets + np.arange(lengths.sum())]


def within(csr: Csr, start: np.ndarray, depth: int, allowed: np.ndarray) -> np.ndarray:
    """Rows reached from the ``start`` mask in at most ``depth`` steps through ``allowed`` rows (start included)."""
    seen = start.copy()
    frontier = np.flatnonzero(start)
    for _step in range(depth):
        if not len(frontier):
            break
        reached = np.zeros(len(seen), bool)
        reached[csr.neighbours(frontier)] = True
        reached = np.flatnonzero(reached & ~seen & allowed)
        seen[reached] = True
        frontier = reached
    return seen


@dataclass
class Columns:
    """The numpy views of a folded graph that scoping needs, computed once per folded graph."""

    folded: FoldedGraph

    @cached_property
    def actor_count(self) -> int:
        return self.folded.actors.num_rows

    def ids(self, rows: np.ndarray) -> list[str]:
        """The actor ids at these rows (a mask or row numbers)."""
        rows = np.flatnonzero(rows) if rows.dtype == bool else rows
        return self.folded.actors.column("id").take(pa.array(rows, pa.int64())).to_pylist()

    def rows(self, ids) -> np.ndarray:
        """The rows of these actor ids (-1 for an unknown one)."""
        return rows_of(pa.array(list(ids), pa.string()), self.folded.actors.column("id"))

    @cached_property
    def excluded_always(self) -> tuple[str, ...]:
        """Methods whose evidence no scope keeps: suggestions wait for review (empty when there are none,
        so a base without suggestions keeps the filters' fast path)."""
        has = pc.any(pc.equal(self.folded.evidence.column("method"), "suggestion")).as_py()
        return ("suggestion",) if has else ()

    @cached_property
    def source(self) -> np.ndarray:
        """Actor row of each link's source (-1: not an actor)."""
        return self.folded.link_ends().column("source").to_numpy()

    @cached_property
    def target(self) -> np.ndarray:
        """Actor row of each link's target (-1: not an actor, or unknown)."""
        return self.folded.link_ends().column("target").to_numpy()

    @cached_property
    def kind(self) -> np.ndarray:
        return _strings(self.folded.links.column("kind"))

    @cached_property
    def target_type(self) -> np.ndarray:
        return _strings(self.folded.links.column("target_type"))

    @cached_property
    def evidence_link(self) -> np.ndarray:
        return self.folded.evidence.column("link").to_numpy()

    @cached_property
    def evidence_confidence(self) -> np.ndarray:
        return self.folded.evidence.column("confidence").to_numpy()

    def actor_places(self, links: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(actor row, territory id) of every place an actor is located in: its territories, and the
        targets of its ``LOCATED_IN`` links among the ``links`` mask."""
        territories = self.folded.actors.column("territories")
        rows = pc.list_parent_indices(territories).to_numpy()
        places = pc.list_flatten(territories).to_numpy(zero_copy_only=False)
        located = links & (self.kind == "LOCATED_IN") & (self.target_type == "territory") & (self.source >= 0)
        targets = np.array(self.folded.links.column("target").filter(pa.array(located)).to_pylist(), dtype=object)
        return (np.concatenate([rows, self.source[located]]).astype(np.int64),
                np.concatenate([places.astype(object), targets]))

    def neighbours(self, links: np.ndarray, actors: np.ndarray | None = None) -> Csr:
        """The undirected actor adjacency of the ``links`` mask (between ``actors`` rows when given)."""
        both = links & (self.source >= 0) & (self.target >= 0)
        u, v = self.source[both], self.target[both]
        if actors is not None:
            inside = actors[u] & actors[v]
            u, v = u[inside], v[inside]
        return Csr(self.actor_count, np.concatenate([u, v]), np.concatenate([v, u]))


def columns_of(folded: FoldedGraph) -> Columns:
    """The :class:`Columns` of a folded graph, cached on it."""
    cached = folded.__dict__.get("_columns")
    if cached is None:
        cached = folded.__dict__["_columns"] = Columns(folded)
    return cached


def filter_links(cols: Columns, scope: Scope) -> np.ndarray:
    """The mask of :func:`maillage.graph.scope.filter_links`: kind filter (``LOCATED_IN`` always kept),
    evidence of excluded methods (suggestions always) dropped, best remaining confidence at least the minimum."""
    folded = cols.folded
    n = folded.links.num_rows
    excluded = (*scope.exclude_methods, *cols.excluded_always)
    if not excluded and scope.min_confidence <= 0 and not scope.link_kinds:
        return np.ones(n, bool)  # every link keeps all its evidence, and any confidence is >= 0
    evidence_link = cols.evidence_link
    has_evidence = np.bincount(evidence_link, minlength=n) > 0
    kept = np.ones(len(evidence_link), bool)
    if excluded:
        kept = ~_isin(folded.evidence.column("method"), excluded)
    best = np.full(n, -np.inf)
    np.maximum.at(best, evidence_link[kept], cols.evidence_confidence[kept])
    confidence = np.where(has_evidence, best, 1.0)
    mask = (~has_evidence | (best > -np.inf)) & (confidence >= scope.min_confidence)
    if scope.link_kinds:
        mask &= np.isin(cols.kind, [*scope.link_kinds, "LOCATED_IN"])
    return mask


def _authorities_graph(cols: Columns) -> Graph:
    """What :func:`resolve_territory` reads: territories, collectivités, ``GOVERNS`` links to territories
    and the collectivités' ``LOCATED_IN`` links (without evidence)."""
    folded = cols.folded
    authorities = np.flatnonzero(_isin_lists(folded.actors.column("kinds"), ("collectivite",), cols.actor_count))
    is_authority = np.zeros(cols.actor_count, bool)
    is_authority[authorities] = True
    from_authority = np.where(cols.source >= 0, is_authority[np.maximum(cols.source, 0)], False)
    wanted = (cols.target_type == "territory") & (
        (cols.kind == "GOVERNS") | ((cols.kind == "LOCATED_IN") & from_authority))
    graph = Graph(actors={a.id: a for a in folded.actor_records(authorities)},
                  territories={t.id: t for t in folded.territory_records()})
    graph.links = {link.key: link for link in folded.bare_links(wanted)}
    return graph


@dataclass
class ScopedRows:
    """A scope on a folded graph: the kept actor and link rows, the territory label, the core actors."""

    cols: Columns
    actors: np.ndarray  # bool mask over folded.actors
    links: np.ndarray  # bool mask over folded.links
    label: str
    core: np.ndarray  # bool mask over folded.actors

    @property
    def actor_count(self) -> int:
        return int(self.actors.sum())


def scope_rows(folded: FoldedGraph, scope: Scope) -> ScopedRows:
    """Apply ``scope`` with the rule of :mod:`maillage.graph.scope`; an empty scope is an InputError."""
    scope.validate()
    cols = columns_of(folded)
    n = cols.actor_count
    links = filter_links(cols, scope)
    keep = np.ones(n, bool)
    label, core = "tout le graphe", np.ones(n, bool)
    if scope.territoire:
        small = _authorities_graph(cols)
        match = resolve_territory(small, scope.territoire)
        rows, places = cols.actor_places(links)
        inside = np.isin(places, list(match.territory_ids))
        enclosing = np.isin(places, list(ancestors(small, match.territory_ids)))
        core = np.zeros(n, bool)
        core[rows[inside]] = True
        authorities = cols.rows(match.authorities)
        core[authorities[authorities >= 0]] = True
        allowed = np.ones(n, bool)
        allowed[rows[~enclosing]] = False
        keep = within(cols.neighbours(links), core, ATTACHED_DEPTH, allowed)
        label = match.label
    if scope.kinds:
        keep &= _isin_lists(folded.actors.column("kinds"), scope.kinds, n)
    if scope.around:
        entries = zip(*(folded.actors.column(c).to_pylist() for c in ("id", "name", "aliases")))
        pool = ((i, name, aliases or []) for i, name, aliases in entries)
        centre = int(cols.rows([match_actor(pool, scope.around, "acteur central")])[0])
        if not keep[centre]:
            name = folded.actors.column("name")[centre].as_py()
            raise InputError(f"« {name} » n'est pas dans le périmètre choisi")
        start = np.zeros(n, bool)
        start[centre] = True
        keep = within(cols.neighbours(links, keep), start, scope.radius, np.ones(n, bool))
    if not keep.any():
        where = f" sur « {scope.territoire} »" if scope.territoire else ""
        raise InputError(f"périmètre vide : aucun acteur{where} avec ces filtres")
    source_kept = np.where(cols.source >= 0, keep[np.maximum(cols.source, 0)], False)
    target_kept = np.where(cols.target >= 0, keep[np.maximum(cols.target, 0)], cols.target_type != "actor")
    return ScopedRows(cols, keep, links & source_kept & target_kept, label, core & keep)


def _isin_lists(column, values, n: int) -> np.ndarray:
    """Whether each row's list holds one of ``values``."""
    rows = pc.list_parent_indices(column).to_numpy()
    hit = _isin(pc.list_flatten(column), values)
    found = np.zeros(n, bool)
    found[rows[hit]] = True
    return found
