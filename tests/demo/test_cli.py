"""``maillage demo --sans-tableau-de-bord`` builds the demo database, and running it again changes nothing."""
from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.demo import demo_paths
from maillage.demo.build import REFERENCE_STEPS
from maillage.graph.kb import open_kb


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo built twice into one fresh database: (first output, second output, database path)."""
    db = str(tmp_path_factory.mktemp("demo") / "base")
    runner = CliRunner()
    first = runner.invoke(main, ["demo", "--sans-tableau-de-bord", "--db", db])
    second = runner.invoke(main, ["demo", "--sans-tableau-de-bord", "--db", db])
    return first, second, db


def test_demo_builds_the_database(built):
    first, _, db = built
    assert first.exit_code == 0, first.output
    assert "Données structurées importées" in first.output
    with open_kb(db, read_only=True) as kb:
        graph = kb.graph()
    paths = demo_paths()
    with paths.actors.open(encoding="utf-8", newline="") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    assert ids <= set(graph.actors)
    assert len(graph.links) >= 600
    sources = sum(1 if dataset == "sirene" else len(names) for dataset, names in REFERENCE_STEPS)
    assert len(graph.documents) == len(paths.document_files()) + 1 + sources  # documents, CSV import, official files
    extracted = {e.method for link in graph.links.values() for e in link.evidence} - {"import"}
    assert extracted, "les documents doivent apporter des liens extraits"
    assert "guichet_unique" in graph.actors["agevab"].roles
    mayor = graph.actors["p-claire-vasseur"].attributes
    assert mayor["stance"] == "indecis" and mayor["function"].startswith("présidente de la Communauté")
    assert "Avertissement" not in first.output


def test_demo_twice_changes_nothing(built):
    first, second, db = built
    assert second.exit_code == 0, second.output
    assert "déjà présentes" in second.output
    assert "Documents lus et enregistrés : 0" in second.output
    counts = [line for line in first.output.splitlines() if line.startswith("La base contient")]
    assert counts and counts == [line for line in second.output.splitlines() if line.startswith("La base contient")]
