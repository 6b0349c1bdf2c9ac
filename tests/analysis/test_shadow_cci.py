"""Shadow-CCI gaps and roster on a hand-built graph."""
import pytest

from maillage.graph.analysis import shadow_cci


@pytest.fixture
def chamber(build):
    # Official: the CCI, and the development council CD (an instance PART_OF the town). The club is an
    # instance tied to no chamber or authority: not official.
    # SCIC1 sits on CD (represented); ENT sits on the CCI (represented, not engaged).
    # Absent engaged: PTCE (3 links), FOND (1 link), ASSO (role ess, 0 links).
    b = build
    b.actor("cci", "cci").actor("cd", "instance").actor("ville", "collectivite").actor("club", "instance")
    b.actor("scic1", "scic", sector="BTP").actor("ent", "entreprise")
    b.actor("ptce", "ptce", sector="Alimentation", size="PME").actor("fond", "fondation")
    b.actor("asso", "association", roles=["ess"])
    b.actor("x1", "entreprise").actor("x2", "entreprise")
    b.link("cd", "PART_OF", "ville").link("scic1", "MEMBER_OF", "cd").link("ent", "MEMBER_OF", "cci")
    b.link("ptce", "PARTNER_OF", "x1").link("ptce", "PARTNER_OF", "x2").link("fond", "FUNDS", "ptce")
    return b


def test_bodies_represented_absent(chamber):
    result = shadow_cci(chamber.project())
    assert [a.id for a in result.official_bodies] == ["cci", "cd"]
    assert [a.id for a in result.represented] == ["ent", "scic1"]
    assert [(a.id, a.score) for a in result.absent] == [("ptce", 3), ("fond", 1), ("asso", 0)]


def test_roster_greedy_cover(chamber):
    result = shadow_cci(chamber.project(), size=4)
    # PTCE brings the most facets (kind, sector, size, community); all four engaged actors fit.
    assert result.roster[0].id == "ptce" and "absent des instances officielles" in result.roster[0].why
    assert "secteur « Alimentation »" in result.roster[0].why and "taille « PME »" in result.roster[0].why
    assert sorted(m.id for m in result.roster) == ["asso", "fond", "ptce", "scic1"]
    assert "déjà présent" in next(m.why for m in result.roster if m.id == "scic1")
    assert len(shadow_cci(chamber.project(), size=2).roster) == 2


def test_roster_tie_prefers_absent_then_connected(build):
    # Two SCICs with the same facets in one community: the absent one wins, then degree decides.
    build.actor("cci", "cci").actor("hub", "association")
    build.actor("s_in", "scic").actor("s_out", "scic").actor("s_out2", "scic")
    build.link("s_in", "MEMBER_OF", "cci").link("s_in", "PARTNER_OF", "hub")
    build.link("s_out", "PARTNER_OF", "hub").link("s_out2", "PARTNER_OF", "hub").link("s_out2", "PARTNER_OF", "cci")
    roster = shadow_cci(build.project(), size=1).roster
    assert [m.id for m in roster] == ["s_out2"]


def test_no_official_body(build):
    build.actor("s", "scic")
    result = shadow_cci(build.project())
    assert result.official_bodies == [] and "aucune instance officielle" in result.message
    assert [a.id for a in result.absent] == ["s"]


def test_json_contract(chamber):
    data = shadow_cci(chamber.project()).to_json()
    assert {"official_bodies", "represented", "absent", "roster"} <= set(data)
    assert all({"id", "name", "score"} <= set(a) for a in data["absent"])
    assert all({"id", "name", "why"} <= set(a) for a in data["roster"])
