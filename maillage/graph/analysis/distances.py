"""Distances from many sources at once, on the arrays of an undirected graph.

:func:`source_distances` runs one breadth-first search per source, all together: each node holds one
bit per source (64 sources per machine word); a level ORs the bits of every node's neighbours
(``numpy.bitwise_or.reduceat`` over the compressed rows) and keeps the bits seen for the first time.
It gives, for every node, the sum of its distances to the sources that reach it and how many do
(a source at distance 0 excluded): what pivot closeness needs, without the sources × nodes distance
matrix (100 × 100,000 Python floats took 2 s to build).
"""
from __future__ import annotations

import numpy as np


def compressed_rows(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The undirected adjacency of ``edges`` ((m, 2) node numbers) as ``indptr``, ``indices``."""
    ends = np.concatenate([edges[:, 0], edges[:, 1]])
    others = np.concatenate([edges[:, 1], edges[:, 0]])
    order = np.argsort(ends, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(ends, minlength=n))]).astype(np.int64)
    return indptr, others[order]


def source_distances(indptr: np.ndarray, indices: np.ndarray, sources: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """For each node: the sum of its shortest-path distances to the ``sources`` reaching it, and how many
    sources reach it at a distance of at least 1 (see the module docstring)."""
    n = len(indptr) - 1
    words = (len(sources) + 63) // 64
    frontier = np.zeros((n, words), np.uint64)
    for j, source in enumerate(sources):
        frontier[source, j // 64] |= np.uint64(1) << np.uint64(j % 64)
    seen = frontier.copy()
    total = np.zeros(n, np.int64)
    count = np.zeros(n, np.int64)
    linked = np.diff(indptr) > 0
    starts = indptr[:-1][linked]
    level = 0
    while len(starts) and frontier.any():
        level += 1
        reached = np.zeros((n, words), np.uint64)
        reached[linked] = np.bitwise_or.reduceat(frontier[indices], starts, axis=0)
        frontier = reached & ~seen
        new = np.bitwise_count(frontier).sum(axis=1, dtype=np.int64)
        total += level * new
        count += new
        seen |= frontier
    return total, count
