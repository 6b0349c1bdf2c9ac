"""Ingestion: loaders, the document pipeline and structured importers."""
