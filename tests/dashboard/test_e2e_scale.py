"""End-to-end, as on a big base: the dashboard reads the maintained folded graph, the Explorer draws the
most central actors of a scope bigger than its budget and says so, and search still reaches any actor.

The base is the small test base; the dashboard is told to draw at most 4 actors and to list at most 3 in a
picker (``MAILLAGE_ACTEURS_DESSINES``, ``MAILLAGE_CHOIX_MAX``), which puts it in its big-base mode.
"""
from __future__ import annotations

import os
import shutil

import pytest

from dashboard_harness import CHROMIUM, browser, choose, dashboard, exceptions, open_page, wait_ready
from dashboard_data import build_db
from maillage.graph.folded import snapshot_key
from maillage.graph.stores import open_store

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                       reason="Chromium de Debian absent (/usr/bin/chromium) : apt-get install chromium"),
]

#: The 4 actors of the test base linked with the most others (3, 3, 3, then 2 for the first name: "<img…").
MOST_CENTRAL = {"maison", "codev", "ptce", "xss-img"}


@pytest.fixture(scope="module")
def big_mode(tmp_path_factory, csv_pair):
    """A dashboard in big-base mode over a base whose folded snapshot has been deleted."""
    folder = tmp_path_factory.mktemp("e2e-scale")
    db = build_db(folder, csv_pair)
    store = open_store("ladybug", str(db), read_only=True)
    try:
        home, key = snapshot_key(store)
    finally:
        store.close()
    shutil.rmtree(home)
    env = {"MAILLAGE_ACTEURS_DESSINES": "4", "MAILLAGE_CHOIX_MAX": "3"}
    with dashboard(db, folder / "server.log", env=env) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1440, "height": 900})
        yield url, page, home / key
        page.close()


def drawn_nodes(page) -> set[str]:
    """The ids of the nodes drawn in the page's current network picture."""
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_function("() => window.maillageReady === true")
    return set(frame.evaluate("() => network.body.data.nodes.getIds()"))


def test_a_page_reads_the_folded_graph_kept_beside_the_store(big_mode):
    url, page, snapshot = big_mode
    assert not snapshot.exists()
    open_page(page, url, "fiche", "acteur=tpe2")
    assert exceptions(page) == []
    assert page.locator("h1").first.inner_text() == "Garage Leroy"
    # the page went through the folded graph: reading it for this version wrote its snapshot
    assert (snapshot / "done").exists() and (snapshot / "links.arrow").exists()
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "Cabinet Comptable Durand" in main and "Banque Populaire du Val" in main  # its links, from the columns


def test_explorer_draws_the_most_central_actors_of_a_big_scope_and_says_so(big_mode):
    url, page, _ = big_mode
    open_page(page, url, "")
    assert exceptions(page) == []
    assert "4 acteurs les plus centraux sur 18 affichés" in page.locator('[data-testid="stMain"]').inner_text()
    assert drawn_nodes(page) == MOST_CENTRAL


def test_search_still_reaches_an_actor_that_is_not_drawn(big_mode):
    url, page, _ = big_mode
    open_page(page, url, "")
    assert "tpe2" not in drawn_nodes(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("Autour de l'acteur", exact=True).fill("Garage")
    sidebar.get_by_label("Autour de l'acteur", exact=True).press("Enter")
    sidebar.get_by_text("1 acteur(s) trouvé(s)").wait_for(timeout=60_000)
    wait_ready(page)
    choose(page, "Autour de l'acteur : résultats", "Garage Leroy", within=sidebar)
    page.frame_locator("iframe").first.locator("#mynetwork canvas").wait_for(state="visible")
    assert "tpe2" in drawn_nodes(page)
    assert exceptions(page) == []
