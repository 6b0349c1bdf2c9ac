"""Hand-built graphs for the curation, export and stats tests."""
import pytest

from maillage.graph.facts import merge_batches
from maillage.graph.model import Actor, Batch, Document, Evidence, Link, Programme, Territory


def evidence(doc: str, sentence: str = "", confidence: float = 0.8, method: str = "pattern") -> Evidence:
    return Evidence(document=doc, sentence=sentence, start=0, end=len(sentence), cue="cue",
                    confidence=confidence, method=method)


def sample_batches() -> list[Batch]:
    """Two documents about a small territory: a CCI spelled two ways, a cluster, a SCIC, a mayor."""
    first = Batch(
        Document(id="d1", path="rapport.txt", title="Rapport 2024"),
        actors=[Actor("cci-lorvan", "CCI de Lorvan", ["cci"], aliases=["CCI Lorvan"],
                      territories=["territoire:lorvan"], attributes={"siren": "123"}),
                Actor("cci-du-pays-de-lorvan", "CCI du Pays de Lorvan", ["cci", "reseau_entreprises"],
                      roles=["guichet_unique"], attributes={"website": "https://cci.example"}),
                Actor("cluster-bois", "Cluster Bois", ["cluster"]),
                Actor("scic-energie", "SCIC Énergie <Locale>", ["scic"], roles=["ess"])],
        territories=[Territory("territoire:lorvan", "Lorvan", "commune")],
        programmes=[Programme("programme:leader", "LEADER")],
        links=[Link("cluster-bois", "MEMBER_OF", "cci-lorvan", [evidence("d1", "Le cluster adhère à la CCI.")]),
               Link("cluster-bois", "MEMBER_OF", "cci-du-pays-de-lorvan",
                    [evidence("d1", "Le cluster est membre de la CCI du Pays.")]),
               Link("cci-lorvan", "PARTNER_OF", "cci-du-pays-de-lorvan", [evidence("d1", "Les deux CCI...")]),
               Link("scic-energie", "PARTNER_OF", "cluster-bois", [evidence("d1", "La SCIC et le cluster.")]),
               Link("cci-lorvan", "LOCATED_IN", "territoire:lorvan", [evidence("d1")], "territory"),
               Link("cci-lorvan", "OFFERS", "creation_reprise", [evidence("d1")], "service"),
               Link("scic-energie", "PARTICIPATES_IN", "programme:leader", [evidence("d1")], "programme")])
    second = Batch(
        Document(id="d2", path="compte-rendu.txt", title="Compte rendu"),
        actors=[Actor("cci-du-pays-de-lorvan", "CCI du Pays de Lorvan", ["cci"]),
                Actor("marie-dupont", "Marie Dupont", ["personne"], roles=["elu"],
                      attributes={"function": "maire"})],
        links=[Link("cci-du-pays-de-lorvan", "FUNDS", "scic-energie",
                    [evidence("d2", "La CCI finance la SCIC.", 0.9, "dependency")]),
               Link("marie-dupont", "GOVERNS", "cci-du-pays-de-lorvan", [evidence("d2", "Elle préside la CCI.")])])
    return [first, second]


@pytest.fixture
def batches():
    return sample_batches()


@pytest.fixture(scope="module")
def sample_batches_for_module():
    return sample_batches()


@pytest.fixture
def graph(batches):
    return merge_batches(batches)
