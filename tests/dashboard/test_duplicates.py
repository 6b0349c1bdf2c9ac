"""The search of likely duplicates: the blocked search finds the same pairs as comparing every pair of names on
small graphs, and a word borne by too many names does not make their pairs compared."""
from __future__ import annotations

import random
from itertools import combinations, product

import pytest

from maillage.graph.analysis import duplicates
from maillage.graph.analysis.duplicates import NAME_SIMILARITY, _similarity, _words
from maillage.graph.folded import FoldedGraph
from maillage.graph.kb import open_kb
from maillage.graph.model import Actor, Evidence, Graph, Link
from maillage.graph.scope import fold


def every_pair(graph: Graph) -> list[tuple]:
    """The merge candidates by the definition, comparing every pair of names of the same kind (what the search
    did before it was blocked): ``(source, target, score, reasons)``, best first."""
    folded = FoldedGraph.from_graph(graph)
    actors = sorted(((fold(a.name), i, a) for i, a in enumerate(graph.actors.values()) if len(fold(a.name)) >= 5),
                    key=lambda m: m[:2])
    found = []
    for (name_a, i, a), (name_b, j, b) in combinations(actors, 2):
        if a.kind == b.kind and _similarity(_words(name_a), _words(name_b)) >= NAME_SIMILARITY:
            ends = duplicates._ends(folded, {i, j})
            found.append(duplicates._candidate(list(graph.actors), i, j, _similarity(_words(name_a), _words(name_b)),
                                               ends))
    found.sort(key=lambda c: (-c.score, c.target, c.source))
    return [(c.source, c.target, c.score, c.reasons) for c in found]


def blocked(graph: Graph, block_max: int = duplicates.BLOCK_MAX) -> list[tuple]:
    found = duplicates.search(FoldedGraph.from_graph(graph), limit=10**6, block_max=block_max)
    return [(c.source, c.target, c.score, c.reasons) for c in found.candidates]


def sawmill_graph() -> Graph:
    """The case of ``test_reading``: one true pair, a namesake of another kind, two bodies one word apart."""
    graph = Graph()
    for actor_id, name, kind in (("a", "Scierie du Plateau", "entreprise"), ("b", "Scierie du Plateau SARL", "entreprise"),
                                 ("c", "Scierie du Plateau", "association"), ("d", "Menuiserie Rive", "entreprise"),
                                 ("e", "Bureau de la CMA du Plateau", "instance"),
                                 ("f", "Bureau de la CCI du Plateau", "instance"), ("x", "Banque Locale", "relais")):
        graph.actors[actor_id] = Actor(actor_id, name, [kind])
    graph.links[("x", "FUNDS", "a")] = Link("x", "FUNDS", "a", [Evidence("doc", "phrase", method="pattern")])
    graph.links[("x", "FUNDS", "b")] = Link("x", "FUNDS", "b", [Evidence("import", method="import")])
    return graph


def variant(name: str, form: int, rng: random.Random) -> str:
    """A usual variant of a name: a legal form added, a letter left out, capitals, accents dropped, small words
    changed, or the first and last words swapped."""
    if form == 0:
        return name + " SARL"
    if form == 1:
        word = rng.choice(name.split())
        cut = rng.randrange(len(word))
        return name.replace(word, word[:cut] + word[cut + 1:], 1)
    if form == 2:
        return name.upper()
    if form == 3:
        return name.replace("é", "e").replace("É", "E").replace("è", "e")
    if form == 4:
        return name.replace(" du ", " de le ").replace(" des ", " les ")
    words = name.split()
    return " ".join([words[-1], *words[1:-1], words[0]])


def variants_graph(seed: int = 3) -> Graph:
    """Two hundred invented names (trade, family, place), in a few kinds, and a variant (:func:`variant`) of
    every other one, with links between some (from an import or from documents)."""
    rng = random.Random(seed)
    trades = ["Boulangerie", "Menuiserie", "Garage", "Imprimerie", "Fromagerie", "Charpente", "Plomberie", "Librairie",
              "Pâtisserie", "Serrurerie", "Tonnellerie", "Vannerie", "Poterie", "Ébénisterie", "Couverture", "Maçonnerie"]
    families = ["Arnaud", "Besson", "Carré", "Delorme", "Étienne", "Fabre", "Giraud", "Hérault", "Joly", "Lemaire",
                "Marchand", "Noël", "Olivier", "Perrin", "Quentin", "Rivière", "Sauvage", "Tessier", "Usson", "Vidal"]
    places = ["du Val", "des Coteaux", "de la Plaine", "", "", "du Bourg"]
    graph = Graph()
    for i, (trade, family, place) in enumerate(rng.sample(list(product(trades, families, places)), 200)):
        kind = rng.choice(["entreprise", "entreprise", "association", "relais"])
        name = f"{trade} {family} {place}".strip()
        graph.actors[f"n{i:03d}"] = Actor(f"n{i:03d}", name, [kind])
        if i % 2:
            graph.actors[f"v{i:03d}"] = Actor(f"v{i:03d}", variant(name, rng.randrange(6), rng), [kind])
    ids = list(graph.actors)
    for _ in range(200):
        source, target = rng.sample(ids, 2)
        method = rng.choice(["import", "pattern"])
        graph.links[(source, "PARTNER_OF", target)] = Link(source, "PARTNER_OF", target, [
            Evidence(method, method=method)])
    return graph


@pytest.mark.parametrize("make", [sawmill_graph, variants_graph])
def test_the_blocked_search_finds_the_pairs_of_every_pair_compared(make):
    graph = make()
    expected = every_pair(graph)
    assert expected  # the case has pairs to find
    assert blocked(graph) == expected
    assert duplicates.merge_candidates(graph)[0].source == expected[0][0]


def test_with_small_blocks_typos_are_still_found_through_beginnings_and_ends():
    graph = variants_graph()
    expected = every_pair(graph)
    assert sum(reasons[0].startswith("noms proches") for *_, reasons in expected) >= 10  # typos among them
    # at most 4 names per key: every trade and most families are borne by more names of a kind
    assert blocked(graph, block_max=4) == expected


def test_the_blocked_search_finds_the_pairs_of_the_test_base(small_db):
    with open_kb(str(small_db), read_only=True) as kb:
        graph = kb.graph()
        found = duplicates.search(kb.folded(), limit=10**6)
    assert [(c.source, c.target, c.score, c.reasons) for c in found.candidates] == every_pair(graph)


def test_a_word_borne_by_too_many_names_makes_no_pair():
    graph = Graph()
    for i, name in enumerate(["Scierie Alpha", "Scierie Alpha SARL", "Scierie Bêta", "Scierie Gamma", "Scierie"]):
        graph.actors[f"s{i}"] = Actor(f"s{i}", name, ["entreprise"])
    folded = FoldedGraph.from_graph(graph)
    # « alpha » is distinctive (2 names), « scierie » is not when at most 4 names may share a key
    found = duplicates.search(folded, block_max=4)
    assert [(c.source, c.target) for c in found.candidates] == [("s1", "s0")]
    assert found.uncompared == 1  # « Scierie » alone: its only word is borne by 5 names
    assert {(c.source, c.target) for c in duplicates.search(folded).candidates} >= {("s1", "s0"), ("s0", "s4")}


def test_the_count_of_pairs_goes_beyond_the_listed_ones():
    graph = Graph()
    for i in range(20):
        graph.actors[f"a{i}"] = Actor(f"a{i}", f"Atelier numéro {i:02d}", ["entreprise"])
        graph.actors[f"b{i}"] = Actor(f"b{i}", f"Atelier numéro {i:02d} SARL", ["entreprise"])
    found = duplicates.search(FoldedGraph.from_graph(graph), limit=12)
    assert len(found.candidates) == 12 and found.found == 20


def test_names_too_many_to_be_compared_by_key_are_paired_when_they_bear_the_same_words():
    graph = Graph()
    for i in range(6):
        graph.actors[f"s{i}"] = Actor(f"s{i}", "Scierie Alpha" if i % 2 else "SCIERIE ALPHA", ["entreprise"])
    graph.actors["t"] = Actor("t", "Scierie Alpha Bêta", ["entreprise"])  # its key « beta » meets no other name
    found = duplicates.search(FoldedGraph.from_graph(graph), block_max=4)
    assert sorted((c.source, c.target) for c in found.candidates) == [(f"s{i}", "s0") for i in range(1, 6)]
    assert found.uncompared == 0
