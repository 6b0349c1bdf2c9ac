"""Bodies named bare, without a head noun the designations could read: by their place in the text.

Two readers, each over the mentions the actor component already classified:
- *employer in parentheses*: a capitalised name of one to five words alone in parentheses right
  after a person ("Jean Doré (Tekmo)") is a body, the person's employer, whatever the statistical
  model made of it (nothing, a place, a person);
- *list items*: in a list of three items or more separated by commas, semicolons, "et" or "ou"
  (within one sentence or line), a capitalised item of one to five words is a body when at least two other
  items are bodies and at least twice as many as the people, all of them named bare (no civility,
  no function), who are then bodies too ("Tekmo, Ferlis, la CCI du Val et Vernex"); a lone
  acronym is left to the acronym readers (it is often the short form of a listed body). A new body
  takes the primary kind shared by the listed bodies, else its own head kind, else the default.
  A list announced by a collective noun of bodies and a colon ("ses adhérents : Tekmo, Ferlis et
  Vernex", "Partenaires : ...", or "parmi lesquels": "neuf ateliers adhérents, parmi lesquels Tekmo et
  Ferlis") or on a heading line of its own just before the list's line (a web page's "Nos partenaires"
  then "Tekmo, Ferlis, Vernex") needs only two items and no known body: the
  heading says what the items are (a third of people or more, or one with a civility or a function,
  still keeps the list out);
- *names and short forms taken for places*: a one-word name the model took for a place is a body
  the same text names by that word elsewhere ("l'association Orvel ... Orvel crée"), else the
  short form of a body the text names in full when it is that body's name without its legal form
  and trade words ("Tekmo" after "Tekmo Systems", "Ferlis" after "Cabinet Ferlis & Associés");
  and a capitalised word the model left untagged is the body the text names by that one word
  elsewhere, unless the word is in the dictionary ("Orvel est membre de ...").
- *represented bodies*: the name before ", représenté(e) par" is a body ("- Hôtel Le Relais,
  représenté par Mme Anne Roy");
- *firm names in parentheses*: a capitalised name (not all in capitals) alone in parentheses whose
  words include a trade or legal word or a head noun is a body, wherever it stands ("(Vernier
  Énergies)", "(Orvel SAS)").
Official places (regions, countries), concepts, programmes, functions and civilities are never taken.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from maillage.nlp.designations import NAME_CONNECTORS
from maillage.nlp.kinds import DEFAULT_KIND, head_kinds, strip_article
from maillage.nlp.lexicon import (BUSINESS_WORDS, CIVILITIES, CONCEPTS, COUNTRIES, FUNCTIONS, LEGAL_FORMS, PROGRAMMES,
                                  REGIONS, fold)
from maillage.nlp.names import in_dictionary
from maillage.nlp.resolve import core_key
from maillage.nlp.titles import is_heading_line

MAX_WORDS = 5
PERSON = "personne"
_SEPARATORS = frozenset({",", ";", "et", "ou"})
#: Articles a list item may open with, and the folded functions of people (shared with line_items).
LEADING_ARTICLES = frozenset({"la", "le", "les", "l'", "l’"})
FOLDED_FUNCTIONS = frozenset(fold(f) for f in FUNCTIONS)
#: Folded singular nouns that announce a list of bodies before a colon ("nos partenaires :").
COLLECTIVE_HEADS = frozenset({
    "membre", "partenaire", "adherent", "adherente", "financeur", "fondateur", "signataire", "laureat",
    "actionnaire", "associe", "societaire", "mecene", "entreprise", "structure", "organisme", "acteur",
    "filiale", "cooperateur", "soutien", "participant", "exposant", "beneficiaire",
})
HEADING_REACH = 6  # words before the colon where the collective noun may stand
#: Relative pronouns that, after "parmi", announce a list as a colon does.
AMONG_WHICH = frozenset({"lesquels", "lesquelles"})


def _is_name(span: Span) -> bool:
    """A capitalised name: first word capitalised, every other content word too, no verb, no number but a
    capitalised number word inside it ("Les Quatre Fontaines de Lorzac"), not an official place, a concept,
    a programme, a function or a civility."""
    words = [t for t in span if not t.is_space]
    compound = {t.i for t in words if t.i > span.start and t.doc[t.i - 1].text == "-" and t.is_alpha}
    counted = [t for t in words if t.i not in compound and not (t.text == "-" and t.i + 1 in compound)]
    if not words or len(counted) > MAX_WORDS or not words[0].text[:1].isupper():
        return False
    for token in words:
        if token.i in compound:
            continue  # the second part of a compound ("Hôtel-restaurant")
        spelled = token.is_alpha and token.text[:1].isupper() and token.i > span.start  # "Atelier des Cinq Saules"
        if token.pos_ in ("VERB", "AUX") or (token.like_num and not spelled) \
                or (token.is_punct and token.text not in ("-", "'", "’", "&")):
            return False
        if token.is_alpha and not token.text[:1].isupper() and token.lower_ not in NAME_CONNECTORS:
            return False
    folded = strip_article(fold(span.text))
    first = folded.split()[0] if folded else ""
    return bool(folded) and not (folded in REGIONS or folded in COUNTRIES or folded in CONCEPTS
                                 or folded in PROGRAMMES or first in FOLDED_FUNCTIONS
                                 or words[0].text in CIVILITIES)


def _body(span: Span, kinds: tuple[str, ...] = ()) -> tuple[Span, list[str]]:
    return Span(span.doc, span.start, span.end, label="ORG"), list(kinds or head_kinds(span.text) or (DEFAULT_KIND,))


def employers_in_parentheses(doc: Doc, people: list[Span], taken: set[int]) -> list[tuple[Span, list[str]]]:
    """The bodies in parentheses right after a person (see the module docstring)."""
    found = []
    for person in people:
        start = person.end + 1
        if person.end >= len(doc) or doc[person.end].text != "(":
            continue
        end = next((k for k in range(start, min(len(doc), start + MAX_WORDS + 1)) if doc[k].text == ")"), None)
        if end is None or end == start or any(i in taken for i in range(start, end)):
            continue
        inner = doc[start:end]
        if _is_name(inner):
            found.append(_body(inner))
    return found


def _units(doc: Doc) -> list[Span]:
    """The stretches of text a list may live in: between sentence-final stops and line breaks (the
    parser's sentences cut lists at semicolons and parentheses), with two separators at least."""
    units, start, separators = [], 0, 0
    for token in doc:
        text = token.text
        if "\n" in text or text in (".", "!", "?"):
            if separators >= 2:  # three items at least
                units.append(doc[start:token.i])
            start, separators = token.i + 1, 0
        elif text in (",", ";") or text == "et" or text == "ou":
            separators += 1
    if separators >= 2:
        units.append(doc[start:])
    return units


def _items(doc: Doc, sentence: Span) -> list[tuple[int, int]]:
    """The runs of tokens between list separators in a sentence, each without a leading article."""
    runs, start = [], sentence.start
    for token in sentence:
        if token.lower_ in _SEPARATORS or token.text in (":", "(", ")", "\n") or "\n" in token.text:
            runs.append((start, token.i))
            start = token.i + 1
    runs.append((start, sentence.end))
    out = []
    for a, b in runs:
        while a < b and (doc[a].lower_ in LEADING_ARTICLES or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def list_items(doc: Doc, kinds_at: dict[tuple[int, int], list[str]], taken: set[int],
               untitled: set[tuple[int, int]]) -> list[tuple[Span, list[str]]]:
    """The bare bodies listed with other bodies (see the module docstring). ``kinds_at`` maps the
    token range of each classified actor mention to its kinds; ``untitled`` holds the ranges of
    the people named without a civility or a function, which, listed among twice as many bodies or
    more, are bodies the model took for people ("Tekmo, Ferlis, Emballix Nord et la CCI du Val")."""
    found, text = [], doc.text
    for sentence in _units(doc) + _headed_units(doc):
        colon = _heading_colon(doc, sentence)
        headed = colon is None and _under_heading(text, sentence)
        if headed:
            colon = sentence.start - 1  # the heading line stands for "Partenaires :"
        items = _items(doc, sentence if colon is None else doc[colon + 1:sentence.end])
        listed = [(a, b) for a, b in items if b - a <= MAX_WORDS + 1]
        known = [kinds_at[r] for r in listed if r in kinds_at]
        bodies = [k for k in known if k[0] != PERSON]
        people = [r for r in listed if r in kinds_at and kinds_at[r][0] == PERSON]
        if colon is not None:  # the heading says what the items are: bodies, but for a few people named bare
            if len(listed) < 2 or len(people) * 3 > len(listed) or any(r not in untitled for r in people):
                continue
        elif len(bodies) < 2 or len(listed) < 3 or len(people) * 2 > len(bodies) \
                or any(r not in untitled for r in people):
            continue
        primaries = {k[0] for k in bodies}
        shared = tuple(bodies[0]) if len(primaries) == 1 else ()
        for a, b in listed:
            if ((a, b) in kinds_at and (a, b) not in untitled) or any(i in taken and (a, b) not in untitled
                                                                      for i in range(a, b)):
                continue
            if not _adjacent_to_list(doc, a, b, lines=headed):
                continue
            span = doc[a:b]
            if _is_name(span) and not (len(span) == 1 and span.text.isupper()):  # acronyms: see acronyms.py
                found.append(_body(span, head_kinds(span.text) or shared))
    return found


def _heading_colon(doc: Doc, unit: Span) -> int | None:
    """The colon of ``unit`` announced by a collective noun of bodies in the words before it, if any; "parmi
    lesquels" after such a noun ("neuf ateliers adhérents, parmi lesquels A et B") stands for a colon."""
    for token in unit:
        among = token.lower_ in AMONG_WHICH and token.i > unit.start and doc[token.i - 1].lower_ == "parmi"
        if token.text == ":" or among:
            words = doc[max(unit.start, token.i - HEADING_REACH - among):token.i - among]
            if any(_singular(fold(w.text)) in COLLECTIVE_HEADS for w in words):
                return token.i
            return None
    return None


def _under_heading(text: str, unit: Span) -> bool:
    """Whether ``unit`` is a line with no conjugated verb (a list, not a sentence) right under a heading line
    of a collective noun of bodies: a line of at most :data:`HEADING_REACH` words, without final punctuation
    ("Nos partenaires", "Adhérents 2026"); ``text`` is the text of the unit's doc."""
    start = unit.start_char
    if not start or text[start - 1] != "\n":
        return False
    end = start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    line = text[text.rfind("\n", 0, end) + 1:end].strip()
    return (is_heading_line(line, HEADING_REACH) and any(_singular(fold(w)) in COLLECTIVE_HEADS for w in line.split())
            and not any("Fin" in t.morph.get("VerbForm") for t in unit))


def _separators(span: Span) -> int:
    """How many list separators a span holds."""
    return sum(t.text in (",", ";") or t.lower_ in ("et", "ou") for t in span)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word


def _headed_units(doc: Doc) -> list[Span]:
    """The lines holding a colon after a collective noun, or under a heading line of one, and a single
    separator ("Nos partenaires : Tekmo et Ferlis"), which :func:`_units` leaves out for having too few
    separators."""
    units, start, text = [], 0, doc.text
    for token in list(doc) + [None]:
        if token is None or "\n" in token.text or token.text in (".", "!", "?"):
            end = len(doc) if token is None else token.i
            unit = doc[start:end]
            colon = _heading_colon(doc, unit) if end > start else None
            if colon is None and end > start and _under_heading(text, unit):
                colon = start - 1  # the heading line stands for "Partenaires :"
            if colon is not None and _separators(doc[colon + 1:end]) == 1:
                units.append(unit)
            start = end + 1
    return units


def short_forms(places: list[Span], names: list[tuple[str, list[str]]]) -> list[tuple[Span, list[str], str]]:
    """The one-word places that name a body of the text or are its short form (see the module
    docstring), each with the body's kinds and full name. ``names`` holds each body's name (not a person's, not a
    local authority's) and kinds."""
    cores: dict[str, tuple[list[str], str]] = {}
    for name, kinds in names:
        core = core_key(name)
        if core and core != strip_article(fold(name)) and " " not in core:
            cores.setdefault(core, (kinds, name))
    for name, kinds in names:  # a body named by the one word itself comes first ("X" beside "X Services")
        folded = strip_article(fold(name))
        if folded and " " not in folded:
            cores[folded] = (kinds, name)
    found = []
    for span in places:
        folded = fold(span.text)
        if len(span) == 1 and folded in cores and folded not in REGIONS and folded not in COUNTRIES:
            kinds, name = cores[folded]
            found.append((Span(span.doc, span.start, span.end, label="ORG"), list(kinds), name))
    return found


def _adjacent_to_list(doc: Doc, a: int, b: int, lines: bool = False) -> bool:
    """Whether an item is delimited as a list item: a separator before it (past an article) and a
    separator or the end of the clause after it; with ``lines`` (a list on a line of its own), a line
    break on either side too."""
    before = a - 1
    while before >= 0 and doc[before].lower_ in LEADING_ARTICLES:
        before -= 1
    after_ok = b >= len(doc) or doc[b].lower_ in _SEPARATORS or doc[b].is_punct or (lines and "\n" in doc[b].text)
    return before >= 0 and after_ok and (doc[before].lower_ in _SEPARATORS or doc[before].text in (":", "(")
                                         or doc[before].lower_ in AMONG_WHICH
                                         or (lines and "\n" in doc[before].text))


def repeated_names(doc: Doc, names: list[tuple[str, list[str]]], taken: set[int]) -> list[tuple[Span, list[str], str]]:
    """The capitalised words outside ``taken`` that repeat a one-word body name of the text (see the
    module docstring), each with the body's kinds and name."""
    bodies = {}
    for name, kinds in names:
        folded = strip_article(fold(name))
        if folded and " " not in folded:
            bodies.setdefault(folded, (kinds, name))
    found = []
    for token in doc:
        if token.i in taken or not token.text[:1].isupper() or token.is_stop or in_dictionary(token):
            continue
        hit = bodies.get(fold(token.text))
        if hit is not None:
            found.append((Span(doc, token.i, token.i + 1, label="ORG"), list(hit[0]), hit[1]))
    return found


def shortened_names(doc: Doc, names: list[tuple[str, list[str]]], taken: set[int],
                    own: frozenset[tuple[int, int]] = frozenset()) -> list[tuple[Span, list[str], str]]:
    """The definite mentions of a body by its name without the place that ends it ("le Point Entreprendre" for
    "Point Entreprendre Lorzac"): a body's name of capitalised words only, three at least, whose first words
    (two at least) follow "le", "la", "l'", "du" or "au" outside ``taken`` (or exactly a range of ``own``, a
    mention of those words alone), without the rest of the name after them, when no other body's name starts
    with the same words; each with the body's kinds and name."""
    prefixes: dict[tuple[str, ...], list[tuple[list[str], str]]] = {}
    for name, kinds in names:
        words = name.split()
        if len(words) >= 3 and all(w[:1].isupper() and w.isalpha() for w in words):
            for k in range(2, len(words)):
                prefixes.setdefault(tuple(words[:k]), []).append((kinds, name))
    found = []
    for token in doc:
        if token.i == 0 or doc[token.i - 1].lower_ not in _DEFINITE_BEFORE or not token.text[:1].isupper():
            continue
        for length in range(min(6, len(doc) - token.i), 1, -1):
            words = tuple(t.text for t in doc[token.i:token.i + length])
            hits = {name: kinds for kinds, name in prefixes.get(words, [])}
            if len(hits) != 1 or ((token.i, token.i + length) not in own
                                  and any(i in taken for i in range(token.i, token.i + length))):
                continue
            name, kinds = next(iter(hits.items()))
            rest = name.split()[length]
            if token.i + length < len(doc) and doc[token.i + length].text == rest:
                continue
            found.append((Span(doc, token.i, token.i + length, label="ORG"), list(kinds), name))
            break
    return found


_DEFINITE_BEFORE = frozenset({"le", "la", "l'", "l’", "du", "au"})
_REPRESENTED = frozenset({"représenté", "représentée", "représentés", "représentées", "represente", "representee"})
_ITEM_STARTS = frozenset({"-", "–", "—", "•", "·", ";", ":", "*"})


def represented_bodies(doc: Doc, taken: set[int]) -> list[tuple[Span, list[str]]]:
    """The names written before ", représenté(e) par" (see the module docstring), none of whose words is taken."""
    found = []
    for token in doc:
        if token.lower_ not in _REPRESENTED or token.i < 2 or doc[token.i - 1].text != ",":
            continue
        end = token.i - 1
        start = end
        while start > 0 and end - start < MAX_WORDS + 2 and not _item_start(doc[start - 1]):
            start -= 1
        while start < end and doc[start].lower_ in LEADING_ARTICLES:
            start += 1
        span = doc[start:end]
        if len(span) and not any(i in taken for i in range(start, end)) and _is_name(span):
            found.append(_body(span))
    return found


def _item_start(token) -> bool:
    """Whether ``token`` ends what comes before a roster item: a bullet, a dash followed by a space
    (not a compound's hyphen), a line break or a punctuation mark between items."""
    if token.text in ("-", "–") and not token.whitespace_:
        return False
    return token.text in _ITEM_STARTS or "\n" in token.text or token.text in (",", ".", "(", ")")


def firm_names_in_parentheses(doc: Doc, taken: set[int]) -> list[tuple[Span, list[str]]]:
    """The names alone in parentheses that carry a trade or legal word or a head noun (see the module docstring)."""
    found = []
    for token in doc:
        if token.text != "(":
            continue
        end = next((k for k in range(token.i + 1, min(len(doc), token.i + MAX_WORDS + 2)) if doc[k].text == ")"), None)
        if end is None or end == token.i + 1 or any(i in taken for i in range(token.i + 1, end)):
            continue
        inner = doc[token.i + 1:end]
        firm_word = any(fold(t.text) in BUSINESS_WORDS or fold(t.text) in LEGAL_FORMS for t in inner[1:])
        if len(inner) > 1 and not inner.text.isupper() and _is_name(inner) and (firm_word or head_kinds(inner.text)):
            found.append(_body(inner))
    return found
