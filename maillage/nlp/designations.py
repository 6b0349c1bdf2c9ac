"""Definite designations of bodies found from their head noun ("la Communauté de communes du
Grésivaudan", "l'Agence de développement économique de la Région Occitanie", "Région Grand Est").

A designation starts at a head noun of :data:`~maillage.nlp.lexicon.KIND_HEADS` and extends to
the right over a proper name: capitalised words, the connectors "de", "du", "des", "d'", "la",
"l'", "le", "et" between them, and, after a capitalised head of an organisation, the lower-case
nouns and adjectives of its name ("Agence de développement économique"). It stops at
punctuation, verbs, line breaks and parentheses, and never ends on a connector. A lower-case
head needs a proper name after it ("la communauté de communes du Grésivaudan" is one body, "la
communauté de communes" is not).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from maillage.nlp.names import is_given_name

from maillage.nlp.lexicon import BUSINESS_WORDS, CONCEPTS, FIRM_SUFFIXES, KIND_HEADS, LEGAL_FORMS, NETWORK_HEADS, REGIONS, TRADE_HEADS, fold

#: Heads after which only a proper name may follow (places, not descriptions).
PLACE_KINDS = frozenset({"collectivite", "cci", "chambre_metiers", "chambre_agriculture"})
#: Kinds of firms, whose names may join two partners' surnames ("Garnier et Lefort").
FIRM_KINDS = frozenset({"entreprise", "relais"})
#: Kinds whose bare head names one body ("Chambre d'agriculture").
BARE_KINDS = frozenset({"cci", "chambre_metiers", "chambre_agriculture"})
#: Councils of a local authority whose capitalised bare head names one body ("le Conseil régional").
COUNCIL_HEADS = frozenset({("conseil", "regional"), ("conseil", "departemental"), ("conseil", "general")})
#: Heads too vague to start a designation unless an acronym names it ("pôle de plasturgie de l'Est (PPE)").
DESCRIBED_ONLY_HEADS = frozenset({("pole",), ("poles",)})
#: Lower-case heads that name a body only with a description ("agence de développement"), not
#: with a place alone ("l'agence de Lisoy" of a bank or of France Travail is one of its branches).
BRANCH_HEADS = frozenset({"agence"})
#: Connectors allowed inside a name; after its proper-name part only the first group.
NAME_CONNECTORS = frozenset({"de", "du", "des", "d'", "d’", "la", "l'", "l’", "le", "les", "in", "of"})
DESCRIPTION_CONNECTORS = NAME_CONNECTORS | {"pour"}
#: Words after which a lower-case noun continues a description.
_BEFORE_NOUN = DESCRIPTION_CONNECTORS | {"et", "en", "à", "sur"}
MAX_TOKENS = 14
QUOTE_MAX = 10  # tokens inside « » for a name
QUOTE_REACH = 5  # tokens back from « to the head noun

#: Heads that start a designation only when capitalised ("Initiative Val Vert", not "l'initiative de la
#: Région"; "Collège Jean Moulin", not the "collège des entreprises" of a board).
CAPITAL_ONLY_HEADS = frozenset(tuple(head.split()) for head, _ in NETWORK_HEADS) | {("college",)}
#: Heads that, in lower case, name a body only with a proper name right after them ("la scierie
#: Bournel"; "la papeterie du bassin de la Marne" is a description).
LABEL_ONLY_HEADS = frozenset(tuple(head.split()) for head in TRADE_HEADS)
#: Head phrases as tuples of folded words, longest first.
_HEADS: list[tuple[tuple[str, ...], tuple[str, ...]]] = sorted(
    ((tuple(head.split()), kinds) for head, kinds in KIND_HEADS), key=lambda item: -len(item[0]))
_FIRST_WORDS = frozenset(words[0] for words, _ in _HEADS)


def _folded_words(doc: Doc) -> list[str]:
    """One folded word per token ("d'" and "l'" become "d" and "l"), computed once per doc."""
    words = doc.user_data.get("maillage_folded")
    if words is None or len(words) != len(doc):
        words = doc.user_data["maillage_folded"] = [fold(t.text) for t in doc]
    return words


def _head_at(words: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """The longest head phrase starting at token ``i``: (its length in tokens, its kinds)."""
    if words[i] not in _FIRST_WORDS:
        return None
    for head, kinds in _HEADS:
        if tuple(words[i:i + len(head)]) == head:
            return len(head), kinds
    return None


def _is_capitalised(token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def is_proper(token) -> bool:
    """A capitalised word that is a proper name: tagged so, a region, an acronym, a number, not a
    common word, or a capitalised noun ("Brocéliande", "l'Habitat"; not the adjective "Régional")."""
    if not _is_capitalised(token) or token.is_punct:
        return False
    if (token.pos_ == "PROPN" or fold(token.text) in REGIONS or token.text.isupper()
            or token.text[:1].isdigit() or not token.vocab.has_vector(token.lower_)):
        return True
    return token.pos_ in ("NOUN", "X")


def acronym_follows(doc: Doc, end: int) -> bool:
    """Whether "(ACR)" follows token ``end``: an upper-case acronym in parentheses."""
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return False
    text = doc[end + 1].text
    return text[:1].isupper() and sum(c.isupper() for c in text) >= 2 and len(text) <= 12


def _complement_follows(doc: Doc, i: int) -> bool:
    """Whether, after more lower-case adjectives, a connector then a capitalised word start at token
    ``i`` ("de Lille", "supérieure des Mines")."""
    while i < len(doc) and doc[i].pos_ == "ADJ" and doc[i].is_lower:
        i += 1
    if i + 1 >= len(doc) or doc[i].lower_ not in ("de", "du", "des", "d'", "d’"):
        return False
    nxt = doc[i + 2] if doc[i + 1].lower_ in ("la", "l'", "l’") and i + 2 < len(doc) else doc[i + 1]
    return _is_capitalised(nxt)


def _stops_coordination(doc: Doc, i: int, named: bool) -> bool:
    """Whether "et" at ``i`` joins two bodies ("X et la Région", "État et du GIP") rather than two
    words of one description ("Chambre de commerce et d'industrie"): it does after a proper name,
    and when the next word that is not a connector is capitalised or a determiner."""
    if i + 1 < len(doc) and fold(doc[i - 1].text) in LEGAL_FORMS and fold(doc[i + 1].text) in LEGAL_FORMS:
        return False  # "Union régionale des Scop et Scic": two legal forms of one name
    if named:
        return True
    j = i + 1
    while j < len(doc) and doc[j].lower_ in ("de", "d'", "d’", "des", "du"):
        j += 1
    return j >= len(doc) or doc[j].pos_ == "DET" or _is_capitalised(doc[j])


#: Words of a street address after its number.
STREET_WORDS = frozenset({"rue", "place", "avenue", "boulevard", "bd", "chemin", "allee", "route", "quai", "impasse",
                          "square", "cours", "zone", "za", "zi", "bis", "ter"})


def _address_at(doc: Doc, i: int) -> bool:
    """Whether the number at token ``i`` starts a street address ("2, place du Foirail", "12 rue Haute")."""
    j = i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ",")
    return j < len(doc) and fold(doc[j].text) in STREET_WORDS


def _themed_body(doc: Doc, start: int) -> bool:
    """Whether the head at ``start`` is a governance body's, named by a theme ("commission Emploi")."""
    head = _head_at(_folded_words(doc), start)
    return head is not None and head[1][0] == "instance"


def _person_follows(doc: Doc, start: int, i: int) -> bool:
    """Whether a person's name starts at token ``i`` after a place's head ("Région Jean Morel": the
    Région, then its president): a given name (:func:`~maillage.nlp.names.is_given_name`) then a
    capitalised word, after the head of a local authority or a chamber (named after places, not people)."""
    head = _head_at(_folded_words(doc), start)
    if head is None or head[1][0] not in PLACE_KINDS or i + 1 >= len(doc):
        return False
    return is_given_name(doc[i]) and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha


def _partners_name(doc: Doc, start: int, i: int) -> bool:
    """Whether "et" at ``i`` joins two partners' surnames in a firm's name ("office notarial Garnier et
    Lefort"): the head is a firm's, one capitalised word before "et" and one after it, which is no
    head, then the end of the name."""
    words = _folded_words(doc)
    head = _head_at(words, start)
    if head is None or head[1][0] not in FIRM_KINDS or i + 1 >= len(doc) or not doc[i - 1].text[:1].isupper():
        return False
    after = doc[i + 1]
    end = i + 2 >= len(doc) or not (doc[i + 2].text[:1].isupper() or doc[i + 2].lower_ in NAME_CONNECTORS)
    return after.text[:1].isupper() and after.is_alpha and words[i + 1] not in _FIRST_WORDS and end


def _shouted_head(doc: Doc, start: int, head_end: int) -> bool:
    """Whether a head word (five letters at least: not an acronym such as "GAL") and the word after it
    are written in capitals ("MAISON DE LA CRÉATION"): a heading."""
    return (doc[start].text.isupper() and doc[start].is_alpha and len(doc[start]) >= 5 and head_end < len(doc)
            and doc[head_end].is_alpha and doc[head_end].text.isupper())


def _extend(doc: Doc, start: int, head_end: int, lowercase_ok: bool) -> int:
    """The end (exclusive) of the designation whose head spans ``[start, head_end)``.

    A lower-case noun of the description follows a connector ("agence DE développement"): one
    right after a noun is a verb the tagger took for a noun ("le GAL finance l'animation", "la SCIC
    compte 58 sociétaires"). A heading in capitals stops at the first word that is not.
    """
    end = i = head_end
    named = False  # a capitalised word after the head was taken
    limit = min(len(doc), start + MAX_TOKENS)
    shouted = _shouted_head(doc, start, head_end)
    while i < limit:
        token = doc[i]
        low = token.lower_
        if "\n" in token.text or token.is_space or (shouted and token.is_alpha and not token.text.isupper()):
            break
        if low in ("et", "&") and named and i + 1 < limit and doc[i + 1].text[:1].isupper() \
                and fold(doc[i + 1].text) in FIRM_SUFFIXES:
            pass  # "Fabre & Fils", "Moreau et Associés"
        elif low == "&" and named and i + 1 < limit and _is_capitalised(doc[i + 1]):
            pass  # "Lemaire & Costa"
        elif low == "et":
            if _stops_coordination(doc, i, named) and not _partners_name(doc, start, i):
                break
        elif token.like_num and (doc[i - 1].lower_ in DESCRIPTION_CONNECTORS | {"le", "en"} or _address_at(doc, i)):
            break  # a date, a count ("le 27", "de 2008", "de 6 membres") or an address ("2, place du Foirail")
        elif low == "-":
            if doc[i - 1].whitespace_:
                break
        elif low in (NAME_CONNECTORS if named else DESCRIPTION_CONNECTORS):
            pass
        elif _is_capitalised(token) and not token.is_punct:
            if _person_follows(doc, start, i):
                break
            end, named = i + 1, True
        elif lowercase_ok and not named and token.is_alpha and (
                token.pos_ == "ADJ" or token.pos_ == "NOUN" and doc[i - 1].lower_ in _BEFORE_NOUN):
            end = i + 1
        elif named and token.pos_ == "ADJ" and token.is_lower and _complement_follows(doc, i + 1):
            pass  # "Métropole européenne de Lille"
        elif named and token.pos_ == "ADJ" and token.is_lower and end == i and _themed_body(doc, start):
            end = i + 1  # "commission Transition écologique": a theme's adjective
            break
        else:
            break
        i += 1
    return end


#: Folded trade and shop nouns whose quoted name is a firm's ("l'épicerie « Au Panier »").
SHOP_NOUNS = BUSINESS_WORDS | frozenset(h for h in TRADE_HEADS if " " not in h) | frozenset({
    "ressourcerie", "recyclerie", "magasin", "cafe", "fablab", "auberge", "ferme", "boutique", "entreprise",
    "societe", "commerce"})


def find_quoted(doc: Doc) -> list[tuple[Span, tuple[str, ...]]]:
    """Names in French quotes after a head noun: "l'association « Jardin du Pré »", "le pôle de
    compétitivité lorrain « Matériaux innovants produits intelligents »", a trade or shop noun
    ("la ressourcerie « Le Grenier »", a firm), or before one in apposition
    ("« Cap Vallon », le guichet unique du bassin"); the head gives the kinds. After a bare definite
    article ("le « Point Contact X »") the quoted words are a candidate name of unsaid kinds."""
    words = _folded_words(doc)
    found: list[tuple[Span, tuple[str, ...]]] = []
    for token in doc:
        if token.text != "«":
            continue
        close = next((t.i for t in doc[token.i + 1:token.i + QUOTE_MAX + 1] if t.text == "»"), None)
        if close is None or close == token.i + 1 or not _is_capitalised(doc[token.i + 1]):
            continue
        head = None
        for j in range(token.i - 1, max(-1, token.i - QUOTE_REACH - 1), -1):
            head = _head_at(words, j)
            if head is not None or doc[j].is_punct or doc[j].pos_ in ("VERB", "AUX"):
                break
        head = head or _apposed_head(doc, words, close + 1)
        if head is None and token.i and words[token.i - 1] in SHOP_NOUNS:
            head = (1, ("entreprise",))  # "la ressourcerie « Le Grenier »"
        if head is not None:
            found.append((doc[token.i + 1:close], head[1]))
        elif token.i and doc[token.i - 1].lower_ in ("le", "la", "l'", "l’", "au", "du") and close - token.i > 2:
            found.append((doc[token.i + 1:close], ()))  # "le « Point Contact X »": a name, kinds unsaid
    return found


def _apposed_head(doc: Doc, words: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
    """The head of an apposition that follows a quoted name: "« Cap Vallon », le guichet unique de ..."."""
    if i + 2 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in ("le", "la", "l'", "l’", "un", "une"):
        return None
    return _head_at(words, i + 2)


#: Plural heads that distribute over an enumeration ("les métropoles de Bordeaux, Lille et Rennes"):
#: folded plural words -> (singular head as written in a name, kinds).
PLURAL_HEADS: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {
    ("metropoles",): ("Métropole", ("collectivite",)),
    ("villes",): ("Ville", ("collectivite",)),
    ("regions",): ("Région", ("collectivite",)),
    ("departements",): ("Département", ("collectivite",)),
    ("communautes", "de", "communes"): ("Communauté de communes", ("collectivite",)),
    ("communautes", "d", "agglomeration"): ("Communauté d'agglomération", ("collectivite",)),
    ("universites",): ("Université", ("recherche_formation",)),
}
#: Heads of a city and its grouping, which share a place in "la Ville et la Métropole de Vernay".
SHARING_HEADS = frozenset({"ville", "commune", "mairie", "metropole", "agglomeration"})
_PLURAL_FIRST_WORDS = frozenset(words[0] for words in PLURAL_HEADS)
_PREPOSITIONS = ("de", "du", "des", "d'", "d’")
REGION_WORDS = 5  # tokens of the longest region name ("Provence-Alpes-Côte d'Azur")
ENUMERATION_MAX = 12  # items of one enumeration
ENUMERATION_REACH = 8  # tokens from a plural head to the parenthesis that lists its items


def _enumeration_item(doc: Doc, i: int) -> tuple[str, int, int] | None:
    """(preposition, start, end) of one item of an enumeration at token ``i``: an optional
    preposition, then a region's name ("Pays de la Loire") or a proper name with its inner
    connectors ("du Bassin de Lorvan")."""
    preposition = ""
    if i < len(doc) and doc[i].lower_ in _PREPOSITIONS:
        preposition, i = doc[i].lower_.replace("’", "'"), i + 1
    region = next((k for k in range(REGION_WORDS, 0, -1) if i + k <= len(doc) and not doc[i + k - 1].is_punct
                   and fold(doc[i:i + k].text) in REGIONS), 0)
    if region:
        return preposition, i, i + region
    if i >= len(doc) or not is_proper(doc[i]):
        return None
    end = _extend(doc, i, i + 1, lowercase_ok=False)
    return preposition, i, end


def _of(preposition: str, name: str) -> str:
    """The place name after the preposition joining it to a head ("de X", "du X", "d'X"; "X" without one)."""
    if not preposition:
        return name
    if preposition in ("du", "des"):
        return f"{preposition} {name}"
    return f"d'{name}" if fold(name)[:1] in "aeiouyh" else f"de {name}"


def _enumeration_items(doc: Doc, j: int, default: str = "de") -> list[tuple[str, int, int]]:
    """The items of an enumeration starting at token ``j``, separated by commas, "et" or "ou"; an
    item without a preposition takes the previous item's, or ``default`` for the first."""
    items: list[tuple[str, int, int]] = []
    while len(items) < ENUMERATION_MAX:
        item = _enumeration_item(doc, j)
        if item is None:
            break
        preposition, start, end = item
        items.append((preposition or (items[-1][0] if items else default), start, end))
        if end < len(doc) and (doc[end].text == "," or doc[end].lower_ in ("et", "ou")):
            j = end + 1
        else:
            break
    return items


def _parenthesis_after(doc: Doc, j: int) -> int | None:
    """The token after "(" when one opens within :data:`ENUMERATION_REACH` tokens of ``j`` (same clause)."""
    for k in range(j, min(len(doc), j + ENUMERATION_REACH)):
        if doc[k].text == "(":
            return k + 1
        if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX"):
            return None
    return None


def find_enumerations(doc: Doc) -> list[tuple[Span, tuple[str, ...], str]]:
    """Bodies named by a plural head over an enumeration of places: (place span, kinds, full name).
    "les métropoles de Bordeaux, Lille et Rennes" names "Métropole de Bordeaux", "Métropole de
    Lille" and "Métropole de Rennes"; so does "trois métropoles de l'Ouest (Brest, Nantes, Rennes)"."""
    words = _folded_words(doc)
    found: list[tuple[Span, tuple[str, ...], str]] = []
    for i in range(len(doc)):
        if words[i] not in _PLURAL_FIRST_WORDS:
            continue
        for plural, (singular, kinds) in PLURAL_HEADS.items():
            if tuple(words[i:i + len(plural)]) != plural:
                continue
            j = i + len(plural)
            inside = _parenthesis_after(doc, j)
            items = _enumeration_items(doc, inside) if inside is not None else []
            if len(items) < 2 and j < len(doc) and doc[j].lower_ in _PREPOSITIONS:
                items = _enumeration_items(doc, j)
            elif len(items) < 2 and j < len(doc) and _is_capitalised(doc[i]):  # "des Régions Bretagne et Normandie"
                items = _enumeration_items(doc, j, default="")
            if len(items) > 1:
                for preposition, start, end in items:
                    found.append((doc[start:end], kinds, f"{singular} {_of(preposition, doc[start:end].text)}"))
            break
    return found + _shared_complements(doc, words)


def _shared_complements(doc: Doc, words: list[str]) -> list[tuple[Span, tuple[str, ...], str]]:
    """A bare head coordinated with a designation shares its complement: "la Ville et la Métropole de
    Vernay" names "Ville de Vernay" too (the designation itself is found by :func:`find_designations`)."""
    found: list[tuple[Span, tuple[str, ...], str]] = []
    for i in range(len(doc) - 4):
        head = _head_at(words, i)
        if words[i] not in SHARING_HEADS or not _is_capitalised(doc[i]) or doc[i + 1].lower_ != "et":
            continue
        j = i + 2 + (doc[i + 2].pos_ == "DET")
        other = _head_at(words, j)
        if other is None or not _is_capitalised(doc[j]):
            continue
        start = j + other[0]
        end = _extend(doc, j, start, lowercase_ok=False)
        if end > start and doc[start].lower_ in _PREPOSITIONS and any(is_proper(t) for t in doc[start:end]):
            found.append((doc[i:i + 1], head[1], f"{doc[i].text} {doc[start:end].text}"))
    return found


#: Words that end a body's name after a place ("Rennes Métropole", "Moselle Développement"): folded -> kinds.
TAIL_WORDS: dict[str, tuple[str, ...]] = {
    "metropole": ("collectivite",), "agglomeration": ("collectivite",), "agglo": ("collectivite",),
    "developpement": ("agence",), "expansion": ("agence",), "initiative": ("association",),
}
TAIL_REACH = 5  # name tokens before the tail word


def _is_place_name(token) -> bool:
    """A capitalised word that is a proper name by its tag, its spelling or its rarity (not a common noun)."""
    return _is_capitalised(token) and (token.pos_ == "PROPN" or token.text.isupper() or fold(token.text) in REGIONS
                                       or not token.vocab.has_vector(token.lower_))


def _inner_connector(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is "de", "du" or "d'" between two capitalised words of a place ("Val de Loire");
    the capitalised word before it belongs to the place too."""
    return (0 < i < len(doc) - 1 and doc[i].lower_ in ("de", "du", "d'", "d’") and _is_capitalised(doc[i - 1])
            and _is_capitalised(doc[i + 1]))


def find_tail_names(doc: Doc) -> list[tuple[Span, tuple[str, ...]]]:
    """Names made of a proper name then a tail word ("Vernay Alpes Métropole", "Moselle
    développement", "Val de Loire Agglomération"); the proper name starts with a capital and is
    not itself a head."""
    words = _folded_words(doc)
    found: list[tuple[Span, tuple[str, ...]]] = []
    for token in doc:
        kinds = TAIL_WORDS.get(words[token.i])
        if kinds is None or token.i == 0 or not _is_place_name(doc[token.i - 1]):
            continue
        start = token.i - 1
        while start > 0 and token.i - start < TAIL_REACH and (
                _is_place_name(doc[start - 1]) or doc[start - 1].text == "-" and not doc[start - 1].whitespace_
                or _inner_connector(doc, start - 1) or _inner_connector(doc, start)):
            start -= 1
        if _head_at(words, start) is None and not doc[start].is_sent_start:
            found.append((doc[start:token.i + 1], kinds))
    return found


def find_designations(doc: Doc) -> list[tuple[Span, tuple[str, ...]]]:
    """Every designation of a body in ``doc``, with the kinds its head gives (overlaps allowed)."""
    words = _folded_words(doc)
    found: list[tuple[Span, tuple[str, ...]]] = []
    for i, token in enumerate(doc):
        head = _head_at(words, i)
        if head is None:
            continue
        length, kinds = head
        capital_head = _is_capitalised(token)
        if not capital_head and (tuple(words[i:i + length]) in CAPITAL_ONLY_HEADS or (
                tuple(words[i:i + length]) in LABEL_ONLY_HEADS and not (i + length < len(doc)
                                                                       and is_proper(doc[i + length])))):
            continue
        if kinds[0] not in PLACE_KINDS:
            described = _extend(doc, i, i + length, lowercase_ok=True)
            last = doc[described - 1]
            vague = tuple(words[i:i + length]) in DESCRIBED_ONLY_HEADS
            described_words = any(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in doc[i + length:described])
            branch = not capital_head and words[i] in BRANCH_HEADS and not described_words
            if described > i + length and (vague <= described_words) and not branch and (
                    acronym_follows(doc, described) or is_proper(last) and not last.like_num
                    and fold(last.text) not in CONCEPTS):
                # "pôle de plasturgie de l'Est (PPE)", "agence de développement Alès-Myriapolis"
                found.append((doc[i:described], kinds))
                continue
        if tuple(words[i:i + length]) in DESCRIBED_ONLY_HEADS or (not capital_head and words[i] in BRANCH_HEADS):
            continue  # "l'agence de Lisoy" (of a bank) is a branch office, "l'agence de développement X" a body
        lowercase_ok = capital_head and kinds[0] not in PLACE_KINDS
        end = _extend(doc, i, i + length, lowercase_ok)
        has_name = any(is_proper(t) for t in doc[i + length:end])
        definite = capital_head or (i > 0 and doc[i - 1].lower_ in ("la", "le", "l'", "l’"))
        bare = kinds[0] in BARE_KINDS or (capital_head and tuple(words[i:i + length]) in COUNCIL_HEADS)
        if not has_name and not (definite and length > 1 and bare):
            continue  # a head and its description ("la région", "Pôle de compétitivité") is not one body;
            # a chamber is one body ("la chambre d'agriculture"), so is "le Conseil régional"
        found.append((doc[i:end], kinds))
    return found
