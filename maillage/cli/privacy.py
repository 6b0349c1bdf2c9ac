"""``maillage oublier`` (right to be forgotten) and ``maillage personne exporter`` (right of access)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from maillage.cli import main
from maillage.cli._options import store_options


@main.command("oublier")
@click.argument("person", metavar="PERSONNE")
@click.option("--apercu", "preview", is_flag=True, help="Montrer ce qui serait retiré, sans rien changer.")
@store_options
def forget_command(person: str, preview: bool, db: str, store: str) -> None:
    """Efface une personne de la base (droit à l'oubli).

    Retire l'acteur, ses mentions, alias et liens, caviarde son nom dans les
    phrases gardées pour d'autres liens, supprime les décisions qui la
    nomment, et garde une trace de l'effacement sans son nom (empreinte
    chiffrée par une clé rangée à côté de la base) : réingérer les mêmes
    documents ne la fait pas revenir. La base est ensuite recompactée.
    """
    from maillage.graph.erasure import erase, plan_erasure
    from maillage.graph.stores import open_store

    graph_store = open_store(store, db, read_only=preview)
    try:
        plan = plan_erasure(graph_store, person)
        for line in plan.summary():
            click.echo(line)
        if preview:
            click.echo("Aperçu seulement : rien n'a été changé.")
            return
        erase(graph_store, plan)
    finally:
        graph_store.close()
    removed = _remove_backups(db, plan.names) if store == "ladybug" else []
    for path in removed:
        click.echo(f"Sauvegarde supprimée (elle contenait la personne) : {path}")
    click.echo("Personne effacée et effacement enregistré (sans son nom)."
               + (" Base recompactée." if store == "ladybug" else
                  " Neo4j : compactez la base côté serveur pour effacer les pages libérées."))


def _remove_backups(db: str, names: set[str]) -> list[Path]:
    """Delete the backups ``maillage reparer`` set aside beside the base that hold one of these names."""
    from maillage.graph.repair import backup_files

    wanted = [n.encode() for n in names if len(n) > 2]
    removed = []
    for file in backup_files(db):
        data = file.read_bytes()
        if any(name in data for name in wanted):
            file.unlink()
            removed.append(file)
    return removed


@main.group("personne")
def person_group() -> None:
    """Ce que la base contient sur une personne (droit d'accès)."""


@person_group.command("exporter")
@click.argument("person", metavar="PERSONNE")
@click.option("--output", "-o", "output", type=click.Path(), help="Fichier JSON (sortie standard par défaut).")
@store_options
def export_person_command(person: str, output: str | None, db: str, store: str) -> None:
    """Écrit en JSON tout ce que la base contient sur PERSONNE : sa fiche, ce que chaque document
    en dit, ses liens avec leurs preuves et les décisions qui la nomment."""
    from maillage.cli.data import _write_text
    from maillage.graph.erasure import person_record
    from maillage.graph.stores import open_store

    graph_store = open_store(store, db, read_only=True)
    try:
        record = person_record(graph_store, person)
    finally:
        graph_store.close()
    _write_text(json.dumps(record, ensure_ascii=False, indent=2), output)
    if output:
        click.echo(f"Écrit : {output}")
