"""The password gate slows down guessing: free attempts, then a doubling wait, for the whole server."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from maillage.dashboard import gate
from maillage.dashboard.gate import FailureLimiter

APP = str(Path(__file__).resolve().parents[2] / "maillage" / "dashboard" / "app.py")


class Clock:
    """A clock the test moves forward by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_failures_beyond_the_free_ones_wait_a_doubling_delay():
    clock = Clock()
    limiter = FailureLimiter(free_attempts=2, base_delay=2.0, max_delay=5.0, clock=clock)
    limiter.failed()
    assert limiter.wait_left() == 0.0
    limiter.failed()
    assert limiter.wait_left() == 2.0
    clock.now += 2.0
    limiter.failed()
    assert limiter.wait_left() == 4.0
    limiter.failed()
    assert limiter.wait_left() == 5.0  # capped
    limiter.succeeded()
    assert limiter.wait_left() == 0.0


def test_the_gate_refuses_attempts_after_repeated_failures(small_db, monkeypatch):
    monkeypatch.setenv("MAILLAGE_DB", str(small_db))
    monkeypatch.setenv("MAILLAGE_STORE", "ladybug")
    monkeypatch.setenv("MAILLAGE_PASSWORD", "sésame")
    monkeypatch.setattr(gate, "LIMITER", FailureLimiter(base_delay=60.0))  # no slow machine outwaits it
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    for attempt in range(gate.FREE_ATTEMPTS):
        at.text_input(key="maillage_gate_password").input(f"faux-{attempt}").run()
        assert at.error[0].value == "Mot de passe incorrect."
    at.text_input(key="maillage_gate_password").input("sésame").run()
    assert at.error[0].value.startswith("Trop de mots de passe erronés : réessayez dans")
    assert "Explorer le réseau" not in [t.value for t in at.title]
    fresh = AppTest.from_file(APP, default_timeout=60)  # a new session does not reset the count
    fresh.run()
    fresh.text_input(key="maillage_gate_password").input("sésame").run()
    assert fresh.error[0].value.startswith("Trop de mots de passe erronés")
