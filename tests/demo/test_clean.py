"""The demo's documents add no duplicate, no changed kind and no fake place to the imported data (issue 11)."""
from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.demo import demo_paths
from maillage.graph.kb import open_kb
from maillage.nlp.lexicon import fold


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "base")
    result = CliRunner().invoke(main, ["demo", "--sans-tableau-de-bord", "--db", db])
    assert result.exit_code == 0, result.output
    with open_kb(db, read_only=True) as kb:
        return kb.graph()


def _rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_two_actors_share_a_folded_name(graph):
    names = defaultdict(list)
    for actor in graph.actors.values():
        names[fold(actor.name)].append(actor.id)
    assert {name: ids for name, ids in names.items() if len(ids) > 1} == {}


def test_no_imported_actor_changes_primary_kind(graph):
    changed = {row["id"]: (row["kinds"].split("|")[0], graph.actors[row["id"]].kinds[0])
               for row in _rows(demo_paths().actors) if row["kinds"].split("|")[0] != graph.actors[row["id"]].kinds[0]}
    assert changed == {}


def test_every_place_is_official_or_imported(graph):
    imported = {row["id"] for row in _rows(demo_paths().territories)}
    fake = [t.name for t in graph.territories.values() if t.id not in imported and t.level == "autre"]
    assert fake == []
