"""Fixtures of the store contract suite: every test runs on each available store."""
from __future__ import annotations

import os

import pytest

from maillage.graph.model import Actor, Batch, Document, Evidence, Link, Programme, Territory

NEO4J = pytest.param("neo4j", marks=[pytest.mark.neo4j, pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"), reason="NEO4J_URI n'est pas défini")])


@pytest.fixture(params=["ladybug", NEO4J])
def store(request, tmp_path):
    """An empty store. The Neo4j leg empties the server named by NEO4J_URI: point it at a test server."""
    if request.param == "ladybug":
        from maillage.graph.stores.ladybug import LadybugStore

        opened = LadybugStore(tmp_path / "base.lbug")
    else:
        from maillage.graph.stores.neo4j import Neo4jStore

        opened = Neo4jStore.from_env()
        opened._run("MATCH (n) DETACH DELETE n")
        opened._init_contents()
    yield opened
    opened.close()


def evidence(document: str, sentence: str = "", **fields) -> Evidence:
    return Evidence(document=document, sentence=sentence, **fields)


def make_batch(document_id: str, *, actors: list[Actor], links: list[tuple] = (), territories=(),
               programmes=(), path: str | None = None) -> Batch:
    """A batch whose links are (source, kind, target[, target_type[, sentence]]) with one piece of evidence each."""
    built = []
    for source, kind, target, *rest in links:
        target_type = rest[0] if rest else "actor"
        sentence = rest[1] if len(rest) > 1 else f"{source} {kind} {target}"
        built.append(Link(source, kind, target, [evidence(document_id, sentence, method="pattern", confidence=0.7)],
                          target_type))
    return Batch(Document(id=document_id, path=path or f"{document_id}.txt", title=document_id.upper()),
                 actors=list(actors), territories=list(territories), programmes=list(programmes), links=built)


@pytest.fixture(name="make_batch")
def make_batch_fixture():
    """The :func:`make_batch` helper, for test modules (conftest is not importable under importlib mode)."""
    return make_batch


@pytest.fixture
def two_documents() -> tuple[Batch, Batch]:
    """Document A states x, y and x->y; document B states y, z, y->z and also x->y (so x->y is shared)."""
    x = Actor("x", "Cluster X", ["cluster"])
    y = Actor("y", "CCI Y", ["cci"], aliases=["CCIY"])
    z = Actor("z", "SCIC Z", ["scic", "ptce"], roles=["ess"])
    a = make_batch("doc-a", actors=[x, y], links=[("x", "MEMBER_OF", "y")],
                   territories=[Territory("territoire:ain", "Ain", "departement")],
                   programmes=[Programme("programme:leader", "LEADER")])
    b = make_batch("doc-b", actors=[Actor("y", "CCI de Y", ["cci"]), z, Actor("x", "Cluster X", ["cluster"])],
                   links=[("y", "SUPPORTS", "z"), ("x", "MEMBER_OF", "y")])
    return a, b
