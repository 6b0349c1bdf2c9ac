"""Small building blocks shared by the pages: loading the graph, actor links and pickers, downloads."""
from __future__ import annotations

import json
from typing import Iterable

import pandas as pd
import streamlit as st

from maillage.csv_safe import frame_to_csv
from maillage.graph import taxonomy
from maillage.graph.model import Actor
from maillage.dashboard import safe_html, store_access
from maillage.dashboard.settings import settings
from maillage.dashboard.store_access import Base

#: The actor page, as given to ``st.page_link`` (relative to ``app.py``).
FICHE = "views/fiche.py"
#: The query parameter naming the actor shown by the actor page.
ACTOR_PARAM = "acteur"


def actor_option(base: Base, actor_id: str) -> str:
    """How an actor reads in a picker: its name and primary kind (plain text)."""
    row = base.rows.get(actor_id)
    if row is None:
        return actor_id
    kind = base.primary_kinds[row]
    return f"{base.names[row]} ({taxonomy.ACTOR_KINDS.get(kind, kind)})"


def by_name(base: Base, ids: Iterable[str]) -> list[str]:
    """Actor ids ordered by name (unknown ids left out)."""
    known = [i for i in ids if i in base.rows]
    return sorted(known, key=lambda i: (base.names[base.rows[i]].lower(), i))


#: Most matches an actor search lists.
MATCHES = 50


def pick_actor(base: Base, label: str, key: str, kinds: Iterable[str] | None = None,
               default: str | None = None, placeholder: str = "Choisir un acteur…",
               among: Iterable[str] | None = None) -> str | None:
    """A searchable select box over the actors (optionally of some kinds, or among some ids); returns the chosen id.

    Up to :attr:`Settings.picker_max` candidates it lists them all; above, a text field first asks for part of
    the name and the box lists the :data:`MATCHES` first actors whose name holds it, so any actor stays reachable
    without sending every name to the browser."""
    kinds = list(kinds or ())
    pool = list(among) if among is not None else base.with_kinds(kinds) if kinds else None
    size = len(pool) if pool is not None else base.actor_count
    if size <= settings().picker_max:
        ids = by_name(base, pool if pool is not None else base.rows)
    else:
        text = st.text_input(label, key=f"{key}-recherche", placeholder="Tapez une partie du nom…").strip()
        found = base.search(text, MATCHES, kinds) if text else []
        if among is not None:
            allowed = set(pool)
            found = [i for i in found if i in allowed]
        kept = [i for i in (st.session_state.get(key), default) if i and i in base.rows]
        ids = list(dict.fromkeys(kept + by_name(base, found)))
        if text:
            st.caption(f"{len(found)} acteur(s) trouvé(s)" + (f" (les {MATCHES} premiers)" if len(found) == MATCHES else ""))
        label = f"{label} : résultats"
    index = ids.index(default) if default in ids else None
    return st.selectbox(label, ids, index=index, key=key, placeholder=placeholder,
                        format_func=lambda i: actor_option(base, i))


def actor_link(actor: Actor, prefix: str = "") -> None:
    """A link to the actor's page, labelled by its name (escaped), after an optional prefix such as an arrow."""
    label = f"{prefix} {safe_html.md(actor.name)}".strip()
    st.page_link(FICHE, label=label, query_params={ACTOR_PARAM: actor.id})


def load() -> Base:
    """The curated graph as of now (see :mod:`maillage.dashboard.store_access`)."""
    return store_access.load()


def table_csv(table: pd.DataFrame) -> bytes:
    """A table as the CSV file offered for download: spreadsheet-safe cells, UTF-8 with BOM."""
    return frame_to_csv(table).encode("utf-8-sig")


def downloads(name: str, data, table, key: str) -> None:
    """Two download buttons: the result as JSON and the table as spreadsheet-safe CSV (UTF-8 with BOM);
    the files are written only when a button is clicked. ``data`` and ``table`` may be functions returning
    them, so that a big result is not serialised at every run of the page."""
    left, right = st.columns(2)
    left.download_button("Télécharger (JSON)",
                         lambda: json.dumps(data() if callable(data) else data, ensure_ascii=False, indent=2,
                                            default=str),
                         file_name=f"{name}.json", mime="application/json", key=f"{key}-json",
                         on_click="ignore")
    right.download_button("Télécharger (CSV)", lambda: table_csv(table() if callable(table) else table),
                          file_name=f"{name}.csv", mime="text/csv", key=f"{key}-csv", on_click="ignore")


#: Page-wide style: a compact top, the dataframe toolbar hidden (it only offers English tools: search,
#: download, fullscreen), the English "Press Enter to apply" of text fields hidden, a select box's "No
#: results" and the file uploader's English instructions replaced by French ones.
_STYLE = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2.2rem;padding-bottom:2rem}
h1{font-size:1.9rem !important;padding-top:0 !important}
[data-testid="stElementToolbar"]{display:none !important}
[data-testid="InputInstructions"]{display:none !important}
div[role="option"][style*="contents"] > span{font-size:0;visibility:hidden}
div[role="option"][style*="contents"] > span::after{content:"Aucun résultat";font-size:.9rem;visibility:visible}
[data-testid="stFileUploaderDropzoneInstructions"] > div > span,
[data-testid="stFileUploaderDropzoneInstructions"] > div > small{display:none}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before{content:"Déposez vos fichiers ici ou choisissez-les";}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p{display:none}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after{content:"Parcourir"}
</style>"""


def style() -> None:
    """Apply the page-wide style (called once per run by ``app.py``)."""
    st.html(_STYLE)


#: Most new actors listed after an import (all are counted).
NEW_SHOWN = 60


def new_actors(before: Base, after: Base) -> None:
    """List the actors of ``after`` absent from ``before``, each a link to its page."""
    added = sorted(set(after.rows) - set(before.rows), key=lambda a: after.name(a).casefold())
    if not added:
        st.caption("Aucun nouvel acteur : les acteurs lus existaient déjà dans la base.")
        return
    st.markdown(f"**Nouveaux acteurs ({len(added)})**")
    for actor_id in added[:NEW_SHOWN]:
        actor_link(after.actor(actor_id), prefix="•")
    if len(added) > NEW_SHOWN:
        st.caption(f"… et {len(added) - NEW_SHOWN} autres.")
