"""The parser processes of ``maillage ingest --processus N``, kept apart from the loaders' heavy imports.

:func:`start_parsers` is the first thing ``maillage ingest --processus N`` does, so that the fork
server (which loads the NLP model, :mod:`maillage.ingest.parser_model`) starts as early as possible;
:func:`start_parser` and :func:`read_in_parser` run in each parser process
(:func:`maillage.ingest.parsing.parsed_files` hands them the chunks).
"""
from __future__ import annotations

import multiprocessing
import os
import signal

#: What the fork server imports before forking parser processes: the loaded model.
PRELOADED_MODEL = "maillage.ingest.parser_model"
_parser_extractor = None


def start_parsers() -> multiprocessing.context.BaseContext:
    """Start (without waiting for it) the fork server the parser processes come from; return its context.

    The server loads the NLP model once, in the background, while this process starts up, opens
    the store and sorts out the stored files; every parser process is then forked from it with the
    model already loaded (shared copy-on-write). A fork server rather than a plain fork: parsers
    do not inherit the writer's open database and threads.
    """
    # one thread of linear algebra per parser: N parsers of several threads each would fight for the cores
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOADED_MODEL])
    from multiprocessing import forkserver

    forkserver.ensure_running()
    return context


def start_parser() -> None:
    """Pool initializer: leave stopping to the writer, and take the model the fork server loaded."""
    global _parser_extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from maillage.nlp import Extractor as NlpExtractor

    _parser_extractor = NlpExtractor()


def read_in_parser(text: str):
    """The :class:`~maillage.nlp.ChunkFacts` of one chunk, or the reason it could not be read."""
    try:
        return _parser_extractor.read(text)
    except Exception as exc:  # reported for its document, the other documents go on
        return f"{type(exc).__name__}: {exc}"
