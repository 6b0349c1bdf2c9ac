"""Time each dashboard page on the demo database, in Debian's Chromium, and write bench/results-dashboard.md.

Usage: ``python bench/bench_dashboard.py [--db PATH] [--runs N] [--captures DIR]``. Without ``--db``
the demo database is built in a temporary folder (``maillage demo --sans-tableau-de-bord``). The
screen is 1440×900; a screenshot of every page is saved in ``docs/captures/`` (the README shows them).

"Ready" means: the page's heading or alert is shown and Streamlit has finished running the page's
script (no status widget, spinner or skeleton), and on the explorer the network's canvas is drawn;
measured from ``page.goto`` (a full load of the
app, as when a user follows a link or reloads). Each page is opened once to warm the caches, then
``--runs`` times; the median and the worst are reported.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "dashboard"))
from dashboard_harness import PAGES, browser, dashboard, exceptions, maillage, open_page  # noqa: E402

#: The actor whose page is timed (the demo's PTCE, one of its best-connected actors).
DEMO_ACTOR = "ptce-fabrique-coteaux"
TARGET_SECONDS = 2.0
SCREEN = {"width": 1440, "height": 900}


def measure(url: str, runs: int, captures: Path) -> dict[str, list[float]]:
    """Seconds to ready of every page, ``runs`` times each after one warm-up load; a screenshot of each."""
    times: dict[str, list[float]] = {}
    captures.mkdir(parents=True, exist_ok=True)
    with browser() as chromium:
        page = chromium.new_page(viewport=SCREEN)
        for path in PAGES:
            query = f"acteur={DEMO_ACTOR}" if path == "fiche" else ""
            open_page(page, url, path, query)
            if exceptions(page):
                raise RuntimeError(f"exception sur la page {path or 'explorer'} : {exceptions(page)[0]}")
            times[path or "explorer"] = [open_page(page, url, path, query) for _ in range(runs)]
            page.mouse.move(0, 0)
            page.wait_for_timeout(300)
            page.screenshot(path=str(captures / f"{path or 'explorer'}.png"))
    return times


def script_times(db: Path, runs: int) -> dict[str, list[float]]:
    """Seconds of each page's script alone on the server (Streamlit's AppTest, in this process, warm caches):
    the share of a page's time that the dashboard's own code costs, without the browser."""
    from streamlit.testing.v1 import AppTest

    os.environ.update(MAILLAGE_DB=str(db.resolve()), MAILLAGE_STORE="ladybug")
    app = str(ROOT / "maillage" / "dashboard" / "app.py")
    times: dict[str, list[float]] = {}
    for path in PAGES:
        at = AppTest.from_file(app, default_timeout=120)
        at.run()
        at.switch_page(f"views/{(path or 'explorer').replace('-', '_')}.py")
        if path == "fiche":
            at.query_params["acteur"] = DEMO_ACTOR
        at.run()
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - start)
        times[path or "explorer"] = samples
    return times


def report(times: dict[str, list[float]], scripts: dict[str, list[float]], db: Path, runs: int) -> str:
    """The results as a French Markdown note."""
    rows = [f"| {name} | {statistics.median(t):.2f} | {max(t):.2f} | {'oui' if max(t) <= TARGET_SECONDS else 'non'} "
            f"| {statistics.median(scripts[name]):.2f} |" for name, t in times.items()]
    return "\n".join([
        "# Tableau de bord : temps de chargement des pages (base de démonstration)",
        "",
        f"Mesuré le {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC par `python bench/bench_dashboard.py`, "
        f"Chromium de Debian sans affichage, {runs} chargements complets par page après un chargement "
        f"de préchauffage ; machine : {platform.machine()}, {os.cpu_count()} cœurs (partagés avec d'autres "
        f"processus pendant la mesure ; charge moyenne sur 1 min à la fin : {os.getloadavg()[0]:.1f}) ; "
        f"base : {db.name}.",
        "",
        "« Prête » : titre ou alerte affiché et script Streamlit terminé (ni indicateur d'exécution, ni "
        "spinner), et sur l'explorateur le réseau dessiné ; chronométré depuis la navigation (`page.goto`), écran de 1440×900. Objectif : "
        f"{TARGET_SECONDS:.0f} s. Ce n'est pas une assertion "
        "de test. « Script seul » : médiane du temps du script de la page sur le serveur, caches chauds, sans "
        "navigateur (AppTest de Streamlit) ; le reste est le chargement de l'application dans le navigateur.",
        "",
        f"| page | médiane (s) | pire (s) | ≤ {TARGET_SECONDS:.0f} s | script seul (s) |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="base existante (sinon la démo est construite)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-dashboard.md")
    parser.add_argument("--captures", type=Path, default=ROOT / "docs" / "captures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.lbug"
            maillage("demo", "--sans-tableau-de-bord", "--db", str(db))
        with dashboard(db, Path(tmp) / "server.log") as url:
            times = measure(url, args.runs, args.captures)
        scripts = script_times(db, args.runs)
    args.out.write_text(report(times, scripts, db, args.runs), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
