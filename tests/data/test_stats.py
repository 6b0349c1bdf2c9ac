"""Statistics: counts by primary kind, link kind, document; French rendering."""
from maillage.graph.curation import Decision, apply_decisions
from maillage.graph.stats import compute_stats, render_stats


def test_counts_by_primary_kind_link_kind_and_document(graph):
    stats = compute_stats(graph)
    assert (stats.actors, stats.links, stats.documents, stats.territories, stats.programmes) == (5, 9, 2, 1, 1)
    assert stats.by_kind == {"cci": 2, "cluster": 1, "personne": 1, "scic": 1}
    assert stats.by_link_kind["MEMBER_OF"] == 2 and stats.by_link_kind["PARTNER_OF"] == 2
    assert sum(stats.by_link_kind.values()) == 9
    documents = {d.id: (d.links, d.evidence) for d in stats.by_document}
    assert documents == {"d1": (7, 7), "d2": (2, 2)}
    assert stats.by_method == {"pattern": 8, "dependency": 1}


def test_curation_evidence_counts_under_its_pseudo_document(graph):
    curated = apply_decisions(graph, [Decision("add_link", {"source": "cluster-bois", "kind": "FUNDS",
                                                            "target": "scic-energie"})])
    documents = {d.id: d.links for d in compute_stats(curated).by_document}
    assert documents["curation"] == 1


def test_rendering_is_french(graph):
    text = render_stats(compute_stats(graph))
    assert text.startswith("Acteurs : 5\nLiens : 9\nDocuments : 2")
    assert "Acteurs par type principal :" in text and "Liens par type :" in text
    assert "chambre de commerce et d'industrie" in text and "Rapport 2024" in text
