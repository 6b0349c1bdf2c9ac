"""How an ingest run goes: stored files skipped before any model loads, N parser processes, and
Ctrl+C / SIGTERM stopping after the current document."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from maillage.graph.model import Batch, Document
from maillage.graph.stores import open_store
from maillage.ingest.parsing import LazyExtractor
from maillage.ingest.pipeline import ALREADY_STORED, ingest
from maillage.nlp import chunk_spans

FIRST = "La Chambre de métiers de Vannes accompagne la SCOP Ardoises du Léguer.\n"
SECOND = "Le Pays de Ploërmel héberge la SCIC Fournil Partagé. La SCIC Fournil Partagé adhère à l'URSCOP.\n"
THIRD = "La Région Bretagne finance la Technopole Anticipa. L'Agence Lannion Trégor soutient la SCOP Ardoises du Léguer.\n"


def texts(folder, *contents: str) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(contents, 1):
        path = folder / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


class SignalOnMarker:
    """The real extractor, which sends ``signum`` to this very process while extracting a text with ``marker``."""

    def __init__(self, extractor, marker: str, signum: int) -> None:
        self.extractor, self.marker, self.signum = extractor, marker, signum

    def extract(self, text: str, document: Document) -> Batch:
        if self.marker in text:
            os.kill(os.getpid(), self.signum)
        return self.extractor.extract(text, document)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_ends_the_run_after_the_current_document(tmp_path, store, extractor, signum):
    paths = texts(tmp_path / "docs", FIRST, SECOND + " Plouha", THIRD)
    before = signal.getsignal(signum)
    report = ingest(paths, store, SignalOnMarker(extractor, "Plouha", signum), progress=False)
    assert report.interrupted == signum
    assert sorted(d.path for d in store.documents()) == [str(p.resolve()) for p in paths[:2]]
    assert signal.getsignal(signum) == before  # the handler is given back
    again = ingest(paths, store, extractor, progress=False)
    assert again.interrupted is None and len(again.written) == 1 and len(again.skipped) == 2


def test_stored_files_are_skipped_before_the_model_loads(tmp_path, store, extractor):
    paths = texts(tmp_path / "docs", FIRST, SECOND)
    ingest(paths, store, extractor, progress=False)
    lazy = LazyExtractor()
    report = ingest(paths, store, lazy, progress=False)
    assert [reason for _path, reason in report.skipped] == [ALREADY_STORED, ALREADY_STORED]
    assert not lazy.loaded


def _graph_facts(store) -> tuple:
    graph = store.read()
    return (sorted((a.id, a.name, tuple(a.kinds)) for a in graph.actors.values()),
            sorted((key, sorted((e.document, e.sentence) for e in link.evidence))
                   for key, link in graph.links.items()))


def test_two_parser_processes_store_what_one_process_stores(tmp_path, extractor):
    long_report = "\n\n".join([FIRST, SECOND, THIRD] * 90)  # several chunks, spread over the parsers
    assert len(chunk_spans(long_report)) >= 3
    paths = texts(tmp_path / "docs", FIRST, SECOND, long_report, THIRD, FIRST + SECOND)
    broken = tmp_path / "docs" / "3b.pdf"
    broken.write_bytes(b"\x00 pas un PDF \xff" * 20)
    paths.insert(3, broken)
    stores = [open_store("ladybug", str(tmp_path / name)) for name in ("un", "deux")]
    try:
        one = ingest(paths, stores[0], extractor, progress=False)
        two = ingest(paths, stores[1], LazyExtractor(), progress=False, processes=2)
        assert len(two.written) == 5 and two.errors == one.errors and len(two.errors) == 1
        assert (one.actors_added, one.links_added) == (two.actors_added, two.links_added)
        assert _graph_facts(stores[0]) == _graph_facts(stores[1])
    finally:
        for opened in stores:
            opened.close()


def test_sigterm_to_the_command_exits_143_with_one_french_line(tmp_path):
    paths = texts(tmp_path / "docs", FIRST, SECOND, THIRD)
    db = tmp_path / "base"
    command = [sys.executable, "-c", "from maillage.cli import main; main()", "ingest", str(tmp_path / "docs"),
               "--db", str(db), "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the store is open: the run is loading the model or parsing the first file
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 143, err
    assert "Interruption (SIGTERM)" in err and "Traceback" not in err
    stored = open_store("ladybug", str(db), read_only=True)
    try:
        assert [d.path for d in stored.documents()] == [str(paths[0].resolve())]
    finally:
        stored.close()
