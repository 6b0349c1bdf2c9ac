"""Small building blocks shared by the pages: loading the graph, actor links and pickers, downloads."""
from __future__ import annotations

import json
from typing import Iterable

import pandas as pd
import streamlit as st

from maillage.csv_safe import frame_to_csv
from maillage.graph import taxonomy
from maillage.graph.model import Actor, Graph
from maillage.dashboard import safe_html
from maillage.dashboard.store_access import Snapshot, snapshot

#: The actor page, as given to ``st.page_link`` (relative to ``app.py``).
FICHE = "views/fiche.py"
#: The query parameter naming the actor shown by the actor page.
ACTOR_PARAM = "acteur"


def actor_option(graph: Graph, actor_id: str) -> str:
    """How an actor reads in a picker: its name and primary kind (plain text)."""
    actor = graph.actors.get(actor_id)
    if actor is None:
        return actor_id
    return f"{actor.name} ({taxonomy.ACTOR_KINDS.get(actor.kind, actor.kind)})"


def sorted_actor_ids(graph: Graph, kinds: Iterable[str] | None = None, among: Iterable[str] | None = None) -> list[str]:
    """Actor ids ordered by name, restricted to ``kinds`` (any of them) and to the ids ``among`` when given."""
    wanted = set(kinds or ())
    pool = [graph.actors[i] for i in among if i in graph.actors] if among is not None else graph.actors.values()
    ids = [a.id for a in pool if not wanted or wanted & set(a.kinds)]
    return sorted(ids, key=lambda i: (graph.actors[i].name.lower(), i))


def pick_actor(graph: Graph, label: str, key: str, kinds: Iterable[str] | None = None,
               default: str | None = None, placeholder: str = "Choisir un acteur…",
               among: Iterable[str] | None = None) -> str | None:
    """A searchable select box over the actors (optionally of some kinds, or among some ids); returns the chosen id."""
    ids = sorted_actor_ids(graph, kinds, among)
    index = ids.index(default) if default in ids else None
    return st.selectbox(label, ids, index=index, key=key, placeholder=placeholder,
                        format_func=lambda i: actor_option(graph, i))


def actor_link(actor: Actor, prefix: str = "") -> None:
    """A link to the actor's page, labelled by its name (escaped), after an optional prefix such as an arrow."""
    label = f"{prefix} {safe_html.md(actor.name)}".strip()
    st.page_link(FICHE, label=label, query_params={ACTOR_PARAM: actor.id})


def load() -> Snapshot:
    """The curated graph as of now (see :mod:`maillage.dashboard.store_access`)."""
    return snapshot()


def table_csv(table: pd.DataFrame) -> bytes:
    """A table as the CSV file offered for download: spreadsheet-safe cells, UTF-8 with BOM."""
    return frame_to_csv(table).encode("utf-8-sig")


def downloads(name: str, data: dict | list, table: pd.DataFrame, key: str) -> None:
    """Two download buttons: the result as JSON and the table as spreadsheet-safe CSV (UTF-8 with BOM);
    the files are written only when a button is clicked."""
    left, right = st.columns(2)
    left.download_button("Télécharger (JSON)", lambda: json.dumps(data, ensure_ascii=False, indent=2, default=str),
                         file_name=f"{name}.json", mime="application/json", key=f"{key}-json",
                         on_click="ignore")
    right.download_button("Télécharger (CSV)", lambda: table_csv(table),
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


def new_actors(before: Graph, after: Graph) -> None:
    """List the actors of ``after`` absent from ``before``, each a link to its page."""
    added = sorted(set(after.actors) - set(before.actors), key=lambda a: after.actors[a].name.casefold())
    if not added:
        st.caption("Aucun nouvel acteur : les acteurs lus existaient déjà dans la base.")
        return
    st.markdown(f"**Nouveaux acteurs ({len(added)})**")
    for actor_id in added[:NEW_SHOWN]:
        actor_link(after.actors[actor_id], prefix="•")
    if len(added) > NEW_SHOWN:
        st.caption(f"… et {len(added) - NEW_SHOWN} autres.")
