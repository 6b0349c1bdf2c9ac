"""In Chromium, offline: the Carte page draws the demo's actors, a click opens a Fiche, the desert layer shows."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))
from dashboard_harness import CHROMIUM, browser, dashboard, exceptions, open_page, wait_ready  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason="Chromium de Debian absent")]


def test_carte_draws_actors_and_deserts_and_opens_a_fiche(demo_db, tmp_path):
    with dashboard(demo_db, tmp_path / "server.log") as url, browser() as chromium:
        context = chromium.new_context(viewport={"width": 1400, "height": 1600})
        page = context.new_page()
        tiles = []
        # offline: nothing but the dashboard itself is reachable
        page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(url)
                                          else (tiles.append(route.request.url), route.abort())))
        open_page(page, url, "carte")
        assert exceptions(page) == []
        assert page.locator("h1").first.inner_text() == "Carte des acteurs"
        page.get_by_text("commune(s) en désert de relais").first.wait_for(timeout=30_000)
        assert page.locator('[data-testid="stDataFrame"]').count() == 1  # the table of the communes
        placed = re.search(r"(\d+) acteurs placés sur (\d+)", page.locator('[data-testid="stMain"]').inner_text())
        assert placed and int(placed.group(1)) > 200  # the demo's firms, relays, authorities at their communes
        canvas = page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
        canvas.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(1500)  # deck.gl draws its layers on the next frames
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard-carte.png"))
        assert any("carto" in address for address in tiles)  # online, the browser would have drawn the tiles
        box = canvas.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the centre: first actor
        page.wait_for_url("**/fiche?acteur=*", timeout=30_000)
        wait_ready(page)
        assert exceptions(page) == []
        assert page.locator("h1").first.inner_text().strip()
        open_page(page, url, "carte")
        page.get_by_text("Score de couverture (EPCI)").click()
        wait_ready(page)
        assert exceptions(page) == [] and page.locator('[data-testid="stDeckGlJsonChart"] canvas').count()
        context.close()
