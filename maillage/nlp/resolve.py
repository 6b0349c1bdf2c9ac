"""Resolution of every spelling of one actor to one node, within a document and against the base.

Two actors are the same when (rules applied in order, a person and an organisation never merge):
1. one of their names folds (case, accents, punctuation, leading article) to the same key;
2. an acronym of one is a name of the other ("ANPP" and "Association Nationale des Pôles
   territoriaux et des Pays (ANPP)" once the definition gave the acronym as an alias);
3. their names are close (rapidfuzz ratio or token-sort ratio >= :data:`FUZZY_THRESHOLD` on the
   keys without connectors) and their primary kinds agree (fuzzy matching is blocked by kind);
4. both are local authorities designated by the same type ("Métropole de Lille", "Lille
   Métropole", "Métropole européenne de Lille") and the place words of one are among those of
   the other, a place word matching a close one (ratio >= :data:`PLACE_WORD_THRESHOLD`, OCR
   damage: "Bresles" and "Bresle"), qualifiers of the type ("interrégional") left aside and
   regions' acronyms spelled out ("Région PACA");
5. within one document only: the name of one, followed by a complement ("de ...", "du ..."), is
   the name of exactly one other actor of the same primary kind ("Maison des Entreprises" and
   "Maison des Entreprises de Thiérache et de la Serre"; not "CEC" and "CEC Ouest");
6. within one document only: the words of one name (two at least, connectors aside) are, in
   order and with the same first and last words, among those of exactly one other actor of the
   same primary kind: words inserted, not a place added ("Association des Pays" and
   "Association Nationale des Pôles territoriaux et des Pays"; not "CEC" and "CEC Ouest");
7. within one document only: an organisation's name (two words at least) is, word for word up to
   OCR damage, the place part of exactly one local authority ("Centre OQuest Bretagne" used as
   the name of "Pays du Centre Ouest Bretagne"), whatever kind its own head word guessed;
8. within one document only: a person named by a surname alone ("M. Le Gall") is the one person
   whose full name ends with it ("Yannick Le Gall").

The merged actor's primary kind is the one most of its mentions give (a guessed default kind
counts half).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from rapidfuzz import fuzz, process

from maillage.graph.model import Actor, Batch, Graph, Link, actor_id
from maillage.nlp.kinds import DEFAULT_KIND, strip_article
from maillage.nlp.lexicon import REGION_ACRONYMS, fold

FUZZY_THRESHOLD = 92
PLACE_WORD_THRESHOLD = 80
PERSON = "personne"
_CONNECTORS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et"})
#: Types of local authority (folded words) and the words that name each type.
_AUTHORITY_TYPES: dict[str, str] = {
    "metropole": "metropole", "eurometropole": "metropole", "agglomeration": "agglomeration",
    "agglo": "agglomeration", "communaute": "communaute", "communes": "communaute", "petr": "pays",
    "pays": "pays", "region": "region", "departement": "departement", "ville": "commune", "commune": "commune",
    "mairie": "commune", "urbaine": "communaute", "europeenne": "", "grand": "metropole",
    # Qualifiers of a type, not place words.
    "interregional": "", "interdepartemental": "", "intercommunal": "", "intercommunale": "",
}


def name_key(name: str) -> str:
    """The folded form under which two spellings of one name are equal."""
    return strip_article(fold(name))


def similarity(a: str, b: str, **_: object) -> float:
    """The closeness of two keys: the best of the plain ratio (OCR damage keeps the word order)
    and the token-sort ratio (word order changed)."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def fuzzy_key(name: str) -> str:
    """The key without its connectors ("petr de figeac" -> "petr figeac")."""
    return " ".join(w for w in name_key(name).split() if w not in _CONNECTORS)


def place_words(actor: Actor) -> list[str]:
    """The words of an actor's name that are neither connectors nor authority types or qualifiers,
    a region's acronym spelled out ("Région PACA": provence, alpes, cote, azur)."""
    words = " ".join(REGION_ACRONYMS.get(w, w) for w in fuzzy_key(actor.name).split()).split()
    return [w for w in words if w not in _AUTHORITY_TYPES and w not in _CONNECTORS]


def authority_signature(actor: Actor) -> tuple[str, frozenset[str]] | None:
    """(type of authority, place words) of a local authority's name, or None."""
    if actor.kinds[:1] != ["collectivite"]:
        return None
    types = {_AUTHORITY_TYPES[w] for w in fuzzy_key(actor.name).split() if _AUTHORITY_TYPES.get(w)}
    places = frozenset(place_words(actor))
    if len(types) != 1 or not places:
        return None
    return types.pop(), places


def _close_word(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``words`` or, four letters or more, close to one (OCR damage)."""
    return word in words or (len(word) >= 4 and any(fuzz.ratio(word, w) >= PLACE_WORD_THRESHOLD for w in words))


def _same_authority(a: tuple[str, frozenset[str]] | None, b: tuple[str, frozenset[str]] | None) -> bool:
    if a is None or b is None or a[0] != b[0]:
        return False
    small, large = sorted((a[1], b[1]), key=len)
    return all(_close_word(w, large) for w in small)


def names_of(actor: Actor) -> list[str]:
    """The keys of an actor's name and aliases."""
    keys = [name_key(actor.name)] + [name_key(a) for a in actor.aliases]
    return [k for k in dict.fromkeys(keys) if k]


def _is_person(actor: Actor) -> bool:
    return actor.kinds[:1] == [PERSON]


def _block(actor: Actor) -> str:
    """Fuzzy matching only compares actors of the same block: people apart, organisations by primary kind."""
    return PERSON if _is_person(actor) else actor.kinds[0]


def _canonical(names: Iterable[str]) -> str:
    """The fullest form among the names (not the aliases): the longest that is not an acronym."""
    names = [n for n in names if n]
    spelled = [n for n in names if not n.isupper()] or names
    return max(spelled, key=lambda n: (len(n.split()), len(n)))


def merge(group: list[Actor]) -> Actor:
    """One actor from several that are the same: fullest name, union of the rest, first kinds first."""
    surfaces = list(dict.fromkeys(n for a in group for n in [a.name, *a.aliases]))
    name = _canonical([a.name for a in group])
    votes: dict[str, float] = {}
    for actor in group:
        votes[actor.kinds[0]] = votes.get(actor.kinds[0], 0.0) + (0.5 if actor.kinds[0] == DEFAULT_KIND else 1.0)
    kinds: list[str] = []
    roles: list[str] = []
    territories: list[str] = []
    attributes: dict[str, str] = {}
    for actor in group:
        kinds += [k for k in actor.kinds if k not in kinds]
        roles += [r for r in actor.roles if r not in roles]
        territories += [t for t in actor.territories if t not in territories]
        for key, value in actor.attributes.items():
            attributes.setdefault(key, value)
    order = {k: i for i, k in enumerate(kinds)}
    kinds.sort(key=lambda k: (-votes.get(k, 0.0), order[k]))
    return Actor(id=actor_id(name), name=name, kinds=kinds, aliases=[s for s in surfaces if s != name],
                 roles=roles, territories=territories, attributes=attributes)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def union_if_one(self, i: int, candidates: Iterable[int]) -> None:
        """Join ``i`` to the candidates when they all belong to one group other than its own
        (an ambiguous short form, matching two actors, joins neither)."""
        groups = {self.find(j) for j in candidates} - {self.find(i)}
        if len(groups) == 1:
            self.union(i, groups.pop())


def _merge_short_forms(keys: dict[int, str], uf: _UnionFind) -> None:
    """Rule 5: a name that begins exactly one longer name, the rest being a complement, is the same actor."""
    for i, key in keys.items():
        if not key:
            continue
        uf.union_if_one(i, (j for j, other in keys.items()
                            if any(other.startswith(f"{key} {c} ") for c in ("de", "du", "des", "d"))))


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    """Whether the words of ``short`` appear in ``long`` in the same order."""
    rest = iter(long)
    return all(word in rest for word in short)


def _merge_word_subsequences(keys: dict[int, list[str]], uf: _UnionFind) -> None:
    """Rule 6: a name whose words (two at least) are, in order and with the same first and last words,
    among those of exactly one longer name is the same actor."""
    for i, words in keys.items():
        if len(words) < 2:
            continue
        uf.union_if_one(i, (j for j, other in keys.items()
                            if len(other) > len(words) and (other[0], other[-1]) == (words[0], words[-1])
                            and _is_subsequence(words, other)))


def _same_place_words(words: list[str], place: list[str]) -> bool:
    """Whether two lists of words are the same place, word for word up to OCR damage."""
    return len(words) == len(place) and all(_close_word(w, frozenset((p,))) for w, p in zip(words, place))


def _merge_place_names(actors: list[Actor], uf: _UnionFind) -> None:
    """Rule 7: an organisation named (two words at least) like the place part of exactly one local
    authority (word for word, up to OCR damage) is that authority."""
    places = {i: place_words(a) for i, a in enumerate(actors) if authority_signature(a) is not None}
    if not places:
        return
    for i, actor in enumerate(actors):
        words = fuzzy_key(actor.name).split()
        if _is_person(actor) or i in places or len(words) < 2:
            continue
        uf.union_if_one(i, (j for j, place in places.items() if _same_place_words(words, place)))


def _merge_surnames(keys: dict[int, str], uf: _UnionFind) -> None:
    """Rule 8: a person's name that ends exactly one longer person's name is that person."""
    for i, key in keys.items():
        uf.union_if_one(i, (j for j, other in keys.items() if other.endswith(" " + key)))


def _free_id(actor: Actor, taken: set[str]) -> str:
    """The actor's id, or, when two different actors share a name, the id qualified by the primary kind."""
    candidate = actor.id
    if candidate in taken:
        candidate = f"{actor.id}-{actor.kinds[0]}"
    number = 2
    while candidate in taken:
        candidate, number = f"{actor.id}-{actor.kinds[0]}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _people_named_as_firms(actors: list[Actor]) -> list[Actor]:
    """An organisation of the default kind only, named exactly like a person of the same list, is
    that person (the statistical model tagged one mention of a name as an organisation)."""
    people = {name_key(a.name) for a in actors if _is_person(a)}
    return [replace(a, kinds=[PERSON]) if a.kinds == [DEFAULT_KIND] and name_key(a.name) in people else a
            for a in actors]


def cluster(actors: list[Actor]) -> tuple[list[Actor], dict[str, str]]:
    """Merge the actors that are the same; return the merged actors and old id -> new id."""
    actors = _people_named_as_firms(actors)
    uf = _UnionFind(len(actors))
    seen: dict[tuple[bool, str], int] = {}
    for i, actor in enumerate(actors):
        for key in names_of(actor):
            slot = (_is_person(actor), key)
            if slot in seen:
                uf.union(seen[slot], i)
            else:
                seen[slot] = i
    blocks: dict[str, list[int]] = {}
    for i, actor in enumerate(actors):
        blocks.setdefault(_block(actor), []).append(i)
    for members in blocks.values():
        choices = {i: fuzzy_key(actors[i].name) for i in members}
        full_keys = {i: name_key(actors[i].name) for i in members}
        signatures = {i: authority_signature(actors[i]) for i in members}
        for i in members:
            for _, score, j in process.extract(choices[i], choices, scorer=similarity,
                                               score_cutoff=FUZZY_THRESHOLD, limit=None):
                if j != i:
                    uf.union(i, j)
            for j in members:
                if j > i and _same_authority(signatures[i], signatures[j]):
                    uf.union(i, j)
        if actors[members[0]].kinds[0] == PERSON:
            _merge_surnames(full_keys, uf)
            continue
        _merge_short_forms(full_keys, uf)
        _merge_word_subsequences({i: choices[i].split() for i in members}, uf)
    _merge_place_names(actors, uf)
    groups: dict[int, list[Actor]] = {}
    for i, actor in enumerate(actors):
        groups.setdefault(uf.find(i), []).append(actor)
    merged: list[Actor] = []
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for group in groups.values():
        actor = merge(group)
        actor.id = _free_id(actor, taken)
        merged.append(actor)
        for old in group:
            mapping[old.id] = actor.id
    return merged, mapping


def _match_in(actor: Actor, graph: Graph, index: dict[tuple[bool, str], str],
              blocks: dict[str, dict[str, str]]) -> str | None:
    """The id of the graph actor that ``actor`` is, or None."""
    for key in names_of(actor):
        hit = index.get((_is_person(actor), key))
        if hit:
            return hit
    block = blocks.get(_block(actor), {})
    best = process.extractOne(fuzzy_key(actor.name), block, scorer=similarity,
                              score_cutoff=FUZZY_THRESHOLD) if block else None
    if best:
        return best[2]
    signature = authority_signature(actor)
    if signature is not None:
        for other_id in block:
            if _same_authority(signature, authority_signature(graph.actors[other_id])):
                return other_id
    return None


def resolve_against(batch: Batch, graph: Graph) -> Batch:
    """Map the actors of a new document onto the actors already in the knowledge base (same rules).

    A matched actor takes the existing id (its name and kinds stay those the document
    states: the store folds facts per document); links are rewritten to the new ids.
    """
    index: dict[tuple[bool, str], str] = {}
    blocks: dict[str, dict[str, str]] = {}
    for existing in graph.actors.values():
        if not existing.kinds:
            continue
        for key in names_of(existing):
            index.setdefault((_is_person(existing), key), existing.id)
        blocks.setdefault(_block(existing), {})[existing.id] = fuzzy_key(existing.name)
    mapping: dict[str, str] = {}
    actors: dict[str, Actor] = {}
    for actor in batch.actors:
        target = _match_in(actor, graph, index, blocks) or actor.id
        mapping[actor.id] = target
        if target in actors:
            actors[target] = merge([actors[target], actor])
            actors[target].id = target
        else:
            actors[target] = replace(actor, id=target)
    links: dict[tuple[str, str, str], Link] = {}
    for link in batch.links:
        source = mapping.get(link.source, link.source)
        target = mapping.get(link.target, link.target) if link.target_type == "actor" else link.target
        key = (source, link.kind, target)
        if key in links:
            links[key].evidence.extend(link.evidence)
        else:
            links[key] = replace(link, source=source, target=target, evidence=list(link.evidence))
    return replace(batch, actors=list(actors.values()), links=list(links.values()))
