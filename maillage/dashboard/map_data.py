"""What the Carte page draws: actors placed at their commune, territories coloured by an analysis.

- An actor is placed at the first of its locations that has coordinates, or at the nearest
  enclosing territory that has some (a firm of a commune without coordinates shows at its EPCI).
  The actors of one place are grouped around it on a small sunflower spiral (golden angle), the
  first at the exact centre, so each stays clickable and a crowded commune reads as a cluster.
- Each place is named just above its cluster, with its number of actors, where the label has room
  (:func:`place_labels`): the map reads without the base map tiles, which an offline browser does not get.
- Communes are coloured by their relay-desert status
  (:func:`~maillage.graph.analysis.relay_deserts.relay_deserts`), EPCI by their coverage score.
"""
from __future__ import annotations

import html
import math

from maillage.graph import taxonomy
from maillage.graph.analysis.relay_deserts import RelayDesertsResult
from maillage.graph.model import Graph
from maillage.graph.scope import locations
from maillage.dashboard.network import KIND_COLOURS

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
#: Spacing of the spiral, in degrees of latitude (about 250 m).
SPIRAL_STEP = 0.0023
#: Height of a place's label in pixels, and the mean width of a character as a share of it.
LABEL_PIXELS = 13
LABEL_CHAR_WIDTH = 0.55
DESERT_COLOURS = {0: [46, 160, 67, 70], 1: [240, 160, 40, 110], 2: [230, 90, 40, 130], 3: [200, 30, 30, 150]}


def rgb(colour: str) -> list[int]:
    """``#rrggbb`` as ``[r, g, b]``."""
    return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]


def position(graph: Graph, territory_id: str) -> tuple[float, float] | None:
    """The coordinates of a territory, or of its nearest enclosing territory that has some."""
    seen = set()
    current = graph.territories.get(territory_id)
    while current is not None and current.id not in seen:
        if current.lat is not None and current.lon is not None:
            return current.lat, current.lon
        seen.add(current.id)
        current = graph.territories.get(current.parent)
    return None


def actor_points(view: Graph, full: Graph) -> list[dict]:
    """One point per actor of ``view`` that can be placed (see module docstring), grouped by place."""
    where = locations(view)
    by_place: dict[str, list[str]] = {}
    for actor_id in sorted(view.actors, key=lambda a: (view.actors[a].name.casefold(), a)):
        place = next((t for t in sorted(where.get(actor_id, ())) if position(full, t)), None)
        if place is not None:
            by_place.setdefault(place, []).append(actor_id)
    points = []
    for place, members in by_place.items():
        lat, lon = position(full, place)
        for i, actor_id in enumerate(members):
            actor = view.actors[actor_id]
            radius, angle = SPIRAL_STEP * math.sqrt(i), i * GOLDEN_ANGLE
            points.append({"id": actor.id, "name": actor.name, "kind": taxonomy.ACTOR_KINDS.get(actor.kind, actor.kind),
                           "place": full.territories[place].name, "grouped": len(members), "rank": i, "status": "",
                           "lat": lat + radius * math.sin(angle),
                           "lon": lon + radius * math.cos(angle) / max(math.cos(math.radians(lat)), 0.1),
                           "colour": rgb(KIND_COLOURS.get(actor.kind, "#999999"))})
    return points


def place_labels(points: list[dict], zoom: float) -> list[dict]:
    """One label per place of ``points`` (:func:`actor_points`): its name (typographic apostrophes: pydeck reads a
    straight one as a quote) and number of actors, set just above the outermost ring of its spiral. Labels that
    would overlap at ``zoom`` (the map's first view) are left out, the places with the most actors kept first."""
    kept: list[tuple[float, float, float, float]] = []
    labels = []
    scale = 256 * 2 ** zoom / (2 * math.pi)  # Web Mercator pixels per radian
    for p in sorted((p for p in points if p["rank"] == 0), key=lambda p: (-p["grouped"], p["place"])):
        text = p["place"].replace("'", "\u2019") + (f" ({p['grouped']})" if p["grouped"] > 1 else "")
        lat = p["lat"] + SPIRAL_STEP * (math.sqrt(p["grouped"]) + 0.5)
        x = math.radians(p["lon"]) * scale
        y = -math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * scale
        half = LABEL_CHAR_WIDTH * LABEL_PIXELS * len(text) / 2
        box = (x - half, y - LABEL_PIXELS, x + half, y)
        if not any(box[0] < k[2] and k[0] < box[2] and box[1] < k[3] and k[1] < box[3] for k in kept):
            kept.append(box)
            labels.append({"text": text, "lat": lat, "lon": p["lon"]})
    return labels


def desert_points(result: RelayDesertsResult) -> list[dict]:
    """One disc per commune with coordinates, coloured by how many relay families it lacks."""
    return [{"name": c.name, "lat": c.lat, "lon": c.lon, "small_firms": c.small_firms, "kind": "", "place": "",
             "status": ("désert : " + ", ".join(c.missing)) if c.desert else "desservie",
             "colour": DESERT_COLOURS[len(c.missing) if c.desert else 0]}
            for c in result.communes if c.lat is not None and c.lon is not None]


def view_of(points: list[dict], discs: list[dict]) -> tuple[dict, float]:
    """The actor at the centre of the most crowded place (the map's centre) and a zoom showing every actor
    and disc around it."""
    centre = max((p for p in points if p["rank"] == 0), key=lambda p: (p["grouped"], p["name"]))
    span = max(max(abs(p["lon"] - centre["lon"]), 1.5 * abs(p["lat"] - centre["lat"])) for p in points + discs)
    # 2 x span degrees across about 900 pixels, the world being 256 x 2^zoom pixels wide
    return centre, min(13.0, max(3.0, math.log2(630 / (span + 0.01)) - 0.8))


def legend_html(kinds: list[str]) -> str:
    """An HTML legend of the colours of these actor kinds (labels from the taxonomy, escaped)."""
    items = "".join(f'<span style="margin-right:1em;white-space:nowrap"><span style="color:'
                    f'{KIND_COLOURS.get(k, "#999999")}">●</span> {html.escape(taxonomy.ACTOR_KINDS.get(k, k))}</span> '
                    for k in kinds)
    return f'<div style="font-size:0.85em;line-height:1.8">{items}</div>'


def score_colour(score: float) -> list[int]:
    """Red (0) to green (1), translucent."""
    return [int(220 * (1 - score)), int(170 * score + 40), 60, 120]
