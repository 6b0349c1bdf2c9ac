"""Peers to convince: elected people ranked by influence times reachability, with paths and channels."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import networkx as nx

from maillage.graph.analysis.common import (ActorRef, Result, actor_graph, actors, degree_centrality, find_actor,
                                            has_kind, ref, sort_key, with_kind, with_role)

#: Links a message travels along: shared bodies (seats), partnerships, parts of a body.
CHANNEL_LINKS = frozenset({"MEMBER_OF", "GOVERNS", "PARTICIPATES_IN", "PARTNER_OF", "PART_OF"})
CONVINCED = "convaincu"
MAX_PATHS = 3


@dataclass
class Peer(ActorRef):
    """A peer: ``score`` = ``influence`` × ``reachability``; ``paths`` lists names from the elected person."""

    stance: str = "inconnu"
    score: float = 0.0
    influence: float = 0.0
    reachability: float = 0.0
    distance: int = 0
    paths: list[list[str]] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)


@dataclass
class Unreachable(ActorRef):
    stance: str = "inconnu"
    influence: float = 0.0


@dataclass
class PeersResult(Result):
    territoire: str = ""
    elu: ActorRef | None = None
    peers: list[Peer] = field(default_factory=list)
    unreachable: list[Unreachable] = field(default_factory=list)
    message: str = ""


def stance(G: nx.MultiDiGraph, node: str) -> str:
    """A person's stance (``inconnu`` when not stated)."""
    return G.nodes[node].get("attributes", {}).get("stance") or "inconnu"


def _paths_to(preds: dict[str, list[str]], node: str):
    """Every shortest path from the BFS source to ``node``, given the BFS predecessor lists."""
    if not preds[node]:
        yield [node]
        return
    for pred in preds[node]:
        for path in _paths_to(preds, pred):
            yield [*path, node]


def _relayed_bfs(H: nx.Graph, source: str, relay: set[str]) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Breadth-first search from ``source`` through ``relay`` nodes only: predecessor lists and distances."""
    preds: dict[str, list[str]] = {source: []}
    dist = {source: 0}
    frontier = [source]
    while frontier:
        following = []
        for node in frontier:
            for nxt in H.adj[node]:
                if nxt not in relay:
                    continue
                if nxt not in dist:
                    dist[nxt], preds[nxt] = dist[node] + 1, [node]
                    following.append(nxt)
                elif dist[nxt] == dist[node] + 1:
                    preds[nxt].append(node)
        frontier = following
    return preds, dist


def peers(G: nx.MultiDiGraph, elu: str) -> PeersResult:
    """Peers of elected person ``elu`` to convince.

    - peers: other persons with role ``elu`` whose stance is not ``convaincu`` (no stance = ``inconnu``);
    - influence: degree centrality of the peer in the people-and-bodies graph (the actor graph of the
      scope): distinct actors linked / (actors − 1);
    - reachability: 1 / d, d the length of the shortest path from ``elu`` to the peer along
      :data:`CHANNEL_LINKS` whose intermediate nodes are organisations or convinced persons
      (other unconvinced people do not pass messages on); unreachable peers are listed apart;
    - score = influence × reachability; ranked by score, then influence, then name;
    - paths: up to :data:`MAX_PATHS` shortest paths (first by name of the last hop) as lists of names;
      channels: the organisations on those paths (the shared bodies and partners that carry the
      message), in order of first appearance.
    """
    origin = find_actor(G, elu, kinds={"personne"}, what="élu")
    H = actor_graph(G)
    channel = actor_graph(G, CHANNEL_LINKS)
    influence = degree_centrality(H)
    elected, persons = with_role(G, {"elu"}), with_kind(G, {"personne"})
    targets = [n for n in actors(G) if n != origin and n in elected and stance(G, n) != CONVINCED]
    relay = {n for n in channel if n not in persons or stance(G, n) == CONVINCED} | {origin}
    preds, dist = _relayed_bfs(channel, origin, relay)
    result = PeersResult(territoire=G.graph.get("territoire", ""), elu=ActorRef(**ref(G, origin)))
    for peer in targets:
        entries = sorted((q for q in channel.adj[peer] if q in dist), key=lambda q: (dist[q], sort_key(G, q)))
        if not entries:
            result.unreachable.append(Unreachable(**ref(G, peer), stance=stance(G, peer), influence=influence[peer]))
            continue
        best = dist[entries[0]]
        found = (p + [peer] for q in entries if dist[q] == best for p in _paths_to(preds, q))
        paths = list(islice(found, MAX_PATHS))
        hops = [n for p in paths for n in p[1:-1] if not has_kind(G, n, {"personne"})]
        reach = 1.0 / (best + 1)
        result.peers.append(Peer(**ref(G, peer), stance=stance(G, peer), score=influence[peer] * reach,
                                 influence=influence[peer], reachability=reach, distance=best + 1,
                                 paths=[[G.nodes[n]["name"] for n in p] for p in paths],
                                 channels=[G.nodes[n]["name"] for n in dict.fromkeys(hops)]))
    result.peers.sort(key=lambda p: (-p.score, -p.influence, p.name.casefold(), p.id))
    result.unreachable.sort(key=lambda p: (-p.influence, p.name.casefold(), p.id))
    if not targets:
        result.message = "aucun autre élu non convaincu dans le périmètre"
    return result
