"""Entry point of the dashboard (``streamlit run``): page setup, optional password gate, navigation.

Every page runs inside one guard: a :class:`~maillage.errors.MaillageError` becomes one French
line on the page, never a traceback.
"""
from __future__ import annotations

import streamlit as st

from maillage.dashboard import gate, scope_panel, ui
from maillage.dashboard.settings import settings
from maillage.errors import MaillageError

st.set_page_config(page_title="maillage", page_icon=":material/hub:", layout="wide")
gate.require_password(settings().password)

PAGES = {
    "Réseau d'acteurs": [
        st.Page("views/explorer.py", title="Explorer", icon=":material/hub:", url_path="explorer", default=True),
        st.Page("views/fiche.py", title="Fiche acteur", icon=":material/badge:", url_path="fiche"),
    ],
    "Analyses": [
        st.Page("views/guichet.py", title="Guichet unique", icon=":material/door_front:", url_path="guichet"),
        st.Page("views/cci_fantome.py", title="CCI fantôme", icon=":material/groups:", url_path="cci-fantome"),
        st.Page("views/relais.py", title="Acteurs relais", icon=":material/campaign:", url_path="relais"),
        st.Page("views/pairs.py", title="Pairs à convaincre", icon=":material/handshake:", url_path="pairs"),
        st.Page("views/reseau.py", title="Réseau", icon=":material/share:", url_path="reseau"),
        st.Page("views/comparer.py", title="Comparer les territoires", icon=":material/compare:", url_path="comparer"),
        st.Page("views/carte.py", title="Carte", icon=":material/map:", url_path="carte"),
    ],
    "Données": [
        st.Page("views/corriger.py", title="Corriger", icon=":material/edit:", url_path="corriger"),
        st.Page("views/importer.py", title="Importer", icon=":material/upload:", url_path="importer"),
        st.Page("views/exporter.py", title="Exporter", icon=":material/download:", url_path="exporter"),
    ],
}

page = st.navigation(PAGES)
ui.style()
scope_panel.keep_values()
try:
    page.run()
except MaillageError as exc:
    st.error(f"Erreur : {exc}")
