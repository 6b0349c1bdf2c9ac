"""A territory's part read from the store scopes exactly as the whole curated base: same actors (records),
same links with the same evidence, in the same order, same label and core actors, same analysis answers;
on a synthetic base (actors stated by two documents, actors placed nowhere or in an enclosing territory)
and on the demo's imported data, before and after curation decisions (merges both ways, a renamed and a
new collectivité, a rejected, a restored and added links, an undo)."""
from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from maillage.demo import demo_paths
from maillage.demo.build import import_demo_data, import_demo_reference
from maillage.errors import InputError
from maillage.graph import analysis, kb as kb_module
from maillage.graph.array_projection import project
from maillage.graph.array_scope import scope_rows
from maillage.graph.curation import Decision
from maillage.graph.folded import FoldedGraph, fold_store, load_or_fold, snapshot_key
from maillage.graph.store_scope import fold_stored
from maillage.graph.kb import KnowledgeBase
from maillage.graph.model import Actor, Batch, Document, Evidence, Link, Territory
from maillage.graph.scope import Scope, descendants
from maillage.graph.store_scope import read_part
from maillage.graph.stores.cypher import CypherStore
from maillage.graph.stores.ladybug import FACT_INDEX, FACT_INDEX_FILE, LadybugStore

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "gen_synthetic.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_synthetic", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _view(scoped) -> tuple:
    """What a scope keeps, in order: actor records, links, evidence (by kept link), label, core actors."""
    folded = scoped.cols.folded
    rows = np.flatnonzero(scoped.links)
    evidence = folded.evidence.filter(pa.array(np.isin(folded.evidence.column("link").to_numpy(), rows)))
    position = {int(row): i for i, row in enumerate(rows)}
    pieces = sorted((position[link], *rest) for link, *rest in  # a link's evidence is a set: rows in any order
                    zip(*(evidence.column(c).to_pylist() for c in ("link", "document", "method", "confidence"))))
    return (folded.actors.take(pa.array(np.flatnonzero(scoped.actors))).to_pylist(),
            folded.links.take(pa.array(rows)).to_pylist(), pieces, scoped.label, scoped.cols.ids(scoped.core))


def _assert_same_scopes(store, scopes) -> list[FoldedGraph]:
    """Each scope of the part read from the store equals that scope of the snapshot's folding; the parts."""
    base, parts = fold_store(store)[0], []
    for scope in scopes:
        part = read_part(store, scope)
        assert _view(scope_rows(part, scope)) == _view(scope_rows(base, scope)), scope
        parts.append(part)
    return parts


def _answers(folded: FoldedGraph, scope: Scope) -> dict[str, str]:
    G = project(scope_rows(folded, scope), array_min=0)
    results = {"coverage": analysis.coverage(G), "network": analysis.network(G), "shadow-cci": analysis.shadow_cci(G)}
    return {name: json.dumps(result.to_json(), sort_keys=True) for name, result in results.items()}


# -- a synthetic base ------------------------------------------------------------------------------------
def _synthetic_batches() -> list[Batch]:
    """The benchmark mix on 700 actors, stated by two documents: the second restates a tenth of the actors
    (another name, another commune), states a quarter of the links again and adds actors placed nowhere or
    in the département, linked to the others."""
    module, rng = _generator(), random.Random(5)
    graph = module.generate(actors=700, links=3500, seed=3)
    actors, links = list(graph.actors.values()), list(graph.links.values())
    communes = sorted(t for t in graph.territories if t.startswith("com"))
    restated = [Actor(a.id, a.name + " (bis)", a.kinds[::-1], territories=[rng.choice(communes)])
                for a in rng.sample(actors, 70)]
    free = [Actor(f"libre-{i}", f"Libre {i}", ["association"], territories=["dep"] if i % 3 == 0 else [])
            for i in range(40)]
    extra = [Link(f"libre-{i}", "SUPPORTS", rng.choice(actors).id, [Evidence("b", confidence=0.6, method="pattern")])
             for i in range(40)]
    extra += [Link(f"libre-{i}", "PARTNER_OF", f"libre-{(i + 7) % 40}", [Evidence("b", confidence=0.4)])
              for i in range(0, 40, 2)]
    again = [Link(l.source, l.kind, l.target, [Evidence("b", confidence=0.9, method="dependency")], l.target_type)
             for l in rng.sample(links, len(links) // 4)]
    territories = list(graph.territories.values())
    return [Batch(Document("doc-a", "a.csv", "A"), actors=actors, links=links, territories=territories),
            Batch(Document("doc-b", "b.txt", "B"), actors=restated + free, links=extra + again,
                  territories=territories[:3])]


def _decisions(store, territory: str, elsewhere: str) -> list[Decision]:
    """Decisions that move actors and links in and out of ``territory`` (an id), against ``elsewhere``."""
    graph = KnowledgeBase(store).graph()
    here, there = descendants(graph, [territory]), descendants(graph, [elsewhere])
    inside = sorted(a.id for a in graph.actors.values() if here & set(a.territories))
    outside = sorted(a.id for a in graph.actors.values() if there & set(a.territories))
    unplaced = sorted(a.id for a in graph.actors.values() if not a.territories)
    authority = sorted(a.id for a in graph.actors.values() if "collectivite" in a.kinds)[0]
    core_link = sorted(key for key in graph.links if key[0] == inside[0] and graph.links[key].target_type == "actor")[0]
    reject = Decision("reject_link", {"source": core_link[0], "kind": core_link[1], "target": core_link[2]})
    return [
        Decision("merge", {"source": outside[0], "target": inside[1]}),   # an outside actor's links come in
        Decision("merge", {"source": inside[2], "target": outside[1]}),   # an outside actor comes in
        Decision("rename", {"actor": authority, "name": "Autorité Renommée"}),
        Decision("set_kinds", {"actor": unplaced[0], "kinds": ["collectivite"]}),
        Decision("add_link", {"source": unplaced[0], "kind": "GOVERNS", "target": territory,
                              "target_type": "territory"}),
        Decision("add_link", {"source": outside[2], "kind": "LOCATED_IN", "target": territory,
                              "target_type": "territory"}),
        Decision("add_link", {"source": unplaced[1], "kind": "PARTNER_OF", "target": inside[3], "confidence": 0.8}),
        reject, Decision("undo", {"decision": reject.id}),
        Decision("reject_link", {"source": core_link[0], "kind": core_link[1], "target": core_link[2]}),
    ]


SYNTHETIC_SCOPES = [
    Scope(territoire="Commune 001"), Scope(territoire="Commune 005"), Scope(territoire="Agglomération Synthétique"),
    Scope(territoire="Pays Voisin", exclude_methods=("cooccurrence",), min_confidence=0.5),
    Scope(territoire="Commune 002", link_kinds=("PARTNER_OF", "MEMBER_OF", "GOVERNS")),
    Scope(territoire="Agglomération Synthétique", kinds=("personne", "association", "collectivite")),
    Scope(territoire="Département Synthétique"),
]


def test_a_synthetic_part_scopes_as_the_whole_base(store):
    for batch in _synthetic_batches():
        store.write(batch)
    parts = _assert_same_scopes(store, SYNTHETIC_SCOPES)
    assert parts[0].actors.num_rows < fold_store(store)[0].actors.num_rows / 5  # a commune reads a commune
    store.append_decisions(_decisions(store, "com001", "com002"))
    centre = _view(scope_rows(fold_store(store)[0], SYNTHETIC_SCOPES[0]))[4][0]
    curated = [*SYNTHETIC_SCOPES, Scope(territoire="Autorité Renommée"),
               Scope(territoire="Commune 001", around=centre, radius=1)]
    _assert_same_scopes(store, curated)
    scope = Scope(territoire="Commune 001")
    assert _answers(read_part(store, scope), scope) == _answers(fold_store(store)[0], scope)


def test_the_errors_are_those_of_the_snapshot(store):
    for batch in _synthetic_batches():
        store.write(batch)
    base = fold_store(store)[0]
    for scope in (Scope(territoire="Atlantide"), Scope(territoire="Commune 003", kinds=("cec",), min_confidence=1.0)):
        with pytest.raises(InputError) as expected:
            scope_rows(base, scope)
        with pytest.raises(InputError) as got:
            scope_rows(read_part(store, scope), scope)
        assert str(got.value) == str(expected.value)


# -- the demo's data ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_base(tmp_path_factory) -> Path:
    """The demo's CSV data and official samples (nine documents, actors stated by several of them)."""
    path = tmp_path_factory.mktemp("demo") / "base.lbug"
    store = LadybugStore(path)
    try:
        import_demo_data(store, demo_paths())
        import_demo_reference(store)
    finally:
        store.close()
    return path


DEMO_SCOPES = [Scope(territoire="Val de Brenne"), Scope(territoire="Coteaux d'Argence"),
               Scope(territoire="Brenne-et-Argence", min_confidence=0.6),
               Scope(territoire="Communauté de communes des Monts du Lisois"), Scope(territoire="Ligérie")]


def test_a_demo_part_scopes_as_the_whole_base(demo_base, tmp_path):
    copy = tmp_path / "base.lbug"
    copy.write_bytes(demo_base.read_bytes())
    store = LadybugStore(copy)
    try:
        _assert_same_scopes(store, DEMO_SCOPES)
        store.append_decisions(_decisions(store, "territoire:val-de-brenne", "territoire:coteaux-d-argence"))
        _assert_same_scopes(store, [*DEMO_SCOPES, Scope(territoire="Autorité Renommée")])
        scope = DEMO_SCOPES[0]
        assert _answers(read_part(store, scope), scope) == _answers(fold_store(store)[0], scope)
    finally:
        store.close()


# -- the knowledge base's rule, and the order of folding ------------------------------------------------------
def test_the_knowledge_base_reads_the_part_when_it_pays(store, monkeypatch):
    for batch in _synthetic_batches():
        store.write(batch)
    kb = KnowledgeBase(store)
    commune = Scope(territoire="Commune 001")
    assert kb.part(commune) is None  # a small base: the snapshot answers
    monkeypatch.setattr(kb_module, "STORE_READ_MIN_ACTORS", 0)
    part = kb.part(commune)
    assert part is not None and _view(kb.scoped(commune)) == _view(scope_rows(kb.folded(), commune))
    assert kb.part(Scope(territoire="Département Synthétique")) is None  # most of the base
    assert kb.part(Scope()) is None
    centre = _view(kb.scoped(commune))[4][0]
    named = kb.folded().actors.filter(pc.equal(kb.folded().actors["id"], centre))["name"][0].as_py()
    assert kb.part(Scope(territoire="Commune 001", around=named)) is None  # a name is matched on the whole base
    assert kb.part(Scope(territoire="Commune 001", around=centre)) is not None


def test_links_fold_in_rank_order(store, make_batch):
    """Folded links come in order of first evidence: by document, then by ``rank`` (their place in the
    store), whatever order the engine scans them in; the same on the object path."""
    actors = [Actor(f"a{i}", f"A{i}", ["entreprise"], territories=["t"]) for i in range(30)]
    stated = [(f"a{i}", "PARTNER_OF", f"a{(i * 7 + 3) % 30}") for i in range(29, 0, -1)]
    store.write(make_batch("doc-1", actors=actors, links=stated, territories=[Territory("t", "T")]))
    store.write(make_batch("doc-2", actors=actors[:3], links=[("a1", "FUNDS", "a2"), stated[5]]))
    tables = store.stored_tables()
    folded = fold_stored(tables)
    keys = list(zip(*(folded.links.column(c).to_pylist() for c in ("source", "kind", "target"))))
    first = tables.links.filter(pc.equal(tables.links["doc"], tables.documents["num"][0]))
    by_rank = first.take(pc.sort_indices(first, sort_keys=[("rank", "ascending")]))
    assert keys[:-1] == list(zip(*(by_rank.column(c).to_pylist() for c in ("source", "kind", "target"))))
    assert sorted(keys[:-1]) == sorted(stated) and keys[-1] == ("a1", "FUNDS", "a2")
    assert keys == list(zip(*(FoldedGraph.from_graph(store.read()).links.column(c).to_pylist()
                               for c in ("source", "kind", "target"))))


def test_a_part_follows_the_writes(store, make_batch):
    """Facts written after a first read are in the next part (what the store keeps between reads follows
    its version)."""
    place = Territory("t", "Tertre")
    store.write(make_batch("doc-1", actors=[Actor("a", "Atelier", ["entreprise"], territories=["t"])],
                           territories=[place]))
    assert read_part(store, Scope(territoire="Tertre")).actors["id"].to_pylist() == ["a"]
    store.write(make_batch("doc-2", actors=[Actor("a", "Atelier du Tertre", ["entreprise"]),
                                            Actor("b", "Brasserie", ["entreprise"], territories=["t"])]))
    part = read_part(store, Scope(territoire="Tertre"))
    assert part.actors["id"].to_pylist() == ["a", "b"]
    assert part.actors["aliases"][0].as_py() == ["Atelier du Tertre"]


# -- what the part reads look up ---------------------------------------------------------------------------
def _rows(table: pa.Table, columns: list[str]) -> list[tuple]:
    return sorted(zip(*(table.column(c).to_pylist() for c in columns)))


def test_the_fact_index_answers_as_the_shared_queries(tmp_path, monkeypatch):
    """LadybugDB looks facts up by actor, kind and place in its fact index, kept in the snapshot's folder of
    the version it indexes: the same answers as the Cypher Neo4j runs; read again from that file by the
    next reader; a write's new version is indexed anew."""
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        for batch in _synthetic_batches():
            store.write(batch)
        load_or_fold(store)  # the snapshot folder of this version
        inside, enclosing = ["com001", "com006"], ["dep", "reg", "agglo"]
        authorities = store.kind_names("collectivite")
        ids = ["libre-3", "libre-4", *sorted(authorities["id"].to_pylist())[:5], "inconnu"]
        assert authorities.num_rows and _rows(authorities, authorities.column_names) == _rows(
            CypherStore.kind_names(store, "collectivite"), authorities.column_names)
        placed = store.placed_actors(inside, enclosing)
        assert _rows(placed, ["id", "inside"]) == _rows(CypherStore.placed_actors(store, inside, enclosing),
                                                        ["id", "inside"])
        assert pc.sum(placed["inside"]).as_py() > 0 and pc.sum(pc.invert(placed["inside"])).as_py() > 0
        ids = sorted(set(ids) | set(placed["id"].to_pylist()))
        facts = store.facts_of(ids)
        assert _rows(facts, facts.column_names) == _rows(CypherStore.facts_of(store, ids), facts.column_names)
        assert len(set(facts["id"].to_pylist())) < facts.num_rows  # actors stated by both documents
        home, key = snapshot_key(store)
        assert (home / key / FACT_INDEX_FILE).exists()
        store._facts_index = None  # a new reader of the same version: the file answers, not a scan
        monkeypatch.setattr(store, "_table", _refusing(store._table, FACT_INDEX))
        assert _rows(store.placed_actors(inside, enclosing), ["id", "inside"]) == _rows(placed, ["id", "inside"])
        monkeypatch.undo()
        store.write(Batch(Document("doc-c", "c.txt", "C"),
                          actors=[Actor("neuf", "Neuf", ["scop"], territories=["com001"])]))
        assert "neuf" in store.placed_actors(inside, enclosing)["id"].to_pylist()
    finally:
        store.close()


def _refusing(run, query: str):
    def table(text, params=None):
        assert text != query, "la table entière des faits a été relue"
        return run(text, params)
    return table


def test_links_to_known_nodes_only(store):
    """With the part's nodes (``node_keys``), the links read from actors are those of the plain read whose
    target is one of these actors, a territory, a programme or a service, with the same ids."""
    for batch in _synthetic_batches():
        store.write(batch)
    sources = sorted(store.placed_actors(["com001"], [])["id"].to_pylist())[:60]
    known = set(sources[::2]) | {"libre-1", "libre-2"}
    columns = ["doc", "source", "kind", "target", "target_type", "confidence", "rank"]
    plain = store.links_of(sources, incoming=False)
    kept = plain.filter(pc.or_(pc.not_equal(plain["target_type"], "actor"),
                               pc.is_in(plain["target"], value_set=pa.array(sorted(known)))))
    named = store.links_of(sources, incoming=False, nodes=store.node_keys(known))
    assert _rows(named, columns) == _rows(kept, columns)
    assert 0 < kept.num_rows < plain.num_rows and set(kept["target_type"].to_pylist()) > {"actor"}


def test_a_territory_too_big_is_given_up_before_its_links(tmp_path, monkeypatch):
    """When the actors the facts place in the territory already outnumber the limit, no link is read."""
    store = LadybugStore(tmp_path / "base.lbug")
    try:
        for batch in _synthetic_batches():
            store.write(batch)
        commune = Scope(territoire="Commune 001")
        placed = store.placed_actors(["com001"], [])
        placed = len(set(placed.filter(placed["inside"])["id"].to_pylist()))
        run, queries = store._table, []
        monkeypatch.setattr(store, "_table", lambda text, params=None: queries.append(text) or run(text, params))
        assert read_part(store, commune, max_seeds=placed - 1) is None
        assert queries and not [q for q in queries if "LINK" in q]
        assert read_part(store, commune, max_seeds=placed + 50) is not None
    finally:
        store.close()
