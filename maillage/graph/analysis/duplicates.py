"""Likely duplicate actors, to be merged by a curator, and link suggestions waiting for a decision.

A pair of actors is a **merge candidate** when both have the same primary kind and their folded names
are close: the words of one are all in the other, or the words they do not share are alike (rapidfuzz
ratio at least :data:`NAME_SIMILARITY`). Candidates are ranked by a score adding the name similarity (0-100), :data:`NEIGHBOUR_POINTS`
per shared neighbour and :data:`ORIGIN_POINTS` when one is known from documents only and the other
from an import only (the usual way a duplicate arises); each carries its reasons in French.

A **suggested link** is a link all of whose evidence has the method :data:`SUGGESTION` (a weak link
proposed by the extraction, confidence at most 0.4): a curator accepts it (an ``add_link`` decision)
or rejects it (a ``reject_link`` decision).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from maillage.graph.model import Graph, Link
from maillage.graph.scope import fold

NAME_SIMILARITY = 85
NEIGHBOUR_POINTS = 10
ORIGIN_POINTS = 15
#: Most merge candidates listed.
MAX_CANDIDATES = 12
SUGGESTION = "suggestion"
#: Folded names shorter than this are never compared (initials, lone words such as "CCI").
MIN_NAME = 5
#: Words that never tell two names apart.
_SMALL_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "au", "aux", "a", "sur"})
_WORD = re.compile(r"\w+")


@dataclass
class MergeCandidate:
    """Two actors that are probably one: merging ``source`` into ``target`` keeps ``target``'s name."""

    source: str
    target: str
    score: float
    reasons: list[str] = field(default_factory=list)


def origins(graph: Graph) -> dict[str, set[str]]:
    """Actor id -> where its links come from: ``document`` (extracted) and/or ``import``."""
    found: dict[str, set[str]] = defaultdict(set)
    for link in graph.links.values():
        for e in link.evidence:
            origin = "import" if e.method == "import" else "document" if e.method != "curation" else ""
            if origin:
                found[link.source].add(origin)
                if link.target_type == "actor":
                    found[link.target].add(origin)
    return found


def neighbours(graph: Graph) -> dict[str, set[str]]:
    """Actor id -> the actors and places it is linked to (either direction)."""
    around: dict[str, set[str]] = defaultdict(set)
    for link in graph.links.values():
        around[link.source].add(link.target)
        around[link.target].add(link.source)
    return around


def _words(name: str) -> set[str]:
    return {w for w in _WORD.findall(name) if w not in _SMALL_WORDS}


def _similarity(a: str, b: str) -> float:
    """How alike two folded names are (0-100): 100 when the words of one are all in the other; otherwise
    the likeness of the words they do not share (``Bureau de la CMA du Val`` and ``Bureau de la CCI du Val``
    differ by ``cma`` / ``cci``: not alike), so that a long common part does not make two bodies one."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    if words_a <= words_b or words_b <= words_a:
        return 100.0
    return fuzz.ratio(" ".join(sorted(words_a - words_b)), " ".join(sorted(words_b - words_a)))


def merge_candidates(graph: Graph, limit: int = MAX_CANDIDATES) -> list[MergeCandidate]:
    """The likeliest duplicate pairs (module docstring), best first; the actor with more links is kept."""
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for actor in graph.actors.values():
        name = fold(actor.name)
        if len(name) >= MIN_NAME:
            by_kind[actor.kind].append((actor.id, name))
    around, origin = neighbours(graph), origins(graph)
    found = []
    for members in by_kind.values():
        members.sort(key=lambda m: m[1])
        for i, (a, name_a) in enumerate(members):
            for b, name_b in members[i + 1:]:
                similarity = _similarity(name_a, name_b)
                if similarity < NAME_SIMILARITY:
                    continue
                shared = (around[a] & around[b]) - {a, b}
                reasons = ["l'un des noms contient l'autre" if similarity == 100 else
                           f"noms proches ({round(similarity)} %)", "même type"]
                score = similarity + NEIGHBOUR_POINTS * len(shared)
                if shared:
                    reasons.append(f"{len(shared)} voisin(s) en commun")
                if {frozenset(origin[a]), frozenset(origin[b])} == {frozenset({"document"}), frozenset({"import"})}:
                    score += ORIGIN_POINTS
                    reasons.append("l'un vient des documents, l'autre d'un import")
                keep, drop = (a, b) if len(around[a]) >= len(around[b]) else (b, a)
                found.append(MergeCandidate(drop, keep, score, reasons))
    found.sort(key=lambda c: (-c.score, c.target, c.source))
    return found[:limit]


def suggested_links(graph: Graph) -> list[Link]:
    """The links proposed by suggestion only (module docstring), most confident first."""
    return sorted((l for l in graph.links.values() if l.evidence and all(e.method == SUGGESTION for e in l.evidence)),
                  key=lambda l: (-l.confidence, l.key))
