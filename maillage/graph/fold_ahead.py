"""The fold of a first import, computed in a forked child while the writer copies its links.

A writer that opened a base holding no document folds, when it closes, every row it wrote
(:class:`~maillage.graph.folding.WrittenRows`): 4 s at a million actors and five million links, plus 1.6 s
to write the snapshot, after 10 s of ``COPY`` during which the engine leaves part of the machine idle.
:class:`FoldAhead` moves that work under the ``COPY``:

- **start**: just before the writer inserts the link rows of a large document (:meth:`start`), it forks.
  The child holds, copy-on-write (nothing pickled), every row the writer noted so far and the link rows
  about to be inserted; it notes these as the writer will, folds every document written
  (:meth:`~maillage.graph.folding.FoldState.append` from memory, exactly as the fold at close) and writes
  the snapshot's large tables (actors, links, evidence, link ends and the raw fold's statements) into a
  temporary folder beside the base, then exits. It never touches the engine.
- **publish**, once the writer closed the base (its writes durable, checkpointed): the snapshot is put in
  place only if the child succeeded and the base holds exactly the complete documents the child folded
  (same ids, same numbers, same order) and no decision: the small tables (territories, programmes,
  documents) are then read from the base and added, and the folder is marked done and renamed to the key
  of the base's version (:func:`~maillage.graph.folded.snapshot_key`). Otherwise (a write that failed or
  was interrupted, another document written after the fork, a child that failed or was killed) the
  folder is deleted and the snapshot is folded as without it.

The snapshot is a cache keyed by the base's version: a wrong one is never published, a missing one is
rebuilt by the next reader.
"""
from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
from pathlib import Path

import pyarrow as pa

from maillage.graph.folded import (SNAPSHOT_SUFFIX, _write, place_tables, publish, snapshot_key, work_folder,
                                   write_state)
from maillage.graph.folding import DOC_NUMS, FoldState, Places, WrittenRows, records_table
from maillage.graph.model import Programme, Territory

#: The snapshot's tables the child writes; the parent adds :func:`~maillage.graph.folded.place_tables`.
CHILD_TABLES = ("actors", "links", "evidence", "ends")


class FoldAhead:
    """A fold running in a forked child (see the module docstring)."""

    def __init__(self, pid: int, work: Path, doc_nums: pa.Table) -> None:
        self.pid: int | None = pid
        self.work = work
        self.doc_nums = doc_nums  # the documents the child folds: id and number, by number

    @classmethod
    def start(cls, path: str, written: WrittenRows, document: tuple[int, str],
              links: list[tuple[str, pa.Table]]) -> "FoldAhead | None":
        """Fork a child folding every document ``written`` holds and the one the writer is about to write,
        ``document`` (number, id), stating no actor, whose LINK rows are ``links`` ((target type, rows as
        inserted)); None when the snapshot folder cannot be written."""
        try:
            work = work_folder(Path(path + SNAPSHOT_SUFFIX))
        except OSError:
            return None
        ids = {**written.documents, document[0]: document[1]}
        doc_nums = pa.table({"id": [ids[n] for n in sorted(ids)], "num": sorted(ids)}, schema=DOC_NUMS)
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # the child's collections leave the parent's objects (and their pages) alone
        pid = os.fork()
        if pid == 0:
            _child(written, document, links, doc_nums, work)
        gc.unfreeze()
        return cls(pid, work, doc_nums)

    def publish(self, reader) -> bool:
        """Put the child's snapshot in place for the base ``reader`` reads, when it is that base's fold (see
        the module docstring); False when it is not (the folder is then deleted)."""
        places = Places.read(reader)
        if not places.nums().equals(self.doc_nums) or reader.decisions() or not self._succeeded():
            self.discard()
            return False
        home, key = snapshot_key(reader)
        for name, table in place_tables(places).items():
            _write(table, self.work / f"{name}.arrow")
        publish(self.work, home, key)
        return True

    def _succeeded(self) -> bool:
        """Wait for the child: whether it exited normally, every file written."""
        _pid, status = os.waitpid(self.pid, 0)
        self.pid = None
        return os.waitstatus_to_exitcode(status) == 0

    def discard(self) -> None:
        """Stop the child if it still runs, and delete its folder (nothing once published)."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        shutil.rmtree(self.work, ignore_errors=True)


def fold_written(written: WrittenRows, doc_nums: pa.Table) -> FoldState:
    """The raw fold of the documents ``doc_nums`` from the rows ``written`` holds, without the store: what
    :func:`~maillage.graph.folded.fold_store` gives for a base holding only these documents."""
    places = Places(doc_nums, records_table([], Territory), records_table([], Programme))
    state = FoldState.empty()
    state.append(None, places, doc_nums.column("num").combine_chunks(), written)
    return state


def _child(written: WrittenRows, document: tuple[int, str], links: list[tuple[str, pa.Table]], doc_nums: pa.Table,
           work: Path) -> None:
    """The forked child's whole life: note the document about to be written, fold, write the large tables,
    exit (0 only if all went well) without running the parent's exit handlers or flushing its buffers
    (``os._exit``)."""
    code = 1
    try:
        os.nice(19)  # the writer's COPY first: the fold takes the cycles it leaves
        written.start(*document)
        for target_type, rows in links:
            written.add_links(target_type, rows)
        links.clear()  # held by the written rows only: freed once folded
        state = fold_written(written, doc_nums)
        for name in CHILD_TABLES:
            _write(getattr(state, name), work / f"{name}.arrow")
        write_state(state, work)
        code = 0
    except BaseException:  # noqa: BLE001 (the parent then folds as without the child)
        pass
    finally:
        os._exit(code)
