"""The contract every GraphStore keeps (runs on LadybugDB, and on Neo4j when NEO4J_URI is set)."""
from __future__ import annotations

from maillage.graph.columnar import batch_tables
from maillage.graph.curation import Decision
from maillage.graph.model import Actor, Batch, Document, Evidence, Link, Territory

HOSTILE = "'}) DETACH DELETE n //"
SCRIPT = "<script>alert('x')</script>"
UNICODE = "Société d'Économie Mixte — Œuvre « Brenne » 🌍"


def snapshot(store):
    """Everything a store holds, in a comparable form."""
    graph = store.read()
    return ({k: (a.name, a.kinds, sorted(a.aliases), a.roles, a.territories, a.attributes)
             for k, a in graph.actors.items()},
            {k: sorted((e.document, e.sentence, e.confidence) for e in link.evidence) for k, link in graph.links.items()},
            sorted(graph.territories), sorted(graph.programmes), [d.id for d in store.documents()])


def test_same_batch_twice_changes_nothing(store, two_documents):
    a, _ = two_documents
    assert store.write(a) is True
    before, version = snapshot(store), store.version()
    assert store.write(a) is False
    assert snapshot(store) == before
    assert store.version() == version


def test_batches_give_back_what_was_written(store, two_documents):
    a, b = two_documents
    store.write(a)
    store.write(b)
    stored = list(store.batches())
    assert [s.document.id for s in stored] == ["doc-a", "doc-b"]
    for written, read in zip((a, b), stored):
        assert read.document.title == written.document.title
        assert read.actors == written.actors
        assert sorted(read.links, key=lambda l: l.key) == sorted(written.links, key=lambda l: l.key)
        assert read.territories == written.territories
        assert read.programmes == written.programmes


def test_read_merges_documents(store, two_documents):
    a, b = two_documents
    store.write(a)
    store.write(b)
    graph = store.read()
    assert set(graph.actors) == {"x", "y", "z"}
    assert graph.actors["y"].aliases == ["CCIY", "CCI de Y"]  # a name each, the first document's wins the tie
    assert graph.actors["z"].kinds == ["scic", "ptce"]
    assert [e.document for e in graph.links[("x", "MEMBER_OF", "y")].evidence] in (["doc-a", "doc-b"],
                                                                                    ["doc-b", "doc-a"])


def test_removing_a_document_keeps_shared_facts(store, two_documents):
    a, b = two_documents
    store.write(a)
    store.write(b)
    assert store.remove_document("doc-b") is True
    graph = store.read()
    assert set(graph.actors) == {"x", "y"}  # z was stated by doc-b alone
    assert set(graph.links) == {("x", "MEMBER_OF", "y")}
    assert [e.document for e in graph.links[("x", "MEMBER_OF", "y")].evidence] == ["doc-a"]
    assert graph.actors["y"].name == "CCI Y" and graph.actors["y"].aliases == ["CCIY"]
    assert store.remove_document("doc-b") is False


def test_removing_the_only_document_empties_the_graph(store, two_documents):
    a, _ = two_documents
    store.write(a)
    store.remove_document("doc-a")
    graph = store.read()
    assert not graph.actors and not graph.links and not graph.territories and not graph.programmes
    assert store.documents() == []
    assert store.write(a) is True  # and it can come back


def test_replace_swaps_documents_in_one_write(store, two_documents, make_batch):
    a, _ = two_documents
    store.write(a)
    changed = make_batch("doc-a2", actors=[Actor("x", "Cluster X", ["cluster"]), Actor("w", "Ville W", ["collectivite"])],
                         links=[("x", "PARTNER_OF", "w")], path="doc-a.txt")
    assert store.write(changed, replaces="doc-a") is True
    graph = store.read()
    assert [d.id for d in store.documents()] == ["doc-a2"]
    assert set(graph.actors) == {"x", "w"}
    assert set(graph.links) == {("x", "PARTNER_OF", "w")}
    assert not graph.territories


def test_evidence_round_trip(store):
    evidence = [Evidence("doc-e", "La CCI accompagne le cluster.", 10, 41, "accompagne", 0.85, "dependency", 3),
                Evidence("doc-e", "Le cluster est appuyé par la CCI.", 50, 83, "", 0.4, "cooccurrence")]
    batch = Batch(Document("doc-e", "e.pdf", pages=4, words=120, ingested_at="2026-01-02T03:04:05+00:00"),
                  actors=[Actor("cci", "CCI", ["cci"]), Actor("cl", "Cluster", ["cluster"])],
                  links=[Link("cci", "SUPPORTS", "cl", evidence),
                         Link("cci", "OFFERS", "financement", [Evidence("doc-e", "finance", method="pattern")], "service"),
                         Link("cl", "LOCATED_IN", "territoire:brenne", [Evidence("doc-e")], "territory")],
                  territories=[Territory("territoire:brenne", "Brenne", "pays", "36", "territoire:indre")])
    store.write(batch)
    graph = store.read()
    assert graph.links[("cci", "SUPPORTS", "cl")].evidence == evidence
    assert graph.links[("cci", "OFFERS", "financement")].target_type == "service"
    assert graph.links[("cl", "LOCATED_IN", "territoire:brenne")].evidence == [Evidence("doc-e")]
    assert graph.territories["territoire:brenne"] == Territory("territoire:brenne", "Brenne", "pays", "36",
                                                               "territoire:indre")
    assert store.documents() == [batch.document]


def test_decisions_are_appended_once_in_order(store):
    first = Decision("rename", {"actor": "x", "name": UNICODE}, author="Camille")
    second = Decision("set_kinds", {"actor": "x", "kinds": ["cluster", "ptce"]})
    assert store.append_decisions([first, second]) == 2
    third = Decision("undo", {"decision": first.id})
    assert store.append_decisions([second, third, first]) == 1
    assert store.decisions() == [first, second, third]
    assert store.append_decisions([]) == 0


def test_version_changes_with_every_change(store, two_documents):
    a, b = two_documents
    seen = [store.version()]
    store.write(a)
    seen.append(store.version())
    store.write(b)
    seen.append(store.version())
    store.append_decisions([Decision("rename", {"actor": "x", "name": "X"})])
    seen.append(store.version())
    store.remove_document("doc-a")
    seen.append(store.version())
    assert len(set(seen)) == len(seen)
    store.remove_document("doc-a")
    store.append_decisions([])
    assert store.version() == seen[-1]


def test_hostile_and_unicode_text_is_stored_verbatim(store, make_batch):
    names = [HOSTILE, SCRIPT, UNICODE]
    actors = [Actor(f"a{i}", name, ["association"], aliases=[name + " (sigle)"], attributes={"website": name})
              for i, name in enumerate(names)]
    batch = make_batch(HOSTILE, actors=actors, links=[("a0", "PARTNER_OF", "a1", "actor", SCRIPT),
                                                     ("a1", "FUNDS", "a2", "actor", HOSTILE)],
                       territories=[Territory("territoire:x", UNICODE, "commune")], path=SCRIPT)
    store.write(batch)
    store.append_decisions([Decision("rename", {"actor": "a0", "name": HOSTILE}, author=SCRIPT)])
    graph = store.read()
    assert [graph.actors[f"a{i}"].name for i in range(3)] == names
    assert graph.actors["a2"].aliases == [UNICODE + " (sigle)"] and graph.actors["a0"].attributes == {"website": HOSTILE}
    assert graph.links[("a0", "PARTNER_OF", "a1")].evidence[0].sentence == SCRIPT
    assert graph.links[("a1", "FUNDS", "a2")].evidence[0].sentence == HOSTILE
    assert graph.territories["territoire:x"].name == UNICODE
    assert store.documents()[0].path == SCRIPT and store.documents()[0].id == HOSTILE
    assert store.decisions()[0].params["name"] == HOSTILE and store.decisions()[0].author == SCRIPT
    assert store.remove_document(HOSTILE) and not store.read().actors


def test_large_batches_written_in_stages_read_the_same(store, two_documents):
    a, b = two_documents
    store.bulk_rows = 0  # every batch takes the staged path of large imports
    store.write(a)
    store.write(b)
    assert store.write(a) is False
    staged = snapshot(store)
    store.remove_document("doc-a")
    store.remove_document("doc-b")
    store.bulk_rows = 10**9
    store.write(a)
    store.write(b)
    assert snapshot(store) == staged


def test_an_incomplete_document_is_invisible_and_replaced_by_its_next_write(store, two_documents):
    a, b = two_documents
    store.write(a)
    before, version = snapshot(store), store.version()
    tables = batch_tables(b)
    store._write_facts(b, *tables, complete=False)  # the state a crash in the middle of a large write leaves
    assert snapshot(store) == before and store.version() == version
    assert store.write(b) is True
    assert [d.id for d in store.documents()] == ["doc-a", "doc-b"]
    assert set(store.read().actors) == {"x", "y", "z"}
    assert len(store.read().links[("x", "MEMBER_OF", "y")].evidence) == 2
