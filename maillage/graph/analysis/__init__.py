"""The analyses: pure functions over a scoped projection, returning plain dataclasses.

Usage (the CLI does exactly this)::

    from maillage.graph.scope import Scope
    from maillage.graph import analysis

    G = kb.projection(Scope(territoire="Grand Vallon", exclude_methods=("cooccurrence",)))
    result = analysis.coverage(G)          # CoverageResult

``kb.projection`` reads the folded snapshot of the base: a networkx ``MultiDiGraph`` for a small scope,
an :class:`~maillage.graph.array_projection.ArrayProjection` (the same API subset, same answers) for a
big one. ``scoped_projection(graph, scope)`` still projects an in-memory :class:`Graph` (tests, the
dashboard).
    result.to_json()                       # the JSON contract of `maillage coverage --format json`

Signatures:

- ``coverage(G) -> CoverageResult``
- ``shadow_cci(G, size=12) -> ShadowResult``
- ``relays(G, segment="TPE|PME", depuis="", k=5) -> RelaysResult``
- ``peers(G, elu) -> PeersResult``
- ``network(G) -> NetworkResult``
- ``compare([G1, G2, ...]) -> CompareResult`` (one scoped projection per territory)

Bad input (unknown person, segment...) raises :class:`maillage.errors.InputError` (one French line);
an empty result carries ``message``, saying why, and approximations are stated in ``notes``.
"""
from maillage.graph.analysis.common import ActorRef, Result
from maillage.graph.analysis.compare import CompareResult, CompareRow, compare
from maillage.graph.analysis.coverage import CoverageResult, NeedCoverage, Provider, coverage
from maillage.graph.analysis.network import ActorCentrality, Broker, Community, NetworkResult, network
from maillage.graph.analysis.peers import Peer, PeersResult, Unreachable, peers
from maillage.graph.analysis.relays import RelayPick, RelayRank, RelaysResult, relays
from maillage.graph.analysis.shadow_cci import Absent, RosterMember, ShadowResult, shadow_cci

__all__ = [
    "ActorRef", "Result",
    "coverage", "CoverageResult", "NeedCoverage", "Provider",
    "shadow_cci", "ShadowResult", "Absent", "RosterMember",
    "relays", "RelaysResult", "RelayRank", "RelayPick",
    "peers", "PeersResult", "Peer", "Unreachable",
    "network", "NetworkResult", "ActorCentrality", "Community", "Broker",
    "compare", "CompareResult", "CompareRow",
]
