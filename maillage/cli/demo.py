"""``maillage demo``: build the demo database (the fictional Val de Brenne) and open the dashboard."""
from __future__ import annotations

import sys

import click

from maillage.cli import main
from maillage.cli._options import store_options


@main.command("demo")
@store_options
@click.option("--sans-tableau-de-bord", "no_dashboard", is_flag=True,
              help="Construire la base sans ouvrir le tableau de bord.")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535),
              help="Port HTTP du tableau de bord.")
def demo(db: str, store: str, no_dashboard: bool, port: int) -> None:
    """Construit la base de démonstration puis ouvre le tableau de bord.

    Importe les données structurées du territoire fictif du Val de Brenne
    (acteurs, liens, territoires), puis lit ses documents (rapports, comptes
    rendus, PDF dont un scanné). Relancer la commande ne change rien à une base
    déjà construite.
    """
    from maillage.cli.dashboard import check_port_free, open_dashboard
    from maillage.demo.build import build_demo
    from maillage.graph.stores import open_store

    if not no_dashboard:
        check_port_free("localhost", port)

    graph_store = open_store(store, db)
    try:
        result = build_demo(graph_store, progress=True)
    finally:
        graph_store.close()
    click.echo(result.summary())
    for error in result.ingest.errors:
        click.echo(f"Erreur : {error}", err=True)
    if not result.ingest.ok:
        sys.exit(1)
    if not no_dashboard:
        open_dashboard(db, store, port)
