"""The embedded store: LadybugDB (the maintained successor of Kùzu), one file on disk.

One process may open a database read-write; readers open it read-only. Bulk
writes of at least :data:`COPY_ROWS` rows go through ``COPY ... FROM`` an Arrow
table inside the write's transaction: LadybugDB loads a million relationships
in seconds where ``UNWIND ... MERGE`` takes minutes. Smaller writes (a
document's facts) go through a parameterised ``UNWIND $rows ... CREATE``:
LadybugDB 0.22 never releases the ~12 MiB each ``COPY`` from an Arrow table
holds, so a ``COPY`` per document would exhaust memory over a run of a few
dozen documents.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import ladybug
import pyarrow as pa

from maillage.errors import InputError, StoreLockedError
from maillage.graph.model import ACTOR_ATTRIBUTES
from maillage.graph.folded import after_writes
from maillage.graph.stores.cypher import CypherStore

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
    "parent STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Programme(id STRING PRIMARY KEY, name STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Service(id STRING PRIMARY KEY, name STRING)",
    "CREATE NODE TABLE IF NOT EXISTS Decision(id STRING PRIMARY KEY, seq INT64, action STRING, params STRING, "
    "author STRING, at STRING)",
    "CREATE REL TABLE IF NOT EXISTS LINK(FROM Actor TO Actor, FROM Actor TO Territory, FROM Actor TO Programme, "
    f"FROM Actor TO Service, {_EVIDENCE_COLUMNS})",
    "CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Document TO Territory, FROM Document TO Programme)",
]

#: Tables of fewer rows than this are written with ``UNWIND``, larger ones with ``COPY`` (see the module
#: docstring). ``UNWIND ... CREATE`` grows faster than linearly (measured: 2,000 facts and links 0.6 s,
#: 20,000 31 s, against 0.3 s and 0.5 s by ``COPY``), so only small tables take it.
COPY_ROWS = 2_000

_LOCKED = re.compile(r"Could not set lock|lock is held", re.IGNORECASE)
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

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(Path(path).expanduser())
        self.where = self.path
        self.read_only = read_only
        self._opened_version: int | None = None  # set once open: a failed opening wrote nothing
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
        """Open the file, turning LadybugDB's errors into one French line."""
        if Path(self.path).is_dir():
            raise InputError(f"{self.path} est un dossier : indiquez le fichier de la base (par ex. {self.path}/base.lbug)")
        if self.read_only and not Path(self.path).exists():
            raise InputError(f"aucune base à {self.path} : importez ou ingérez d'abord des données")
        try:
            return ladybug.Database(self.path, read_only=self.read_only)
        except RuntimeError as exc:
            message = str(exc)
            if _LOCKED.search(message):
                pid = re.search(r"PID (\d+)", message)
                holder = f" (processus {pid.group(1)})" if pid else ""
                raise StoreLockedError(
                    f"la base {self.path} est verrouillée par un autre processus{holder} : "
                    "fermez-le, ou ouvrez la base en lecture seule") from None
            if "not a valid" in message or "Cannot open file" in message:
                raise InputError(f"{self.path} n'est pas une base LadybugDB lisible") from None
            raise InputError(f"impossible d'ouvrir la base {self.path} : {message.splitlines()[0]}") from None

    def _check_schema(self) -> None:
        """Refuse, in one French line, a database whose tables lack columns this version writes and reads."""
        present = self._tables_present()
        for table, columns in expected_columns().items():
            if table not in present:
                continue
            # table_info takes no parameter; ``table`` is a constant of SCHEMA, a bare word
            found = set(self._table(f"CALL table_info('{table}') RETURN name").column("name").to_pylist())
            missing = [column for column in columns if column not in found]
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

    def _after_failure(self) -> None:
        """Take a fresh connection: LadybugDB 0.22 crashes on a ``COPY`` run on a connection
        whose previous transaction rolled back a ``COPY``; a new connection does not."""
        self._conn.close()
        self._conn = ladybug.Connection(self._db)

    def _insert_nodes(self, label: str, table: pa.Table) -> None:
        if table.num_rows >= COPY_ROWS:
            self._conn.execute(f"COPY {label} FROM $rows", {"rows": table})
        elif table.num_rows:
            query = f"UNWIND $rows AS r CREATE (:{label} {{{_properties(table.column_names)}}})"
            self._conn.execute(query, {"rows": table.to_pylist()})

    def _insert_links(self, label: str, table: pa.Table) -> None:
        if table.num_rows >= COPY_ROWS:
            self._conn.execute(f"COPY LINK FROM $rows (from='Actor', to='{label}')", {"rows": table})
        elif table.num_rows:
            properties = _properties(table.column_names[2:])
            query = (f"UNWIND $rows AS r MATCH (a:Actor {{id: r.`from`}}), (b:{label} {{id: r.`to`}}) "
                     f"CREATE (a)-[:LINK {{{properties}}}]->(b) RETURN count(*) AS n")
            created = self._table(query, {"rows": table.to_pylist()}).column("n")[0].as_py()
            if created != table.num_rows:  # fail as COPY does when an end is missing, rather than drop links
                raise RuntimeError(f"{table.num_rows - created} lien(s) vers un nœud {label} absent de la base")

    def close(self) -> None:
        if self._conn is not None:
            if not self.read_only and self._opened_version is not None:
                after_writes(self, self._opened_version)  # the one place where the snapshot follows writes
            self._conn.close()
            self._db.close()
            self._conn = None


def _properties(columns: list[str]) -> str:
    """A Cypher property map taking each column's value from the row ``r``."""
    return ", ".join(f"`{name}`: r.`{name}`" for name in columns)
