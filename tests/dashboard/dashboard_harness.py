"""Starting ``maillage dashboard`` on a free port and driving it with Debian's Chromium (Playwright).

Shared by the end-to-end tests and by ``bench/dashboard_pages.py`` (page readiness timings).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: Every page of the app: url path -> title shown in its first heading.
PAGES = {
    "": "Explorer le réseau",
    "fiche": "",
    "guichet": "Guichet unique",
    "cci-fantome": "CCI fantôme",
    "relais": "Acteurs relais",
    "pairs": "Pairs à convaincre",
    "reseau": "Structure du réseau",
    "comparer": "Comparer les territoires",
    "carte": "Carte des acteurs",
    "corriger": "Corriger le graphe",
    "importer": "Importer",
    "exporter": "Exporter",
}
MAILLAGE = str(Path(sys.executable).with_name("maillage"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def maillage(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the ``maillage`` command of this environment; fail loudly with its output."""
    done = subprocess.run([MAILLAGE, *args], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"maillage {' '.join(args)} a échoué :\n{done.stdout}\n{done.stderr}")
    return done


@contextmanager
def dashboard(db: Path, log: Path, env: dict | None = None, wait: float = 120.0) -> Iterator[str]:
    """Run ``maillage dashboard --db DB`` on a free port until the block ends; yields its base URL."""
    with dashboard_process(db, log, env, wait) as (url, _pid):
        yield url


@contextmanager
def dashboard_process(db: Path, log: Path, env: dict | None = None, wait: float = 120.0) -> Iterator[tuple[str, int]]:
    """Run ``maillage dashboard --db DB`` on a free port until the block ends; yields its base URL and the
    server's process id (the command becomes the Streamlit server)."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen([MAILLAGE, "dashboard", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
                                start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"le tableau de bord s'est arrêté :\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"le tableau de bord ne répond pas :\n{log.read_text()}")
            time.sleep(0.3)
        yield url, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def browser() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


_IDLE_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('h1, [data-testid="stException"], [data-testid="stAlert"]')) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  return !document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]');
}"""


def wait_ready(page, timeout: float = 60_000) -> None:
    """Wait until the Streamlit script has finished: a heading or an alert is shown and nothing runs."""
    page.wait_for_function(_IDLE_JS, timeout=timeout, polling=100)
    page.wait_for_timeout(250)
    page.wait_for_function(_IDLE_JS, timeout=timeout, polling=100)


def wait_network(page, timeout: float = 60_000) -> None:
    """Wait until the network picture of the page is drawn (its canvas is visible in the iframe)."""
    page.frame_locator("iframe").first.locator("#mynetwork canvas").wait_for(state="visible", timeout=timeout)


def open_page(page, url: str, path: str, query: str = "", timeout: float = 60_000) -> float:
    """Navigate to ``path`` of the app and wait until it is ready (and its network drawn, on the explorer),
    at most ``timeout`` milliseconds; returns the seconds it took."""
    start = time.perf_counter()
    page.goto(f"{url}/{path}{'?' + query if query else ''}", timeout=timeout)
    wait_ready(page, timeout)
    if path == "":
        wait_network(page, timeout)
    return time.perf_counter() - start


def exceptions(page) -> list[str]:
    """Texts of the exceptions (tracebacks) Streamlit shows on the page."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def choose(page, label: str, text: str, within=None) -> None:
    """Pick, in the select box labelled ``label`` (inside ``within`` when given), the first option matching ``text``."""
    box = (within or page).locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.locator("input").click()
    box.locator("input").fill(text)
    page.locator('[role="option"]').filter(has_text=text).first.click()
    wait_ready(page)
