"""The right to be forgotten (``maillage oublier``) and of access (``maillage personne exporter``)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from maillage.cli import main
from maillage.graph.curation import Decision
from maillage.graph.erasure import REDACTED
from maillage.graph.model import Actor, Batch, Document, Evidence, Link
from maillage.graph.stores.ladybug import LadybugStore

NAME, ALIAS = "Octave Brunmarc", "M. Brunmarc"
SHARED = f"{NAME}, adjoint, siège au bureau de la CCI Lunaire qui finance la SCIC Pervenche."
FORMS = [b"Brunmarc", b"brunmarc", b"BRUNMARC", "Octave Brunmarc".encode("utf-16-le")]


def person() -> Actor:
    return Actor("octave-brunmarc", NAME, ["personne"], aliases=[ALIAS], roles=["elu"],
                 attributes={"function": "adjoint"})


def first_document() -> Batch:
    cci, scic = Actor("cci-lunaire", "CCI Lunaire", ["cci"]), Actor("scic-pervenche", "SCIC Pervenche", ["scic"])
    return Batch(Document("doc-1", "/docs/bureau.txt", title=f"Bureau : {NAME}"), [person(), cci, scic], links=[
        Link("octave-brunmarc", "GOVERNS", "cci-lunaire", [Evidence("doc-1", SHARED, method="pattern")]),
        Link("cci-lunaire", "FUNDS", "scic-pervenche", [Evidence("doc-1", SHARED, method="pattern")])])


def second_document() -> Batch:
    """A document naming the person across a line break (as a PDF does) in the evidence of another link."""
    sentence = "La SCIC Pervenche, où siège Octave\nBrunmarc, adhère à la CCI Lunaire."
    return Batch(Document("doc-2", "/docs/autre.txt", title="Autre"),
                 [Actor("scic-pervenche", "SCIC Pervenche", ["scic"]), Actor("cci-lunaire", "CCI Lunaire", ["cci"])],
                 links=[Link("scic-pervenche", "MEMBER_OF", "cci-lunaire",
                             [Evidence("doc-2", sentence, method="pattern")])])


@pytest.fixture
def base(tmp_path):
    """A base naming the person in one document and in two decisions (a stance, a note), beside another."""
    path = tmp_path / "base" / "base.lbug"
    path.parent.mkdir()
    store = LadybugStore(path)
    store.write(first_document())
    store.write(second_document())
    store.append_decisions([
        Decision("set_stance", {"actor": "octave-brunmarc", "stance": "oppose"}, author="Alice"),
        Decision("add_link", {"source": "cci-lunaire", "kind": "SUPPORTS", "target": "scic-pervenche",
                              "note": f"vu avec {ALIAS}"}, author="Alice"),
        Decision("rename", {"actor": "cci-lunaire", "name": "CCI du Lunaire"}, author="Bob"),
        Decision("set_roles", {"actor": "scic-pervenche", "roles": ["ess"]}, author=NAME)])
    store.close()
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def holds_name(folder) -> list[str]:
    """The files under ``folder`` whose raw bytes hold a form of the name."""
    return [str(f) for f in folder.rglob("*") if f.is_file() and any(form in f.read_bytes() for form in FORMS)]


def test_forget_leaves_no_byte_of_the_name_anywhere(base, tmp_path):
    assert holds_name(base.parent)  # the name is there to begin with
    result = run("oublier", NAME, "--db", str(base))
    assert result.exit_code == 0, result.output
    assert "Personne effacée" in result.output and "Base recompactée" in result.output
    assert holds_name(base.parent) == []
    exports = tmp_path / "exports"
    for fmt in ("json", "decisions"):
        assert run("export", "--format", fmt, "--db", str(base), "-o", str(exports / f"e.{fmt}")).exit_code == 0
    for fmt in ("gexf", "graphml", "csv"):
        target = exports / ("kumu" if fmt == "csv" else f"e.{fmt}")
        assert run("export", "--format", fmt, "--db", str(base), "-o", str(target)).exit_code == 0
    assert run("curate", "liste", "--db", str(base)).output.count("Bob") == 1
    assert len(list(exports.rglob("*"))) >= 5 and holds_name(exports) == []
    assert "brunmarc" not in run("curate", "liste", "--json", "--db", str(base)).output.lower()


def test_forget_keeps_the_other_links_with_the_sentence_redacted(base):
    run("oublier", "octave-brunmarc", "--db", str(base))
    store = LadybugStore(base, read_only=True)
    try:
        graph, decisions = store.read(), store.decisions()
    finally:
        store.close()
    assert "octave-brunmarc" not in graph.actors
    assert set(graph.links) == {("cci-lunaire", "FUNDS", "scic-pervenche"),
                                ("scic-pervenche", "MEMBER_OF", "cci-lunaire")}
    sentence = graph.links[("cci-lunaire", "FUNDS", "scic-pervenche")].evidence[0].sentence
    assert sentence == SHARED.replace(NAME, REDACTED)
    other = graph.links[("scic-pervenche", "MEMBER_OF", "cci-lunaire")].evidence[0].sentence
    assert other == f"La SCIC Pervenche, où siège {REDACTED}, adhère à la CCI Lunaire."
    assert graph.documents["doc-1"].title == f"Bureau : {REDACTED}"
    assert [(d.action, d.author) for d in decisions] == [("rename", "Bob"), ("set_roles", "anonyme")]


def test_a_later_ingest_of_the_same_document_does_not_bring_them_back(base):
    run("oublier", ALIAS, "--db", str(base))
    again = first_document()
    again.document.id = "doc-1-bis"  # the same text, ingested again (say, from another folder)
    again.actors[0] = Actor("brunmarc-octave", "OCTAVE BRUNMARC", ["personne"])
    again.links[0].source = "brunmarc-octave"
    store = LadybugStore(base)
    try:
        assert store.write(again)
        graph = store.read()
    finally:
        store.close()
    assert not any("brunmarc" in a.lower() for a in graph.actors)
    assert all(NAME not in e.sentence for link in graph.links.values() for e in link.evidence)
    assert graph.documents["doc-1-bis"].title == f"Bureau : {REDACTED}"


def test_preview_changes_nothing(base):
    store = LadybugStore(base, read_only=True)
    version = store.version()
    store.close()
    result = run("oublier", NAME, "--apercu", "--db", str(base))
    assert result.exit_code == 0, result.output
    assert "Documents réécrits : 2\n  /docs/bureau.txt\n  /docs/autre.txt" in result.output
    assert "Mentions retirées : 1 ; liens retirés : 1 ; phrases caviardées : 2 ; décisions retirées : 2" \
        in result.output
    assert "Aperçu seulement : rien n'a été changé." in result.output
    store = LadybugStore(base, read_only=True)
    try:
        assert store.version() == version and "octave-brunmarc" in store.read().actors
    finally:
        store.close()


def test_the_erasure_record_holds_no_name_and_its_key_stays_beside_the_base(base):
    run("oublier", NAME, "--db", str(base))
    key = base.parent / "base.lbug.cle-oubli"
    assert len(key.read_bytes()) == 32 and key.stat().st_mode & 0o077 == 0
    store = LadybugStore(base, read_only=True)
    try:
        hashes = store.erasures()
    finally:
        store.close()
    assert hashes and all(len(h) == 64 and "brunmarc" not in h for h in hashes)


def test_only_a_known_person_can_be_forgotten(base):
    unknown = run("oublier", "Personne Inconnue", "--db", str(base))
    assert unknown.exit_code == 1 and unknown.output.startswith("Erreur : personne introuvable")
    organisation = run("oublier", "CCI Lunaire", "--db", str(base))
    assert organisation.exit_code == 1 and "n'est pas une personne" in organisation.output


def test_access_export_holds_everything_about_the_person(base, tmp_path):
    target = tmp_path / "acces.json"
    result = run("personne", "exporter", ALIAS, "--db", str(base), "-o", str(target))
    assert result.exit_code == 0, result.output
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record["person"]["name"] == NAME and record["person"]["attributes"]["stance"] == "oppose"
    assert [s["path"] for s in record["statements"]] == ["/docs/bureau.txt"]
    assert [(l["kind"], l["target"]) for l in record["links"]] == [("GOVERNS", "cci-lunaire")]
    assert record["links"][0]["evidence"][0]["sentence"] == SHARED
    assert sorted(d["action"] for d in record["decisions"]) == ["add_link", "set_stance"]


def test_a_stance_that_outlived_every_document_is_forgotten_too(base):
    assert run("remove", "doc-1", "--db", str(base)).exit_code == 0
    assert "octave-brunmarc" in run("curate", "liste", "--db", str(base)).output  # the stance survived
    result = run("oublier", NAME, "--db", str(base))
    assert result.exit_code == 0, result.output
    assert "décisions retirées : 1" in result.output  # the stance (the note names an alias the base forgot)
    listing = run("curate", "liste", "--db", str(base)).output
    assert "octave-brunmarc" not in listing and "position" not in listing
    assert not any(NAME.encode() in f.read_bytes() for f in base.parent.rglob("*") if f.is_file())


def test_repair_can_rebuild_the_file_after_a_removal(base):
    assert run("remove", "doc-1", "--db", str(base)).exit_code == 0
    result = run("reparer", "--compacter", "--db", str(base))
    assert result.exit_code == 0 and "fichier de la base reconstruit" in result.output
    assert b"bureau.txt" not in base.read_bytes()  # the removed document left no byte in freed pages
    assert run("verifier", "--db", str(base)).output.startswith("Base saine : 1 document(s), 4 décision(s).")


def test_a_first_import_into_a_base_emptied_after_an_erasure_forgets_the_person_again(base, tmp_path):
    """No document left, but an erasure record: the import's links to the erased person are looked up, not
    taken as stored (their end is dropped with the person)."""
    run("oublier", ALIAS, "--db", str(base))
    for document in ("doc-1", "doc-2"):
        assert run("remove", document, "--db", str(base)).exit_code == 0
    actors, links = tmp_path / "acteurs.csv", tmp_path / "liens.csv"
    actors.write_text("id,name,kinds\nob,Octave Brunmarc,personne\ncci-l,CCI Lunaire,cci\n"
                      + "".join(f"e{i},Entreprise {i},entreprise\n" for i in range(30)), encoding="utf-8")
    links.write_text("source,target,kind\nob,cci-l,GOVERNS\n"
                     + "".join(f"e{i},cci-l,MEMBER_OF\n" for i in range(30)), encoding="utf-8")
    result = run("import", str(actors), str(links), "--db", str(base))
    assert result.exit_code == 0, result.output
    store = LadybugStore(base)
    try:
        graph = store.read()
    finally:
        store.close()
    assert "cci-l" in graph.actors and not any("brunmarc" in a.name.lower() for a in graph.actors.values())
