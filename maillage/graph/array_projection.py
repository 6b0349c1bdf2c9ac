"""The projection of a scope read from columns: networkx for small scopes, arrays for big ones.

:func:`project` turns the rows a scope keeps (:func:`maillage.graph.array_scope.scope_rows`) into
what the analyses take:

- up to :data:`ARRAY_MIN` actors, the ``MultiDiGraph`` of :func:`maillage.graph.projection.to_networkx`
  (links carry their kept evidence's document, method and confidence, not its sentence);
- above, an :class:`ArrayProjection`: a read-only stand-in offering the part of the networkx API the
  analyses use (``G.nodes[n]``, ``G.nodes(data=...)``, ``G.out_edges``/``in_edges``/``edges`` with
  keys, ``G.succ[n]``, ``G.graph``), built from numpy arrays in a fraction of the time, node
  attributes read from the columns on demand. Its actor graph (:meth:`ArrayProjection.actor_graph`)
  is an :class:`ArrayActorGraph` whose neighbours come in the same order as networkx's, so
  breadth-first searches and igraph communities give the same answers on both.
"""
from __future__ import annotations

import json
from functools import cached_property

import networkx as nx
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.array_scope import ScopedRows
from maillage.graph.model import ACTOR_ATTRIBUTES, Evidence, Graph
from maillage.graph.projection import to_networkx

#: Scopes of more actors than this are projected on arrays.
ARRAY_MIN = 3000

_ACTOR_LISTS = ("kinds", "aliases", "roles", "territories")


def project(scoped: ScopedRows, array_min: int = ARRAY_MIN):
    """The projection of a scope (see the module docstring), with ``territoire`` and ``core`` in ``G.graph``."""
    G = ArrayProjection(scoped) if scoped.actor_count > array_min else to_networkx(scoped_graph(scoped))
    G.graph["territoire"] = scoped.label
    G.graph["core"] = sorted(scoped.cols.ids(scoped.core))
    return G


def scoped_graph(scoped: ScopedRows) -> Graph:
    """The scoped :class:`Graph` (links with their kept evidence, sentences left out)."""
    cols, folded = scoped.cols, scoped.cols.folded
    graph = Graph(actors={a.id: a for a in folded.actor_records(np.flatnonzero(scoped.actors))},
                  territories={t.id: t for t in folded.territory_records()},
                  programmes={p.id: p for p in folded.programme_records()})
    rows = np.flatnonzero(scoped.links)
    evidence = folded.evidence.filter(pa.array(np.isin(cols.evidence_link, rows)))
    pieces: dict[int, list[Evidence]] = {}
    for link, document, method, confidence in zip(*(evidence.column(c).to_pylist()
                                                    for c in ("link", "document", "method", "confidence"))):
        pieces.setdefault(link, []).append(Evidence(document, confidence=confidence, method=method))
    for row, link in zip(rows, folded.bare_links(scoped.links)):
        link.evidence = pieces.get(int(row), [])
        graph.links[link.key] = link
    return graph


class _NodeData:
    """The attributes of one node, read from the columns when asked (a read-only mapping)."""

    __slots__ = ("_G", "_i")

    def __init__(self, G: "ArrayProjection", i: int) -> None:
        self._G, self._i = G, i

    def __getitem__(self, key: str):
        return self._G._column(key)[self._i]

    def get(self, key: str, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: str) -> bool:
        return key in ("type", "name", "attributes", *_ACTOR_LISTS)


class _NodeView:
    def __init__(self, G: "ArrayProjection") -> None:
        self._G = G

    def __getitem__(self, node: str) -> _NodeData:
        return _NodeData(self._G, self._G.index[node])

    def __call__(self, data=None):
        if data is None:
            return iter(self._G.keys)
        return zip(self._G.keys, self._G._column(data))

    def __iter__(self):
        return iter(self._G.keys)

    def __len__(self) -> int:
        return len(self._G.keys)

    def __contains__(self, node) -> bool:
        return node in self._G.index


class _SuccView:
    def __init__(self, G: "ArrayProjection") -> None:
        self._G = G

    def __getitem__(self, node: str) -> dict:
        G = self._G
        return dict.fromkeys(G.keys[j] for j, _k in G._out(G.index[node]))


class _Nodes:
    """Sizes and membership over the node list ``_members`` and its index ``index``."""

    _members: list[str]
    index: dict[str, int]

    def number_of_nodes(self) -> int:
        return len(self._members)

    def __len__(self) -> int:
        return len(self._members)

    def __iter__(self):
        return iter(self._members)

    def __contains__(self, node) -> bool:
        return node in self.index


class ArrayProjection(_Nodes):
    """A big scope's projection on arrays (see the module docstring). Nodes: the scope's actors, then
    the territories, programmes and services they link to, keyed as :func:`maillage.graph.projection.node_key` says."""

    def __init__(self, scoped: ScopedRows) -> None:
        cols, folded = scoped.cols, scoped.cols.folded
        self.graph: dict = {}
        self._folded = folded
        self._rows = np.flatnonzero(scoped.actors)  # folded actor row of each actor node
        actor_ids = cols.ids(self._rows)
        links = np.flatnonzero(scoped.links)
        is_actor = cols.target_type[links] == "actor"
        # the other nodes, keyed "<type>:<id>" (node_key), in order of first link, numbered after the actors
        outside = pa.array(links[~is_actor])
        other_keys = pc.binary_join_element_wise(folded.links.column("target_type").take(outside),
                                                 folded.links.column("target").take(outside), ":")
        encoded = pc.dictionary_encode(other_keys.combine_chunks() if isinstance(other_keys, pa.ChunkedArray)
                                       else other_keys)
        others = encoded.dictionary.to_pylist()
        self.keys: list[str] = actor_ids + others
        self.index = dict(zip(self.keys, range(len(self.keys))))
        self._members = self.keys
        self.actor_count = len(self._rows)
        node_of_row = np.full(cols.actor_count, -1, np.int64)
        node_of_row[self._rows] = np.arange(self.actor_count)
        self.src = node_of_row[cols.source[links]]
        self.dst = np.empty(len(links), np.int64)
        self.dst[is_actor] = node_of_row[cols.target[links][is_actor]]
        self.dst[~is_actor] = self.actor_count + encoded.indices.to_numpy(zero_copy_only=False)
        self.kind = cols.kind[links]
        kinds = pc.dictionary_encode(folded.links.column("kind").take(pa.array(links))).combine_chunks()
        self._kind_codes = kinds.indices.to_numpy(zero_copy_only=False)
        self._kind_names = kinds.dictionary.to_pylist()
        self._names = self._other_names(others)
        self.nodes = _NodeView(self)
        self.succ = _SuccView(self)

    def _other_names(self, others: list[str]) -> list[str]:
        names = {f"territory:{t.id}": t.name for t in self._folded.territory_records()}
        names.update({f"programme:{p.id}": p.name for p in self._folded.programme_records()})
        return [names.get(key, key.split(":", 1)[1]) for key in others]

    # -- node attributes ------------------------------------------------------------------
    @cached_property
    def _actor_table(self) -> pa.Table:
        return self._folded.actors.take(pa.array(self._rows))

    def _actor_column(self, name: str) -> list:
        """One column of the scope's actors as Python values (each converted once, when first read)."""
        cache = self.__dict__.setdefault("_actor_lists", {})
        if name not in cache:
            cache[name] = self._actor_table.column(name).to_pylist()
        return cache[name]

    def _column(self, key: str) -> list:
        """Attribute ``key`` of every node, in node order (built once per key: the analyses read them
        for every actor)."""
        cache = self.__dict__.setdefault("_columns", {})
        if key not in cache:
            cache[key] = self._actor_values(key) + [self._other_value(i, key) for i in range(self.actor_count,
                                                                                          len(self.keys))]
        return cache[key]

    def _actor_values(self, key: str) -> list:
        if key == "type":
            return ["actor"] * self.actor_count
        if key not in ("name", "attributes", *_ACTOR_LISTS):
            raise KeyError(key)
        column = self._actor_column
        if key == "name":
            return column("name")
        if key in _ACTOR_LISTS:
            return [value or [] for value in column(key)]
        names = [name for name in ACTOR_ATTRIBUTES if any(column(name))]
        values = [{name: v for name, v in zip(names, row) if v}
                  for row in zip(*(column(name) for name in names))] if names else [{} for _ in self._rows]
        for attributes, extra in zip(values, column("extra")):
            if extra:
                attributes.update(json.loads(extra))
        return values

    def _other_value(self, i: int, key: str):
        other = {"type": self.keys[i].split(":", 1)[0], "name": self._names[i - self.actor_count],
                 "attributes": {}, **{name: [] for name in _ACTOR_LISTS}}
        return other[key]

    # -- edges ----------------------------------------------------------------------------
    @cached_property
    def _out_order(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.src, kind="stable")
        return order, np.searchsorted(self.src[order], np.arange(len(self.keys) + 1))

    @cached_property
    def _in_order(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.dst, kind="stable")
        return order, np.searchsorted(self.dst[order], np.arange(len(self.keys) + 1))

    def _out(self, i: int):
        order, bounds = self._out_order
        return ((self.dst[e], self.kind[e]) for e in order[bounds[i]:bounds[i + 1]])

    def out_edges(self, node: str, keys: bool = False):
        i = self.index[node]
        return ((node, self.keys[j], k) if keys else (node, self.keys[j]) for j, k in self._out(i))

    def in_edges(self, node: str, keys: bool = False):
        order, bounds = self._in_order
        i = self.index[node]
        return ((self.keys[self.src[e]], node, self.kind[e]) if keys else (self.keys[self.src[e]], node)
                for e in order[bounds[i]:bounds[i + 1]])

    def edges(self, keys: bool = False):
        keys_of = self.keys
        return ((keys_of[u], keys_of[v], k) if keys else (keys_of[u], keys_of[v])
                for u, v, k in zip(self.src.tolist(), self.dst.tolist(), self.kind))

    def number_of_edges(self) -> int:
        return len(self.src)

    # -- the actor graph ------------------------------------------------------------------
    @cached_property
    def _full_actor_graph(self) -> "ArrayActorGraph":
        """All kinds: one pair per linked couple of distinct actors, in order of first link, as
        :func:`maillage.graph.projection.to_networkx` builds it."""
        both = (self.dst < self.actor_count) & (self.src != self.dst)
        u, v, codes = self.src[both], self.dst[both], self._kind_codes[both]
        present = np.unique(codes).tolist()
        names = sorted(self._kind_names[c] for c in present)
        bit_of_code = np.zeros(len(self._kind_names), np.int64)
        for c in present:
            bit_of_code[c] = 1 << names.index(self._kind_names[c])
        bits = bit_of_code[codes]
        rank = np.empty(self.actor_count, np.int64)
        order = sorted(range(self.actor_count), key=self.keys.__getitem__)
        rank[order] = np.arange(self.actor_count)
        a, b = np.minimum(rank[u], rank[v]), np.maximum(rank[u], rank[v])
        key = a * self.actor_count + b
        unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        mask = np.zeros(len(unique), np.int64)
        np.bitwise_or.at(mask, inverse, bits)
        by_first = np.argsort(first, kind="stable")
        sorted_keys = [self.keys[i] for i in order]
        return ArrayActorGraph(sorted_keys, unique[by_first] // self.actor_count,
                               unique[by_first] % self.actor_count, mask[by_first], names)

    def actor_graph(self, link_kinds=None) -> "ArrayActorGraph":
        """The actor graph of :func:`maillage.graph.projection.actor_graph` (cached per kind set)."""
        cache = self.graph.setdefault("actor_graphs", {})
        key = None if link_kinds is None else frozenset(link_kinds)
        if key not in cache:
            cache[key] = self._full_actor_graph if key is None else self._full_actor_graph.restricted(key)
        return cache[key]


class _AdjView:
    def __init__(self, H: "ArrayActorGraph") -> None:
        self._H = H

    def __getitem__(self, node: str) -> list[str]:
        H = self._H
        i = H.index[node]
        return [H.nodes[j] for j in H.indices[H.indptr[i]:H.indptr[i + 1]].tolist()]


class ArrayActorGraph(_Nodes):
    """An undirected simple graph of actors on arrays, standing for networkx's (``H.adj[n]``,
    ``H.degree(n)``, iteration, sizes).

    Nodes are sorted; pair ``p`` joins ranks ``a[p] < b[p]`` by links of the kinds in bit mask
    ``mask[p]`` (bit ``i`` for ``kind_names[i]``); pairs are in networkx's insertion order, so
    ``adj[n]`` lists neighbours in the same order as a networkx graph built the same way.
    """

    def __init__(self, nodes: list[str], a: np.ndarray, b: np.ndarray, mask: np.ndarray,
                 kind_names: list[str]) -> None:
        self.nodes = self._members = nodes
        self.index = dict(zip(nodes, range(len(nodes))))
        self.a, self.b, self.mask, self.kind_names = a, b, mask, kind_names
        pair = np.arange(len(a))
        ends = np.concatenate([a, b])
        order = np.argsort(ends * max(len(a), 1) + np.concatenate([pair, pair]))  # by node, then by pair
        self.indices = np.concatenate([b, a])[order]
        self._pair_of_entry = np.concatenate([pair, pair])[order]
        self.indptr = np.searchsorted(ends[order], np.arange(len(nodes) + 1))
        self.adj = _AdjView(self)

    def edge_order(self) -> np.ndarray:
        """The pairs in the order networkx's ``edges()`` yields them (from each node in node order, to its
        later neighbours in adjacency order)."""
        row = np.repeat(np.arange(len(self.nodes)), np.diff(self.indptr))
        return self._pair_of_entry[self.indices > row]

    def rank_edges(self) -> np.ndarray:
        """The edges as (rank, rank) rows in ``edges()`` order."""
        order = self.edge_order()
        return np.stack([self.a[order], self.b[order]], axis=1)

    def restricted(self, kinds: frozenset[str]) -> "ArrayActorGraph":
        """The graph of the pairs joined by one of ``kinds``, built as networkx's ``actor_graph`` does."""
        bits = sum(1 << i for i, name in enumerate(self.kind_names) if name in kinds)
        order = self.edge_order()
        order = order[(self.mask[order] & bits) != 0]
        return ArrayActorGraph(self.nodes, self.a[order], self.b[order], self.mask[order] & bits, self.kind_names)

    def networkx(self) -> nx.Graph:
        """The same graph in networkx (for the exact algorithms run on small graphs)."""
        H = nx.Graph()
        H.add_nodes_from(self.nodes)
        H.add_edges_from((self.nodes[a], self.nodes[b], {"kinds": {k for i, k in enumerate(self.kind_names)
                                                                   if m >> i & 1}})
                         for a, b, m in zip(self.a.tolist(), self.b.tolist(), self.mask.tolist()))
        return H

    def degree(self, node: str) -> int:
        i = self.index[node]
        return int(self.indptr[i + 1] - self.indptr[i])

    def number_of_edges(self) -> int:
        return len(self.a)
