"""``maillage import``: actors and links from CSV files (see :mod:`maillage.ingest.csv_import`)."""
from __future__ import annotations

import sys
import warnings

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
    Chaque fichier est une source : un nouveau fichier de liens s'ajoute aux
    précédents ; une nouvelle version d'un fichier ne remplace que ce fichier ;
    un fichier sans ligne valide ne remplace rien. Code de sortie 0 si tout a été
    importé, 1 si une ligne a été rejetée ou un fichier n'a rien apporté.
    """
    from maillage.graph.stores import open_store
    from maillage.ingest.import_sources import import_sources

    graph_store = open_store(store, db)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            report = import_sources(graph_store, actors, links, territories, strict=strict,
                                    written=lambda source: click.echo(source.line()))
    finally:
        graph_store.close()
    for warning in caught:
        click.echo(f"Attention : {warning.message}", err=True)
    _report(report)
    if not report.complete:
        sys.exit(1)


def _report(report) -> None:
    """Print the French summary of an import (the sources written were announced as they were stored)."""
    for source in report.sources:
        if source.status != "enregistré":
            click.echo(source.line())
    if all(s.status == "déjà présent" for s in report.sources):
        click.echo("Import déjà présent : rien à faire.")
    counts = {s.role: s for s in report.sources if s.status == "enregistré"}
    actors, links = counts.get("actors"), counts.get("links")
    actor_errors = sum(1 for e in report.errors if e.path == (actors.path if actors else None))
    link_errors = sum(1 for e in report.errors if links is not None and e.path == links.path)
    if actors or links:
        click.echo(f"Lu : {_count((actors.rows if actors else 0) + actor_errors)} acteur(s), "
                   f"{_count((links.rows if links else 0) + link_errors)} lien(s).")
        territories = len(frozenset().union(*(s.places for s in counts.values())))
        click.echo(f"Importé : {_count(actors.rows if actors else 0)} acteur(s), "
                   f"{_count(links.rows if links else 0)} lien(s), "
                   f"{_count(actors.located if actors else 0)} localisation(s), {_count(territories)} territoire(s).")
    show_rejected(report.errors)


def show_rejected(errors: list) -> None:
    """The rejected rows on stderr: their count, then the first :data:`SHOWN_ERRORS` of them."""
    if not errors:
        return
    click.echo(f"Lignes rejetées : {_count(len(errors))}", err=True)
    for error in errors[:SHOWN_ERRORS]:
        click.echo(f"  {error}", err=True)
    if len(errors) > SHOWN_ERRORS:
        click.echo(f"  ... et {_count(len(errors) - SHOWN_ERRORS)} autre(s)", err=True)
