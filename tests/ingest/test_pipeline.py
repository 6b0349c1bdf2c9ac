"""The ingest pipeline over a real embedded store and the real French extractor."""
from __future__ import annotations

import pytest

from maillage.graph.model import Actor, Batch, Document, Evidence, Graph, Link, content_id
from maillage.ingest.parsing import with_pages
from maillage.ingest.pipeline import ALREADY_STORED, IngestReport, absorb, document_files, find_document, ingest
from maillage.errors import InputError

BREST = ("Rapport de la CCI\n\nLa Chambre de commerce et d'industrie de Brest finance le Cluster Mer Bretagne. "
         "Le Cluster Mer Bretagne adhère à la Fédération des industries nautiques.\n")
MORLAIX = ("Le Pays de Lorvan héberge la SCIC Bois Local. "
           "La CCI de Quimper soutient l'Association des commerçants de Quimper.\n")
RENNES = ("La Région Bretagne finance la SCIC Énergie Citoyenne. "
          "Rennes Métropole adhère à la SCIC Énergie Citoyenne.\n")
INJECTION = "'}) DETACH DELETE n // <script>alert(1)</script>"


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stored_batches(store) -> dict[str, Batch]:
    return {batch.document.id: batch for batch in store.batches()}


def facts(batch: Batch) -> tuple:
    """What a stored batch states, in a comparable form."""
    return (sorted((a.id, a.name, tuple(a.kinds)) for a in batch.actors),
            sorted((link.key, tuple((e.sentence, e.start, e.end) for e in link.evidence)) for link in batch.links))


class FailingExtractor:
    """The real extractor, made to raise ``error`` on a text containing ``marker`` (a fault injector)."""

    def __init__(self, extractor, marker: str, error: BaseException) -> None:
        self.extractor = extractor
        self.marker = marker
        self.error = error

    def extract(self, text: str, document: Document) -> Batch:
        if self.marker in text:
            raise self.error
        return self.extractor.extract(text, document)


def test_folder_ingest_writes_each_document_with_its_facts(tmp_path, store, extractor, actor_ids):
    write(tmp_path / "docs", "b.txt", MORLAIX)
    write(tmp_path / "docs" / "sous", "a.md", "# Note\n\n" + RENNES)
    brest = write(tmp_path / "docs", "a.txt", BREST)
    report = ingest([tmp_path / "docs"], store, extractor, progress=False)
    assert report.ok and report.skipped == []
    assert [p.rsplit("/", 2)[-2:] for p in report.written] == [["docs", "a.txt"], ["docs", "b.txt"], ["sous", "a.md"]]
    documents = {d.id: d for d in store.documents()}
    assert documents[content_id(brest.read_bytes())].path == str(brest.resolve())
    assert documents[content_id(brest.read_bytes())].title == "Rapport de la CCI"
    graph = store.read()
    assert actor_ids(BREST) | actor_ids(MORLAIX) <= set(graph.actors)
    assert report.actors_added == len(graph.actors)
    assert report.links_added == len(graph.links) > 0
    assert report.words == sum(len(t.split()) for t in (BREST, MORLAIX, "Note\n\n" + RENNES))
    assert "Documents lus et enregistrés : 3" in report.summary()


def test_ingesting_the_same_files_again_changes_nothing(tmp_path, store, extractor):
    paths = [write(tmp_path, "brest.txt", BREST), write(tmp_path, "lorvan.txt", MORLAIX)]
    ingest(paths, store, extractor, progress=False)
    before, version = {i: facts(b) for i, b in stored_batches(store).items()}, store.version()
    report = ingest(paths, store, extractor, progress=False)
    assert report.written == [] and [reason for _, reason in report.skipped] == [ALREADY_STORED] * 2
    assert {i: facts(b) for i, b in stored_batches(store).items()} == before
    assert store.version() == version


def test_same_content_under_another_name_is_skipped(tmp_path, store, extractor):
    ingest([write(tmp_path, "brest.txt", BREST)], store, extractor, progress=False)
    report = ingest([write(tmp_path, "copie.txt", BREST)], store, extractor, progress=False)
    assert report.skipped == [(str((tmp_path / "copie.txt").resolve()),
                               f"{ALREADY_STORED} (même contenu que {(tmp_path / 'brest.txt').resolve()})")]
    assert len(store.documents()) == 1


def test_file_changed_to_a_stored_content_drops_its_old_version(tmp_path, store, extractor):
    changing, other = write(tmp_path, "a.txt", BREST), write(tmp_path, "b.txt", MORLAIX)
    ingest([changing, other], store, extractor, progress=False)
    write(tmp_path, "a.txt", MORLAIX)
    report = ingest([changing], store, extractor, progress=False)
    assert report.skipped == [(str(changing.resolve()), f"{ALREADY_STORED} (même contenu que {other.resolve()}) ; "
                               "ancienne version de ce fichier retirée")]
    assert [d.path for d in store.documents()] == [str(other.resolve())]


def test_changed_file_replaces_only_its_own_facts(tmp_path, store, extractor, actor_ids):
    changing = write(tmp_path, "variable.txt", BREST)
    other = write(tmp_path, "stable.txt", MORLAIX)
    ingest([changing, other], store, extractor, progress=False)
    old_id, other_id = content_id(changing.read_bytes()), content_id(other.read_bytes())
    other_facts = facts(stored_batches(store)[other_id])
    write(tmp_path, "variable.txt", RENNES)
    report = ingest([tmp_path], store, extractor, progress=False)
    assert report.replaced == [str(changing.resolve())]
    batches = stored_batches(store)
    assert set(batches) == {content_id(RENNES.encode()), other_id}
    assert facts(batches[other_id]) == other_facts
    graph = store.read()
    gone = actor_ids(BREST) - actor_ids(MORLAIX) - actor_ids(RENNES)
    assert gone and not gone & set(graph.actors)
    assert actor_ids(MORLAIX) | actor_ids(RENNES) <= set(graph.actors)
    assert all(e.document != old_id for link in graph.links.values() for e in link.evidence)


def test_extraction_failure_is_one_line_and_the_other_files_are_ingested(tmp_path, store, extractor):
    paths = [write(tmp_path, "a.txt", BREST), write(tmp_path, "b.txt", "PANNE " + MORLAIX),
             write(tmp_path, "c.txt", RENNES)]
    report = ingest(paths, store, FailingExtractor(extractor, "PANNE", RuntimeError("boum")), progress=False)
    assert report.errors == [f"{paths[1].resolve()} : échec de l'extraction (RuntimeError: boum)"]
    assert len(report.written) == 2 and len(store.documents()) == 2


class Interrupted(BaseException):
    """Stands for Ctrl-C or a killed process in the middle of a document."""


def test_interrupted_run_keeps_earlier_documents_and_rerun_completes(tmp_path, store, extractor):
    paths = [write(tmp_path, "1.txt", BREST), write(tmp_path, "2.txt", MORLAIX + " ARRET"),
             write(tmp_path, "3.txt", RENNES)]
    with pytest.raises(Interrupted):
        ingest(paths, store, FailingExtractor(extractor, "ARRET", Interrupted()), progress=False)
    assert [d.path for d in store.documents()] == [str(paths[0].resolve())]
    kept = facts(stored_batches(store)[content_id(BREST.encode())])
    report = ingest(paths, store, extractor, progress=False)
    assert len(report.written) == 2 and len(report.skipped) == 1
    assert sorted(d.path for d in store.documents()) == sorted(str(p.resolve()) for p in paths)
    assert facts(stored_batches(store)[content_id(BREST.encode())]) == kept


def test_query_and_html_syntax_is_stored_as_text(tmp_path, store, extractor, actor_ids):
    ingest([write(tmp_path, "avant.txt", BREST)], store, extractor, progress=False)
    text = f"{INJECTION}\n\nLa Région Bretagne finance la SCIC Énergie Citoyenne. Note : {INJECTION}\n"
    report = ingest([write(tmp_path, "piege.txt", text)], store, extractor, progress=False)
    assert report.ok
    documents = {d.id: d for d in store.documents()}
    assert documents[content_id(text.encode())].title == INJECTION
    assert content_id(BREST.encode()) in documents
    assert actor_ids(BREST) <= set(store.read().actors)


def test_cross_document_resolution_uses_the_graph_of_the_run(tmp_path, store, extractor, actor_ids):
    first = "La CCI de Brest soutient l'Association des commerçants de Quimper.\n"
    second = "L'Association des commerçants Quimper adhère à la CCI de Brest.\n"
    report = ingest([write(tmp_path, "1.txt", first), write(tmp_path, "2.txt", second)], store, extractor,
                    progress=False)
    variant = actor_ids(second) - actor_ids(first)
    assert variant, "le second texte doit nommer un acteur du premier sous une autre graphie"
    graph = store.read()
    assert set(graph.actors) == actor_ids(first)
    assert report.actors_updated == 2


def test_pdf_evidence_carries_its_page(tmp_path, store, extractor, make_pdf):
    path = make_pdf(tmp_path / "rapport.pdf", ["Sommaire du rapport annuel.",
                                               "La CCI de Brest soutient l'Association des commercants de Quimper."])
    ingest([path], store, extractor, progress=False)
    (document,) = store.documents()
    assert document.pages == 2
    pages = {e.page for link in store.read().links.values() for e in link.evidence}
    assert pages == {2}


def test_with_pages_numbers_pages_from_one():
    evidence = [Evidence("d", start=0), Evidence("d", start=9), Evidence("d", start=10),
                Evidence("d", "\n\fLe cluster adhère.", start=18), Evidence("d", start=25, page=7)]
    batch = with_pages(Batch(Document("d", "p"), links=[Link("a", "FUNDS", "b", evidence)]), [0, 10, 20])
    assert [e.page for e in batch.links[0].evidence] == [1, 1, 2, 3, 7]


def test_absorb_counts_added_and_updated_facts():
    graph = Graph()
    first = Batch(Document("d1", "p1"), actors=[Actor("a", "CCI A", ["cci"]), Actor("b", "Cluster B", ["cluster"])],
                  links=[Link("b", "MEMBER_OF", "a", [Evidence("d1")])])
    second = Batch(Document("d2", "p2"), actors=[Actor("a", "CCI de A", ["cci"]), Actor("c", "SCIC C", ["scic"])],
                   links=[Link("b", "MEMBER_OF", "a", [Evidence("d2")]), Link("c", "FUNDS", "a", [Evidence("d2")])])
    assert absorb(graph, first) == (2, 0, 1, 0)
    assert absorb(graph, second) == (1, 1, 1, 1)
    assert "CCI de A" in [graph.actors["a"].name, *graph.actors["a"].aliases]
    assert [e.document for e in graph.links[("b", "MEMBER_OF", "a")].evidence] == ["d1", "d2"]
    assert set(graph.documents) == {"d1", "d2"}


def test_document_files_walks_sorted_and_reports_what_it_leaves(tmp_path):
    for name in ("b/z.txt", "b/a.pdf", "a.md", ".cache/x.txt", "b/.hidden.txt", "image.png"):
        (tmp_path / "corpus" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "corpus" / name).write_text("x")
    report = IngestReport()
    explicit = tmp_path / "corpus" / "a.md"
    files = document_files([tmp_path / "corpus", explicit, tmp_path / "absent.txt", tmp_path / "corpus" / "image.png"],
                           report)
    root = (tmp_path / "corpus").resolve()
    assert files == [root / "a.md", root / "b" / "a.pdf", root / "b" / "z.txt"]
    assert report.skipped == [(str(tmp_path / "corpus" / "image.png"), "format non pris en charge")]
    assert report.errors == [f"{tmp_path / 'absent.txt'} : fichier ou dossier introuvable",
                             f"{tmp_path / 'corpus' / 'image.png'} : format non pris en charge (.png)"]


def walk_errors(folder) -> tuple[list[str], list[str]]:
    """The files found under ``folder`` and the errors met (run in the unprivileged child)."""
    report = IngestReport()
    return [p.name for p in document_files([folder], report)], report.errors


def test_unreadable_folder_is_one_line_and_the_rest_is_walked(shared_tmp, unprivileged):
    write(shared_tmp, "lisible.txt", BREST)
    write(shared_tmp / "prive", "cache.txt", MORLAIX)
    write(shared_tmp / "z", "apres.txt", RENNES)
    (shared_tmp / "prive").chmod(0o000)
    found, errors = unprivileged(walk_errors, shared_tmp)
    assert found == ["lisible.txt", "apres.txt"]
    assert errors == [f"{shared_tmp / 'prive'} : dossier illisible (permission refusée)"]


def test_find_document_by_id_prefix_or_path(tmp_path):
    documents = [Document("abc123", str(tmp_path / "un.txt")), Document("abd456", "/ailleurs/deux.txt")]
    assert find_document(documents, "abc123").id == "abc123"
    assert find_document(documents, "abd").id == "abd456"
    assert find_document(documents, "/ailleurs/deux.txt").id == "abd456"
    assert find_document(documents, str(tmp_path / "." / "un.txt")).id == "abc123"
    with pytest.raises(InputError, match="ambigu"):
        find_document(documents, "ab")
    with pytest.raises(InputError, match="aucun document"):
        find_document(documents, "fff")
