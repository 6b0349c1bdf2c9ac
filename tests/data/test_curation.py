"""Curation semantics on a hand-built graph: each action, merge chains, undo, absent actors, purity."""
import copy

import pytest

from maillage.errors import InputError, TaxonomyError
from maillage.graph.curation import Decision, active_decisions, apply_decisions, decisions_from_json, validate_decision
from maillage.graph.export import decisions_to_json, to_json
from maillage.graph.facts import merge_batches


def d(action, **params):
    return Decision(action, params, author="test", at="2026-01-01T00:00:00+00:00", id=f"{action}-{len(params)}-"
                    + "-".join(str(v) for v in params.values()))


MERGE = d("merge", source="cci-lorvan", target="cci-du-pays-de-lorvan")


def test_merge_moves_links_folds_duplicates_and_drops_self_links(graph):
    curated = apply_decisions(graph, [MERGE])
    assert "cci-lorvan" not in curated.actors
    kept = curated.actors["cci-du-pays-de-lorvan"]
    assert kept.name == "CCI du Pays de Lorvan"
    assert {"CCI de Lorvan", "CCI Lorvan"} <= set(kept.aliases)
    assert kept.kinds == ["cci", "reseau_entreprises"]
    assert kept.territories == ["territoire:lorvan"]
    assert kept.attributes == {"siren": "123", "website": "https://cci.example"}
    member = curated.links[("cluster-bois", "MEMBER_OF", "cci-du-pays-de-lorvan")]
    assert [e.sentence for e in member.evidence] == ["Le cluster est membre de la CCI du Pays.",
                                                     "Le cluster adhère à la CCI."]
    assert ("cluster-bois", "MEMBER_OF", "cci-lorvan") not in curated.links
    assert not any(link.source == link.target for link in curated.links.values())  # PARTNER_OF became a loop
    assert ("cci-du-pays-de-lorvan", "LOCATED_IN", "territoire:lorvan") in curated.links
    assert ("cci-du-pays-de-lorvan", "OFFERS", "creation_reprise") in curated.links


def test_apply_is_pure_and_deterministic(graph):
    before = copy.deepcopy(graph)
    decisions = [MERGE, d("rename", actor="cluster-bois", name="Cluster Bois Breton"),
                 d("set_kinds", actor="scic-energie", kinds=["scic", "ptce"])]
    first, second = apply_decisions(graph, decisions), apply_decisions(graph, decisions)
    assert graph == before
    assert to_json(first) == to_json(second)


def test_merge_chain_and_merge_into_merged_actor(graph):
    chain = [d("merge", source="cci-lorvan", target="cci-du-pays-de-lorvan"),
             d("merge", source="cci-du-pays-de-lorvan", target="cluster-bois")]
    curated = apply_decisions(graph, chain)
    assert set(curated.actors) == {"cluster-bois", "scic-energie", "marie-dupont"}
    assert {"CCI de Lorvan", "CCI du Pays de Lorvan"} <= set(curated.actors["cluster-bois"].aliases)
    assert ("marie-dupont", "GOVERNS", "cluster-bois") in curated.links
    # A -> B, then C -> A: A is now B, so C goes into B.
    into_merged = [MERGE, d("merge", source="scic-energie", target="cci-lorvan")]
    curated = apply_decisions(graph, into_merged)
    assert set(curated.actors) == {"cci-du-pays-de-lorvan", "cluster-bois", "marie-dupont"}
    assert "SCIC Énergie <Locale>" in curated.actors["cci-du-pays-de-lorvan"].aliases
    assert curated.actors["cci-du-pays-de-lorvan"].roles == ["guichet_unique", "ess"]


def test_later_decisions_follow_merges(graph):
    curated = apply_decisions(graph, [MERGE, d("rename", actor="cci-lorvan", name="CCI Lorvan Bretagne")])
    actor = curated.actors["cci-du-pays-de-lorvan"]
    assert actor.name == "CCI Lorvan Bretagne" and "CCI du Pays de Lorvan" in actor.aliases


def test_reject_link_removes_both_directions_of_a_symmetric_link(graph):
    curated = apply_decisions(graph, [d("reject_link", source="cluster-bois", kind="PARTNER_OF",
                                        target="scic-energie"),
                                      d("reject_link", source="cci-du-pays-de-lorvan", kind="FUNDS",
                                        target="scic-energie")])
    assert ("scic-energie", "PARTNER_OF", "cluster-bois") not in curated.links
    assert ("cci-du-pays-de-lorvan", "FUNDS", "scic-energie") not in curated.links
    assert len(curated.links) == len(graph.links) - 2


def test_add_link_carries_curation_evidence_and_joins_an_existing_link(graph):
    curated = apply_decisions(graph, [
        d("add_link", source="scic-energie", kind="MEMBER_OF", target="cluster-bois", note="Vu en réunion"),
        d("add_link", source="cluster-bois", kind="PARTNER_OF", target="scic-energie"),
        d("add_link", source="cluster-bois", kind="OFFERS", target="mise_en_reseau", target_type="service",
          confidence=0.6),
        d("add_link", source="cluster-bois", kind="PARTNER_OF", target="nobody")])
    added = curated.links[("scic-energie", "MEMBER_OF", "cluster-bois")]
    (ev,) = added.evidence
    assert (ev.document, ev.method, ev.confidence, ev.sentence) == ("curation", "curation", 1.0, "Vu en réunion")
    assert curated.links[("cluster-bois", "OFFERS", "mise_en_reseau")].confidence == 0.6
    assert not any(link.target == "nobody" for link in curated.links.values())


def test_reject_then_add_restores_and_add_then_reject_removes(graph):
    key = ("cluster-bois", "MEMBER_OF", "cci-lorvan")
    reject = d("reject_link", source=key[0], kind=key[1], target=key[2])
    add = d("add_link", source=key[0], kind=key[1], target=key[2])
    assert key in apply_decisions(graph, [reject, add]).links
    assert key not in apply_decisions(graph, [add, reject]).links


def test_rename_kinds_roles_stance(graph):
    curated = apply_decisions(graph, [
        d("rename", actor="cluster-bois", name="Cluster Bois Breton"),
        d("set_kinds", actor="cluster-bois", kinds=["cluster", "association"]),
        d("set_roles", actor="cluster-bois", roles=["tete_de_reseau"]),
        d("set_roles", actor="scic-energie", roles=[]),
        d("set_stance", actor="marie-dupont", stance="convaincu")])
    cluster = curated.actors["cluster-bois"]
    assert (cluster.name, cluster.aliases) == ("Cluster Bois Breton", ["Cluster Bois"])
    assert cluster.kinds == ["cluster", "association"] and cluster.roles == ["tete_de_reseau"]
    assert curated.actors["scic-energie"].roles == []
    assert curated.actors["marie-dupont"].attributes == {"function": "maire", "stance": "convaincu"}


def test_undo_cancels_and_undo_of_undo_restores(graph):
    rename = d("rename", actor="cluster-bois", name="Nouveau nom")
    undo = Decision("undo", {"decision": rename.id}, id="u1")
    redo = Decision("undo", {"decision": "u1"}, id="u2")
    assert apply_decisions(graph, [rename, undo]).actors["cluster-bois"].name == "Cluster Bois"
    assert apply_decisions(graph, [rename, undo, redo]).actors["cluster-bois"].name == "Nouveau nom"
    assert [x.id for x in active_decisions([rename, undo, redo])] == [rename.id]
    undo_merge = Decision("undo", {"decision": MERGE.id}, id="u3")
    assert to_json(apply_decisions(graph, [MERGE, undo_merge])) == to_json(graph)


def test_undo_of_a_later_or_unknown_decision_has_no_effect(graph):
    rename = d("rename", actor="cluster-bois", name="Nouveau nom")
    early_undo = Decision("undo", {"decision": rename.id}, id="u0")
    stray = Decision("undo", {"decision": "nope"}, id="u9")
    assert apply_decisions(graph, [early_undo, rename, stray]).actors["cluster-bois"].name == "Nouveau nom"


def test_decisions_on_absent_actors_wait_for_the_facts(batches):
    decisions = [MERGE, d("set_stance", actor="marie-dupont", stance="oppose"),
                 d("add_link", source="marie-dupont", kind="MEMBER_OF", target="cluster-bois")]
    without_second = apply_decisions(merge_batches(batches[:1]), decisions)
    assert "marie-dupont" not in without_second.actors
    assert ("marie-dupont", "MEMBER_OF", "cluster-bois") not in without_second.links
    assert "cci-lorvan" not in without_second.actors  # both merged actors are in the first document
    only_second = apply_decisions(merge_batches(batches[1:]), decisions)
    assert "cci-du-pays-de-lorvan" in only_second.actors  # merge source absent: no effect
    back = apply_decisions(merge_batches(batches), decisions)
    assert back.actors["marie-dupont"].attributes["stance"] == "oppose"
    assert ("marie-dupont", "MEMBER_OF", "cluster-bois") in back.links


def test_removing_and_re_adding_facts_gives_the_same_curated_graph(batches):
    decisions = [MERGE, d("reject_link", source="scic-energie", kind="PARTNER_OF", target="cluster-bois"),
                 d("set_stance", actor="marie-dupont", stance="indecis")]
    full = to_json(apply_decisions(merge_batches(batches), decisions))
    apply_decisions(merge_batches(batches[:1]), decisions)  # the second document removed
    assert to_json(apply_decisions(merge_batches(batches), decisions)) == full


@pytest.mark.parametrize("decision, error", [
    (Decision("delete", {"actor": "x"}), InputError),
    (Decision("merge", {"source": "x"}), InputError),
    (Decision("merge", {"source": "x", "target": "x"}), InputError),
    (Decision("rename", {"actor": "x", "name": ""}), InputError),
    (Decision("rename", {"actor": "x", "name": "y", "colour": "red"}), InputError),
    (Decision("set_kinds", {"actor": "x", "kinds": ["chambre"]}), TaxonomyError),
    (Decision("set_kinds", {"actor": "x", "kinds": []}), InputError),
    (Decision("set_kinds", {"actor": "x", "kinds": "cci"}), InputError),
    (Decision("set_roles", {"actor": "x", "roles": ["leader"]}), TaxonomyError),
    (Decision("set_stance", {"actor": "x", "stance": "pour"}), TaxonomyError),
    (Decision("add_link", {"source": "x", "kind": "KNOWS", "target": "y"}), TaxonomyError),
    (Decision("add_link", {"source": "x", "kind": "OFFERS", "target": "cafe", "target_type": "service"}),
     TaxonomyError),
    (Decision("add_link", {"source": "x", "kind": "FUNDS", "target": "y", "target_type": "planet"}), InputError),
    (Decision("add_link", {"source": "x", "kind": "FUNDS", "target": "y", "confidence": 2}), InputError),
    (Decision("undo", {}), InputError),
])
def test_validate_decision_refuses_bad_decisions_in_french(decision, error):
    with pytest.raises(error) as err:
        validate_decision(decision)
    assert str(err.value) and "\n" not in str(err.value)


def test_invalid_stored_decisions_are_skipped(graph):
    bad = Decision("set_kinds", {"actor": "cluster-bois", "kinds": ["chambre"]})
    assert apply_decisions(graph, [bad]).actors["cluster-bois"].kinds == ["cluster"]


def test_decisions_file_round_trip_and_refusals():
    decisions = [MERGE, d("set_roles", actor="x", roles=["ess"])]
    assert decisions_from_json(decisions_to_json(decisions)) == decisions
    for data in ([], {"decisions": {}}, {"decisions": [{"params": {}}]},
                 {"decisions": [{"action": "set_stance", "params": {"actor": "x", "stance": "pour"}}]}):
        with pytest.raises(InputError):
            decisions_from_json(data)
