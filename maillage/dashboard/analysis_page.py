"""What every analysis page starts with: the base, the scope sidebar, a title, its definition,
then the result's message (why it is empty) and its key figures."""
from __future__ import annotations

import streamlit as st

from maillage.graph.scope import Scope
from maillage.dashboard import labels, scope_panel, ui
from maillage.dashboard.store_access import Base


def header(title: str, definition: str) -> tuple[Base, Scope]:
    """Load the graph, draw the scope sidebar, the title and the definition; return the base and the scope."""
    snap = ui.load()
    scope = scope_panel.scope_sidebar(snap, around=False)
    st.title(title)
    st.caption(definition)
    return snap, scope


def summary(result, figures: dict[str, object]) -> None:
    """The result's message, when it has one, then one metric per figure (label -> value; whole numbers
    written the French way)."""
    if getattr(result, "message", ""):
        st.warning(result.message)
    for column, (label, value) in zip(st.columns(len(figures)), figures.items()):
        column.metric(label, labels.integer(value) if isinstance(value, int) else value)
