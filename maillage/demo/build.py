"""Building the demo database: the demo's CSV files imported, then its documents ingested.

Both steps are idempotent: the CSV import is one batch whose document id is
the hash of the files, and each document is identified by its content, so
building the demo into a database that already holds it writes nothing.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from maillage.demo import DemoPaths, demo_paths
from maillage.graph.kb import KnowledgeBase
from maillage.graph.stats import GraphStats, compute_stats
from maillage.graph.stores.base import GraphStore
from maillage.ingest.parsing import LazyExtractor
from maillage.ingest.pipeline import Extractor, IngestReport


@dataclass
class DemoBuild:
    """What building the demo did, and what the database holds afterwards."""

    imported: bool  # False when the CSV import was already stored
    ingest: IngestReport
    stats: GraphStats
    import_warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A French summary for the command line."""
        data = ("Données structurées importées" if self.imported
                else "Données structurées déjà présentes : rien à importer")
        lines = [f"{data} (territoire fictif du Val de Brenne).", *self.import_warnings,
                 self.ingest.summary(),
                 f"La base contient {self.stats.actors} acteurs, {self.stats.links} liens, "
                 f"{self.stats.territories} territoires et {self.stats.documents} documents."]
        return "\n".join(lines)


def import_demo_data(store: GraphStore, paths: DemoPaths) -> tuple[bool, list[str]]:
    """Import the demo's territories, actors and links; return (written, French warnings).

    The importer's warnings (an ignored column, an encoding) become lines of the summary.
    """
    from maillage.ingest.csv_import import read_import

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        batch, rejected = read_import(paths.actors, paths.links, territories_path=paths.territories)
    notes = [f"Avertissement : {w.message}" for w in caught] + [f"Ligne ignorée : {row}" for row in rejected]
    return store.write(batch), notes


#: The demo's official-format samples, in import order: (dataset, file names).
REFERENCE_STEPS = [("cog", ["v_region_2025.csv", "v_departement_2025.csv", "v_commune_2025.csv"]),
                   ("epci", ["Intercommunalite_Metropole_2025_composition.csv"]),
                   ("coordonnees", ["communes-coordonnees.csv"]),
                   ("rne", ["elus-maires.csv", "elus-conseillers-communautaires-epci.csv"]),
                   ("sirene", ["StockEtablissement_demo.csv", "StockUniteLegale_demo.csv"])]


def import_demo_reference(store: GraphStore) -> int:
    """Import the demo's official-format samples (``reference/``); return how many sources were written."""
    from maillage.cli.reference import import_reference
    from maillage.demo import DEMO_DIR

    written = 0
    for dataset, names in REFERENCE_STEPS:
        done = import_reference(store, dataset, [DEMO_DIR / "reference" / n for n in names], progress=False)
        written += sum(status != "present" for _batch, status in done)
    return written


def ingest_demo_documents(store: GraphStore, paths: DemoPaths, extractor: Extractor | None = None,
                          progress: bool = True) -> IngestReport:
    """Ingest the demo's documents (those already stored are skipped)."""
    from maillage.ingest.pipeline import ingest

    return ingest([paths.documents], store, extractor or LazyExtractor(), progress=progress)


def build_demo(store: GraphStore, extractor: Extractor | None = None, progress: bool = True) -> DemoBuild:
    """Import the demo's structured data then ingest its documents into ``store``."""
    paths = demo_paths()
    imported, warnings = import_demo_data(store, paths)
    imported = bool(import_demo_reference(store)) or imported
    report = ingest_demo_documents(store, paths, extractor, progress)
    stats = compute_stats(KnowledgeBase(store).graph())
    return DemoBuild(imported, report, stats, warnings)
