"""End-to-end on the demo database at 1440×900, in Debian's Chromium: what each user sees at a glance.

The demo database is built once for the module with ``maillage demo --sans-tableau-de-bord`` (a few
minutes: it reads the demo documents), or taken from ``MAILLAGE_DEMO_DB`` when set (read only).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error

from dashboard_harness import (CHROMIUM, PAGES, browser, choose, dashboard, exceptions, maillage, open_page,
                               wait_ready)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                       reason="Chromium de Debian absent (/usr/bin/chromium) : apt-get install chromium"),
]

SCREEN = {"width": 1440, "height": 900}
#: English words of Streamlit's own widgets that must never reach a user.
ENGLISH = ["Upload", "Download", "Search", "No results", "Show/hide", "Fullscreen", "Press Enter"]
#: An actor of the demo with many links and proving sentences.
DEMO_ACTOR = "ptce-fabrique-coteaux"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    given = os.environ.get("MAILLAGE_DEMO_DB")
    folder = tmp_path_factory.mktemp("demo")
    db = Path(given) if given else folder / "demo.lbug"
    if not given:
        maillage("demo", "--db", str(db), "--sans-tableau-de-bord")
    with dashboard(db, folder / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as instance:
        yield instance


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=SCREEN, accept_downloads=True)
    tab = context.new_page()
    yield tab
    context.close()


def network_frame(page, selected: str = "", timeout: float = 30_000):
    """The frame holding the vis-network picture (once drawn with ``selected`` selected, when given: after a
    search the page is run again and the new picture replaces the old one a little later)."""
    drawn = ("id => typeof network !== 'undefined' && window.maillageReady === true && "
             "(!id || network.getSelectedNodes().includes(id))")
    for _ in range(int(timeout // 200)):
        for frame in page.frames:
            try:
                if frame != page.main_frame and frame.evaluate(drawn, selected):
                    return frame
            except Error:  # a frame being replaced
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"aucun réseau dessiné sur la page{' avec ' + selected + ' choisi' if selected else ''}")


def node_on_screen(page, frame, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    spot = frame.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", node_id)
    box = page.locator("iframe").first.bounding_box()
    canvas = frame.evaluate("() => document.querySelector('#mynetwork').getBoundingClientRect().toJSON()")
    return box["x"] + canvas["x"] + spot["x"], box["y"] + canvas["y"] + spot["y"]


def test_explorer_picture_is_still_once_ready(demo_url, page):
    open_page(page, demo_url, "")
    frame = network_frame(page)
    picture = page.locator("iframe").first
    page.mouse.move(5, 5)
    first, positions = picture.screenshot(), frame.evaluate("() => network.getPositions()")
    page.wait_for_timeout(5000)
    assert frame.evaluate("() => network.getPositions()") == positions
    assert picture.screenshot() == first


def test_explorer_fits_the_screen_with_its_legend(demo_url, page):
    open_page(page, demo_url, "")
    picture = page.locator("iframe").first.bounding_box()
    legend = page.locator('[data-testid="stMain"]').get_by_text("Types d'acteurs", exact=True).bounding_box()
    assert picture["y"] + picture["height"] <= SCREEN["height"]
    drawn = network_frame(page).evaluate("() => document.querySelector('#mynetwork').getBoundingClientRect().bottom")
    assert drawn <= picture["height"]  # the frame shows the whole picture
    assert legend["x"] > picture["x"] + picture["width"] - 5 and legend["y"] < SCREEN["height"]


def test_explorer_exports_the_picture_for_gephi(demo_url, page):
    open_page(page, demo_url, "")
    with page.expect_download() as download:
        page.get_by_role("button", name="Graphe pour Gephi (GEXF)").click()
    gexf = Path(download.value.path()).read_text(encoding="utf-8")
    assert "<viz:position" in gexf and "<viz:color" in gexf and "membre de" in gexf
    with page.expect_download() as download:
        page.frame_locator("iframe").first.get_by_role("button", name="Enregistrer l'image (PNG)").click()
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_clicking_a_node_opens_its_fiche(demo_url, page):
    open_page(page, demo_url, "")
    frame = network_frame(page)
    x, y = node_on_screen(page, frame, DEMO_ACTOR)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(rf"/fiche\?acteur={DEMO_ACTOR}$"), timeout=30_000)
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "La Fabrique des Coteaux"


def test_search_focuses_an_actor(demo_url, page):
    open_page(page, demo_url, "")
    choose(page, "Chercher un acteur dans le graphe", "La Fabrique des Coteaux")
    page.frame_locator("iframe").first.locator("#mynetwork canvas").wait_for(state="visible")
    frame = network_frame(page, selected=DEMO_ACTOR)
    assert frame.evaluate("() => network.getSelectedNodes()") == [DEMO_ACTOR]
    x, y = node_on_screen(page, frame, DEMO_ACTOR)
    box = page.locator("iframe").first.bounding_box()
    assert abs(x - (box["x"] + box["width"] / 2)) < box["width"] / 4  # centred on it
    assert abs(y - (box["y"] + box["height"] / 2)) < box["height"] / 4
    neighbours = frame.evaluate("id => network.getConnectedNodes(id)", DEMO_ACTOR)
    labelled = frame.evaluate("ids => ids.filter(i => network.body.data.nodes.get(i).label)", neighbours)
    assert labelled == neighbours  # its neighbourhood is named


@pytest.mark.parametrize("path", list(PAGES))
def test_page_fits_without_horizontal_scroll_nor_english(demo_url, page, path):
    open_page(page, demo_url, path, f"acteur={DEMO_ACTOR}" if path == "fiche" else "")
    assert exceptions(page) == []
    widths = page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
        return [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                m.scrollWidth, m.clientWidth]; }""")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths
    shown = page.locator("body").inner_text()
    assert [w for w in ENGLISH if re.search(rf"\b{re.escape(w)}\b", shown)] == []


def test_pairs_names_a_messenger_for_each_peer(demo_url, page):
    open_page(page, demo_url, "pairs")
    messengers = page.locator("b.messager").all_inner_texts()
    peers = int(page.locator('[data-testid="stMetricValue"]').first.inner_text())
    assert peers > 0 and len(messengers) == peers
    assert all(m.strip() for m in messengers)


def test_cue_highlighting_never_marks_part_of_a_word(demo_url, page):
    for actor in (DEMO_ACTOR, "cma-brenne-argence"):
        open_page(page, demo_url, "fiche", f"acteur={actor}")
        page.locator("mark").first.wait_for()
        marks = page.evaluate("""() => [...document.querySelectorAll('mark')].map(m => [
            (m.previousSibling && m.previousSibling.textContent || '').slice(-1), m.textContent,
            (m.nextSibling && m.nextSibling.textContent || '').slice(0, 1)])""")
        assert marks, actor
        for before, word, after in marks:
            assert re.search(r"\w", word), word
            assert not re.match(r"\w", before) and not re.match(r"\w", after), (before, word, after)


def test_a_guichet_cell_shows_its_providers(demo_url, page):
    open_page(page, demo_url, "guichet")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for()
    page.wait_for_timeout(500)
    box = chart.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.5)  # a cell of the last column
    page.get_by_text(re.compile("atteint depuis le guichet|relié à aucun guichet|Personne ne répond")).first.wait_for()
    heading = page.locator('[data-testid="stMain"] h3').filter(has_text=" — ").first.inner_text()
    assert re.search(r" — .+ : (couvert|fragmenté|désert)$", heading), heading


def test_typing_the_author_shows_no_english_hint(demo_url, page):
    open_page(page, demo_url, "corriger")
    page.get_by_label("Votre nom (auteur des décisions)").fill("Léa")  # not yet applied: Streamlit would hint
    page.wait_for_timeout(500)
    assert "Press Enter" not in page.locator("body").inner_text()


def test_a_search_without_match_says_so_in_french(demo_url, page):
    open_page(page, demo_url, "")
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Chercher un acteur").first
    box.locator("input").click()
    box.locator("input").fill("zzqxw")
    empty = page.locator('div[role="option"] > span').first  # Streamlit's empty state, shown in French by CSS
    empty.wait_for(state="attached")
    assert empty.evaluate("e => getComputedStyle(e, '::after').content") == '"Aucun résultat"'
    assert "No results" not in page.locator("body").inner_text()


def test_the_map_draws_its_layers_without_error(demo_url, page):
    """deck.gl reports a layer it cannot build (a bad property, a place label it cannot set) only in the console;
    the base map's tiles, which this offline browser cannot fetch, are the only errors allowed."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page(page, demo_url, "carte")
    page.locator("iframe, canvas").first.wait_for()
    page.wait_for_timeout(3000)
    assert [e for e in errors if "Failed to load resource" not in e and "Failed to fetch" not in e] == []
