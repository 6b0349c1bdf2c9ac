"""Write the demo territory's structured data: maillage/demo/data/{territories,actors,links}.csv.

The territory is fictional: the Communauté d'agglomération du Val de Brenne,
its two neighbouring communautés de communes (Coteaux d'Argence, Monts du
Lisois), the PETR du Pays de Brenne-Argence that groups them, the département
of Brenne-et-Argence and the région Ligérie. National bodies (ADEME,
Bpifrance, Fondation de France, CEC...) keep their real names.

The named institutional actors and their links are written by hand in
``demo_institutions.py`` beside this script; the ~95 very small firms, their
relay actors (SUPPORTS), their memberships and their seats are drawn here
with a fixed seed, so that running the script twice writes the same files.

Usage: ``python scripts/make_demo_data.py [OUTPUT_DIR]`` (default: maillage/demo/data).
"""
from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_institutions as inst  # noqa: E402  (hand-written tables beside this script)

SEED = 20260
ACTOR_COLUMNS = ["id", "name", "aliases", "kinds", "roles", "territory", "siren", "size",
                 "sector", "website", "stance", "function"]
LINK_COLUMNS = ["source", "target", "kind", "confidence", "note"]
TERRITORY_COLUMNS = ["id", "name", "level", "code", "parent"]

# Trades of the very small firms: (label, NAF section, craft?).
TRADES = [
    ("Boulangerie", "C", True), ("Boucherie", "C", True), ("Menuiserie", "F", True),
    ("Plomberie", "F", True), ("Électricité", "F", True), ("Maçonnerie", "F", True),
    ("Couverture", "F", True), ("Garage", "G", True), ("Coiffure", "S", True),
    ("Fleuriste", "G", False), ("Librairie", "G", False), ("Épicerie fine", "G", False),
    ("Transports", "H", False), ("Restaurant", "I", False), ("Gîte", "I", False),
    ("Conseil informatique", "J", False), ("Bureau d'études", "M", False),
    ("Architecture", "M", False), ("Nettoyage", "N", False), ("Paysagiste", "N", False),
    ("Cabinet infirmier", "Q", False), ("Ferme", "A", False), ("Pépinière horticole", "A", False),
    ("Métallerie", "C", True), ("Ébénisterie", "C", True), ("Imprimerie", "C", False),
]
SURNAMES = [
    "Martin", "Bernard", "Durand", "Lefèvre", "Moulin", "Caron", "Renaud", "Guérin",
    "Barbier", "Fabre", "Roux", "Meunier", "Blanchard", "Gauthier", "Perrin", "Lemoine",
    "Collet", "Jacquet", "Brun", "Bertin", "Leclerc", "Marty", "Vidal", "Chauvin",
    "Hamon", "Poirier", "Baudin", "Charpentier", "Royer", "Carpentier", "Huet", "Picard",
    "Marchal", "Prévost", "Colas", "Tanguy", "Langlois", "Besnard", "Rolland", "Giraud",
    "Aubert", "Delmas", "Ferrand", "Lacroix", "Maillard", "Texier", "Vallet", "Joly",
]
# Communes where the firms are, with a weight (Brennecourt is the main town).
FIRM_PLACES = [
    ("Brennecourt", 14), ("Saint-Aubin-de-Brenne", 4), ("Vaudrey-sur-Brenne", 3),
    ("Les Essarts-Brenne", 2), ("Mireval-le-Pont", 2), ("Saulnay", 2), ("Fontclaire", 1),
    ("Argençay", 5), ("Villiers-en-Argence", 2), ("Saint-Cyprien-d'Argence", 2), ("Bois-Rotrou", 1),
    ("Lisoy-le-Château", 4), ("Ferrières-en-Lisois", 2), ("La Chapelle-Haute", 1),
]
FIRM_COUNT = 96

# Relay actors: id -> (probability of serving a firm, area filter, sentence template).
RELAY_RULES = {
    "cabinet-moreau": (0.55, "Val de Brenne", "Le cabinet Moreau & Associés tient la comptabilité de {firm}."),
    "comptalis-conseil": (0.18, "Val de Brenne", "Comptalis Conseil établit les comptes annuels de {firm}."),
    "argence-expertise": (0.75, "Coteaux d'Argence", "Argence Expertise tient la comptabilité de {firm}."),
    "cabinet-delaunay": (0.7, "Monts du Lisois", "Le cabinet Delaunay conseille {firm} pour sa gestion."),
    "banque-ligerienne": (0.35, "", "La Banque Ligérienne (agence de Brennecourt) est la banque de {firm}."),
    "caisse-solidaire-coteaux": (0.55, "Coteaux d'Argence", "La Caisse solidaire des Coteaux accompagne {firm} pour ses prêts."),
    "credit-des-vals": (0.45, "Monts du Lisois", "Le Crédit des Vals (agence de Lisoy) suit les comptes de {firm}."),
    "mal-assurances": (0.22, "", "La Mutuelle d'assurances du Lisois assure {firm}."),
    "perrin-assurances": (0.12, "Val de Brenne", "Perrin Assurances conseille {firm} pour ses contrats."),
    "opco-ep-ligerie": (0.25, "PME", "L'OPCO EP Ligérie accompagne le plan de compétences de {firm}."),
    "office-notarial-garnier": (0.06, "", "L'office notarial Garnier et Lefort a accompagné la reprise de {firm}."),
    "trajectoires-rse": (0.05, "", "Trajectoires RSE conseille {firm} pour son bilan carbone."),
}
CRAFT_SUPPORT = "L'artisan {firm} est accompagné par la Chambre de métiers et de l'artisanat de Brenne-et-Argence."
FARM_SUPPORT = "{firm} est suivie par un conseiller de la Chambre d'agriculture de Brenne-et-Argence."
MAX_RELAYS = 3


@dataclass
class Firm:
    """A very small firm drawn by the generator."""

    id: str
    name: str
    trade: str
    sector: str
    craft: bool
    size: str
    place: str
    siren: str
    relays: list[str] = field(default_factory=list)


def luhn_siren(rng: random.Random) -> str:
    """A Luhn-valid nine-digit SIREN starting with 000, a range INSEE does not issue."""
    body = "000" + "".join(str(rng.randrange(10)) for _ in range(5))
    for check in range(10):
        digits = [int(c) for c in body + str(check)]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2)
                    for i, d in enumerate(digits))
        if total % 10 == 0:
            return body + str(check)
    raise AssertionError("unreachable: one check digit always fits")


def epci_of(place: str) -> str:
    """The intercommunality (territory name) a commune belongs to."""
    parents = {name: parent for name, _level, _code, parent in inst.TERRITORIES}
    return parents[place]


def draw_firms(rng: random.Random) -> list[Firm]:
    """Draw the firms: unique names, a trade, a size, a commune."""
    places = [p for p, w in FIRM_PLACES for _ in range(w)]
    firms: list[Firm] = []
    names: set[str] = set()
    while len(firms) < FIRM_COUNT:
        trade, sector, craft = rng.choice(TRADES)
        name = f"{trade} {rng.choice(SURNAMES)}"
        if name in names:
            continue
        names.add(name)
        size = "PME" if rng.random() < 0.22 else "TPE"
        firm_id = "ent-" + inst.slug(name)
        firms.append(Firm(firm_id, name, trade, sector, craft, size, rng.choice(places), luhn_siren(rng)))
    return firms


def relay_applies(area: str, firm: Firm) -> bool:
    """Whether a relay's area filter (an EPCI name, "PME" or none) admits the firm."""
    if area == "PME":
        return firm.size == "PME"
    return not area or epci_of(firm.place) == area


def assign_relays(rng: random.Random, firm: Firm) -> None:
    """Give the firm one to three relay actors, chambers included."""
    chosen = [r for r, (p, area, _t) in RELAY_RULES.items() if relay_applies(area, firm) and rng.random() < p]
    if firm.craft and rng.random() < 0.85:
        chosen.insert(0, "cma-brenne-argence")
    if firm.sector == "A":
        chosen.insert(0, "chambre-agriculture")
    rng.shuffle(chosen)
    if not chosen:
        chosen = [{"Val de Brenne": "cabinet-moreau", "Coteaux d'Argence": "argence-expertise",
                   "Monts du Lisois": "cabinet-delaunay"}[epci_of(firm.place)]]
    firm.relays = chosen[:MAX_RELAYS]


def support_note(relay: str, firm: Firm) -> str:
    if relay == "cma-brenne-argence":
        return CRAFT_SUPPORT.format(firm=firm.name)
    if relay == "chambre-agriculture":
        return FARM_SUPPORT.format(firm=firm.name)
    return RELAY_RULES[relay][2].format(firm=firm.name)


def firm_rows(firm: Firm) -> dict:
    return {"id": firm.id, "name": firm.name, "aliases": "", "kinds": "entreprise", "roles": "",
            "territory": firm.place, "siren": firm.siren, "size": firm.size, "sector": firm.sector,
            "website": "", "stance": "", "function": ""}


def firm_links(rng: random.Random, firm: Firm) -> list[tuple]:
    """The firm's seat, its relays, and a few memberships drawn by chance."""
    links = [(firm.id, firm.place, "LOCATED_IN", 1.0, f"{firm.name} est installée à {firm.place}.")]
    links += [(relay, firm.id, "SUPPORTS", 1.0, support_note(relay, firm)) for relay in firm.relays]
    epci = epci_of(firm.place)
    if epci == "Val de Brenne" and rng.random() < 0.25:
        links.append((firm.id, "club-entreprises-vdb", "MEMBER_OF", 1.0,
                      f"{firm.name} adhère au Club des entreprises du Val de Brenne."))
    if firm.size == "PME" and rng.random() < 0.4:
        links.append((firm.id, "cpme-brenne-argence", "MEMBER_OF", 1.0,
                      f"{firm.name} est membre de la CPME de Brenne-et-Argence."))
    if firm.trade in ("Menuiserie", "Ébénisterie", "Couverture") and rng.random() < 0.5:
        links.append((firm.id, "cluster-bois", "MEMBER_OF", 1.0,
                      f"{firm.name} a rejoint le cluster Argence Bois."))
    if epci == "Coteaux d'Argence" and rng.random() < 0.15:
        links.append((firm.id, "ptce-fabrique-coteaux", "MEMBER_OF", 0.9,
                      f"{firm.name} est membre du PTCE La Fabrique des Coteaux."))
    if rng.random() < 0.08:
        links.append(("agevab", firm.id, "SUPPORTS", 1.0,
                      f"L'AGEVAB a accompagné {firm.name} dans son projet de développement."))
    return links


def territory_rows() -> list[dict]:
    return [{"id": inst.territory_id(name), "name": name, "level": level, "code": code,
             "parent": inst.territory_id(parent) if parent else ""}
            for name, level, code, parent in inst.TERRITORIES]


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(out: Path) -> tuple[int, int, int]:
    """Write the three CSV files into ``out``; return (territories, actors, links) counts."""
    rng = random.Random(SEED)
    firms = draw_firms(rng)
    for firm in firms:
        assign_relays(rng, firm)
    actors = [dict(dict.fromkeys(ACTOR_COLUMNS, ""), **row) for row in inst.ACTORS]
    actors += [firm_rows(firm) for firm in firms]
    links = list(inst.LINKS)
    for firm in firms:
        links += firm_links(rng, firm)
    link_rows = [dict(zip(LINK_COLUMNS, (s, t, k, f"{c:.2f}", n))) for s, t, k, c, n in links]
    out.mkdir(parents=True, exist_ok=True)
    territories = territory_rows()
    write_csv(out / "territories.csv", TERRITORY_COLUMNS, territories)
    write_csv(out / "actors.csv", ACTOR_COLUMNS, actors)
    write_csv(out / "links.csv", LINK_COLUMNS, link_rows)
    return len(territories), len(actors), len(link_rows)


def main() -> None:
    default = Path(__file__).resolve().parent.parent / "maillage" / "demo" / "data"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    counts = build(out)
    print(f"{counts[0]} territoires, {counts[1]} acteurs, {counts[2]} liens écrits dans {out}")
    import make_demo_reference  # the same territory's official-format samples, beside the data

    print(f"{make_demo_reference.build(out.parent / 'reference')} fichiers officiels d'exemple écrits")


if __name__ == "__main__":
    main()
