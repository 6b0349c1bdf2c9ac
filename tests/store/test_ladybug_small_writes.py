"""LadybugStore writes small tables with UNWIND and large ones with COPY: both must store the same data."""
from __future__ import annotations

import pytest

import maillage.graph.stores.ladybug as ladybug_store
from maillage.graph.model import Actor, Link, Programme, Territory
from maillage.graph.stores.ladybug import LadybugStore

UNICODE = "Société d'Économie Mixte — « Brenne » 🌍 '}) DETACH DELETE n //"


def documents(make_batch, count: int) -> list:
    """Small documents with shared actors, every target type, null and empty attributes."""
    batches = []
    for i in range(count):
        actors = [Actor(f"a{i}", f"{UNICODE} {i}", ["scic"], aliases=[f"A{i}"], roles=["ess"]),
                  Actor("shared", "Partagé", [], territories=["territoire:indre"]),
                  Actor(f"b{i}", f"B {i}", ["entreprise"], attributes={"siren": f"{i:09d}"})]
        batch = make_batch(f"doc-{i}", actors=actors,
                           links=[(f"a{i}", "MEMBER_OF", "shared"), (f"b{i}", "SUPPORTS", f"a{i}", "actor", UNICODE),
                                  (f"a{i}", "OPERATES_IN", "territoire:indre", "territory"),
                                  (f"b{i}", "FUNDED_BY", "programme:leader", "programme")],
                           territories=[Territory("territoire:indre", "Indre", "departement")],
                           programmes=[Programme("programme:leader", "LEADER")])
        batch.links.append(Link(f"b{i}", "MEMBER_OF", "shared", [], "actor"))  # a link without evidence
        batches.append(batch)
    return batches


def stored(path, batches, copy_rows: int, monkeypatch) -> tuple:
    """Write the batches one by one with this COPY threshold; what the store reads back."""
    monkeypatch.setattr(ladybug_store, "COPY_ROWS", copy_rows)
    store = LadybugStore(path)
    try:
        for batch in batches:
            assert store.write(batch) is True
        return store.read(), [(b.document.id, b.actors, sorted(b.links, key=lambda l: l.key))
                              for b in store.batches()]
    finally:
        store.close()


def test_many_small_writes_read_back_as_with_copy(tmp_path, make_batch, monkeypatch):
    batches = documents(make_batch, 30)
    by_unwind = stored(tmp_path / "unwind.lbug", batches, 10**9, monkeypatch)
    by_copy = stored(tmp_path / "copy.lbug", batches, 1, monkeypatch)
    assert by_unwind == by_copy
    graph, per_document = by_unwind
    assert len(per_document) == 30 and len(graph.actors) == 61
    assert [(d, a) for d, a, _ in per_document] == [(b.document.id, b.actors) for b in batches]
    assert [l for _, _, l in per_document] == [sorted(b.links, key=lambda l: l.key) for b in batches]


@pytest.mark.parametrize("copy_rows", [10**9, 1], ids=["unwind", "copy"])
def test_a_link_to_a_missing_node_fails_the_write(tmp_path, make_batch, monkeypatch, copy_rows):
    monkeypatch.setattr(ladybug_store, "COPY_ROWS", copy_rows)
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        batch = make_batch("doc", actors=[Actor("x", "X", ["entreprise"])],
                           links=[("x", "OFFERS", "pas-un-service", "service")])
        with pytest.raises(RuntimeError):
            store.write(batch)
        assert store.documents() == [] and store.read().actors == {}
    finally:
        store.close()
