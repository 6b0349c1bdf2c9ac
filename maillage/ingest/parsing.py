"""Parsing files into batches of facts, in this process or in N parser processes.

``maillage ingest --processus N`` runs N parser processes and one writer (the
calling process, which alone holds the store). The writer loads each file and
cuts it into chunks; the parsers, forked from a server that loaded the NLP
model once (:func:`start_parsers`), read the chunks; the writer gathers each
document's chunks, resolves and writes the documents in the order given, so a
run gives the same base as a single process (:func:`parsed_files`). Chunks, not
files, are the unit of work: one long report is spread over all the parsers.

The model is loaded only when a first file needs parsing (:class:`LazyExtractor`):
a run whose files are all stored already never loads it in this process. Parsers
ignore SIGINT (a Ctrl+C reaches the whole process group): the writer decides
when to stop (:mod:`maillage.ingest.interrupts`) and ends the pool.
"""
from __future__ import annotations

import bisect
import queue
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Protocol

from maillage.errors import InputError, MaillageError
from maillage.graph.curation import now_iso
from maillage.graph.model import Batch, Document, Evidence, content_id
from maillage.ingest.loaders import LoadedText, load_bytes, read_bytes
from maillage.ingest.parsers import read_in_parser, start_parser, start_parsers


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
        raise InputError(extraction_failure(document, f"{type(exc).__name__}: {exc}")) from exc
    return with_pages(batch, loaded.pages) if loaded.paged else batch


def extraction_failure(document: Document, reason: str) -> str:
    """The French line of a document whose extraction failed."""
    return f"{document.path} : échec de l'extraction ({reason})"[:300]


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


# -- parser processes ---------------------------------------------------------------------
@dataclass
class _Prepared:
    """A file loaded and cut into chunks by the writer, waiting for its chunks' facts."""

    parsed: Parsed
    chunks: object = None  # maillage.nlp.DocumentChunks, None when the file could not be loaded
    pages: list[int] | None = None


def _prepare(path: Path) -> _Prepared:
    """Read and load one file and cut it into chunks (no model needed); a failure becomes its French line."""
    from maillage.nlp import DocumentChunks

    parsed = Parsed(path)
    try:
        data = read_bytes(path)
        loaded = load_bytes(data, path)
        parsed.warnings = list(loaded.warnings)
        document = document_of(content_id(data), path, loaded)
    except MaillageError as exc:
        parsed.error = str(exc)
        return _Prepared(parsed)
    try:
        return _Prepared(parsed, DocumentChunks(loaded.text, document), loaded.pages if loaded.paged else None)
    except Exception as exc:  # a bug in the repair: one line, the others go on
        parsed.error = extraction_failure(document, f"{type(exc).__name__}: {exc}")
        return _Prepared(parsed)


def _gather(item: _Prepared, results: Iterator) -> Parsed:
    """Take the facts of each of ``item``'s chunks from ``results`` and make its batch."""
    failure = ""
    for chunk in item.chunks.chunks:
        facts = next(results)
        if isinstance(facts, str):
            failure = failure or facts
        elif not failure:
            item.chunks.add(chunk, facts)
    parsed = item.parsed
    try:
        if failure:
            raise InputError(extraction_failure(item.chunks.document, failure))
        batch = item.chunks.batch()
    except Exception as exc:
        parsed.error = str(exc) if isinstance(exc, InputError) else extraction_failure(
            item.chunks.document, f"{type(exc).__name__}: {exc}")
        return parsed
    parsed.batch = with_pages(batch, item.pages) if item.pages else batch
    return parsed


def parsed_files(paths: list[Path], extractor: Extractor, processes: int = 1) -> Iterator[Parsed]:
    """Each file parsed, in order: here with ``extractor`` (one process), or by ``processes`` parsers.

    With several processes, this process loads each file and cuts it into chunks
    (:class:`maillage.nlp.DocumentChunks`); the parsers read chunks, not files, so that one long
    report is spread over all of them; this process gathers each document's chunks in order and
    resolves its actors, exactly as :meth:`maillage.nlp.Extractor.extract_many` does (``extractor``
    is then unused). Closing the iterator ends the parsers, dropping the chunks being read.
    """
    if processes <= 1 or len(paths) <= 1:
        yield from (parse_file(extractor, path) for path in paths)
        return
    prepared: queue.SimpleQueue = queue.SimpleQueue()

    def chunk_texts():  # run by the pool's feeding thread, ahead of the parsers
        for path in paths:
            try:
                item = _prepare(path)
            except BaseException as exc:  # hand it to the loop below, which would otherwise wait forever
                prepared.put(exc)
                raise
            prepared.put(item)
            if item.chunks is not None:
                yield from (chunk.text for chunk in item.chunks.chunks)

    pool = start_parsers().Pool(processes, initializer=start_parser)
    try:
        results = pool.imap(read_in_parser, chunk_texts())
        for _ in paths:
            item = prepared.get()
            if isinstance(item, BaseException):
                raise item
            yield _gather(item, results) if item.chunks is not None else item.parsed
        pool.close()
    finally:
        pool.terminate()
        pool.join()
