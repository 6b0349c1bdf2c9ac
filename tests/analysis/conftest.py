"""Hand-built graphs for the analysis tests."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from maillage.graph.model import Actor, Evidence, Graph, Link, Territory
from maillage.graph.projection import scoped_projection
from maillage.graph.scope import Scope


class Builder:
    """Build a :class:`Graph` by hand: actors named by id (name = id upper-cased unless given)."""

    def __init__(self) -> None:
        self.graph = Graph()

    def territory(self, tid: str, name: str, level: str = "epci", code: str = "", parent: str = "") -> "Builder":
        self.graph.territories[tid] = Territory(tid, name, level, code, parent)
        return self

    def actor(self, aid: str, *kinds: str, roles=(), where=(), name: str = "", aliases=(), **attributes) -> "Builder":
        self.graph.actors[aid] = Actor(aid, name or aid.upper(), list(kinds), aliases=list(aliases),
                                       roles=list(roles), territories=list(where), attributes=attributes)
        return self

    def link(self, source: str, kind: str, target: str, target_type: str = "actor", confidence: float = 1.0,
             method: str = "import") -> "Builder":
        evidence = [Evidence("doc", confidence=confidence, method=method)]
        self.graph.links[(source, kind, target)] = Link(source, kind, target, evidence, target_type)
        return self

    def project(self, **scope):
        return scoped_projection(self.graph, Scope(**scope))


@pytest.fixture
def build() -> Builder:
    return Builder()


@pytest.fixture(scope="module")
def synthetic():
    """The benchmark generator, bench/gen_synthetic.py."""
    path = Path(__file__).resolve().parents[2] / "bench" / "gen_synthetic.py"
    spec = importlib.util.spec_from_file_location("gen_synthetic", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
