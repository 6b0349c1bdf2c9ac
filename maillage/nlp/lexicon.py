"""The French vocabulary the extraction relies on: head nouns of each actor kind, national bodies,
programmes, concept acronyms and generic words.

Everything here is general knowledge of the French landscape (taxonomy cues, national and
European bodies, national schemes); nothing names a local body found in one document.
Head nouns and names are written accent-folded and lower-case, as :func:`fold` returns them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accents removed, apostrophes and punctuation turned into single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z&@]+", " ", text).strip()


#: Head nouns (folded, as the start of a name) -> kinds, most specific first. The first match wins.
KIND_HEADS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("chambre de commerce", ("cci",)), ("chambres de commerce", ("cci",)), ("ccir", ("cci",)),
    ("cci", ("cci",)), ("chambre de commerce et d industrie", ("cci",)),
    ("chambre de metiers et de l artisanat", ("chambre_metiers",)), ("chambre de metiers", ("chambre_metiers",)), ("chambre des metiers", ("chambre_metiers",)),
    ("chambre regionale de metiers", ("chambre_metiers",)), ("cma", ("chambre_metiers",)),
    ("chambre d agriculture", ("chambre_agriculture",)), ("chambre regionale d agriculture", ("chambre_agriculture",)),
    ("chambre departementale d agriculture", ("chambre_agriculture",)),
    ("pole territorial de cooperation", ("ptce",)), ("ptce", ("ptce",)),
    ("pole de competitivite", ("cluster",)), ("cluster", ("cluster",)), ("grappe", ("cluster",)),
    ("pole", ("cluster",)), ("systeme productif local", ("cluster",)), ("spl", ("cluster",)),
    ("societe cooperative d interet collectif", ("scic",)), ("scic", ("scic",)),
    ("societe cooperative", ("cooperative",)), ("scop", ("cooperative",)), ("cooperative", ("cooperative",)),
    ("cae", ("cooperative",)),
    ("fondation", ("fondation",)), ("fonds de dotation", ("fondation",)),
    ("convention des entreprises pour le climat", ("cec", "reseau_entreprises")),
    ("conventions des entreprises pour le climat", ("cec", "reseau_entreprises")),
    ("cec", ("cec", "reseau_entreprises")),
    ("club", ("reseau_entreprises",)), ("medef", ("reseau_entreprises",)), ("cpme", ("reseau_entreprises",)),
    ("mouvement", ("reseau_entreprises",)), ("groupement d employeurs", ("reseau_entreprises",)),
    ("union des industries", ("reseau_entreprises",)), ("maison des entreprises", ("reseau_entreprises",)),
    ("cabinet", ("relais", "entreprise")), ("office notarial", ("relais",)), ("etude notariale", ("relais",)),
    ("cfa", ("recherche_formation",)), ("centre de formation d apprentis", ("recherche_formation",)), ("banque europeenne", ("etat",)), ("banque des territoires", ("etat",)),
    ("banque", ("relais", "entreprise")), ("credit", ("relais", "entreprise")),
    ("caisse d epargne", ("relais", "entreprise")), ("caisse de credit", ("relais", "entreprise")),
    ("caisse regionale de credit", ("relais", "entreprise")), ("caisse locale de credit", ("relais", "entreprise")), ("assurance", ("relais", "entreprise")),
    ("mutuelle", ("relais", "entreprise")), ("opco", ("relais",)), ("expert comptable", ("relais",)),
    ("agence nationale", ("etat", "agence")), ("agence de services", ("etat",)),
    ("agence", ("agence",)), ("guichet unique", ("agence",)), ("invest in", ("agence",)), ("comite d expansion", ("agence",)),
    ("maison de l emploi", ("agence",)),
    ("communaute de communes", ("collectivite",)),
    ("communaute d agglomeration", ("collectivite",)), ("communaute urbaine", ("collectivite",)),
    ("metropole", ("collectivite",)), ("eurometropole", ("collectivite",)), ("agglomeration", ("collectivite",)),
    ("region", ("collectivite",)), ("departement", ("collectivite",)), ("conseil regional", ("collectivite",)),
    ("conseil departemental", ("collectivite",)), ("conseil general", ("collectivite",)),
    ("ville", ("collectivite",)), ("commune", ("collectivite",)), ("mairie", ("collectivite",)),
    ("pays", ("collectivite",)), ("petr", ("collectivite",)), ("pole d equilibre", ("collectivite",)),
    ("parc naturel regional", ("collectivite",)), ("pnr", ("collectivite",)), ("syndicat mixte", ("collectivite",)),
    ("syndicat intercommunal", ("collectivite",)),
    ("grand", ("collectivite",)), ("collectivite", ("collectivite",)),
    ("ministere", ("etat",)), ("prefecture", ("etat",)), ("etat", ("etat",)), ("commissariat", ("etat",)),
    ("direction regionale", ("etat",)), ("direction generale", ("etat",)), ("etablissement public", ("etat", "agence")),
    ("caisse des depots", ("etat",)), ("commission europeenne", ("etat",)), ("union europeenne", ("etat",)),
    ("comite interministeriel", ("etat", "instance")), ("gip", ("etat",)), ("groupement d interet public", ("etat",)),
    ("universite", ("recherche_formation",)), ("universites", ("recherche_formation",)),
    ("university", ("recherche_formation",)), ("laboratoire", ("recherche_formation",)),
    ("ecole", ("recherche_formation",)), ("institut", ("recherche_formation",)), ("iut", ("recherche_formation",)),
    ("chaire", ("recherche_formation",)), ("lycee", ("recherche_formation",)), ("college", ("recherche_formation",)),
    ("centre de recherche", ("recherche_formation",)), ("centre technique", ("recherche_formation",)),
    ("centre de formation", ("recherche_formation",)), ("centre d etudes", ("recherche_formation",)),
    ("centre universitaire", ("recherche_formation",)), ("centre d innovation", ("recherche_formation",)),
    ("centre", ("recherche_formation",)),
    ("comite regional olympique", ("association",)), ("comite departemental olympique", ("association",)),
    ("comite national olympique", ("association",)), ("comite des fetes", ("association",)),
    ("comite regional", ("association",)), ("comite departemental", ("association",)),
    ("comite national", ("association",)), ("comite regional de", ("instance",)),
    ("comite departemental de", ("instance",)), ("comite national de", ("instance",)),
    ("conseil de developpement", ("instance",)), ("comite", ("instance",)), ("commission", ("instance",)),
    ("bureau", ("instance",)), ("conseil d administration", ("instance",)),
    ("gal", ("instance",)), ("groupe d action locale", ("instance",)), ("observatoire", ("instance",)),
    ("conseil", ("instance",)),
    ("societe", ("entreprise",)), ("groupe", ("entreprise",)), ("entreprise", ("entreprise",)),
    ("sa", ("entreprise",)), ("sas", ("entreprise",)), ("sarl", ("entreprise",)),
    ("association", ("association",)), ("reseau", ("association",)), ("federation", ("association",)),
    ("union", ("association",)), ("collectif", ("association",)), ("maison", ("association",)),
)

#: Name endings (folded) that give a kind ("Rennes Métropole", "Val de Lorvan Agglomération").
KIND_TAILS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("metropole", ("collectivite",)), ("agglomeration", ("collectivite",)), ("agglo", ("collectivite",)),
    ("council", ("collectivite",)), ("university", ("recherche_formation",)),
    ("developpement", ("agence",)), ("expansion", ("agence",)), ("group", ("entreprise",)),
    ("communaute", ("collectivite",)),
)

#: Words just before a name that state its kind ("le cluster Orvatec", "la SCOP Ardel").
CONTEXT_KINDS: dict[str, tuple[str, ...]] = {
    "cluster": ("cluster",), "pole": ("cluster",), "grappe": ("cluster",),
    "ptce": ("ptce",), "scic": ("scic",), "scop": ("cooperative", "entreprise"), "cooperative": ("cooperative",),
    "fondation": ("fondation",), "association": ("association",), "reseau": ("association",),
    "federation": ("association",), "cabinet": ("relais", "entreprise"), "banque": ("relais", "entreprise"),
    "societe": ("entreprise",), "entreprise": ("entreprise",), "groupe": ("entreprise",), "start": ("entreprise",),
    "agence": ("agence",), "laboratoire": ("recherche_formation",), "universite": ("recherche_formation",),
    "ecole": ("recherche_formation",), "institut": ("recherche_formation",), "club": ("reseau_entreprises",),
    "collectivite": ("collectivite",), "commune": ("collectivite",), "ville": ("collectivite",),
    "comite": ("instance",),
}

#: National and European bodies and national networks: surface form -> kinds.
NATIONAL_BODIES: dict[str, tuple[str, ...]] = {
    "ADEME": ("etat",), "Bpifrance": ("etat",), "BPI France": ("etat",), "Caisse des Dépôts": ("etat",),
    "Caisse des dépôts et consignations": ("etat",), "Banque des Territoires": ("etat",),
    "ANCT": ("etat",), "Agence nationale de la cohésion des territoires": ("etat",),
    "CGET": ("etat",), "DATAR": ("etat",), "Cerema": ("etat",), "CEREMA": ("etat",), "ANRU": ("etat", "agence"),
    "DGE": ("etat",), "DREAL": ("etat",), "DIRECCTE": ("etat",), "DREETS": ("etat",), "INSEE": ("etat",),
    "DRAAF": ("etat",), "DDETS": ("etat",), "DDT": ("etat",), "DDTM": ("etat",), "DRAC": ("etat",),
    "DRARI": ("etat",), "SGAR": ("etat",),
    "Insee": ("etat",), "Pôle emploi": ("etat",), "France Travail": ("etat",), "Business France": ("etat",),
    "État": ("etat",), "ONU": ("etat",), "OCDE": ("etat",), "Union européenne": ("etat",),
    "Commission européenne": ("etat",), "Parlement européen": ("etat",),
    "Banque européenne d'investissement": ("etat", "relais"), "BEI": ("etat", "relais"),
    "CNRS": ("recherche_formation",), "INRA": ("recherche_formation", "etat"), "Inra": ("recherche_formation", "etat"),
    "INRAE": ("recherche_formation", "etat"), "Inrae": ("recherche_formation", "etat"),
    "CNAM": ("recherche_formation",), "AgroParisTech": ("recherche_formation",), "IRSTEA": ("recherche_formation",),
    "Convention des Entreprises pour le Climat": ("cec", "reseau_entreprises"),
    "MEDEF": ("reseau_entreprises",), "CPME": ("reseau_entreprises",), "U2P": ("reseau_entreprises",),
    "Mouvement Impact France": ("reseau_entreprises",), "Réseau Entreprendre": ("reseau_entreprises",),
    "Initiative France": ("association",), "France Active": ("association",), "ADIE": ("association",),
    "France Clusters": ("association", "reseau_entreprises"), "France urbaine": ("association",),
    "France Urbaine": ("association",), "Intercommunalités de France": ("association",),
    "Régions de France": ("association",), "Association des Régions de France": ("association",),
    "Départements de France": ("association",), "AMF": ("association",), "ADCF": ("association",),
    "AdCF": ("association",), "ANPP": ("association",), "Réseau rural français": ("association", "etat"),
    "Réseau Rural Français": ("association", "etat"), "Fondation de France": ("fondation",),
    "CCI France": ("cci",), "CMA France": ("chambre_metiers",), "Chambres d'agriculture France": ("chambre_agriculture",),
    "APCA": ("chambre_agriculture",),
    "Crédit Agricole": ("relais", "entreprise"), "Crédit Mutuel": ("relais", "entreprise"),
    "Caisse d'Épargne": ("relais", "entreprise"), "Banque Populaire": ("relais", "entreprise"),
    "BNP Paribas": ("relais", "entreprise"), "Société Générale": ("relais", "entreprise"),
    "La Banque Postale": ("relais", "entreprise"), "La Poste": ("entreprise",), "SNCF": ("entreprise",),
    "EDF": ("entreprise",), "Engie": ("entreprise",), "Enedis": ("entreprise",),
    "Charbonnages de France": ("entreprise", "etat"),
}

#: Programmes, schemes, labels and funds: never actors.
PROGRAMMES = frozenset(fold(p) for p in (
    "LEADER", "FEDER", "FEADER", "FSE", "FSE+", "FEAMP", "TEPCV", "TEPOS", "Territoires d'industrie",
    "Action cœur de ville", "Action coeur de ville", "Petites villes de demain", "contrat de site", "CPER", "PIA",
    "France 2030", "France Relance", "Plan de relance", "Interreg", "Erasmus", "Horizon 2020", "Horizon Europe",
    "MCDR", "PRIDES", "COSME", "FESI", "FEDER-FSE", "LIFE", "Territoires zéro chômeur", "TZCLD", "Cit'ergie", "ZRR", "AMI", "DETR", "DSIL", "CRTE",
    "Fonds vert", "Agenda 21", "PCAET", "SRDEII", "SRADDET", "SCOT", "SCoT", "PLU", "PLUi", "PAT",
))

#: Acronyms and words that name concepts, categories or documents, never one actor.
CONCEPTS = frozenset(fold(c) for c in (
    "EPCI", "ESS", "RSE", "RSET", "ZAE", "ZA", "GPEC", "GTEC", "PNR", "PETR", "TPE", "PME", "PMI", "ETI", "TPE/PME",
    "R&D", "RH", "ETP", "CDI", "CDD", "TIC", "NTIC", "BTP", "PIB", "SIG", "ODD", "GES", "EnR", "ENR", "QPV", "DSP",
    "SA", "SAS", "SARL", "SEM", "SPL", "GIP", "GIE", "CA", "CC", "CU", "CAE", "SCIC", "SCOP", "PTCE", "CCI", "CMA",
    "ZI", "ZAC", "AAP", "COPIL", "COTECH", "DLA", "SIAE", "IAE", "ONG", "AOP", "IGP", "UNESCO",
    "Pays", "Pôle", "Pôles", "Région", "Régions", "Département", "Métropole", "Cluster", "Clusters",
    "Internet", "Web", "Covid", "COVID", "Europe", "France", "Annexe", "Sommaire", "Introduction", "Conclusion",
    "Source", "Sources", "Figure", "Tableau", "Encadré", "Bibliographie", "Présentation", "Contexte", "Zoom",
    "CGCT", "Code général des collectivités territoriales",
    # The spelled-out forms of concept acronyms and legal categories.
    "Pôle d'équilibre territorial et rural", "Pôle d'équilibre territorial", "Parc naturel régional",
    "Pôle territorial de coopération économique", "Société coopérative d'intérêt collectif",
    "Société coopérative et participative", "Établissement public de coopération intercommunale",
    "Groupement d'intérêt public", "Groupement d'intérêt économique", "Pôle de compétitivité",
    "Communauté de communes", "Communauté d'agglomération", "Communauté urbaine", "Économie sociale et solidaire",
    "Responsabilité sociétale des entreprises", "Zone d'activité économique", "Zone d'activités",
    "Grappe d'entreprises", "Système productif local", "Conseil de développement", "Conseil municipal", "Conseil communautaire", "Conseil d'administration",
    "Comité de pilotage", "Comité technique", "Chambre consulaire", "Chambres consulaires",
    "Coopérative d'intérêt collectif", "Société coopérative", "Coopérative d'activités et d'emploi",
    "Association loi de 1901", "Association loi 1901", "Association de loi 1901",
))

#: Determiners and generic quantifiers that make a mention generic ("les CCI", "des banques").
GENERIC_DETERMINERS = frozenset({"les", "des", "ces", "leurs", "nos", "vos", "certains", "certaines", "plusieurs",
                                 "quelques", "un", "une", "chaque", "tous", "toutes", "autres", "nombreux",
                                 "nombreuses", "divers", "diverses", "aux"})

#: Functions of people (a name starting with one is a title, not a body); those of elected officials give the role ``elu``.
FUNCTIONS = ("président", "présidente", "vice-président", "vice-présidente", "directeur", "directrice",
             "maire", "adjoint", "adjointe", "élu", "élue", "conseiller", "conseillère", "sénateur", "sénatrice",
             "député", "députée", "chargé", "chargée", "chargé de mission", "chargée de mission", "animateur",
             "animatrice", "délégué", "déléguée", "responsable", "chef", "coordinateur", "coordinatrice",
             "chercheur", "chercheuse", "professeur", "professeure", "maître de conférences", "secrétaire",
             "trésorier", "trésorière", "gérant", "gérante", "fondateur", "fondatrice", "économiste", "géographe")
ELECTED_FUNCTIONS = frozenset({"maire", "adjoint", "adjointe", "élu", "élue", "sénateur", "sénatrice", "député",
                               "députée", "conseiller", "conseillère", "vice-président", "vice-présidente"})

#: Civilities written before a person's name, not part of it, as a name is written ("Me" the lawyer's, not "me").
CIVILITIES = frozenset({"M.", "M", "Mme", "Mme.", "Mlle", "MM.", "Mmes", "Monsieur", "Madame", "Mademoiselle", "Me",
                        "Dr", "Pr"})
#: The civilities in lower case, for a token's ``lower_`` right before a person's name, where a label or a heading
#: may be in capitals ("MME") and "me" can only be the lawyer's.
LOWER_CIVILITIES = frozenset(c.lower() for c in CIVILITIES)

#: Trade and business nouns (folded) that make a name a firm's, never a person's ("Fonderie Castaing").
BUSINESS_WORDS = frozenset({
    "fonderie", "ingenierie", "emballage", "emballages", "assurance", "assurances", "transport", "transports",
    "scierie", "menuiserie", "imprimerie", "distribution", "expertise", "conseil", "conseils", "services",
    "industrie", "industries", "textile", "textiles", "mecanique", "construction", "constructions", "batiment",
    "energie", "energies", "technologies", "solutions", "systemes", "systems", "logistique", "immobilier", "architecture",
    "environnement", "carrosserie", "boulangerie", "biscuiterie", "garage", "atelier", "ateliers", "electricite",
    "plomberie", "maconnerie", "charpente", "metallerie", "chaudronnerie", "plasturgie", "informatique",
    "consulting", "travaux", "automobiles", "laboratoires", "alimentaire", "nettoyage", "securite", "agencement",
    "traiteur", "brasserie", "fromagerie", "laiterie", "papeterie", "verrerie", "tannerie", "thermique",
})

#: Anaphoric designations ("le Pays", "la SCIC", "l'agence") -> the kind of the actor they refer to.
ANAPHORS: dict[str, str] = {
    "pays": "collectivite", "pole": "collectivite", "petr": "collectivite", "communaute": "collectivite",
    "metro": "collectivite", "agglo": "collectivite", "comcom": "collectivite", "interco": "collectivite",
    "metropole": "collectivite", "agglomeration": "collectivite", "region": "collectivite",
    "cluster": "cluster", "scic": "scic", "scop": "cooperative", "ptce": "ptce", "agence": "agence",
    "fondation": "fondation", "association": "association", "chambre": "cci", "cci": "cci",
    "guichet": "agence",
}

#: French regions (current and former) and a few country names: territories, not actors.
REGIONS = frozenset(fold(r) for r in (
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse", "Grand Est",
    "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur", "PACA", "Alsace", "Aquitaine", "Auvergne", "Basse-Normandie", "Bourgogne",
    "Champagne-Ardenne", "Franche-Comté", "Haute-Normandie", "Languedoc-Roussillon", "Limousin", "Lorraine",
    "Midi-Pyrénées", "Nord-Pas-de-Calais", "Picardie", "Poitou-Charentes", "Rhône-Alpes",
))
#: Usual acronyms of French regions (folded) -> the region's folded name.
REGION_ACRONYMS: dict[str, str] = {
    "paca": "provence alpes cote d azur", "idf": "ile de france", "aura": "auvergne rhone alpes",
    "bfc": "bourgogne franche comte", "npdc": "nord pas de calais", "hdf": "hauts de france",
}
COUNTRIES = frozenset(fold(c) for c in (
    "France", "Allemagne", "Belgique", "Espagne", "Italie", "Royaume-Uni", "Suisse", "Écosse", "Angleterre",
    "Pays-Bas", "Canada", "Québec", "États-Unis", "Europe", "Luxembourg", "Portugal",
))

#: Label heads that precede a body's own name ("SCIC Tissalia", "le cluster Orvatec"): the name
#: is what follows, the whole is an alias. Those of the second set only when written in lower case
#: ("association SITCOB", but "Association Nationale des ..." is one name).
LABEL_HEADS = frozenset({"cluster", "scic", "scop", "ptce", "cooperative", "grappe", "spl", "cae"})
LOWERCASE_LABEL_HEADS = frozenset({"association", "reseau", "societe", "entreprise", "fondation", "federation",
                                   "club", "agence", "cabinet", "groupe"})

#: First words of programmes, schemes, funds and plans: Programme nodes.
PROGRAMME_HEADS = frozenset({"programme", "programmes", "plan", "fonds", "contrat", "appel", "label", "schema",
                             "strategie", "dispositif", "charte", "pacte", "projet", "initiative", "operation",
                             "pacte", "demarche", "trophees", "prix", "budget", "feuille"})
#: First words of documents, events, functions and services: never an actor.
NON_ACTOR_HEADS = frozenset({"loi", "rapport", "guide", "etude", "enquete", "colloque", "seminaire", "forum",
                             "journee", "journees", "rencontre", "rencontres", "assises", "salon", "direction",
                             "service", "services", "mission", "delegation", "poste", "departements", "regions",
                             "etablissements", "entreprises", "collectivites", "communes", "chambres", "agences",
                             "associations", "structures", "acteurs", "pouvoirs", "territoires", "elus", "membres",
                             "partenaires", "reseaux", "clusters", "poles", "epci", "site", "www",
                             "http", "https", "figure", "tableau", "annexe", "source", "chapitre", "partie", "page",
                             "article", "objectif", "axe", "action", "fiche", "zoom", "focus", "exemple", "cf"})

#: Spelled-out concept acronyms (folded) -> the acronym, so that both spellings of a name share one
#: resolution key ("PTCE des Coteaux" and "pôle territorial de coopération économique des Coteaux").
SPELLED_ACRONYMS: dict[str, str] = {
    "pole territorial de cooperation economique": "ptce", "societe cooperative d interet collectif": "scic",
    "societe cooperative et participative": "scop", "societe cooperative ouvriere de production": "scop",
    "cooperative d activites et d emploi": "cae", "pole d equilibre territorial et rural": "petr",
    "chambre de commerce et d industrie": "cci", "chambre de metiers et de l artisanat": "cma",
    "communaute de communes": "cc", "groupement d employeurs": "ge", "groupe d action locale": "gal",
    "parc naturel regional": "pnr", "chambre regionale de l economie sociale et solidaire": "cress",
    "operateur de competences": "opco",
}

#: Legal forms and firm suffixes (folded words) left aside when a short form of an imported
#: firm's name is compared with it ("Cabinet Moreau" and "Cabinet Moreau & Associés").
LEGAL_FORMS = frozenset({"sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "scop", "scic", "cae", "&", "associes",
                         "associe", "cie", "compagnie", "fils", "freres", "group", "groupe", "cabinet", "societe",
                         "ets", "etablissements", "entreprise", "et"})

#: Common French given names: the seed of the given-name likeness (:mod:`maillage.nlp.names`).
GIVEN_NAME_SEED = ("Jean", "Marie", "Pierre", "Anne", "Michel", "Philippe", "Nathalie", "Isabelle", "Sophie",
                   "Nicolas", "Catherine", "Christophe", "Sylvie", "François", "Laurent", "Céline", "Julien",
                   "Sandrine", "Thomas", "Camille")

#: National operators and networks beyond :data:`NATIONAL_BODIES`: the eleven OPCOs, social-security
#: collectors, and the labelled pôles de compétitivité (national label, 2023-2026 phase).
_OPCOS = ("OPCO", "Opco 2i", "Opco EP", "Opco des entreprises de proximité", "Akto", "AKTO", "Atlas", "Constructys",
          "Ocapiat", "OCAPIAT", "Opco Santé", "Uniformation", "Afdas", "AFDAS", "Opco Mobilités", "Opco Commerce")
_POLES = ("Aerospace Valley", "Axelera", "Cap Digital", "Cosmetic Valley", "Derbi", "DERBI", "Eurobiomed",
          "Finance Innovation", "Fibres-Energivie", "i-Trans", "Images & Réseaux", "Lyonbiopôle", "Medicen",
          "Minalogic", "Mov'eo", "Nuclear Valley", "Optitec", "Pôle Mer Bretagne Atlantique", "Pôle Mer Méditerranée",
          "S2E2", "Safe Cluster", "Systematic Paris-Region", "Techtera", "Tenerrdis", "Vitagora", "Valorial",
          "Xylofutur", "Aquimer", "Materalia", "Polymeris", "ID4Car", "Vegepolys Valley", "Qualitropic",
          "Agri Sud-Ouest Innovation", "Atlanpole Biotherapies", "Capenergies", "EMC2", "ALPHA-RLH", "Hydreos",
          "Trimatec", "Team2", "Up-Tex", "Clubster NSL", "SCS", "Pôle Véhicule du Futur", "Nextmove", "Polyvia",
          "France Water Team", "BioValley France", "Aqua-Valley", "Hippolia", "Innov'Alliance", "Plastipolis",
          "Pôle des Microtechniques", "Elastopôle", "Cimes", "Alsace BioValley", "Atlantic Biotherapies")
NATIONAL_BODIES.update({name: ("relais",) for name in _OPCOS})
NATIONAL_BODIES.update({name: ("cluster",) for name in _POLES})
NATIONAL_BODIES.update({"URSSAF": ("etat",), "Urssaf": ("etat",), "MSA": ("etat",), "Banque de France": ("etat",),
                        "Réseau Entreprendre": ("reseau_entreprises",), "Initiative France": ("association",),
                        "France Active": ("association",), "CRESS": ("association",), "ESS France": ("association",),
                        "Régions de France": ("association",), "Bpifrance": ("etat",), "Banque des Territoires": ("etat",),
                        "ADEME": ("etat",), "France Travail": ("etat",), "APEC": ("association",),
                        "Apec": ("association",), "BGE": ("association",), "Entreprendre pour Apprendre": ("association",),
                        "CMA France": ("chambre_metiers",), "Énergie Partagée": ("association",),
                        "Terre de Liens": ("association",), "Fonda": ("association",), "Chambres d'agriculture France": ("chambre_agriculture",)})
#: National networks of the social and solidarity economy and of business support.
NATIONAL_BODIES.update({name: ("association",) for name in (
    "Mouvement associatif", "Le Mouvement associatif", "Mutualité française", "Mutualité Française", "Avise",
    "Coorace", "COORACE", "France Tiers-Lieux", "RTES", "Labo de l'ESS", "Emmaüs France", "Chantier école",
    "Centre français des fonds et fondations", "France Générosités", "Familles Rurales", "ADMR", "UNA",
    "France Bénévolat", "Réseau Cocagne", "Tissons la solidarité", "Fédération des acteurs de la solidarité")})
NATIONAL_BODIES.update({name: ("reseau_entreprises",) for name in (
    "CG Scop", "Confédération générale des Scop", "Les Scop", "Coop FR", "UDES", "CJD", "Centre des jeunes dirigeants",
    "Fédération des entreprises d'insertion", "Dirigeants Responsables de France", "Medef", "Réseau Alliances",
    "Les Entreprises s'engagent", "La France s'engage")})
NATIONAL_BODIES.update({"Ordre des experts-comptables": ("relais",), "Conseil national des barreaux": ("relais",),
                        "Notaires de France": ("relais",), "AFPA": ("recherche_formation",),
                        "Afpa": ("recherche_formation",), "ANACT": ("etat",), "Anact": ("etat",)})

#: Words after "&" or "et" that end a firm's name ("Fabre & Fils", "Moreau et Associés").
FIRM_SUFFIXES = frozenset({"fils", "associes", "associe", "associees", "cie", "compagnie", "freres", "partenaires"})

#: Trade and shop nouns that head a firm's name ("Scierie Bournel", "la quincaillerie Martel").
TRADE_HEADS = ("scierie", "boulangerie", "quincaillerie", "laiterie", "fromagerie", "conserverie", "papeterie",
               "papeteries", "imprimerie", "menuiserie", "menuiseries", "carrieres", "garage", "camping",
               "hotel restaurant", "hotel", "restaurant", "brasserie", "biscuiterie", "chocolaterie", "patisserie",
               "charcuterie", "boucherie", "epicerie", "pharmacie", "librairie", "tannerie", "fonderie", "forges",
               "tissages", "filature", "chaudronnerie", "metallerie", "transports", "ambulances", "distillerie",
               "vignobles", "chanvrerie", "carrosserie", "plomberie", "maconnerie", "charpentes", "verrerie",
               "coutellerie", "savonnerie", "minoterie", "salaisons", "confiserie", "ateliers", "etablissements",
               "ets", "plastiques", "usinage", "feutres", "textiles", "scieries", "meunerie", "cidrerie",
               "torrefaction", "traiteur", "auberge", "gite", "ferme auberge", "pepinieres", "serres")
KIND_HEADS += tuple((head, ("entreprise",)) for head in TRADE_HEADS)
#: A lower-case trade noun before a capitalised name is a label ("les ateliers Tissages Martel").
LOWERCASE_LABEL_HEADS = LOWERCASE_LABEL_HEADS | frozenset(h for h in TRADE_HEADS if " " not in h)
#: Local platforms of national networks, named "<network> <place>" ("Initiative Val Vert").
NETWORK_HEADS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initiative", ("association", "relais")), ("reseau entreprendre", ("reseau_entreprises",)),
    ("france active", ("association", "relais")), ("bge", ("association",)), ("adie", ("association",)),
)
KIND_HEADS = NETWORK_HEADS + KIND_HEADS
