"""The CSV import form of the Importer page: actors (required), links and territories (optional).

The files are those of ``maillage import`` (same columns, UTF-8 or Latin-1, comma or semicolon).
They are saved in a temporary folder under their own names, read by
:func:`maillage.ingest.csv_import.read_import`, and written in one transaction; rejected rows are
listed with their line numbers and the good rows are imported, unless the strict mode is chosen.
"""
from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import streamlit as st

from maillage.errors import MaillageError
from maillage.ingest.csv_import import read_import
from maillage.dashboard import safe_html, store_access, uploads

#: How many rejected rows are listed on the page (all of them are counted).
SHOWN_ERRORS = 20


def _saved(folder: Path, file) -> str | None:
    return str(uploads.save_upload(folder, file.name, file.getvalue())) if file is not None else None


def import_files(actors, links, territories, strict: bool) -> bool:
    """Read the uploaded CSV files, write their batch, and report in French on the page; whether it wrote."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            batch, errors = read_import(_saved(folder, actors), _saved(folder, links), _saved(folder, territories),
                                        strict=strict)
        with store_access.writable() as kb:
            written = kb.store.write(batch)
    for warning in caught:
        st.warning(str(warning.message))
    if errors:
        st.warning(f"{len(errors)} ligne(s) rejetée(s) :  \n" +
                   "  \n".join(safe_html.md(str(e)) for e in errors[:SHOWN_ERRORS]) +
                   ("  \n…" if len(errors) > SHOWN_ERRORS else ""))
    if written:
        st.success(f"Import enregistré : {batch.actor_table.num_rows} acteur(s), {batch.link_table.num_rows} lien(s).")
    else:
        st.info("Ces fichiers ont déjà été importés : rien n'a changé.")
    return bool(written)


def csv_form() -> bool:
    """The form: three file fields, the strict switch and the import button; whether an import was written."""
    with st.form("csv-import", clear_on_submit=False):
        actors = st.file_uploader("Acteurs (actors.csv)", type=["csv"], key="csv-actors")
        links = st.file_uploader("Liens (links.csv, facultatif)", type=["csv"], key="csv-links")
        territories = st.file_uploader("Territoires (territories.csv, facultatif)", type=["csv"], key="csv-territories")
        strict = st.checkbox("Mode strict : tout refuser si une ligne est invalide", key="csv-strict")
        submitted = st.form_submit_button("Importer", type="primary")
    if not submitted:
        return False
    if actors is None:
        st.error("Le fichier des acteurs est obligatoire.")
        return False
    try:
        return import_files(actors, links, territories, strict)
    except MaillageError as exc:
        st.error(f"Erreur : {exc}")
        return False
