"""The public extractor: repaired text in, a document's batch out, spans on the original text."""
import sys

import pytest

from maillage.graph.model import Document, actor_id
from maillage.nlp import Extractor, chunk_spans, with_context

TEXT = ("Rapport d'activité\n\n"
        "La CCl de Brest et I'Agence de développement du Pays de Lorvan (ADPM) ont signé une "
        "convention avec la SCIC Terre Commune.\n\n3\n\n"
        "En 2021, l'ADPM a rejoint le réseau. Le programme LEADER finance le projet en Bretagne.\n")


def test_extract_returns_the_document_actors_with_stable_ids(extractor):
    document = Document(id="doc-1", path="rapport.txt")
    batch = extractor.extract(TEXT, document)
    names = {a.name: a for a in batch.actors}
    assert set(names) == {"CCI de Brest", "Agence de développement du Pays de Lorvan", "Terre Commune"}
    agence = names["Agence de développement du Pays de Lorvan"]
    assert "ADPM" in agence.aliases and agence.kinds[0] == "agence"
    for actor in batch.actors:
        assert actor.id == actor_id(actor.name)
    assert [p.name for p in batch.programmes] == ["LEADER"]
    assert [t.name for t in batch.territories] == ["Bretagne"]
    again = extractor.extract(TEXT, document)
    assert sorted(a.id for a in again.actors) == sorted(a.id for a in batch.actors)


def test_link_evidence_points_into_the_original_text(extractor):
    batch = extractor.extract(TEXT, Document(id="doc-1", path="rapport.txt"))
    for link in batch.links:
        for evidence in link.evidence:
            assert evidence.document == "doc-1"
            assert evidence.sentence == TEXT[evidence.start:evidence.end]


def test_extract_many_keeps_documents_apart_and_in_order(extractor):
    items = [("La Région Bretagne soutient le projet.", Document(id="a", path="a.txt")),
             ("", Document(id="empty", path="empty.txt")),
             ("La Métropole de Lyon finance la SCOP Ardel.", Document(id="b", path="b.txt"))]
    batches = list(extractor.extract_many(items))
    assert [b.document.id for b in batches] == ["a", "empty", "b"]
    assert [a.name for a in batches[0].actors] == ["Région Bretagne"]
    assert batches[1].actors == []
    assert {a.name for a in batches[2].actors} == {"Métropole de Lyon", "Ardel"}


def test_chunks_cover_the_text_and_cut_at_paragraphs():
    text = ("Un paragraphe de texte. " * 30 + "\n\n") * 10
    spans = chunk_spans(text, size=1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[end - 2:end] == "\n\n" for _, end in spans[:-1])
    assert all(end - start <= 1000 for start, end in spans)


def test_a_chunk_context_starts_at_a_line_before_the_chunk():
    text = "Le Pays de Quelquepart.\nPrésident : Jean DUPONT\n" + "Une ligne de texte.\n" * 60 + "Le Pays travaille.\n"
    start = text.index("Le Pays travaille")
    context = with_context(text, start, size=100)
    assert 0 < start - context <= 100 and text[context - 1] == "\n"
    assert with_context(text, 0) == 0


def test_an_anaphor_at_the_start_of_a_chunk_finds_the_body_named_in_the_previous_one(extractor):
    filler = "Les élus ont débattu longuement des orientations du territoire.\n" * 140
    text = (f"{filler}Le Pays de Quelquepart porte la démarche.\n\n"
            "Le Pays travaille en partenariat avec la CCI de Lorvan.\n" + filler[:2000])
    cut = chunk_spans(text)[1][0]
    assert text[cut:].startswith("Le Pays travaille")
    batch = extractor.extract(text, Document(id="d", path="d.txt"))
    names = {a.id: a.name for a in batch.actors}
    pairs = {(names[l.source], l.kind, names.get(l.target)) for l in batch.links}
    assert any("Quelquepart" in str(p) and "CCI de Lorvan" in str(p) for p in pairs), pairs


def test_a_later_chunk_reads_the_subject_the_document_title_names(extractor):
    filler = "Les adhérents ont débattu longuement des orientations de la filière.\n" * 160
    text = ("Grappe Granitec\nRapport annuel 2024\n\n" + filler
            + "Le cluster est financé par Bpifrance depuis trois ans.\n" + filler[:1500])
    assert len(chunk_spans(text)) == 2 and text.index("Le cluster est") > chunk_spans(text)[1][0]
    batch = extractor.extract(text, Document(id="d", path="d.txt"))
    names = {a.id: a.name for a in batch.actors}
    funds = [l for l in batch.links if names[l.source] == "Bpifrance" and l.kind == "FUNDS"]
    assert [names[l.target] for l in funds] == ["Granitec"]
    for evidence in funds[0].evidence:  # the title block parsed again before the chunk shifts no span
        assert evidence.sentence == text[evidence.start:evidence.end]
        assert evidence.sentence.startswith("Le cluster est financé")


def test_a_broken_links_package_is_an_error_not_a_document_without_links(monkeypatch):
    """An import error in the link readers (a half-installed or broken package) is raised: it was once taken
    for "no link reader", and every document then came out without links."""
    import spacy

    monkeypatch.setitem(sys.modules, "maillage.nlp.links", None)  # importing it now raises ImportError
    with pytest.raises(ImportError):
        Extractor(spacy.blank("fr"))
