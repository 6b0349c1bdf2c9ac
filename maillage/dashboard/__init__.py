"""The Streamlit dashboard: thin French pages over :mod:`maillage.graph` (see ``app.py``)."""
