"""Exporter: the curated graph (whole or scoped) in every export format, and the decisions file."""
from __future__ import annotations

import streamlit as st

from maillage.dashboard import exports, labels, scope_panel, store_access, ui

snap = ui.load()
scope = scope_panel.scope_sidebar(snap.graph, around=False)
st.title("Exporter")
st.caption("Le graphe exporté est le graphe corrigé : faits extraits et importés, décisions appliquées.")
scoped = st.toggle("Limiter l'export au périmètre de la barre latérale", key="export-scoped")
graph = store_access.scoped_graph(snap, scope) if scoped else snap.graph
st.write(f"{labels.count(len(graph.actors), 'acteur')}, {labels.count(len(graph.links), 'lien')}, "
         f"{labels.count(len(snap.decisions), 'décision')}.")
fmt = st.radio("Format", list(exports.FORMATS), format_func=lambda f: exports.FORMATS[f][0], key="export-format")
label, file_name, mime = exports.FORMATS[fmt]


@st.cache_data(max_entries=8, show_spinner="Préparation du fichier…")
def _content(version: int, fmt: str, scope_key: str, _graph, _decisions) -> bytes:
    """The export file (cached on the database version, the format and the scope)."""
    return exports.export_bytes(fmt, _graph, _decisions)


data = _content(snap.version, fmt, repr(scope) if scoped else "", graph, snap.decisions)
st.download_button(f"Télécharger {file_name}", data, file_name=file_name, mime=mime, type="primary",
                   key="export-download", on_click="ignore")
