"""The folded graph read from the stored tables, and its snapshot beside an embedded base."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from maillage.graph.folded import SNAPSHOT_SUFFIX, FoldedGraph, fold_store, snapshot_key
from maillage.graph.kb import KnowledgeBase
from maillage.graph.model import Actor
from maillage.graph.stores.ladybug import LadybugStore


def _links(folded: FoldedGraph) -> list:
    return sorted(zip(*(folded.links.column(c).to_pylist() for c in folded.links.column_names)))


def _evidence(folded: FoldedGraph) -> list:
    ends = zip(*(folded.links.column(c).take(folded.evidence.column("link")).to_pylist()
                 for c in ("source", "kind", "target")))
    return sorted(zip(ends, *(folded.evidence.column(c).to_pylist() for c in ("document", "method", "confidence"))))


def test_folding_the_tables_gives_the_folded_objects(store, two_documents, make_batch):
    for batch in two_documents:
        store.write(batch)
    store.write(make_batch("doc-c", actors=[Actor("x", "Le Cluster X", ["cluster", "association"], roles=["ess"],
                                                  attributes={"size": "PME"})],
                           links=[("x", "OFFERS", "financement", "service"), ("x", "MEMBER_OF", "y")]))
    folded, expected = fold_store(store)[0], FoldedGraph.from_graph(store.read())
    assert folded.actors.equals(expected.actors)  # merged facts, in order of first statement
    assert _links(folded) == _links(expected) and _evidence(folded) == _evidence(expected)
    for table in ("territories", "programmes", "documents"):
        assert getattr(folded, table).equals(getattr(expected, table))
    assert asdict(folded.stats()) == asdict(expected.stats())


def _snapshots_after(path: Path, *writes) -> tuple[list[str], str, FoldedGraph]:
    """Run ``writes`` (functions of a read-write store) in one writer, then read as a reader: the snapshot
    folders present, the current key and the folded graph."""
    writer = LadybugStore(path)
    for write in writes:
        write(writer)
    writer.close()
    reader = LadybugStore(path, read_only=True)
    try:
        home, key = snapshot_key(reader)
        present = sorted(p.name for p in home.iterdir())
        return present, key, KnowledgeBase(reader).folded()
    finally:
        reader.close()


def test_a_writer_leaves_the_snapshot_of_its_version_and_only_that_one(tmp_path, two_documents):
    path = tmp_path / "base.lbug"
    present, first, folded = _snapshots_after(path, lambda s: s.write(two_documents[0]))
    assert present == [first] and folded.actors.num_rows == 2  # written by the writer: readers fold nothing
    present, second, folded = _snapshots_after(path, lambda s: s.write(two_documents[1]),
                                               lambda s: s.remove_document("doc-a"))
    assert second != first and present == [second]
    assert sorted(folded.actors.column("name").to_pylist()) == ["CCI de Y", "Cluster X", "SCIC Z"]
    home = Path(str(path) + SNAPSHOT_SUFFIX) / second
    assert not any(b"CCIY" in f.read_bytes() for f in home.iterdir())  # doc-a's alias is gone
