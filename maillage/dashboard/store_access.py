"""Reading the curated graph and writing to the database, from the dashboard.

The database is opened only for the time of one read or one write, never kept open, so the CLI
(``maillage ingest``, ``maillage curate``) can write between two page views:

- reads open it **read-only**, ask its version, and take the curated graph from a cache keyed on
  ``(db, store, version)``: an ingest or a decision shows up at the next page view, and older
  versions leave the cache. LadybugDB lets read-only opens through while another process holds the
  database read-write, so reading goes on during an ingest;
- writes (a curation decision, an upload) open it **read-write** for that write only. When another
  process holds the write lock, :class:`~maillage.errors.StoreLockedError` (one French line) reaches
  the page, which shows it and keeps working for reading.

Every page reads through this module only (the whole curated graph with :func:`snapshot`, a scope of
it with :func:`scoped_graph`, cached per database version and scope), so that a faster store read
(a maintained, scoped graph in the store) is wired here and nowhere else.

Opens within the server process are serialised by one lock (Streamlit serves sessions in threads).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import streamlit as st

from maillage.graph.curation import Decision, apply_decisions, validate_decision
from maillage.graph.kb import KnowledgeBase, open_kb
from maillage.graph.model import Graph
from maillage.graph.scope import Scope, apply_scope
from maillage.dashboard.settings import settings


@dataclass
class Snapshot:
    """The curated graph at one database version, and the raw graph and decisions behind it."""

    graph: Graph
    raw: Graph
    decisions: list[Decision]
    version: int


@st.cache_resource(show_spinner=False)
def _open_lock() -> threading.Lock:
    """One lock per server process around every database open."""
    return threading.Lock()


@st.cache_resource(max_entries=3, show_spinner="Lecture de la base…")
def _read(db: str, store: str, version: int, _kb: KnowledgeBase) -> tuple[Graph, Graph, list[Decision]]:
    """The curated graph, the raw graph and the decisions at ``version`` (``_kb`` is not part of the key)."""
    raw, decisions = _kb.store.read(), _kb.store.decisions()
    return apply_decisions(raw, decisions), raw, decisions


def snapshot() -> Snapshot:
    """The curated graph as of now."""
    cfg = settings()
    with _open_lock(), open_kb(cfg.db, cfg.store, read_only=True) as kb:
        version = kb.store.version()
        graph, raw, decisions = _read(cfg.db, cfg.store, version, kb)
    return Snapshot(graph, raw, decisions, version)


@st.cache_resource(max_entries=16, show_spinner=False)
def _scoped(version: int, scope_key: str, _graph: Graph, _scope: Scope) -> Graph:
    return apply_scope(_graph, _scope)


def scoped_graph(snap: Snapshot, scope: Scope) -> Graph:
    """The curated graph of ``snap`` restricted to ``scope`` (cached on the version and the scope)."""
    return _scoped(snap.version, repr(scope), snap.graph, scope)


@contextmanager
def writable() -> Iterator[KnowledgeBase]:
    """The knowledge base opened read-write for one write; raises StoreLockedError if another process holds it."""
    cfg = settings()
    with _open_lock(), open_kb(cfg.db, cfg.store, read_only=False) as kb:
        yield kb


def record(decisions: list[Decision]) -> None:
    """Validate curation decisions, then append them all to the database in one write."""
    for decision in decisions:
        validate_decision(decision)
    with writable() as kb:
        kb.store.append_decisions(decisions)
