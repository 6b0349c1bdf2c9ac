"""Single-window coverage on hand-built graphs (answers worked out by hand in the comments)."""
from maillage.graph.analysis import coverage


def _windows_graph(build):
    # W1, W2: windows. P1 offers financement, referred to by both windows -> competing.
    # W1 -PARTNER_OF- X -REFERS_TO-> C (a cluster: innovation + mise en réseau by kind) -> 2 steps, reached.
    # X -PARTNER_OF- Y -PARTNER_OF- Z (offers international): 3 steps -> fragmente.
    # Q offers transition but refers TO W1 (wrong direction) -> fragmente.
    # M offers formation and is MEMBER_OF W1 -> reached (either direction).
    # W2 offers creation_reprise itself -> reached by itself.
    b = build
    for w in ("w1", "w2"):
        b.actor(w, "association", roles=["guichet_unique"])
    for a in ("p1", "x", "y", "z", "q", "m"):
        b.actor(a, "association")
    b.actor("c", "cluster")
    b.link("p1", "OFFERS", "financement", "service").link("w1", "REFERS_TO", "p1").link("w2", "REFERS_TO", "p1")
    b.link("w1", "PARTNER_OF", "x").link("x", "REFERS_TO", "c")
    b.link("x", "PARTNER_OF", "y").link("y", "PARTNER_OF", "z").link("z", "OFFERS", "international", "service")
    b.link("q", "OFFERS", "transition_rse", "service").link("q", "REFERS_TO", "w1")
    b.link("m", "OFFERS", "formation_competences", "service").link("m", "MEMBER_OF", "w1")
    b.link("w2", "OFFERS", "creation_reprise", "service")
    return b.project()


def test_statuses_reached_and_score(build):
    result = coverage(_windows_graph(build))
    status = {n.need: n.status for n in result.needs}
    assert status == {
        "financement": "couvert", "innovation_transfert": "couvert", "mise_en_reseau": "couvert",
        "formation_competences": "couvert", "creation_reprise": "couvert",
        "international": "fragmente", "transition_rse": "fragmente",
        "accueil_implantation": "desert", "emploi_recrutement": "desert", "foncier_immobilier": "desert",
    }
    assert result.score == 0.5
    assert [w.id for w in result.windows] == ["w1", "w2"]
    providers = {n.need: {p.id: p.reached for p in n.providers} for n in result.needs}
    assert providers["international"] == {"z": False}
    assert providers["transition_rse"] == {"q": False}
    assert providers["innovation_transfert"] == {"c": True}
    by = {p.id: p.by for n in result.needs for p in n.providers}
    assert by["c"] == "type" and by["p1"] == "offre"


def test_competing_windows(build):
    result = coverage(_windows_graph(build))
    assert [(c.need, [w.id for w in c.windows]) for c in result.competing] == [("financement", ["w1", "w2"])]


def test_no_window_says_why(build):
    build.actor("p", "association").link("p", "OFFERS", "financement", "service")
    result = coverage(build.project())
    assert result.windows == [] and result.score == 0.0 and "aucun guichet" in result.message
    assert {n.need: n.status for n in result.needs}["financement"] == "fragmente"


def test_window_without_providers_is_all_desert(build):
    build.actor("w", "association", roles=["guichet_unique"])
    result = coverage(build.project())
    assert {n.status for n in result.needs} == {"desert"}
    assert result.score == 0.0 and result.competing == [] and result.message == ""


def test_json_contract(build):
    data = coverage(_windows_graph(build)).to_json()
    assert {"territoire", "score", "windows", "needs", "competing"} <= set(data)
    assert {"id", "name"} <= set(data["windows"][0])
    need = data["needs"][0]
    assert {"need", "status", "providers"} <= set(need)
    assert all({"id", "name", "reached"} <= set(p) for n in data["needs"] for p in n["providers"])


def test_stated_offers_override_kind_defaults(build):
    # A CCI that states what it offers (financement only) does not also provide the CCI defaults
    # (international...); a CCI that states nothing provides them by its kind.
    build.actor("w", "association", roles=["guichet_unique"])
    build.actor("cci-a", "cci").actor("cci-b", "cci")
    build.link("cci-a", "OFFERS", "financement", "service").link("w", "REFERS_TO", "cci-a")
    providers = {n.need: {p.id: p.by for p in n.providers} for n in coverage(build.project()).needs}
    assert providers["financement"] == {"cci-a": "offre"}
    assert providers["international"] == {"cci-b": "type"}
