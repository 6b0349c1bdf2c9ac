"""The export files offered by the dashboard, as bytes (written by :mod:`maillage.graph.export`)."""
from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

from maillage.graph import export
from maillage.graph.curation import Decision
from maillage.graph.model import Graph

#: format code -> (French label, file name, MIME type).
FORMATS: dict[str, tuple[str, str, str]] = {
    "json": ("JSON (contrat d'échange)", "maillage.json", "application/json"),
    "gexf": ("GEXF (Gephi)", "maillage.gexf", "application/xml"),
    "graphml": ("GraphML (yEd, igraph, Cytoscape)", "maillage.graphml", "application/xml"),
    "kumu": ("CSV pour Kumu (éléments et connexions, zip)", "maillage-kumu.zip", "application/zip"),
    "decisions": ("Décisions de correction (JSON)", "maillage-decisions.json", "application/json"),
}


def _json_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def export_bytes(fmt: str, graph: Graph, decisions: list[Decision]) -> bytes:
    """The content of the export file of format ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "json":
        return _json_bytes(export.to_json(graph))
    if fmt == "decisions":
        return _json_bytes(export.decisions_to_json(decisions))
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "gexf":
            return export.to_gexf(graph, Path(tmp) / "g.gexf").read_bytes()
        if fmt == "graphml":
            return export.to_graphml(graph, Path(tmp) / "g.graphml").read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in export.to_kumu_csv(graph, Path(tmp) / "kumu"):
                archive.write(path, path.name.removeprefix("kumu-"))
        return buffer.getvalue()


def gexf_bytes(graph: Graph, positions: dict[str, tuple[float, float]], colours: dict[str, str]) -> bytes:
    """The GEXF file of ``graph`` with the positions and colours of a drawn picture."""
    with tempfile.TemporaryDirectory() as tmp:
        return export.to_gexf(graph, Path(tmp) / "g.gexf", positions, colours).read_bytes()
