"""An optional password gate, off unless ``MAILLAGE_PASSWORD`` is set, that slows down guessing.

Stances of elected people are sensitive: a deployment on a shared server should set
``MAILLAGE_PASSWORD`` or, for single sign-on, put the dashboard behind a reverse proxy that
authenticates (for instance nginx with ``auth_request`` to oauth2-proxy, or Caddy's
``forward_auth``) and listen on localhost only (``maillage dashboard --host 127.0.0.1``).

Failures are counted for the whole server process, not per browser session or per address (a new
session or a spoofed address must not reset the count): after :data:`FREE_ATTEMPTS` wrong passwords,
each further attempt waits a delay that doubles with every failure, up to :data:`MAX_DELAY` seconds.
The right password resets the count.
"""
from __future__ import annotations

import hmac
import math
import threading
import time

import streamlit as st

_PASSED = "maillage_gate_passed"
_LAST_FAILED = "maillage_gate_last_failed"
FREE_ATTEMPTS = 5
BASE_DELAY = 2.0
MAX_DELAY = 300.0


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of the typed password with the expected one."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class FailureLimiter:
    """Consecutive failed attempts and the delay they impose before the next attempt (thread-safe)."""

    def __init__(self, free_attempts: int = FREE_ATTEMPTS, base_delay: float = BASE_DELAY,
                 max_delay: float = MAX_DELAY, clock=time.monotonic) -> None:
        self.free_attempts, self.base_delay, self.max_delay, self.clock = free_attempts, base_delay, max_delay, clock
        self.failures = 0
        self.last_failure = 0.0
        self._lock = threading.Lock()

    def delay(self) -> float:
        """The wait imposed after the current number of failures: 0 for the free ones, then doubling."""
        extra = self.failures - self.free_attempts
        return 0.0 if extra < 0 else min(self.max_delay, self.base_delay * 2 ** extra)

    def wait_left(self) -> float:
        """Seconds before the next attempt is allowed (0 when it is allowed now)."""
        with self._lock:
            return max(0.0, self.last_failure + self.delay() - self.clock()) if self.failures else 0.0

    def failed(self) -> None:
        with self._lock:
            self.failures += 1
            self.last_failure = self.clock()

    def succeeded(self) -> None:
        with self._lock:
            self.failures = 0


#: The failures of this server process.
LIMITER = FailureLimiter()


def require_password(expected: str) -> None:
    """Stop the page behind a password field until the right password is typed (no-op when ``expected`` is empty)."""
    if not expected or st.session_state.get(_PASSED):
        return
    st.title("maillage")
    given = st.text_input("Mot de passe", type="password", key="maillage_gate_password")
    if given and given != st.session_state.get(_LAST_FAILED):
        wait = LIMITER.wait_left()
        if wait > 0:
            st.error(f"Trop de mots de passe erronés : réessayez dans {math.ceil(wait)} s.")
            st.stop()
        if password_matches(given, expected):
            LIMITER.succeeded()
            st.session_state[_PASSED] = True
            st.rerun()
        LIMITER.failed()
        st.session_state[_LAST_FAILED] = given
    if given:
        st.error("Mot de passe incorrect.")
    st.stop()
