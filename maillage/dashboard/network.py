"""Drawing actors and links as a vis-network picture with fixed positions (no physics: it never moves).

Why vis-network without pyvis's page generator: pyvis (pinned, 0.3.2) always labels every node,
cannot attach a click handler nor fixed positions cleanly, and adds a physics loading bar; its
bundled vis-network 9.1.2 does all of this through its own API. So the page is a small template of
ours around the vis-network files shipped inside the pyvis package (inlined: the view works
offline).

Safety: names, aliases and sentences are untrusted. Nodes and edges are embedded as JSON in which
``<``, ``>`` and ``&`` are written as ``\\u00XX`` escapes, so no string can close the ``<script>``
that holds them; vis-network draws labels on a canvas and sets string tooltips with ``innerText``.
Tooltips are therefore plain text, never HTML.

Interaction: a click on a node opens its Fiche (a link to ``fiche?acteur=<id>`` is followed in the app's
own document, since the sandboxed frame may not navigate the app);
a button saves the picture as PNG; ``focus`` selects an actor and centres the view on it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from maillage.graph import taxonomy
from maillage.graph.model import Actor, Graph, Link
from maillage.dashboard import evidence, labels, safe_html
from maillage.dashboard.layout import Layout

#: One colour per actor kind (primary kind), readable on white.
KIND_COLOURS: dict[str, str] = dict(zip(taxonomy.ACTOR_KINDS, [
    "#1f77b4", "#aec7e8", "#8c6d31", "#ff7f0e", "#2ca02c", "#98df8a", "#bcbd22", "#9467bd",
    "#17becf", "#c5b0d5", "#d62728", "#ff9896", "#8c564b", "#7f7f7f", "#e377c2", "#393b79",
    "#f7b6d2", "#637939", "#ad494a",
]))

#: Colours of the largest communities (the others are grey): Tableau 10 then light variants.
COMMUNITY_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                     "#ff9da7", "#9c755f", "#8cd17d", "#86bcb6", "#f1ce63"]
OTHER_COLOUR = "#bbbbbb"

#: Line style per link kind: colour and dash pattern (``False`` for a solid line).
LINK_STYLES: dict[str, tuple[str, bool | list[int]]] = {
    "MEMBER_OF": ("#1f77b4", False),
    "PARTNER_OF": ("#2ca02c", [8, 4]),
    "FUNDS": ("#d62728", False),
    "SUPPORTS": ("#ff7f0e", [2, 4]),
    "FOUNDED": ("#9467bd", False),
    "PART_OF": ("#8c564b", [12, 3, 2, 3]),
    "GOVERNS": ("#393b79", False),
    "HOSTS": ("#17becf", [6, 6]),
    "REFERS_TO": ("#e377c2", [2, 2]),
    "PARTICIPATES_IN": ("#7f7f7f", [10, 5]),
    "OFFERS": ("#bcbd22", [4, 8]),
    "LOCATED_IN": ("#c7c7c7", [1, 6]),
}

#: Colours of a peer's stance on the Pairs page, and of the starting person and intermediaries.
STANCE_COLOURS = {"oppose": "#d62728", "indecis": "#ff7f0e", "inconnu": "#7f7f7f", "convaincu": "#2ca02c"}
PATH_COLOURS = {"origin": "#2ca02c", "channel": "#1f77b4"}

_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "dragNodes": False, "navigationButtons": False,
                    "zoomSpeed": 0.6},
    "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.45}}, "color": {"opacity": 0.55}},
    "nodes": {"shape": "dot", "borderWidth": 1,
              "font": {"size": 17, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"}},
}


@dataclass
class NetworkView:
    """An HTML page holding the network, and how many actors it draws out of how many."""

    html: str
    shown: int
    total: int


def node_tooltip(actor: Actor) -> str:
    """Plain-text tooltip of an actor: name, kinds, aliases, roles (never HTML, see the module docstring)."""
    lines = [actor.name, labels.kinds_label(actor.kinds)]
    if actor.aliases:
        lines.append("aussi : " + " ; ".join(actor.aliases[:4]))
    if actor.roles:
        lines.append("rôles : " + labels.roles_label(actor.roles))
    lines.append("(cliquer pour ouvrir la fiche)")
    return "\n".join(lines)


def edge_tooltip(link: Link, graph: Graph) -> str:
    """Plain-text tooltip of a link: the French sentence of the link and its best proving sentence, shortened
    (:func:`maillage.dashboard.evidence.short_quote`)."""
    line = labels.link_sentence(graph.actors[link.source].name, link.kind, graph.actors[link.target].name)
    quote = evidence.short_quote(graph, link)
    return f"{line}\n« {quote} »" if quote else line


def _scaled_sizes(sizes: dict[str, float], ids) -> dict[str, float]:
    top = max((sizes.get(i, 0.0) for i in ids), default=0.0) or 1.0
    return {i: 8.0 + 28.0 * sizes.get(i, 0.0) / top for i in ids}


def actor_links(graph: Graph, drawn: set[str]) -> list[Link]:
    """The links between two drawn actors, in a stable order."""
    return [l for _, l in sorted(graph.links.items())
            if l.target_type == "actor" and l.source in drawn and l.target in drawn and l.source != l.target]


def _edge(link: Link, tooltip: str, label: str = "") -> dict:
    colour, dashes = LINK_STYLES.get(link.kind, ("#999999", False))
    edge = {"from": link.source, "to": link.target, "title": tooltip, "color": colour, "dashes": dashes,
            "width": 1 + 2 * link.confidence, "arrows": "" if link.kind in taxonomy.SYMMETRIC_LINKS else "to"}
    if label:
        edge["label"] = label
    return edge


def render(graph: Graph, layout: Layout, sizes: dict[str, float] | None = None,
           colours: dict[str, str] | None = None, labelled: set[str] | None = None, focus: str = "",
           height: int = 600) -> NetworkView:
    """The page of the laid-out actors of ``graph`` and the links between them.

    ``sizes`` scale the nodes, ``colours`` colour them (default: by primary kind), ``labelled``
    actors carry their name on the picture (the others on hover), ``focus`` is selected and centred and
    what lies outside its neighbourhood greyed out.
    """
    sizes = sizes or {}
    labelled = labelled if labelled is not None else set(layout.ids)
    scaled = _scaled_sizes(sizes, layout.ids)
    nodes = []
    for actor_id in layout.ids:
        actor = graph.actors[actor_id]
        x, y = layout.positions.get(actor_id, (0.0, 0.0))
        node = {"id": actor_id, "title": node_tooltip(actor), "x": x, "y": y, "size": scaled[actor_id],
                "color": (colours or {}).get(actor_id) or KIND_COLOURS.get(actor.kind, OTHER_COLOUR)}
        if actor_id in labelled:
            node["label"] = actor.name
        nodes.append(node)
    edges = [_edge(l, edge_tooltip(l, graph)) for l in actor_links(graph, set(layout.ids))]
    if focus:
        _dim_outside(nodes, edges, focus)
    return NetworkView(html=page(nodes, edges, height, focus=focus), shown=len(layout.ids), total=layout.total)


#: Colours of what lies outside the focused neighbourhood.
DIM_NODE, DIM_EDGE = "#e4e4e4", "#eeeeee"


def _dim_outside(nodes: list[dict], edges: list[dict], focus: str) -> None:
    """Grey out the nodes and edges outside ``focus`` and its neighbours (in place)."""
    near = {focus} | {e["to"] for e in edges if e["from"] == focus} | {e["from"] for e in edges if e["to"] == focus}
    for node in nodes:
        if node["id"] not in near:
            node["color"] = DIM_NODE
            node["font"] = {"color": "#9a9a9a"}
    for edge in edges:
        if focus not in (edge["from"], edge["to"]):
            edge["color"] = DIM_EDGE


def render_paths(graph: Graph, origin: str, peers: dict[str, str], steps: list[tuple[str, str, str]],
                 levels: dict[str, int], height: int = 420) -> str:
    """A left-to-right picture of typed paths: ``origin`` on the left, each peer coloured by its stance
    (``peers``: id -> stance), the intermediaries at their distance (``levels``), each step labelled by its kind."""
    nodes = []
    for actor_id, level in levels.items():
        actor = graph.actors[actor_id]
        colour = (PATH_COLOURS["origin"] if actor_id == origin else
                  STANCE_COLOURS.get(peers[actor_id], OTHER_COLOUR) if actor_id in peers else PATH_COLOURS["channel"])
        nodes.append({"id": actor_id, "label": actor.name, "title": node_tooltip(actor), "level": level,
                      "color": colour, "size": 18 if actor_id == origin or actor_id in peers else 12})
    edges = []
    for source, kind, target in dict.fromkeys(steps):
        link = Link(source, kind, target)
        edges.append(_edge(link, labels.link_sentence(graph.actors[source].name, kind, graph.actors[target].name),
                           label=taxonomy.LINK_KINDS.get(kind, kind)))
    options = {"layout": {"hierarchical": {"enabled": True, "direction": "LR", "levelSeparation": 300,
                                           "nodeSpacing": 95, "sortMethod": "directed"}},
               "nodes": {"font": {"size": 15}},
               "edges": {"font": {"size": 11, "align": "middle", "color": "#444"}}}
    return page(nodes, edges, height, extra_options=options)


def _script_json(value) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` escaped."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network 9.1.2 (JavaScript and CSS) as shipped inside the pyvis package."""
    folder = files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text(encoding="utf-8"), \
        (folder / "vis-network.css").read_text(encoding="utf-8")


def _merged(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>{css}
html,body{{margin:0;padding:0;font-family:sans-serif}}
#mynetwork{{box-sizing:border-box;width:100%;height:{height}px;border:1px solid #e5e5e5;border-radius:6px;background:#fff}}
#png{{position:absolute;top:8px;right:8px;z-index:5;font-size:12px;padding:3px 8px;border:1px solid #ccc;
border-radius:4px;background:#fff;cursor:pointer}}
div.vis-tooltip{{white-space:pre-line;max-width:380px;font-size:13px}}
</style><script>{js}</script></head><body>
<button id="png" type="button">Enregistrer l'image (PNG)</button><div id="mynetwork"></div>
<script>
var nodes = new vis.DataSet({nodes});
var edges = new vis.DataSet({edges});
var network = new vis.Network(document.getElementById("mynetwork"), {{nodes: nodes, edges: edges}}, {options});
var focus = {focus};
network.on("beforeDrawing", function (ctx) {{
  ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
}});
network.on("click", function (params) {{
  if (params.nodes.length !== 1) return;
  var target = new URL("fiche", window.top.location.href);
  target.search = new URLSearchParams({{acteur: params.nodes[0]}}).toString();
  // the frame may not navigate the app itself (sandbox): a link of the app's own document does
  var link = window.top.document.createElement("a");
  link.href = target.href;
  link.target = "_self";
  window.top.document.body.appendChild(link);
  link.click();
}});
network.on("blurNode", function () {{ document.querySelectorAll("div.vis-tooltip").forEach(function (t) {{
  t.style.visibility = "hidden"; }}); }});
document.getElementById("mynetwork").addEventListener("mouseleave", function () {{
  document.querySelectorAll("div.vis-tooltip").forEach(function (t) {{ t.style.visibility = "hidden"; }}); }});
document.getElementById("png").addEventListener("click", function () {{
  var link = document.createElement("a");
  link.download = "maillage-reseau.png";
  link.href = document.querySelector("#mynetwork canvas").toDataURL("image/png");
  link.click();
}});
if (focus && nodes.get(focus)) {{
  network.selectNodes([focus]);
  network.fit({{nodes: network.getConnectedNodes(focus).concat([focus]), animation: false}});
  network.moveTo({{position: network.getPositions([focus])[focus], scale: Math.min(1.4, 0.85 * network.getScale())}});
}} else {{
  network.fit({{animation: false}});
}}
window.maillageReady = true;
</script></body></html>"""


def page(nodes: list[dict], edges: list[dict], height: int, focus: str = "", extra_options: dict | None = None) -> str:
    """The self-contained HTML page of a picture (see the module docstring)."""
    js, css = _vis_assets()
    options = _merged(_OPTIONS, extra_options or {})
    return _PAGE.format(css=css, js=js, height=height, nodes=_script_json(nodes), edges=_script_json(edges),
                        options=_script_json(options), focus=_script_json(focus))


def _swatch(colour: str, label: str) -> str:
    return (f'<div style="margin:.1em 0"><span style="display:inline-block;width:.8em;height:.8em;'
            f'border-radius:50%;background:{colour};margin-right:.4em"></span>{safe_html.text(label)}</div>')


def legend_html(groups: list[tuple[str, str]], title: str) -> str:
    """A vertical HTML legend of coloured ``groups`` (colour, label) under ``title``."""
    return (f'<div style="font-size:.78em;line-height:1.15"><div style="font-weight:600">{safe_html.text(title)}</div>'
            f'{"".join(_swatch(c, l) for c, l in groups)}</div>')


def link_legend_html(link_kinds: list[str]) -> str:
    """A one-line HTML legend of the line style of each link kind."""
    items = []
    for kind in link_kinds:
        colour, dashes = LINK_STYLES.get(kind, ("#999999", False))
        style = "dashed" if dashes else "solid"
        items.append(f'<span style="display:inline-block;margin-right:.9em"><span style="display:inline-block;'
                     f'width:1.6em;border-top:3px {style} {colour};vertical-align:middle;margin-right:.3em"></span>'
                     f'{safe_html.text(taxonomy.LINK_KINDS.get(kind, kind))}</span>')
    return f'<div style="font-size:.78em">{"".join(items)}</div>'


def community_colours(communities) -> dict[int, str]:
    """Community id -> colour: the largest communities of more than one actor get :data:`COMMUNITY_COLOURS`,
    the others :data:`OTHER_COLOUR`."""
    ranked = [c for c in sorted(communities, key=lambda c: (-c.size, c.id)) if c.size > 1]
    colours = {c.id: OTHER_COLOUR for c in communities}
    colours.update({c.id: colour for c, colour in zip(ranked, COMMUNITY_COLOURS)})
    return colours


#: Approximate size of a label in layout units (font of 17 units): width per character, line height.
_CHAR_WIDTH, _LINE_HEIGHT = 8.5, 20.0


def uncluttered(ranked: list[str], positions: dict[str, tuple[float, float]], names: dict[str, str],
                limit: int, sizes: dict[str, float] | None = None) -> list[str]:
    """At most ``limit`` actors of ``ranked`` (most important first) whose labels, drawn under their node (sized
    from ``sizes`` as :func:`render` sizes it), do not overlap a label already kept."""
    radius = _scaled_sizes(sizes or {}, ranked) if sizes else {}
    kept: list[str] = []
    boxes: list[tuple[float, float, float, float]] = []
    for actor_id in ranked:
        if len(kept) >= limit:
            break
        x, y = positions.get(actor_id, (0.0, 0.0))
        half, top = len(names[actor_id]) * _CHAR_WIDTH / 2, y + radius.get(actor_id, 0.0)
        box = (x - half, top, x + half, top + _LINE_HEIGHT)
        if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in boxes):
            kept.append(actor_id)
            boxes.append(box)
    return kept
