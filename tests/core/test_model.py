"""The model refuses codes outside the taxonomy and folds per-document facts predictably."""
import pytest

from maillage.errors import TaxonomyError
from maillage.graph import taxonomy
from maillage.graph.facts import merge_batches
from maillage.graph.model import Actor, Batch, Document, Evidence, Link, actor_id, slugify


def test_taxonomy_matches_the_contract_sizes():
    assert len(taxonomy.ACTOR_KINDS) == 19
    assert len(taxonomy.LINK_KINDS) == 12
    assert len(taxonomy.SERVICES) == 10
    assert set(taxonomy.ROLES) == {"guichet_unique", "tete_de_reseau", "transition", "ess", "elu"}


def test_unknown_kind_is_refused_with_value_and_place():
    with pytest.raises(TaxonomyError) as err:
        Actor(id="a", name="A", kinds=["chambre"]).validate("actors.csv ligne 3")
    message = str(err.value)
    assert "'chambre'" in message and "actors.csv ligne 3" in message


@pytest.mark.parametrize("build", [
    lambda: Actor(id="a", name="A", kinds=["cci"], roles=["leader"]).validate(),
    lambda: Actor(id="a", name="A", kinds=["personne"], attributes={"stance": "pour"}).validate(),
    lambda: Link("a", "KNOWS", "b").validate(),
    lambda: Link("a", "OFFERS", "cafe", target_type="service").validate(),
    lambda: Evidence(document="d", method="guess"),
])
def test_every_vocabulary_is_closed(build):
    with pytest.raises(TaxonomyError):
        build()


def test_kinds_are_deduplicated_in_order():
    actor = Actor(id="a", name="A", kinds=["scic", "ptce", "scic"]).validate()
    assert actor.kinds == ["scic", "ptce"] and actor.kind == "scic"


def test_actor_id_folds_accents_and_punctuation():
    assert actor_id("Chambre de Métiers et de l'Artisanat") == "chambre-de-metiers-et-de-l-artisanat"
    assert slugify("  Pôle « Éco » ") == "pole-eco"


def _doc(i):
    return Document(id=f"d{i}", path=f"doc{i}.txt")


def test_merge_batches_folds_actor_facts_and_joins_evidence():
    first = Batch(_doc(1), actors=[Actor("x", "Agence X", ["agence"], aliases=["AX"])],
                  links=[Link("x", "SUPPORTS", "y", [Evidence("d1", "X accompagne Y.", 0, 15, "accompagne", 0.8, "pattern")])])
    second = Batch(_doc(2), actors=[Actor("x", "Agence X", ["association", "agence"], roles=["guichet_unique"])],
                   links=[Link("x", "SUPPORTS", "y", [Evidence("d2", "Y est accompagnée par X.", 4, 30, "accompagne", 0.9, "dependency")])])
    third = Batch(_doc(3), actors=[Actor("x", "AGENCE X", ["agence"])])
    graph = merge_batches([first, second, third])
    actor = graph.actors["x"]
    assert actor.name == "Agence X"  # stated by two documents out of three
    assert actor.kinds == ["agence", "association"]  # primary in two documents
    assert set(actor.aliases) == {"AX", "AGENCE X"}
    assert actor.roles == ["guichet_unique"]
    link = graph.links[("x", "SUPPORTS", "y")]
    assert [e.document for e in link.evidence] == ["d1", "d2"]
    assert link.confidence == 0.9
    assert set(graph.documents) == {"d1", "d2", "d3"}
