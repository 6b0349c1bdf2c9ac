"""French labels of codes and numbers, as users read them (plain text, no Streamlit)."""
from __future__ import annotations

from typing import Iterable

from maillage.graph import taxonomy


def kinds_label(codes: Iterable[str]) -> str:
    """French labels of actor kinds, primary first."""
    return ", ".join(taxonomy.ACTOR_KINDS.get(c, c) for c in codes)


def roles_label(codes: Iterable[str]) -> str:
    return ", ".join(taxonomy.ROLES.get(c, c) for c in codes)


def decimal(value: float, digits: int = 2) -> str:
    """A number with a decimal comma: ``0.85`` → ``"0,85"``."""
    return f"{value:.{digits}f}".replace(".", ",")


def integer(value: int) -> str:
    """An integer with French digit grouping (narrow no-break space): ``12345`` → ``"12 345"``."""
    return f"{value:,}".replace(",", "\u202f")


def percent(share: float) -> str:
    """A share in [0, 1] as a rounded French percentage: ``0.456`` → ``"46 %"``."""
    return f"{round(share * 100)}\u00a0%"


def count(value: int, singular: str, plural: str | None = None) -> str:
    """``3 acteurs``, ``1 acteur``: a number and the noun agreeing with it."""
    return f"{integer(value)} {singular if abs(value) < 2 else plural or singular + 's'}"


#: How a link reads in a sentence, between its source and its target ("X est membre de Y").
LINK_VERBS: dict[str, str] = {
    "MEMBER_OF": "est membre de", "PARTNER_OF": "est partenaire de", "FUNDS": "finance",
    "SUPPORTS": "accompagne", "FOUNDED": "a fondé", "PART_OF": "fait partie de", "GOVERNS": "dirige",
    "HOSTS": "héberge", "REFERS_TO": "oriente vers", "PARTICIPATES_IN": "participe à",
    "OFFERS": "propose le service", "LOCATED_IN": "est situé sur",
}


def link_verb(kind: str) -> str:
    """What a link kind says between its source and its target (``est membre de``)."""
    return LINK_VERBS.get(kind, taxonomy.LINK_KINDS.get(kind, kind))


def link_sentence(source: str, kind: str, target: str) -> str:
    """A link as a French sentence: ``Marie Dupont est membre de Conseil de développement``."""
    return f"{source} {link_verb(kind)} {target}"


#: Sections of the French activity nomenclature (NAF rév. 2), letter -> label.
NAF_SECTIONS: dict[str, str] = {
    "A": "agriculture, sylviculture et pêche", "B": "industries extractives", "C": "industrie manufacturière",
    "D": "énergie (électricité, gaz, vapeur)", "E": "eau, assainissement, déchets et dépollution",
    "F": "construction", "G": "commerce, réparation d'automobiles", "H": "transports et entreposage",
    "I": "hébergement et restauration", "J": "information et communication",
    "K": "activités financières et d'assurance", "L": "activités immobilières",
    "M": "activités spécialisées, scientifiques et techniques", "N": "services administratifs et de soutien",
    "O": "administration publique", "P": "enseignement", "Q": "santé humaine et action sociale",
    "R": "arts, spectacles et activités récréatives", "S": "autres activités de services",
    "T": "activités des ménages employeurs", "U": "activités extra-territoriales",
}


def sector_label(code: str) -> str:
    """A NAF section letter (or a NAF code, whose section is not derivable here) as users read it."""
    label = NAF_SECTIONS.get(code.strip().upper())
    return f"{label} ({code})" if label else code


#: Size bands of firms (codes of the import contract) and their French labels.
SIZE_LABELS: dict[str, str] = {"micro": "micro-entreprise", "TPE": "TPE", "PME": "PME", "ETI": "ETI",
                               "GE": "grande entreprise"}

#: Actor attributes (import contract keys) and their French labels.
ATTRIBUTE_LABELS: dict[str, str] = {
    "stance": "position", "function": "fonction", "siren": "SIREN", "siret": "SIRET", "size": "taille",
    "sector": "secteur", "website": "site web", "naf": "code NAF", "email": "courriel", "phone": "téléphone",
    "address": "adresse", "created": "création", "employees": "effectif",
}


def attribute_value(key: str, value: str) -> str:
    """An attribute's value as users read it (stance, size and sector codes translated)."""
    if key == "stance":
        return taxonomy.STANCES.get(value, value)
    if key == "size":
        return SIZE_LABELS.get(value, value)
    if key == "sector":
        return sector_label(value)
    return value
