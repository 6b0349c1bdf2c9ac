"""Fixtures of the dashboard tests: a small database imported from CSV (see ``dashboard_data``)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dashboard_data import build_db, write_csv_pair  # noqa: E402


@pytest.fixture(scope="session")
def csv_pair(tmp_path_factory) -> tuple[Path, Path]:
    return write_csv_pair(tmp_path_factory.mktemp("csv"))


@pytest.fixture(scope="session")
def small_db(tmp_path_factory, csv_pair) -> Path:
    """A database shared by the read-only tests."""
    return build_db(tmp_path_factory.mktemp("db"), csv_pair)
