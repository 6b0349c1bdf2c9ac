"""The closed vocabularies of the actor graph (contract: ../shared/docs/taxonomy.md).

Codes are never renamed; a code may be added when a real document needs it.
Every ``check_*`` function returns the value when it belongs to its vocabulary
and raises :class:`~maillage.errors.TaxonomyError` naming the value and where
it came from otherwise.
"""
from __future__ import annotations

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
}


def check(vocabulary: str, value: str, where: str = "") -> str:
    """Return ``value`` if it is a code of ``vocabulary`` (kind, role, link, service, level, stance, method)."""
    label, codes = _VOCABULARIES[vocabulary]
    if value not in codes:
        raise TaxonomyError(label, value, where)
    return value


def check_all(vocabulary: str, values: Iterable[str], where: str = "") -> list[str]:
    """Check every value, keep the first occurrence of each, in order."""
    out: list[str] = []
    for value in values:
        if check(vocabulary, value, where) not in out:
            out.append(value)
    return out
