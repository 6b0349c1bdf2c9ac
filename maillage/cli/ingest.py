"""``maillage ingest`` and ``maillage remove``: put documents into the knowledge base, or take one out."""
from __future__ import annotations

import sys

import click

from maillage.cli import main
from maillage.cli._options import store_options


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_options
@click.option("--quiet", "-q", is_flag=True,
              help="Ni barre de progression ni résumé (les erreurs restent affichées).")
def ingest_command(paths: tuple[str, ...], db: str, store: str, quiet: bool) -> None:
    """Lit des documents (.txt, .md, .pdf, .docx, .html) ou des dossiers et les ajoute à la base.

    Un document déjà présent (même contenu) est ignoré ; un fichier modifié
    remplace sa version précédente. Chaque document est enregistré d'un bloc :
    une ingestion interrompue se reprend en relançant la même commande.
    """
    from maillage.graph.stores import open_store
    from maillage.ingest.pipeline import ingest
    from maillage.nlp import Extractor

    graph_store = open_store(store, db)
    try:
        report = ingest(paths, graph_store, Extractor(), progress=not quiet)
    finally:
        graph_store.close()
    if not quiet:
        click.echo(report.summary())
    for error in report.errors:
        click.echo(f"Erreur : {error}", err=True)
    if not report.ok:
        sys.exit(1)


@main.command("remove")
@click.argument("document")
@store_options
def remove_command(document: str, db: str, store: str) -> None:
    """Retire un document et les faits qu'il est seul à énoncer.

    DOCUMENT est l'identifiant du document (ou son début, s'il n'est pas
    ambigu) ou le chemin sous lequel il a été ingéré. Les décisions de
    curation sont conservées.
    """
    from maillage.graph.stores import open_store
    from maillage.ingest.pipeline import find_document

    graph_store = open_store(store, db)
    try:
        found = find_document(graph_store.documents(), document)
        graph_store.remove_document(found.id)
    finally:
        graph_store.close()
    click.echo(f"Document retiré : {found.path} ({found.id[:12]})")
