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
@click.option("--processus", "processes", type=click.IntRange(1), default=1, show_default=True,
              help="Nombre de processus d'analyse des documents (un seul écrit dans la base).")
def ingest_command(paths: tuple[str, ...], db: str, store: str, quiet: bool, processes: int) -> None:
    """Lit des documents (.txt, .md, .pdf, .docx, .html) ou des dossiers et les ajoute à la base.

    Un document déjà présent (même contenu) est ignoré ; un fichier modifié
    remplace sa version précédente. Chaque document est enregistré d'un bloc :
    une ingestion interrompue se reprend en relançant la même commande.
    Ctrl+C ou SIGTERM arrêtent l'ingestion après le document en cours
    (code de sortie 130 ou 143).
    """
    from maillage.ingest.parsers import start_parsers

    if processes > 1:  # the parsers' model loads while this process opens the base and sorts the files
        start_parsers()
    from maillage.graph.stores import open_store
    from maillage.ingest.interrupts import exit_code, stop_message
    from maillage.ingest.parsing import LazyExtractor
    from maillage.ingest.pipeline import ingest

    graph_store = open_store(store, db)
    try:
        report = ingest(paths, graph_store, LazyExtractor(), progress=not quiet, processes=processes)
    finally:
        graph_store.close()
    if not quiet:
        click.echo(report.summary())
    for error in report.errors:
        click.echo(f"Erreur : {error}", err=True)
    if report.interrupted:
        click.echo(stop_message(report.interrupted), err=True)
        sys.exit(exit_code(report.interrupted))
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
