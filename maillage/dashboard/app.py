"""Entry point of the dashboard (``streamlit run``): page setup, optional password gate, navigation.

Every page runs inside one guard: a :class:`~maillage.errors.MaillageError` becomes one French
line on the page, never a traceback.
"""
from __future__ import annotations

import streamlit as st

from maillage.dashboard import gate
from maillage.dashboard.settings import settings
from maillage.errors import MaillageError

st.set_page_config(page_title="maillage", page_icon="🕸️", layout="wide")
gate.require_password(settings().password)

PAGES = {
    "Réseau d'acteurs": [
        st.Page("pages/explorer.py", title="Explorer", icon="🕸️", url_path="explorer", default=True),
        st.Page("pages/fiche.py", title="Fiche acteur", icon="🪪", url_path="fiche"),
    ],
    "Analyses": [
        st.Page("pages/guichet.py", title="Guichet unique", icon="🚪", url_path="guichet"),
        st.Page("pages/cci_fantome.py", title="CCI fantôme", icon="👥", url_path="cci-fantome"),
        st.Page("pages/relais.py", title="Acteurs relais", icon="📣", url_path="relais"),
        st.Page("pages/pairs.py", title="Pairs à convaincre", icon="🤝", url_path="pairs"),
        st.Page("pages/reseau.py", title="Réseau", icon="🧭", url_path="reseau"),
        st.Page("pages/comparer.py", title="Comparer les territoires", icon="⚖️", url_path="comparer"),
    ],
    "Données": [
        st.Page("pages/corriger.py", title="Corriger", icon="✏️", url_path="corriger"),
        st.Page("pages/importer.py", title="Importer", icon="📥", url_path="importer"),
        st.Page("pages/exporter.py", title="Exporter", icon="📤", url_path="exporter"),
    ],
}

page = st.navigation(PAGES)
try:
    page.run()
except MaillageError as exc:
    st.error(f"Erreur : {exc}")
