"""Reader of person functions: the bodies a person works in, said after, before or around the name.

"Mme A, présidente de B" (GOVERNS for a head title), "A, chargée de mission à B", "A (B)",
"A, B" (MEMBER_OF); "A (présidente, B)" after a governance body named earlier in the sentence
("Le bureau est composé de A (présidente, B)"): A is a member of that board, sits there for B
(MEMBER_OF B), and a head title governs the board's organisation; a function shared by people listed before ("A, B et C, élus de D"); a title
after an adverb ("A, aujourd'hui directrice de B"); a former seat gives nothing but the next seat
of the same apposition does ("A (P-dg de B, ancien président de C et président de D)": B and D), nor
does a seat that ended ("A, directrice de B jusqu'en 2019");
a title before the name ("le président de B, A"); a body, a dash, its person ("B – A, gérante").
A function towards a place ("maire de X") is held in the authority of that place when the document
names one ("Commune de X"); a place that an organisation follows belongs to the function ("directeur
de l'agence de X du Crédit Y": the bank); a capitalised function the place reader took for a name
("Vice-Président", "P-dg") stays a function.
"""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Span, Token

from maillage.nlp import cues as lexicon
from maillage.nlp.governance import GOVERNANCE_HEADS
from maillage.nlp.lexicon import LOWER_CIVILITIES, fold
from maillage.nlp.links.clauses import antecedent_subject
from maillage.nlp.links.mentions import (Found, Mention, MentionIndex, anaphor, definite_description, finite,
                                        is_clause_break)


_PERSON_LIST = frozenset({",", "et", "&"})

#: Words that end a person's function: the sentence goes on with other things ("A, et des réseaux B").
_TAIL_STOPS = frozenset({"et", "ou", "ainsi", "puis", "mais", "avec"})

_RELATIVES = frozenset({"dont", "qui", "que", "qu'", "qu’", "où", "lequel", "laquelle", "lesquels", "lesquelles"})

_FUNCTION_GAP = 28
_OF_WORDS = frozenset({"de", "du", "des", "d'", "d’", "l'", "l’", "la", "le", "les"})


def _title_words(words: list[str]) -> list[str]:
    """The words of a function in lower case, hyphenated tokens joined ("P - dg" -> "p-dg"), leading
    adverbs left out ("aujourd'hui directrice")."""
    joined = " ".join(w.strip("*_()[]") for w in words).lower().replace(" - ", "-").replace(" – ", "-")
    out = joined.split()
    while out and out[0] in lexicon.TITLE_ADVERBS:
        out.pop(0)
    return out


def _title_bases(word: str) -> list[str]:
    """A lower-case word, without its hyphens and without a leading "co-" ("co-présidente")."""
    bases = [word, word.replace("-", "")]
    return bases + [word[3:]] if word.startswith("co-") else bases


def _listed_title(words: list[str]) -> bool:
    return any(w in lexicon.HEAD_TITLES or w in lexicon.TITLES for w in words)


def _title_forms(word: str) -> list[str]:
    """The forms of a word to look up among the functions: its bases, then their singulars ("présidents")."""
    bases = _title_bases(word)
    return bases + [w[:-1] for w in bases if w.endswith(("s", "x")) and len(w) > 3]


def is_title(word: str) -> bool:
    """Whether a lower-case word is a person's function ("présidente", "p-dg", "vice-président")."""
    return _listed_title(_title_bases(word)[:2])


def is_label_title(word: str) -> bool:
    """Whether a lower-case word of a label ("Co-présidents :") is a function, in the singular or the plural."""
    return _listed_title(_title_forms(word))


def is_plural_title(word: str) -> bool:
    """Whether a lower-case word is a function in the plural ("co-présidents", "administrateurs")."""
    return is_label_title(word) and not _listed_title(_title_bases(word))


def reads_as_title(index: MentionIndex, m: Mention) -> bool:
    """Whether a place mention is a capitalised function that the place reader took for a name
    ("Vice-Président", "P-dg", "Ingénieur général")."""
    words = _title_words([t.text for t in index.doc[m.start:m.end]])
    return m.target_type == "territory" and bool(words) and is_title(words[0])


#: Nouns that start the name of the authority of a commune ("Commune de X", "Ville de X", "Mairie de X").
_AUTHORITY_NOUNS = frozenset({"commune", "ville", "mairie"})


def authority_of(index: MentionIndex, place: Mention) -> Mention:
    """The body that holds a function said towards a place ("maire de X"): the document's actor named
    "Commune de X" (or "Ville de X", "Mairie de X") at the place's position, else the place itself."""
    if place.target_type != "territory":
        return place
    name = fold(index.doc[place.start:place.end].text)
    for key, actor in index.doc._.actors.items():
        for form in (actor.name, *actor.aliases):
            first, _, rest = fold(form).partition(" ")
            if first in _AUTHORITY_NOUNS and rest in (f"de {name}", f"d {name}"):
                return Mention(place.start, place.end, key, "actor", False, tuple(actor.kinds), place.confidence)
    return place


def _place_of_body(index: MentionIndex, m: Mention) -> bool:
    """Whether a place mention names a unit of the organisation named right after it through "de", "du"
    ("l'agence de X du Crédit Y"): the place is part of the function, the organisation is its body."""
    if m.target_type != "territory":
        return False
    pos = m.end
    while pos < len(index.doc) and pos < m.end + 2 and index.doc[pos].lower_ in _OF_WORDS:
        pos += 1
    nxt = index.at.get(pos)
    return pos > m.end and nxt is not None and nxt.target_type == "actor" and not nxt.person


def title_kind(words: list[str]) -> str:
    """GOVERNS for a head title alone ("présidente", "directrice générale", "P-dg"), MEMBER_OF for any
    other function."""
    words = _title_words(words)
    if not words:
        return "MEMBER_OF"
    first, rest = words[0], words[1:]
    if any(w in lexicon.HEAD_TITLES for w in _title_forms(first)) \
            and not any(w in lexicon.SUBORDINATE for w in rest) and all(w in lexicon.HEAD_QUALIFIERS for w in rest):
        return "GOVERNS"
    return "MEMBER_OF"


#: Functions held on a board; the other functions of a header block are staff of an organisation.
_BOARD_ROLES = frozenset({"président", "présidente", "vice-président", "vice-présidente", "trésorier",
                          "trésorière", "secrétaire", "membre", "administrateur", "administratrice"})


def board_role(words: list[str]) -> bool:
    """Whether a label or a function is a seat on a board ("Trésorière", "Co-présidents"), not a staff function."""
    return any(w.lower().removeprefix("co-").rstrip("s") in _BOARD_ROLES or w.lower() in _BOARD_ROLES
               for w in words[:1])


def board_owner(index: MentionIndex, body: Mention) -> Mention:
    """The organisation a governance body belongs to by its name ("Conseil d'administration de B" -> B),
    at the body's position; ``body`` itself when it is no governance body or B is not an actor."""
    actors = index.doc._.actors
    if "instance" not in body.kinds[:1]:
        return body
    words = fold(actors[body.key].name).split()
    head = next((h for h in GOVERNANCE_HEADS if tuple(words[:len(h)]) == h), None)
    if head is None or len(words) < len(head) + 2 or words[len(head)] not in ("de", "d", "du"):
        return body
    owner = " ".join(words[len(head) + 1:])
    for key, actor in actors.items():
        if fold(actor.name) in (owner, owner.removeprefix("la ").removeprefix("l ")):
            return Mention(body.start, body.end, key, "actor", False, tuple(actor.kinds), body.confidence)
    return body


def _board_before(index: MentionIndex, sent: Span, person: Mention) -> Mention | None:
    """The governance body named last before ``person`` in its sentence ("Le bureau est composé de A ..."), or None."""
    for pos in range(person.start - 1, sent.start - 1, -1):
        m = index.at.get(pos)
        if m is not None and m.kinds[:1] == ("instance",):
            return m
    return None


FUNCTION_PREPS = frozenset({"de", "du", "des", "d'", "d’", "à", "a", "au", "aux", "chez", "auprès", "la", "le",
                             "l'", "l’", "les", "pour", "(", ")", "*", "_", "[", "]"})


def _names_next(index: MentionIndex, pos: int) -> bool:
    """Whether an actor is named within two tokens after ``pos`` ("et l'INRAE")."""
    return any(i in index.at for i in range(pos + 1, min(len(index.doc), pos + 4)))


def _title_next(doc: Doc, pos: int) -> bool:
    """Whether a person's function follows ``pos`` ("et chercheuse associée à B")."""
    return pos + 1 < len(doc) and is_title(doc[pos + 1].lower_)


def _person_group(index: MentionIndex, person: Mention, limit: int) -> list[Mention]:
    """The people listed just before ``person`` ("A, B et C") and ``person`` itself."""
    group = [person]
    pos = person.start - 1
    while pos >= limit:
        token = index.doc[pos]
        m = index.at.get(pos)
        if m is not None and m.person:
            group.insert(0, m)
            pos = m.start - 1
        elif token.text in _PERSON_LIST:
            pos -= 1
        else:
            break
    return group


def _joined_by_et(doc: Doc, m: Mention) -> bool:
    """Whether a person mention follows "et" without a comma before it ("A, directeur adjoint et B")."""
    pos = m.start - 1
    while pos > 0 and doc[pos].lower_ in LOWER_CIVILITIES:
        pos -= 1
    return pos > 0 and doc[pos].lower_ == "et" and doc[pos - 1].text != ","


def _ends_function(token: Token, person: Mention, opened: bool, found_any: bool, index: MentionIndex) -> bool:
    """Whether ``token`` ends the function that follows a person's name."""
    if is_clause_break(token) or finite(token) or (token.text == ")" and opened):
        return True
    if token.lower_ in _RELATIVES:
        return True
    if token.lower_ not in _TAIL_STOPS:
        return False
    first = token.i == person.end + 1  # "A, et des réseaux B": a list goes on, no function
    return first or (found_any and not _names_next(index, token.i) and not _title_next(index.doc, token.i))


def _former(token: Token) -> bool:
    """Whether ``token`` makes the seat after it a former one ("ancien", "auparavant", "ex-")."""
    return token.lower_ in lexicon.FORMER or token.lower_.startswith(("ex-", "ex–"))


def _ended(doc: Doc, pos: int) -> bool:
    """Whether the seat named right before token ``pos`` ended ("directrice de B jusqu'en 2019")."""
    return pos < len(doc) and doc[pos].lemma_.lower() == "jusque"


def function_links(index: MentionIndex, sent: Span, person: Mention) -> Iterator[Found]:
    """ "A, présidente de B", "A, chargé de mission à B, C", "A (B)", "A, B": the body or bodies A works in.

    The tail after the name is read as comma-separated segments; a segment's title
    applies to the bodies it names, or to the next segment when that one is a bare body
    ("Directrice des achats, Société Minière du Nord"). A place ends a function too
    ("maire de X": GOVERNS the place). Another person joined by "et" before any body
    shares that body ("A, directeur adjoint et B, acheteur à C": both work at C).
    """
    doc = index.doc
    pos = person.end
    if pos >= sent.end or doc[pos].text not in (",", "(", "-", "–"):
        return
    opened = doc[pos].text == "("
    pos += 1
    words: list[str] = []
    pending: list[str] = []
    own: list[str] | None = None
    gap = 0
    found_any = False
    former = False
    last_key = ""
    while pos < sent.end and gap <= _FUNCTION_GAP:
        m = index.at.get(pos)
        if m is not None and (reads_as_title(index, m) or _place_of_body(index, m)):
            words.extend(t.text for t in doc[m.start:m.end])
            gap += m.end - m.start
            pos = m.end
            continue
        if m is None:
            token = doc[pos]
            if _ends_function(token, person, opened, found_any, index):
                return
            if token.text == "," or (found_any and token.lower_ == "et"):
                pending, words = (words or pending), []
            elif _former(token):
                former = True
            elif token.text not in ("(", ")", "*", "_", "[", "]") and not token.is_space:
                words.append(token.text)
            gap += 1
            pos += 1
            continue
        pos = m.end
        if found_any and m.key == last_key:
            continue
        if m.end < sent.end and doc[m.end].lower_ in lexicon.PASSIVE_AGENT:
            return  # "A, la CMA par Mme B": a clause with its verb left out, no function
        if found_any and words and all(w.lower() in _OF_WORDS for w in words):
            words, gap = [], 0  # "directeur du laboratoire B (LB) de l'université C": C holds B, not A
            continue
        if former or _former(doc[m.start]) or _ended(doc, m.end):  # "ancien président de B": no link
            found_any, last_key, former = True, m.key, False
            words, pending, gap = [], [], 0
            continue
        if m.person:
            if found_any or not _joined_by_et(doc, m):
                return
            own = own if own is not None else words or pending
            words, pending = [], []
            continue
        title = own if own is not None else (words or pending)
        kind = title_kind([w for w in title if w.lower() not in FUNCTION_PREPS])
        body = authority_of(index, m)
        board = _board_before(index, sent, person) if opened and not words and board_role(pending) else None
        for p in _person_group(index, person, sent.start):
            if board is not None and not found_any:  # "A (président, B)" on a board: A sits there for B
                yield Found(p, "MEMBER_OF", board, " ".join(title), "function")
                owner = board_owner(index, board)
                if kind == "GOVERNS" and owner is not board:  # the board's chair chairs its organisation
                    yield Found(p, kind, owner, " ".join(title), "function")
            yield Found(p, "MEMBER_OF" if board is not None else kind, body, " ".join(title) or ",", "function")
        found_any, last_key = True, m.key
        words, pending, gap = [], [], 0


_TITLE_BEFORE_GAP = 5


def title_before_links(index: MentionIndex, sent: Span, person: Mention) -> Iterator[Found]:
    """ "le président de B, A", "La maire de B, A,": a function and its body, a comma, then the person (a
    civility aside); B may be a definite description ("le directeur du lycée, M. A": the last "lycée ..." named);
    "sa présidente, A": the function of the body the sentence before is about.

    The words before the body must be a title (with its qualifiers) and a preposition; a former
    title ("l'ancien président de B, A") gives nothing."""
    doc = index.doc
    comma = person.start - 1
    if comma > sent.start and doc[comma].lower_ in LOWER_CIVILITIES:  # "le directeur du lycée, M. A"
        comma -= 1
    if comma <= sent.start or doc[comma].text != ",":
        return
    body = index.at.get(comma - 1) or definite_description(index, comma - 1)
    if body is None:
        yield from _possessed_title(index, sent, person, comma)
        return
    if body.person or body.target_type == "programme":
        return
    pos = body.start - 1
    while pos >= sent.start and body.start - pos <= 2 and doc[pos].lower_ in FUNCTION_PREPS:
        pos -= 1
    if pos == body.start - 1:
        return  # no preposition between the title and the body
    title, pos = _title_before(index, sent, pos)
    before = index.at.get(pos - 1) if pos > sent.start and doc[pos].text == "," else None
    if before is not None and before.person:
        return  # "A, maire de B, Mme C": the title is A's
    if title and not (pos >= sent.start and _former(doc[pos])):
        yield Found(person, title_kind(title), authority_of(index, body), " ".join(title), "function")


def _title_before(index: MentionIndex, sent: Span, pos: int) -> tuple[list[str], int]:
    """The title that ends at token ``pos`` (with its qualifiers), and the token before it."""
    doc = index.doc
    title: list[str] = []
    while pos >= sent.start and len(title) < _TITLE_BEFORE_GAP and pos not in index.at \
            and (is_title(doc[pos].lower_) or doc[pos].lower_ in lexicon.HEAD_QUALIFIERS):
        title.insert(0, doc[pos].text)
        pos -= 1
    while title and not is_title(title[0].lower()):
        title.pop(0)
    return title, pos


def _possessed_title(index: MentionIndex, sent: Span, person: Mention, comma: int) -> Iterator[Found]:
    """ "sa présidente, A": A holds the function in the body that the previous sentences are about (their
    subject, else the one organisation the sentence before names)."""
    title, pos = _title_before(index, sent, comma - 1)
    if not title or pos < sent.start or index.doc[pos].lower_ not in lexicon.POSSESSIVES:
        return
    body = antecedent_subject(index, index.doc[pos]) or _sole_body_before(index, sent.start)
    if body is not None:
        yield Found(person, title_kind(title), body, " ".join(title), "function")


def _sole_body_before(index: MentionIndex, start: int) -> Mention | None:
    """The one organisation the sentence ending right before token ``start`` names (however the parse read
    it), as an anaphor; None when it names none or several."""
    doc = index.doc
    k = start - 1
    while k > 0 and doc[k].is_space:
        k -= 1
    first = k
    while first > 0 and not is_clause_break(doc[first - 1]) and doc[first - 1].text not in ("!", "?"):
        first -= 1
    bodies = [m for m in index.within(first, k + 1) if m.target_type == "actor" and not m.person]
    return anaphor(bodies[0], bodies[0].start, bodies[0].end) if len({m.key for m in bodies}) == 1 else None


def bare_title(index: MentionIndex, sent: Span, person: Mention) -> list[str]:
    """The function said right after a person's name that names no body ("M. A, directeur général"
    at the end of its clause), else []."""
    doc = index.doc
    pos = person.end
    if pos >= sent.end or doc[pos].text != ",":
        return []
    words = []
    for token in doc[pos + 1:min(sent.end, pos + 1 + _TITLE_BEFORE_GAP)]:
        if token.i in index.at or finite(token):
            return []
        if is_clause_break(token) or token.text in (",", ")") or token.is_space:
            break
        words.append(token.text)
    kept = _title_words(words)
    return words if kept and is_title(kept[0]) else []


#: Elected offices that, said alone, are held in the local authority the text is about ("M. A, maire").
_OFFICES = frozenset({"maire", "adjoint", "adjointe", "vice-président", "vice-présidente", "président",
                      "présidente"})


def office_links(index: MentionIndex, sent: Span, person: Mention) -> Iterator[Found]:
    """ "M. A, maire", "Mme B, vice-présidente chargée de l'économie": an elected office said after a name
    without a body, in a text about a local authority (its subject, such as the letterhead of minutes), is
    an office of that authority (a head office governs it)."""
    speaker = index.speaker() if index.subject is not None else None
    if speaker is None or "collectivite" not in speaker.kinds[:1]:
        return
    title = bare_title(index, sent, person)
    words = _title_words(title)
    after = person.end + 1 + len(title)
    named_after = after < sent.end and index.doc[after].text == "," and bool(index.within(after + 1, min(sent.end, after + 4)))
    if words and words[0] in _OFFICES and not named_after:  # "A, vice-présidente, Région B": B's
        yield Found(person, title_kind(title), speaker, " ".join(title), "context")


_DASHES = frozenset({"-", "–", "—"})


def dash_links(index: MentionIndex, sent: Span, person: Mention) -> Iterator[Found]:
    """ "B – A, présidente": a body, a dash, then its person and the person's function (a member without one)."""
    doc = index.doc
    dash = person.start - 1
    body = index.at.get(dash - 1) if dash > sent.start and doc[dash].text in _DASHES else None
    if body is None or body.person or body.target_type != "actor":
        return
    title = bare_title(index, sent, person)
    yield Found(person, title_kind(title) if title else "MEMBER_OF", body, " ".join(title) or doc[dash].text,
                "function")
