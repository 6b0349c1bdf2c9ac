"""``maillage dashboard``: the Streamlit dashboard over a database."""
from __future__ import annotations

import click

from maillage.cli import main
from maillage.cli._options import store_options


@main.command("dashboard")
@store_options
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="Port HTTP du tableau de bord.")
@click.option("--host", default="localhost", show_default=True,
              help="Adresse d'écoute (0.0.0.0 pour un conteneur ou derrière un proxy inverse).")
def dashboard(db: str, store: str, port: int, host: str) -> None:
    """Ouvre le tableau de bord (http://localhost:8501 par défaut) sur la base."""
    from maillage.dashboard import server

    click.echo(f"Tableau de bord sur http://{host}:{port} (base : {db}). Ctrl+C pour arrêter.")
    server.run(db, store, port, host)
