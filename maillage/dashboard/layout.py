"""Positions of the actors drawn by the Explorer, computed once per scope on the server.

The layout is ForceAtlas2 (networkx's implementation, with gravity so that separate components stay
near the centre and node sizes so that nodes do not overlap), seeded, so the same scope always gets
the same picture; the browser draws it with physics off, so it never moves. Above
:data:`NODE_BUDGET` actors only the most connected ones (degree in the actor graph, ties by name)
are laid out and drawn (pages pass the budget of their settings, and choose the drawn actors of a big
scope on the columns first: :func:`maillage.dashboard.store_access.most_linked`). Only the largest
connected part is laid out by ForceAtlas2; the smaller parts (circles) and then the isolated actors (no
link in the scope) are lined up under it.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from maillage.graph.model import Graph

#: Most actors drawn at once: vis-network stays fluid in a browser tab up to a few hundred nodes.
NODE_BUDGET = 300
#: ForceAtlas2 iterations (300 actors: about half a second on one core).
ITERATIONS = 120
#: Width of the square the positions are scaled into (vis-network canvas units).
SPAN = 1000.0
#: Span of a picture of n actors: at most this times the square root of n.
SMALL_SPAN_STEP = 110.0
SEED = 7
GRAVITY = 1.0
SCALING = 8.0
#: Distance between two isolated actors in their rows.
ISOLATE_STEP = 45.0


@dataclass(frozen=True)
class Layout:
    """The drawn actors (most connected first) and their positions, within ``[-SPAN/2, SPAN/2]``."""

    ids: tuple[str, ...]
    positions: dict[str, tuple[float, float]]
    degree: dict[str, int]
    total: int


def actor_pairs(graph: Graph) -> nx.Graph:
    """The undirected actor graph: one edge per pair of actors joined by any link, built in sorted order so that
    the layout does not depend on the order the store returned the actors in."""
    H = nx.Graph()
    H.add_nodes_from(sorted(graph.actors))
    H.add_edges_from(sorted((l.source, l.target) for l in graph.links.values()
                            if l.target_type == "actor" and l.source != l.target
                            and l.source in graph.actors and l.target in graph.actors))
    return H


def most_connected(graph: Graph, H: nx.Graph, budget: int) -> list[str]:
    """The ``budget`` actors of highest degree (ties by name then id)."""
    return sorted(H, key=lambda a: (-H.degree(a), graph.actors[a].name.casefold(), a))[:budget]


def _scaled(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions centred, turned so that their longest spread is horizontal (screens are wide), and scaled
    into :data:`SPAN` (less for a few actors, so that their names read at the size the picture is fitted to)."""
    ids = list(pos)
    points = np.array([pos[n] for n in ids], dtype=float)
    points -= points.mean(axis=0)
    _, vectors = np.linalg.eigh(np.cov(points.T))
    points = points @ vectors[:, ::-1]  # main axis first
    points -= (points.max(axis=0) + points.min(axis=0)) / 2
    extent = float(np.ptp(points, axis=0).max()) or 1.0
    points *= min(SPAN, SMALL_SPAN_STEP * len(ids) ** 0.5) / extent
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(ids, points)}


def _isolates_row(ids: list[str], top: float) -> dict[str, tuple[float, float]]:
    """Isolated actors in rows under the picture, left to right."""
    per_row = max(1, int(SPAN // ISOLATE_STEP) + 1)
    return {n: (-SPAN / 2 + (i % per_row) * ISOLATE_STEP, top + (i // per_row) * ISOLATE_STEP)
            for i, n in enumerate(ids)}


def _small_parts_rows(parts: list[nx.Graph], top: float) -> dict[str, tuple[float, float]]:
    """The components other than the largest, each laid out on its own (a circle, first node on the left), side by
    side in rows under the picture: laid out with the largest one, they are pushed to its far corners and the
    picture, fitted to the screen, shrinks."""
    positions: dict[str, tuple[float, float]] = {}
    x, y, row_height = -SPAN / 2, top, 0.0
    for part in parts:
        radius = ISOLATE_STEP * len(part) / (2 * np.pi) if len(part) > 2 else ISOLATE_STEP / 2
        if x + 2 * radius > SPAN / 2 and x > -SPAN / 2:
            x, y, row_height = -SPAN / 2, y + row_height + ISOLATE_STEP, 0.0
        for n, (px, py) in nx.circular_layout(sorted(part), scale=radius).items():
            positions[n] = (round(float(x + radius + px), 1), round(float(y + radius + py), 1))
        x += 2 * radius + 2 * ISOLATE_STEP
        row_height = max(row_height, 2 * radius)
    return positions


def compute(graph: Graph, budget: int = NODE_BUDGET) -> Layout:
    """The layout of the actors of ``graph`` (see the module docstring); isolated actors go in rows below."""
    H = actor_pairs(graph)
    ids = most_connected(graph, H, budget)
    linked = [n for n in ids if H.degree(n)]
    isolated = [n for n in ids if not H.degree(n)]
    positions: dict[str, tuple[float, float]] = {}
    parts = sorted((sorted(c) for c in nx.connected_components(H.subgraph(linked))), key=lambda c: (-len(c), c))
    if parts:
        main = H.subgraph(parts[0])
        sizes = {n: 1.0 + min(main.degree(n), 20) / 4 for n in main}
        pos = nx.forceatlas2_layout(main, max_iter=ITERATIONS, seed=SEED, gravity=GRAVITY,
                                    scaling_ratio=SCALING, node_size=sizes, linlog=False)
        positions = _scaled({n: (float(p[0]), float(p[1])) for n, p in pos.items()})
    bottom = max((y for _, y in positions.values()), default=-ISOLATE_STEP)
    positions.update(_small_parts_rows([H.subgraph(c) for c in parts[1:]], bottom + 1.5 * ISOLATE_STEP))
    bottom = max((y for _, y in positions.values()), default=-ISOLATE_STEP)
    positions.update(_isolates_row(isolated, bottom + 1.5 * ISOLATE_STEP))
    return Layout(tuple(ids), positions, {n: H.degree(n) for n in ids}, len(graph.actors))
