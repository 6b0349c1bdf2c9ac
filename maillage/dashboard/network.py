"""Drawing a (scoped, curated) graph as an interactive pyvis network, within a node budget.

Safety: names, aliases and sentences are untrusted. pyvis 0.3.2 (pinned) embeds nodes and edges
with Jinja's ``tojson``, which writes ``<``, ``>``, ``&`` and ``'`` as ``\\u00XX`` escapes, so no
string can close the ``<script>`` that holds them; the vis-network 9.1.2 it inlines draws labels on
a canvas and sets string tooltips with ``innerText``. Tooltips are therefore plain text, never HTML:
a name such as ``<img src=x onerror=alert(1)>`` is shown as those characters and runs nothing. The
page's external resources (Bootstrap from a CDN) are removed so the view works offline.

Budget: above :data:`NODE_BUDGET` actors, only the most central ones (by the chosen measure, ties
by name) are drawn and :attr:`NetworkView.note` says so in French.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pyvis.network import Network

from maillage.graph import taxonomy
from maillage.graph.model import Actor, Graph, Link
from maillage.dashboard import labels, safe_html

#: Most actors drawn at once: vis-network stays fluid in a browser tab up to a few hundred nodes.
NODE_BUDGET = 300

#: One colour per actor kind (primary kind), readable on white.
KIND_COLOURS: dict[str, str] = dict(zip(taxonomy.ACTOR_KINDS, [
    "#1f77b4", "#aec7e8", "#8c6d31", "#ff7f0e", "#2ca02c", "#98df8a", "#bcbd22", "#9467bd",
    "#17becf", "#c5b0d5", "#d62728", "#ff9896", "#8c564b", "#7f7f7f", "#e377c2", "#393b79",
    "#f7b6d2", "#637939", "#ad494a",
]))

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

_EXTERNAL = re.compile(r'<link[^>]*https://[^>]*>|<script[^>]*src="https://[^"]*"[^>]*>\s*</script>', re.S)

_OPTIONS = {
    "physics": {"solver": "forceAtlas2Based",
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
                "stabilization": {"enabled": True, "iterations": 150}},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "edges": {"smooth": False, "arrows": {"to": {"scaleFactor": 0.5}}},
    "nodes": {"font": {"size": 14, "face": "sans-serif"}},
}


@dataclass
class NetworkView:
    """An HTML page holding the network, how many actors it draws out of how many, and a note for users."""

    html: str
    shown: int
    total: int
    note: str = ""


def select_actors(graph: Graph, sizes: dict[str, float], budget: int = NODE_BUDGET) -> list[str]:
    """The actors drawn: all of them within the budget, otherwise the ``budget`` largest by ``sizes`` (ties by name)."""
    ids = sorted(graph.actors, key=lambda a: (-sizes.get(a, 0.0), graph.actors[a].name.lower(), a))
    return ids[:budget]


def node_tooltip(actor: Actor) -> str:
    """Plain-text tooltip of an actor: name, kinds, aliases, roles (never HTML, see the module docstring)."""
    lines = [actor.name, ", ".join(taxonomy.ACTOR_KINDS.get(k, k) for k in actor.kinds)]
    if actor.aliases:
        lines.append("aussi : " + " ; ".join(actor.aliases[:4]))
    if actor.roles:
        lines.append("rôles : " + ", ".join(taxonomy.ROLES.get(r, r) for r in actor.roles))
    return "\n".join(lines)


def edge_tooltip(link: Link, graph: Graph) -> str:
    """Plain-text tooltip of a link: who, how, whom, confidence and the first proving sentence."""
    source = graph.actors[link.source].name
    target = graph.actors[link.target].name
    line = f"{source} — {taxonomy.LINK_KINDS.get(link.kind, link.kind)} — {target}"
    line += f"\nconfiance {labels.decimal(link.confidence)}"
    sentences = [e.sentence for e in link.evidence if e.sentence]
    if sentences:
        line += "\n« " + sentences[0][:240] + " »"
    return line


def _sizes_scaled(sizes: dict[str, float], ids: list[str]) -> dict[str, float]:
    top = max((sizes.get(i, 0.0) for i in ids), default=0.0) or 1.0
    return {i: 10.0 + 30.0 * sizes.get(i, 0.0) / top for i in ids}


def render(graph: Graph, sizes: dict[str, float] | None = None, budget: int = NODE_BUDGET,
           height: int = 620) -> NetworkView:
    """The pyvis page of the actors of ``graph`` and the links between them, sized by ``sizes``."""
    sizes = sizes or {}
    ids = select_actors(graph, sizes, budget)
    scaled = _sizes_scaled(sizes, ids)
    net = _network(height)
    for actor_id in ids:
        actor = graph.actors[actor_id]
        net.add_node(actor_id, label=actor.name, title=node_tooltip(actor), shape="dot",
                     color=KIND_COLOURS.get(actor.kind, "#999999"), size=scaled[actor_id])
    drawn = set(ids)
    for link in graph.links.values():
        if link.target_type != "actor" or link.source not in drawn or link.target not in drawn:
            continue
        colour, dashes = LINK_STYLES.get(link.kind, ("#999999", False))
        net.add_edge(link.source, link.target, title=edge_tooltip(link, graph), color=colour,
                     dashes=dashes, width=1 + 2 * link.confidence,
                     arrows="" if link.kind in taxonomy.SYMMETRIC_LINKS else "to")
    total = len(graph.actors)
    note = ""
    if total > len(ids):
        note = (f"Le périmètre compte {total} acteurs : seuls les {len(ids)} plus centraux sont dessinés "
                f"(limite d'affichage de {budget}). Restreignez le périmètre ou cherchez un acteur pour voir les autres.")
    return NetworkView(html=_page(net), shown=len(ids), total=total, note=note)


def _network(height: int) -> Network:
    """An empty pyvis network with the dashboard's options (vis-network inlined, neighbourhood highlight on click)."""
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line",
                  neighborhood_highlight=True)
    net.set_options(json.dumps(_OPTIONS))
    return net


#: pyvis shows a progress bar over networks of more than 100 nodes until they stabilise: not needed here.
_NO_LOADING_BAR = "<style>#loadingBar{display:none !important}</style>"


def _page(net: Network) -> str:
    """The self-contained HTML page of a network, without external resources nor loading bar."""
    return _EXTERNAL.sub("", net.generate_html()) + _NO_LOADING_BAR


#: Colours of the paths picture: the starting person, the peers to reach, the intermediaries.
PATH_COLOURS = {"origin": "#2ca02c", "peer": "#d62728", "channel": "#1f77b4"}


def render_paths(origin: str, paths: list[list[str]], peers: set[str], height: int = 420) -> str:
    """The HTML page of a small network drawing ``paths`` (lists of names) from ``origin`` to ``peers``."""
    net = _network(height)
    for path in paths:
        for name in path:
            if name not in net.get_nodes():
                role = "origin" if name == origin else "peer" if name in peers else "channel"
                net.add_node(name, label=name, title=name, shape="dot", color=PATH_COLOURS[role],
                             size=22 if role != "channel" else 14)
        for left, right in zip(path, path[1:]):
            net.add_edge(left, right, color="#999999", arrows="to")
    return _page(net)


def legend_html(kinds: list[str], link_kinds: list[str]) -> str:
    """An HTML legend of the given actor kinds (colours) and link kinds (line styles); labels come from the taxonomy."""
    items = [f'<span style="display:inline-block;margin:0 .8em .2em 0"><span style="display:inline-block;'
             f'width:.8em;height:.8em;border-radius:50%;background:{KIND_COLOURS.get(k, "#999")}"></span> '
             f'{safe_html.text(taxonomy.ACTOR_KINDS.get(k, k))}</span>' for k in kinds]
    lines = []
    for kind in link_kinds:
        colour, dashes = LINK_STYLES.get(kind, ("#999999", False))
        style = "dashed" if dashes else "solid"
        lines.append(f'<span style="display:inline-block;margin:0 .8em .2em 0"><span style="display:inline-block;'
                     f'width:1.8em;border-top:3px {style} {colour};vertical-align:middle"></span> '
                     f'{safe_html.text(taxonomy.LINK_KINDS.get(kind, kind))}</span>')
    return (f'<div style="font-size:.85em"><div><b>Types d\'acteurs</b> : {"".join(items)}</div>'
            f'<div><b>Types de liens</b> : {"".join(lines)}</div></div>')
