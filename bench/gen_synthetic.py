"""A synthetic territory graph for benchmarks: 20,000 actors and 100,000 links by default.

Realistic mix: mostly very small and small firms, relay actors (accountants, banks) that each see
dozens of firms, chambers, clusters, ESS actors, single windows with their providers, elected
people with stances sitting on governance bodies, all located in the communes of one
agglomeration (and a second, smaller one for comparisons). Deterministic for a given seed
(numpy's ``default_rng``): the same arguments always give the same files.

Drawn in numpy and written by pyarrow: a million actors and five million links in a few seconds.
:func:`synthesise` gives the columns, :func:`generate` the same graph as model objects (small
graphs: tests, ``bench_analyses.py``), :func:`write_csv` the three files of the import contract.

    python bench/gen_synthetic.py                 # prints counts
    python bench/gen_synthetic.py --csv out/      # writes out/actors.csv, links.csv, territories.csv
    maillage import out/actors.csv out/links.csv --territoires out/territories.csv --db out/db
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

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
ESS_KINDS = ("scic", "cooperative", "ptce", "cec", "fondation")
LINK_KINDS = ("SUPPORTS", "MEMBER_OF", "GOVERNS", "PARTICIPATES_IN", "REFERS_TO", "OFFERS", "PARTNER_OF",
              "FUNDS", "FOUNDED", "HOSTS", "PART_OF")
METHODS = (("import", 5), ("pattern", 3), ("dependency", 1), ("cooccurrence", 1))
#: Kinds of the random links that fill up to the number asked, and their weights.
FILL = (("PARTNER_OF", 6), ("FUNDS", 2), ("SUPPORTS", 2), ("FOUNDED", 1), ("HOSTS", 1), ("PART_OF", 1))


class Synthetic(NamedTuple):
    """The generated graph in columns: ``territories`` (records), ``actors`` (``id``, ``name``, ``kinds``,
    ``roles`` (``|``-joined), ``territory`` (id), ``size``, ``sector``, ``stance``) and ``links``
    (``source``, ``kind``, ``target``, ``target_type``, ``confidence``, ``method``), in order."""

    territories: list[Territory]
    actors: pa.Table
    links: pa.Table


def _territories(communes: int) -> list[Territory]:
    places = [Territory("reg", "Région Synthétique", "region", "99"),
              Territory("dep", "Département Synthétique", "departement", "99D", "reg"),
              Territory("agglo", TERRITORY, "epci", "299000001", "dep"),
              Territory("voisin", OTHER_TERRITORY, "epci", "299000002", "dep")]
    return places + [Territory(f"com{i:03d}", f"Commune {i:03d}", "commune", f"99{i:03d}",
                               "agglo" if i % 5 else "voisin") for i in range(communes)]


def _choice(rng: np.random.Generator, values, weights, size: int) -> np.ndarray:
    p = np.asarray(weights, float)
    return np.asarray(values, dtype=object)[rng.choice(len(values), size, p=p / p.sum())]


def _actors(n: int, communes: int, rng: np.random.Generator) -> tuple[pa.Table, dict[str, np.ndarray]]:
    """The actors table and the rows of each kind (plus ``window``: the single windows)."""
    counts = {kind: max(1, round(share * n)) for kind, share in MIX.items()}
    counts["entreprise"] = n - sum(counts.values())
    kind = np.repeat(np.array(list(counts), dtype=object), list(counts.values()))
    number = np.concatenate([np.arange(c) for c in counts.values()])
    starts = np.cumsum([0, *counts.values()])
    rows = {k: np.arange(starts[i], starts[i + 1]) for i, k in enumerate(counts)}
    numbers = pc.utf8_lpad(pa.array(number).cast(pa.string()), 5, "0")
    ids = pc.binary_join_element_wise(pa.array(kind, pa.string()), numbers, "-")
    titles = {k: k.replace("_", " ").title() for k in counts}
    names = pc.binary_join_element_wise(pa.array([titles[k] for k in kind], pa.string()), numbers, " ")
    size, sector, stance, roles = (np.full(n, "", dtype=object) for _ in range(4))
    firms, ess = rows["entreprise"], np.concatenate([rows[k] for k in ESS_KINDS])
    size[firms] = _choice(rng, [s for s, _ in SIZES], [w for _, w in SIZES], len(firms))
    sector[firms] = _choice(rng, SECTORS, [1] * len(SECTORS), len(firms))
    sector[ess] = _choice(rng, SECTORS, [1] * len(SECTORS), len(ess))
    size[ess] = _choice(rng, ("TPE", "PME"), (1, 1), len(ess))
    roles[ess] = "transition|ess"
    roles[rows["cec"]] = "transition"
    people = rows["personne"]
    elected = people[rng.random(len(people)) < 0.3]
    roles[elected] = "elu"
    stance[elected] = _choice(rng, list(STANCES), [1] * len(STANCES), len(elected))
    agencies = rows["agence"]
    windows = np.concatenate([rng.choice(agencies, max(1, int(WINDOW_SHARE * len(agencies))), replace=False),
                              rows["cci"][:1], rows["chambre_metiers"][:1]])
    roles[windows] = [r + "|guichet_unique" if r else "guichet_unique" for r in roles[windows]]
    rows["window"] = windows
    place = pa.array([f"com{i:03d}" for i in range(communes)]).take(pa.array(rng.integers(0, communes, n)))
    table = pa.table({"id": ids, "name": names, "kinds": pa.array(kind, pa.string()),
                      "roles": pa.array(roles, pa.string()), "territory": place,
                      "size": pa.array(size, pa.string()), "sector": pa.array(sector, pa.string()),
                      "stance": pa.array(stance, pa.string())})
    return table, rows


def _pairs(sources: np.ndarray, counts: np.ndarray, targets: np.ndarray, rng: np.random.Generator):
    """Each source repeated ``counts`` times, each with a target drawn from ``targets``."""
    return np.repeat(sources, counts), targets[rng.integers(0, len(targets), int(counts.sum()))]


def _structure(k: dict[str, np.ndarray], elected: np.ndarray, rng: np.random.Generator, services: int):
    """The links every territory has (relays, memberships, seats, windows, offers), as
    (source rows, kind codes, target rows) blocks; an ``OFFERS`` target is a service number."""
    code = {name: i for i, name in enumerate(LINK_KINDS)}
    orgs = np.concatenate([ids for kind, ids in k.items() if kind not in ("personne", "window", "entreprise")])
    bodies = np.concatenate([k["instance"], k["cci"], k["chambre_metiers"], k["collectivite"]])
    networks = np.concatenate([k["reseau_entreprises"], k["cluster"], k["association"][:200], k["ptce"]])
    relays, people = np.concatenate([k["relais"], k["chambre_metiers"]]), k["personne"]
    blocks = [(*_pairs(relays, rng.integers(20, 91, len(relays)), k["entreprise"], rng), code["SUPPORTS"]),
              (*_pairs(k["entreprise"], rng.choice((0, 1, 1, 2), len(k["entreprise"])), networks, rng),
               code["MEMBER_OF"])]
    seats = rng.integers(1, np.where(np.isin(people, elected), 5, 3))
    source, target = _pairs(people, seats, bodies, rng)
    blocks.append((source, target, np.array([code[c] for c in ("MEMBER_OF", "MEMBER_OF", "GOVERNS",
                                                                 "PARTICIPATES_IN")])[rng.integers(0, 4, len(source))]))
    blocks.append((*_pairs(k["window"], np.full(len(k["window"]), 25), orgs, rng), code["REFERS_TO"]))
    offers = rng.choice((0, 0, 1, 2), len(orgs))
    blocks.append((np.repeat(orgs, offers), rng.integers(0, services, int(offers.sum())), code["OFFERS"]))
    members = rng.choice(orgs, len(orgs) // 3, replace=False)
    blocks.append((members, bodies[rng.integers(0, len(bodies), len(members))], code["MEMBER_OF"]))
    return [(s, np.broadcast_to(np.asarray(c), s.shape), t) for s, t, c in blocks], orgs


def _fill(orgs: np.ndarray, everyone: int, size: int, rng: np.random.Generator):
    """``size`` random partnerships, funding and support links between organisations (and anyone)."""
    kinds = np.array([LINK_KINDS.index(k) for k, _ in FILL])[
        rng.choice(len(FILL), size, p=np.array([w for _, w in FILL]) / sum(w for _, w in FILL))]
    source = orgs[rng.integers(0, len(orgs), size)]
    target = np.where(kinds == LINK_KINDS.index("PART_OF"), orgs[rng.integers(0, len(orgs), size)],
                      rng.integers(0, everyone, size))
    return source, kinds, target


def _distinct(source: np.ndarray, kind: np.ndarray, target: np.ndarray, actors: int) -> np.ndarray:
    """Rows of the first occurrence of each (source, kind, target), self-links left out, in order."""
    key = (source * len(LINK_KINDS) + kind) * actors + target
    keep = (source != target) | (kind == LINK_KINDS.index("OFFERS"))
    _, first = np.unique(key[keep], return_index=True)
    return np.flatnonzero(keep)[np.sort(first)]


def synthesise(actors: int = 20_000, links: int = 100_000, seed: int = 7, communes: int = 40) -> Synthetic:
    """The synthetic graph in columns (see the module docstring): ``actors`` actors and ``links`` links
    (more when the structural links alone exceed it), without self-links or repeated (source, kind, target)."""
    rng = np.random.default_rng(seed)
    table, k = _actors(actors, communes, rng)
    elected = k["personne"][pc.equal(table.column("roles").take(pa.array(k["personne"])), "elu").to_numpy(
        zero_copy_only=False)]
    blocks, orgs = _structure(k, elected, rng, len(SERVICES))
    source, kind, target = (np.concatenate([b[i] for b in blocks]) for i in range(3))
    first = _distinct(source, kind, target, actors)
    structural = len(first)  # every structural link is kept, random ones fill up to ``links``
    while len(first) < links:
        more = _fill(orgs, actors, 2 * (links - len(first)) + 100, rng)
        source, kind, target = (np.concatenate([x[first], m]) for x, m in zip((source, kind, target), more))
        first = _distinct(source, kind, target, actors)
    first = first[:max(links, structural)]
    source, kind, target = source[first], kind[first], target[first]
    ids, services = table.column("id"), pa.array(list(SERVICES))
    is_offer = kind == LINK_KINDS.index("OFFERS")
    target_ids = pc.if_else(pa.array(is_offer), services.take(pa.array(np.where(is_offer, target, 0))),
                            ids.take(pa.array(np.where(is_offer, 0, target))))
    n = len(source)
    link_table = pa.table({
        "source": ids.take(pa.array(source)), "kind": pa.array(np.array(LINK_KINDS, dtype=object)[kind], pa.string()),
        "target": target_ids,
        "target_type": pa.array(np.where(is_offer, "service", "actor").astype(object), pa.string()),
        "confidence": np.round(rng.uniform(0.3, 1.0, n), 2),
        "method": pa.array(_choice(rng, [m for m, _ in METHODS], [w for _, w in METHODS], n), pa.string())})
    return Synthetic(_territories(communes), table, link_table)


def generate(actors: int = 20_000, links: int = 100_000, seed: int = 7, communes: int = 40) -> Graph:
    """The synthetic graph as model objects (see :func:`synthesise`)."""
    data = synthesise(actors, links, seed, communes)
    graph = Graph()
    graph.territories = {t.id: t for t in data.territories}
    for row in data.actors.to_pylist():
        attributes = {name: row[name] for name in ("size", "sector", "stance") if row[name]}
        graph.actors[row["id"]] = Actor(row["id"], row["name"], [row["kinds"]],
                                        roles=[r for r in row["roles"].split("|") if r],
                                        territories=[row["territory"]], attributes=attributes)
    for row in data.links.to_pylist():
        evidence = [Evidence("synthetic", confidence=row["confidence"], method=row["method"])]
        graph.links[(row["source"], row["kind"], row["target"])] = Link(row["source"], row["kind"], row["target"],
                                                                       evidence, row["target_type"])
    return graph


def _write(table: pa.Table, path: Path) -> None:
    """A CSV file with no quotes (no generated value holds a comma or a quote: pyarrow refuses one that would)."""
    pacsv.write_csv(table, str(path), pacsv.WriteOptions(quoting_style="none"))


def write_csv(data: Synthetic, folder: Path) -> None:
    """Write ``actors.csv``, ``links.csv`` and ``territories.csv`` (columns of the import contract)."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(pa.Table.from_pylist([{"id": t.id, "name": t.name, "level": t.level, "code": t.code,
                                  "parent": t.parent or ""} for t in data.territories]), folder / "territories.csv")
    names = {t.id: t.name for t in data.territories}
    actors, n = data.actors, data.actors.num_rows
    empty = pa.array([""] * n, pa.string())
    _write(pa.table({"id": actors.column("id"), "name": actors.column("name"), "aliases": empty,
                     "kinds": actors.column("kinds"), "roles": actors.column("roles"),
                     "territory": pc.take(pa.array(list(names.values())),
                                          pc.index_in(actors.column("territory"), pa.array(list(names)))),
                     "siren": empty, "size": actors.column("size"), "sector": actors.column("sector"),
                     "website": empty, "stance": actors.column("stance")}), folder / "actors.csv")
    links = data.links
    _write(pa.table({"source": links.column("source"), "target": links.column("target"), "kind": links.column("kind"),
                     "confidence": links.column("confidence"), "note": pa.array([""] * links.num_rows, pa.string())}),
           folder / "links.csv")


def start_points(data: Synthetic) -> tuple[str, str]:
    """Where benchmarks start ``peers`` and ``relays``: the elected person with most links (first id on a
    tie) and the first agency by id."""
    ends = pa.concat_arrays([data.links.column("source").combine_chunks(),
                             data.links.column("target").combine_chunks()])
    counted = pc.value_counts(ends)
    degree = dict(zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist()))
    rows = data.actors.to_pydict()
    elected = sorted(a for a, r in zip(rows["id"], rows["roles"]) if "elu" in r.split("|"))
    agency = sorted(a for a, kind in zip(rows["id"], rows["kinds"]) if kind == "agence")[0]
    return max(elected, key=lambda a: degree.get(a, 0)), agency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--communes", type=int, default=40, help="communes où répartir les acteurs")
    parser.add_argument("--csv", type=Path, help="dossier où écrire actors.csv, links.csv et territories.csv")
    args = parser.parse_args()
    data = synthesise(args.actors, args.links, args.seed, args.communes)
    print(f"{data.actors.num_rows} acteurs, {data.links.num_rows} liens")
    if args.csv:
        write_csv(data, args.csv)
        print(f"écrit : actors.csv, links.csv et territories.csv dans {args.csv}")


if __name__ == "__main__":
    main()
