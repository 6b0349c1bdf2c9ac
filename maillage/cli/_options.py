"""Options shared by the commands: where the database is and which store to use."""
from __future__ import annotations

import click

db_option = click.option(
    "--db", "db", envvar="MAILLAGE_DB", default="./maillage-data", show_default=True,
    type=click.Path(), help="Chemin de la base embarquée (LadybugDB).")
store_option = click.option(
    "--store", "store", envvar="MAILLAGE_STORE", default="ladybug", show_default=True,
    type=click.Choice(["ladybug", "neo4j"]),
    help="Base utilisée : LadybugDB embarquée ou Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD).")


def store_options(func):
    """Add ``--db`` and ``--store`` to a command."""
    return db_option(store_option(func))
