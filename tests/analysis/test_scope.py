"""Scope: territory resolution, the territory rule, filters, radius, projection."""
import pytest

from maillage.errors import InputError, TaxonomyError
from maillage.graph.model import Evidence
from maillage.graph.projection import node_key
from maillage.graph.scope import Scope, apply_scope, resolve_territory


@pytest.fixture
def land(build):
    # Région > Département > EPCI Vallon > commune Bourg; a neighbouring EPCI Plateau.
    b = build
    b.territory("reg", "Région Est", "region").territory("dep", "Doubs", "departement", code="25", parent="reg")
    b.territory("val", "Vallon", "epci", code="200000001", parent="dep")
    b.territory("bourg", "Bourg-lès-Vallon", "commune", code="25001", parent="val")
    b.territory("pla", "Plateau", "epci", parent="dep")
    b.actor("agglo", "collectivite", name="Communauté du Vallon").link("agglo", "GOVERNS", "val", "territory")
    b.actor("firm", "entreprise", where=["bourg"])          # core (sub-territory)
    b.actor("scic", "scic").link("scic", "LOCATED_IN", "val", "territory")  # core (LOCATED_IN)
    b.actor("cci", "cci", where=["dep"]).link("cci", "SUPPORTS", "firm")    # attached (enclosing, 1 link)
    b.actor("bank", "relais").link("bank", "FUNDS", "scic")                 # attached (no place)
    b.actor("far", "relais").link("far", "PARTNER_OF", "bank")              # attached (2 links)
    b.actor("farther", "relais").link("farther", "PARTNER_OF", "far")       # 3 links: out
    b.actor("next", "entreprise", where=["pla"]).link("next", "PARTNER_OF", "firm")  # other EPCI: out
    b.actor("weak", "association").link("weak", "PARTNER_OF", "firm", confidence=0.3, method="cooccurrence")
    return b


def test_resolve_by_name_code_id_and_authority(land):
    g = land.graph
    for query in ("vallon", "VALLON", "200000001", "val", "Communauté du Vallon"):
        match = resolve_territory(g, query)
        assert match.territory_ids == {"val", "bourg"} and match.authorities == ("agglo",)
    assert resolve_territory(g, "Bourg les Vallon").territory_ids == {"bourg"}


def test_same_name_twice_is_ambiguous_unless_nested(land):
    land.territory("val2", "Vallon", "commune", parent="pla")
    with pytest.raises(InputError, match="territoire ambigu"):
        resolve_territory(land.graph, "Vallon")
    land.graph.territories["val2"].parent = "val"
    assert resolve_territory(land.graph, "Vallon").territory_ids == {"val", "val2", "bourg"}


def test_unknown_territory_lists_closest(land):
    with pytest.raises(InputError, match="territoire inconnu : « Valon » ; les plus proches : Vallon"):
        resolve_territory(land.graph, "Valon")


def test_territory_rule(land):
    assert set(apply_scope(land.graph, Scope(territoire="Vallon")).actors) == {
        "agglo", "firm", "scic", "cci", "bank", "far", "weak"}
    G = land.project(territoire="Vallon")
    assert G.graph["territoire"] == "Vallon" and G.graph["core"] == ["agglo", "firm", "scic"]


def test_link_filters(land):
    kept = set(apply_scope(land.graph, Scope(territoire="Vallon", exclude_methods=("cooccurrence",))).actors)
    assert "weak" not in kept
    assert "weak" not in set(apply_scope(land.graph, Scope(territoire="Vallon", min_confidence=0.5)).actors)
    scoped = apply_scope(land.graph, Scope(link_kinds=("FUNDS",)))
    assert {l.kind for l in scoped.links.values()} == {"FUNDS", "LOCATED_IN"}


def test_excluded_evidence_is_dropped_not_the_link(land):
    link = land.graph.links[("bank", "FUNDS", "scic")]
    link.evidence.append(Evidence("doc2", confidence=0.2, method="cooccurrence"))
    scoped = apply_scope(land.graph, Scope(exclude_methods=("cooccurrence",)))
    assert [e.method for e in scoped.links[("bank", "FUNDS", "scic")].evidence] == ["import"]


def test_kinds_and_radius(land):
    assert set(apply_scope(land.graph, Scope(territoire="Vallon", kinds=("relais",))).actors) == {"bank", "far"}
    assert set(apply_scope(land.graph, Scope(around="scic", radius=1)).actors) == {"scic", "bank"}
    with pytest.raises(InputError, match="pas dans le périmètre"):
        apply_scope(land.graph, Scope(territoire="Vallon", around="next"))


def test_bad_filters(land):
    with pytest.raises(TaxonomyError):
        apply_scope(land.graph, Scope(kinds=("banque",)))
    with pytest.raises(InputError, match="confiance"):
        apply_scope(land.graph, Scope(min_confidence=2))


def test_empty_scope_is_one_french_line(build):
    build.territory("t", "Désert").actor("a", "association")
    with pytest.raises(InputError, match="périmètre vide"):
        build.project(territoire="Désert")


def test_projection_nodes_and_edges(land):
    land.link("scic", "OFFERS", "financement", "service")
    G = land.project()
    assert G.nodes["scic"]["type"] == "actor" and G.nodes["scic"]["kinds"] == ["scic"]
    assert G.nodes[node_key("service", "financement")]["type"] == "service"
    assert G.nodes[node_key("territory", "val")]["name"] == "Vallon"
    edge = G.edges["weak", "firm", "PARTNER_OF"]
    assert edge["confidence"] == 0.3 and edge["methods"] == ["cooccurrence"]
