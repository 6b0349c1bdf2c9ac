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
   damage: "Vernays" and "Vernay"), qualifiers of the type ("interrégional") left aside and
   regions' acronyms spelled out ("Région PACA");
5. within one document only: the name of one, followed by a complement ("de ...", "du ..."), is
   the name of exactly one other actor of the same primary kind ("Maison des Entreprises" and
   "Maison des Entreprises du Val de Lorvan et de la Sorvane"; not "CEC" and "CEC Normandie");
6. within one document only: the words of one name (two at least, connectors aside) are, in
   order and with the same first and last words, among those of exactly one other actor of the
   same primary kind: words inserted, not a place added ("Association des Pays" and
   "Association Nationale des Pôles territoriaux et des Pays"; not "CEC" and "CEC Normandie");
7. within one document only: an organisation's name (two words at least) is, word for word up to
   OCR damage, the place part of exactly one local authority ("Haut Vemay" used as
   the name of "Pays du Haut Vernay"), whatever kind its own head word guessed;
8. within one document only: a person named by a surname alone ("M. Le Gall") is the one person
   whose full name ends with it ("Yannick Le Gall").

Keys spell concept acronyms the same way ("PTCE des Coteaux" and "pôle territorial de coopération
économique des Coteaux" share one key, :data:`~maillage.nlp.lexicon.SPELLED_ACRONYMS`). Rules 3 to 8
never join two names whose *series markers* differ (:func:`markers`: numbers, codes holding a
digit, dates, roman numerals): "SCIC Numéro 1" and "SCIC Numéro 11", "Lycée Jean-Moulin" and
"Lycée Jean-Moulin 2" stay apart.

The merged actor's primary kind is the one most of its mentions give (a guessed default kind,
of a name or of an acronym, counts half).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Mapping

from rapidfuzz import fuzz, process

from maillage.graph.model import Actor, Batch, Graph, Link, Territory, actor_id
from maillage.nlp.definitions import DEFINED
from maillage.nlp.kinds import ACRONYM_KIND, DEFAULT_KIND, strip_article
from maillage.nlp.lexicon import BUSINESS_WORDS, LEGAL_FORMS, REGION_ACRONYMS, SPELLED_ACRONYMS, fold

FUZZY_THRESHOLD = 92
#: Votes of a stated definition of a body's kind ("X est une association"): more than all its mentions.
DEFINITION_WEIGHT = 1000.0
PLACE_WORD_THRESHOLD = 80
PERSON = "personne"
_CONNECTORS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et"})
#: Types of local authority (folded words) and the words that name each type.
_AUTHORITY_TYPES: dict[str, str] = {
    "metropole": "metropole", "eurometropole": "metropole", "agglomeration": "agglomeration",
    "agglo": "agglomeration", "communaute": "communaute", "communes": "communaute", "cc": "communaute", "petr": "pays",
    "pays": "pays", "region": "region", "departement": "departement", "ville": "commune", "commune": "commune",
    "mairie": "commune", "urbaine": "communaute", "europeenne": "", "grand": "metropole",
    # Qualifiers of a type, not place words.
    "interregional": "", "interdepartemental": "", "intercommunal": "", "intercommunale": "",
}


_SPELLED = re.compile(r"\b(" + "|".join(sorted(map(re.escape, SPELLED_ACRONYMS), key=len, reverse=True)) + r")\b")
#: Roman numerals that number a body of a series ("Université Paris II"); "i", "v" and "x" are initials too.
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The folded form under which two spellings of one name are equal, concept acronyms spelled short."""
    return _SPELLED.sub(lambda m: SPELLED_ACRONYMS[m.group(1)], strip_article(fold(name)))


def markers(name: str) -> tuple[str, ...]:
    """The words of a name that tell one body of a series from another: numbers, codes holding a
    digit, dates and roman numerals, in order ("SCIC Numéro 11" -> ("11",))."""
    return tuple(w for w in name_key(name).split() if w in _ROMAN or any(c.isdigit() for c in w))


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
    """One actor from several that are the same: fullest name, union of the rest, first kinds first.

    The primary kind is voted: a kind the text states for the body (:mod:`maillage.nlp.definitions`)
    outweighs all the others (:data:`DEFINITION_WEIGHT`), a kind read from a name weighs 1, a guess
    (the default kind, the acronym kind of a name in capitals) 0.5."""
    surfaces = list(dict.fromkeys(n for a in group for n in [a.name, *a.aliases]))
    name = _canonical([a.name for a in group])
    votes: dict[str, float] = {}
    for actor in group:
        guessed = actor.kinds[0] == DEFAULT_KIND or (actor.kinds == [ACRONYM_KIND] and actor.name.isupper())
        weight = DEFINITION_WEIGHT if DEFINED in actor.attributes else 0.5 if guessed else 1.0
        votes[actor.kinds[0]] = votes.get(actor.kinds[0], 0.0) + weight
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
    """Groups of actors; :meth:`join` refuses two actors whose series markers differ."""

    def __init__(self, actors: list[Actor]) -> None:
        self.parent = list(range(len(actors)))
        self.markers = [markers(a.name) for a in actors]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def join(self, a: int, b: int) -> None:
        """Union by a similarity rule: only names of the same series markers."""
        if self.markers[a] == self.markers[b]:
            self.union(a, b)

    def union_if_one(self, i: int, candidates: Iterable[int]) -> None:
        """Join ``i`` to the candidates of its series markers when they all belong to one group other
        than its own (an ambiguous short form, matching two actors, joins neither)."""
        groups = {self.find(j) for j in candidates if self.markers[j] == self.markers[i]} - {self.find(i)}
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
    uf = _UnionFind(actors)
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
                    uf.join(i, j)
            for j in members:
                if j > i and _same_authority(signatures[i], signatures[j]):
                    uf.join(i, j)
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


def _fuzzy_hit(actor: Actor, block: dict[str, str]) -> str | None:
    """The id of the closest name of ``block`` (id -> fuzzy key) at :data:`FUZZY_THRESHOLD` or more,
    among those of the actor's series markers, or None."""
    if not block:
        return None
    own = markers(actor.name)
    for _, _, other in process.extract(fuzzy_key(actor.name), block, scorer=similarity,
                                       score_cutoff=FUZZY_THRESHOLD, limit=5):
        if markers(block[other]) == own:
            return other
    return None


def _match_in(actor: Actor, graph: Graph, index: dict[tuple[bool, str], str],
              blocks: dict[str, dict[str, str]]) -> str | None:
    """The id of the graph actor that ``actor`` is, or None."""
    for key in names_of(actor):
        hit = index.get((_is_person(actor), key))
        if hit:
            return hit
    block = blocks.get(_block(actor), {})
    best = _fuzzy_hit(actor, block)
    if best:
        return best
    signature = authority_signature(actor)
    if signature is not None:
        for other_id in block:
            if _same_authority(signature, authority_signature(graph.actors[other_id])) \
                    and markers(graph.actors[other_id].name) == markers(actor.name):
                return other_id
    return None


def core_key(name: str) -> str:
    """The fuzzy key without legal forms, firm and trade words ("Cabinet Moreau & Associés" -> "moreau",
    "Transports Ollivier" -> "ollivier")."""
    return " ".join(w for w in fuzzy_key(name).split() if w not in LEGAL_FORMS and w not in BUSINESS_WORDS)


class StatedActors:
    """The actors a user stated (imported rows, curation decisions), indexed for :meth:`match`."""

    def __init__(self, actors: Mapping[str, Actor]) -> None:
        self.actors = dict(actors)
        self.keys: dict[str, set[str]] = {}
        self.cores: dict[str, set[str]] = {}
        self.fuzzy: dict[bool, dict[str, str]] = {True: {}, False: {}}
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                self.keys.setdefault(name_key(name), set()).add(actor.id)
                if not _is_person(actor) and core_key(name):
                    self.cores.setdefault(core_key(name), set()).add(actor.id)
            self.fuzzy[_is_person(actor)][actor.id] = fuzzy_key(actor.name)
        #: The first two words of each organisation's folded names -> (folded name + " ", id).
        self.starts: dict[str, list[tuple[str, str]]] = {}
        for actor in self.actors.values():
            if _is_person(actor):
                continue
            for name in (actor.name, *actor.aliases):
                folded = strip_article(fold(name))
                self.starts.setdefault(" ".join(folded.split()[:2]), []).append((folded + " ", actor.id))

    def _started(self, actor: Actor) -> set[str]:
        """The stated organisations of the actor's primary kind whose name starts with its folded name
        (two words at least)."""
        folded = strip_article(fold(actor.name))
        if len(folded.split()) < 2:
            return set()
        return {i for key, i in self.starts.get(" ".join(folded.split()[:2]), ())
                if key.startswith(folded + " ") and self.actors[i].kinds[0] == actor.kinds[0]}

    def _allowed(self, actor: Actor, ids: Iterable[str]) -> set[str]:
        """The stated actors ``actor`` may be: of its own side (people, organisations), or an organisation
        the document took for a person; of its series markers."""
        own = markers(actor.name)
        return {i for i in ids if (not _is_person(self.actors[i]) or _is_person(actor))
                and markers(self.actors[i].name) == own}

    def match(self, actor: Actor) -> str | None:
        """The id of the stated actor that a document's ``actor`` is, or None: the same name or alias
        up to folding and concept acronyms, else up to OCR damage (fuzzy, same side), else, for an
        organisation, the start (two words at least) of the name of a stated one of the same primary
        kind ("la Chambre de métiers", "le bureau de la CCI" in a base that knows one of each), else
        the same name up to legal forms and firm words ("Moreau", "cabinet Moreau" for "Cabinet Moreau
        & Associés"); each only when it designates one stated actor."""
        for key in names_of(actor):
            hits = self._allowed(actor, self.keys.get(key, ()))
            if len(hits) == 1:
                return hits.pop()
        hit = _fuzzy_hit(actor, self.fuzzy[_is_person(actor)])
        if hit:
            return hit
        if _is_person(actor):
            return None
        hits = self._allowed(actor, self._started(actor))
        if len(hits) == 1:
            return hits.pop()
        for name in (actor.name, *actor.aliases):
            core = core_key(name)
            hits = self._allowed(actor, self.cores.get(core, ())) if len(core) >= 4 else set()
            if len(hits) == 1:
                return hits.pop()
        return None


def _stated(actor: Actor, stated: Actor) -> Actor:
    """A document's fact about a stated actor: the stated id, name and kinds; the document's spelling
    is an alias, its roles and attributes are kept."""
    aliases = [a for a in dict.fromkeys([actor.name, *actor.aliases, *stated.aliases]) if a != stated.name]
    return replace(actor, id=stated.id, name=stated.name, kinds=list(stated.kinds), aliases=aliases)


def _place_index(graph: Graph) -> dict[str, str]:
    """Folded name and code of every stored territory -> its id."""
    index: dict[str, str] = {}
    for territory in graph.territories.values():
        for key in (name_key(territory.name), territory.code):
            if key:
                index.setdefault(key, territory.id)
    return index


def _territories(batch: Batch, graph: Graph) -> tuple[list[Territory], dict[str, str]]:
    """The batch's places that are official: a stored territory (same id, folded name or code) takes
    the stored id; a place of an official level (region, département, country) is kept; any other
    ("rue des Tanneurs", a heading the model took for a place) is dropped. Returns the places and
    old id -> kept id."""
    index = _place_index(graph)
    kept: dict[str, Territory] = {}
    mapping: dict[str, str] = {}
    for territory in batch.territories:
        stored = territory.id if territory.id in graph.territories else index.get(name_key(territory.name))
        if stored:
            mapping[territory.id] = stored
            kept.setdefault(stored, graph.territories[stored])
        elif territory.level != "autre":
            mapping[territory.id] = territory.id
            kept.setdefault(territory.id, territory)
    return list(kept.values()), mapping


def resolve_against(batch: Batch, graph: Graph, stated: StatedActors | None = None) -> Batch:
    """Map the actors of a new document onto the actors already in the knowledge base (same rules).

    Precedence: an actor that is one of the ``stated`` actors (:meth:`StatedActors.match`) takes its
    id, name and kinds (:func:`_stated`): a document never adds a second actor for an imported or
    curated one, nor changes its kinds or name. Any other matched actor takes the existing id (its
    name and kinds stay those the document states: the store folds facts per document). Places
    follow :func:`_territories`. Links are rewritten to the new ids; those to a dropped place go.
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
        hit = stated.match(actor) if stated is not None else None
        if hit:
            actor = _stated(actor, stated.actors[hit])
        target = hit or _match_in(actor, graph, index, blocks) or actor.id
        mapping[actor.id] = target
        if target in actors:
            first = actors[target]
            actors[target] = merge([first, actor])
            actors[target].id = target
            if hit:
                actors[target] = _stated(actors[target], stated.actors[hit])
        else:
            actors[target] = replace(actor, id=target)
    territories, places = _territories(batch, graph)
    for actor in actors.values():
        actor.territories = [places[t] for t in actor.territories if t in places]
    links: dict[tuple[str, str, str], Link] = {}
    for link in batch.links:
        source = mapping.get(link.source, link.source)
        if link.target_type == "actor":
            target = mapping.get(link.target, link.target)
        elif link.target_type == "territory":
            target = places.get(link.target)
            if target is None:
                continue
        else:
            target = link.target
        if source == target:
            continue
        key = (source, link.kind, target)
        if key in links:
            links[key].evidence.extend(link.evidence)
        else:
            links[key] = replace(link, source=source, target=target, evidence=list(link.evidence))
    return replace(batch, actors=list(actors.values()), territories=territories, links=list(links.values()))
