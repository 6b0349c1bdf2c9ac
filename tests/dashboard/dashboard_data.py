"""The small test database of the dashboard tests: a territory with a window, relays, elected people,
engaged actors, and two actors named like XSS payloads (in names and in a proving sentence)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from maillage.graph.stores import open_store
from maillage.ingest.csv_import import read_import

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(1)</script>"

ACTORS = f"""id,name,aliases,kinds,roles,territory,siren,size,sector,website,stance
agglo,Communauté d'agglomération du Val d'Essai,CAVE,collectivite,,Val d'Essai,,,,,
maison,Maison de l'entreprise du Val,,agence,guichet_unique,Val d'Essai,,,,,
cci,CCI du Val d'Essai,,cci,,Val d'Essai,,,,,
cma,Chambre de métiers du Val,,chambre_metiers,,Val d'Essai,,,,,
cabinet,Cabinet Comptable Durand,,relais,,Val d'Essai,,,,,
banque,Banque Populaire du Val,,relais,,Val d'Essai,,,,,
tpe1,Boulangerie Martin,,entreprise,,Val d'Essai,,TPE,,,
tpe2,Garage Leroy,,entreprise,,Val d'Essai,,TPE,,,
tpe3,Menuiserie Petit,,entreprise,,Val d'Essai,,PME,,,
scic,SCIC Énergies du Val,,scic,transition|ess,Val d'Essai,,,,,
ptce,PTCE Val Solidaire,,ptce,transition|ess,Val d'Essai,,,,,
cec,CEC Val d'Essai,,cec,transition,Val d'Essai,,,,,
codev,Conseil de développement du Val,,instance,,Val d'Essai,,,,,
marie,Marie Dupont,,personne,elu,Val d'Essai,,,,,indecis
paul,Paul Bernard,,personne,elu,Val d'Essai,,,,,convaincu
jeanne,Jeanne Morel,,personne,elu,Val d'Essai,,,,,oppose
xss-img,"{XSS_IMG}",,association,,Val d'Essai,,,,,
xss-script,"{XSS_SCRIPT}",,entreprise,,Val d'Essai,,TPE,,,
"""

LINKS = f"""source,target,kind,confidence,note
agglo,maison,FOUNDED,1,
maison,cci,REFERS_TO,0.9,La Maison de l'entreprise oriente les créateurs vers la CCI.
maison,cma,REFERS_TO,0.9,
cci,maison,PARTNER_OF,0.8,
cci,financement,OFFERS,1,
cabinet,tpe1,SUPPORTS,0.9,
cabinet,tpe2,SUPPORTS,0.9,
banque,tpe2,FUNDS,0.9,
banque,tpe3,FUNDS,0.9,
cma,tpe1,SUPPORTS,0.8,
scic,ptce,MEMBER_OF,0.9,
cec,ptce,PARTNER_OF,0.7,
paul,codev,MEMBER_OF,1,
marie,codev,MEMBER_OF,1,
jeanne,cci,GOVERNS,1,
agglo,codev,HOSTS,0.9,
xss-img,xss-script,PARTNER_OF,0.9,"{XSS_SCRIPT} travaille avec {XSS_IMG}"
xss-img,ptce,MEMBER_OF,0.9,
"""


def write_csv_pair(folder: Path) -> tuple[Path, Path]:
    """Write actors.csv and links.csv into ``folder``."""
    actors, links = folder / "actors.csv", folder / "links.csv"
    actors.write_text(ACTORS, encoding="utf-8")
    links.write_text(LINKS, encoding="utf-8")
    return actors, links


def build_db(folder: Path, csv_pair: tuple[Path, Path]) -> Path:
    """A fresh embedded database in ``folder`` holding the CSV pair (imported as ``maillage import`` does)."""
    db = folder / "base.lbug"
    batch, rejected = read_import(*csv_pair)
    assert rejected == [], rejected
    store = open_store("ladybug", str(db))
    try:
        store.write(batch)
    finally:
        store.close()
    return db


def embedded_data(page: str) -> tuple[list[dict], list[dict]]:
    """The nodes and edges JSON embedded in a network page."""
    nodes = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1)
    edges = re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1)
    return json.loads(nodes), json.loads(edges)
