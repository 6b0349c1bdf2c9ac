"""The French cue lexicon of the link kinds (taxonomy: ../shared/docs/taxonomy.md).

A *cue* is a word or a short phrase that states a relation between the actors
around it. Each cue names its link kind and says which side is the source:

- a **verb** cue has a *doer* (its subject in the active voice, the agent after
  "par" in the passive voice) and a *patient* (its object or complement);
  ``doer_is_source`` tells whether the doer is the link's source
  ("X finance Y": X funds Y; "X rejoint Y": X is a member of Y);
- a **noun** cue (or a fixed phrase ending in a preposition) has a *holder*
  (the actor it is said of: "X, membre de Y", "X est membre de Y", the subject
  of "X a signé une convention avec Y") and a *complement* (the actors after
  it); ``doer_is_source`` tells whether the holder is the source ("membre de":
  yes; "financement de l'État": no, the complement funds the holder).

Words are given as lemmas (lower case, accents kept); a few OCR-damaged forms
without accents are listed too. Multi-word cues are tuples of lemmas matched in
sequence. Person functions ("présidente de", "directeur", "maire de") are not
cues of this table: :data:`HEAD_TITLES` and :data:`TITLES` drive them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """One cue: its link kind, its words (lemmas), whether it is a verb, which side is the source."""

    kind: str
    words: tuple[str, ...]
    verb: bool
    doer_is_source: bool = True

    @property
    def label(self) -> str:
        return " ".join(self.words)


def _verbs(kind: str, lemmas: str, doer_is_source: bool = True) -> list[Cue]:
    return [Cue(kind, tuple(words.split()), True, doer_is_source) for words in lemmas.split("|")]


def _nouns(kind: str, lemmas: str, holder_is_source: bool = True) -> list[Cue]:
    return [Cue(kind, tuple(words.split()), False, holder_is_source) for words in lemmas.split("|")]


CUES: list[Cue] = [
    # MEMBER_OF: member -> body
    *_verbs("MEMBER_OF", "adhérer|adherer|rejoindre|joindre|prendre des part|affilier|représenter|siéger|sieger|"
                         "faire partie"),
    *_verbs("MEMBER_OF", "regrouper|réunir|rassembler|fédérer|federer|composer|employer", doer_is_source=False),
    *_nouns("MEMBER_OF", "membre|adhérent|adherent|sociétaire|societaire|actionnaire|associé|au capital de|"
                         "adhésion|adhesion"),
    # PARTNER_OF: symmetric
    *_verbs("PARTNER_OF", "collaborer|coopérer|cooperer|associer|co-piloter|copiloter|s' associer|travailler avec|"
                          "partager"),
    *_nouns("PARTNER_OF", "partenariat|partenaire|collaboration|coopération|cooperation|convention|"
                          "co-maîtrise|co-maitrise|comaîtrise|conventionnement|alliance|copilotage|co-pilotage"),
    # FUNDS: funder -> funded
    *_verbs("FUNDS", "financer|cofinancer|co-financer|subventionner|abonder|octroyer|allouer|accorder|attribuer"),
    *_verbs("FUNDS", "bénéficier", doer_is_source=False),
    *_nouns("FUNDS", "financeur|cofinanceur|bailleur|mécène"),
    *_nouns("FUNDS", "financement|cofinancement|subvention|apport financier|soutien financier|aide financier|"
                     "contribution|fonds|prêt|participation financier|dotation|bénéficiaire|beneficiaire|mécénat",
            holder_is_source=False),
    # SUPPORTS: supporter -> supported
    *_verbs("SUPPORTS", "accompagner|appuyer|soutenir|aider|conseiller|mettre à disposition|épauler|animer|"
                        "parrainer"),
    *_nouns("SUPPORTS", "accompagnement"),  # "son accompagnement de la commune": the holder supports
    *_nouns("SUPPORTS", "appui|soutien|aide", holder_is_source=False),  # "le soutien de la Région": it supports
    # FOUNDED: founder -> founded
    *_verbs("FOUNDED", "créer|creer|fonder|initier|lancer|impulser|cofonder|co-fonder"),
    *_nouns("FOUNDED", "initiative|à l' initiative de|création", holder_is_source=False),
    *_nouns("FOUNDED", "fondateur|fondatrice|créateur|créatrice|cofondateur|cofondatrice|co-fondateur"),
    # PART_OF: part -> whole
    *_nouns("PART_OF", "filiale|antenne|émanation|emanation|branche|composante|délégation|au sein de|bras armé|"
                       "service|direction|département de|établissement de"),
    *_verbs("PART_OF", "rattacher"),
    # GOVERNS: governing -> governed
    *_verbs("GOVERNS", "présider|presider|piloter|diriger|porter|gérer|administrer|coordonner|"
                       "assurer la maîtrise d' ouvrage"),
    *_nouns("GOVERNS", "pilote|tête de|maîtrise d' ouvrage|maitrise d' ouvrage|gestionnaire|présidence"),
    *_nouns("GOVERNS", "sous le contrôle de|sous le tutelle de", holder_is_source=False),
    # HOSTS: host -> hosted
    *_verbs("HOSTS", "héberger|heberger|abriter|domicilier|accueillir|loger"),
    *_nouns("HOSTS", "locaux|hébergement|domicilié chez|abrité", holder_is_source=False),
    # REFERS_TO: single window -> provider
    *_verbs("REFERS_TO", "orienter|rediriger|réorienter|mettre en relation|adresser|aiguiller"),
    *_nouns("REFERS_TO", "orientation|réorientation"),
    # PARTICIPATES_IN: actor -> programme or body
    *_verbs("PARTICIPATES_IN", "participer|candidater|contribuer|intégrer|integrer|prendre part"),
    *_nouns("PARTICIPATES_IN", "partie prenant|participation|candidat|lauréat|laureat"),
    # LOCATED_IN: actor -> territory
    *_verbs("LOCATED_IN", "implanter|situer|installer|baser"),
    *_nouns("LOCATED_IN", "sur le territoire de|siège à|siège social à"),
]

#: Membership verbs that, said of a founder, make the doer a member of the founded body.
JOINING = frozenset({"joindre", "rejoindre"})

#: Joining verbs that state a membership only when said of founders ("se joindre à A" alone is vague).
JOINING_FOUNDERS_ONLY = frozenset({"joindre"})

#: Prepositions that introduce the doer of a passive verb ("fondée par").
PASSIVE_AGENT = frozenset({"par"})

#: Nouns that introduce the doer of a participle like "par" does ("créé à l'initiative de A").
AGENT_NOUNS = frozenset({"initiative"})

#: Words that, with "ne" before a cue, deny it ("n'est plus membre", "n'a pas adhéré").
NEGATIONS = frozenset({"pas", "plus", "jamais", "guère", "nullement", "aucun", "aucune"})

#: Words that make the function, seat or cue after them a former one ("ancien président de", "alors
#: présidée par").
FORMER = frozenset({"ex", "ancien", "ancienne", "anciens", "anciennes", "anciennement", "auparavant", "alors",
                    "précédemment", "autrefois", "jadis", "ex-président", "ex-présidente", "ex-directeur",
                    "ex-directrice"})

#: Adverbs that may come between a person's name and the function ("A, aujourd'hui directrice de B").
TITLE_ADVERBS = frozenset({"aujourd'hui", "aujourd’hui", "aujourd", "hui", "désormais", "actuellement",
                           "également", "aussi", "toujours", "encore", "déjà", "notamment", "enfin", "ici",
                           "elle-même", "lui-même", "nouveau", "nouvelle", "nouvel", "futur", "future",
                           "actuel", "actuelle"})

#: Possessive determiners of the third person ("sa présidente, A": the president of the body said before).
POSSESSIVES = frozenset({"sa", "son", "ses", "leur", "leurs"})

#: Subject pronouns that stand for a body named before ("Elle a rejoint A").
SUBJECT_PRONOUNS = frozenset({"il", "elle", "ils", "elles"})

#: First-person possessives and pronouns: the body that publishes the text ("nos partenaires").
FIRST_PERSON = frozenset({"notre", "nos", "nous"})

#: Heading nouns of a membership structure: the items listed under "Collège des entreprises :" or
#: "Membres de droit :" are members of the body the structure belongs to.
STRUCTURE_NOUNS = frozenset({"collège", "college", "membres", "membre", "adhérents", "adhérent", "composition",
                             "administrateurs", "administrateur", "sociétaires", "associés", "actionnaires",
                             "bureau", "conseil"})

#: Characters that start an item of a bulleted list.
BULLETS = frozenset({"-", "–", "—", "•", "·", "*", "▪", "►", "▸", "▹", "○", "◦", "‣", "+"})

#: Words after "par" that make it an adverbial phrase, not the agent of a passive ("par la suite").
PAR_IDIOMS = frozenset({"suite", "ailleurs", "exemple", "contre", "conséquent", "consequent", "rapport", "an",
                        "mois", "biais", "principe", "définition", "nature", "endroits"})

#: Words before a cue that make it an idiom stating no link ("au service de", "en direction de").
IDIOMS_BEFORE = frozenset({("au", "service"), ("en", "direction"), ("à", "disposition")})

#: Prepositions of time before a noun cue that make it a date, not a statement ("depuis sa création").
TIME_PREPOSITIONS = frozenset({"depuis", "dès", "lors", "avant", "après", "jusqu'à"})

#: Prepositions after a verb cue that change its meaning ("porter sur", "travailler sur"): no link.
OFF_TOPIC = frozenset({"sur"})

#: Prepositions that, said again before each actor, list the actors of one complement ("vers A pour les
#: prêts, vers B pour les garanties"); "de" is not one ("le financement de A pour le projet de B").
REPEATED_PREPOSITIONS = frozenset({"vers", "avec", "auprès", "chez", "par", "à"})

#: Prepositions contracted with an article, and the preposition they hold.
CONTRACTED = {"au": "à", "aux": "à", "a": "à"}

#: Prepositions that introduce the beneficiary of a noun cue ("l'apport de A à B").
BENEFICIARY = frozenset({"à", "au", "aux", "a"})

#: Prepositions before a noun cue that make its complement the doer ("avec le soutien de X").
DOER_MARKERS = frozenset({"avec", "grâce", "grace", "sous", "par"})

#: Nouns of a component of a body or programme: taking part in one is taking part in the whole.
COMPONENTS = frozenset({"volet", "axe", "groupe", "commission", "atelier", "chantier", "collège", "section"})

#: Verbs by which members or parts make up a whole ("ses filiales, qui forment le groupe A").
FORMING = frozenset({"former", "constituer", "composer"})

#: Determiners that make a noun designate one body named before ("cette agence").
DEMONSTRATIVES = frozenset({"ce", "cet", "cette"})

#: Prepositions that name whom a thing is for or of ("le plan pour le Pays", "le projet de la Ville").
OWNER_PREPOSITIONS = frozenset({"pour", "de", "du", "des", "d'", "d’"})

#: Definite articles (contracted with a preposition or not) before a capitalised designator ("au Cluster").
DEFINITE = frozenset({"le", "la", "l'", "l’", "au", "du"})

#: Nouns that designate a body, and the actor kinds of the bodies they can designate.
DESIGNATED_KINDS: dict[str, frozenset[str]] = {
    "agence": frozenset({"agence"}), "cluster": frozenset({"cluster"}), "pôle": frozenset({"cluster", "ptce"}),
    "association": frozenset({"association"}), "fondation": frozenset({"fondation"}),
    "coopérative": frozenset({"scic", "cooperative"}), "scic": frozenset({"scic"}), "scop": frozenset({"cooperative"}),
    "ptce": frozenset({"ptce"}), "chambre": frozenset({"cci", "chambre_metiers", "chambre_agriculture"}),
    "réseau": frozenset({"reseau_entreprises", "association"}), "club": frozenset({"reseau_entreprises"}),
    "université": frozenset({"recherche_formation"}), "laboratoire": frozenset({"recherche_formation"}),
    "métropole": frozenset({"collectivite"}), "communauté": frozenset({"collectivite"}),
    "pays": frozenset({"collectivite"}), "syndicat": frozenset({"collectivite"}),
    "lycée": frozenset({"recherche_formation"}), "école": frozenset({"recherche_formation"}),
    "institut": frozenset({"recherche_formation"}), "banque": frozenset({"relais"}), "cabinet": frozenset({"relais"}),
}

#: Person functions that mean running the body: "présidente de X", "maire de Y", "directeur de Z".
HEAD_TITLES = frozenset({
    "président", "présidente", "president", "presidente", "pdg", "maire", "directeur", "directrice",
    "dirigeant", "dirigeante", "responsable", "gérant", "gérante", "gerant", "gerante", "fondateur",
    "fondatrice", "dg", "administrateur", "administratrice", "coordinateur", "coordinatrice",
    "coordonnateur", "coordonnatrice", "délégué", "déléguée",
})

#: Words that may follow a head title and keep it a head title ("directrice générale des services").
HEAD_QUALIFIERS = frozenset({"général", "générale", "general", "generale", "des", "services", "séance", "exécutif",
                             "exécutive", "executif", "executive", "co", "-", "et", "fondateur", "fondatrice",
                             "national", "nationale", "régional", "régionale"})

#: Words that turn a head title into a seat among others ("vice-président", "directeur adjoint").
SUBORDINATE = frozenset({"vice", "adjoint", "adjointe", "délégué", "déléguée"})

#: Other functions of a person in a body: they make the person a member.
TITLES = frozenset({
    "membre", "chargé", "chargée", "chef", "cheffe", "conseiller", "conseillère", "chercheur", "chercheuse",
    "professeur", "professeure", "enseignant", "enseignante", "ingénieur", "ingénieure", "expert", "experte",
    "consultant", "consultante", "élu", "élue", "adjoint", "adjointe", "vice-président", "vice-présidente",
    "salarié", "salariée", "employé", "employée", "animateur", "animatrice", "économiste", "acheteur",
    "acheteuse", "doctorant", "doctorante", "maître", "maîtresse", "secrétaire", "trésorier", "trésorière",
    "agent", "agente", "stagiaire", "collaborateur", "collaboratrice", "associé", "associée", "sociologue",
    "urbaniste", "géographe", "architecte", "juriste", "technicien", "technicienne", "assistant", "assistante",
    "manager", "officer", "conseiller-ère",
})

#: Generic nouns of organisations: a bracketed list after them names them ("cinq communautés de communes (A, B)").
ACTOR_NOUNS = frozenset({
    "communauté", "collectivité", "commune", "intercommunalité", "epci", "entreprise", "société", "structure",
    "acteur", "partenaire", "organisme", "association", "réseau", "chambre", "agence", "établissement",
    "institution", "banque", "cluster", "pôle", "fondation", "coopérative", "région", "département", "métropole",
    "agglomération", "ville", "pays", "syndicat", "opérateur", "financeur", "membre", "fondateur", "collectif",
    "groupe", "filiale", "club", "laboratoire", "université", "école", "centre", "conseil", "comité", "mairie",
})
