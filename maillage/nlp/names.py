"""Whether a capitalised word reads as a person's given name, from the model's word vectors.

Definition: the *given-name likeness* of a word is the cosine similarity of its vector (as written)
with the centroid of the vectors of :data:`~maillage.nlp.lexicon.GIVEN_NAME_SEED`, common French
given names. Given names score high (Yannick, Maryline, Hervé: 0.6 to 0.85; given names that are
words too, Marine or Rose, about 0.35); the common words that start firms' names score low (Forges,
Tissages, Usinage, Croissance: 0.3 and below). A word without a
vector has no likeness (``None``): it may be a rare given name as well as an invented brand.

A *common word* is a word of the French dictionary (the lemmatizer's tables of the model, when
:func:`use_dictionary` gave them) whose likeness is low, or a stop word: "Michael" is neither.
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Token
from spacy.vocab import Vocab

from maillage.nlp.lexicon import GIVEN_NAME_SEED

#: Below this likeness a word is a common word, not a given name.
COMMON_WORD = 0.33
#: From this likeness a word is surely a given name.
GIVEN_NAME = 0.55

_CENTROIDS: dict[int, np.ndarray] = {}
_DICTIONARIES: dict[int, tuple] = {}


def use_dictionary(nlp) -> None:
    """Take the French words of the pipeline's lemmatizer tables (inflected forms and lemmas) as the
    dictionary of :func:`is_common_word` for its vocabulary."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    tables = [lookups.get_table("lemma_lookup")] if lookups.has_table("lemma_lookup") else []
    lemmas = frozenset(w for values in (lookups.get_table("lemma_index").values()
                                        if lookups.has_table("lemma_index") else ()) for w in values)
    _DICTIONARIES[id(nlp.vocab)] = (*tables, lemmas)


def in_dictionary(token: Token) -> bool:
    """Whether the token's lower-case form is a French word (True when no dictionary is known)."""
    tables = _DICTIONARIES.get(id(token.vocab))
    return tables is None or any(token.lower_ in table for table in tables)


def _centroid(vocab: Vocab) -> np.ndarray | None:
    """The normalised mean vector of the seed names in ``vocab`` (cached per vocabulary)."""
    key = id(vocab)
    if key not in _CENTROIDS:
        vectors = [vocab.get_vector(n) for n in GIVEN_NAME_SEED if vocab.has_vector(n)]
        rows = [v / np.linalg.norm(v) for v in vectors if np.linalg.norm(v)]
        mean = np.mean(rows, axis=0) if rows else None
        _CENTROIDS[key] = None if mean is None else mean / np.linalg.norm(mean)
    return _CENTROIDS[key]


def likeness(token: Token) -> float | None:
    """The given-name likeness of a token as written, or None without a vector."""
    centroid = _centroid(token.vocab)
    if centroid is None or not token.vocab.has_vector(token.text):
        return None
    vector = token.vocab.get_vector(token.text)
    norm = np.linalg.norm(vector)
    return float(vector @ centroid / norm) if norm else None


def is_common_word(token: Token) -> bool:
    """A word whose vector says it is no given name ("Forges", "Croissance", "Un")."""
    score = likeness(token)
    return token.is_stop or (score is not None and score < COMMON_WORD and in_dictionary(token))


def is_given_name(token: Token) -> bool:
    """A word whose vector says it is a given name ("Yannick", "Maryline")."""
    score = likeness(token)
    return score is not None and score >= GIVEN_NAME
