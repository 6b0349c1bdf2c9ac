"""The embedded store: LadybugDB (the maintained successor of Kùzu), one file on disk.

One process may open a database read-write; readers open it read-only. Bulk
writes of at least :data:`COPY_ROWS` rows go through ``COPY ... FROM`` an Arrow
table inside the write's transaction: LadybugDB loads a million relationships
in seconds where ``UNWIND ... MERGE`` takes minutes. Smaller writes (a
document's facts) go through a parameterised ``UNWIND $rows ... CREATE``:
LadybugDB 0.22 never releases the ~12 MiB each ``COPY`` from an Arrow table
holds, so a ``COPY`` per document would exhaust memory over a run of a few
dozen documents. A connection also keeps every Arrow table it copied from
until it closes (the actors of a million-actor import, while its links are
copied, and every table of the import while its snapshot is folded): the store
takes a fresh connection after each write that copied.

Durability (what "enregistré" means):

- a write is acknowledged only after its transaction committed and the
  write-ahead log and the database file were flushed to disk (``fsync``);
- before a write, the free space of the file system must hold twice the log
  plus four times the write's facts, plus :data:`SPACE_MARGIN` (the log record,
  then a checkpoint that copies the log into the file through a shadow file);
  otherwise the write is refused in French before anything is written;
- if the engine still fails mid-write (no space, I/O error), the log is cut back
  to its length before the write (its last committed state), the engine is
  abandoned without being closed (LadybugDB 0.22 aborts the process when a
  database whose log write failed is closed) and one French line says what
  happened. Each acknowledged write is also noted in a small journal beside the
  base (``<base>.journal``, emptied at each clean close) so that ``maillage
  reparer`` can list what a crash lost;
- a reader finding a checkpoint in progress (or one a crash interrupted), or
  any other engine refusal but a lock (a writer's files change under it), tries
  again for up to :data:`CHECKPOINT_WAIT` seconds, finishing an interrupted
  checkpoint itself when no process holds the base, then says in French what is
  happening.
"""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import ladybug
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import feather

from maillage.errors import InputError, MaillageError, StoreLockedError
from maillage.graph.model import ACTOR_ATTRIBUTES
from maillage.graph.folded import after_writes, snapshot_key
from maillage.graph.folding import WrittenRows
from maillage.graph.stores.cypher import (FACT_COLUMNS, KIND_NAMES, PLACED_FACT_ROWS, SET_VERSION, TARGET_LABELS,
                                          CypherStore)

_ATTRIBUTE_COLUMNS = ", ".join(f"`{name}` STRING" for name in ACTOR_ATTRIBUTES)
_EVIDENCE_COLUMNS = "kind STRING, doc INT64, sentence STRING, confidence DOUBLE, detail STRING"

#: The schema, created on first open.
SCHEMA = [
    "CREATE NODE TABLE IF NOT EXISTS Meta(name STRING PRIMARY KEY, value INT64)",
    "CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, num INT64, path STRING, title STRING, "
    "ingested_at STRING, pages INT64, words INT64, source STRING, complete BOOLEAN)",
    "CREATE NODE TABLE IF NOT EXISTS Actor(id STRING PRIMARY KEY)",
    "CREATE NODE TABLE IF NOT EXISTS ActorFact(id SERIAL PRIMARY KEY, doc INT64, pos INT64, actor STRING, "
    "name STRING, kinds STRING[], aliases STRING[], roles STRING[], territories STRING[], "
    f"{_ATTRIBUTE_COLUMNS}, extra STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Territory(id STRING PRIMARY KEY, name STRING, level STRING, code STRING, "
    "parent STRING, lat DOUBLE, lon DOUBLE)",
    "CREATE NODE TABLE IF NOT EXISTS Programme(id STRING PRIMARY KEY, name STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Service(id STRING PRIMARY KEY, name STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Decision(id STRING PRIMARY KEY, seq INT64, action STRING, params STRING, "
    "author STRING, at STRING)",
    "CREATE REL TABLE IF NOT EXISTS LINK(FROM Actor TO Actor, FROM Actor TO Territory, FROM Actor TO Programme, "
    f"FROM Actor TO Service, {_EVIDENCE_COLUMNS})",
    "CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Document TO Territory, FROM Document TO Programme)",
    "CREATE NODE TABLE IF NOT EXISTS Erasure(hash STRING PRIMARY KEY, at STRING)",
]

#: Columns added since the first schema: a writable database of an earlier version gains them on opening.
ADDED_COLUMNS = {"Territory": {"lat": "DOUBLE", "lon": "DOUBLE"}}

#: Tables of fewer rows than this are written with ``UNWIND``, larger ones with ``COPY`` (see the module
#: docstring). ``UNWIND ... CREATE`` grows faster than linearly (measured: 2,000 facts and links 0.6 s,
#: 20,000 31 s, against 0.3 s and 0.5 s by ``COPY``), so only small tables take it.
COPY_ROWS = 2_000

_LOCKED = re.compile(r"Could not set lock|lock is held", re.IGNORECASE)
_IO_FAILURE = re.compile(r"IO exception|Cannot write|No space left|Input/output error", re.IGNORECASE)
_RECOVERY_PENDING = re.compile(r"checkpoint recovery is pending", re.IGNORECASE)
_WAL_DAMAGED = re.compile(r"WAL file is corrupted|Checksum verification failed|WAL replay|\.wal\b", re.IGNORECASE)

#: What the part reads (:mod:`maillage.graph.store_scope`) look facts up by: every fact's key, actor, names,
#: kinds and places. LadybugDB indexes a node table by its primary key only, so finding the facts of given
#: actors, of a kind or placed in a territory would scan every fact at each read (0.45 s CPU at a million
#: facts); this index, read once per version of the base (0.6 s), turns those reads into lookups (see
#: :meth:`LadybugStore._fact_index`). The facts themselves are then fetched by key (0.16 s for a 20,000-actor
#: territory): an index of every fact column would spare that, but cost 1.2 s to build, which the first
#: scoped command after each write pays.
FACT_INDEX_COLUMNS = {"key": "id", "actor": "actor", "name": "name", "aliases": "aliases", "kinds": "kinds",
                      "places": "territories"}  # column: fact property
FACT_INDEX = "MATCH (f:ActorFact) RETURN " + ", ".join(f"f.{p} AS {c}" for c, p in FACT_INDEX_COLUMNS.items())
#: The facts wanted, looked up by key.
FACTS_BY_KEY = f"UNWIND $keys AS k MATCH (f:ActorFact {{id: k}}) RETURN {FACT_COLUMNS}"
#: The file of the fact index in the snapshot folder of the version it indexes.
FACT_INDEX_FILE = "fact_index.arrow"

#: Target type of each node label a LINK may point to.
TARGET_TYPES = {label: target_type for target_type, label in TARGET_LABELS.items()}

#: Free space kept beyond the expected size of a write (see the module docstring).
SPACE_MARGIN = 1 << 20
#: How long a reader waits, in seconds, for a checkpoint under way before saying so.
CHECKPOINT_WAIT = 5.0
#: Files LadybugDB keeps beside the base while a checkpoint is under way (a crash leaves them).
CHECKPOINT_FILES = (".wal.checkpoint", ".shadow", ".checkpoint.apply.lock", ".checkpoint.intent.lock")


class StoreWriteError(MaillageError):
    """The engine failed mid-write (no space, I/O error): nothing of that write is stored."""


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} Mo".replace(".", ",")


def _fsync(file: str) -> None:
    descriptor = os.open(file, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _abandon(engine_object) -> None:
    """Keep an engine object alive until the process ends: its destructor would abort the process."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(engine_object))
_TABLE = re.compile(r"CREATE (?:NODE|REL) TABLE IF NOT EXISTS (\w+)\((.*)\)$")


def expected_columns() -> dict[str, list[str]]:
    """Table -> the property names :data:`SCHEMA` gives it (a relationship's FROM/TO pairs excluded)."""
    tables = {}
    for statement in SCHEMA:
        table, body = _TABLE.match(statement).groups()
        names = (column.split(" ")[0].strip("`") for column in body.split(", "))
        tables[table] = [name for name in names if name != "FROM"]
    return tables


class LadybugStore(CypherStore):
    """A :class:`~maillage.graph.stores.base.GraphStore` in a LadybugDB file."""

    link_rank = "offset(ID(l))"  # a relationship's offset in its table: the order it was written in
    node_label = "label(b)"
    node_row = "offset(ID(b))"  # a node's offset in its table

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(Path(path).expanduser())
        self.where = self.path
        self.erasure_key_path = self.path + ".cle-oubli"
        self.acknowledged = 0  # writes this store committed durably (named when a later one fails)
        self.read_only = read_only
        self._opened_version: int | None = None  # set once open: a failed opening wrote nothing
        self._facts_index: tuple[str, pa.Table] | None = None  # (snapshot key, fact index): see _fact_index
        self.written = WrittenRows()  # the rows this store wrote, folded from memory when it closes
        self._copied = False  # whether the connection ran a COPY from an Arrow table (see _guarded)
        self._stamp = self._file_stamp()
        self._db = self._open_database()
        self._conn = ladybug.Connection(self._db)
        self._check_schema()
        if not read_only:
            for statement in SCHEMA:
                self._conn.execute(statement)
            self._init_contents()
            self._remove_incomplete()  # this process holds the only write lock: nobody else is writing
        elif "Document" not in self._tables_present():
            self.close()
            raise InputError(f"{self.path} n'est pas une base maillage (aucune table Document)")
        self._opened_version = self.version()

    def _open_database(self) -> ladybug.Database:
        """Open the file, waiting out a checkpoint under way, turning LadybugDB's errors into one French line."""
        if Path(self.path).is_dir():
            raise InputError(f"{self.path} est un dossier : indiquez le fichier de la base (par ex. {self.path}/base.lbug)")
        if self.read_only and not Path(self.path).exists():
            raise InputError(f"aucune base à {self.path} : importez ou ingérez d'abord des données")
        deadline = time.monotonic() + CHECKPOINT_WAIT
        while True:
            try:
                return ladybug.Database(self.path, read_only=self.read_only)
            except RuntimeError as exc:
                message = str(exc)
                if not self.read_only or _LOCKED.search(message) or "not a valid" in message:
                    raise self._open_error(message) from None
            if not self._finish_checkpoint() and time.monotonic() > deadline:
                if _RECOVERY_PENDING.search(message):
                    raise InputError(f"la base {self.path} est en cours d'écriture (un autre processus recopie son "
                                     "journal dans le fichier) : réessayez dans un instant ; si cela dure, arrêtez "
                                     f"les processus qui l'utilisent et lancez « maillage reparer --db {self.path} »")
                raise self._open_error(message)
            time.sleep(0.1)

    def _finish_checkpoint(self) -> bool:
        """Complete a checkpoint a crash interrupted, if no process holds the base (opening it read-write
        replays it); False when a writer holds it, which is then checkpointing."""
        try:
            ladybug.Database(self.path).close()
        except RuntimeError:
            return False
        return True

    def _open_error(self, message: str) -> MaillageError:
        """The French error for an engine message met when opening the base (the message itself is English)."""
        if _LOCKED.search(message):
            pid = re.search(r"PID (\d+)", message)
            holder = f" (processus {pid.group(1)})" if pid else ""
            return StoreLockedError(f"la base {self.path} est verrouillée par un autre processus{holder} : "
                                    "fermez-le, ou ouvrez la base en lecture seule")
        if _WAL_DAMAGED.search(message):
            return InputError(f"le journal d'écriture de la base {self.path} est endommagé (écriture interrompue, "
                              f"disque plein ?) : lancez « maillage reparer --db {self.path} »")
        if "not a valid" in message or "Cannot open file" in message:
            return InputError(f"{self.path} n'est pas une base LadybugDB lisible")
        return InputError(f"impossible d'ouvrir la base {self.path} (erreur interne de LadybugDB) : "
                          f"lancez « maillage verifier --db {self.path} »")

    def _check_schema(self) -> None:
        """Refuse, in one French line, a database whose tables lack columns this version writes and reads."""
        present = self._tables_present()
        for table, columns in expected_columns().items():
            if table not in present:
                continue
            # table_info takes no parameter; ``table`` is a constant of SCHEMA, a bare word
            found = set(self._table(f"CALL table_info('{table}') RETURN name").column("name").to_pylist())
            missing = [column for column in columns if column not in found]
            if not self.read_only and missing and set(missing) <= set(ADDED_COLUMNS.get(table, {})):
                for column in missing:  # constants of ADDED_COLUMNS, bare words
                    self._conn.execute(f"ALTER TABLE {table} ADD {column} {ADDED_COLUMNS[table][column]}")
                continue
            if missing:
                self.close()
                raise InputError(
                    f"{self.path} a été créée par une autre version de maillage (colonne {table}.{missing[0]} "
                    "absente) : créez une nouvelle base et importez ou ingérez-y de nouveau vos données")

    def _file_stamp(self) -> tuple:
        """Size and modification time of the database file and its write-ahead log."""
        stamp = []
        for file in (Path(self.path), Path(self.path + ".wal")):
            if file.exists():
                info = file.stat()
                stamp.append((info.st_size, info.st_mtime_ns))
        return tuple(stamp)

    def _refresh(self) -> None:
        """A read-only database sees the file as it was when opened: reopen it when another process wrote."""
        if self.read_only and self._file_stamp() != self._stamp:
            self._stamp = self._file_stamp()
            self._conn.close()
            self._db.close()
            self._db = self._open_database()
            self._conn = ladybug.Connection(self._db)

    def _tables_present(self) -> set[str]:
        return set(self._table("CALL show_tables() RETURN name").column("name").to_pylist())

    # -- primitives -------------------------------------------------------------------
    def _table(self, query: str, params: dict | None = None) -> pa.Table:
        return self._conn.execute(query, params or {}).get_as_arrow()

    def _run(self, query: str, params: dict | None = None) -> None:
        self._conn.execute(query, params or {})

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            try:
                self._conn.execute("ROLLBACK")
            except RuntimeError:
                pass  # the failed statement already rolled the transaction back
            self._after_failure()
            raise
        self._conn.execute("COMMIT")
        self._sync()

    def _sync(self) -> None:
        """Flush the log and the file to disk: a write is acknowledged only once durable."""
        for file in (self.path + ".wal", self.path):
            if os.path.exists(file):
                _fsync(file)

    # -- durable writes -----------------------------------------------------------------
    def _reserve(self, expected_bytes: int) -> None:
        """Refuse, in French, a write the file system has no room for (see the module docstring)."""
        needed = 2 * self._wal_size() + 4 * expected_bytes + SPACE_MARGIN
        free = shutil.disk_usage(Path(self.path).parent).free
        if free < needed:
            raise StoreWriteError(f"espace disque insuffisant pour écrire dans {self.path} : {_megabytes(free)} "
                                  f"libres, il en faut environ {_megabytes(needed)} ; libérez de la place puis "
                                  "relancez la commande (rien n'a été écrit)")

    def _wal_size(self) -> int:
        wal = Path(self.path + ".wal")
        return wal.stat().st_size if wal.exists() else 0

    def write(self, batch, replaces: str | None = None) -> bool:
        written = self._guarded(super().write, batch, replaces)
        if written:
            self._note(batch.document)
            self.acknowledged += 1
        return written

    def remove_document(self, document_id: str) -> bool:
        return self._guarded(super().remove_document, document_id)

    def append_decisions(self, decisions) -> int:
        return self._guarded(super().append_decisions, decisions)

    def rewrite(self, batches, drop_decisions=(), erasures=(), anonymise=()) -> None:
        self.rewritten = True  # facts changed in place: the snapshot is folded again (maillage.graph.folded)
        self.written.stop()  # from the file: the rows written are not kept
        self._guarded(super().rewrite, batches, drop_decisions, erasures, anonymise)

    def erasures(self) -> set[str]:
        return super().erasures() if "Erasure" in self._tables_present() else set()

    def compact(self) -> None:
        """Rebuild the base into a fresh file (every document, decision and erasure record written again,
        in order) and put it in place: pages freed by removals keep no byte of what was removed."""
        fresh_path = self.path + ".compactage"
        for suffix in ("", ".wal", ".journal"):
            Path(fresh_path + suffix).unlink(missing_ok=True)
        fresh = LadybugStore(fresh_path)
        fresh.written.stop()  # it is rewritten in place below: its rows would be kept for nothing
        try:
            for batch in self.batches():
                fresh.write(batch)
            fresh.append_decisions(self.decisions())
            fresh.rewrite([], erasures=self.erasures())
            fresh._run(SET_VERSION, {"value": self.version() + 1})
        finally:
            fresh.close()
        if Path(fresh_path + ".wal").exists():  # its last checkpoint failed: the fresh file is not whole
            for suffix in ("", ".wal", ".journal", *CHECKPOINT_FILES):
                Path(fresh_path + suffix).unlink(missing_ok=True)
            raise StoreWriteError(f"recompactage de {self.path} impossible (place insuffisante ?) : la base reste "
                                  "telle quelle ; libérez de la place puis lancez « maillage reparer --compacter »")
        self.close()
        os.replace(fresh_path, self.path)
        for suffix in (".wal", ".journal", *CHECKPOINT_FILES):
            Path(self.path + suffix).unlink(missing_ok=True)
        Path(fresh_path + ".journal").unlink(missing_ok=True)
        self._db = self._open_database()
        self._conn = ladybug.Connection(self._db)

    def _guarded(self, method, *args):
        """Run a write; if the engine fails mid-write, cut the log back and stop with one French line."""
        if self._conn is None:
            raise StoreWriteError(f"la base {self.path} n'est plus utilisable par cette commande après un échec "
                                  "d'écriture : relancez la commande")
        self._reserve(0)
        wal_before = self._wal_size()
        try:
            result = method(*args)
        except (RuntimeError, OSError) as exc:
            if isinstance(exc, RuntimeError) and not _IO_FAILURE.search(str(exc)):
                raise
            raise self._give_up(wal_before) from None
        if self._copied:  # a connection keeps every Arrow table it copied from until it closes
            self._new_connection()
        return result

    def _give_up(self, wal_before: int) -> StoreWriteError:
        """After an engine failure mid-write: restore the log's last committed length, abandon the engine."""
        full = shutil.disk_usage(Path(self.path).parent).free < SPACE_MARGIN
        restored = self._cut_log(wal_before)
        _abandon(self._conn)
        _abandon(self._db)
        self._conn = None
        cause = "disque plein" if full else "erreur d'écriture sur le disque"
        state = ("la base reste à son dernier état enregistré" if restored
                 else f"lancez « maillage reparer --db {self.path} » une fois de la place libérée")
        before = (f" (les {self.acknowledged} document(s) écrits avant elle sont enregistrés)"
                  if self.acknowledged else "")
        return StoreWriteError(f"écriture impossible dans {self.path} ({cause}) : rien n'a été enregistré de "
                               f"cette dernière opération{before}, {state} ; libérez de la place puis relancez "
                               "la commande")

    def _cut_log(self, length: int) -> bool:
        """Cut the write-ahead log back to ``length`` bytes (its state at the last commit); False when a
        checkpoint started meanwhile (the log was then moved into the file, and recovery must finish it)."""
        if any(os.path.exists(self.path + suffix) for suffix in CHECKPOINT_FILES) or self._wal_size() < length:
            return False
        os.truncate(self.path + ".wal", length)
        try:
            _fsync(self.path + ".wal")
        except OSError:
            pass  # the cut is in the page cache; the log's committed records were flushed before
        return True

    def _note(self, document) -> None:
        """Note an acknowledged document in the journal beside the base (read by ``maillage reparer``).

        Best effort: the document is durable already; a journal that cannot grow (full disk) only
        makes a later repair's list of documents to re-ingest shorter."""
        try:
            with open(self.path + ".journal", "a", encoding="utf-8") as journal:
                journal.write(f"{document.id}\t{document.path}\n")
                journal.flush()
                os.fsync(journal.fileno())
        except OSError:
            pass

    def _after_failure(self) -> None:
        """Take a fresh connection: LadybugDB 0.22 crashes on a ``COPY`` run on a connection
        whose previous transaction rolled back a ``COPY``; a new connection does not."""
        self._new_connection()

    def _new_connection(self) -> None:
        """Close the connection (releasing the tables it copied from) and open another."""
        self._conn.close()
        self._conn = ladybug.Connection(self._db)
        self._copied = False

    # -- reading a part: the fact index ------------------------------------------------------
    def _fact_index(self) -> pa.Table:
        """The fact index (:data:`FACT_INDEX`) of the base's current version: in memory once read; else in
        the folder of the current snapshot (:func:`~maillage.graph.folded.snapshot_key`), memory-mapped,
        where the first reader of a version writes it for the next commands (a write deletes the folder
        with the snapshot); read from the base when there is no such folder, or its file has other columns
        (written by another version of maillage)."""
        self._refresh()
        home, key = snapshot_key(self)  # the version and the file it is of
        if self._facts_index is not None and self._facts_index[0] == key:
            return self._facts_index[1]
        file = home / key / FACT_INDEX_FILE if home is not None and (home / key / "done").exists() else None
        try:
            index = feather.read_table(str(file), memory_map=True) if file and file.exists() else None
        except (OSError, pa.ArrowInvalid):  # a folder deleted meanwhile: read the base
            index = None
        if index is None or index.column_names != list(FACT_INDEX_COLUMNS):  # none, or another layout's
            index = self._table(FACT_INDEX)
            if file is not None:
                _write_beside(index, file)
        self._facts_index = (key, index)
        return index

    def facts_of(self, ids) -> pa.Table:
        """As :meth:`CypherStore.facts_of`: the keys of the actors' facts in the fact index, then those facts
        by key (:data:`FACTS_BY_KEY`)."""
        index = self._fact_index()
        wanted = index.filter(pc.is_in(index.column("actor"), value_set=pa.array(list(ids), pa.string())))
        return self._table(FACTS_BY_KEY, {"keys": wanted.column("key").to_pylist()}).cast(PLACED_FACT_ROWS)

    def kind_names(self, kind: str) -> pa.Table:
        """As :meth:`CypherStore.kind_names`, on the fact index."""
        index = self._fact_index()
        kinds = index.column("kinds")
        rows = pc.list_parent_indices(kinds).filter(pc.equal(pc.list_flatten(kinds), kind))
        return index.select(["actor", "name", "aliases"]).take(rows).rename_columns(KIND_NAMES.names).cast(KIND_NAMES)

    def placed_actors(self, inside, enclosing) -> pa.Table:
        """As :meth:`CypherStore.placed_actors` (:data:`~maillage.graph.stores.cypher.PLACED_FACTS`), on the
        fact index: a fact with a place among ``inside``, or with every place among ``enclosing`` (or none)."""
        index = self._fact_index()
        places = index.column("places")
        owner = pc.list_parent_indices(places).to_numpy()
        flat = pc.list_flatten(places)
        hit = pc.is_in(flat, value_set=pa.array(list(inside), pa.string())).to_numpy(zero_copy_only=False)
        enclosed = pc.is_in(flat, value_set=pa.array(list(enclosing), pa.string())).to_numpy(zero_copy_only=False)
        is_inside = np.bincount(owner[hit], minlength=index.num_rows) > 0
        only_enclosing = np.bincount(owner[~enclosed], minlength=index.num_rows) == 0
        kept = pa.array(is_inside | only_enclosing)
        return pa.table({"id": index.column("actor").filter(kept), "inside": pa.array(is_inside).filter(kept)})

    def _write_document(self, document, num: int, complete: bool) -> None:
        super()._write_document(document, num, complete)
        self.written.start(num)

    def _write_facts(self, batch, actor_table: pa.Table, link_table: pa.Table, complete: bool,
                     num: int | None = None) -> None:
        super()._write_facts(batch, actor_table, link_table, complete, num)
        if getattr(batch, "end_rows", None) is not None:
            self.written.add_end_rows(link_table, batch.end_rows)

    def _insert_nodes(self, label: str, table: pa.Table) -> None:
        if label == "ActorFact":
            self.written.add_facts(table)
        if table.num_rows >= COPY_ROWS:
            self._copied = True
            self._conn.execute(f"COPY {label} FROM $rows", {"rows": table})
        elif table.num_rows:
            query = f"UNWIND $rows AS r CREATE (:{label} {{{_properties(table.column_names)}}})"
            self._conn.execute(query, {"rows": table.to_pylist()})

    def _insert_links(self, label: str, table: pa.Table) -> None:
        self.written.add_links(TARGET_TYPES[label], table)
        if table.num_rows >= COPY_ROWS:
            self._copied = True
            self._conn.execute(f"COPY LINK FROM $rows (from='Actor', to='{label}')", {"rows": table})
        elif table.num_rows:
            properties = _properties(table.column_names[2:])
            # one end, then the other: "MATCH (a {...}), (b {...})" joins on whole tables (2 GiB at 200k actors)
            query = (f"UNWIND $rows AS r MATCH (a:Actor {{id: r.`from`}}) WITH a, r MATCH (b:{label} {{id: r.`to`}}) "
                     f"CREATE (a)-[:LINK {{{properties}}}]->(b) RETURN count(*) AS n")
            created = self._table(query, {"rows": table.to_pylist()}).column("n")[0].as_py()
            if created != table.num_rows:  # fail as COPY does when an end is missing, rather than drop links
                raise RuntimeError(f"{table.num_rows - created} lien(s) vers un nœud {label} absent de la base")

    def close(self) -> None:
        """Close the base (LadybugDB then checkpoints it), and empty the journal of acknowledged writes.

        A writer that changed the base then brings its folded snapshot up to date (the one place where the
        snapshot follows writes), on the closed file reopened read-only: what the engine held for the
        writes is released first."""
        if self._conn is not None:
            changed = False
            if not self.read_only and self._opened_version is not None:
                try:
                    changed = self.version() != self._opened_version
                except RuntimeError:  # an engine that failed: the snapshots are left to be discarded
                    changed = True
            self._conn.close()
            self._db.close()
            self._conn = None
            if not self.read_only and not os.path.exists(self.path + ".wal"):
                Path(self.path + ".journal").unlink(missing_ok=True)
            written, self.written = self.written, WrittenRows()
            if changed:
                after_writes(self.path, lambda: LadybugStore(self.path, read_only=True),
                             getattr(self, "rewritten", False), written)


def _write_beside(table: pa.Table, file: Path) -> None:
    """Write ``table`` to ``file`` whole or not at all (a temporary file renamed into place); a folder that
    cannot be written (or was just deleted) is left as it is."""
    work = file.with_name(f".{file.name}.{os.getpid()}.{threading.get_ident()}")  # the dashboard's threads share a pid
    try:
        feather.write_feather(table, str(work), compression="uncompressed")
        os.replace(work, file)
    except OSError:
        work.unlink(missing_ok=True)


def _properties(columns: list[str]) -> str:
    """A Cypher property map taking each column's value from the row ``r``."""
    return ", ".join(f"`{name}`: r.`{name}`" for name in columns)
