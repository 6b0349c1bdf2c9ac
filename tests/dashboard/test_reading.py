"""The pure functions behind the dashboard's reading of the analyses: names, passeurs, messengers, reach,
duplicates, and the GEXF picture export."""
from __future__ import annotations

import networkx as nx
import pytest

from maillage.graph import taxonomy
from maillage.graph.analysis import duplicates, reading
from maillage.graph.analysis.coverage import coverage
from maillage.graph.analysis.messengers import plans
from maillage.graph.analysis.network import network
from maillage.graph.analysis.orientation import orientation_path
from maillage.graph.analysis.peers import peers
from maillage.graph.analysis.reach import reached_firms, unreached_firms
from maillage.graph.export import to_gexf
from maillage.graph.model import Actor, Evidence, Graph, Link
from maillage.graph.projection import to_networkx


def star_of_stars(arms: int = 14, leaves: int = 5) -> Graph:
    """Hubs each with its own leaves, all hubs tied to one centre: the centre and hubs bridge communities."""
    graph = Graph()
    graph.actors["centre"] = Actor("centre", "Agence centrale", ["agence"])
    for h in range(arms):
        hub = f"h{h:02d}"
        graph.actors[hub] = Actor(hub, f"Club {h:02d}", ["reseau_entreprises"])
        graph.links[(hub, "MEMBER_OF", "centre")] = Link(hub, "MEMBER_OF", "centre")
        for leaf in range(leaves):
            firm = f"{hub}-f{leaf}"
            graph.actors[firm] = Actor(firm, f"Entreprise {h:02d}-{leaf}", ["entreprise"])
            graph.links[(firm, "MEMBER_OF", hub)] = Link(firm, "MEMBER_OF", hub)
    return graph


def test_passeurs_are_few_central_and_bridging_with_a_reason():
    result = network(to_networkx(star_of_stars()))
    chosen = reading.passeurs(result)
    assert 1 <= len(chosen) <= reading.MAX_PASSEURS < len(result.brokers)
    assert chosen[0].id == "centre" and chosen[0].rank == 1
    assert all(p.bridged >= reading.PASSEUR_MIN_COMMUNITIES for p in chosen)
    assert "relie" in chosen[0].reason and "1er" in chosen[0].reason


def test_communities_are_named_after_their_most_connected_member():
    graph = star_of_stars(arms=4)
    result = network(to_networkx(graph))
    names = reading.community_names(result, {a.id: a.kinds for a in graph.actors.values()}, {})
    community_of = {a.id: a.community for a in result.actors}
    club = community_of["h01-f0"]
    assert names[club].startswith("« Club 01 »") and "entreprise" in names[club]


def plan_graph() -> Graph:
    graph = Graph()
    people = {"moi": ("Élue Départ", ""), "allie": ("Allié Sûr", "convaincu"), "pair": ("Pair Loin", "oppose"),
              "voisin": ("Pair Proche", "indecis")}
    for actor_id, (name, stance) in people.items():
        graph.actors[actor_id] = Actor(actor_id, name, ["personne"], roles=["elu"],
                                       attributes={"stance": stance} if stance else {})
    graph.actors["conseil"] = Actor("conseil", "Conseil Commun", ["instance"])
    graph.actors["club"] = Actor("club", "Club Lointain", ["reseau_entreprises"])
    for source, target in (("moi", "conseil"), ("voisin", "conseil"), ("allie", "conseil"), ("allie", "club"),
                           ("pair", "club")):
        graph.links[(source, "MEMBER_OF", target)] = Link(source, "MEMBER_OF", target)
    return graph


def test_each_reachable_peer_gets_the_messenger_closest_to_it_and_a_typed_path():
    G = to_networkx(plan_graph())
    found = plans(G, peers(G, "moi"))
    assert set(found) == {"pair", "voisin"}
    assert found["voisin"].messenger == "conseil" and found["voisin"].shared_bodies == ["conseil"]
    assert found["pair"].messenger == "club" and found["pair"].intermediaries == 3
    assert [(s.source, s.kind, s.target) for s in found["pair"].steps] == [
        ("moi", "MEMBER_OF", "conseil"), ("allie", "MEMBER_OF", "conseil"), ("allie", "MEMBER_OF", "club"),
        ("pair", "MEMBER_OF", "club")]


def test_reach_lists_firms_per_relay_and_those_nobody_reaches():
    graph = Graph()
    graph.actors["banque"] = Actor("banque", "Banque", ["relais"])
    for firm, size in (("f1", "TPE"), ("f2", "PME"), ("f3", "TPE"), ("f4", "ETI")):
        graph.actors[firm] = Actor(firm, f"Firme {firm}", ["entreprise"], attributes={"size": size})
    for firm in ("f1", "f2", "f4"):
        graph.links[("banque", "FUNDS", firm)] = Link("banque", "FUNDS", firm)
    G = to_networkx(graph)
    assert reached_firms(G, "TPE|PME", ["banque"]) == {"banque": ["f1", "f2"]}
    assert unreached_firms(G, "TPE|PME", ["banque"]) == ["f3"]


def test_orientation_path_goes_from_the_window_to_the_provider_coverage_reaches():
    graph = Graph()
    graph.actors["guichet"] = Actor("guichet", "Guichet", ["agence"], roles=["guichet_unique"])
    graph.actors["cci"] = Actor("cci", "CCI", ["reseau_entreprises"])
    graph.actors["expert"] = Actor("expert", "Expert", ["relais"])
    graph.links[("guichet", "REFERS_TO", "cci")] = Link("guichet", "REFERS_TO", "cci")
    graph.links[("expert", "PARTNER_OF", "cci")] = Link("expert", "PARTNER_OF", "cci")
    G = to_networkx(graph)
    assert orientation_path(G, "guichet", "expert") == ["guichet", "cci", "expert"]
    assert orientation_path(G, "expert", "guichet") == []
    reached = {p.id: p.windows for need in coverage(G).needs for p in need.providers if p.reached}
    assert reached["expert"] == ["guichet"]  # the same rule as the analysis


def test_merge_candidates_need_the_same_kind_and_close_names_not_just_a_common_part():
    graph = Graph()
    graph.actors["a"] = Actor("a", "Scierie du Plateau", ["entreprise"])
    graph.actors["b"] = Actor("b", "Scierie du Plateau SARL", ["entreprise"])
    graph.actors["c"] = Actor("c", "Scierie du Plateau", ["association"])
    graph.actors["d"] = Actor("d", "Menuiserie Rive", ["entreprise"])
    graph.actors["e"] = Actor("e", "Bureau de la CMA du Plateau", ["instance"])  # one word apart: two bodies
    graph.actors["f"] = Actor("f", "Bureau de la CCI du Plateau", ["instance"])
    graph.actors["x"] = Actor("x", "Banque Locale", ["relais"])
    graph.links[("x", "FUNDS", "a")] = Link("x", "FUNDS", "a", [Evidence("doc", "phrase", method="pattern")])
    graph.links[("x", "FUNDS", "b")] = Link("x", "FUNDS", "b", [Evidence("import", method="import")])
    [candidate] = duplicates.merge_candidates(graph)
    assert {candidate.source, candidate.target} == {"a", "b"}
    assert "1 voisin(s) en commun" in candidate.reasons and "l'un des noms contient l'autre" in candidate.reasons
    assert "l'un vient des documents, l'autre d'un import" in candidate.reasons


@pytest.mark.skipif(duplicates.SUGGESTION not in taxonomy.METHODS,
                    reason="la méthode « suggestion » arrive avec les suggestions de liens")
def test_suggested_links_are_those_proved_by_suggestion_only():
    graph = Graph()
    for actor_id in ("a", "b", "c"):
        graph.actors[actor_id] = Actor(actor_id, actor_id, ["association"])
    graph.links[("a", "PARTNER_OF", "b")] = Link("a", "PARTNER_OF", "b", [
        Evidence("doc", "phrase", method=duplicates.SUGGESTION, confidence=0.3)])
    graph.links[("a", "PARTNER_OF", "c")] = Link("a", "PARTNER_OF", "c", [
        Evidence("doc", "phrase", method=duplicates.SUGGESTION, confidence=0.3), Evidence("doc", "autre")])
    assert [l.key for l in duplicates.suggested_links(graph)] == [("a", "PARTNER_OF", "b")]


def test_gexf_carries_positions_colours_and_french_labels(tmp_path):
    graph = plan_graph()
    path = to_gexf(graph, tmp_path / "g.gexf", {"moi": (10.0, 20.0)}, {"moi": "#ff8000"})
    loaded = nx.read_gexf(path)
    assert loaded.nodes["moi"]["viz"]["position"]["x"] == 10.0
    assert loaded.nodes["moi"]["viz"]["color"]["r"] == 255
    assert loaded.nodes["conseil"]["type"] == taxonomy.ACTOR_KINDS["instance"]
    assert {d["label"] for _, _, d in loaded.edges(data=True)} == {"membre de"}
