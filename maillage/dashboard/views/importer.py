"""Importer: upload documents (ingested one by one, with progress and a French report each) or a CSV pair."""
from __future__ import annotations

import streamlit as st

from maillage.errors import MaillageError
from maillage.dashboard import csv_upload, safe_html, store_access, ui, uploads
from maillage.dashboard.settings import settings


@st.cache_resource(show_spinner="Chargement du modèle de langue français…")
def extractor():
    """The French extraction pipeline (spaCy), loaded once per server process."""
    from maillage.nlp import Extractor

    return Extractor()


before = ui.load()
st.title("Importer")
docs_tab, csv_tab = st.tabs(["Documents", "Fichiers CSV"])

with docs_tab:
    st.caption("Rapports, monographies, comptes rendus : " + ", ".join(uploads.accepted_suffixes()) +
               ". Un document déjà présent est ignoré ; une nouvelle version d'un même fichier remplace l'ancienne.")
    files = st.file_uploader("Documents à lire", type=uploads.accepted_suffixes(), accept_multiple_files=True,
                             key="upload-docs")
    if files and st.button("Ingérer ces documents", type="primary", key="upload-go"):
        folder = uploads.uploads_dir(settings())
        bar = st.progress(0.0, text="Préparation…")
        try:
            pipeline = extractor()
            with store_access.writable() as kb:
                for i, file in enumerate(files):
                    bar.progress(i / len(files), text=f"{file.name} ({i + 1}/{len(files)})")
                    report = uploads.ingest_one(uploads.save_upload(folder, file.name, file.getvalue()),
                                                kb.store, pipeline)
                    for error in report.errors:
                        st.error(f"{file.name} : {error}")
                    if report.ok:
                        lines = [f"**{safe_html.md(file.name)}**", *map(safe_html.md, report.summary().splitlines())]
                        st.success("  \n".join(lines))
        except MaillageError as exc:
            st.error(f"Erreur : {exc}")
        bar.progress(1.0, text="Terminé.")
        ui.new_actors(before, ui.load())

with csv_tab:
    if csv_upload.csv_form():
        ui.new_actors(before, ui.load())
