"""Where the dashboard reads its configuration: environment variables set by ``maillage dashboard``.

- ``MAILLAGE_DB``: path of the embedded database (default ``./maillage-data``).
- ``MAILLAGE_STORE``: ``ladybug`` (default) or ``neo4j`` (then ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``).
- ``MAILLAGE_PASSWORD``: when set, a password gate protects every page (off by default).
- ``MAILLAGE_AUTHOR``: default author name proposed for curation decisions.
- ``MAILLAGE_ACTEURS_DESSINES``: most actors the Explorer and the Réseau page draw (default 300): a bigger scope
  draws those with the most links in it, and says so.
- ``MAILLAGE_CHOIX_MAX``: most actors an actor picker lists (default 2,000); above, it first asks for part of
  the name.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "./maillage-data"
DEFAULT_STORE = "ladybug"
DEFAULT_DRAWN = 300
DEFAULT_PICKER_MAX = 2000


@dataclass(frozen=True)
class Settings:
    db: str
    store: str
    password: str
    author: str
    drawn: int = DEFAULT_DRAWN
    picker_max: int = DEFAULT_PICKER_MAX


def _count(name: str, default: int) -> int:
    """A positive whole number from the environment (the default when unset or not one)."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def settings() -> Settings:
    """The dashboard's settings, read from the environment."""
    return Settings(db=os.environ.get("MAILLAGE_DB") or DEFAULT_DB,
                    store=os.environ.get("MAILLAGE_STORE") or DEFAULT_STORE,
                    password=os.environ.get("MAILLAGE_PASSWORD", ""),
                    author=os.environ.get("MAILLAGE_AUTHOR", ""),
                    drawn=_count("MAILLAGE_ACTEURS_DESSINES", DEFAULT_DRAWN),
                    picker_max=_count("MAILLAGE_CHOIX_MAX", DEFAULT_PICKER_MAX))
