"""A synthetic territory graph for benchmarks: 20,000 actors and 100,000 links by default.

Realistic mix: mostly very small and small firms, relay actors (accountants, banks) that each see
dozens of firms, chambers, clusters, ESS actors, single windows with their providers, elected
people with stances sitting on governance bodies, all located in the communes of one
agglomeration (and a second, smaller one for comparisons). Deterministic for a given seed.

    python bench/gen_synthetic.py                 # prints counts
    python bench/gen_synthetic.py --csv out/      # writes out/actors.csv, links.csv, territories.csv
    maillage import out/actors.csv out/links.csv --territoires out/territories.csv --db out/db
"""
from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from maillage.graph.model import Actor, Evidence, Graph, Link, Territory
from maillage.graph.taxonomy import SERVICES, STANCES

TERRITORY = "Agglomération Synthétique"
OTHER_TERRITORY = "Pays Voisin"

#: Share of actors by kind (the rest are firms).
MIX = {
    "relais": 0.03, "chambre_metiers": 0.0003, "cci": 0.0002, "chambre_agriculture": 0.0001,
    "agence": 0.001, "collectivite": 0.002, "personne": 0.12, "instance": 0.008, "cluster": 0.002,
    "ptce": 0.001, "scic": 0.006, "cooperative": 0.01, "fondation": 0.0015, "cec": 0.0005,
    "association": 0.07, "reseau_entreprises": 0.01, "recherche_formation": 0.007, "etat": 0.0025,
}
SIZES = (("TPE", 0.6), ("PME", 0.3), ("ETI", 0.08), ("GE", 0.02))
SECTORS = ("BTP", "Agriculture", "Commerce", "Industrie", "Numérique", "Tourisme", "Santé", "Transport",
           "Alimentation", "Services", "Énergie", "Artisanat")
WINDOW_SHARE = 0.3  # of agencies, plus one chamber of each kind


def _evidence(rng: random.Random) -> list[Evidence]:
    method = rng.choices(("import", "pattern", "dependency", "cooccurrence"), (5, 3, 1, 1))[0]
    return [Evidence("synthetic", confidence=round(rng.uniform(0.3, 1.0), 2), method=method)]


def _territories(graph: Graph, communes: int) -> list[str]:
    graph.territories["reg"] = Territory("reg", "Région Synthétique", "region", "99")
    graph.territories["dep"] = Territory("dep", "Département Synthétique", "departement", "99D", "reg")
    graph.territories["agglo"] = Territory("agglo", TERRITORY, "epci", "299000001", "dep")
    graph.territories["voisin"] = Territory("voisin", OTHER_TERRITORY, "epci", "299000002", "dep")
    ids = []
    for i in range(communes):
        parent = "agglo" if i % 5 else "voisin"
        tid = f"com{i:03d}"
        graph.territories[tid] = Territory(tid, f"Commune {i:03d}", "commune", f"99{i:03d}", parent)
        ids.append(tid)
    return ids


def _actors(graph: Graph, n: int, places: list[str], rng: random.Random) -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    counts = {kind: max(1, round(share * n)) for kind, share in MIX.items()}
    counts["entreprise"] = n - sum(counts.values())
    for kind, count in counts.items():
        for i in range(count):
            aid = f"{kind}-{i:05d}"
            actor = Actor(aid, f"{kind.replace('_', ' ').title()} {i:05d}", [kind],
                          territories=[rng.choice(places)])
            if kind == "entreprise":
                actor.attributes = {"size": rng.choices([s for s, _ in SIZES], [w for _, w in SIZES])[0],
                                    "sector": rng.choice(SECTORS)}
            elif kind in ("scic", "cooperative", "ptce", "cec", "fondation"):
                actor.roles = ["transition"] + (["ess"] if kind != "cec" else [])
                actor.attributes = {"sector": rng.choice(SECTORS), "size": rng.choice(("TPE", "PME"))}
            elif kind == "personne" and rng.random() < 0.3:
                actor.roles = ["elu"]
                actor.attributes = {"stance": rng.choice(list(STANCES))}
            graph.actors[aid] = actor
            by_kind.setdefault(kind, []).append(aid)
    windows = rng.sample(by_kind["agence"], max(1, int(WINDOW_SHARE * len(by_kind["agence"]))))
    for aid in windows + [by_kind["cci"][0], by_kind["chambre_metiers"][0]]:
        graph.actors[aid].roles.append("guichet_unique")
    by_kind["window"] = windows + [by_kind["cci"][0], by_kind["chambre_metiers"][0]]
    return by_kind


def generate(actors: int = 20_000, links: int = 100_000, seed: int = 7, communes: int = 40) -> Graph:
    """The synthetic graph (see the module docstring)."""
    rng = random.Random(seed)
    graph = Graph()
    k = _actors(graph, actors, _territories(graph, communes), rng)
    orgs = [a for kind, ids in k.items() if kind not in ("personne", "window", "entreprise") for a in ids]
    bodies = k["instance"] + k["cci"] + k["chambre_metiers"] + k["collectivite"]
    networks = k["reseau_entreprises"] + k["cluster"] + k["association"][:200] + k["ptce"]
    elected = [p for p in k["personne"] if "elu" in graph.actors[p].roles]

    def add(source: str, kind: str, target: str, target_type: str = "actor") -> None:
        if source != target:
            graph.links.setdefault((source, kind, target), Link(source, kind, target, _evidence(rng), target_type))

    for relay in k["relais"] + k["chambre_metiers"]:                      # relays see dozens of firms
        for firm in rng.sample(k["entreprise"], rng.randint(20, 90)):
            add(relay, "SUPPORTS", firm)
    for firm in k["entreprise"]:                                          # firms join networks
        for body in rng.sample(networks, rng.choice((0, 1, 1, 2))):
            add(firm, "MEMBER_OF", body)
    for person in k["personne"]:                                          # people sit on bodies
        for body in rng.sample(bodies, rng.randint(1, 4 if person in elected else 2)):
            add(person, rng.choice(("MEMBER_OF", "MEMBER_OF", "GOVERNS", "PARTICIPATES_IN")), body)
    for window in k["window"]:                                            # windows orient to providers
        for provider in rng.sample(orgs, 25):
            add(window, "REFERS_TO", provider)
    for org in orgs:                                                      # providers offer services
        for need in rng.sample(list(SERVICES), rng.choice((0, 0, 1, 2))):
            add(org, "OFFERS", need, "service")
    for org in rng.sample(orgs, len(orgs) // 3):
        add(org, "MEMBER_OF", rng.choice(bodies))
    everyone = list(graph.actors)
    while len(graph.links) < links:                                       # partnerships, funding, support
        kind = rng.choices(("PARTNER_OF", "FUNDS", "SUPPORTS", "FOUNDED", "HOSTS", "PART_OF"), (6, 2, 2, 1, 1, 1))[0]
        add(rng.choice(orgs), kind, rng.choice(everyone if kind != "PART_OF" else orgs))
    return graph


def write_csv(graph: Graph, folder: Path) -> None:
    """Write ``actors.csv``, ``links.csv`` and ``territories.csv`` (columns of the import contract)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "territories.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "level", "code", "parent"])
        writer.writerows([t.id, t.name, t.level, t.code, t.parent] for t in graph.territories.values())
    names = {t.id: t.name for t in graph.territories.values()}
    with open(folder / "actors.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "aliases", "kinds", "roles", "territory", "siren", "size", "sector",
                         "website", "stance"])
        for a in graph.actors.values():
            writer.writerow([a.id, a.name, "", "|".join(a.kinds), "|".join(a.roles),
                             "|".join(names[t] for t in a.territories), "", a.attributes.get("size", ""),
                             a.attributes.get("sector", ""), "", a.attributes.get("stance", "")])
    with open(folder / "links.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "target", "kind", "confidence", "note"])
        for link in graph.links.values():
            writer.writerow([link.source, link.target, link.kind, link.confidence, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--communes", type=int, default=40, help="communes où répartir les acteurs")
    parser.add_argument("--csv", type=Path, help="dossier où écrire actors.csv, links.csv et territories.csv")
    args = parser.parse_args()
    graph = generate(args.actors, args.links, args.seed, args.communes)
    print(f"{len(graph.actors)} acteurs, {len(graph.links)} liens")
    if args.csv:
        write_csv(graph, args.csv)
        print(f"écrit : actors.csv, links.csv et territories.csv dans {args.csv}")


if __name__ == "__main__":
    main()
