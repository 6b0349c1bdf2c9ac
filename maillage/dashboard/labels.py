"""French labels of codes and numbers, as users read them (plain text, no Streamlit)."""
from __future__ import annotations

from typing import Iterable

from maillage.graph import taxonomy


def kinds_label(codes: Iterable[str]) -> str:
    """French labels of actor kinds, primary first."""
    return ", ".join(taxonomy.ACTOR_KINDS.get(c, c) for c in codes)


def roles_label(codes: Iterable[str]) -> str:
    return ", ".join(taxonomy.ROLES.get(c, c) for c in codes)


def decimal(value: float, digits: int = 2) -> str:
    """A number with a decimal comma: ``0.85`` → ``"0,85"``."""
    return f"{value:.{digits}f}".replace(".", ",")
