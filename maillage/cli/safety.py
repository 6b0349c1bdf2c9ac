"""``maillage verifier`` and ``maillage reparer``: check an embedded base, repair it after a crash or a full disk."""
from __future__ import annotations

import sys

import click

from maillage.cli import main
from maillage.cli._options import db_option


@main.command("verifier")
@db_option
def check_command(db: str) -> None:
    """Vérifie la base : elle s'ouvre, tout se relit, aucun point de contrôle ni import n'est resté
    interrompu. Code de sortie 0 si elle est saine, 1 sinon (lancez alors « maillage reparer »)."""
    from maillage.graph.repair import check

    diagnosis = check(db)
    if not diagnosis.problems:
        click.echo(f"Base saine : {diagnosis.documents} document(s), {diagnosis.decisions} décision(s).")
        return
    click.echo(f"Problèmes dans {db} :")
    for problem in diagnosis.problems:
        click.echo(f"  - {problem}")
    click.echo(f"Lancez « maillage reparer --db {db} ».")
    sys.exit(1)


@main.command("reparer")
@click.option("--compacter", "compact", is_flag=True,
              help="Reconstruire aussi le fichier de la base (aucune page libérée ne garde ce qui a été retiré).")
@db_option
def repair_command(compact: bool, db: str) -> None:
    """Répare la base après un arrêt brutal ou un disque plein : termine un point de contrôle
    interrompu, rejoue ou met de côté un journal endommagé (une copie est gardée dans
    BASE.sauvegardes/), retire les imports incomplets et liste les documents à réingérer."""
    from maillage.graph.repair import repair

    done = repair(db, compact=compact)
    if done.backup is not None:
        click.echo(f"Copie des fichiers mis de côté : {done.backup}")
    for action in done.actions or ["rien à réparer"]:
        click.echo(f"  - {action}")
    if done.to_reingest:
        click.echo(f"Documents à réingérer ({len(done.to_reingest)}) :")
        for path in done.to_reingest:
            click.echo(f"  {path}")
    click.echo("La base s'ouvre de nouveau.")
