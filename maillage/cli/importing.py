"""``maillage import``: actors and links from CSV files (see :mod:`maillage.ingest.csv_import`)."""
from __future__ import annotations

import warnings
from pathlib import Path

import click

from maillage.cli import main
from maillage.cli._options import store_options

#: How many rejected rows are listed before the rest is only counted.
SHOWN_ERRORS = 20


def _count(number: int) -> str:
    """A count with French thousands separators (narrow no-break spaces)."""
    return f"{number:,}".replace(",", "\u202f")


@main.command("import")
@click.argument("actors", type=click.Path())
@click.argument("links", required=False, type=click.Path())
@click.option("--territoires", "territories", type=click.Path(),
              help="territories.csv (id,name,level,code,parent) auquel renvoient les colonnes territory.")
@click.option("--strict", is_flag=True, help="Refuser tout l'import au moindre problème de ligne.")
@store_options
def import_command(actors: str, links: str | None, territories: str | None, strict: bool, db: str,
                   store: str) -> None:
    """Importe des acteurs (ACTORS.csv) et leurs liens (LINKS.csv) dans la base.

    \b
    actors.csv : id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance
    links.csv  : source,target,kind,confidence,note
    Listes séparées par « | » ; séparateur « , » ou « ; » ; UTF-8 (avec ou sans BOM),
    Windows-1252 accepté avec un avertissement.
    Réimporter les mêmes fichiers ne change rien ; un nouvel état du même
    actors.csv remplace l'import précédent.
    """
    from maillage.graph.stores import open_store
    from maillage.ingest.csv_import import import_id, read_import

    graph_store = open_store(store, db)
    try:
        stored = graph_store.documents()
        document_id = import_id(actors, links, territories)
        if any(d.id == document_id for d in stored):
            click.echo(f"Import déjà présent ({document_id[:12]}) : rien à faire.")
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            batch, errors = read_import(actors, links, territories, strict=strict)
        for warning in caught:
            click.echo(f"Attention : {warning.message}", err=True)
        previous = [d.id for d in stored if d.source == "import" and d.path == batch.document.path]
        graph_store.write(batch, replaces=previous[-1] if previous else None)
    finally:
        graph_store.close()
    _report(batch, errors, replaced=bool(previous))


def _report(batch, errors, replaced: bool) -> None:
    """Print the French summary of an import."""
    import pyarrow.compute as pc

    located = pc.sum(pc.list_value_length(batch.actor_table.column("territories"))).as_py() or 0
    link_rows = batch.link_table.num_rows - located
    actor_errors = sum(1 for e in errors if Path(e.path).name == Path(batch.document.path).name)
    click.echo(f"Lu : {_count(batch.actor_table.num_rows + actor_errors)} acteur(s), "
               f"{_count(link_rows + len(errors) - actor_errors)} lien(s).")
    click.echo(f"Importé : {_count(batch.actor_table.num_rows)} acteur(s), {_count(link_rows)} lien(s), "
               f"{_count(located)} localisation(s), {_count(len(batch.territories))} territoire(s) "
               f"(document {batch.document.id[:12]}{', remplace l’import précédent' if replaced else ''}).")
    if errors:
        click.echo(f"Lignes rejetées : {_count(len(errors))}", err=True)
        for error in errors[:SHOWN_ERRORS]:
            click.echo(f"  {error}", err=True)
        if len(errors) > SHOWN_ERRORS:
            click.echo(f"  ... et {_count(len(errors) - SHOWN_ERRORS)} autre(s)", err=True)
