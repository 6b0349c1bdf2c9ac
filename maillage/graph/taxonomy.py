"""The closed vocabularies of the actor graph (contract: ../shared/docs/taxonomy.md).

Codes are never renamed; a code may be added when a real document needs it.
Every ``check_*`` function returns the value when it belongs to its vocabulary
and raises :class:`~maillage.errors.TaxonomyError` naming the value and where
it came from otherwise.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from maillage.errors import TaxonomyError

ACTOR_KINDS: dict[str, str] = {
    "cci": "chambre de commerce et d'industrie",
    "chambre_metiers": "chambre de métiers et de l'artisanat",
    "chambre_agriculture": "chambre d'agriculture",
    "cluster": "cluster, pôle de compétitivité, grappe",
    "ptce": "pôle territorial de coopération économique",
    "scic": "société coopérative d'intérêt collectif",
    "cooperative": "coopérative (SCOP, CAE)",
    "fondation": "fondation, fonds de dotation",
    "cec": "Convention des Entreprises pour le Climat",
    "reseau_entreprises": "réseau ou club d'entreprises",
    "relais": "acteur relais (expert-comptable, banque, assureur...)",
    "agence": "agence de développement ou d'urbanisme",
    "collectivite": "collectivité territoriale ou groupement",
    "etat": "État, opérateur public, institution européenne",
    "recherche_formation": "recherche, enseignement, formation",
    "entreprise": "entreprise",
    "association": "association, réseau, fédération",
    "instance": "instance de gouvernance ou de concertation",
    "personne": "personne",
}

ROLES: dict[str, str] = {
    "guichet_unique": "guichet unique",
    "tete_de_reseau": "tête de réseau",
    "transition": "engagé dans la transition",
    "ess": "économie sociale et solidaire",
    "elu": "élu(e)",
}

LINK_KINDS: dict[str, str] = {
    "MEMBER_OF": "membre de",
    "PARTNER_OF": "partenaire de",
    "FUNDS": "finance",
    "SUPPORTS": "accompagne",
    "FOUNDED": "a fondé",
    "PART_OF": "fait partie de",
    "GOVERNS": "dirige / porte",
    "HOSTS": "héberge",
    "REFERS_TO": "oriente vers",
    "PARTICIPATES_IN": "participe à",
    "OFFERS": "propose le service",
    "LOCATED_IN": "situé sur",
}

#: Link kinds whose direction carries no meaning.
SYMMETRIC_LINKS = frozenset({"PARTNER_OF"})

SERVICES: dict[str, str] = {
    "accueil_implantation": "accueil et implantation",
    "creation_reprise": "création et reprise",
    "financement": "financement",
    "emploi_recrutement": "emploi et recrutement",
    "formation_competences": "formation et compétences",
    "innovation_transfert": "innovation et transfert",
    "transition_rse": "transition et RSE",
    "foncier_immobilier": "foncier et immobilier",
    "international": "international",
    "mise_en_reseau": "mise en réseau",
}

TERRITORY_LEVELS: dict[str, str] = {
    "commune": "commune",
    "epci": "intercommunalité",
    "pays": "pays / PETR",
    "departement": "département",
    "region": "région",
    "pays_etranger": "pays étranger",
    "autre": "autre",
}

STANCES: dict[str, str] = {
    "convaincu": "convaincu",
    "indecis": "indécis",
    "oppose": "opposé",
    "inconnu": "inconnu",
}

#: How a link was obtained. ``cooccurrence`` is the weak fallback that views may exclude; ``suggestion``
#: marks a link read in a clause window, left out of analyses and default exports until reviewed.
METHODS: dict[str, str] = {
    "pattern": "motif",
    "dependency": "analyse syntaxique",
    "cooccurrence": "cooccurrence",
    "suggestion": "suggestion",
    "import": "import",
    "curation": "correction",
}

#: Short French names of the actor kinds, for table columns and typing (``chambre de métiers``).
KIND_SHORT_LABELS: dict[str, str] = {
    "cci": "CCI", "chambre_metiers": "chambre de métiers", "chambre_agriculture": "chambre d'agriculture",
    "cluster": "cluster", "ptce": "PTCE", "scic": "SCIC", "cooperative": "coopérative", "fondation": "fondation",
    "cec": "club CEC", "reseau_entreprises": "réseau d'entreprises", "relais": "acteur relais",
    "agence": "agence", "collectivite": "collectivité", "etat": "État", "recherche_formation": "recherche, formation",
    "entreprise": "entreprise", "association": "association", "instance": "instance", "personne": "personne",
}

#: Statuses of a need in the one-stop-shop coverage analysis.
COVERAGE_STATUSES: dict[str, str] = {"couvert": "couvert", "fragmente": "fragmenté", "desert": "désert"}

#: Kinds of organisations (every kind but ``personne``).
ORGANISATION_KINDS = frozenset(ACTOR_KINDS) - {"personne"}

_VOCABULARIES = {
    "kind": ("type d'acteur", ACTOR_KINDS),
    "role": ("rôle", ROLES),
    "link": ("type de lien", LINK_KINDS),
    "service": ("service", SERVICES),
    "level": ("niveau de territoire", TERRITORY_LEVELS),
    "stance": ("position", STANCES),
    "method": ("méthode", METHODS),
    "status": ("statut de couverture", COVERAGE_STATUSES),
}


#: French words typed for a code besides its code and its label (``dirige`` for GOVERNS...).
INPUT_ALIASES: dict[str, dict[str, str]] = {
    "link": {"dirige": "GOVERNS", "porte": "GOVERNS", "preside": "GOVERNS", "adhere a": "MEMBER_OF",
             "fonde": "FOUNDED", "situe dans": "LOCATED_IN", "propose": "OFFERS", "finance par": "FUNDS"},
    "role": {"elue": "elu"},
}


def _key(text: str) -> str:
    """Accent-, case- and separator-insensitive form of a typed code or label (``Membre_de`` -> ``membre de``)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\s_\-/'’]+", " ", bare.casefold()).strip()


def accepted_values(vocabulary: str) -> list[str]:
    """What a user may type for ``vocabulary``: the French label where it differs from the code, else the code."""
    codes = _VOCABULARIES[vocabulary][1]
    if vocabulary == "link":
        return [f"{label} ({code})" for code, label in codes.items()]
    if vocabulary == "stance":
        return list(codes.values())
    return list(codes)


def check(vocabulary: str, value: str, where: str = "") -> str:
    """Return ``value`` if it is a code of ``vocabulary`` (kind, role, link, service, level, stance, method)."""
    label, codes = _VOCABULARIES[vocabulary]
    if value not in codes:
        raise TaxonomyError(label, value, where, accepted_values(vocabulary))
    return value


def to_code(vocabulary: str, value: str, where: str = "") -> str:
    """The code a user means by ``value``: a code, or its French label or alias (``indécis``, ``finance``,
    ``membre de``), compared without accents, case or separators."""
    label, codes = _VOCABULARIES[vocabulary]
    if value in codes:
        return value
    wanted = _key(value)
    found = {_key(code): code for code in codes}
    found.update({_key(text): code for code, text in codes.items()})
    if vocabulary == "kind":
        found.update({_key(text): code for code, text in KIND_SHORT_LABELS.items()})
    found.update(INPUT_ALIASES.get(vocabulary, {}))
    if wanted in found:
        return found[wanted]
    raise TaxonomyError(label, value, where, accepted_values(vocabulary))


def label(vocabulary: str, code: str) -> str:
    """The French label of a code (the code itself when it has none); actor kinds get their short name."""
    if vocabulary == "kind":
        return KIND_SHORT_LABELS.get(code, code)
    return _VOCABULARIES[vocabulary][1].get(code, code)


def check_all(vocabulary: str, values: Iterable[str], where: str = "") -> list[str]:
    """Check every value, keep the first occurrence of each, in order."""
    out: list[str] = []
    for value in values:
        if check(vocabulary, value, where) not in out:
            out.append(value)
    return out
