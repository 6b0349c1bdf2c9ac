"""Reader of sub-bodies: a governance body, service or laboratory that is part of another body.

"A de B" where both are actors and A is of a part kind; an actor named "Conseil de
développement du Pays X" when "Pays X" is an actor too, or the last "Pays ..." named before; a branch
named "Antenne de Y de la CMA X" (:mod:`maillage.nlp.branches`) when "CMA X" is an actor too, named after an
article and not a local authority ("Caisse de Z de Y": after a bare "de" is the place where the branch stands).
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span

from maillage.graph.model import slugify
from maillage.nlp import cues as lexicon
from maillage.nlp.branches import FOLDED_BRANCH_NOUNS
from maillage.nlp.lexicon import fold
from maillage.nlp.links.mentions import Found, Mention, MentionIndex, anaphor


#: Kinds of the part in "A de B" that make A a part of B.
PART_KINDS = frozenset({"instance", "recherche_formation", "agence"})

_OF = re.compile(r"-(?:de-la|de-l|de|du|des|d)-")
#: A branch's name: its noun, lower-case adjectives, then "de" and a capitalised place ("Antenne de Y ...").
_BRANCH = re.compile(r"(\w+) (?:[a-zà-ÿ]+ ){0,2}(?:de |d'|d’|du |des )[A-ZÀ-Ý]")


def _branch_name(name: str) -> bool:
    """Whether ``name`` is a branch's, named after its place (:mod:`maillage.nlp.branches`)."""
    match = _BRANCH.match(name)
    return bool(match) and fold(match.group(1)) in FOLDED_BRANCH_NOUNS


def _wholes(slug: str, by_slug: dict[str, str], articled: bool = False) -> list[str]:
    """Keys of the actors whose name ends ``slug`` after "de", "du", "des", "de la" or "de l'" (with
    ``articled``, not after a bare "de": "Caisse de Y" names the branch's place)."""
    return [by_slug[slug[m.end():]] for m in _OF.finditer(slug) if slug[m.end():] in by_slug
            and not (articled and m.group() in ("-de-", "-d-"))]


def named_parts(doc: Doc, index: MentionIndex) -> Iterator[tuple[Found, int]]:
    """ "Conseil de développement du Pays X" when "Pays X" is an actor too: the body is part of it.

    Only governance bodies and research units take this reading (an "Agence d'urbanisme de
    la Métropole" is a body of its own). A whole guessed from a bare designator ("du Pays": the last
    "Pays ..." named) is often another body, so that link is a suggestion. Yields the link and the
    token of A's first mention.
    """
    actors = doc._.actors if Doc.has_extension("actors") and doc._.actors else {}
    by_slug: dict[str, str] = {}
    for key, actor in actors.items():
        if "personne" not in actor.kinds[:1]:
            for form in (actor.name, *actor.aliases):
                by_slug.setdefault(slugify(form), key)
    first = {}
    for m in index.mentions:
        first.setdefault(m.key, m)
    for key, actor in actors.items():
        branch = _branch_name(actor.name)
        if key not in first or not (set(actor.kinds[:1]) & PART_KINDS - {"agence"} or branch):
            continue
        wholes = [first[w] for form in (actor.name, *actor.aliases) for w in _wholes(slugify(form), by_slug, branch)
                  if w != key and w in first and not (branch and "collectivite" in actors[w].kinds[:1])]
        whole = wholes[0] if wholes else _designated_whole(index, first[key], actor)
        if whole is not None:
            yield Found(first[key], "PART_OF", whole, "de", "pattern" if wholes else "suggestion"), first[key].start


def _designated_whole(index: MentionIndex, part: Mention, actor) -> Mention | None:
    """For "Conseil de développement du Pays" (the name ends with a bare designator): the nearest
    body named before it whose name starts with that designator ("Pays X"), as an anaphor."""
    tails = {slugify(form)[m.end():] for form in (actor.name, *actor.aliases) for m in _OF.finditer(slugify(form))}
    tails &= lexicon.DESIGNATED_KINDS.keys() | {slugify(k) for k in lexicon.DESIGNATED_KINDS}
    if not tails:
        return None
    actors = index.doc._.actors
    for m in reversed(index.mentions):
        if m.start < part.start and m.key != part.key and m.target_type == "actor" and not m.person \
                and slugify(actors[m.key].name).split("-")[0] in tails and "-" in slugify(actors[m.key].name):
            return anaphor(m, m.start, m.end)
    return None


def _with_short_forms(doc, mentions: list[Mention]) -> list[tuple[Mention, int]]:
    """Each mention with where it ends, a bracketed short form of the same actor right after it
    included ("Laboratoire X (LX)"): the short form is no other actor of "A de B"."""
    out: list[tuple[Mention, int]] = []
    for m in mentions:
        if out and out[-1][0].key == m.key and m.start == out[-1][1] + 1 and doc[out[-1][1]].text == "(" \
                and m.end < len(doc) and doc[m.end].text == ")":
            out[-1] = (out[-1][0], m.end + 1)
        else:
            out.append((m, m.end))
    return out


def part_links(index: MentionIndex, sent: Span, mentions: list[Mention]) -> Iterator[Found]:
    """ "A de B", "A (sigle) de B": A is a body of B when A is a governance body, a laboratory or a service."""
    doc = index.doc
    spans = _with_short_forms(doc, mentions)
    for (a, end), (b, _) in zip(spans, spans[1:]):
        if a.person or b.person or b.target_type != "actor" or not set(a.kinds[:1]) & PART_KINDS:
            continue
        gap = [t.lower_ for t in doc[end:b.start]]
        if gap and gap[0] in ("de", "du", "des", "d'", "d’") and len(gap) <= 2:
            yield Found(a, "PART_OF", b, " ".join(gap), "pattern")
