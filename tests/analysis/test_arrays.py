"""Scoping and projecting from the folded columns gives the same answers as the networkx path: every
analysis, on the synthetic benchmark mix, for territory, filter, kind, link-kind and radius scopes,
and the counts of the folded graph equal those of the curated graph."""
import importlib
import json
from dataclasses import asdict

import pytest

from maillage.cli.analyses import json_text
from maillage.errors import InputError
from maillage.graph import analysis
from maillage.graph.array_projection import ArrayProjection, project
from maillage.graph.array_scope import scope_rows
from maillage.graph.folded import FoldedGraph
from maillage.graph.projection import actor_graph, scoped_projection
from maillage.graph.scope import Scope
from maillage.graph.stats import compute_stats

net = importlib.import_module("maillage.graph.analysis.network")


@pytest.fixture(scope="module")
def generated(synthetic):
    graph = synthetic.generate(actors=600, links=3000)
    return synthetic, graph, FoldedGraph.from_graph(graph)


def _results(G) -> dict:
    """Every analysis of a projection."""
    H = actor_graph(G)
    elu = max(sorted(n for n in H if "elu" in G.nodes[n]["roles"]), key=H.degree)
    runs = {"coverage": lambda: analysis.coverage(G), "shadow-cci": lambda: analysis.shadow_cci(G),
            "relays": lambda: analysis.relays(G, depuis=sorted(H)[0]), "peers": lambda: analysis.peers(G, elu),
            "network": lambda: analysis.network(G), "compare": lambda: analysis.compare([G])}
    return {name: run() for name, run in runs.items()}


def _answers(G) -> dict[str, str]:
    """Every analysis of a projection, as JSON text."""
    return {name: json.dumps(result.to_json(), sort_keys=True) for name, result in _results(G).items()}


@pytest.mark.parametrize("exact_max", [100, 5000])
def test_every_analysis_answers_the_same_on_arrays(generated, monkeypatch, exact_max):
    module, graph, folded = generated
    monkeypatch.setattr(net, "EXACT_MAX", exact_max)  # 100: the igraph path of big scopes
    territory = module.TERRITORY
    scopes = [Scope(territoire=territory), Scope(), Scope(territoire=module.OTHER_TERRITORY),
              Scope(territoire=territory, exclude_methods=("cooccurrence",), min_confidence=0.5),
              Scope(territoire=territory, link_kinds=("PARTNER_OF", "MEMBER_OF", "GOVERNS")),
              Scope(territoire=territory, kinds=("personne", "instance", "collectivite", "association"))]
    for scope in scopes:
        expected = scoped_projection(graph, scope)
        G = project(scope_rows(folded, scope), array_min=0)
        assert isinstance(G, ArrayProjection)
        assert (G.graph["territoire"], G.graph["core"]) == (expected.graph["territoire"], expected.graph["core"])
        assert sorted(G.edges(keys=True)) == sorted(expected.edges(keys=True))
        assert _answers(G) == _answers(expected), scope


def test_radius_scope_and_small_scopes_in_networkx(generated):
    _module, graph, folded = generated
    centre = sorted(a.id for a in graph.actors.values() if "agence" in a.kinds)[0]
    scope = Scope(around=graph.actors[centre].name, radius=1)
    expected = scoped_projection(graph, scope)
    G = project(scope_rows(folded, scope))
    assert not isinstance(G, ArrayProjection)  # a small scope stays in networkx
    assert sorted(G.nodes) == sorted(expected.nodes)
    assert sorted(G.edges(keys=True)) == sorted(expected.edges(keys=True))


def test_errors_are_the_same_french_lines(generated):
    module, graph, folded = generated
    for scope in (Scope(territoire="Atlantide"), Scope(territoire=module.OTHER_TERRITORY, kinds=("cec",),
                                                       link_kinds=("FUNDS",), min_confidence=1.0)):
        with pytest.raises(InputError) as old:
            scoped_projection(graph, scope)
        with pytest.raises(InputError) as new:
            scope_rows(folded, scope)
        assert str(new.value) == str(old.value)


def test_folded_counts_equal_the_curated_graph_counts(generated):
    _module, graph, folded = generated
    assert asdict(folded.stats()) == asdict(compute_stats(graph))


def test_json_text_holds_the_contract(generated):
    module, graph, _folded = generated
    for result in _results(scoped_projection(graph, Scope(territoire=module.TERRITORY))).values():
        text = json_text(result)
        assert json.loads(text) == result.to_json()
        assert text.startswith('{\n  "territ')  # indented by two spaces


def test_suggested_links_stay_out_of_array_scopes_as_out_of_networkx_ones(generated):
    module, graph, _folded = generated
    from copy import deepcopy

    from maillage.graph.model import Evidence, Link

    suggested = deepcopy(graph)
    actors = sorted(suggested.actors)
    for source, target in zip(actors[:40], actors[40:80]):
        link = Link(source, "PARTNER_OF", target, [Evidence("doc-suggestions", "Phrase.", confidence=0.3,
                                                            method="suggestion")])
        suggested.links[link.key] = link
    folded = FoldedGraph.from_graph(suggested)
    for scope in (Scope(), Scope(territoire=module.TERRITORY)):
        expected = scoped_projection(suggested, scope)
        G = project(scope_rows(folded, scope), array_min=0)
        assert sorted(G.edges(keys=True)) == sorted(expected.edges(keys=True))
        assert sorted(G.edges(keys=True)) == sorted(scoped_projection(graph, scope).edges(keys=True))
