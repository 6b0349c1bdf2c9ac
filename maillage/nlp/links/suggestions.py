"""Links the readers are not sure of, kept apart for review.
"""
from __future__ import annotations

from typing import Iterator


from maillage.nlp.links.mentions import Found, Mention


def cooccurrences(mentions: list[Mention]) -> Iterator[Found]:
    actors = [m for m in mentions if m.target_type == "actor" and not m.person]
    for i, a in enumerate(actors):
        for b in actors[i + 1:]:
            yield Found(a, "PARTNER_OF", b, "", "cooccurrence")
