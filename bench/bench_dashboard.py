"""Time each dashboard page in Debian's Chromium, and write its section of bench/results-dashboard.md.

Usage: ``python bench/bench_dashboard.py [--db PATH --acteur ID] [--runs N] [--captures DIR] [--demo PATH]``. Without
``--db`` the demo database is built in a temporary folder (``maillage demo --sans-tableau-de-bord``; or taken
from ``--demo``), a
screenshot of every page is saved in ``docs/captures/`` (the README shows them) and the section
« Base de démonstration » is written. With ``--db`` (a big base, e.g. 100,000 actors and 500,000 links from
``bench/gen_synthetic.py`` imported with ``maillage import``) the Fiche shows ``--acteur`` and the section
« Grande base » is written; the screen is 1440×900.

"Ready" means: the page's heading or alert is shown and Streamlit has finished running the page's
script (no status widget, spinner or skeleton), and on the explorer the network's canvas is drawn;
measured from ``page.goto`` (a full load of the
app, as when a user follows a link or reloads). Each page is opened once on a freshly started server
(« premier affichage »: the page's reads and analyses run, then stay cached for this version of the
base; timed until the server has stopped computing), then ``--runs`` times; the median and the worst are reported. The server's CPU time is read
from ``/proc`` before and after (user + system, the stable figure on a shared machine).

``--pages P…`` times only these pages and prints the figures. ``--doublons`` times only the Corriger page's search of likely duplicates on ``--db``, in this process (wall and
CPU time, after reading the folded graph), and prints the figures. ``--planter-doublons ACTORS.CSV`` first
appends to a synthetic actors.csv a near-duplicate of one firm in 1,000 (see :func:`plant_duplicates`), to be
imported with the rest by ``maillage import``.
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
from maillage.dashboard.labels import integer  # noqa: E402
from dashboard_harness import (PAGES, browser, choose, dashboard_process, exceptions, maillage, open_page,  # noqa: E402
                               wait_network, wait_ready)

#: The actor whose page is timed (the demo's PTCE, one of its best-connected actors).
DEMO_ACTOR = "ptce-fabrique-coteaux"
TARGET_SECONDS = 2.0
#: Longest wait for a page's first load (a big base's analyses run then).
FIRST_TIMEOUT_MS = 900_000
SCREEN = {"width": 1440, "height": 900}


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its waited-for children (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, window: float = 1.0, quiet: float = 0.02) -> float:
    """Seconds until the server stops computing (less than ``quiet`` CPU seconds in ``window``): a page may show
    its heading while a cached analysis it started still runs, which the next load would otherwise pay."""
    start = time.perf_counter()
    while True:
        before, at = server_cpu(pid), time.perf_counter()
        time.sleep(window)
        if server_cpu(pid) - before < quiet:
            return at - start


def measure(url: str, runs: int, captures: Path | None, actor: str, pid: int, pages=PAGES) -> dict[str, dict]:
    """Seconds to ready of every page of ``pages``: the first load, then ``runs`` loads; the server's CPU seconds for
    each page's first load and for its runs; a screenshot of each when ``captures`` is given."""
    times: dict[str, dict] = {}
    if captures:
        captures.mkdir(parents=True, exist_ok=True)
    with browser() as chromium:
        page = chromium.new_page(viewport=SCREEN)
        for path in pages:
            query = f"acteur={actor}" if path == "fiche" else ""
            cpu = server_cpu(pid)
            start = time.perf_counter()
            open_page(page, url, path, query, timeout=FIRST_TIMEOUT_MS)
            first = time.perf_counter() - start + settle(pid)
            first_cpu, cpu = server_cpu(pid) - cpu, server_cpu(pid)
            if exceptions(page):
                raise RuntimeError(f"exception sur la page {path or 'explorer'} : {exceptions(page)[0]}")
            samples = [open_page(page, url, path, query, timeout=FIRST_TIMEOUT_MS) for _ in range(runs)]
            print(f"{path or 'explorer'} : premier {first:.2f} s, puis {', '.join(f'{t:.2f}' for t in samples)} s",
                  file=sys.stderr, flush=True)
            times[path or "explorer"] = {"first": first, "first_cpu": first_cpu, "runs": samples,
                                         "cpu": (server_cpu(pid) - cpu) / runs}
            if captures:
                page.mouse.move(0, 0)
                page.wait_for_timeout(300)
                page.screenshot(path=str(captures / f"{path or 'explorer'}.png"))
                if path == "":
                    explorer_captures(page, captures, actor)
    return times


#: A link tooltip is shown by hovering the middle of the link quoting a sentence whose middle lies farthest from
#: any node (so that no node's tooltip shows instead).
_QUOTED_EDGE_JS = """() => {
  const at = network.getPositions();
  const points = Object.values(at);
  const middle = e => ({x: (at[e.from].x + at[e.to].x) / 2, y: (at[e.from].y + at[e.to].y) / 2});
  const room = p => Math.min(...points.map(q => Math.hypot(p.x - q.x, p.y - q.y)));
  const quoted = edges.get().filter(e => e.title.includes("«")).map(middle);
  if (!quoted.length) return null;
  return network.canvasToDOM(quoted.sort((a, b) => room(b) - room(a))[0]);
}"""


def explorer_captures(page, captures: Path, actor: str) -> None:
    """Two more screenshots of the Explorer: a link's tooltip quoting its sentence (``explorer-infobulle.png``),
    then the picture coloured by community around ``actor`` (``explorer-communautes.png``)."""
    frame = page.locator("iframe").first.element_handle().content_frame()
    box = page.locator("iframe").first.bounding_box()
    middle = frame.evaluate(_QUOTED_EDGE_JS)
    if middle:
        page.mouse.move(box["x"] + middle["x"], box["y"] + middle["y"])
        page.wait_for_timeout(800)
        page.screenshot(path=str(captures / "explorer-infobulle.png"))
        page.mouse.move(0, 0)
    page.get_by_text("communauté", exact=True).click()
    wait_ready(page)
    choose(page, "Chercher un acteur dans le graphe", actor_name(page, actor))
    wait_network(page)
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    page.screenshot(path=str(captures / "explorer-communautes.png"))


def actor_name(page, actor: str) -> str:
    """The name of a drawn actor, as the Explorer's picture holds it."""
    frame = page.locator("iframe").first.element_handle().content_frame()
    return frame.evaluate("(id) => nodes.get(id).title.split('\\n')[0]", actor)


def plant_duplicates(actors_csv: Path, every: int = 1000) -> int:
    """Append to a synthetic actors.csv a near-duplicate of one firm in ``every``, in turn the same name followed by
    « SARL », with a letter left out, and in capitals (ids ``doublon-N``, same kind and commune); returns how many."""
    import csv

    with actors_csv.open(encoding="utf-8", newline="") as source:
        rows = [row for row in csv.DictReader(source) if row["kinds"] == "entreprise"][::every]
    variants = (lambda name: name + " SARL", lambda name: name.replace("Entreprise", "Entrprise"), str.upper)
    with actors_csv.open("a", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        for i, row in enumerate(rows):
            writer.writerow({**row, "id": f"doublon-{i}", "name": variants[i % len(variants)](row["name"])})
    return len(rows)


def duplicate_times(db: Path, runs: int) -> str:
    """The search of likely duplicates on the folded graph of ``db``, ``runs`` times: one French line of figures."""
    from maillage.graph.analysis import duplicates
    from maillage.graph.kb import open_kb

    with open_kb(str(db), read_only=True) as kb:
        folded = kb.folded()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        found = duplicates.search(folded)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    planted = sum(c.source.startswith("doublon-") or c.target.startswith("doublon-") for c in
                  duplicates.search(folded, limit=found.found).candidates)
    return (f"{integer(folded.actors.num_rows)} acteurs : médiane {statistics.median(walls):.2f} s "
            f"(CPU {statistics.median(cpus):.2f} s), pire {max(walls):.2f} s sur {runs} ; {integer(found.found)} "
            f"paires trouvées dont {integer(planted)} avec un doublon planté ; {integer(found.uncompared)} noms sans clé "
            f"distinctive ; charge {os.getloadavg()[0]:.1f}")


def script_times(db: Path, runs: int, actor: str) -> dict[str, list[float]]:
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
            at.query_params["acteur"] = actor
        at.run()
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - start)
        times[path or "explorer"] = samples
    return times


def counts(db: Path) -> tuple[int, int]:
    """Actors and links of the base (its folded graph)."""
    from maillage.graph.kb import open_kb

    with open_kb(str(db), read_only=True) as kb:
        stats = kb.stats()
    return stats.actors, stats.links


def section(title: str, times: dict[str, dict], scripts: dict[str, list[float]] | None, db: Path, runs: int) -> str:
    """The results as a French Markdown section."""
    actors, links = counts(db)
    rows = [f"| {name} | {t['first']:.2f} | {t['first_cpu']:.2f} | {statistics.median(t['runs']):.2f} "
            f"| {max(t['runs']):.2f} | {'oui' if max(t['runs']) <= TARGET_SECONDS else 'non'} | {t['cpu']:.2f} "
            f"| {f'{statistics.median(scripts[name]):.2f}' if scripts else '—'} |" for name, t in times.items()]
    return "\n".join([
        f"## {title}",
        "",
        f"Mesuré le {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC par `python bench/bench_dashboard.py"
        f"{'' if title == DEMO_TITLE else ' --db BASE --acteur ' + ACTOR_OF.get(title, '')}`, Chromium de Debian "
        f"sans affichage, serveur démarré à neuf, un premier affichage puis {runs} chargements complets par page ; "
        f"machine : {platform.machine()}, {os.cpu_count()} cœurs partagés avec d'autres processus pendant la "
        f"mesure (charge moyenne sur 1 min à la fin : {os.getloadavg()[0]:.1f}) ; base : {integer(actors)} acteurs, "
        f"{integer(links)} liens (localisations comprises).",
        "",
        f"| page | premier affichage (s) | CPU serveur du premier (s) | médiane (s) | pire (s) | ≤ {TARGET_SECONDS:.0f} s "
        "| CPU serveur par chargement (s) | script seul (s) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ])


DEMO_TITLE = "Base de démonstration"
BIG_TITLE = "Grande base"
ACTOR_OF: dict[str, str] = {}

HEADER = """# Tableau de bord : temps de chargement des pages

« Prête » : titre ou alerte affiché et script Streamlit terminé (ni indicateur d'exécution, ni spinner), et sur
l'explorateur le réseau dessiné ; chronométré depuis la navigation (`page.goto`), écran de 1440×900. Objectif :
2 s par chargement. Ce ne sont pas des assertions de test. « Premier affichage » : la première visite de la page
après le démarrage du serveur, quand ses lectures et ses analyses tournent (elles restent ensuite en cache pour
cette version de la base). « CPU serveur » : temps processeur (utilisateur + système) du serveur Streamlit,
lu dans `/proc` : le chiffre stable sur une machine partagée, où le temps écoulé est surtout de l'attente.
« Script seul » : médiane du temps du script de la page sur le serveur, caches chauds, sans navigateur (AppTest
de Streamlit).
"""


def write_section(out: Path, title: str, text: str) -> None:
    """Replace (or add) the section ``## title`` of ``out``, keeping the others."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    sections = {s.split("\n", 1)[0]: "## " + s for s in old.split("\n## ")[1:]} if old.startswith(HEADER) else {}
    sections[f"{title}"] = text
    ordered = [sections[t] for t in (DEMO_TITLE, BIG_TITLE) if t in sections] + \
        [text for t, text in sections.items() if t not in (DEMO_TITLE, BIG_TITLE)]
    out.write_text(HEADER + "\n" + "\n".join(s.rstrip("\n") + "\n" for s in ordered), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="base existante (sinon la démo est construite)")
    parser.add_argument("--acteur", default=DEMO_ACTOR, help="acteur de la fiche chronométrée")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results-dashboard.md")
    parser.add_argument("--captures", type=Path, help="dossier des captures (par défaut docs/captures pour la démo)")
    parser.add_argument("--demo", type=Path, help="base de démonstration déjà construite (au lieu de la construire)")
    parser.add_argument("--doublons", action="store_true", help="ne chronométrer que la recherche des doublons de --db")
    parser.add_argument("--planter-doublons", type=Path, metavar="ACTORS.CSV",
                        help="ajouter des quasi-doublons à un actors.csv synthétique, puis s'arrêter")
    parser.add_argument("--pages", nargs="+", choices=[p or "explorer" for p in PAGES],
                        help="ne chronométrer que ces pages (résultats affichés, pas écrits)")
    args = parser.parse_args()
    if args.pages:
        pages = ["" if p == "explorer" else p for p in args.pages]
        with tempfile.TemporaryDirectory() as tmp, \
                dashboard_process(args.db or args.demo, Path(tmp) / "server.log") as (url, pid):
            for name, t in measure(url, args.runs, None, args.acteur, pid, pages).items():
                print(f"{name} : premier {t['first']:.2f} s (CPU serveur {t['first_cpu']:.2f} s), médiane "
                      f"{statistics.median(t['runs']):.2f} s, CPU serveur par chargement {t['cpu']:.2f} s ; charge "
                      f"{os.getloadavg()[0]:.1f}")
        return
    if args.planter_doublons:
        print(f"{plant_duplicates(args.planter_doublons)} quasi-doublons ajoutés à {args.planter_doublons}")
        return
    if args.doublons:
        print(duplicate_times(args.db, args.runs))
        return
    title = BIG_TITLE if args.db else DEMO_TITLE
    ACTOR_OF[title] = args.acteur
    captures = args.captures or (None if args.db else ROOT / "docs" / "captures")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or args.demo
        if db is None:
            db = Path(tmp) / "demo.lbug"
            maillage("demo", "--sans-tableau-de-bord", "--db", str(db))
        with dashboard_process(db, Path(tmp) / "server.log") as (url, pid):
            times = measure(url, args.runs, captures, args.acteur, pid)
        scripts = None if args.db else script_times(db, args.runs, args.acteur)
        text = section(title, times, scripts, db, args.runs)
    write_section(args.out, title, text)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
