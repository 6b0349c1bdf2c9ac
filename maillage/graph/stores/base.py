"""The storage port: what every graph store adapter provides.

A store keeps **facts per document**: each :class:`~maillage.graph.model.Batch`
(one ingested document, or one CSV import) is written whole, in one
transaction, and can be removed whole. Reading folds the facts of all documents
into one raw :class:`~maillage.graph.model.Graph` with
:func:`maillage.graph.facts.merge_batches`; curation decisions, kept in the
store as an append-only list, are applied on top by
:func:`maillage.graph.curation.apply_decisions`. Scoping and analyses happen in
Python over that graph, so adapters stay thin and share their semantics. A
territory's part is read through a few selective reads (``facts_of``,
``links_of``...) that :mod:`maillage.graph.store_scope` folds the same way.

Every query an adapter sends takes parameters: no name, sentence or value is
ever formatted into a query string.
"""
from __future__ import annotations

from typing import Iterable, Protocol, runtime_checkable

import pyarrow as pa

from maillage.graph.curation import Decision
from maillage.graph.model import Batch, Document, Graph


@runtime_checkable
class GraphStore(Protocol):
    """A graph database holding per-document facts and curation decisions."""

    def write(self, batch: Batch, replaces: str | None = None) -> bool:
        """Store one document's facts in one transaction.

        Idempotent: a batch whose document id is already stored changes nothing
        and returns False. ``replaces`` names a document id whose facts are
        removed in the same transaction (a changed file). Returns True when written.
        Large batches (a CSV import) go through the database's bulk loader.
        """

    def remove_document(self, document_id: str) -> bool:
        """Remove a document and every fact it alone supports; False if it was not stored."""

    def documents(self) -> list[Document]:
        """The stored documents, oldest first."""

    def known_actors(self, ids: pa.Array) -> pa.Array:
        """Which of these actor ids the store holds."""

    def document_keys(self, document_id: str) -> tuple[set[str], set[tuple[str, str, str]], set[str]]:
        """What one stored document states: its actor ids, link keys and territory ids."""

    def batches(self) -> Iterable[Batch]:
        """Every stored document's facts, as written."""

    def read(self) -> Graph:
        """The raw graph: all documents' facts merged, before curation."""

    def append_decisions(self, decisions: Iterable[Decision]) -> int:
        """Append curation decisions (those whose id is already stored are skipped); return how many were new."""

    def decisions(self) -> list[Decision]:
        """Every curation decision, in the order they were made."""

    def rewrite(self, batches: Iterable[Batch], drop_decisions: Iterable[str] = (),
                erasures: Iterable[str] = (), anonymise: Iterable[str] = ()) -> None:
        """In one transaction: replace stored documents' facts by these batches (same ids and order), delete
        these decisions, record these erasure hashes, make these decisions' author ``anonyme``."""

    def erasures(self) -> set[str]:
        """The keyed hashes of erased persons' names (see :mod:`maillage.graph.erasure`); every write drops
        the actors they recognise. The key is kept at ``erasure_key_path``."""

    # -- reading a part (maillage.graph.store_scope) ------------------------------------
    def actor_count(self) -> int:
        """How many actor nodes the store holds."""

    def kind_names(self, kind: str) -> pa.Table:
        """``id``, ``name`` and ``aliases`` of each fact stating its actor to be of ``kind``."""

    def placed_actors(self, inside: Iterable[str], enclosing: Iterable[str]) -> pa.Table:
        """``id`` and ``inside`` of each fact placing its actor in ``inside`` territories (true), or only
        in ``enclosing`` ones or nowhere (false)."""

    def linked_to_territories(self, ids: Iterable[str], kinds: Iterable[str]) -> pa.Table:
        """``id`` and ``kind``: the actors with a link of one of ``kinds`` to one of the territories ``ids``."""

    def facts_of(self, ids: Iterable[str]) -> pa.Table:
        """Every document's facts about these actors, with ``doc`` and ``pos``."""

    def links_of(self, ids: Iterable[str], target_types: Iterable[str] = ..., incoming: bool = True,
                 sentences: bool = True) -> pa.Table:
        """The evidence rows of the links from these actors (to ``target_types`` nodes), and into them from
        actors, with ``doc`` and ``rank`` (sentences null unless ``sentences``)."""

    def context_tables(self):
        """The stored documents, territories and programmes (``StoredTables`` with no facts or links)."""

    def version(self) -> int:
        """A number that changes with every write, removal or decision (for caches)."""

    def close(self) -> None:
        """Release the database (and its lock)."""
