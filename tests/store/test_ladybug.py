"""What only the embedded store does: files, locks, read-only opening, rollback of a failed write."""
from __future__ import annotations

import subprocess
import sys

import pytest

from maillage.errors import InputError, MaillageError, StoreLockedError
from maillage.graph.columnar import batch_tables
from maillage.graph.model import Actor, Link
from maillage.graph.stores import open_store
from maillage.graph.stores.ladybug import LadybugStore

OPEN_IN_CHILD = """
import sys
from maillage.errors import MaillageError
from maillage.graph.stores import open_store
try:
    open_store("ladybug", sys.argv[1], read_only=sys.argv[2] == "ro").close()
    print("ouverte")
except MaillageError as exc:
    print(type(exc).__name__, exc)
"""


def open_in_child(path, mode: str) -> str:
    """Open the store in a second, real process; return what happened there."""
    done = subprocess.run([sys.executable, "-c", OPEN_IN_CHILD, str(path), mode], capture_output=True, text=True,
                          timeout=120)
    return done.stdout.strip() or done.stderr


def test_a_database_held_read_write_is_locked_for_another_writer(tmp_path):
    path = tmp_path / "base.lbug"
    with_lock = LadybugStore(path)
    try:
        answer = open_in_child(path, "rw")
    finally:
        with_lock.close()
    assert answer.startswith("StoreLockedError")
    assert str(path) in answer and "verrouillée" in answer and "\n" not in answer
    assert open_in_child(path, "rw") == "ouverte"  # the lock goes with the process that held it


def test_many_readers_open_read_only(tmp_path, two_documents):
    path = tmp_path / "base.lbug"
    writer = LadybugStore(path)
    writer.write(two_documents[0])
    writer.close()
    reader = LadybugStore(path, read_only=True)
    try:
        assert open_in_child(path, "ro") == "ouverte"
        assert set(reader.read().actors) == {"x", "y"}
    finally:
        reader.close()


def test_read_only_store_refuses_writes(tmp_path, two_documents):
    path = tmp_path / "base.lbug"
    LadybugStore(path).close()
    reader = open_store("ladybug", str(path), read_only=True)
    try:
        with pytest.raises(MaillageError, match="lecture seule"):
            reader.write(two_documents[0])
        with pytest.raises(MaillageError, match="lecture seule"):
            reader.append_decisions([])
        with pytest.raises(MaillageError, match="lecture seule"):
            reader.remove_document("doc-a")
        assert reader.documents() == []
    finally:
        reader.close()


@pytest.mark.parametrize("make_path, message", [
    (lambda d: d / "absente.lbug", "aucune base"),
    (lambda d: d, "dossier"),
])
def test_bad_paths_read_only_give_one_french_line(tmp_path, make_path, message):
    with pytest.raises(InputError, match=message):
        LadybugStore(make_path(tmp_path), read_only=True)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_that_is_not_a_database_is_refused(tmp_path, read_only):
    path = tmp_path / "notes.lbug"
    path.write_text("ceci n'est pas une base\n" * 100)
    with pytest.raises(InputError, match="n'est pas une base LadybugDB"):
        LadybugStore(path, read_only=read_only)
    assert path.read_text().startswith("ceci n'est pas une base")


@pytest.mark.parametrize("read_only", [False, True])
def test_a_database_of_an_older_schema_is_refused_and_kept(tmp_path, read_only):
    import ladybug

    path = tmp_path / "ancienne.lbug"
    database = ladybug.Database(str(path))
    connection = ladybug.Connection(database)
    connection.execute("CREATE NODE TABLE Document(id STRING PRIMARY KEY, num INT64, path STRING)")
    connection.execute("CREATE (:Document {id: 'd1', num: 1, path: 'rapport.pdf'})")
    connection.close()
    database.close()
    with pytest.raises(InputError, match="autre version de maillage.*Document.title"):
        LadybugStore(path, read_only=read_only)
    database = ladybug.Database(str(path), read_only=True)
    rows = ladybug.Connection(database).execute("MATCH (d:Document) RETURN d.path").get_as_df()
    assert rows.iloc[0, 0] == "rapport.pdf"
    database.close()


def test_unknown_store_kind():
    with pytest.raises(InputError, match="base inconnue"):
        open_store("sqlite", "x")


@pytest.mark.parametrize("bulk_rows", [10**9, 0], ids=["one-transaction", "staged"])
def test_a_failed_write_leaves_the_database_as_before(tmp_path, two_documents, make_batch, bulk_rows):
    a, b = two_documents
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.write(a)
        before, version = store.read(), store.version()
        nodes = store._table("MATCH (n) RETURN count(*) AS n").column("n")[0].as_py()
        store.bulk_rows = bulk_rows
        broken = make_batch("doc-broken", actors=[*b.actors, Actor("new", "Nouveau", ["entreprise"])],
                            links=[("y", "SUPPORTS", "z")])
        broken.links.append(Link("new", "OFFERS", "pas-un-service", [], "service"))  # no such Service node
        with pytest.raises(RuntimeError):
            store.write(broken)
        assert store.read() == before and store.version() == version
        assert [d.id for d in store.documents()] == ["doc-a"]
        assert store._table("MATCH (n) RETURN count(*) AS n").column("n")[0].as_py() == nodes
        assert store.write(b) is True  # the store is still usable after the failure
        assert set(store.read().actors) == {"x", "y", "z"}
    finally:
        store.close()


def test_data_survives_reopening(tmp_path, two_documents):
    path = tmp_path / "base.lbug"
    store = LadybugStore(path)
    store.write(two_documents[0])
    expected = store.read()
    store.close()
    again = LadybugStore(path)
    try:
        assert again.read() == expected
        assert again.write(two_documents[0]) is False
    finally:
        again.close()


def test_reopening_read_write_removes_what_a_crash_left(tmp_path, two_documents):
    a, b = two_documents
    path = tmp_path / "base.lbug"
    store = LadybugStore(path)
    store.write(a)
    store._write_facts(b, *batch_tables(b), complete=False)  # a large write cut short
    store.close()
    reader = LadybugStore(path, read_only=True)
    try:
        assert [d.id for d in reader.documents()] == ["doc-a"] and "z" not in reader.read().actors
    finally:
        reader.close()
    again = LadybugStore(path)
    try:
        assert again._table("MATCH (d:Document) RETURN d.id AS id").column("id").to_pylist() == ["doc-a"]
        assert again._table("MATCH (a:Actor {id: 'z'}) RETURN a.id AS id").num_rows == 0
    finally:
        again.close()


WRITE_IN_CHILD = """
import sys
from maillage.graph.model import Actor, Batch, Document
from maillage.graph.stores.ladybug import LadybugStore
store = LadybugStore(sys.argv[1])
store.write(Batch(Document("doc-enfant", "enfant.txt"), actors=[Actor("e", "Écrit ailleurs", ["association"])]))
store.close()
"""


def test_a_reader_sees_what_another_process_wrote(tmp_path):
    path = tmp_path / "base.lbug"
    LadybugStore(path).close()
    reader = LadybugStore(path, read_only=True)
    try:
        version = reader.version()
        subprocess.run([sys.executable, "-c", WRITE_IN_CHILD, str(path)], check=True, timeout=120)
        assert reader.version() != version
        assert reader.read().actors["e"].name == "Écrit ailleurs"
    finally:
        reader.close()


def _actor_batch(document_id: str, count: int, links: list[tuple[str, str]] = (), ends_stored: bool = False):
    """A columnar batch of ``count`` actors with long names and ``links`` (source, target) between actors."""
    import pyarrow as pa

    from maillage.graph.columnar import ACTOR_SCHEMA, LINK_SCHEMA, ColumnarBatch
    from maillage.graph.model import Document

    ids = [f"{document_id}-{i}" for i in range(count)]
    actors = pa.table({"id": ids, "name": [f"Atelier numéro {i} " * 8 for i in range(count)],
                       "kinds": [["entreprise"]] * count}).cast(pa.schema([ACTOR_SCHEMA.field(n) for n in
                                                                           ("id", "name", "kinds")]))
    actors = pa.table({f.name: actors.column(f.name) if f.name in actors.column_names
                       else pa.nulls(count, f.type) for f in ACTOR_SCHEMA}, schema=ACTOR_SCHEMA)
    link_table = pa.table({"source": [s for s, _t in links], "kind": ["PARTNER_OF"] * len(links),
                           "target": [t for _s, t in links], "target_type": ["actor"] * len(links),
                           "sentence": [""] * len(links), "confidence": [1.0] * len(links),
                           "detail": pa.nulls(len(links), pa.string())}, schema=LINK_SCHEMA)
    return ColumnarBatch(Document(document_id, f"{document_id}.csv", source="import"), actors, link_table,
                         ends_stored=ends_stored)


def test_a_write_copied_from_arrow_keeps_none_of_its_tables(tmp_path):
    """LadybugDB keeps every Arrow table a connection copied from until the connection closes: the store
    takes a fresh one after such a write, so the batch's memory goes back once the caller drops it."""
    import gc

    import pyarrow as pa

    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.written.stop()  # (the writer's own copy of the rows is not what is measured here)
        before = pa.total_allocated_bytes()
        batch = _actor_batch("gros", 20_000)
        held = pa.total_allocated_bytes() - before
        assert store.write(batch)
        del batch
        gc.collect()
        assert pa.total_allocated_bytes() - before < held / 10
        assert store.actor_count() == 20_000
    finally:
        store.close()


def test_links_said_to_end_at_stored_actors_are_not_stored_when_one_is_missing(tmp_path):
    """A batch whose links' ends are said to be stored is not looked up, but a missing end still fails the
    write: nothing of it is kept."""
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        assert store.write(_actor_batch("acteurs", 3))
        links = [("acteurs-0", "acteurs-1"), ("acteurs-1", "inconnu")]
        with pytest.raises(RuntimeError):
            store.write(_actor_batch("liens", 0, links, ends_stored=True))
        assert [d.id for d in store.documents()] == ["acteurs"]
        assert store.actor_count() == 3
        assert store.write(_actor_batch("liens", 0, links[:1], ends_stored=True))
        assert store.link_rows(["acteurs-0"]).num_rows == 1
    finally:
        store.close()
