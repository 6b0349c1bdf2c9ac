"""Ctrl+C and SIGTERM during an ingest: a request to stop after the current document.

While :class:`StopSignals` is active, SIGINT and SIGTERM only record which
signal came; the ingest loop checks :attr:`StopSignals.received` between
documents, so the document being written is committed whole and nothing is
half-written. The command then exits with ``128 + signal`` (130 for Ctrl+C,
143 for SIGTERM), the shell's convention.
"""
from __future__ import annotations

import signal
import threading

#: The signals that ask an ingest to stop.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

#: French names of the signals, for the message.
SIGNAL_NAMES = {signal.SIGINT: "Ctrl+C", signal.SIGTERM: "SIGTERM"}


class StopSignals:
    """A context in which SIGINT and SIGTERM set :attr:`received` instead of ending the process.

    Outside the main thread (where Python cannot install handlers) it does nothing.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, _frame) -> None:
        self.received = self.received or signum

    def __enter__(self) -> "StopSignals":
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()


def exit_code(signum: int) -> int:
    """The exit code of a command stopped by ``signum`` (130 for SIGINT, 143 for SIGTERM)."""
    return 128 + signum


def stop_message(signum: int) -> str:
    """The French line printed when an ingest stops on a signal."""
    return (f"Interruption ({SIGNAL_NAMES.get(signum, f'signal {signum}')}) : ingestion arrêtée après le "
            "document en cours ; les documents enregistrés le restent, relancez la même commande pour "
            "reprendre.")
