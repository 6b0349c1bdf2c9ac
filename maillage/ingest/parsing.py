"""Parsing files into batches of facts, in this process or in N worker processes.

``maillage ingest --processus N`` runs N parser processes and one writer (the
calling process, which alone holds the store): :func:`parsed_files` hands the
files to a pool whose workers each load the NLP model once and return each
file's :class:`Parsed` in the order given, so resolution and writing happen in
the same order as in a single process and give the same base.

The model is loaded only when a first file needs parsing (:class:`LazyExtractor`):
a run whose files are all stored already never loads it. Workers ignore SIGINT
(a Ctrl+C reaches the whole process group): the writer decides when to stop
(:mod:`maillage.ingest.interrupts`) and ends the pool.
"""
from __future__ import annotations

import bisect
import multiprocessing
import os
import signal
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Protocol

from maillage.errors import InputError, MaillageError
from maillage.graph.curation import now_iso
from maillage.graph.model import Batch, Document, Evidence, content_id
from maillage.ingest.loaders import LoadedText, load_bytes, read_bytes


class Extractor(Protocol):
    """What the pipeline needs from the NLP extractor (:class:`maillage.nlp.Extractor`)."""

    def extract(self, text: str, document: Document) -> Batch: ...


class LazyExtractor:
    """The NLP extractor, loaded on the first document to extract: a run that skips everything loads no model."""

    def __init__(self) -> None:
        self._extractor: Extractor | None = None

    @property
    def loaded(self) -> bool:
        """Whether the model has been loaded."""
        return self._extractor is not None

    def extract(self, text: str, document: Document) -> Batch:
        if self._extractor is None:
            from maillage.nlp import Extractor as NlpExtractor

            self._extractor = NlpExtractor()
        return self._extractor.extract(text, document)


@dataclass
class Parsed:
    """One file parsed: its batch, or the French line saying why not; the loader's warnings."""

    path: Path
    batch: Batch | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)


def parse_file(extractor: Extractor, path: Path) -> Parsed:
    """Read, load and extract one file; any failure becomes the French line of :attr:`Parsed.error`."""
    warnings: list[str] = []
    try:
        data = read_bytes(path)
        loaded = load_bytes(data, path)
        warnings = list(loaded.warnings)
        return Parsed(path, extract(extractor, loaded, document_of(content_id(data), path, loaded)),
                      warnings=warnings)
    except MaillageError as exc:
        return Parsed(path, error=str(exc), warnings=warnings)


def document_of(doc_id: str, path: Path, loaded: LoadedText) -> Document:
    """The document record of a loaded file."""
    return Document(id=doc_id, path=str(path), title=loaded.title, ingested_at=now_iso(),
                    pages=len(loaded.pages) if loaded.paged else 0, words=len(loaded.text.split()))


def extract(extractor: Extractor, loaded: LoadedText, document: Document) -> Batch:
    """The validated facts of one document; an extraction failure becomes one French line."""
    try:
        batch = extractor.extract(loaded.text, document).validate()
    except Exception as exc:  # a bug or an off-taxonomy code: one line, the others go on
        raise InputError(f"{document.path} : échec de l'extraction ({type(exc).__name__}: {exc})"[:300]) from exc
    return with_pages(batch, loaded.pages) if loaded.paged else batch


def with_pages(batch: Batch, pages: list[int]) -> Batch:
    """Give each piece of evidence without a page the (1-based) page where its sentence's first word is.

    A sentence span may start with the whitespace of a page break, hence the first word rather than the start.
    """
    for link in batch.links:
        link.evidence = [e if e.page is not None else replace(e, page=page_of(pages, _first_word(e)))
                         for e in link.evidence]
    return batch


def page_of(pages: list[int], offset: int) -> int:
    """The 1-based number of the page holding ``offset``, given the pages' start offsets."""
    return max(1, bisect.bisect_right(pages, offset))


def _first_word(evidence: Evidence) -> int:
    return evidence.start + len(evidence.sentence) - len(evidence.sentence.lstrip())


# -- worker processes ---------------------------------------------------------------------
_worker_extractor: Extractor | None = None


def _start_worker() -> None:
    """Pool initializer: leave stopping to the writer, and prepare a lazily loaded model."""
    global _worker_extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_extractor = LazyExtractor()


def _parse_in_worker(path: Path) -> Parsed:
    return parse_file(_worker_extractor, path)


def parsed_files(paths: list[Path], extractor: Extractor, processes: int = 1) -> Iterator[Parsed]:
    """Each file parsed, in order: here with ``extractor`` (one process), or by ``processes`` workers.

    Workers load their own model (``extractor`` is then unused). Closing the iterator ends the pool,
    dropping the files still being parsed.
    """
    if processes <= 1 or len(paths) <= 1:
        yield from (parse_file(extractor, path) for path in paths)
        return
    # one thread of linear algebra per parser: N parsers of several threads each would fight for the cores
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    # forkserver: workers do not inherit the writer's open database and threads
    context = multiprocessing.get_context("forkserver")
    pool = context.Pool(min(processes, len(paths)), initializer=_start_worker)
    try:
        yield from pool.imap(_parse_in_worker, paths)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
