"""Imported by the fork server of ``maillage ingest --processus N`` (:func:`maillage.ingest.parsing.start_parsers`).

Importing it loads the NLP model, once; every parser process forked from the server starts with
it (pages shared copy-on-write) instead of loading its own.
"""
from maillage.nlp.pipeline import shared_pipeline

shared_pipeline()
