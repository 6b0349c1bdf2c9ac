"""Répertoire national des élus (RNE): maires, municipal, community, departmental and regional councillors.

Published quarterly by the Ministère de l'Intérieur on data.gouv.fr
(https://www.data.gouv.fr/fr/datasets/repertoire-national-des-elus-1/), one CSV per mandate
(``elus-maires.csv``, ``elus-conseillers-municipaux-cm.csv``, ``elus-conseillers-communautaires-epci.csv``,
``elus-conseillers-departementaux-cd.csv``, ``elus-conseillers-regionaux-cr.csv``), ``;``-separated,
with columns such as ``Code du département``, ``Code de la commune``, ``Libellé de la commune``,
``N° SIREN``, ``Libellé de l'EPCI``, ``Code de la région``, ``Nom de l'élu``, ``Prénom de l'élu``,
``Date de début du mandat``, ``Libellé de la fonction``, ``Date de début de la fonction``.

Only what the use needs is read: name, function, body and mandate dates. Birth date, sex,
profession and nationality are never read (the parser does not even keep their columns).

Each official is a ``personne`` with role ``elu``: the one person of the base with that name (or
alias) when there is one, else the id a document naming them gets
(:func:`~maillage.graph.model.actor_id` of « Prénom Nom »), so both resolve to one actor (the RNE
gives no identifier: two officials of the same name in one import are one actor). The body
is the authority of the commune, EPCI, département or région (see
:mod:`~maillage.reference.officials`): the official is ``MEMBER_OF`` it, and ``GOVERNS`` it when
the function is the chair (« Maire », « Président du conseil … », not a vice-president or a deputy).
"""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.model import Actor
from maillage.reference.cog import add_official, departement_of
from maillage.reference.officials import (Officials, TerritoryFilter, commune_authority_names, epci_authority_names,
                                          territory_filter, tncc_of, with_preposition)
from maillage.reference.sources import SourceBatch
from maillage.reference.streaming import Columns, Stream

RNE = Columns(
    {"nom": ("Nom de l'élu", "Nom de l'élu(e)", "Nom"), "prenom": ("Prénom de l'élu", "Prénom de l'élu(e)", "Prénom")},
    {"commune": ("Code de la commune", "code_insee", "Code commune"),
     "libelle_commune": ("Libellé de la commune",),
     "epci": ("N° SIREN", "Numéro SIREN", "SIREN", "Code de l'EPCI", "N° SIREN de l'EPCI"),
     "libelle_epci": ("Libellé de l'EPCI", "Libellé EPCI"),
     "departement": ("Code du département", "Code département"),
     "libelle_departement": ("Libellé du département",),
     "region": ("Code de la région", "Code région"),
     "libelle_region": ("Libellé de la région",),
     "fonction": ("Libellé de la fonction", "Fonction"),
     "debut_mandat": ("Date de début du mandat",),
     "debut_fonction": ("Date de début de la fonction",)})

#: Name particles kept in lower case when a surname is given in capitals.
PARTICLES = {"de", "du", "des", "la", "le", "d", "van", "von", "di", "da"}
_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def display_name(first: str, last: str) -> str:
    """« Nadia BENALI » -> « Nadia Benali », « jean DE LA TOUR » -> « Jean de La Tour »."""
    words = re.split(r"([\s'-])", last.strip().lower())
    cased = [w if w in PARTICLES else w.capitalize() for w in words]
    given = "-".join(part.capitalize() for part in first.strip().lower().split("-"))
    return f"{given} {''.join(cased)}".strip()


def iso_date(text: str) -> str:
    """``dd/mm/yyyy`` as ISO 8601; other forms as given."""
    found = _DATE.match(text.strip())
    return f"{found.group(3)}-{found.group(2)}-{found.group(1)}" if found else text.strip()


def is_chair(function: str) -> bool:
    """« Maire », « Président du conseil communautaire »…: the one who chairs the body."""
    head = function.strip().lower()
    return head == "maire" or head.startswith(("président", "presidente", "présidente", "president"))


def _body(row: dict, header_has_function: bool) -> tuple[str, str, str, str] | None:
    """``(level, code, label, default function)`` of the body an RNE row's mandate sits on."""
    if row["epci"]:
        return "epci", row["epci"], row["libelle_epci"] or row["epci"], "Conseiller communautaire"
    if row["commune"]:
        return ("commune", row["commune"], row["libelle_commune"] or row["commune"],
                "Conseiller municipal" if header_has_function else "Maire")
    if row["region"]:
        return "region", row["region"], row["libelle_region"] or row["region"], "Conseiller régional"
    if row["departement"]:
        return ("departement", row["departement"], row["libelle_departement"] or row["departement"],
                "Conseiller départemental")
    return None


def _authority_names(level: str, label: str) -> list[str]:
    if level == "commune":
        return commune_authority_names(label, tncc_of(label))
    if level == "epci":
        return epci_authority_names(label)
    of = with_preposition(label, tncc_of(label))
    return [f"Région {label}", f"Conseil régional {of}"] if level == "region" else [
        f"Département {of}", f"Conseil départemental {of}"]


def read_rne(path: Path, officials: Officials, query: str = "", progress: bool = True
             ) -> tuple[SourceBatch, Stream, TerritoryFilter]:
    """The source of one RNE file filtered to ``query``."""
    where = territory_filter(query, officials)
    stream = Stream(path, path.name, RNE, progress)
    batch = SourceBatch("rne", path, where.key)
    departements = where.departements or {departement_of(c) for c in where.communes or ()}
    for record, lines in stream.batches():
        batch.read += record.num_rows
        with_function = "fonction" in stream.found
        mask = where.mask(record.column("commune"), {"epci": record.column("epci"),
                                                     "departement": record.column("departement"),
                                                     "region": record.column("region")})
        if where.communes is not None:  # departmental rows name no commune: keep those of the communes' départements
            no_commune = pc.equal(record.column("commune"), "")
            in_departement = pc.is_in(record.column("departement"), value_set=pa.array(sorted(departements), pa.string()))
            mask = pc.or_(mask, pc.and_(no_commune, in_departement))
        rows = record.to_pylist()
        for i in (range(record.num_rows) if mask is None else pc.indices_nonzero(mask).to_pylist()):
            _official(batch, officials, rows[i], lines[i], with_function)
    batch.errors += stream.errors
    batch.variant = mandate(stream.found)
    return batch, stream, where


def mandate(found: dict[str, str]) -> str:
    """Which RNE file the columns are from (each is a source of its own)."""
    if "epci" in found:
        return "conseillers communautaires"
    if "commune" in found:
        return "conseillers municipaux" if "fonction" in found else "maires"
    return "conseillers régionaux" if "region" in found else "conseillers départementaux"


def _official(batch: SourceBatch, officials: Officials, row: dict, line: int, with_function: bool) -> None:
    """One mandate: the person, their body's authority, MEMBER_OF (and GOVERNS for the chair)."""
    body = _body(row, with_function)
    if not row["nom"] or not row["prenom"]:
        batch.reject(line, "nom ou prénom de l'élu vide")
        return
    if body is None:
        batch.reject(line, "aucun mandat lisible (ni commune, ni EPCI, ni département, ni région)")
        return
    level, code, label, default = body
    function = row["fonction"] or default
    _territory, authority = add_official(batch, officials, level, code, label, "", _authority_names(level, label),
                                         f"RNE : {label}")
    name = display_name(row["prenom"], row["nom"])
    attributes = {"function": f"{function} ({label})"}
    attributes.update({key: iso_date(row[key]) for key in ("debut_mandat", "debut_fonction") if row[key]})
    person = batch.actor(Actor(officials.person_id(name), name, ["personne"], roles=["elu"], attributes=attributes))
    since = f", depuis le {attributes['debut_fonction' if 'debut_fonction' in attributes else 'debut_mandat']}" \
        if {"debut_fonction", "debut_mandat"} & set(attributes) else ""
    sentence = f"RNE : {person.name}, {function.lower()} ({label}){since}"
    batch.link(person.id, "MEMBER_OF", authority, sentence)
    if is_chair(function):
        batch.link(person.id, "GOVERNS", authority, sentence)
