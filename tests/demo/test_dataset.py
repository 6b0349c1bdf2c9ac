"""The demo dataset covers the whole taxonomy, holds together, and is rich enough for the analyses."""
from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from maillage.demo import demo_paths
from maillage.graph import taxonomy

REPO = Path(__file__).resolve().parents[2]
PATHS = demo_paths()
RELAY_KINDS = {"relais", "chambre_metiers", "chambre_agriculture"}


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


@pytest.fixture(scope="module")
def actors() -> dict[str, dict]:
    table = rows(PATHS.actors)
    assert len({r["id"] for r in table}) == len(table), "identifiants d'acteurs en double"
    return {r["id"]: r for r in table}


@pytest.fixture(scope="module")
def links() -> list[dict]:
    return rows(PATHS.links)


@pytest.fixture(scope="module")
def territories() -> dict[str, dict]:
    return {r["name"]: r for r in rows(PATHS.territories)}


def test_sizes(actors, links):
    assert len(actors) >= 200
    assert len(links) >= 600


def test_every_kind_role_link_kind_and_service_is_used(actors, links):
    kinds = {k for a in actors.values() for k in split(a["kinds"])}
    roles = {r for a in actors.values() for r in split(a["roles"])}
    assert kinds == set(taxonomy.ACTOR_KINDS)
    assert roles == set(taxonomy.ROLES)
    assert {link["kind"] for link in links} == set(taxonomy.LINK_KINDS)
    assert {link["target"] for link in links if link["kind"] == "OFFERS"} == set(taxonomy.SERVICES)


def test_every_code_and_attribute_is_valid(actors, links, territories):
    for actor in actors.values():
        taxonomy.check_all("kind", split(actor["kinds"]), actor["id"])
        taxonomy.check_all("role", split(actor["roles"]), actor["id"])
        if actor["stance"]:
            taxonomy.check("stance", actor["stance"], actor["id"])
        assert not actor["territory"] or actor["territory"] in territories, actor["id"]
    for link in links:
        taxonomy.check("link", link["kind"])
        assert 0.0 < float(link["confidence"]) <= 1.0
        assert link["note"].strip().endswith("."), link


def test_every_link_endpoint_exists(actors, links, territories):
    for link in links:
        assert link["source"] in actors, link
        if link["kind"] == "OFFERS":
            assert link["target"] in taxonomy.SERVICES, link
        elif link["kind"] == "LOCATED_IN":
            assert link["target"] in territories, link
        else:
            assert link["target"] in actors, link
    assert len({(l["source"], l["kind"], l["target"]) for l in links}) == len(links), "lien en double"


def test_territories_form_a_tree(territories):
    by_id = {t["id"]: t for t in territories.values()}
    for territory in territories.values():
        taxonomy.check("level", territory["level"])
        assert not territory["parent"] or territory["parent"] in by_id, territory
    assert {t["level"] for t in territories.values()} == set(taxonomy.TERRITORY_LEVELS)


def test_people_are_elected_officials_with_stances_or_officers(actors):
    people = [a for a in actors.values() if "personne" in split(a["kinds"])]
    elected = [p for p in people if "elu" in split(p["roles"])]
    assert len(elected) >= 10 and all(p["stance"] and p["function"] for p in elected)
    assert {p["stance"] for p in elected} == set(taxonomy.STANCES)
    assert all(p["function"] for p in people)


def test_small_firms_each_have_one_to_three_relays_and_one_relay_dominates(actors, links):
    firms = [a["id"] for a in actors.values() if a["id"].startswith("ent-")]
    assert len(firms) >= 80
    assert all(actors[f]["size"] in ("TPE", "PME") and len(actors[f]["sector"]) == 1 for f in firms)
    relays_of = defaultdict(set)
    for link in links:
        if link["kind"] == "SUPPORTS" and set(split(actors[link["source"]]["kinds"])) & RELAY_KINDS:
            relays_of[link["target"]].add(link["source"])
    assert all(1 <= len(relays_of[f]) <= 3 for f in firms)
    reach = Counter(r for f in firms for r in relays_of[f])
    (top, top_reach), (_, second_reach) = reach.most_common(2)
    assert top == "cabinet-moreau" and top_reach > 1.5 * second_reach
    assert reach["cma-brenne-argence"] >= 20


def test_single_windows_compete_and_coverage_has_a_desert_and_a_fragmented_need(actors, links, territories):
    windows = {a["id"] for a in actors.values() if "guichet_unique" in split(a["roles"])}
    assert len(windows) >= 2
    referred = defaultdict(set)
    for link in links:
        if link["kind"] == "REFERS_TO":
            assert link["source"] in windows
            referred[link["source"]].add(link["target"])
    assert len(set.intersection(*referred.values())) >= 2, "les guichets doivent se concurrencer"
    reachable = windows | set().union(*referred.values())
    providers = defaultdict(set)
    for link in links:
        if link["kind"] == "OFFERS":
            providers[link["target"]].add(link["source"])
    assert providers["innovation_transfert"] and not providers["innovation_transfert"] & reachable
    seats = {l["source"]: l["target"] for l in links if l["kind"] == "LOCATED_IN"}
    in_pays = {name for name in territories if _inside(name, "Pays de Brenne-Argence", territories)}
    assert all(seats[p] not in in_pays for p in providers["international"])


def _inside(name: str, ancestor: str, territories: dict[str, dict]) -> bool:
    by_id = {t["id"]: n for n, t in territories.items()}
    while name:
        if name == ancestor:
            return True
        name = by_id.get(territories[name]["parent"], "")
    return False


def test_engaged_actors_are_mostly_absent_from_official_bodies(actors, links):
    official = {a["id"] for a in actors.values()
                if set(split(a["kinds"])) & {"cci", "chambre_metiers", "chambre_agriculture", "instance"}}
    engaged = {a["id"] for a in actors.values()
               if "transition" in split(a["roles"]) and "personne" not in split(a["kinds"])}
    seated = {l["source"] for l in links
              if l["kind"] in ("MEMBER_OF", "PARTICIPATES_IN") and l["target"] in official}
    assert engaged & seated and len(engaged - seated) > len(engaged & seated)


def test_the_generator_rewrites_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_demo_data.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for path in (PATHS.territories, PATHS.actors, PATHS.links):
        assert filecmp.cmp(tmp_path / path.name, path, shallow=False), path.name
