"""``maillage importer-reference`` (official French reference files) and ``maillage deserts-relais``."""
from __future__ import annotations

from pathlib import Path

import click

from maillage.cli import main
from maillage.cli._options import store_options
from maillage.cli.importing import _count, show_rejected

DATASETS = ("cog", "epci", "coordonnees", "rne", "sirene")
STATUS = {"new": "importé", "replaced": "importé, remplace la version précédente de cette source",
          "present": "déjà présent : rien à faire"}


def read_sources(dataset: str, paths: list[Path], officials, territoire: str, progress: bool):
    """The ``(SourceBatch, sha256)`` pairs the files of one dataset give (one per file written)."""
    from maillage.errors import InputError
    from maillage.reference import coordinates, epci, rne, sirene
    from maillage.reference.cog import read_cog

    if dataset == "cog":
        found, _where = read_cog(paths, officials, territoire, progress)
        return [(batch, stream.sha256) for batch, stream in found]
    if dataset == "sirene":
        if len(paths) > 2:
            raise InputError("sirene : donnez le fichier StockEtablissement, puis éventuellement StockUniteLegale")
        batch, digest, _where = sirene.read_sirene(paths[0], officials, territoire,
                                                   paths[1] if len(paths) > 1 else None, progress)
        return [(batch, digest)]
    out = []
    for path in paths:
        if dataset == "epci":
            batch, digest, _where = epci.read_epci(path, officials, territoire, progress)
        else:
            reader = coordinates.read_coordinates if dataset == "coordonnees" else rne.read_rne
            batch, stream, _where = reader(path, officials, territoire, progress)
            digest = stream.sha256
        out.append((batch, digest))
    return out


def import_reference(store, dataset: str, paths: list[Path], territoire: str = "", progress: bool = True):
    """Import official files into ``store``; returns ``[(SourceBatch, status)]`` (status: see :data:`STATUS`)."""
    from maillage.reference.officials import Officials
    from maillage.reference.sources import write_source

    officials = Officials(store.read())
    done = []
    for batch, digest in read_sources(dataset, paths, officials, territoire, progress):
        done.append((batch, write_source(store, batch.batch(digest))))
    return done


@main.command("importer-reference")
@click.argument("dataset", type=click.Choice(DATASETS))
@click.argument("fichiers", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--territoire", default="", help="Ne garder qu'un territoire : nom ou code officiel "
              "(commune, EPCI, département, région).")
@click.option("--quiet", is_flag=True, help="Sans barre de progression.")
@store_options
def importer_reference(dataset: str, fichiers: tuple[Path, ...], territoire: str, quiet: bool, db: str,
                       store: str) -> None:
    """Importe des fichiers officiels : COG (v_region, v_departement, v_commune), EPCI de l'INSEE,
    coordonnées des communes, RNE (élus), SIRENE (StockEtablissement [StockUniteLegale]).

    \b
    Chaque fichier est une source : le réimporter ne change rien, une version plus récente
    remplace la précédente (même jeu de données, même territoire) et elle seule.
    """
    from maillage.graph.stores import open_store

    graph_store = open_store(store, db)
    try:
        done = import_reference(graph_store, dataset, list(fichiers), territoire, progress=not quiet)
    finally:
        graph_store.close()
    for batch, status in done:
        links = len(batch.links)
        click.echo(f"{batch.path.name} : {_count(batch.read)} ligne(s) lue(s) ; {_count(len(batch.territories))} "
                   f"territoire(s), {_count(len(batch.actors))} acteur(s), {_count(links)} lien(s) — {STATUS[status]}.")
        show_rejected(batch.errors)


def _deserts_table(result) -> str:
    from maillage.cli.tables import table
    from maillage.graph.analysis.relay_deserts import FAMILIES, STATUS_LABELS

    head = [f"Déserts de relais — {result.territoire}",
            f"{result.deserts} commune(s) en désert de relais, dont {result.total_deserts} sans aucun des trois.", ""]
    rows = [[c.name, c.code, c.epci or "—", c.small_firms,
             *(STATUS_LABELS[c.served[f]] for f in FAMILIES), "oui" if c.desert else ""] for c in result.communes]
    return "\n".join(head + [table(["Commune", "Code", "EPCI", "TPE", *FAMILIES.values(), "Désert"], rows)])


def _deserts_rows(result) -> list[dict]:
    from maillage.cli.analyses import _yes

    return [{"commune": c.name, "code": c.code, "epci": c.epci, "tpe": c.small_firms, **c.served,
             "desert": _yes(c.desert)} for c in result.communes]


@main.command("deserts-relais")
@click.option("--territoire", default="", help="Territoire (nom ou code officiel) ; par défaut toute la base.")
@click.option("--format", "-f", "fmt", type=click.Choice(("table", "json", "csv")), default="table",
              show_default=True)
@store_options
def deserts_command(territoire: str, fmt: str, db: str, store: str) -> None:
    """Communes dont les TPE n'ont ni expert-comptable, ni banque, ni chambre dans la commune ou l'EPCI."""
    from maillage.cli.analyses import _emit
    from maillage.graph.analysis.relay_deserts import relay_deserts
    from maillage.graph.kb import open_kb
    from maillage.graph.projection import paused_gc

    with paused_gc(), open_kb(db, store, read_only=True) as kb:
        graph = kb.graph()
    _emit(relay_deserts(graph, territoire), fmt, _deserts_table, _deserts_rows)
