"""Exports of a (curated) graph: the JSON contract, GEXF and GraphML for network tools, Kumu CSV, decisions.

Every format carries the same graph: the actors, then the territories,
programmes and services that links point to, as nodes; the links whose two
ends exist, as edges. A link whose end is missing from the graph (a dangling
reference left by a store) is left out of every format alike.

JSON contract (relied on by ``shared/eval/score.py`` and outside checks)::

    {"actors": [{"id", "name", "aliases", "kinds", "roles", "territories", "attributes"}],
     "links": [{"source", "target", "kind", "confidence", "target_type",
                "evidence": [{"document", "sentence", "start", "end", "cue", "method", "confidence", "page"}]}],
     "other_links": [same shape],
     "documents": [...], "territories": [...], "programmes": [...], "services": [...]}

``kinds[0]`` is the primary kind; every code is a taxonomy code. ``links``
holds only links between two actors, so that every link there names actor ids
(the scorer maps both ends through actor ids and counts any other link as a
false prediction); links from an actor to a territory, a programme or a service
(``LOCATED_IN``, ``OFFERS``, ``PARTICIPATES_IN`` a programme...) are in
``other_links``, with ``target_type`` saying which. Suggested links (evidence method
``suggestion``) are left out of every format unless asked for (``to_json(graph, suggestions=True)``,
``maillage export --format json --avec-suggestions``).
"""
from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import Iterable

import networkx as nx

from maillage.csv_safe import write_rows
from maillage.graph import taxonomy
from maillage.graph.curation import Decision
from maillage.graph.model import Graph, Link

#: The evidence method of a suggested link (:mod:`maillage.nlp.links.suggestions`).
SUGGESTION = "suggestion"

#: Separator of list values in the flat formats (GEXF, GraphML, Kumu's multi-value fields).
LIST_SEPARATOR = "|"

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def node_names(graph: Graph) -> dict[str, tuple[str, str]]:
    """Every exported node: id -> (node type, name). Actors, territories, programmes, linked services."""
    nodes = {a.id: ("actor", a.name) for a in graph.actors.values()}
    nodes.update({t.id: ("territory", t.name) for t in graph.territories.values()})
    nodes.update({p.id: ("programme", p.name) for p in graph.programmes.values()})
    for link in graph.links.values():
        if link.target_type == "service" and link.target in taxonomy.SERVICES and link.source in graph.actors:
            nodes[link.target] = ("service", taxonomy.SERVICES[link.target])
    return nodes


def exported_links(graph: Graph, suggestions: bool = False) -> list[Link]:
    """The links whose two ends are exported nodes of the right type, sorted by (source, kind, target).

    Evidence of method ``suggestion`` (links read in a clause window, waiting for review) is left out,
    and with it a link that has no other evidence, unless ``suggestions`` is true."""
    nodes = node_names(graph)
    links = [link for key, link in sorted(graph.links.items())
             if nodes.get(link.source, ("",))[0] == "actor"
             and nodes.get(link.target, ("",))[0] == link.target_type]
    return links if suggestions else [link for link in map(without_suggestions, links) if link is not None]


def without_suggestions(link: Link) -> Link | None:
    """``link`` without its suggestion evidence; None when it had nothing else (an imported link without
    evidence is kept)."""
    stated = [e for e in link.evidence if e.method != SUGGESTION]
    if len(stated) == len(link.evidence):
        return link
    return Link(link.source, link.kind, link.target, stated, link.target_type) if stated else None


def services_in_use(links: Iterable[Link]) -> list[str]:
    """Service codes that some of these links point to, in taxonomy order."""
    used = {link.target for link in links if link.target_type == "service"}
    return [code for code in taxonomy.SERVICES if code in used]


# --- JSON -------------------------------------------------------------------------------------

def _link_json(link: Link) -> dict:
    return {"source": link.source, "target": link.target, "kind": link.kind,
            "confidence": link.confidence, "target_type": link.target_type,
            "evidence": [{"document": e.document, "sentence": e.sentence, "start": e.start, "end": e.end,
                          "cue": e.cue, "method": e.method, "confidence": e.confidence, "page": e.page}
                         for e in link.evidence]}


def to_json(graph: Graph, suggestions: bool = False) -> dict:
    """The JSON contract of the module docstring; actors sorted by id, links by (source, kind, target);
    suggested links only with ``suggestions`` (see :func:`exported_links`)."""
    links = exported_links(graph, suggestions)
    return {
        "actors": [{"id": a.id, "name": a.name, "aliases": list(a.aliases), "kinds": list(a.kinds),
                    "roles": list(a.roles), "territories": list(a.territories),
                    "attributes": dict(a.attributes)}
                   for _, a in sorted(graph.actors.items())],
        "links": [_link_json(link) for link in links if link.target_type == "actor"],
        "other_links": [_link_json(link) for link in links if link.target_type != "actor"],
        "documents": [asdict(d) for _, d in sorted(graph.documents.items())],
        "territories": [asdict(t) for _, t in sorted(graph.territories.items())],
        "programmes": [asdict(p) for _, p in sorted(graph.programmes.items())],
        "services": [{"id": code, "name": taxonomy.SERVICES[code]} for code in services_in_use(links)],
    }


def decisions_to_json(decisions: Iterable[Decision]) -> dict:
    """The decisions file: ``{"decisions": [Decision.to_json(), ...]}`` in the order they were made."""
    return {"decisions": [d.to_json() for d in decisions]}


# --- GEXF / GraphML ---------------------------------------------------------------------------

def _flat(value: object) -> str | float:
    """A value GEXF and GraphML writers accept: numbers as they are, lists joined, text without XML-invalid characters."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    return _XML_INVALID.sub("", "" if value is None else str(value))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The exported graph as a networkx multigraph with flat attributes (one edge per link, keyed by kind).

    Node attributes: ``label`` (the name), ``node_type`` (actor, territory,
    programme, service), ``kind`` (primary kind, or territory level), ``kinds``,
    ``roles``, ``aliases``, ``territories`` (joined by ``|``) and the actor's
    attributes (absent ones as empty text, so every node has every key). Edge
    attributes: ``kind``, ``confidence``, ``evidence_count``, ``methods``,
    ``documents``, ``target_type``.
    """
    attribute_keys = sorted({k for a in graph.actors.values() for k in a.attributes})
    out = nx.MultiDiGraph()
    for node_id, (node_type, name) in node_names(graph).items():
        actor = graph.actors.get(node_id) if node_type == "actor" else None
        territory = graph.territories.get(node_id) if node_type == "territory" else None
        data = {"label": name, "node_type": node_type,
                "kind": actor.kind if actor else (territory.level if territory else node_type),
                "kinds": actor.kinds if actor else [], "roles": actor.roles if actor else [],
                "aliases": actor.aliases if actor else [], "territories": actor.territories if actor else []}
        data.update({k: (actor.attributes.get(k, "") if actor else "") for k in attribute_keys})
        out.add_node(node_id, **{k: _flat(v) for k, v in data.items()})
    for link in exported_links(graph):
        out.add_edge(link.source, link.target, key=link.kind, kind=link.kind,
                     confidence=float(link.confidence), evidence_count=float(len(link.evidence)),
                     methods=_flat(sorted(link.methods)),
                     documents=_flat(sorted({e.document for e in link.evidence})),
                     target_type=link.target_type)
    return out


def _hex_rgb(colour: str) -> dict[str, int]:
    value = colour.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1.0}


def to_gexf(graph: Graph, path: str | Path, positions: dict[str, tuple[float, float]] | None = None,
            colours: dict[str, str] | None = None) -> Path:
    """Write the graph as GEXF 1.2 (Gephi, networkx); returns the path.

    On top of :func:`to_networkx`: every node has ``type`` (the French label of its kind) and every
    edge a French ``label`` and ``documents_titres`` (titles instead of ids); nodes of ``positions``
    (id -> x, y) and ``colours`` (id -> ``#rrggbb``) carry them as GEXF ``viz`` data, so Gephi opens
    the picture as drawn.
    """
    out = to_networkx(graph)
    for node, data in out.nodes(data=True):
        data["type"] = taxonomy.ACTOR_KINDS.get(data["kind"], taxonomy.TERRITORY_LEVELS.get(data["kind"], data["kind"]))
        viz = {}
        if positions and node in positions:
            viz["position"] = {"x": float(positions[node][0]), "y": float(-positions[node][1]), "z": 0.0}
        if colours and node in colours:
            viz["color"] = _hex_rgb(colours[node])
        if viz:
            data["viz"] = viz
    titles = {d.id: d.title or d.path.rsplit("/", 1)[-1] for d in graph.documents.values()}
    for source, target, key, data in out.edges(keys=True, data=True):
        link = graph.links.get((source, key, target))
        data["label"] = taxonomy.LINK_KINDS.get(key, key)
        data["documents_titres"] = _flat(sorted({titles.get(e.document, e.document)
                                                 for e in (link.evidence if link else [])}))
    nx.write_gexf(out, str(path))
    return Path(path)


def to_graphml(graph: Graph, path: str | Path) -> Path:
    """Write the graph as GraphML (networkx, igraph, Cytoscape, yEd); returns the path."""
    nx.write_graphml(to_networkx(graph), str(path))
    return Path(path)


# --- Kumu CSV ---------------------------------------------------------------------------------

#: Kumu element type of the nodes that are not actors (actors take their primary kind code).
KUMU_NODE_TYPES = {"territory": "territoire", "programme": "programme", "service": "service"}


def kumu_paths(dir_or_prefix: str | Path) -> tuple[Path, Path]:
    """Where the two Kumu files go: ``DIR/elements.csv`` and ``DIR/connections.csv`` for a directory,
    ``PREFIX-elements.csv`` and ``PREFIX-connections.csv`` otherwise."""
    target = Path(dir_or_prefix)
    if target.is_dir() or str(dir_or_prefix).endswith(("/", "\\")):
        return target / "elements.csv", target / "connections.csv"
    return (target.with_name(target.name + "-elements.csv"),
            target.with_name(target.name + "-connections.csv"))


def kumu_labels(graph: Graph) -> dict[str, str]:
    """A unique label per node: its name, followed by its id in brackets when two nodes share a name."""
    nodes = node_names(graph)
    counts: dict[str, int] = {}
    for _, name in nodes.values():
        counts[name] = counts.get(name, 0) + 1
    return {node_id: name if counts[name] == 1 else f"{name} [{node_id}]"
            for node_id, (_, name) in nodes.items()}


def _kumu_element(graph: Graph, node_id: str, node_type: str, label: str) -> list[str]:
    """One row ``Label,Type,Description,Tags``: Type is the primary kind code (or the node type)."""
    actor = graph.actors.get(node_id) if node_type == "actor" else None
    if actor is None:
        return [label, KUMU_NODE_TYPES[node_type], f"identifiant : {node_id}", ""]
    parts = [f"identifiant : {actor.id}", f"types : {', '.join(actor.kinds)}"]
    if actor.aliases:
        parts.append(f"autres noms : {', '.join(actor.aliases)}")
    tags = LIST_SEPARATOR.join([*actor.roles, *actor.kinds[1:]])
    return [label, actor.kind, " ; ".join(parts), tags]


def to_kumu_csv(graph: Graph, dir_or_prefix: str | Path) -> tuple[Path, Path]:
    """Write the Kumu element and connection sheets (UTF-8 CSV); returns their paths.

    Elements: ``Label,Type,Description,Tags``; connections: ``From,To,Type``,
    where From and To are element labels (made unique) and Type a link kind code.
    Every cell is spreadsheet-safe (:mod:`maillage.csv_safe`).
    """
    elements_path, connections_path = kumu_paths(dir_or_prefix)
    elements_path.parent.mkdir(parents=True, exist_ok=True)
    labels = kumu_labels(graph)
    with elements_path.open("w", encoding="utf-8", newline="") as fh:
        write_rows(fh, ["Label", "Type", "Description", "Tags"],
                   (_kumu_element(graph, node_id, node_type, labels[node_id])
                    for node_id, (node_type, _) in node_names(graph).items()))
    with connections_path.open("w", encoding="utf-8", newline="") as fh:
        write_rows(fh, ["From", "To", "Type"],
                   ([labels[link.source], labels[link.target], link.kind] for link in exported_links(graph)))
    return elements_path, connections_path
