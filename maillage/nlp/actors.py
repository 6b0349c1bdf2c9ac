"""The spaCy component that turns entities and designations into actor mentions.

After it runs on a ``Doc``:
- ``doc.spans["actors"]``: every actor mention; ``span._.actor_key`` is the key of its actor
  in ``doc._.actors``, ``span._.confidence`` is 1.0 for a name and lower for an anaphor
  ("le Pays", "la SCIC") resolved to the salient actor of that kind before it;
- ``doc._.actors``: actor key -> :class:`~maillage.graph.model.Actor` (kinds validated);
  the key is the actor's id;
- ``doc.spans["territories"]`` and ``doc.spans["programmes"]``: places and programmes, not actors.

A mention is classified (see :func:`classify`) as a person, an organisation, a territory,
a programme, or nothing (generic mentions, concept acronyms, document furniture).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from maillage.graph.model import Actor
from maillage.nlp.bare_names import (employers_in_parentheses, firm_names_in_parentheses, list_items, repeated_names,
                                     represented_bodies, short_forms, shortened_names)
from maillage.nlp.governance import INSTANCE, governance_bodies
from maillage.nlp.acronyms import abbreviates, is_short_form, long_form_spans
from maillage.nlp.branches import branches, title_branches
from maillage.nlp.definitions import DEFINED, stated_kinds, states_a_programme
from maillage.nlp.designations import (NAME_CONNECTORS, PLACE_KINDS, acronym_follows, find_designations, find_enumerations,
                                      find_quoted, find_tail_names, is_proper)
from maillage.nlp.line_items import line_items, listed_kinds
from maillage.nlp.title_names import full_name_from_title, title_name
from maillage.nlp.kinds import ACRONYM_KIND, DEFAULT_KIND, context_kinds, head_kinds, national_kinds, roles_for, strip_article
from maillage.nlp.lexicon import (ANAPHORS, BUSINESS_WORDS, CIVILITIES, CONCEPTS, CONTEXT_KINDS, COUNTRIES,
                                  ELECTED_FUNCTIONS, FUNCTIONS, GENERIC_DETERMINERS, KIND_HEADS, LABEL_HEADS,
                                  LOWERCASE_LABEL_HEADS, NON_ACTOR_HEADS, PROGRAMME_HEADS, PROGRAMMES, REGIONS, TRADE_HEADS,
                                  fold)
from maillage.nlp.names import in_dictionary, is_common_word, is_given_name, likeness
from maillage.nlp.resolve import cluster

ANAPHOR_CONFIDENCE = 0.6
ANAPHOR_WINDOW = 300  # tokens back to look for the salient actor of a kind
ACRONYM_MAX = 8  # letters of an unknown upper-case name taken as an acronym
MAX_PLACE_WORDS = 4  # words of a place that names a body's branch after it
#: Areas named by the compass that name a network's branch after its acronym ("CRESS Grand Ouest").
COMPASS_AREAS = frozenset({"nord", "sud", "est", "ouest", "centre", "grand ouest", "grand sud", "grand nord",
                           "sud ouest", "sud est", "nord ouest", "nord est", "centre est", "centre ouest"})
ACRONYM_REACH = 15  # tokens between a name and the "(ACR)" that defines its acronym
PERSON = "personne"
_LEADING = frozenset({"la", "le", "les", "l'", "l’", "du", "des", "de", "d'", "d’", "au", "aux"})
_FUNCTIONS = {fold(f): f for f in FUNCTIONS}
#: Functions held in a body (not in a place): those of :data:`FUNCTIONS` but elected ones, and company heads.
_EMPLOYER_FUNCTIONS = {fold(f): f for f in (*FUNCTIONS, "pdg", "dg", "fondateur", "cofondateur", "cofondatrice",
                                             "ingénieur", "ingénieure", "salarié", "salariée", "dirigeant",
                                             "dirigeante", "gérant", "gérante", "cogérant", "cogérante")
                       if f not in ELECTED_FUNCTIONS}
_OF = frozenset({"de", "du", "d'", "d’", "chez"})
_OF_OR_AT = _OF | {"à"}
#: Heads too vague to type an entity of the statistical model ("Pôle de Montauban" is a place or a hub).
VAGUE_HEADS = frozenset({"pole"})
_HEAD_WORDS = frozenset(head.split()[0] for head, _ in KIND_HEADS) | frozenset(CONTEXT_KINDS)
_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)*$|^[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+$|^[A-ZÀ-Ý]\.$")
#: "Firstname SURNAME", the French way of writing a person's name in lists and headers.
_FIRST_SURNAME = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)? (?:(?:LE|LA|DE|DU|EL) )?"
                            r"[A-ZÀ-Ý]{2,}(?:[-'’][A-ZÀ-Ý]{2,})?\b")

for _name, _default in (("actor_key", None), ("confidence", 1.0)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


@dataclass
class Mention:
    """A span classified as an actor mention, before resolution: its name and other surface forms."""

    span: Span
    kinds: list[str]
    roles: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    name: str = ""
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.name or self.span.text


def _longest_line(span: Span) -> tuple[int, int]:
    """The token range of the longest part of a span between line breaks and spaced dashes."""
    parts, start = [], span.start
    for token in span:
        if "\n" in token.text or "\t" in token.text or (token.text in ("-", "–", "—") and token.i > 0
                                  and span.doc[token.i - 1].whitespace_):
            parts.append((start, token.i))
            start = token.i + 1
    parts.append((start, span.end))
    return max(parts, key=lambda p: p[1] - p[0])


def _trim(span: Span) -> Span | None:
    """The span's longest line without leading articles and trailing punctuation or connectors."""
    start, end = _longest_line(span)
    while start < end and (span.doc[start].lower_ in _LEADING or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].lower_ in _LEADING
                           or span.doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label_)


def _is_generic(span: Span) -> bool:
    """A plural or indefinite mention ("les CCI", "des banques", "un cabinet comptable")."""
    if span.start == 0:
        return False
    return span.doc[span.start - 1].lower_ in GENERIC_DETERMINERS


def _inner_punct(span: Span) -> bool:
    """Punctuation inside a name other than hyphens, apostrophes, "&", "@" and dots ("Pays/Pôle", "X: Y"),
    and commas in a long form an acronym defines ("Ministère de l'Agriculture, de la Forêt (MAAF)")."""
    allowed = ("-", "'", "’", "&", "@", ".") + ((",",) if acronym_follows(span.doc, span.end) else ())
    return any(t.is_punct and t.text not in allowed for t in span[1:-1])


def _is_shouted(span: Span) -> bool:
    """Upper-case words of a heading or a slogan ("RECONNECTER LE DÉVELOPPEMENT"), not an acronym
    nor a label head before an acronym ("SCOP ALMA")."""
    letters = [t for t in span if t.is_alpha]
    if len(letters) > 1 and all(t.text.isupper() for t in letters):
        return not (len(span) == 2 and fold(span[0].text) in LABEL_HEADS)
    doc = span.doc
    around = [t for t in doc[max(0, span.start - 2):min(len(doc), span.end + 2)]
              if t.is_alpha and len(t) > 2 and not (span.start <= t.i < span.end)]
    return len(around) > 1 and all(t.text.isupper() for t in around)


def _is_acronym(span: Span) -> bool:
    """One upper-case word of four to ``ACRONYM_MAX`` letters ("FINAXO"), whatever the model's label,
    not named by a law, a scheme or a document just before it ("loi ABCD", "projet de ABCD")."""
    if not (len(span) == 1 and span[0].is_alpha and span[0].text.isupper() and 3 < len(span[0]) <= ACRONYM_MAX):
        return False
    before = [fold(t.text) for t in span.doc[max(0, span.start - 2):span.start]]
    return not any(word in NON_ACTOR_HEADS or word in PROGRAMME_HEADS for word in before)


def _after_titled_article(span: Span) -> bool:
    """A name written after a capitalised article inside a sentence ("... par La 27e Région"): the
    article is part of a proper name, which the statistical model often labels MISC."""
    doc = span.doc
    if span.start < 2:
        return False
    article, before = doc[span.start - 1], doc[span.start - 2]
    return (article.text in ("La", "Le", "Les", "L'", "L’") and not article.is_sent_start
            and before.is_alpha and before.is_lower)


def _person_name(span: Span) -> bool:
    """Two to four name words, each capitalised (initials and hyphenated names allowed), not all in
    capitals: "ARDOISE & MÉTAL" is a firm's name, "Anne MARTIN" a person's."""
    words = [t.text for t in span if not t.is_space]
    return (2 <= len(words) <= 4 and all(_NAME_WORD.match(w) or w in ("-", "de", "Le", "La", "El") for w in words)
            and not all(w.isupper() for w in words if any(c.isalpha() for c in w)))


def _employer_slot(span: Span, prepositions: frozenset[str]) -> str:
    """The function of a person written just before a body it names as the person's employer
    ("PDG de X", "professeure d'économie à X"): one of ``prepositions`` right before the span and a
    function at most three words before it; "" if none."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in prepositions:
        return ""
    for token in doc[max(0, span.start - 4):span.start - 1]:
        found = _EMPLOYER_FUNCTIONS.get(fold(token.text))
        if found:
            return found
    return ""


def _function_near(span: Span, reach: int = 4) -> str:
    """The function written just before ("la présidente X") or after ("X, maire de ...") a person,
    within ``reach`` tokens; with a reach of 1, only the word just before counts."""
    doc = span.doc
    window = list(doc[max(0, span.start - reach):span.start])
    if reach > 1:
        window += list(doc[span.end:min(len(doc), span.end + reach)])
    for token in window:
        found = _FUNCTIONS.get(fold(token.text))
        if found:
            return found
    return ""


def _first_surname_spans(doc: Doc) -> list[Span]:
    """People written "Firstname SURNAME" ("Elise KERVADEC"), unless a word is a head, a title or a
    known acronym ("Région ADEME" is no one)."""
    found = []
    for match in _FIRST_SURNAME.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), label="PER", alignment_mode="contract")
        if span is None or len(span) < 2:
            continue
        first, last = fold(span[0].text), span[-1].text
        if (first in _HEAD_WORDS or first in _FUNCTIONS or first in NON_ACTOR_HEADS or national_kinds(last)
                or fold(last) in CONCEPTS or fold(last) in PROGRAMMES):
            continue
        found.append(span)
    return found


def _is_credit(span: Span) -> bool:
    """A name in a photo or copyright credit ("© Anne Morel/Agence"): an author, not an actor."""
    return any(t.text in ("©", "(c)") for t in span.doc[max(0, span.start - 2):span.start])


def _person(span: Span) -> Mention | None:
    """A person's mention, without the civility before the name ("Mme Nadia Benali" is "Nadia Benali",
    "M. Quéré" is "Quéré") or a function after it, or None when the span is not a person's name."""
    while len(span) > 2 and fold(span[-1].text) in _FUNCTIONS:  # "Stéphane VALORGE Chef (de projet)"
        span = span[:-1]
    titled = span[0].text in CIVILITIES
    while len(span) > 1 and span[0].text in CIVILITIES:
        span = span[1:]
    surname = titled and len(span) == 1 and bool(_NAME_WORD.match(span[0].text))  # "M. Quéré"
    if not (_person_name(span) or surname) or fold(span[0].text) in _FUNCTIONS:
        return None
    function = _function_near(span)
    roles = ["elu"] if function in ELECTED_FUNCTIONS else []
    return Mention(span, [PERSON], roles, {"function": function} if function else {})


def _is_known_name(span: Span) -> bool:
    """An unknown name is kept only when it looks like one: its content words are capitalised and at
    least one of them is not a common word (no vector in the model), or it is an acronym."""
    content = [t for t in span if t.is_alpha and t.lower_ not in NAME_CONNECTORS]
    if span[0].text.isdigit() or not any(c.isalpha() for c in span.text):
        return False  # a count ("3 Membres") or a reference ("5711-1"), not a name
    if any(t.like_num or any(c.isdigit() for c in t.text) for t in span) and content:
        return True  # "La 27e Région"
    if not content or not all(t.text[:1].isupper() for t in content):
        return False
    if len(content) == 1 and content[0].text.isupper() and not 3 < len(content[0]) <= ACRONYM_MAX:
        return False  # short acronyms are too ambiguous without a definition; long ones are shouted words
    return any(not t.vocab.has_vector(t.lower_) for t in content)


def _label_split(span: Span) -> tuple[str, list[str]]:
    """("Tissalia", ["SCIC Tissalia"]) for a label head before a body's own name, else (text, []).

    A head written in lower case (:data:`PREFIX_HEADS`: "l'association Terres Vives", "le club d'entreprises
    Cap Orvel", "la coopérative agricole Val d'Ormes") is a description before the name: the name is the
    run of capitalised words (and name connectors) that ends the span after the head and its lower-case
    words, with a proper word among them; the kind was read from the head. So is a head capitalised only
    because it opens a sentence or a line, when lower-case words describe it ("Club d'entreprises Cap Orvel :
    ..."; not "Association Terres Vives", which may be one name)."""
    first = fold(span[0].text)
    lowercase = span[0].text.islower()
    if len(span) > 1 and is_proper(span[1]) and (first in LABEL_HEADS or (first in LOWERCASE_LABEL_HEADS and lowercase)):
        return span[1:].text, [span.text]
    opening = _opens_text(span)  # "Club d'entreprises Cap Orvel réunit ...": capitalised as the sentence starts
    if (lowercase or opening) and first in PREFIX_HEADS:
        for k in range(1 if lowercase else 2, len(span)):
            before, rest = span[k - 1], span[k:]
            if span[k].text[:1].isupper() and before.is_alpha and before.is_lower \
                    and (k == 1 or before.lower_ not in NAME_CONNECTORS) and any(is_proper(t) for t in rest) \
                    and all(t.text[:1].isupper() or t.lower_ in NAME_CONNECTORS or not t.is_alpha for t in rest):
                return rest.text, [span.text]
    return span.text, []


def _titled(span: Span) -> bool:
    """A civility or a function is written right before the name, or a function right after its comma
    ("Mme X", "la présidente X", "X, maire de ...")."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start else ""
    after = doc[span.end + 1].text if span.end + 1 < len(doc) and doc[span.end].text == "," else ""
    return (span[0].text in CIVILITIES or before in CIVILITIES or fold(before) in _FUNCTIONS
            or fold(after) in _FUNCTIONS)


def _name_reading(span: Span) -> str:
    """How a span written like a person's name reads: "firm" when a word is a trade noun ("Fonderie
    Castaing") or, untitled, it starts with a common word before a proper one ("Tissages Martel",
    "Forges de Lurcy"); "junk" when, untitled, all its words are common ones ("Avenir Durable", "Un
    OUTIL"), written with a word in capitals or with no proper noun after the first word; "person" otherwise (see :mod:`maillage.nlp.names`)."""
    if any(fold(t.text) in BUSINESS_WORDS for t in span) or head_kinds(span.text):
        return "firm"
    if _titled(span) or not is_common_word(span[0]):
        return "person"
    rest = [t for t in span[1:] if t.is_alpha and t.lower_ not in NAME_CONNECTORS]
    shouted = any(t.text.isupper() and len(t) > 1 for t in span)
    if span[0].is_stop or span[0].pos_ == "ADJ" or shouted or not any(t.pos_ == "PROPN" or likeness(t) is None for t in rest):
        return "junk"
    return "firm"


def _letterhead(span: Span) -> bool:
    """Whether a span is the whole first line of the text, as the issuing body's name heads minutes or a
    letter ("COMMUNE DE X"): a heading in capitals that names a body, not a slogan."""
    text = span.doc.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return span.start_char == start and text[start:len(text) if end < 0 else end].strip() == span.text


def classify(span: Span, kinds: tuple[str, ...] = ()) -> tuple[str, Mention | Span | None]:
    """("actor", Mention) | ("territory", span) | ("programme", span) | ("", None) for one candidate span.

    ``kinds`` are those a gazetteer or a designation already gave. A name right after a civility ("M.
    DURAND", "Mme Lorient") is a person's, whatever the statistical model made of it.
    """
    if not kinds and span.start and span.doc[span.start - 1].text in CIVILITIES:  # "M. DURAND", whatever the label
        person = _person(span.doc[span.start - 1:span.end])
        if person is not None:
            return "actor", person
    words = [t for t in span if any(c.isalpha() for c in t.text)]
    capitals = (all(t.text.isupper() for t in words) and not _titled(span) and not _is_shouted(span)
                and not any(in_dictionary(t) for t in words if t.is_alpha))  # "KORVEL'INOX", not "CONSTRUCTION"
    if capitals:
        reading = "firm"
    elif _person_name(span) and _is_shouted(span):
        reading = "person" if _titled(span) else "junk"  # "Un DISPOSITIF" in a slogan
    else:
        reading = _name_reading(span) if _person_name(span) else "person"
    # a name right after "dirigeant de", "PDG de" is the person's employer, whatever it looks like
    firm = reading == "firm" or (span.label_ == "PER" and bool(_employer_slot(span, _OF)))
    if span.label_ == "PER" and reading == "junk":
        return "", None
    if (span.label_ == "PER" and not firm) or (span.label_ == "ORG" and not kinds and reading == "person"
                                               and not head_kinds(span.text)
                                               and (_function_near(span, reach=1) or is_given_name(span[0]))):
        person = None if _is_credit(span) else _person(span)
        return ("actor", person) if person else ("", None)
    folded = strip_article(fold(span.text))
    first = folded.split()[0] if folded else ""
    if (not folded or folded in CONCEPTS or _is_generic(span) or len(span) > 16 or _inner_punct(span)
            or first in _FUNCTIONS):
        return "", None
    if folded in PROGRAMMES or (not kinds and (first in PROGRAMMES or first in PROGRAMME_HEADS)):
        return "programme", span
    if folded in REGIONS or folded in COUNTRIES:
        return "territory", span
    if _is_shouted(span) and not national_kinds(span.text) and not (kinds and _letterhead(span)):
        return "", None
    if not kinds:
        if first in NON_ACTOR_HEADS:
            return "", None
        kinds = national_kinds(span.text)
    if not kinds and first not in VAGUE_HEADS:
        kinds = head_kinds(span.text)
        if kinds and not any(is_proper(t) for t in span[1:]):
            kinds = ()  # a head and its description: a generic or a concept
            if span.label_ != "LOC":
                return "", None
    if not kinds and span.label_ == "PER":
        kinds = (DEFAULT_KIND,)  # a firm's name the model took for a person's ("Fonderie Castaing")
    if not kinds and span.label_ == "LOC" and not (len(span) <= 4 and _employer_slot(span, _OF)):
        return "territory", span
    previous = span.doc[span.start - 1].text if span.start else ""
    kinds = kinds or context_kinds(previous)
    if not kinds:
        if span.label_ == "LOC" or (span.label_ == "ORG" and _employer_slot(span, _OF_OR_AT)):
            kinds = (DEFAULT_KIND,)  # a body a person works in ("PDG de X")
        elif not (span.label_ == "ORG" or _is_acronym(span) or _after_titled_article(span)) \
                or not _is_known_name(span):
            return "", None
        kinds = (ACRONYM_KIND,) if _is_acronym(span) else (DEFAULT_KIND,)
    name, aliases = _label_split(span)
    if strip_article(fold(name)) in CONCEPTS:
        return "", None
    return "actor", Mention(span, list(kinds), roles_for(list(kinds)), name=name, aliases=aliases)


#: Lower-case heads of firms whose description may come before the firm's own name.
FIRM_LABEL_HEADS = frozenset({"entreprise", "societe", "groupe", "cabinet"}) | frozenset(
    h for h in TRADE_HEADS if " " not in h)
def _opens_text(span: Span) -> bool:
    """Whether a span opens a sentence or a line (its capital says nothing of a name)."""
    doc = span.doc
    return span.start == 0 or doc[span.start - 1].is_space or doc[span.start - 1].text in (".", "!", "?", ":") \
        or "\n" in doc[span.start - 1].whitespace_


#: Lower-case heads that describe a body before its own name: firms' and the label heads.
PREFIX_HEADS = FIRM_LABEL_HEADS | LABEL_HEADS | LOWERCASE_LABEL_HEADS
_LIST_SEPARATORS = frozenset({",", "(", ")", ";", "et"})


def _listed_with_bodies(places: list[Span], mentions: list[Mention]) -> list[tuple[Span, list[str]]]:
    """The places that are items of a list next to a body other than a local authority or a person
    ("(CCI, Orvalis, Meuse développement)"): a one-word name between separators (comma,
    parenthesis, semicolon, "et") whose neighbouring item, one separator away, is such a body;
    each with the kinds of that body (the items of a list are of one category)."""
    doc = places[0].doc if places else None
    bodies = {edge: m.kinds for m in mentions if m.kinds[0] not in ("collectivite", PERSON)
              for edge in ((m.span.start, "start"), (m.span.end, "end"))}
    found = []
    for span in places:
        if len(span) != 1 or fold(span.text) in REGIONS or fold(span.text) in COUNTRIES:
            continue
        before = span.start - 1 if span.start else None
        after = span.end if span.end < len(doc) else None
        if before is None or after is None or doc[before].lower_ not in _LIST_SEPARATORS \
                or doc[after].lower_ not in _LIST_SEPARATORS:
            continue
        kinds = bodies.get((before, "end")) or bodies.get((after + 1, "start"))
        if kinds:
            found.append((span, list(kinds)))
    return found


def _without(spans: list[Span], taken: set[int]) -> list[Span]:
    """The spans that share no token with ``taken``."""
    return [s for s in spans if not any(i in taken for i in range(s.start, s.end))]


def _tokens(spans: list[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _candidates(doc: Doc) -> list[tuple[Span, tuple[str, ...], str]]:
    """Candidate spans in three tiers, each keeping only what the tiers above leave free: enumerated
    bodies; then designations, long forms defined by an acronym, quoted and tail names, gazetteer
    entities and "Firstname SURNAME" people; then the other entities of the statistical model.
    Within a tier the longest span wins. Each comes trimmed, with the kinds and the full name known for it ("" if none)."""
    kinds_of: dict[tuple[int, int], tuple[str, ...]] = {}
    names: dict[tuple[int, int], str] = {}
    enumerated: list[Span] = []
    for span, kinds, name in find_enumerations(doc):
        kinds_of[(span.start, span.end)] = kinds
        names[(span.start, span.end)] = name
        enumerated.append(Span(doc, span.start, span.end, label="ORG"))
    designated: list[Span] = []
    for span, kinds in find_designations(doc) + find_quoted(doc) + find_tail_names(doc):
        kinds_of[(span.start, span.end)] = kinds
        designated.append(Span(doc, span.start, span.end, label="ORG"))
    for span in long_form_spans(doc):
        kinds_of[(span.start, span.end)] = head_kinds(span.text)
        designated.append(Span(doc, span.start, span.end, label="ORG"))
    designated += _first_surname_spans(doc)
    statistical: list[Span] = []
    for ent in doc.ents:
        if ent.ent_id_:
            kinds_of[(ent.start, ent.end)] = tuple(ent.ent_id_.split(","))
            designated.append(ent)
        else:
            statistical.append(ent)
    designated = [part for span in designated for cell in _cells(span) for part in _joined_bodies(cell)]
    statistical = [piece for span in statistical for cell in _cells(span) for part in _joined_bodies(cell)
                   for piece in _glued_person(part)]
    designated = filter_spans(_without([_with_region(s, kinds_of) for s in designated], _tokens(enumerated)))
    statistical = filter_spans(_without([_with_region(s, kinds_of) for s in statistical],
                                        _tokens(enumerated) | _tokens(designated)))
    out = []
    for span in enumerated + designated + statistical:
        trimmed = _trim(span)
        if trimmed is not None:
            key = (span.start, span.end)
            out.append((trimmed, kinds_of.get(key, ()), names.get(key, "")))
    return out


#: Marks that separate the items of a list on one line ("A · B · C"): no name holds one.
ITEM_SEPARATORS = frozenset({"·", "•", "▸", "►", "▪"})


def _in_table(token) -> bool:
    """Whether a pipe is a cell separator: the line before or after its own holds a pipe too (a one-line
    "Name | Rapport annuel" is a running header, whose parts are left whole)."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    before = text[text.rfind("\n", 0, start - 1) + 1:start - 1] if start else ""
    after_end = text.find("\n", end + 1)
    after = text[end + 1:len(text) if after_end < 0 else after_end] if end < len(text) else ""
    return "|" in before or "|" in after


def _cells(span: Span) -> list[Span]:
    """The parts of a span between item separators (:data:`ITEM_SEPARATORS`) or the pipes of a table's
    cells: the statistical model runs a name over the pipe into the next cell of a table
    ("Communauté de communes du Val | Chambre d'agriculture de la")."""
    cuts = [t.i for t in span if t.text in ITEM_SEPARATORS or (t.text == "|" and _in_table(t))]
    if not cuts:
        return [span]
    bounds = [span.start - 1, *cuts, span.end]
    return [Span(span.doc, a + 1, b, label=span.label_) for a, b in zip(bounds, bounds[1:]) if b > a + 1]


def _glued_person(span: Span) -> list[Span]:
    """A local authority or a chamber glued to the person after it ("Région Jean Morel"): the body
    (its head and place words) and the person (a given name then a capitalised word); else the span."""
    kinds = head_kinds(span.text)
    if not kinds or kinds[0] not in PLACE_KINDS:
        return [span]
    for token in span[1:-1]:
        nxt = span.doc[token.i + 1]
        if is_given_name(token) and nxt.text[:1].isupper() and nxt.is_alpha:
            return [Span(span.doc, span.start, token.i, label=span.label_),
                    Span(span.doc, token.i, span.end, label="PER")]
    return [span]


def _joined_bodies(span: Span) -> list[Span]:
    """The national bodies a hyphen joins into one span ("État-CGET" is the State and the CGET),
    or the span itself."""
    cuts = [t.i for t in span if t.text == "-" and not t.whitespace_ and not span.doc[t.i - 1].whitespace_]
    if not cuts:
        return [span]
    bounds = [span.start, *cuts, span.end]
    parts = [Span(span.doc, a + (a != span.start), b, label=span.label_) for a, b in zip(bounds, bounds[1:])]
    if all(len(part) and national_kinds(part.text) for part in parts):
        return parts
    return [span]


def _defined_acronym(doc: Doc, i: int) -> str:
    """The short form that token ``i`` introduces: "(ACR)" (see :func:`~maillage.nlp.acronyms.is_short_form`)
    or " - ACR" in upper case before punctuation, or ""."""
    if i + 1 >= len(doc):
        return ""
    token, text = doc[i], doc[i + 1].text
    if token.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")" and is_short_form(text):
        return text
    after = doc[i + 2] if i + 2 < len(doc) else None
    if token.text in ("-", "–") and is_short_form(text) and text.isupper() and (after is None or after.is_punct):
        return text
    return ""


def _defines(acronym: str, name: str) -> bool:
    """Whether an acronym written after a name is that name's: an upper-case one starts with the
    name's first letter, a mixed-case one ("Ageme") must abbreviate it (Schwartz-Hearst)."""
    if acronym == name:
        return False
    if sum(c.isupper() for c in acronym) >= 2:
        return fold(name)[:1] == fold(acronym)[:1]
    return abbreviates(acronym, name)


def _with_region(span: Span, kinds_of: dict[tuple[int, int], tuple[str, ...]]) -> Span:
    """A national body or an acronym followed by a region, or by a place the model tagged, is its
    regional or local branch ("ADEME Bretagne", "ARACT Pays de la Loire", "CRESS Grand Ouest", "CCI Sud-Ouest"): the span grows."""
    kinds = kinds_of.get((span.start, span.end)) or national_kinds(span.text)
    if span.label_ != "ORG" or not (kinds or span.text.isupper()):
        return span
    doc = span.doc
    places = {ent.start: ent.end for ent in doc.ents if ent.label_ == "LOC" and len(ent) <= MAX_PLACE_WORDS}
    for width in (5, 4, 3, 2, 1):
        region = doc[span.end:span.end + width]
        if len(region) == width and doc[span.end - 1].whitespace_ and (
                fold(region.text) in REGIONS or places.get(span.end) == span.end + width
                or (fold(region.text) in COMPASS_AREAS and region[0].text[:1].isupper())):
            grown = Span(doc, span.start, span.end + width, label="ORG")
            if kinds:
                kinds_of[(grown.start, grown.end)] = kinds
            return grown
    return span


def _acronym_definitions(doc: Doc, mentions: list[Mention]) -> dict[int, str]:
    """Mention index -> the acronym defined for it: "(ACR)" or " - ACR" shortly after the mention, in
    the same sentence, that the mention's name defines (:func:`_defines`; "... de la Forêt (MAAF)")."""
    ends = sorted((m.span.end, i) for i, m in enumerate(mentions))
    found: dict[int, str] = {}
    for token in doc:
        acronym = _defined_acronym(doc, token.i)
        if not acronym:
            continue
        for end, index in reversed(ends):
            if end > token.i:
                continue
            if token.i - end > ACRONYM_REACH or any(t.is_sent_start for t in doc[end:token.i + 1]):
                break
            if _defines(acronym, mentions[index].name):
                found.setdefault(index, acronym)
            break
    for index, mention in enumerate(mentions):  # "ACR (Long Name)": the long name is defined by the acronym
        start = mention.span.start
        if start >= 2 and doc[start - 1].text == "(" and mention.span.end < len(doc) \
                and doc[mention.span.end].text == ")":
            acronym = doc[start - 2].text
            if (is_short_form(acronym) and acronym.isupper() and len(mention.span) > 1
                    and fold(mention.name)[:1] == fold(acronym)[:1]):
                found.setdefault(index, acronym)
    return found


#: Anaphors that refer to an actor whose name has the same word ("le Pays" -> "Pays de Vassy");
#: the others refer to the last actor of their kind ("la SCIC" -> the last SCIC named).
NAMED_ANAPHORS = frozenset({"pays", "pole", "petr", "communaute", "metropole", "agglomeration", "region", "chambre",
                            "cci"})
#: Named anaphors that also designate any body of these kinds, whatever its name ("la chambre" for "CCI X").
DESIGNATED_KINDS = {"chambre": ("cci", "chambre_metiers", "chambre_agriculture"), "cci": ("cci",)}


def _title_subject(doc: Doc, mentions: list[tuple[Span, str]]) -> str | None:
    """The key of the organisation that the first non-blank line of the text names first (its title)."""
    text = doc.text
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    titled = sorted((span.start, key) for span, key in mentions
                    if start <= span.start_char < end and PERSON not in doc._.actors[key].kinds[:1])
    return titled[0][1] if titled else None


def _anaphors(doc: Doc, mentions: list[tuple[Span, str]], taken: set[int]) -> list[tuple[Span, str]]:
    """Definite anaphors ("le Pays", "la SCIC") resolved to the last actor of that name word (in its name
    or an alias) or kind within the window, "la chambre" also to the last chamber of any kind
    (:data:`DESIGNATED_KINDS`); an anaphor made of the first word of the name of the organisation that the
    title (the first line) names ("la Fondation" under a title "Fondation X") designates it anywhere."""
    by_kind_last: dict[str, tuple[int, str]] = {}
    found: list[tuple[Span, str]] = []
    subject = _title_subject(doc, mentions)
    subject_word = fold(doc._.actors[subject].name).split()[0] if subject else ""
    queue = sorted(mentions, key=lambda m: m[0].start)
    q = 0
    for token in doc:
        while q < len(queue) and queue[q][0].start <= token.i:
            span, key = queue[q]
            for kind in doc._.actors[key].kinds:
                by_kind_last[kind] = (span.end, key)
            actor = doc._.actors[key]
            for word in NAMED_ANAPHORS.intersection(w for form in (actor.name, *actor.aliases) for w in fold(form).split()):
                by_kind_last[word] = (span.end, key)
            q += 1
        word = fold(token.text)
        kind = ANAPHORS.get(word)
        if kind is None or token.i in taken or token.i == 0:
            continue
        if doc[token.i - 1].lower_ not in ("le", "la", "l'", "l’", "du", "au"):
            continue
        if word == subject_word:
            found.append((doc[token.i - 1:token.i + 1], subject))
            continue
        named = [by_kind_last[k] for k in (word if word in NAMED_ANAPHORS else kind, *DESIGNATED_KINDS.get(word, ()))
                 if k in by_kind_last]
        last = max(named) if named else None
        if last and token.i - last[0] <= ANAPHOR_WINDOW:
            found.append((doc[token.i - 1:token.i + 1], last[1]))
    return found


def _kinds_by_name(mentions: list[Mention]) -> dict[str, list[str]]:
    """Every kind the mentions of each name carry."""
    kinds: dict[str, list[str]] = {}
    for m in mentions:
        kinds.setdefault(m.name, []).extend(k for k in m.kinds if k not in kinds.get(m.name, ()))
    return kinds


#: Articles that may open an apposition describing a body ("A, la grappe des industriels du bois").
_APPOSITION_ARTICLES = frozenset({"la", "le", "l'", "l’", "un", "une"})
#: Words of an apposition read for a head noun, and tokens within which the apposition must end.
_APPOSITION_WORDS = 4
_APPOSITION_REACH = 12


def _apposed_kinds(doc: Doc, end: int) -> tuple[str, ...]:
    """The kinds the description in apposition after a name ending at token ``end`` states: a comma, an
    optional article, then lower-case words that start with a head noun ("A, association d'insertion",
    "A, la grappe des industriels", "A, cabinet d'expertise comptable") up to the next punctuation, with no
    name nor conjugated verb among them; else ()."""
    k = end + 1
    if end >= len(doc) or doc[end].text != ",":
        return ()
    if k < len(doc) and doc[k].lower_ in _APPOSITION_ARTICLES:
        k += 1
    stop = next((t.i for t in doc[k:min(len(doc), k + _APPOSITION_REACH)] if t.is_punct or t.is_space), None)
    if stop is None or stop == k or any(not t.is_lower or "Fin" in t.morph.get("VerbForm") for t in doc[k:stop]):
        return ()  # "A, l'agence B de C" lists another body; "A, le club organise" opens a clause
    return head_kinds(doc[k:min(stop, k + _APPOSITION_WORDS)].text)


def _kinds_from_appositions(doc: Doc, mentions: list[Mention]) -> None:
    """A body whose own words state no kind takes the kinds of the description in apposition after one of
    its mentions (:func:`_apposed_kinds`) before it falls to the default kind; a name read as a person's by
    its shape alone (no civility, no known given name) is an organisation's when one follows."""
    for mention in mentions:
        span = mention.span
        named_person = mention.kinds[0] == PERSON and (is_given_name(span[0]) or (
            span.start and doc[span.start - 1].text in CIVILITIES))
        if named_person or mention.kinds[0] == INSTANCE or DEFINED in mention.attributes or head_kinds(mention.name):
            continue
        kinds = _apposed_kinds(doc, span.end)
        if kinds and kinds[0] != INSTANCE:
            mention.kinds = list(kinds) + [k for k in mention.kinds if k not in kinds and k != PERSON]
            mention.roles += [r for r in roles_for(mention.kinds) if r not in mention.roles]


def _kinds_from_headings(doc: Doc, mentions: list[Mention]) -> None:
    """A body named as a list item, whose own words and text state no kind, takes the kinds its list's
    heading gives (:func:`maillage.nlp.line_items.listed_kinds`: "Associations membres")."""
    items = listed_kinds(doc)
    for mention in mentions:
        if mention.kinds[0] in (PERSON, INSTANCE) or DEFINED in mention.attributes or head_kinds(mention.name):
            continue
        for start, end, kinds in items:
            if mention.span.start == start and mention.span.end <= end:
                mention.kinds = list(kinds) + [k for k in mention.kinds if k not in kinds]
                mention.roles += [r for r in roles_for(mention.kinds) if r not in mention.roles]
                break


@Language.component("maillage_actors")
def actors_component(doc: Doc) -> Doc:
    """Classify candidates, register acronyms, resolve mentions to actors, add anaphors (see module)."""
    mentions: list[Mention] = []
    territories: list[Span] = []
    programmes: list[Span] = []
    for span, kinds, name in _candidates(doc):
        if name:  # a body of an enumeration under a plural head ("des Régions Bretagne et Normandie")
            mentions.append(Mention(span, list(kinds), roles_for(list(kinds)), name=name))
            continue
        what, value = classify(span, kinds)
        if what == "actor":
            mentions.append(value)
        elif what == "territory":
            territories.append(value)
        elif what == "programme":
            programmes.append(value)
    listed = _listed_with_bodies(territories, mentions)
    mentions += [Mention(span, kinds) for span, kinds in listed]
    territories = _without(territories, _tokens([span for span, _ in listed]))
    bodies = [(m.name, m.kinds) for m in mentions if m.kinds[0] not in (PERSON, "collectivite")]
    shortened = short_forms(territories, bodies)
    listed += [(span, kinds) for span, kinds, _ in shortened]
    shortened += repeated_names(doc, bodies, _tokens([m.span for m in mentions] + territories))
    short = shortened_names(doc, bodies, _tokens([m.span for m in mentions] + [s for s, _, _ in shortened]),
                            frozenset((m.span.start, m.span.end) for m in mentions if m.kinds[0] != PERSON))
    renamed = {(span.start, span.end) for span, _, _ in short}  # "le Point X": a mention of "Point X Lorzac"
    mentions = [m for m in mentions if (m.span.start, m.span.end) not in renamed]
    shortened += short
    mentions += [Mention(span, kinds, name=name, aliases=[span.text]) for span, kinds, name in shortened]
    territories = _without(territories, _tokens([span for span, _ in listed]))
    bare = employers_in_parentheses(doc, [m.span for m in mentions if m.kinds[0] == PERSON],
                                    _tokens([m.span for m in mentions]))
    mentions += [Mention(span, kinds) for span, kinds in bare]
    for reader in (represented_bodies, firm_names_in_parentheses):
        mentions += [Mention(span, kinds) for span, kinds in reader(doc, _tokens([m.span for m in mentions]))]
    titled_body = title_name(doc, _tokens([m.span for m in mentions]))
    if titled_body is not None:
        mentions.append(Mention(titled_body, list(head_kinds(titled_body.text) or (DEFAULT_KIND,))))
    untitled = {(m.span.start, m.span.end) for m in mentions if m.kinds[0] == PERSON and not _titled(m.span)}
    kinds_at = {(m.span.start, m.span.end): m.kinds for m in mentions}
    taken = _tokens([m.span for m in mentions])
    bare = list_items(doc, kinds_at, taken, untitled)
    listed = _tokens([s for s, _ in bare])
    bare += [(span, kinds) for span, kinds in line_items(doc, kinds_at, taken, untitled)
             if not listed & set(range(span.start, span.end))]
    turned = {(span.start, span.end) for span, _ in bare}
    mentions = [m for m in mentions if (m.span.start, m.span.end) not in turned]
    mentions += [Mention(span, kinds) for span, kinds in bare]
    owners = sorted(((m.span, m.name) for m in mentions if m.kinds[0] not in (PERSON, INSTANCE)),
                    key=lambda owner: owner[0].start)
    kinds_by_name = _kinds_by_name(mentions)
    bodies = governance_bodies(doc, owners, _tokens([m.span for m in mentions]),
                               [(m.span, m.name) for m in mentions if m.kinds[0] == INSTANCE], kinds_by_name)
    covered = _tokens([span for span, _, _ in bodies])  # a titled body covers the mention of its name
    mentions = [m for m in mentions if not covered & set(range(m.span.start, m.span.end))]
    # an assembly that stands for its body (a comité syndical) is a mention of that body, of its kinds
    mentions += [Mention(span, kinds_by_name.get(name, [INSTANCE]), name=name, aliases=[alias])
                 for span, name, alias in bodies]
    parents = [(m.span, m.name, m.kinds) for m in mentions if m.kinds[0] not in (PERSON, INSTANCE, "collectivite")]
    for span, name, kinds in branches(doc, parents, _tokens([m.span for m in mentions])):
        mentions.append(Mention(span, kinds, roles_for(kinds), name=name, aliases=[span.text]))
    titled = title_branches(doc, parents, [m.span for m in mentions])
    inside = _tokens([span for span, _, _, _ in titled])
    mentions = [m for m in mentions if not inside & set(range(m.span.start, m.span.end))]
    mentions += [Mention(span, kinds, roles_for(kinds), name=name, aliases=[written])
                 for span, name, kinds, written in titled]
    territories = _without(territories, _tokens([m.span for m in mentions]))
    programmes = _without(programmes, _tokens([m.span for m in mentions]))
    # "le Pôle Cristal, centre technique du froid": a place after an article (a list of bare places is no apposition)
    described = [(span, stated_kinds(span)) for span in territories
                 if span.start and doc[span.start - 1].lower_ in ("le", "la", "l'", "l’")]
    described = [(span, kinds) for span, kinds in described if kinds and "collectivite" not in kinds]
    mentions += [Mention(Span(doc, span.start, span.end, label="ORG"), list(kinds), roles_for(list(kinds)),
                         attributes={DEFINED: "1"}) for span, kinds in described]
    territories = _without(territories, _tokens([span for span, _ in described]))
    schemes = [span for span in territories if states_a_programme(span)]
    schemes += [m.span for m in mentions if m.kinds[0] != PERSON and not head_kinds(m.name) and states_a_programme(m.span)]
    programmes += schemes
    territories = _without(territories, _tokens(schemes))
    mentions = [m for m in mentions if not any(m.span.start == s.start and m.span.end == s.end for s in schemes)]
    for mention in mentions:
        if mention.kinds[0] != PERSON and not head_kinds(mention.name):
            stated = stated_kinds(mention.span)
            if stated:
                mention.kinds = list(stated) + [k for k in mention.kinds if k not in stated]
                mention.attributes = {**mention.attributes, DEFINED: "1"}
    _kinds_from_headings(doc, mentions)
    _kinds_from_appositions(doc, mentions)
    for mention in mentions:
        grown = full_name_from_title(mention.span) if mention.kinds[0] != PERSON else None
        if grown is not None:
            mention.aliases = [*mention.aliases, mention.name]
            mention.span, mention.name = grown, grown.text
    acronyms: dict[str, int] = {}
    facts: list[Actor] = []
    defined = _acronym_definitions(doc, mentions)
    for i, mention in enumerate(mentions):
        aliases = list(mention.aliases)
        if i in defined:
            aliases.append(defined[i])
            acronyms.setdefault(defined[i], i)
        facts.append(Actor(id=f"m{i}", name=mention.name, kinds=mention.kinds, aliases=aliases,
                           roles=mention.roles, attributes=mention.attributes))
    taken = {t for m in mentions for t in range(m.span.start, m.span.end)}
    for token in doc:
        if token.text in acronyms and token.i not in taken:
            source = facts[acronyms[token.text]]
            facts.append(Actor(id=f"m{len(mentions)}", name=token.text, kinds=list(source.kinds),
                               aliases=[source.name]))
            mentions.append(Mention(doc[token.i:token.i + 1], list(source.kinds)))
            taken.add(token.i)
    territories = _without(territories, taken)
    programmes = _without(programmes, taken)
    merged, mapping = cluster(facts)
    doc._.actors = {actor.id: actor.validate() for actor in merged}
    keyed = [(m.span, mapping[f"m{i}"]) for i, m in enumerate(mentions)]
    spans = []
    for span, key in keyed:
        span._.actor_key = key
        spans.append(span)
    for span, key in _anaphors(doc, keyed, taken):
        span._.actor_key = key
        span._.confidence = ANAPHOR_CONFIDENCE
        spans.append(span)
    doc.spans["actors"] = sorted(spans, key=lambda s: s.start)
    doc.spans["territories"] = territories
    doc.spans["programmes"] = programmes
    return doc

