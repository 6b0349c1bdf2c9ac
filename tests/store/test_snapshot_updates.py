"""The snapshot brought up to date from what changed equals a full fold of the base, on a real LadybugDB base:
documents written, replaced and removed, CSV imports and their new versions, decisions of every kind."""
from __future__ import annotations

import pyarrow as pa
import pytest

from maillage.graph import folded as snapshot
from maillage.graph.curation import Decision, apply_decisions
from maillage.graph.folded import FoldedGraph, fold_store, load_or_fold, update_snapshot
from maillage.graph.folding import FoldState
from maillage.graph.model import Actor, Batch, Document, Evidence, Link, Programme, Territory
from maillage.graph.stores.ladybug import LadybugStore
from maillage.ingest.import_sources import import_sources


def _evidence(folded: FoldedGraph) -> list:
    """Evidence rows with their link's key, sorted (their order is not part of the folded graph)."""
    keys = folded.links.take(folded.evidence.column("link"))
    return sorted(zip(*(keys.column(c).to_pylist() for c in ("source", "kind", "target")),
                      *(folded.evidence.column(c).to_pylist() for c in ("document", "method", "confidence"))))


def _same(got: FoldedGraph, expected: FoldedGraph) -> None:
    """Equal tables, rows in the same order (evidence rows aside)."""
    for table in ("actors", "links", "territories", "programmes", "documents"):
        assert getattr(got, table).equals(getattr(expected, table)), table
    assert got.link_ends().equals(expected.link_ends())
    assert _evidence(got) == _evidence(expected)


def _linked(folded: FoldedGraph) -> list:
    """Each link with the actor rows of its ends, sorted."""
    ends = folded.link_ends()
    return sorted(zip(*(folded.links.column(c).to_pylist() for c in folded.links.column_names),
                      ends.column("source").to_pylist(), ends.column("target").to_pylist()))


def _same_graph(got: FoldedGraph, expected: FoldedGraph) -> None:
    """The same curated graph as the objects give (their links come in the engine's scan order)."""
    for table in ("actors", "territories", "programmes", "documents"):
        assert getattr(got, table).equals(getattr(expected, table)), table
    assert _linked(got) == _linked(expected)
    assert _evidence(got) == _evidence(expected)


@pytest.fixture
def appended(monkeypatch) -> list[list[int]]:
    """The document numbers each fold-in was asked to read (a full fold asks for every document)."""
    calls: list[list[int]] = []
    real = FoldState.append

    def spy(self, store, places, new_nums, written=None):
        calls.append(new_nums.to_pylist())
        return real(self, store, places, new_nums, written)

    monkeypatch.setattr(FoldState, "append", spy)
    return calls


def check(store: LadybugStore, appended: list, expect_numbers: list[int] | None) -> FoldedGraph:
    """Update the snapshot, the new documents' rows taken from what the writer holds in memory; it equals
    the full fold read from the store and the curated objects. ``expect_numbers``: the documents it had to
    fold in (None: a full fold was expected)."""
    appended.clear()
    rewritten = getattr(store, "rewritten", False)
    got = update_snapshot(store, rewritten, None if rewritten else store.written)
    if expect_numbers is not None:
        assert appended == [expect_numbers], appended
    full, _state = fold_store(store)
    _same(got, full)
    _same_graph(got, FoldedGraph.from_graph(apply_decisions(store.read(), store.decisions())))
    return got


def _batch(document: str, actors=(), links=(), territories=(), programmes=()) -> Batch:
    """Links are (source, kind, target, target_type, [(sentence, confidence, method), ...]); no evidence
    makes a bare link."""
    built = [Link(s, k, t, [Evidence(document, sentence, confidence=c, method=m) for sentence, c, m in pieces], tt)
             for s, k, t, tt, pieces in links]
    return Batch(Document(id=document, path=f"{document}.txt", title=document.upper()), actors=list(actors),
                 links=built, territories=list(territories), programmes=list(programmes))


PARIS = Territory("territoire:paris", "Paris", "commune", "75056", "territoire:idf")
LYON = Territory("territoire:lyon", "Lyon", "commune", "69123")
FUND = Programme("programme:feder", "FEDER")


def documents() -> dict[str, Batch]:
    return {
        "a": _batch("doc-a", [Actor("cci", "CCI Paris", ["cci"], territories=["territoire:paris"]),
                              Actor("bq", "Banque Alpha", ["relais"], attributes={"size": "GE"}),
                              Actor("ent1", "Entreprise Une", ["entreprise"])],
                    [("bq", "SUPPORTS", "ent1", "actor", [("Alpha aide Une.", 0.8, "pattern")]),
                     ("cci", "REFERS_TO", "bq", "actor", [("La CCI oriente.", 0.6, "dependency"),
                                                          ("Encore la CCI.", 0.5, "cooccurrence")]),
                     ("cci", "LOCATED_IN", "territoire:paris", "territory", [("", 1.0, "import")]),
                     ("bq", "OFFERS", "financement", "service", [("Alpha prête.", 0.9, "pattern")])],
                    [PARIS], [FUND]),
        "b": _batch("doc-b", [Actor("bq", "Banque Alpha SA", ["relais", "entreprise"], aliases=["BA"],
                                    attributes={"sector": "Banque"}),
                              Actor("asso", "Association Relais", ["association"], roles=["ess"])],
                    [("asso", "PARTNER_OF", "bq", "actor", [("Ils coopèrent.", 0.9, "pattern")]),
                     ("bq", "SUPPORTS", "ent1", "actor", [("Alpha soutient Une.", 0.7, "pattern")]),
                     ("asso", "MEMBER_OF", "cci", "actor", [])],
                    [LYON]),
        "c": _batch("doc-c", [Actor("ent1", "Entreprise 1", ["entreprise"], attributes={"size": "TPE"}),
                              Actor("cci", "CCI de Paris", ["cci"])],
                    [("ent1", "MEMBER_OF", "cci", "actor", [("Une adhère.", 0.4, "cooccurrence")]),
                     ("asso", "PARTNER_OF", "bq", "actor", [("Partenaires.", 0.5, "dependency")]),
                     ("cci", "FUNDS", "ghost", "actor", [("La CCI finance un inconnu.", 0.3, "pattern")])],
                    [Territory("territoire:paris", "Paris", "commune", "75056", "territoire:metropole")], [FUND]),
        "d": _batch("doc-d", [Actor("ghost", "Fantôme", ["entreprise"])],
                    [("ghost", "PARTNER_OF", "ent1", "actor", [("Le fantôme travaille avec Une.", 0.6, "pattern")])]),
    }


def test_writes_and_removals_follow_without_a_refold(tmp_path, appended):
    docs = documents()
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.write(docs["a"])
        check(store, appended, None)  # first snapshot: a full fold
        store.write(docs["b"])
        check(store, appended, [2])  # only the new document is read
        store.write(docs["c"])
        store.write(docs["d"])
        check(store, appended, [3, 4])
        store.remove_document("doc-a")  # first statements move to doc-b and doc-c
        got = check(store, appended, [])
        assert "Banque Alpha SA" in got.actors.column("name").to_pylist()
        store.write(docs["a"])  # back, after the others
        store.remove_document("doc-d")
        check(store, appended, [5])
        store.write(_batch("doc-e", [Actor("ent2", "Entreprise Deux", ["entreprise"])]), replaces="doc-c")
        check(store, appended, [5 + 1])
        for document in ("doc-a", "doc-b", "doc-e"):
            store.remove_document(document)
        assert check(store, appended, []).actors.num_rows == 0
    finally:
        store.close()


def test_a_link_two_documents_state_keeps_both_statements_when_folded_at_once(tmp_path, appended):
    """Folded in one go, a link stated by two documents is kept by the second when the first is removed."""
    docs = documents()
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.write(docs["a"])
        store.write(docs["b"])  # both state ("bq", "SUPPORTS", "ent1")
        check(store, appended, None)
        store.remove_document("doc-a")
        got = check(store, appended, [])
        assert ("bq", "SUPPORTS", "ent1") in set(zip(*(got.links.column(c).to_pylist()
                                                      for c in ("source", "kind", "target"))))
    finally:
        store.close()


def test_decisions_are_applied_to_the_named_part_only(tmp_path, appended):
    docs = documents()
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        for name in "abc":
            store.write(docs[name])
        check(store, appended, None)
        merge = Decision("merge", {"source": "ent1", "target": "bq"})
        store.append_decisions([merge, Decision("rename", {"actor": "cci", "name": "Chambre de Paris"}),
                                Decision("reject_link", {"source": "bq", "kind": "PARTNER_OF", "target": "asso"}),
                                Decision("add_link", {"source": "asso", "kind": "FUNDS", "target": "cci",
                                                      "confidence": 0.9, "note": "vu en réunion"})])
        got = check(store, appended, [])
        assert "ent1" not in got.actors.column("id").to_pylist()
        store.write(docs["d"])  # states ghost -> ent1, which the merge sends to bq
        check(store, appended, [4])
        store.append_decisions([Decision("set_kinds", {"actor": "asso", "kinds": ["association", "cluster"]}),
                                Decision("set_stance", {"actor": "cci", "stance": "convaincu"}),
                                Decision("undo", {"decision": merge.id})])
        got = check(store, appended, [])
        assert "ent1" in got.actors.column("id").to_pylist()
        store.remove_document("doc-b")
        check(store, appended, [])
    finally:
        store.close()


def test_the_writer_leaves_the_updated_snapshot_and_an_erasure_refolds(tmp_path, appended):
    docs = documents()
    path = tmp_path / "base.lbug"
    for names in ("ab", "c"):
        writer = LadybugStore(path)
        for name in names:
            writer.write(docs[name])
        writer.close()
    assert appended == [[1, 2], [3]]  # the second writer read only its document
    reader = LadybugStore(path, read_only=True)
    try:
        _same(load_or_fold(reader), fold_store(reader)[0])
    finally:
        reader.close()
    writer = LadybugStore(path)
    try:
        writer.write(docs["a"])
        writer.rewrite([docs["c"]])  # facts rewritten in place: nothing tells what changed
        assert not writer.written.covers(pa.array([1, 2, 3]))  # folded from the file: no row kept in memory
        assert writer.written.facts == {} and writer.written.links == {}
        check(writer, appended, None)
    finally:
        writer.close()


def test_a_compacted_base_keeps_no_written_row_and_the_same_graph(tmp_path):
    docs = documents()
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        for name in "abc":
            store.write(docs[name])
        store.remove_document("b")
        before = fold_store(store)[0]
        store.compact()
        _same(fold_store(store)[0], before)
    finally:
        store.close()


def _csv(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_imports_and_their_new_versions(tmp_path, appended):
    store = LadybugStore(tmp_path / "base.lbug")
    header = "id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance\n"
    actors = _csv(tmp_path, "actors.csv", header + "f1,Forge Une,,entreprise,,Nantes,,TPE,,,\n"
                  "f2,Forge Deux,,entreprise,,Rezé,,PME,,,\nr1,Relais Un,,relais,,Nantes,,,,,\n")
    links = _csv(tmp_path, "links.csv", "source,target,kind,confidence,note\nr1,f1,SUPPORTS,0.9,\n"
                 "r1,f2,SUPPORTS,,\nf1,f2,PARTNER_OF,0.5,salon\nr1,conseil,OFFERS,1,\n")
    try:
        import_sources(store, actors, links)
        check(store, appended, None)
        _csv(tmp_path, "actors.csv", header + "f1,Forge Une SA,,entreprise,,Nantes,,TPE,,,\n"
             "r1,Relais Un,,relais|association,ess,Saint-Herblain,,,,,\nf3,Forge Trois,,entreprise,,Rezé,,,,,\n")
        import_sources(store, actors, links)  # a new version of the actors file replaces the first
        check(store, appended, [3])
        store.write(_batch("texte", [Actor("f2", "Forge Deux", ["entreprise"])],
                           [("f3", "PARTNER_OF", "f2", "actor", [("Trois et Deux.", 0.7, "pattern")])]))
        check(store, appended, [4])
    finally:
        store.close()


def test_a_snapshot_the_documents_do_not_follow_is_folded_again(tmp_path, appended, monkeypatch):
    docs = documents()
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        store.write(docs["a"])
        store.write(docs["b"])
        check(store, appended, None)
        store.remove_document("doc-b")  # doc-c then takes number 2, which the snapshot gave doc-b
        store.write(docs["c"])
        check(store, appended, [2])
        monkeypatch.setattr(snapshot, "_last_state", lambda home, key: None)  # no snapshot to start from
        store.write(docs["d"])
        check(store, appended, None)
    finally:
        store.close()


def test_the_writer_folds_what_it_wrote_without_reading_it_back(tmp_path, monkeypatch):
    """After a CSV import, then a document restating an actor, the writer's snapshot is folded from the rows
    it holds (reading the store's fact and link rows fails meanwhile) and equals the full fold read back."""
    from maillage.graph import folding

    header = "id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance\n"
    actors = _csv(tmp_path, "actors.csv", header + "m1,Atelier Un,,entreprise,,Morlaix,,TPE,,,\n"
                  "m2,Atelier Deux,AD|A2,entreprise|association,ess,,,PME,,,\nc1,Conseil Un,,relais,,Morlaix,,,,,\n")
    links = _csv(tmp_path, "links.csv", "source,target,kind,confidence,note\nc1,m1,SUPPORTS,0.9,\n"
                 "m2,Morlaix,LOCATED_IN,,\nc1,conseil,OFFERS,1,\nc1,m2,SUPPORTS,,\nc1,m1,SUPPORTS,0.4,revu\n")
    text = _batch("texte", [Actor("m1", "Atelier 1", ["entreprise"], attributes={"size": "PME"})],
                  [("m2", "PARTNER_OF", "m1", "actor", [("Deux et Un.", 0.7, "pattern")]),
                   ("m1", "SUPPORTS", "c1", "actor", [])])
    path = tmp_path / "base.lbug"
    for write in (lambda store: import_sources(store, actors, links), lambda store: store.write(text)):
        writer = LadybugStore(path)
        write(writer)
        with monkeypatch.context() as patched:
            for name in ("read_links", "read_facts"):
                patched.setattr(folding, name, lambda *args: pytest.fail("rows read back from the store"))
            writer.close()
        reader = LadybugStore(path, read_only=True)
        try:
            home, key = snapshot.snapshot_key(reader)
            assert (home / key / "done").exists()  # the writer left the snapshot of this version
            _same(FoldedGraph.load(home / key), fold_store(reader)[0])
        finally:
            reader.close()


def _first_import(tmp_path, monkeypatch, links_text: str, fails: tuple[str, ...]) -> None:
    """A first CSV import into an empty base, whose writer folds with ``fails`` (functions of the fold) failing;
    its snapshot equals the full fold read back."""
    from maillage.graph import folding

    header = "id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance\n"
    actors = _csv(tmp_path, "actors.csv", header + "v1,Verrerie Une,,entreprise,,Quimper,,TPE,,,\n"
                  "v2,Verrerie Deux,,entreprise,,Quimper,,,,,\nq1,Relais Quimper,,relais,,Quimper,,,,,\n")
    links = _csv(tmp_path, "links.csv", "source,target,kind,confidence,note\n" + links_text)
    path = tmp_path / "base.lbug"
    writer = LadybugStore(path)
    import_sources(writer, actors, links)
    with monkeypatch.context() as patched:
        for name in fails:
            patched.setattr(folding, name, lambda *args, name=name: pytest.fail(f"{name} called"))
        writer.close()
    reader = LadybugStore(path, read_only=True)
    try:
        home, key = snapshot.snapshot_key(reader)
        _same(FoldedGraph.load(home / key), fold_store(reader)[0])
    finally:
        reader.close()


def test_a_first_import_is_folded_with_the_link_ends_its_check_found(tmp_path, monkeypatch):
    """The links file's ends, found among the actors file's ids while the file was checked, are not looked up
    again when the writer folds (the file mixes target types: the importer groups its rows as the fold reads
    them); a link stated twice is one link."""
    _first_import(tmp_path, monkeypatch, "q1,conseil,OFFERS,1,\nq1,v1,SUPPORTS,0.9,\nv2,Quimper,LOCATED_IN,,\n"
                  "q1,v2,SUPPORTS,,\nv1,financement,OFFERS,,\nq1,v1,SUPPORTS,0.3,revu\n", ("rows_of",))


def test_a_first_import_whose_rows_state_distinct_links_is_folded_without_grouping(tmp_path, monkeypatch):
    _first_import(tmp_path, monkeypatch, "q1,conseil,OFFERS,1,\nq1,v1,SUPPORTS,0.9,\nq1,v2,SUPPORTS,,\n",
                  ("rows_of", "_groups"))


def test_a_link_both_files_of_a_first_import_state_is_one_link(tmp_path, monkeypatch):
    """The links file places v2 where the actors file already does: two statements of one link."""
    _first_import(tmp_path, monkeypatch, "q1,v1,SUPPORTS,0.9,\nv2,Quimper,LOCATED_IN,0.5,\n", ())


def test_a_place_named_by_its_code_where_an_actor_bears_that_code_is_one_link(tmp_path, monkeypatch):
    """Two rows place an actor in one territory, by its code (also an actor's id) and by its name: one
    link, whose end is the territory (its ends found on the cells as written would make two)."""
    from maillage.graph import folding

    header = "id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance\n"
    actors = _csv(tmp_path, "actors.csv", header + "29,Atelier Vingt-Neuf,,entreprise,,,,,,,\n"
                  "b1,Brasserie Une,,entreprise,,,,,,,\n")
    places = _csv(tmp_path, "territories.csv", "id,name,level,code,parent\nt:orvane,Orvane,departement,29,\n")
    links = _csv(tmp_path, "links.csv", "source,target,kind,confidence,note\nb1,29,LOCATED_IN,0.9,\n"
                 "b1,Orvane,LOCATED_IN,0.5,\nb1,29,SUPPORTS,,\n")
    path = tmp_path / "base.lbug"
    writer = LadybugStore(path)
    import_sources(writer, actors, links, places)
    with monkeypatch.context() as patched:
        patched.setattr(folding, "rows_of", lambda *args: pytest.fail("link ends looked up again"))
        writer.close()
    reader = LadybugStore(path, read_only=True)
    try:
        home, key = snapshot.snapshot_key(reader)
        got = FoldedGraph.load(home / key)
        _same(got, fold_store(reader)[0])
        keys = list(zip(*(got.links.column(c).to_pylist() for c in ("source", "kind", "target"))))
        assert sorted(keys) == [("b1", "LOCATED_IN", "t:orvane"), ("b1", "SUPPORTS", "29")]
    finally:
        reader.close()
