"""Escaping and rendering helpers of the dashboard: untrusted names never become markup."""
from __future__ import annotations

import re

import pytest

from dashboard_data import embedded_data
from maillage.dashboard import cards, decisions, evidence, layout, network, safe_html, uploads
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


def test_quote_html_escapes_sentence_with_document_page_and_link_sentence():
    graph = xss_graph()
    [quote] = evidence.quotes([graph.links[("a", "PARTNER_OF", "b")]])
    out = evidence.quote_html(graph, quote)
    assert "<script>" not in out and "<img" not in out
    assert "p. 3" in out and "confiance 0,80" in out and "<mark>coopère avec</mark>" in out
    assert "établit : &lt;script&gt;alert(1)&lt;/script&gt; est partenaire de &lt;img" in out


@pytest.mark.parametrize("sentence, terms, marked", [
    ("La présidente de la CCI, et de Paris", ["de", ",", "CCI"], ["de", "CCI", "de"]),
    ("Le Cluster Bois finance la Bois-Scierie", ["Bois"], ["Bois", "Bois"]),
    ("Les adhérents de l'ADEME adhèrent", ["adhère"], []),
])
def test_highlight_marks_whole_words_only(sentence, terms, marked):
    out = safe_html.highlight(sentence, terms)
    assert re.findall(r"<mark>(.*?)</mark>", out) == marked
    for found in re.finditer(r"<mark>.*?</mark>", out):  # never inside a word
        before, after = out[:found.start()], out[found.end():]
        assert not (before[-1:].isalnum() or after[:1].isalnum())


def test_one_sentence_proving_two_links_is_quoted_once_and_heading_is_cut():
    graph = Graph()
    for actor_id, name in (("a", "Atelier Nord"), ("b", "Réseau Sud"), ("c", "Fonds Est")):
        graph.actors[actor_id] = Actor(actor_id, name, ["association"])
    sentence = "2. PARTENAIRES\nAtelier Nord travaille avec Réseau Sud et Fonds Est."
    for target in ("b", "c"):
        graph.links[("a", "PARTNER_OF", target)] = Link("a", "PARTNER_OF", target, [Evidence("doc", sentence)])
    [quote] = evidence.quotes(list(graph.links.values()))
    out = evidence.quote_html(graph, quote)
    assert "PARTENAIRES" not in out
    assert "Atelier Nord est partenaire de Réseau Sud ; Atelier Nord est partenaire de Fonds Est" in out


def test_network_page_embeds_names_as_data_never_as_markup():
    graph = xss_graph()
    view = network.render(graph, layout.compute(graph))
    assert "<script>alert" not in view.html and "<img src=x" not in view.html
    assert "</script><b>" not in view.html
    nodes, edges = embedded_data(view.html)
    assert {n["label"] for n in nodes} == {XSS_SCRIPT, XSS_IMG}
    assert XSS_IMG in nodes[[n["id"] for n in nodes].index("b")]["title"]
    assert edges[0]["title"].endswith(f"« {XSS_SCRIPT} coopère avec {XSS_IMG} depuis 2020. »")  # as text
    assert edges[0]["dashes"] == network.LINK_STYLES["PARTNER_OF"][1]


def test_network_page_needs_no_external_resource_and_has_no_physics():
    graph = xss_graph()
    page = network.render(graph, layout.compute(graph)).html
    assert not re.search(r'<(link|script)[^>]+(href|src)="https?://', page)
    assert '"physics": {"enabled": false}' in page


def test_network_labels_only_the_chosen_actors():
    graph = xss_graph()
    nodes, _ = embedded_data(network.render(graph, layout.compute(graph), labelled={"b"}).html)
    assert [n.get("label") for n in sorted(nodes, key=lambda n: n["id"])] == [None, XSS_IMG]


def test_layout_is_stable_and_keeps_the_most_connected_within_budget():
    graph = Graph()
    for i in range(12):
        graph.actors[f"n{i}"] = Actor(f"n{i}", f"Acteur {i:02d}", ["entreprise"])
    for i in range(1, 12):
        for j in range(i):
            if j < i - 6:
                graph.links[(f"n{i}", "PARTNER_OF", f"n{j}")] = Link(f"n{i}", "PARTNER_OF", f"n{j}")
    first, second = layout.compute(graph, budget=5), layout.compute(graph, budget=5)
    assert first.positions == second.positions  # seeded: the same scope gets the same picture
    degree = layout.actor_pairs(graph).degree
    assert min(degree(n) for n in first.ids) >= max(degree(n) for n in graph.actors if n not in first.ids)
    view = network.render(graph, first)
    assert (view.shown, view.total) == (5, 12)  # the page says it (test_pages: the big-scope message)


def test_network_within_budget_draws_everyone():
    graph = xss_graph()
    view = network.render(graph, layout.compute(graph, budget=300))
    assert view.shown == view.total == 2


def test_paths_picture_types_every_step_and_colours_peers_by_stance():
    graph = xss_graph()
    graph.actors["o"] = Actor("o", "Élue A", ["personne"])
    page = network.render_paths(graph, "o", {"b": "oppose"}, [("o", "MEMBER_OF", "a"), ("b", "MEMBER_OF", "a")],
                                {"o": 0, "a": 1, "b": 2})
    nodes, edges = embedded_data(page)
    colours = {n["id"]: n["color"] for n in nodes}
    assert colours["o"] == network.PATH_COLOURS["origin"] and colours["b"] == network.STANCE_COLOURS["oppose"]
    assert [(e["from"], e["to"], e["label"]) for e in edges] == [("o", "a", "membre de"), ("b", "a", "membre de")]
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


def test_focus_greys_out_what_lies_outside_its_neighbourhood():
    graph = xss_graph()
    graph.actors["c"] = Actor("c", "Tiers", ["entreprise"])
    nodes, edges = embedded_data(network.render(graph, layout.compute(graph), focus="a").html)
    colours = {n["id"]: n["color"] for n in nodes}
    assert colours["c"] == network.DIM_NODE and network.DIM_NODE not in (colours["a"], colours["b"])
    assert edges[0]["color"] != network.DIM_EDGE  # a–b touches the focus


def test_link_sentence_html_links_the_other_end_and_escapes_names():
    graph = xss_graph()
    out = evidence.sentence_html(graph, graph.links[("a", "PARTNER_OF", "b")], "a")
    assert out == ('&lt;script&gt;alert(1)&lt;/script&gt; est partenaire de <a href="fiche?acteur=b" '
                   'target="_self">&lt;img src=x onerror=alert(1)&gt;</a>')


def test_link_tooltip_quotes_the_best_sentence_without_its_heading_and_shortened():
    graph = Graph()
    graph.actors["a"] = Actor("a", "Atelier Nord", ["entreprise"])
    graph.actors["b"] = Actor("b", "Réseau Sud", ["reseau_entreprises"])
    long = "ANNEXE TECHNIQUE\nAtelier Nord adhère au Réseau Sud " + "pour mutualiser ses achats " * 12 + "enfin."
    graph.links[("a", "MEMBER_OF", "b")] = Link("a", "MEMBER_OF", "b", [
        Evidence("doc", "Atelier Nord figure dans une liste.", confidence=0.4), Evidence("doc", long, confidence=0.9)])
    quote = evidence.short_quote(graph, graph.links[("a", "MEMBER_OF", "b")])
    kept = long.split("\n", 1)[1]
    assert quote.endswith(" …") and kept.startswith(quote[:-2]) and kept[len(quote) - 2] == " "  # at a word's end
    assert evidence.SHORT_QUOTE - 30 < len(quote) <= evidence.SHORT_QUOTE + 2
    tooltip = network.edge_tooltip(graph.links[("a", "MEMBER_OF", "b")], graph)
    assert tooltip == f"Atelier Nord est membre de Réseau Sud\n« {quote} »"
    graph.links[("a", "MEMBER_OF", "b")].evidence = [Evidence("doc", "", method="import")]
    assert network.edge_tooltip(graph.links[("a", "MEMBER_OF", "b")], graph) == "Atelier Nord est membre de Réseau Sud"
