"""End-to-end: ``maillage dashboard`` on a database built here, driven by Debian's Chromium.

Screenshots of every page go to ``test-artifacts/`` (look at them). Timings are written down there
too, never asserted.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dashboard_harness import CHROMIUM, PAGES, browser, choose, dashboard, exceptions, open_page, wait_ready
from dashboard_data import XSS_IMG, XSS_SCRIPT, build_db

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                       reason="Chromium de Debian absent (/usr/bin/chromium) : apt-get install chromium"),
]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORT = {"width": 1400, "height": 2000}


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture(scope="module")
def app(tmp_path_factory, csv_pair):
    """A dashboard over its own database (curation and uploads write to it)."""
    folder = tmp_path_factory.mktemp("e2e")
    db = build_db(folder, csv_pair)
    with dashboard(db, folder / "server.log", env={"MAILLAGE_UPLOADS": str(folder / "uploads")}) as url:
        yield url, db


@pytest.fixture
def page(chromium):
    """A fresh browser page that records every dialog (an alert would mean a script ran)."""
    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"))


def injected(page) -> list[str]:
    """Elements an XSS payload would have created, in the page and in every frame (network views)."""
    found = []
    for frame in page.frames:
        found += frame.evaluate("""() => [...document.querySelectorAll('img[src="x"], [onerror], script')]
            .filter(e => e.tagName !== 'SCRIPT' || (e.textContent || '').trim() === 'alert(1)')
            .map(e => e.outerHTML.slice(0, 80))""")
    return found


def test_every_page_loads_without_exception(app, page):
    url, _ = app
    timings = {}
    for path, heading in PAGES.items():
        query = "acteur=xss-img" if path == "fiche" else ""
        timings[path or "explorer"] = open_page(page, url, path, query)
        shot(page, path or "explorer")
        assert exceptions(page) == [], path
        if heading:
            assert heading in page.locator("h1").first.inner_text(), path
    assert page.dialogs == []
    (ARTIFACTS / "dashboard-timings-small.json").write_text(json.dumps(timings, indent=1))


def test_explorer_draws_the_network(app, page):
    url, _ = app
    open_page(page, url, "")  # waits for the network's canvas
    nodes = page.frames[-1].evaluate("() => network.body.data.nodes.length")
    assert nodes >= 15
    assert page.frames[-1].evaluate("() => network.body.data.nodes.get('xss-img').label") == XSS_IMG
    tooltip = hover_node(page, "xss-img")
    assert tooltip["text"].startswith(XSS_IMG) and "<img" not in tooltip["html"]
    shot(page, "explorer-network")
    assert page.dialogs == [] and injected(page) == []


def hover_node(page, node_id: str) -> dict:
    """Move the mouse onto a node of the explorer's network; return its tooltip's text and inner HTML."""
    network_frame = page.frames[-1]
    page.wait_for_timeout(1500)  # let the layout settle before aiming
    spot = network_frame.evaluate(
        "id => network.canvasToDOM(network.getPositions([id])[id])", node_id)
    box = page.locator("iframe").first.bounding_box()
    canvas = network_frame.evaluate("() => document.querySelector('#mynetwork').getBoundingClientRect().toJSON()")
    page.mouse.move(box["x"] + canvas["x"] + spot["x"], box["y"] + canvas["y"] + spot["y"])
    network_frame.locator(".vis-tooltip").wait_for(state="visible", timeout=10_000)
    return network_frame.evaluate("() => { const t = document.querySelector('.vis-tooltip');"
                                  " return {text: t.innerText, html: t.innerHTML}; }")


def test_xss_names_are_text_and_run_nothing(app, page):
    url, _ = app
    open_page(page, url, "fiche", "acteur=xss-img")
    assert page.locator("h1").first.inner_text() == XSS_IMG
    page.locator("mark").first.wait_for()
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert XSS_SCRIPT in body and f"{XSS_SCRIPT} travaille avec {XSS_IMG}" in body
    shot(page, "fiche-xss")
    for path in ("", "cci-fantome", "corriger"):
        open_page(page, url, path)
    open_page(page, url, "fiche", "acteur=xss-script")
    assert page.locator("h1").first.inner_text() == XSS_SCRIPT
    assert page.dialogs == [] and injected(page) == []


def test_curation_in_browser_shows_on_actor_page_and_in_export(app, page):
    url, _ = app
    open_page(page, url, "corriger")
    page.get_by_role("tab", name="Renommer").click()
    page.get_by_label("Votre nom (auteur des décisions)").fill("Testeuse")
    panel = page.locator('[data-testid="stForm"]').filter(has_text="Nouveau nom")
    choose(page, "Acteur", "Garage Leroy", within=panel)
    panel.get_by_label("Nouveau nom").fill("Garage Leroy et Fils")
    panel.get_by_role("button", name="Renommer").click()
    page.get_by_text("Décision enregistrée").wait_for(timeout=30_000)
    wait_ready(page)
    shot(page, "corriger-fait")
    assert page.get_by_role("tab", name="Renommer").get_attribute("aria-selected") == "true"  # the tab is kept

    open_page(page, url, "fiche", "acteur=tpe2")
    assert page.locator("h1").first.inner_text() == "Garage Leroy et Fils"
    assert "Garage Leroy" in page.locator('[data-testid="stMain"]').inner_text()  # the old name is an alias

    open_page(page, url, "corriger")
    page.get_by_role("tab", name="Historique et annulation").click()
    undo = page.locator('[data-testid="stSelectbox"]').filter(has_text="Décision à annuler").locator("input")
    assert undo.input_value().endswith("— Testeuse — « Garage Leroy » renommé en « Garage Leroy et Fils »")

    open_page(page, url, "exporter")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger maillage.json").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert {a["id"]: a["name"] for a in exported["actors"]}["tpe2"] == "Garage Leroy et Fils"
    page.get_by_text("Décisions de correction").click()
    wait_ready(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger maillage-decisions.json").click()
    decisions = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["decisions"]
    assert [(d["action"], d["author"]) for d in decisions] == [("rename", "Testeuse")]


def test_uploaded_document_actors_appear(app, page, tmp_path):
    url, _ = app
    document = tmp_path / "compte-rendu.txt"
    document.write_text(
        "Compte rendu du comité de pilotage.\n\n"
        "La Communauté de communes du Plateau de Vérac a créé la SCIC Bois du Plateau en 2021. "
        "La SCIC Bois du Plateau adhère au Cluster Forêt Bois Vérac.\n", encoding="utf-8")
    open_page(page, url, "importer")
    page.locator('[data-testid="stFileUploader"]').first.locator('input[type="file"]').set_input_files(str(document))
    page.get_by_role("button", name="Ingérer ces documents").click()
    page.get_by_text("Documents lus et enregistrés : 1").wait_for(timeout=180_000)
    wait_ready(page)
    shot(page, "importer-fait")
    assert "Nouveaux acteurs" in page.locator('[data-testid="stMain"]').inner_text()
    page.locator('[data-testid="stPageLink"]').filter(has_text="Bois du Plateau").first.wait_for()  # a link to it

    open_page(page, url, "fiche")
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Acteur").first
    box.locator("input").click()
    box.locator("input").fill("Plateau")
    options = page.locator('[role="option"]').all_inner_texts()
    for name in ("Communauté de communes du Plateau de Vérac", "Bois du Plateau"):  # named by the document only
        assert any(name in option for option in options), options


def test_csv_import_in_browser(app, page, tmp_path):
    url, _ = app
    actors = tmp_path / "nouveaux.csv"
    actors.write_text("id;name;kinds;territory\nrecyclerie;Recyclerie du Val;association;Val d'Essai\n"
                      "sans-type;Acteur sans type;;Val d'Essai\n", encoding="utf-8")
    open_page(page, url, "importer")
    page.get_by_role("tab", name="Fichiers CSV").click()
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Acteurs (actors.csv)")
    uploader.locator('input[type="file"]').set_input_files(str(actors))
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_text("Import enregistré : 1 acteur(s)").wait_for(timeout=60_000)
    assert "ligne 3" in page.locator('[data-testid="stMain"]').inner_text()  # the bad row, named
    page.locator('[data-testid="stPageLink"]').filter(has_text="Recyclerie du Val").wait_for()
    shot(page, "importer-csv")
    open_page(page, url, "fiche", "acteur=recyclerie")
    assert page.locator("h1").first.inner_text() == "Recyclerie du Val"
