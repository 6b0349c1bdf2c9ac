"""Reading the curated graph and writing to the database, from the dashboard.

The database is opened only for the time of one read or one write, never kept open, so the CLI
(``maillage ingest``, ``maillage curate``) can write between two page views:

- reads open it **read-only**, ask its version, and take the maintained folded graph
  (:meth:`~maillage.graph.kb.KnowledgeBase.folded`: the curated graph in columns, kept beside the store)
  from a cache keyed on ``(db, store, version)``: an ingest or a decision shows up at the next page
  view, and older versions leave the cache. LadybugDB lets read-only opens through while another
  process holds the database read-write, so reading goes on during an ingest;
- writes (a curation decision, an upload) open it **read-write** for that write only. When another
  process holds the write lock, :class:`~maillage.errors.StoreLockedError` (one French line) reaches
  the page, which shows it and keeps working for reading.

Pages never read the whole graph as objects. They read through this module only:

- :func:`load`: the :class:`Base` (folded columns, decisions, lookups of one actor or territory);
- :func:`scoped`: the rows a scope keeps (:func:`~maillage.graph.array_scope.scope_rows`), cached per
  version and scope, and :func:`sub_graph`: the objects of a few of its actors and their links;
- :func:`actor_links`: the links of one actor with every proving sentence, read from the store for
  that actor only (the folded graph keeps no sentence).

Opens within the server process are serialised by one lock (Streamlit serves sessions in threads).
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from maillage.graph.analysis.duplicates import SUGGESTION
from maillage.graph.array_projection import scoped_graph
from maillage.graph.array_scope import ScopedRows, _isin_lists, scope_rows
from maillage.graph.curation import CURATION_DOCUMENT, Decision, active_decisions, validate_decision
from maillage.graph.folded import FoldedGraph
from maillage.graph.kb import KnowledgeBase, open_kb
from maillage.graph.model import Actor, Document, Evidence, Graph, Link, Territory
from maillage.graph.scope import Scope
from maillage.dashboard.settings import settings


@dataclass
class Base:
    """The curated graph at one database version, as pages read it: the folded columns, the decisions,
    and lookups of one actor, territory or document (built once per version, shared by the sessions)."""

    folded: FoldedGraph
    decisions: list[Decision]
    version: int
    key: str  # the database and its version: what every cache of a page's reads is keyed on
    _actors: dict[str, Actor] = field(default_factory=dict, repr=False)
    _kinds: dict[tuple, list[str]] = field(default_factory=dict, repr=False)

    @cached_property
    def rows(self) -> dict[str, int]:
        """Actor id -> row of ``folded.actors``."""
        return {actor_id: i for i, actor_id in enumerate(self.folded.actors.column("id").to_pylist())}

    @cached_property
    def names(self) -> list[str]:
        return self.folded.actors.column("name").to_pylist()

    @cached_property
    def primary_kinds(self) -> list[str | None]:
        return pc.list_element(pc.fill_null(self.folded.actors.column("kinds"), pa.scalar([""], pa.list_(pa.string()))),
                               0).to_pylist()

    @cached_property
    def territories(self) -> dict[str, Territory]:
        return {t.id: t for t in self.folded.territory_records()}

    @cached_property
    def documents(self) -> dict[str, Document]:
        return {row["id"]: Document(**{k: v for k, v in row.items() if v is not None})
                for row in self.folded.documents.to_pylist()}

    @property
    def actor_count(self) -> int:
        return self.folded.actors.num_rows

    def actor(self, actor_id: str) -> Actor | None:
        """The curated actor of this id (None when there is none)."""
        if actor_id not in self._actors:
            row = self.rows.get(actor_id)
            if row is None:
                return None
            self._actors[actor_id] = self.folded.actor_records(np.array([row]))[0]
        return self._actors[actor_id]

    def name(self, node_id: str) -> str:
        """The name of an actor or a territory, else the id itself."""
        row = self.rows.get(node_id)
        if row is not None:
            return self.names[row]
        territory = self.territories.get(node_id)
        return territory.name if territory else node_id

    def with_kinds(self, kinds: Iterable[str], role: str = "") -> list[str]:
        """The ids of the actors having one of ``kinds`` (and ``role`` when given)."""
        key = (tuple(sorted(kinds)), role)
        if key not in self._kinds:
            mask = _isin_lists(self.folded.actors.column("kinds"), kinds, self.actor_count)
            if role:
                mask &= _isin_lists(self.folded.actors.column("roles"), [role], self.actor_count)
            self._kinds[key] = self._ids(np.flatnonzero(mask))
        return self._kinds[key]

    def _ids(self, rows) -> list[str]:
        return self.folded.actors.column("id").take(pa.array(rows, pa.int64())).to_pylist()

    def search(self, text: str, limit: int, kinds: Iterable[str] = ()) -> list[str]:
        """At most ``limit`` ids of actors whose name holds ``text`` (any case), names starting with it first."""
        names = self.folded.actors.column("name")
        mask = pc.match_substring(names, text, ignore_case=True).to_numpy(zero_copy_only=False)
        if kinds:
            mask &= _isin_lists(self.folded.actors.column("kinds"), kinds, self.actor_count)
        hits = np.flatnonzero(mask)
        folded_text = text.casefold()
        hits = sorted(hits, key=lambda i: (not self.names[i].casefold().startswith(folded_text),
                                           self.names[i].casefold()))[:limit]
        return self._ids(hits)


@st.cache_resource(show_spinner=False)
def _open_lock() -> threading.Lock:
    """One lock per server process around every database open."""
    return threading.Lock()


@st.cache_resource(max_entries=2, show_spinner="Lecture de la base…")
def _read(db: str, store: str, version: int, _kb: KnowledgeBase) -> Base:
    """The base at ``version`` (``_kb`` is not part of the key)."""
    return Base(_kb.folded(), _kb.store.decisions(), version, f"{store}:{db}:{version}")


def load() -> Base:
    """The curated graph as of now."""
    cfg = settings()
    with _open_lock(), open_kb(cfg.db, cfg.store, read_only=True) as kb:
        version = kb.store.version()
        return _read(cfg.db, cfg.store, version, kb)


@st.cache_resource(max_entries=16, show_spinner=False)
def _scoped(base_key: str, scope_key: str, _base: Base, _scope: Scope) -> ScopedRows:
    return scope_rows(_base.folded, _scope)


def scoped(base: Base, scope: Scope) -> ScopedRows:
    """The rows ``scope`` keeps (cached on the version and the scope); an empty scope raises a French InputError."""
    return _scoped(base.key, repr(scope), base, scope)


def degrees(rows: ScopedRows) -> np.ndarray:
    """For each actor row, how many other actors of the scope it is linked with (its degree in the undirected
    actor graph of the scope, as the network analysis counts it); computed once per scope."""
    found = rows.__dict__.get("_degrees")
    if found is None:
        cols, n = rows.cols, rows.cols.actor_count
        both = rows.links & (cols.source >= 0) & (cols.target >= 0) & (cols.source != cols.target)
        u, v = cols.source[both], cols.target[both]
        pairs = np.unique(np.minimum(u, v) * n + np.maximum(u, v))
        found = rows.__dict__["_degrees"] = np.bincount(np.concatenate([pairs // n, pairs % n]), minlength=n)
    return found


def most_linked(base: Base, rows: ScopedRows, budget: int) -> np.ndarray:
    """The rows of the ``budget`` actors of the scope linked with the most other actors of the scope (ties by
    name, then id); all of them when the scope has no more."""
    degree = degrees(rows)
    kept = np.flatnonzero(rows.actors)
    if len(kept) <= budget:
        return kept
    least = np.sort(degree[kept])[::-1][budget - 1]  # the degree of the last one kept
    return np.array(sorted(kept[degree[kept] >= least], key=lambda i: (-degree[i], base.names[i].casefold(), i))
                    [:budget])


def sub_graph(rows: ScopedRows, actor_rows: np.ndarray) -> Graph:
    """The actors at ``actor_rows`` of a scope and the scope's links between them (or to places), as objects
    (evidence without sentences)."""
    cols = rows.cols
    keep = np.zeros(cols.actor_count, bool)
    keep[actor_rows] = True
    source_in = np.where(cols.source >= 0, keep[np.maximum(cols.source, 0)], False)
    target_in = np.where(cols.target >= 0, keep[np.maximum(cols.target, 0)], cols.target_type != "actor")
    return scoped_graph(ScopedRows(cols, keep, rows.links & source_in & target_in, rows.label, rows.core & keep))


@st.cache_resource(max_entries=2, show_spinner=False)
def _suggested_links(base_key: str, _base: Base) -> list[Link]:
    evidence = _base.folded.evidence
    link_of = evidence.column("link").to_numpy()
    suggested = pc.equal(evidence.column("method"), SUGGESTION).to_numpy(zero_copy_only=False)
    n = _base.folded.links.num_rows
    mask = (np.bincount(link_of[suggested], minlength=n) == np.bincount(link_of, minlength=n)) & \
        (np.bincount(link_of, minlength=n) > 0)
    links = {link.key: link for link in _base.folded.bare_links(mask)}
    with_sentences(_base, links, {link.source for link in links.values()})
    return sorted(links.values(), key=lambda l: (-l.confidence, l.key))


def suggested_links(base: Base) -> list[Link]:
    """The links proposed by suggestion only (:func:`maillage.graph.analysis.duplicates.suggested_links`), most
    confident first, found on the columns, with their sentences read for their sources only."""
    return _suggested_links(base.key, base)


def _resolver(decisions: list[Decision]):
    """Follows the active merges from a stored id to the actor it now stands for."""
    merged_into = {d.params["source"]: d.params["target"] for d in active_decisions(decisions) if d.action == "merge"}

    def resolve(node: str) -> str:
        seen = set()
        while node in merged_into and node not in seen:
            seen.add(node)
            node = merged_into[node]
        return node
    return resolve, list(merged_into)


def with_sentences(base: Base, links: dict[tuple[str, str, str], Link], actor_ids: set[str]) -> None:
    """Give ``links`` (curated links of ``actor_ids``, by key, without evidence) their evidence with the proving
    sentences, in place: the store's rows of these actors and of the actors merged into them, then the evidence
    of ``add_link`` decisions. Only these actors' rows are read."""
    resolve, merged = _resolver(base.decisions)
    found: dict[tuple[str, str, str], list[Evidence]] = {key: [] for key in links}
    cfg = settings()
    with _open_lock(), open_kb(cfg.db, cfg.store, read_only=True) as kb:
        stored = kb.store.link_rows(actor_ids | {s for s in merged if resolve(s) in actor_ids})
    for document, source, kind, target, target_type, sentence, confidence, detail in zip(
            *(stored.column(c).to_pylist() for c in stored.column_names)):
        key = (resolve(source), kind, resolve(target) if target_type == "actor" else target)
        if key in found and confidence is not None:
            found[key].append(Evidence(document, sentence or "", confidence=confidence,
                                       **(json.loads(detail) if detail else {})))
    for decision in active_decisions(base.decisions):
        p = decision.params
        if decision.action == "add_link":
            target = resolve(p["target"]) if p.get("target_type", "actor") == "actor" else p["target"]
            key = (resolve(p["source"]), p["kind"], target)
            if key in found:
                found[key].append(Evidence(CURATION_DOCUMENT, p.get("note", ""),
                                           confidence=float(p.get("confidence", 1.0)), method="curation"))
    for key, evidence in found.items():
        links[key].evidence = evidence


@st.cache_resource(max_entries=1024, show_spinner=False)
def _actor_links(base_key: str, actor_id: str, _base: Base) -> list[Link]:
    ends = _base.folded.links
    mine = pc.or_(pc.equal(ends.column("source"), actor_id),
                  pc.and_(pc.equal(ends.column("target"), actor_id), pc.equal(ends.column("target_type"), "actor")))
    links = {link.key: link for link in _base.folded.bare_links(mine.to_numpy(zero_copy_only=False))}
    with_sentences(_base, links, {actor_id})
    return list(links.values())


def actor_links(base: Base, actor_id: str) -> list[Link]:
    """The curated links of one actor with their evidence, proving sentences included: the links come from the
    folded graph, the sentences from the store rows of that actor and of the actors merged into it."""
    return _actor_links(base.key, actor_id, base)


@st.cache_resource(max_entries=8, show_spinner=False)
def _raw_actors(base_key: str, ids: tuple[str, ...]) -> dict[str, Actor]:
    cfg = settings()
    with _open_lock(), open_kb(cfg.db, cfg.store, read_only=True) as kb:
        return {actor.id: actor for actor in kb.store.raw_actors(ids)}


def raw_actors(base: Base, ids: Iterable[str]) -> dict[str, Actor]:
    """These actors as the documents state them, before curation (what decisions are described with)."""
    return _raw_actors(base.key, tuple(sorted(set(ids))))


def full_graph() -> Graph:
    """The whole curated graph with every sentence (:meth:`~maillage.graph.kb.KnowledgeBase.graph`), read now:
    for a file export only, never for showing a page."""
    cfg = settings()
    with _open_lock(), open_kb(cfg.db, cfg.store, read_only=True) as kb:
        return kb.graph()


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
