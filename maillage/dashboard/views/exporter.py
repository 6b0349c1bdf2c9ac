"""Exporter: the curated graph (whole or scoped) in every export format, and the decisions file.

The file is written when its button is clicked: only then is the whole graph read, sentences included."""
from __future__ import annotations

import streamlit as st

from maillage.graph.scope import apply_scope
from maillage.dashboard import exports, labels, scope_panel, store_access, ui

snap = ui.load()
scope = scope_panel.scope_sidebar(snap, around=False)
st.title("Exporter")
st.caption("Le graphe exporté est le graphe corrigé : faits extraits et importés, décisions appliquées.")
scoped = st.toggle("Limiter l'export au périmètre de la barre latérale", key="export-scoped")
if scoped:
    rows = store_access.scoped(snap, scope)
    actors, links = rows.actor_count, int(rows.links.sum())
else:
    actors, links = snap.actor_count, snap.folded.links.num_rows
st.write(f"{labels.count(actors, 'acteur')}, {labels.count(links, 'lien')}, "
         f"{labels.count(len(snap.decisions), 'décision')}.")
fmt = st.radio("Format", list(exports.FORMATS), format_func=lambda f: exports.FORMATS[f][0], key="export-format")
label, file_name, mime = exports.FORMATS[fmt]


def content() -> bytes:
    """The export file, from the whole curated graph read now (scoped when asked)."""
    graph = store_access.full_graph()
    return exports.export_bytes(fmt, apply_scope(graph, scope) if scoped else graph, snap.decisions)


st.download_button(f"Télécharger {file_name}", content, file_name=file_name, mime=mime, type="primary",
                   key="export-download", on_click="ignore")
