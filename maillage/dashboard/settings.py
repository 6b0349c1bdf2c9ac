"""Where the dashboard reads its configuration: environment variables set by ``maillage dashboard``.

- ``MAILLAGE_DB``: path of the embedded database (default ``./maillage-data``).
- ``MAILLAGE_STORE``: ``ladybug`` (default) or ``neo4j`` (then ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``).
- ``MAILLAGE_PASSWORD``: when set, a password gate protects every page (off by default).
- ``MAILLAGE_AUTHOR``: default author name proposed for curation decisions.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "./maillage-data"
DEFAULT_STORE = "ladybug"


@dataclass(frozen=True)
class Settings:
    db: str
    store: str
    password: str
    author: str


def settings() -> Settings:
    """The dashboard's settings, read from the environment."""
    return Settings(db=os.environ.get("MAILLAGE_DB") or DEFAULT_DB,
                    store=os.environ.get("MAILLAGE_STORE") or DEFAULT_STORE,
                    password=os.environ.get("MAILLAGE_PASSWORD", ""),
                    author=os.environ.get("MAILLAGE_AUTHOR", ""))
