"""Starting the Streamlit server on the packaged app (used by ``maillage dashboard`` and ``maillage demo``)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from maillage.errors import InputError

APP = Path(__file__).with_name("app.py")


def streamlit_command(port: int = 8501, host: str = "localhost") -> list[str]:
    """The ``streamlit run`` command line of the packaged app: headless, no telemetry, no file watcher."""
    return [sys.executable, "-m", "streamlit", "run", str(APP),
            "--server.headless=true", f"--server.port={port}", f"--server.address={host}",
            "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
            "--client.toolbarMode=minimal", "--theme.base=light"]


def dashboard_env(db: str, store: str) -> dict[str, str]:
    """The environment of the server: the current one plus the database to open."""
    if store == "ladybug" and not Path(db).exists():
        raise InputError(f"base introuvable : {db} (créez-la avec « maillage demo » ou « maillage import »)")
    env = dict(os.environ)
    env["MAILLAGE_DB"] = str(Path(db).resolve()) if store == "ladybug" else db
    env["MAILLAGE_STORE"] = store
    return env


def run(db: str, store: str = "ladybug", port: int = 8501, host: str = "localhost") -> None:
    """Replace the current process by the Streamlit server of the dashboard (never returns)."""
    env = dashboard_env(db, store)
    command = streamlit_command(port, host)
    os.execve(command[0], command, env)
