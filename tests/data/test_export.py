"""Export contract: JSON keys and codes, GEXF/GraphML loaded by networkx and igraph, Kumu CSV."""
import csv
import json

import igraph
import networkx as nx
import pytest

from maillage.graph import taxonomy
from maillage.graph.export import kumu_paths, to_gexf, to_graphml, to_json, to_kumu_csv
from maillage.graph.model import Actor, Graph, Link

ACTOR_KEYS = {"id", "name", "aliases", "kinds", "roles", "territories", "attributes"}
LINK_KEYS = {"source", "target", "kind", "confidence", "evidence"}
EVIDENCE_KEYS = {"document", "sentence", "start", "end", "cue", "method"}


def test_json_follows_the_contract_with_only_taxonomy_codes(graph):
    data = json.loads(json.dumps(to_json(graph)))
    assert {"actors", "links", "documents"} <= set(data)
    actor_ids = {a["id"] for a in data["actors"]}
    for actor in data["actors"]:
        assert ACTOR_KEYS <= set(actor)
        assert actor["kinds"] and all(k in taxonomy.ACTOR_KINDS for k in actor["kinds"])
        assert all(r in taxonomy.ROLES for r in actor["roles"])
    for link in data["links"] + data["other_links"]:
        assert LINK_KEYS <= set(link) and link["kind"] in taxonomy.LINK_KINDS
        assert 0.0 <= link["confidence"] <= 1.0
        for evidence in link["evidence"]:
            assert EVIDENCE_KEYS <= set(evidence) and evidence["method"] in taxonomy.METHODS
    assert all(link["source"] in actor_ids and link["target"] in actor_ids for link in data["links"])
    assert {(link["kind"], link["target"]) for link in data["other_links"]} == {
        ("LOCATED_IN", "territoire:lorvan"), ("OFFERS", "creation_reprise"), ("PARTICIPATES_IN", "programme:leader")}
    assert len(data["links"]) + len(data["other_links"]) == len(graph.links)
    assert [d["id"] for d in data["documents"]] == ["d1", "d2"]
    assert data["services"] == [{"id": "creation_reprise", "name": taxonomy.SERVICES["creation_reprise"]}]
    by_id = {a["id"]: a for a in data["actors"]}
    assert by_id["cci-du-pays-de-lorvan"]["kinds"][0] == "cci"  # primary kind first


def test_dangling_links_are_left_out_of_every_format(tmp_path):
    graph = Graph(actors={"a": Actor("a", "A", ["cci"])},
                  links={("a", "FUNDS", "ghost"): Link("a", "FUNDS", "ghost")})
    assert to_json(graph)["links"] == []
    assert nx.read_graphml(to_graphml(graph, tmp_path / "g.graphml")).number_of_edges() == 0


@pytest.fixture
def network_files(graph, tmp_path):
    return to_gexf(graph, tmp_path / "g.gexf"), to_graphml(graph, tmp_path / "g.graphml")


def test_gexf_and_graphml_load_in_networkx_and_igraph_with_the_same_counts(graph, network_files):
    gexf, graphml = network_files
    nodes = len(graph.actors) + len(graph.territories) + len(graph.programmes) + 1  # one service linked
    edges = len(graph.links)
    for loaded in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (nodes, edges)
    ig = igraph.Graph.Read_GraphML(str(graphml))
    assert (ig.vcount(), ig.ecount()) == (nodes, edges)
    assert sorted(ig.es["kind"]) == sorted(link.kind for link in graph.links.values())


def test_network_files_keep_node_types_flat_lists_and_untrusted_names(graph, network_files):
    gexf, graphml = network_files
    for loaded in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        cci = loaded.nodes["cci-du-pays-de-lorvan"]
        assert cci["node_type"] == "actor" and cci["kinds"] == "cci|reseau_entreprises"
        assert loaded.nodes["scic-energie"]["label"] == "SCIC Énergie <Locale>"
        assert loaded.nodes["territoire:lorvan"]["node_type"] == "territory"
        assert loaded.nodes["creation_reprise"]["node_type"] == "service"
    types = set(igraph.Graph.Read_GraphML(str(graphml)).vs["node_type"])
    assert types == {"actor", "territory", "programme", "service"}


def test_control_characters_from_pdfs_do_not_break_xml(tmp_path):
    graph = Graph(actors={"a": Actor("a", "Pôle\x0cA\x00", ["cluster"])})
    assert nx.read_graphml(to_graphml(graph, tmp_path / "g.graphml")).nodes["a"]["label"] == "PôleA"
    assert nx.read_gexf(to_gexf(graph, tmp_path / "g.gexf")).nodes["a"]["label"] == "PôleA"


def test_kumu_csv_headers_and_connections_by_label(graph, tmp_path):
    graph.actors["cluster-bois"].name = "CCI de Lorvan"  # two actors sharing a name get distinct labels
    elements, connections = to_kumu_csv(graph, tmp_path / "kumu")
    assert (elements.name, connections.name) == ("kumu-elements.csv", "kumu-connections.csv")
    with elements.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Label", "Type", "Description", "Tags"]
    labels = [r[0] for r in rows[1:]]
    assert len(labels) == len(set(labels)) == len(graph.actors) + 3
    assert "CCI de Lorvan [cluster-bois]" in labels
    cci = next(r for r in rows if r[0] == "CCI du Pays de Lorvan")
    assert cci[1] == "cci" and cci[3] == "guichet_unique|reseau_entreprises"
    with connections.open(encoding="utf-8", newline="") as fh:
        links = list(csv.reader(fh))
    assert links[0] == ["From", "To", "Type"]
    assert len(links) - 1 == len(graph.links)
    assert all(f in labels and t in labels and k in taxonomy.LINK_KINDS for f, t, k in links[1:])


def test_kumu_paths_in_a_directory_and_formula_cells_neutralised(tmp_path):
    assert kumu_paths(tmp_path) == (tmp_path / "elements.csv", tmp_path / "connections.csv")
    graph = Graph(actors={"a": Actor("a", "=HYPERLINK(1)", ["cluster"])})
    elements, _ = to_kumu_csv(graph, tmp_path)
    assert "'=HYPERLINK(1)" in elements.read_text(encoding="utf-8")
