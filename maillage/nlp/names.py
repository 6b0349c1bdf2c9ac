"""Whether a capitalised word reads as a person's given name, from the model's word vectors.

Definition: the *given-name likeness* of a word is the cosine similarity of its vector (as written)
with the centroid of the vectors of :data:`~maillage.nlp.lexicon.GIVEN_NAME_SEED`, common French
given names. Given names score high (Yannick, Maryline, Hervé: 0.6 to 0.85); the common words that
start firms' names score low (Forges, Tissages, Usinage, Croissance: below 0.3). A word without a
vector has no likeness (``None``): it may be a rare given name as well as an invented brand.
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Token
from spacy.vocab import Vocab

from maillage.nlp.lexicon import GIVEN_NAME_SEED

#: Below this likeness a word is a common word, not a given name.
COMMON_WORD = 0.45
#: From this likeness a word is surely a given name.
GIVEN_NAME = 0.55

_CENTROIDS: dict[int, np.ndarray] = {}


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
    return token.is_stop or (score is not None and score < COMMON_WORD)


def is_given_name(token: Token) -> bool:
    """A word whose vector says it is a given name ("Yannick", "Maryline")."""
    score = likeness(token)
    return score is not None and score >= GIVEN_NAME
