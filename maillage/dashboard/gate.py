"""An optional password gate, off unless ``MAILLAGE_PASSWORD`` is set.

Stances of elected people are sensitive: a deployment on a shared server should set
``MAILLAGE_PASSWORD`` or, for single sign-on, put the dashboard behind a reverse proxy that
authenticates (for instance nginx with ``auth_request`` to oauth2-proxy, or Caddy's
``forward_auth``) and listen on localhost only (``maillage dashboard --host 127.0.0.1``).
"""
from __future__ import annotations

import hmac

import streamlit as st

_PASSED = "maillage_gate_passed"


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of the typed password with the expected one."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_password(expected: str) -> None:
    """Stop the page behind a password field until the right password is typed (no-op when ``expected`` is empty)."""
    if not expected or st.session_state.get(_PASSED):
        return
    st.title("maillage")
    given = st.text_input("Mot de passe", type="password", key="maillage_gate_password")
    if given and password_matches(given, expected):
        st.session_state[_PASSED] = True
        st.rerun()
    if given:
        st.error("Mot de passe incorrect.")
    st.stop()
