"""The domain model, the stores, the analyses and the exports. Imports neither Streamlit nor spaCy."""
