"""France's official places by name: the 18 regions and 101 départements with their INSEE codes.

The reference lists are ``resources/regions.csv`` and ``resources/departements.csv``
(``code,name``, the official code geographic names). :func:`official_place` finds a place written
in a document among them, its folded name equal to the official one or, five letters or more,
within OCR damage of it (rapidfuzz ratio >= :data:`OCR_THRESHOLD`). Communes and
intercommunalities come from the reference data loaded into the store, not from here.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from maillage.nlp.lexicon import fold

OCR_THRESHOLD = 90
#: The file of each level.
LEVEL_FILES = {"region": "regions.csv", "departement": "departements.csv"}


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str, str]]:
    """Folded official name -> (level, code, name)."""
    places: dict[str, tuple[str, str, str]] = {}
    for level, filename in LEVEL_FILES.items():
        text = resources.files("maillage.nlp").joinpath("resources", filename).read_text(encoding="utf-8")
        for row in csv.DictReader(text.splitlines()):
            places.setdefault(fold(row["name"]), (level, row["code"], row["name"]))
    return places


def official_place(name: str) -> tuple[str, str, str] | None:
    """(level, code, official name) of a region or département written ``name``, or None."""
    folded = fold(name)
    places = _places()
    if folded in places:
        return places[folded]
    if len(folded) < 5:
        return None
    best = process.extractOne(folded, places.keys(), scorer=fuzz.ratio, score_cutoff=OCR_THRESHOLD)
    return places[best[0]] if best else None
