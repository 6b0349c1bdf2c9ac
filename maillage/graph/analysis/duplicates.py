"""Likely duplicate actors, to be merged by a curator, and link suggestions waiting for a decision.

A pair of actors is a **merge candidate** when both have the same primary kind and their folded names
are close: the words of one are all in the other, or the words they do not share are alike (rapidfuzz
ratio at least :data:`NAME_SIMILARITY`). Candidates are ranked by a score adding the name similarity (0-100), :data:`NEIGHBOUR_POINTS`
per shared neighbour and :data:`ORIGIN_POINTS` when one is known from documents only and the other
from an import only (the usual way a duplicate arises); each carries its reasons in French.

**Which pairs are compared** (blocking, so that a base of 100,000 actors is searched in seconds, not
in the 5·10⁹ comparisons of every pair): two actors of the same primary kind are compared when their
names share a *distinctive key*, borne by at most :data:`BLOCK_MAX` names of that kind: a word, the
beginning or the end of a word (:data:`AFFIX` letters; a number whole), or a pair of these (a word such
as « entreprise », borne by thousands of names, tells nothing, but « ent » + « mar » may). So a typo is
found when the typed word's beginning or end, or another word, is distinctive, alone or with another. Names bearing the
same words, too many to be compared by these keys, are each paired with the first of them (by folded
name). Names with no distinctive key are compared with no other (:attr:`DuplicateSearch.uncompared`
counts them). Words are
those of the folded name minus :data:`_SMALL_WORDS`.

A **suggested link** is a link all of whose evidence has the method :data:`SUGGESTION` (a weak link
proposed by the extraction, confidence at most 0.4): a curator accepts it (an ``add_link`` decision)
or rejects it (a ``reject_link`` decision).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz

from maillage.graph.folded import FoldedGraph
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
#: A key borne by more names than this (in one kind) does not make their pairs compared.
BLOCK_MAX = 50
#: Letters of a word's beginning, and of its end, used as keys (a typo in the middle of a word, or at one end,
#: leaves the other).
AFFIX = 3
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


@dataclass
class DuplicateSearch:
    """The best merge candidates, how many pairs were found in all, and how many names (long enough to be
    compared) have no distinctive key: every word of theirs is borne by too many names of their kind."""

    candidates: list[MergeCandidate]
    found: int
    uncompared: int


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(name) if w not in _SMALL_WORDS)


def _similarity(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    """How alike two folded names are (0-100), given their words: 100 when the words of one are all in the
    other; otherwise the likeness of the words they do not share (``Bureau de la CMA du Val`` and ``Bureau de
    la CCI du Val`` differ by ``cma`` / ``cci``: not alike), so that a long common part does not make two
    bodies one."""
    if not words_a or not words_b:
        return 0.0
    if words_a <= words_b or words_b <= words_a:
        return 100.0
    return fuzz.ratio(" ".join(sorted(words_a - words_b)), " ".join(sorted(words_b - words_a)))


def _ends_of(word: str) -> set[tuple[str, str]]:
    """A word's beginning and end (:data:`AFFIX` letters each; a number whole), as blocking tokens."""
    return {("#", word)} if word.isdigit() else {("<", word[:AFFIX]), (">", word[-AFFIX:])}


def _keys(words: frozenset[str]) -> set[tuple]:
    """The blocking keys of a name (module docstring): its words, its words' beginnings and ends, and the pairs of
    these."""
    tokens = sorted({t for w in words for t in _ends_of(w)})
    return {(w,) for w in words} | set(tokens) | set(combinations(tokens, 2))


def close_pairs(names: Sequence[str], kinds: Sequence[str], block_max: int = BLOCK_MAX
                ) -> tuple[list[tuple[int, int, float]], int]:
    """The pairs ``(i, j, similarity)`` (indexes into ``names``, ``i`` the one whose folded name sorts first, then
    the first given) of the same kind whose names are close (module docstring), among the pairs sharing a
    distinctive key; and how many names have no distinctive key (compared with no other)."""
    words: dict[int, frozenset[str]] = {}
    order: dict[int, tuple[str, int]] = {}
    blocks: dict[str, dict[tuple, list[int]]] = defaultdict(lambda: defaultdict(list))  # kind -> key -> rows
    same: dict[tuple, list[int]] = defaultdict(list)  # (kind, words) -> rows
    for i, (name, kind) in enumerate(zip(names, kinds)):
        folded = fold(name or "")
        if len(folded) < MIN_NAME:
            continue
        words[i], order[i] = _words(folded), (folded, i)
        same[(kind, words[i])].append(i)
        of_kind = blocks[kind]
        for key in _keys(words[i]):
            of_kind[key].append(i)
    compared: set[int] = set()
    pairs: set[tuple[int, int]] = set()
    for members in (m for of_kind in blocks.values() for m in of_kind.values() if len(m) <= block_max):
        if len(members) == 1:
            compared.add(members[0])
        else:
            compared.update(members)
            pairs.update(combinations(sorted(members, key=order.__getitem__), 2))
    for members in (m for m in same.values() if len(m) > block_max):
        first, *others = sorted(members, key=order.__getitem__)
        compared.update(members)
        pairs.update((first, other) for other in others)
    found = []
    for i, j in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]])):
        similarity = _similarity(words[i], words[j])
        if similarity >= NAME_SIMILARITY:
            found.append((i, j, similarity))
    return found, len(words) - len(compared)


@dataclass
class _Ends:
    """What the ranking needs of the actors of the close pairs: their neighbours and where their links come from."""

    around: dict[int, set[str]]
    origins: dict[int, set[str]]


def _ends(folded: FoldedGraph, rows: set[int]) -> _Ends:
    """The neighbours (actors and places, either direction) and the origins (``document`` for extracted
    evidence, ``import``) of the links of the actors at ``rows``, read on the columns for these rows only."""
    ends = folded.link_ends()
    source, target = ends.column("source").to_numpy(), ends.column("target").to_numpy()
    wanted = np.zeros(folded.actors.num_rows + 1, bool)
    wanted[list(rows)] = True
    mine = np.flatnonzero(wanted[source] | wanted[target])  # -1 (not an actor) reads the last, unwanted, cell
    links = folded.links.take(pa.array(mine, pa.int64()))
    evidence = folded.evidence.filter(pc.is_in(folded.evidence.column("link"), pa.array(mine, pa.int64())))
    methods: dict[int, set[str]] = defaultdict(set)
    for link, method in zip(evidence.column("link").to_pylist(), evidence.column("method").to_pylist()):
        if method != "curation":
            methods[link].add("import" if method == "import" else "document")
    found = _Ends(defaultdict(set), defaultdict(set))
    for link, s_row, t_row, s_id, t_id in zip(mine.tolist(), source[mine].tolist(), target[mine].tolist(),
                                              links.column("source").to_pylist(), links.column("target").to_pylist()):
        for row, other in ((s_row, t_id), (t_row, s_id)):
            if row in rows:
                found.around[row].add(other)
                found.origins[row] |= methods[link]
    return found


def _candidate(ids: Sequence[str], i: int, j: int, similarity: float, ends: _Ends) -> MergeCandidate:
    """The pair ``(i, j)`` scored and explained (module docstring); the actor with more neighbours is kept."""
    a, b = ids[i], ids[j]
    shared = (ends.around[i] & ends.around[j]) - {a, b}
    reasons = ["l'un des noms contient l'autre" if similarity == 100 else f"noms proches ({round(similarity)} %)",
               "même type"]
    score = similarity + NEIGHBOUR_POINTS * len(shared)
    if shared:
        reasons.append(f"{len(shared)} voisin(s) en commun")
    if {frozenset(ends.origins[i]), frozenset(ends.origins[j])} == {frozenset({"document"}), frozenset({"import"})}:
        score += ORIGIN_POINTS
        reasons.append("l'un vient des documents, l'autre d'un import")
    keep, drop = (a, b) if len(ends.around[i]) >= len(ends.around[j]) else (b, a)
    return MergeCandidate(drop, keep, score, reasons)


def search(folded: FoldedGraph, limit: int = MAX_CANDIDATES, block_max: int = BLOCK_MAX) -> DuplicateSearch:
    """The likeliest duplicate pairs of a folded graph (module docstring), best first, at most ``limit``."""
    actors = folded.actors
    kinds = pc.list_element(pc.fill_null(actors.column("kinds"), pa.scalar([""], pa.list_(pa.string()))), 0)
    pairs, uncompared = close_pairs(actors.column("name").to_pylist(), kinds.to_pylist(), block_max)
    ends = _ends(folded, {r for i, j, _ in pairs for r in (i, j)})
    ids = actors.column("id").to_pylist()
    found = sorted((_candidate(ids, i, j, similarity, ends) for i, j, similarity in pairs),
                   key=lambda c: (-c.score, c.target, c.source))
    return DuplicateSearch(found[:limit], len(found), uncompared)


def merge_candidates(graph: Graph, limit: int = MAX_CANDIDATES) -> list[MergeCandidate]:
    """The likeliest duplicate pairs of a graph (module docstring), best first; the actor with more links is kept."""
    return search(FoldedGraph.from_graph(graph), limit).candidates


def suggested_links(graph: Graph) -> list[Link]:
    """The links proposed by suggestion only (module docstring), most confident first."""
    return sorted((l for l in graph.links.values() if l.evidence and all(e.method == SUGGESTION for e in l.evidence)),
                  key=lambda l: (-l.confidence, l.key))
