"""Checking and repairing an embedded base after a crash, a kill or a full disk (``maillage verifier`` / ``reparer``).

Definitions:

- A base is **sound** when its file opens read-only, every document and decision
  reads back, no checkpoint was left half done and no large import was left
  incomplete.
- An **interrupted checkpoint** leaves LadybugDB's checkpoint files beside the base
  (:data:`~maillage.graph.stores.ladybug.CHECKPOINT_FILES`); opening the base
  read-write finishes it.
- A **damaged log** is a write-ahead log whose checksum fails (a write cut short).
  Repairing replays it up to the damage (LadybugDB's ``throw_on_wal_replay_failure``
  off); if the base still does not open, the log is set aside.
- Before changing anything, the repair copies every file beside the base (log,
  checkpoint files, journal) into ``<base>.sauvegardes/<date>/``.
- The **documents to re-ingest** are those the journal of acknowledged writes
  (``<base>.journal``) lists and the repaired base lacks, and the incomplete
  imports the repair removed.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import ladybug

from maillage.errors import InputError, MaillageError
from maillage.graph.stores.cypher import INCOMPLETE
from maillage.graph.stores.ladybug import _RECOVERY_PENDING, _WAL_DAMAGED, CHECKPOINT_FILES, LadybugStore

#: Files LadybugDB and maillage keep beside a base.
SIDE_FILES = (".wal", *CHECKPOINT_FILES, ".journal")


def backup_folder(db: str | Path) -> Path:
    return Path(str(db) + ".sauvegardes")


def backup_files(db: str | Path) -> list[Path]:
    """Every file the repairs of this base set aside."""
    folder = backup_folder(db)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def journal(db: str | Path) -> dict[str, str]:
    """Document id -> path of the writes acknowledged since the base was last closed cleanly."""
    file = Path(str(db) + ".journal")
    if not file.exists():
        return {}
    entries = (line.split("\t", 1) for line in file.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {doc: path for doc, path in entries}


@dataclass
class Diagnosis:
    """What ``maillage verifier`` found: French lines, empty when the base is sound."""

    problems: list[str] = field(default_factory=list)
    documents: int = 0
    decisions: int = 0


def _engine_state(db: str) -> str | None:
    """None if the base opens read-only, else the engine's (English) reason."""
    try:
        database = ladybug.Database(db, read_only=True)
    except RuntimeError as exc:
        return str(exc)
    database.close()
    return None


def check(db: str | Path) -> Diagnosis:
    """Check a base without changing it (see the module docstring)."""
    db = str(db)
    diagnosis = Diagnosis()
    if not Path(db).is_file():
        raise InputError(f"aucune base à {db}")
    leftovers = [Path(db + s).name for s in CHECKPOINT_FILES if Path(db + s).exists()]
    if leftovers:
        diagnosis.problems.append(f"point de contrôle interrompu (fichiers {', '.join(leftovers)})")
    reason = _engine_state(db)
    if reason is not None:
        if _WAL_DAMAGED.search(reason):
            diagnosis.problems.append("journal d'écriture (WAL) endommagé : la base ne s'ouvre pas")
        elif not _RECOVERY_PENDING.search(reason):
            diagnosis.problems.append("la base ne s'ouvre pas en lecture (erreur interne de LadybugDB)")
        return diagnosis
    store = LadybugStore(db, read_only=True)
    try:
        diagnosis.documents = sum(1 for _ in store.batches())
        diagnosis.decisions = len(store.decisions())
        incomplete = store._column(INCOMPLETE)
        stored = {d.id for d in store.documents()}
    except (RuntimeError, MaillageError):
        diagnosis.problems.append("des documents ou des décisions ne se relisent pas")
        return diagnosis
    finally:
        store.close()
    if incomplete:
        diagnosis.problems.append(f"{len(incomplete)} import(s) interrompu(s) laissé(s) incomplet(s)")
    missing = [path for doc, path in journal(db).items() if doc not in stored]
    if missing:
        diagnosis.problems.append(f"{len(missing)} document(s) enregistré(s) absent(s) de la base")
    return diagnosis


@dataclass
class Repair:
    """What ``maillage reparer`` did."""

    backup: Path | None = None
    actions: list[str] = field(default_factory=list)
    to_reingest: list[str] = field(default_factory=list)


def repair(db: str | Path, compact: bool = False) -> Repair:
    """Repair a base (see the module docstring), and rebuild its file if ``compact``; raises a French
    error if it still does not open."""
    db = str(db)
    if not Path(db).is_file():
        raise InputError(f"aucune base à {db}")
    done = Repair()
    acknowledged = journal(db)
    done.backup = _back_up(db)
    incomplete = _incomplete_paths(db)
    reason = _engine_state(db)
    if reason is not None and _WAL_DAMAGED.search(reason):
        _replay_up_to_damage(db)
        done.actions.append("journal endommagé rejoué jusqu'à l'endroit abîmé")
        if _engine_state(db) is not None and Path(db + ".wal").exists():
            Path(db + ".wal").unlink()
            done.actions.append("journal endommagé mis de côté")
    elif reason is not None and _RECOVERY_PENDING.search(reason):
        done.actions.append("point de contrôle interrompu terminé")
    store = LadybugStore(db)  # read-write: finishes a checkpoint, removes incomplete imports
    try:
        stored = {d.id for d in store.documents()}
        if compact:
            store.compact()
            done.actions.append("fichier de la base reconstruit")
    finally:
        store.close()
    if incomplete:
        done.actions.append(f"{len(incomplete)} import(s) incomplet(s) retiré(s)")
    done.to_reingest = sorted({path for doc, path in acknowledged.items() if doc not in stored} | set(incomplete))
    Path(db + ".journal").unlink(missing_ok=True)
    return done


def _back_up(db: str) -> Path | None:
    """Copy the files beside the base into a dated backup folder; None when there is none."""
    present = [Path(db + s) for s in SIDE_FILES if Path(db + s).exists()]
    if not present:
        return None
    folder = backup_folder(db) / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    folder.mkdir(parents=True, exist_ok=True)
    for file in present:
        shutil.copy2(file, folder / file.name)
    return folder


def _replay_up_to_damage(db: str) -> None:
    """Open the base read-write replaying its log up to the damage; closing it checkpoints what was replayed."""
    try:
        ladybug.Database(db, throw_on_wal_replay_failure=False).close()
    except RuntimeError:
        pass  # the log is set aside next


def _incomplete_paths(db: str) -> list[str]:
    """Paths of the documents a large import left incomplete (empty if the base does not open read-only)."""
    if _engine_state(db) is not None:
        return []
    store = LadybugStore(db, read_only=True)
    try:
        ids = set(store._column(INCOMPLETE))
        rows = store._table("MATCH (d:Document) RETURN d.id AS id, d.path AS path").to_pylist()
    finally:
        store.close()
    return [r["path"] for r in rows if r["id"] in ids]
