"""Fixtures: stores built from the demo's official-format samples (maillage/demo/reference)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from maillage.demo import DEMO_DIR, demo_paths
from maillage.demo.build import import_demo_data, import_demo_reference
from maillage.graph.stores import open_store

SAMPLES = DEMO_DIR / "reference"


@pytest.fixture
def samples(tmp_path) -> Path:
    """A copy of the samples that a test may edit."""
    return Path(shutil.copytree(SAMPLES, tmp_path / "samples"))


@pytest.fixture
def store(tmp_path):
    graph_store = open_store("ladybug", str(tmp_path / "base.lbug"))
    yield graph_store
    graph_store.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo's CSV data and every official sample, in one database (no documents: they need spaCy)."""
    path = tmp_path_factory.mktemp("demo") / "base.lbug"
    graph_store = open_store("ladybug", str(path))
    try:
        import_demo_data(graph_store, demo_paths())
        import_demo_reference(graph_store)
    finally:
        graph_store.close()
    return path


@pytest.fixture(scope="session")
def demo_graph(demo_db):
    graph_store = open_store("ladybug", str(demo_db), read_only=True)
    try:
        return graph_store.read()
    finally:
        graph_store.close()
