"""Write the demo territory's official-format samples: maillage/demo/reference/*.csv.

The same fictional territory as ``make_demo_data.py`` (codes from ``demo_institutions.py``), in the
exact formats of the published files: INSEE COG (``v_region``, ``v_departement``, ``v_commune``),
INSEE's EPCI composition sheet, a commune coordinates table, two RNE files (maires,
conseillers communautaires; ``;``-separated, with the birth date and profession columns the real
files carry, which the importer never reads) and a SIRENE stock (``StockEtablissement`` with all
its columns, ``StockUniteLegale``). Establishments are drawn with a fixed seed; the relays sit in
the larger communes so that small communes of the Coteaux d'Argence and Monts du Lisois are
relay deserts.

Usage: ``python scripts/make_demo_reference.py [OUTPUT_DIR]`` (default: maillage/demo/reference).
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_institutions as inst  # noqa: E402

SEED = 13
YEAR = 2025
REGION = ("09", "Ligérie")
DEPARTEMENTS = [("108", "Brenne-et-Argence"), ("109", "Val-de-Lise")]
EPCIS = {"Val de Brenne": "CA du Val de Brenne", "Coteaux d'Argence": "CC des Coteaux d'Argence",
         "Monts du Lisois": "CC des Monts du Lisois"}
#: Where each intercommunality's communes lie (the territory is fictional; these are fields of the Berry).
CENTRES = {"Val de Brenne": (47.12, 1.55), "Coteaux d'Argence": (46.93, 1.80), "Monts du Lisois": (47.25, 1.85),
           "Val-de-Lise": (46.85, 2.15)}
EPCI_CODES = {name: code for name, level, code, _parent in inst.TERRITORIES if level == "epci"}
COMMUNE_COLUMNS = ["TYPECOM", "COM", "REG", "DEP", "CTCD", "ARR", "TNCC", "NCC", "NCCENR", "LIBELLE", "CAN",
                   "COMPARENT"]
ETABLISSEMENT_COLUMNS = (
    "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,"
    "anneeEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,dateDernierTraitementEtablissement,"
    "etablissementSiege,nombrePeriodesEtablissement,complementAdresseEtablissement,numeroVoieEtablissement,"
    "indiceRepetitionEtablissement,dernierNumeroVoieEtablissement,indiceRepetitionDernierNumeroVoieEtablissement,"
    "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,"
    "libelleCommuneEtrangerEtablissement,distributionSpecialeEtablissement,codeCommuneEtablissement,"
    "codeCedexEtablissement,libelleCedexEtablissement,codePaysEtrangerEtablissement,"
    "libellePaysEtrangerEtablissement,identifiantAdresseEtablissement,coordonneeLambertAbscisseEtablissement,"
    "coordonneeLambertOrdonneeEtablissement,complementAdresse2Etablissement,numeroVoie2Etablissement,"
    "indiceRepetition2Etablissement,typeVoie2Etablissement,libelleVoie2Etablissement,codePostal2Etablissement,"
    "libelleCommune2Etablissement,libelleCommuneEtranger2Etablissement,distributionSpeciale2Etablissement,"
    "codeCommune2Etablissement,codeCedex2Etablissement,libelleCedex2Etablissement,codePaysEtranger2Etablissement,"
    "libellePaysEtranger2Etablissement,dateDebut,etatAdministratifEtablissement,enseigne1Etablissement,"
    "enseigne2Etablissement,enseigne3Etablissement,denominationUsuelleEtablissement,"
    "activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,caractereEmployeurEtablissement"
).split(",")
UNITE_LEGALE_COLUMNS = (
    "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,"
    "sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,"
    "prenomUsuelUniteLegale,pseudonymeUniteLegale,identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,"
    "anneeEffectifsUniteLegale,dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,"
    "anneeCategorieEntreprise,dateDebut,etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,"
    "denominationUniteLegale,denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,"
    "denominationUsuelle3UniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
    "nomenclatureActivitePrincipaleUniteLegale,nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,"
    "societeMissionUniteLegale,caractereEmployeurUniteLegale"
).split(",")
RNE_HEAD = ["Code du département", "Libellé du département", "Code de la collectivité à statut particulier",
            "Libellé de la collectivité à statut particulier"]
RNE_PERSON = ["Nom de l'élu", "Prénom de l'élu", "Code sexe", "Date de naissance",
              "Code de la catégorie socio-professionnelle", "Libellé de la catégorie socio-professionnelle",
              "Date de début du mandat"]
#: Mayors: commune -> (first name, surname); the ones the demo's documents name keep their names.
MAYORS = {"Brennecourt": ("Claire", "VASSEUR"), "Saint-Aubin-de-Brenne": ("Jean-Marc", "PELLETIER"),
          "Argençay": ("Hervé", "DAUBIGNY"), "Lisoy-le-Château": ("Patrick", "ROUSSEL"),
          "Vaudrey-sur-Brenne": ("Laurent", "CHEVALIER"), "Mireval-le-Pont": ("Amélie", "ROCHER"),
          "Ferrières-en-Lisois": ("Isabelle", "TESSIER"), "Les Essarts-Brenne": ("Gilles", "HAMELIN"),
          "Saulnay": ("Béatrice", "LOUVEL"), "Fontclaire": ("Marc", "ESNAULT"),
          "Villiers-en-Argence": ("Mathieu", "GRANDJEAN"), "Saint-Cyprien-d'Argence": ("Solène", "KERBRAT"),
          "Bois-Rotrou": ("Denis", "AUFFRAY"), "La Chapelle-Haute": ("Annick", "DE LA BRUYÈRE"),
          "Ligeville": ("Karim", "BOUAZIZ")}
#: Community councils: EPCI -> [(commune, first name, surname, function)].
COUNCILS = {"Val de Brenne": [("Brennecourt", "Claire", "VASSEUR", "Président du conseil communautaire"),
                              ("Brennecourt", "Thierry", "LAMBERT", "Vice-président"),
                              ("Saint-Aubin-de-Brenne", "Nadia", "BENALI", "Vice-président"),
                              ("Saint-Aubin-de-Brenne", "Jean-Marc", "PELLETIER", "")],
            "Coteaux d'Argence": [("Villiers-en-Argence", "Mathieu", "GRANDJEAN", "Président du conseil communautaire"),
                                  ("Argençay", "Hervé", "DAUBIGNY", "")],
            "Monts du Lisois": [("Lisoy-le-Château", "Patrick", "ROUSSEL", "Président du conseil communautaire"),
                                ("Ferrières-en-Lisois", "Isabelle", "TESSIER", "Vice-président")]}
#: Relays by commune: (NAF, name).
RELAYS = {"Brennecourt": [("69.20Z", "FIDUCIAIRE DU VAL"), ("64.19Z", "BANQUE POPULAIRE DU VAL AGENCE CENTRE"),
                          ("66.22Z", "CABINET D'ASSURANCES LEROUX")],
          "Vaudrey-sur-Brenne": [("69.20Z", "EXPERTISE VAUDREY")],
          "Argençay": [("64.19Z", "CREDIT DES COTEAUX")],
          "Lisoy-le-Château": [("69.20Z", "AUDIT LISOIS"), ("64.19Z", "CAISSE DU LISOIS")],
          "Ferrières-en-Lisois": [("69.10Z", "SCP MAITRE ROLLIN")]}
#: Ordinary firms: NAF codes drawn from.
TRADES = ["10.71C", "43.22A", "43.21A", "45.20A", "96.02A", "47.24Z", "56.10A", "01.11Z", "16.23Z", "62.02A",
          "71.12B", "81.21Z", "88.91A", "49.41A", "25.62B"]
BANDS = ["NN", "00", "01", "02", "03", "NN", "01", "11", "12"]
SURNAMES = ["MOREL", "GARNIER", "BRUNET", "LEBRETON", "COSTE", "PAGES", "NOEL", "RENARD", "MASSON", "HENRY"]
FIRST = ["Julie", "Paul", "Inès", "Marc", "Lucie", "Yves", "Chloé", "Hugo"]
TNCC = {"Les Essarts-Brenne": ("4", "ESSARTS BRENNE"), "La Chapelle-Haute": ("3", "CHAPELLE HAUTE")}


def communes() -> list[tuple[str, str, str]]:
    """``(name, code, parent name)`` of the demo's communes."""
    return [(name, code, parent) for name, level, code, parent in inst.TERRITORIES if level == "commune"]


def write(path: Path, columns: list[str], rows: list[dict], delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=delimiter, lineterminator="\n",
                                restval="")
        writer.writeheader()
        writer.writerows(rows)


def luhn(number: str) -> str:
    """``number`` followed by its Luhn check digit (SIREN and SIRET are Luhn numbers)."""
    total = 0
    for i, digit in enumerate(reversed(number + "0")):
        d = int(digit) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return number + str((10 - total % 10) % 10)


def build(out: Path) -> int:
    """Write every sample into ``out``; return the number of files."""
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    write(out / f"v_region_{YEAR}.csv", ["REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"],
          [{"REG": REGION[0], "CHEFLIEU": "10905", "TNCC": "0", "NCC": "LIGERIE", "NCCENR": REGION[1],
            "LIBELLE": REGION[1]}])
    write(out / f"v_departement_{YEAR}.csv", ["DEP", "REG", "CHEFLIEU", "TNCC", "NCC", "NCCENR", "LIBELLE"],
          [{"DEP": code, "REG": REGION[0], "CHEFLIEU": "10807" if code == "108" else "10905", "TNCC": "0",
            "NCC": name.upper().replace("-", " "), "NCCENR": name, "LIBELLE": name} for code, name in DEPARTEMENTS])
    rows = []
    for name, code, _parent in communes():
        tncc, ncc = TNCC.get(name, ("1" if name[0] in "AEIOU" else "0", name.upper().replace("-", " ")))
        rows.append({"TYPECOM": "COM", "COM": code, "REG": REGION[0], "DEP": code[:3], "CTCD": code[:3] + "D",
                     "ARR": code[:3] + "1", "TNCC": tncc, "NCC": ncc, "NCCENR": name, "LIBELLE": name,
                     "CAN": code[:3] + "01"})
    rows.append({"TYPECOM": "COMD", "COM": "10899", "REG": REGION[0], "DEP": "108", "TNCC": "0", "NCC": "VIEUX BOURG",
                 "NCCENR": "Vieux-Bourg", "LIBELLE": "Vieux-Bourg", "COMPARENT": "10807"})
    write(out / f"v_commune_{YEAR}.csv", COMMUNE_COLUMNS, rows)
    write(out / f"Intercommunalite_Metropole_{YEAR}_composition.csv",
          ["CODGEO", "LIBGEO", "EPCI", "LIBEPCI", "DEP", "REG"],
          [{"CODGEO": code, "LIBGEO": name, "EPCI": EPCI_CODES[parent] if parent in EPCIS else "ZZZZZZZZZ",
            "LIBEPCI": EPCIS.get(parent, "Sans objet"), "DEP": code[:3], "REG": REGION[0]}
           for name, code, parent in communes()])
    points = []
    for name, code, parent in communes():
        lat, lon = CENTRES[parent]
        points.append({"code_commune_INSEE": code, "nom_commune": name, "latitude": f"{lat + rng.uniform(-0.07, 0.07):.5f}",
                       "longitude": f"{lon + rng.uniform(-0.1, 0.1):.5f}"})
    write(out / "communes-coordonnees.csv", ["code_commune_INSEE", "nom_commune", "latitude", "longitude"], points)
    write_rne(out, rng)
    write_sirene(out, rng)
    return 10


def write_rne(out: Path, rng: random.Random) -> None:
    code_of = {name: code for name, code, _parent in communes()}
    birth = lambda: f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 1985)}"  # noqa: E731
    columns = RNE_HEAD + ["Code de la commune", "Libellé de la commune"] + RNE_PERSON + ["Date de début de la fonction"]
    write(out / "elus-maires.csv", columns,
          [dict(zip(columns, [code_of[c][:3], "Brenne-et-Argence" if code_of[c][:3] == "108" else "Val-de-Lise",
                              "", "", code_of[c], c, last, first, "", birth(), "31", "Profession déclarée",
                              "15/03/2020", "04/07/2020"])) for c, (first, last) in MAYORS.items()], ";")
    columns = (RNE_HEAD + ["N° SIREN", "Libellé de l'EPCI", "Code de la commune", "Libellé de la commune"]
               + RNE_PERSON + ["Libellé de la fonction", "Date de début de la fonction"])
    write(out / "elus-conseillers-communautaires-epci.csv", columns,
          [dict(zip(columns, ["108", "Brenne-et-Argence", "", "", EPCI_CODES[epci], EPCIS[epci], code_of[c], c,
                              last, first, "", birth(), "31", "Profession déclarée", "15/03/2020", function,
                              "15/07/2020" if function else ""]))
           for epci, members in COUNCILS.items() for c, first, last, function in members], ";")


def _establishment(siren: str, nic: str, commune: tuple[str, str], naf: str, band: str, **extra) -> dict:
    row = dict.fromkeys(ETABLISSEMENT_COLUMNS, "")
    row.update({"siren": siren, "nic": nic, "siret": siren + nic,
                "statutDiffusionEtablissement": "O", "dateCreationEtablissement": "2015-04-01",
                "trancheEffectifsEtablissement": band, "etablissementSiege": "true",
                "libelleCommuneEtablissement": commune[0].upper(), "codeCommuneEtablissement": commune[1],
                "codePostalEtablissement": commune[1], "dateDebut": "2015-04-01",
                "etatAdministratifEtablissement": "A", "activitePrincipaleEtablissement": naf,
                "nomenclatureActivitePrincipaleEtablissement": "NAFRev2", "caractereEmployeurEtablissement": "N"})
    row.update(extra)
    return row


def _unit(siren: str, category: str, denomination: str = "", last: str = "", first: str = "",
          ess: str = "N", diffusion: str = "O", band: str = "NN") -> dict:
    row = dict.fromkeys(UNITE_LEGALE_COLUMNS, "")
    row.update({"siren": siren, "statutDiffusionUniteLegale": diffusion, "dateCreationUniteLegale": "2015-04-01",
                "trancheEffectifsUniteLegale": band, "categorieEntreprise": "PME", "dateDebut": "2015-04-01",
                "etatAdministratifUniteLegale": "A", "nomUniteLegale": last, "prenom1UniteLegale": first,
                "prenomUsuelUniteLegale": first, "denominationUniteLegale": denomination,
                "categorieJuridiqueUniteLegale": category, "nicSiegeUniteLegale": "00012",
                "economieSocialeSolidaireUniteLegale": ess, "caractereEmployeurUniteLegale": "N"})
    return row


def _unused(taken: set, draw) -> tuple[str, ...]:
    """A name drawn until no other establishment of the sample has it (two firms never share a name)."""
    name = draw()
    while name in taken:
        name = draw()
    taken.add(name)
    return name


def write_sirene(out: Path, rng: random.Random) -> None:
    places = [(name, code) for name, code, _parent in communes()]
    weights = {"Brennecourt": 12, "Argençay": 5, "Lisoy-le-Château": 5, "Saint-Aubin-de-Brenne": 4}
    establishments, units = [], []
    serial = 100_000

    def new_siren() -> str:
        nonlocal serial
        serial += 7
        return luhn(f"9{serial:07d}")

    for commune, relays in RELAYS.items():
        code = dict(places)[commune]
        for naf, name in relays:
            siren = new_siren()
            establishments.append(_establishment(siren, "00012", (commune, code), naf, "01"))
            units.append(_unit(siren, "5499", name, band="01"))
    taken: set[tuple[str, ...]] = set()
    for _ in range(60):
        commune = rng.choices(places, [weights.get(p[0], 1) for p in places])[0]
        siren, band, naf = new_siren(), rng.choice(BANDS), rng.choice(TRADES)
        sole_trader = rng.random() < 0.45  # a sole trader: the person's name is the unit's
        name = _unused(taken, lambda: (rng.choice(SURNAMES), rng.choice(FIRST)) if sole_trader
                       else (f"{rng.choice(SURNAMES)} {naf[:2]} SARL",))
        if sole_trader:
            units.append(_unit(siren, "1000", last=name[0], first=name[1], band=band))
        else:
            units.append(_unit(siren, rng.choice(["5499", "5710", "5720"]), name[0], band=band))
        establishments.append(_establishment(siren, "00012", commune, naf, band))
    specials = [("Saulnay", "43.32A", _unit("", "5458", "SCOP MENUISERIES DU SAULNAY", ess="O", band="11")),
                ("Argençay", "35.11Z", _unit("", "5560", "SCIC ENERGIES DES COTEAUX", ess="O", band="02")),
                ("Brennecourt", "88.99B", _unit("", "9220", "ASSOCIATION BRENNE SOLIDAIRE", ess="O", band="03")),
                ("Brennecourt", "94.99Z", _unit("", "9300", "FONDATION DU BOCAGE", ess="O", band="00")),
                ("Bois-Rotrou", "01.50Z", _unit("", "1000", last="SECRETAN", first="Odile", diffusion="P")),
                ("La Chapelle-Haute", "47.11C", _unit("", "5499", "EPICERIE DE LA CHAPELLE", band="01"))]
    for commune, naf, unit in specials:
        unit["siren"] = new_siren()
        units.append(unit)
        diffusion = unit["statutDiffusionUniteLegale"]
        establishments.append(_establishment(unit["siren"], "00012", (commune, dict(places)[commune]), naf,
                                             unit["trancheEffectifsUniteLegale"],
                                             statutDiffusionEtablissement=diffusion))
    closed = establishments[5].copy()
    closed.update(nic="00020", siret=closed["siren"] + "00020", etatAdministratifEtablissement="F")
    establishments.append(closed)
    write(out / "StockEtablissement_demo.csv", ETABLISSEMENT_COLUMNS, establishments)
    write(out / "StockUniteLegale_demo.csv", UNITE_LEGALE_COLUMNS, units)


def main() -> None:
    default = Path(__file__).resolve().parent.parent / "maillage" / "demo" / "reference"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    print(f"{build(out)} fichiers officiels d'exemple écrits dans {out}")


if __name__ == "__main__":
    main()
