"""The demo database, built once for the command-line tests (README commands, tables, bad values)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from maillage.cli import main


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A demo database; tests that write copy it first (see :func:`demo_copy`)."""
    db = tmp_path_factory.mktemp("demo") / "base"
    result = CliRunner().invoke(main, ["demo", "--sans-tableau-de-bord", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    """A private copy of the demo database (the file and whatever the engine keeps beside it)."""
    folder = tmp_path / "base"
    folder.mkdir()
    for path in demo_db.parent.iterdir():
        if path.name.startswith(demo_db.name):
            copy = shutil.copytree if path.is_dir() else shutil.copy2  # the folded snapshot is a folder
            copy(path, folder / path.name)
    return folder / demo_db.name
