"""Escaping and rendering helpers of the dashboard: untrusted names never become markup."""
from __future__ import annotations

import json
import re

import pytest

from maillage.dashboard import cards, decisions, evidence, network, safe_html, uploads
from maillage.dashboard.gate import password_matches
from maillage.graph.curation import Decision
from maillage.graph.model import Actor, Evidence, Graph, Link

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(1)</script>"


def xss_graph() -> Graph:
    graph = Graph()
    graph.actors["a"] = Actor("a", XSS_SCRIPT, ["cci"], aliases=["</script><b>x</b>"])
    graph.actors["b"] = Actor("b", XSS_IMG, ["ptce"], roles=["transition"])
    sentence = f"{XSS_SCRIPT} coopère avec {XSS_IMG} depuis 2020."
    graph.links[("a", "PARTNER_OF", "b")] = Link("a", "PARTNER_OF", "b", [
        Evidence("doc", sentence, cue="coopère avec", confidence=0.8, method="pattern", page=3)])
    return graph


def test_text_escapes_every_markup_character():
    assert safe_html.text(XSS_IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert safe_html.text('"\'&') == "&quot;&#x27;&amp;"


def test_markdown_escape_leaves_no_tag_nor_link_syntax():
    out = safe_html.md("[clic](javascript:alert(1)) " + XSS_SCRIPT + " **gras**")
    assert "<" not in out and "](" not in out and "**" not in out
    assert "\\[clic\\]" in out


def test_highlight_escapes_before_marking():
    out = safe_html.highlight(f"{XSS_SCRIPT} finance {XSS_IMG}", [XSS_IMG, "finance"])
    assert "<script>" not in out and "<img" not in out
    assert out.count("<mark>") == 2
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;</mark>" in out
    assert "<mark>finance</mark>" in out


def test_highlight_keeps_overlapping_terms_apart():
    out = safe_html.highlight("CCI de Besançon et CCI", ["CCI de Besançon", "CCI"])
    assert out == "<mark>CCI de Besançon</mark> et <mark>CCI</mark>"


def test_evidence_html_quotes_escaped_sentence_with_document_and_page():
    graph = xss_graph()
    out = evidence.evidence_html(graph, graph.links[("a", "PARTNER_OF", "b")])
    assert "<script>" not in out and "<img" not in out
    assert "p. 3" in out and "confiance 0,80" in out and "<mark>coopère avec</mark>" in out


def _embedded_data(page: str) -> tuple[list, list]:
    """The nodes and edges JSON embedded in a pyvis page."""
    nodes = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1)
    edges = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1)
    return json.loads(nodes), json.loads(edges)


def test_network_page_embeds_names_as_data_never_as_markup():
    view = network.render(xss_graph())
    assert "<script>alert" not in view.html and "<img src=x" not in view.html
    assert "</script><b>" not in view.html
    nodes, edges = _embedded_data(view.html)
    assert {n["label"] for n in nodes} == {XSS_SCRIPT, XSS_IMG}
    assert XSS_IMG in nodes[[n["id"] for n in nodes].index("b")]["title"]
    assert edges[0]["dashes"] == network.LINK_STYLES["PARTNER_OF"][1]


def test_network_page_needs_no_external_resource():
    page = network.render(xss_graph()).html
    assert not re.search(r'<(link|script)[^>]+(href|src)="https?://', page)


def test_network_budget_keeps_most_central_and_says_so():
    graph = Graph()
    for i in range(12):
        graph.actors[f"n{i}"] = Actor(f"n{i}", f"Acteur {i:02d}", ["entreprise"])
    sizes = {f"n{i}": float(i) for i in range(12)}
    view = network.render(graph, sizes, budget=5)
    nodes, _ = _embedded_data(view.html)
    assert {n["id"] for n in nodes} == {"n11", "n10", "n9", "n8", "n7"}
    assert (view.shown, view.total) == (5, 12)
    assert "12 acteurs" in view.note and "5 plus centraux" in view.note


def test_network_within_budget_says_nothing():
    view = network.render(xss_graph(), budget=300)
    assert view.note == "" and view.shown == 2


def test_paths_picture_draws_every_step():
    page = network.render_paths("Élue A", [["Élue A", "Conseil", XSS_IMG]], {XSS_IMG})
    nodes, edges = _embedded_data(page)
    assert [n["color"] for n in nodes] == [network.PATH_COLOURS[r] for r in ("origin", "channel", "peer")]
    assert [(e["from"], e["to"]) for e in edges] == [("Élue A", "Conseil"), ("Conseil", XSS_IMG)]
    assert "<img src=x" not in page


def test_roster_card_escapes_name_and_link():
    out = cards.card('x"><script>', XSS_IMG, "scic", "nouveau secteur", "absent")
    assert "<img" not in out and "<script>" not in out
    assert 'href="fiche?acteur=x%22%3E%3Cscript%3E"' in out


def test_decision_history_marks_undone_decisions():
    graph = xss_graph()
    rename = Decision("rename", {"actor": "b", "name": "Nouveau nom"}, author="Léa")
    undo = Decision("undo", {"decision": rename.id}, author="Marc")
    table = decisions.history([rename, undo], graph)
    assert list(table["auteur"]) == ["Marc", "Léa"]
    assert list(table["état"]) == ["en vigueur", "annulée"]
    assert table["détail"][0] == f"annulation de : « {XSS_IMG} » renommé en « Nouveau nom »"


@pytest.mark.parametrize("given, expected", [
    ("../../etc/passwd", "passwd"), ("rapport 2024.pdf", "rapport 2024.pdf"),
    ("C:\\docs\\note<1>.txt", "note_1_.txt"), ("..", "document")])
def test_upload_names_stay_in_their_folder(given, expected):
    assert uploads.safe_name(given) == expected


def test_password_comparison():
    assert password_matches("s3cret", "s3cret")
    assert not password_matches("s3cre", "s3cret")
