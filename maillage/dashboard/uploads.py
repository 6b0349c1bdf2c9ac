"""Where uploaded documents are kept, and how they are ingested (one file at a time, for progress and reports).

An uploaded document is saved under the uploads folder with its own (sanitised) file name before
ingest, since a stored document is known by its path: uploading a new version of the same file
replaces the facts of the old one, as with ``maillage ingest``. The folder is ``MAILLAGE_UPLOADS``
when set, otherwise ``<database>-televersements`` next to the embedded database.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from maillage.graph.stores.base import GraphStore
from maillage.ingest.loaders import SUFFIXES
from maillage.ingest.pipeline import Extractor, IngestReport, ingest
from maillage.dashboard.settings import Settings

_UNSAFE = re.compile(r"[^\w.\- ]+")


def uploads_dir(cfg: Settings) -> Path:
    """The folder holding uploaded documents (created on demand)."""
    given = os.environ.get("MAILLAGE_UPLOADS")
    folder = Path(given) if given else Path(cfg.db).resolve().with_name(Path(cfg.db).name + "-televersements")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def safe_name(name: str) -> str:
    """A file name without any directory part or character outside letters, digits, ``. - _`` and spaces."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return base or "document"


def save_upload(folder: Path, name: str, data: bytes) -> Path:
    """Write an uploaded file into ``folder`` under its sanitised name; return its path."""
    path = folder / safe_name(name)
    path.write_bytes(data)
    return path


def accepted_suffixes() -> list[str]:
    """The document suffixes the loaders read, without dots (for the upload widget)."""
    return sorted(s.lstrip(".") for s in SUFFIXES)


def ingest_one(path: Path, store: GraphStore, extractor: Extractor) -> IngestReport:
    """Ingest one saved upload into an open read-write store."""
    return ingest([path], store, extractor, progress=False)
