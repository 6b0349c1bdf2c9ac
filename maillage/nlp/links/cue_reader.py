"""Reader of cue verbs and cue nouns: a cue of the lexicon with actors on both sides.

For each cue found in a sentence, the *right side* is the list of actors right after the cue
(within the clause), the *left side* the doer or holder: the parse's subject or apposition head
when it names an actor (method ``dependency``), else the nearest actor before the cue in the
clause (method ``pattern``). Passive voice ("fondée par A") swaps doer and patient; a noun cue's
direction follows the lexicon and markers ("avec le soutien de A": A supports); possessives
("ses filiales B"), relatives ("dont A est sociétaire"), inversion ("auquel adhère A", "Au conseil
siègent A et B", "Y siègent A et B"), "entre A et B", components ("le volet X du pôle A"), subjects that
stand for a list said before ("ces trois entreprises", "chacune de ces structures"), definite
descriptions as subject ("Le réseau est financé par A") and seats given by designation ("le conseil
désigne A pour siéger au comité de B") are read here too.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterator

from spacy.tokens import Span, Token

from maillage.nlp import cues as lexicon
from maillage.nlp.links.clauses import (antecedent_subject, coordinated_subject, copula_of, fronted_participle,
                                        holder_token, mentions_of, negated, owner_of_demonstrative, subject_of,
                                        unbracketed, voice_of)
from maillage.nlp.links.matching import cue_table
from maillage.nlp.links.functions import is_title
from maillage.nlp.links.lists import LIST_WORDS, items_after_colon, lines_list_before, list_from, repeated_preposition
from maillage.nlp.links.mentions import (Found, Mention, MentionIndex, demonstrative, designated, finite,
                                        is_clause_break)


#: Link kinds of a noun cue that a possessive turns around ("ses filiales B": B is part of the owner).
_BELONGING = frozenset({"PART_OF", "MEMBER_OF"})

_PREPOSITIONS = frozenset({"de", "à", "avec", "chez", "entre"})

#: Relative pronouns that are not the subject of their verb: the subject then follows the verb.
_OBLIQUE_RELATIVES = frozenset({"auquel", "auxquels", "auxquelles", "laquelle", "lequel", "lesquels", "lesquelles",
                                "dont", "où", "que", "qu'", "qu’"})

_COMPONENT_GAP = 20

#: Tokens from the last actor of a fronted cue phrase to the comma that closes it.
_FRONTED_REACH = 25

_RIGHT_GAP = 12

_LEFT_GAP = 14
_BRACKET_REACH = 12


#: Prepositions of a complement that, opening the clause before a verb cue, leave the verb's subject after it
#: ("Au conseil d'administration siègent A et B", "Dans le réseau entrent A et B").
_FRONTED_PLACE = frozenset({"au", "aux", "à", "dans"})

#: Words that may stand between the fronted complement or "y" and its verb ("y siègent également").
_BEFORE_INVERTED_VERB = frozenset({"également", "aussi", "désormais", "notamment", "encore", "ne", "n'", "n’"})

#: Words before "ces" in a subject that stands for every item of a list ("chacune de ces structures").
_EACH = frozenset({"chacun", "chacune", "tous", "toutes", "de", "d'", "d’"})

#: Number words that say how many actors a subject such as "ces trois entreprises" stands for.
_NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
                 "dix": 10}

#: Tokens back from a subject "ces entreprises" within which the list it stands for is looked for.
_LIST_REACH = 200

#: Pronouns that stand for every item of a list ("Toutes ont été accompagnées par A").
_LIST_PRONOUNS = frozenset({"toutes", "tous", "chacune", "chacun", "ils", "elles"})


def _bracket_end(doc, sent: Span, start: int) -> int:
    """Where the complement of a cue at ``start`` must end: the closing bracket when the cue sits inside
    brackets ("B (filiale du groupe C), D": D is no complement), else the end of the sentence."""
    for k in range(start - 1, max(sent.start, start - _BRACKET_REACH) - 1, -1):
        if doc[k].text == ")":
            break
        if doc[k].text == "(":
            return next((j for j in range(start, sent.end) if doc[j].text == ")"), sent.end)
    return sent.end


def _right_side(index: MentionIndex, end: int, limit: int, cue_token: Token | None = None
                ) -> tuple[list[Mention], list[Token]]:
    """The actors right after a cue, and the tokens skipped to reach them.

    A finite verb ends the search, except the verb a noun cue is the subject of
    ("un partenariat se dessine avec A").
    """
    doc = index.doc
    skipped: list[Token] = []
    for pos in range(end, min(limit, end + _RIGHT_GAP)):
        m = index.at.get(pos)
        if m is not None:
            return repeated_preposition(index, list_from(index, m, limit), limit), skipped
        antecedent = demonstrative(index, pos)
        if antecedent is not None:
            return [antecedent], skipped
        token = doc[pos]
        own_verb = cue_token is not None and cue_token.dep_.startswith("nsubj") \
            and (cue_token.head.i == token.i or token.head.i == cue_token.head.i)
        examples = token.text == "(" and any(t.pos_ == "NOUN" and t.lemma_.lower() not in lexicon.ACTOR_NOUNS
                                             for t in skipped)
        naming = token.lemma_ == "être" and doc[pos - 1].lower_ in ("que", "qu'", "qu’")  # "les X que sont A, B"
        items = items_after_colon(index, pos) if token.text == ":" else []
        if items:  # "ses partenaires : A, B", "avec le soutien de :\n- A\n- B"
            return items, skipped + [token]
        if is_clause_break(token) or (finite(token) and not own_verb and not naming) or examples:
            break  # "animés par ces sujets (A, B)": the actors only illustrate a noun
        skipped.append(token)
    else:
        return _closing_list(index, end, limit), skipped
    return [], skipped


def _fronted(cue: lexicon.Cue, cue_token: Token, start: int, sent: Span) -> bool:
    """Whether a cue opens its sentence before the main clause: a fronted participle ("Piloté par A, le
    comité ..."), or a noun cue that only prepositions and articles separate from the start of its
    sentence or line or from a comma ("En partenariat avec A, B ...", "Grâce au soutien de A, B ...",
    "En 2019, à l'initiative de A, le guichet ...")."""
    if cue.verb:
        return fronted_participle(cue_token)
    doc = cue_token.doc
    k = start - 1
    while k >= sent.start and (doc[k].pos_ in ("ADP", "DET") or doc[k].lower_ in lexicon.DOER_MARKERS) \
            and "\n" not in doc[k].whitespace_ \
            and "Yes" not in doc[k].morph.get("Poss"):  # "nos partenaires : A, B" is no fronted phrase
        k -= 1
    before = doc[k] if k >= sent.start else None
    if before is not None and before.text not in (",", ".", ":") and not before.is_space \
            and "\n" not in before.whitespace_:
        return False
    return not cue.doer_is_source or k < start - 1 or before is None or before.text != ","


def _subject_after_fronted(index: MentionIndex, sent: Span, pos: int, right: list[Mention]) -> Mention | None:
    """The actor that opens the main clause after a fronted cue phrase whose complement goes on after
    its actors: the first actor after the comma that closes the phrase, an article allowed before it
    ("Financée par A à hauteur de 30 000 € en titres, la SCIC B ..."). None when another actor, a
    conjugated verb or the end of the clause comes first."""
    doc = index.doc
    depth = 0
    for k in range(pos, min(sent.end, pos + _FRONTED_REACH)):
        token = doc[k]
        depth += (token.text == "(") - (token.text == ")")
        if depth > 0 or token.text == ")":
            continue
        if token.text == ",":
            j = k + 1
            while j < sent.end and doc[j].pos_ == "DET":
                j += 1
            m = index.at.get(j)
            keys = {r.key for r in right}
            return m if m is not None and m.start == j and m.target_type == "actor" and m.key not in keys else None
        if is_clause_break(token) or finite(token) or k in index.at:
            return None
    return None


def _main_subject(index: MentionIndex, cue_token: Token, right: list[Mention]) -> Mention | None:
    """The subject of the main clause that a list after a fronted cue ran into: the last listed actor
    when a comma and an article open it (", le comité B") or a verb follows it (", B coordonne")."""
    if len(right) < 2:
        return None
    doc = index.doc
    last = right[-1]
    after = doc[last.end] if last.end < len(doc) else None
    gap = [t.lower_ for t in doc[right[-2].end:last.start] if t.text not in ("«", "»", '"', "“", "”", ")")]
    opened = gap[:1] == [","] and all(w in lexicon.DEFINITE or w == "," for w in gap)  # ", le comité B"
    return last if (after is not None and after.pos_ in ("VERB", "AUX") and gap[:1] == [","]) or opened else None


def _final_colon(index: MentionIndex, start: int, limit: int) -> int | None:
    """The colon that ends tokens ``[start, limit)`` (spaces aside), if any."""
    doc = index.doc
    while limit > start and doc[limit - 1].is_space:
        limit -= 1
    return limit - 1 if limit > start and doc[limit - 1].text == ":" else None


def _closing_list(index: MentionIndex, end: int, limit: int) -> list[Mention]:
    """The actors listed after the colon that ends the sentence, when nothing but a complement without
    verb or actor separates it from the cue ("oriente les porteurs vers les réseaux du territoire :")."""
    colon = _final_colon(index, end, limit)
    if colon is None or any(is_clause_break(t) or finite(t) or t.i in index.at for t in index.doc[end:colon]):
        return []
    return items_after_colon(index, colon)


def _left_pattern(index: MentionIndex, start: int, limit: int, crossing_lines: bool = False) -> list[Mention]:
    """The nearest actor before a cue, within the clause; the whole list when it is the cue verb's subject."""
    doc = index.doc
    for pos in range(start - 1, max(limit, start - _LEFT_GAP) - 1, -1):
        m = index.at.get(pos)
        if m is not None and m.target_type != "actor":
            continue  # a place or a programme is never the doer or holder of a cue
        if m is not None:
            between = doc[m.end:start]
            if all(t.pos_ in ("AUX", "PRON", "ADV") for t in between):  # "A et B ont financé C"
                return list_from(index, m, limit, forward=False)
            return [m]
        if is_clause_break(doc[pos]) and not crossing_lines:
            break
    return []


def _complement_gap(cue: lexicon.Cue, cue_token: Token, skipped: list[Token]) -> bool:
    """Whether the words between a noun cue and the next actor make that actor its complement:
    a preposition first (unless the cue ends with one), then only function words, designators
    ("l'association"), brackets, or the verb the cue is the subject of."""
    def own(t: Token) -> bool:
        return t.pos_ in ("AUX", "VERB", "PRON") and (t.i == cue_token.head.i or t.head.i == cue_token.head.i)

    def modifier(t: Token) -> bool:  # "l'apport financier déjà décidé de A"
        return t.pos_ in ("ADV", "ADJ") or (t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm"))

    words = [t for t in unbracketed(skipped) if not t.is_punct and not own(t) and not modifier(t)]
    if cue.words[-1] not in _PREPOSITIONS and (not words or words[0].pos_ != "ADP"):
        return False
    return all(t.pos_ in ("ADP", "DET", "ADV", "CCONJ") or t.lower_ in LIST_WORDS for t in words)


def _beneficiaries(index: MentionIndex, pos: int, limit: int) -> list[Mention]:
    """The actors after "à" / "au" that follow a noun cue's complement ("de A au pôle B")."""
    doc = index.doc
    if pos >= limit or doc[pos].lower_ not in lexicon.BENEFICIARY:
        return []
    for k in range(pos + 1, min(limit, pos + 6)):
        m = index.at.get(k)
        if m is not None:
            return list_from(index, m, limit)
        if doc[k].pos_ not in ("DET", "NOUN", "ADP", "ADJ", "PUNCT"):
            return []
    return []


def _relative_sides(index: MentionIndex, sent: Span, start: int) -> tuple[list[Mention], list[Mention]]:
    """ "B, une SCIC dont A est sociétaire": (holder A, complement B) around a "dont" before the cue."""
    doc = index.doc
    for pos in range(start - 1, max(sent.start, start - 8) - 1, -1):
        if doc[pos].lower_ == "dont":
            holders = index.within(pos + 1, start)
            before = _left_pattern(index, pos, max(0, pos - _LEFT_GAP), crossing_lines=True)
            return holders, before[:1]
    return [], []


def _pairs(sources: list[Mention], kind: str, targets: list[Mention], cue: str, method: str) -> Iterator[Found]:
    for s in sources:
        for t in targets:
            yield Found(s, kind, t, cue, method)


def _all_pairs(partners: list[Mention], cue: str, method: str) -> Iterator[Found]:
    """PARTNER_OF between every two organisations of ``partners``."""
    partners = [m for m in partners if not m.person]
    for k, m in enumerate(partners[:-1]):
        yield from _pairs([m], "PARTNER_OF", partners[k + 1:], cue, method)


def _left_side(index: MentionIndex, sent: Span, cue: lexicon.Cue, cue_token: Token, start: int,
               right: list[Mention]) -> tuple[list[Mention], str] | None:
    """The doer/holder side of a cue (:func:`_stated_left_side`); a cue said in the first person
    ("nos partenaires", "nous accompagnons") with no other doer is the speaking body's."""
    side = _stated_left_side(index, sent, cue, cue_token, start, right)
    if side is not None and not side[0] and _first_person(cue, cue_token):
        speaker = index.speaker()
        if speaker is not None and speaker not in right and speaker.key not in {m.key for m in right}:
            return [speaker], "pattern"
    return side


def _sentence_subject(index: MentionIndex, sent: Span, right: list[Mention]) -> list[Mention]:
    """The organisation that is the subject of a sentence, or the speaking body when the sentence
    names no actor outside ``right``."""
    mentions = [m for m in index.within(sent.start, sent.end) if m not in right and m.target_type == "actor"]
    subject = next((m for m in mentions if not m.person
                    and index.doc[m.start:m.end].root.dep_.startswith("nsubj")), None)
    if subject is not None:
        return [subject]
    speaker = index.speaker()
    return [speaker] if not mentions and speaker is not None and speaker.key not in {m.key for m in right} else []


def _predicated(head: Token) -> Token:
    """The subject a predicate noun is said of ("A est une association créée par B": A), else ``head``."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "cop" for c in head.children):
        return head
    return next((c for c in head.children if c.dep_.startswith("nsubj")), head)


def _pronoun_subject(index: MentionIndex, sent: Span, head: Token, right: list[Mention]) -> list[Mention]:
    """What a subject pronoun stands for: the actors listed after the colon that ends the sentence for
    "ils", "elles" ("Elles ont rejoint A :\n- B\n- C"), else the subject body of a sentence before."""
    if head.pos_ != "PRON" or head.lower_ not in lexicon.SUBJECT_PRONOUNS or not head.dep_.startswith("nsubj"):
        return []
    doc = index.doc
    if head.lower_ in ("ils", "elles") and doc[sent.end - 1].text == ":":
        return [m for m in items_after_colon(index, sent.end - 1, bodies=True) if m not in right]
    m = antecedent_subject(index, head)
    return [m] if m is not None and m.key not in {r.key for r in right} else []


def _list_subject(index: MentionIndex, cue_token: Token, right: list[Mention]) -> list[Mention]:
    """The actors of the vertical list that ends right before the line a cue's subject opens, when that
    subject is "toutes", "tous", "chacune", "chacun", "ils" or "elles" ("- B\n- C\nToutes ont été
    accompagnées par A": B and C), at least two of them; else []."""
    doc, text = index.doc, index.text
    k = cue_token.i - 1
    while k > 0 and (doc[k].pos_ == "AUX" or doc[k].lower_ in ("ne", "n'", "n’", "pas", "aussi")) \
            and doc[k].lower_ not in _LIST_PRONOUNS:
        k -= 1  # the parse may attach "Toutes" to the last line of the list: read the words before the verb
    pronoun = doc[k] if k >= 0 else None
    if pronoun is None or pronoun.lower_ not in _LIST_PRONOUNS \
            or text[text.rfind("\n", 0, pronoun.idx) + 1:pronoun.idx].strip():
        return []
    listed = [m for m in lines_list_before(index, pronoun.idx) if m.key not in {r.key for r in right}]
    return listed if len(listed) >= 2 else []


def _demonstrated_count(index: MentionIndex, first: int, start: int) -> int | None:
    """How many actors the subject opening a clause at ``first`` before a cue at ``start`` stands for when it
    is a plural demonstrative of an organisation noun ("ces trois entreprises": 3, "tous ces acteurs",
    "chacune de ces structures": 0, any number), else None. A subject that names an actor is none."""
    doc = index.doc
    k = first
    while k < start and doc[k].lower_ in _EACH:
        k += 1
    if k >= start - 1 or doc[k].lower_ != "ces" or index.within(first, start):
        return None
    count = _NUMBER_WORDS.get(doc[k + 1].lower_, int(doc[k + 1].text) if doc[k + 1].text.isdecimal() else 0)
    noun = doc[k + 1 + (count > 0)] if k + 1 + (count > 0) < start else None
    return count if noun is not None and noun.lemma_.lower() in lexicon.ACTOR_NOUNS else None


def _fits(listed: list[Mention], count: int) -> bool:
    """Whether a list can be what a plural demonstrative stands for: two actors at least, ``count`` if said."""
    return len(listed) >= 2 and (not count or len(listed) == count)


def _demonstrated_list(index: MentionIndex, sent: Span, start: int, right: list[Mention]) -> list[Mention]:
    """The organisations a subject such as "ces trois entreprises", "tous ces acteurs" or "chacune de ces
    structures" opening the clause of a cue stands for: the bulleted list right before its line, else the
    nearest list of organisations of the paragraph before it ("A, B et C"), of that many actors when a
    number says it, at least two; else []."""
    doc = index.doc
    first = _clause_start(sent, start)
    count = _demonstrated_count(index, first, start)
    if count is None:
        return []
    keys = {m.key for m in right}
    vertical = [m for m in lines_list_before(index, doc[first].idx) if not m.person and m.key not in keys]
    if vertical:
        return vertical if _fits(vertical, count) else []
    floor = max(0, first - _LIST_REACH)
    for m in reversed(index.mentions[:bisect_right(index.starts, first - 1)]):
        if m.start < floor or any("\n\n" in t.whitespace_ for t in doc[m.end:first]):
            break
        if m.person or m.target_type != "actor" or m.end > first:
            continue
        listed = [x for x in list_from(index, m, first) if not x.person and x.key not in keys]
        if _fits(listed, count) and (m.start == 0 or doc[m.start - 1].lower_ not in (",", "et")):
            return listed
    return []


def _described_subject(index: MentionIndex, head: Token, right: list[Mention]) -> Mention | None:
    """The body a definite description as subject names ("Le réseau est financé par A": the last "réseau ..."
    or body of a kind "réseau" designates, :func:`~.mentions.designated`): a definite article, a designator
    noun, and no complement of its own after it."""
    doc = index.doc
    if head.pos_ != "NOUN" or head.lower_ not in lexicon.DESIGNATED_KINDS or head.i < 1 or head.i in index.at \
            or doc[head.i - 1].lower_ not in ("le", "la", "l'", "l’"):
        return None
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if after is not None and (after.lower_ in ("de", "du", "des", "d'", "d’") or after.text[:1].isupper()):
        return None  # "la fondation de A", "le pôle Alpha": the body is named, not described
    body = designated(index, head.i, head.i - 1)
    return body if body is not None and body.key not in {m.key for m in right} else None


def _first_person(cue: lexicon.Cue, cue_token: Token) -> bool:
    """Whether a noun cue has "notre"/"nos" or a verb cue has "nous" as subject (not as object,
    :func:`_first_person_object`)."""
    deps = ("det",) if not cue.verb else ("nsubj", "nsubj:pass")
    return not (cue.verb and _first_person_object(cue_token)) and any(
        c.dep_ in deps and c.lower_ in lexicon.FIRST_PERSON for c in cue_token.children)


def _first_person_object(cue_token: Token) -> bool:
    """Whether "nous" before a verb cue is its object: the verb group's conjugated verb is in the third person
    ("A et B nous accompagnent", "la Région nous a financés"; the parse takes that "nous" for a subject)."""
    doc = cue_token.doc
    group = [cue_token, *(c for c in cue_token.children if c.dep_.startswith("aux") and c.i < cue_token.i)]
    start = min(t.i for t in group)
    conjugated = next((t for t in group if finite(t)), None)
    return (start > 0 and doc[start - 1].lower_ == "nous" and conjugated is not None
            and "3" in conjugated.morph.get("Person"))


def _stated_left_side(index: MentionIndex, sent: Span, cue: lexicon.Cue, cue_token: Token, start: int,
                      right: list[Mention]) -> tuple[list[Mention], str] | None:
    """The actors on the doer/holder side of a cue and the method that found them.

    The parse's subject (or the head of an apposition) when it names actors; nothing
    when it names something else ("le projet", "il"), so that no nearer actor is taken
    by mistake; otherwise the nearest actor before the cue. None when the subject
    follows the verb (inversion, "auquel adhère A"), which :func:`_inverted` reads.
    """
    doc = index.doc
    if cue.verb and any(doc[i].lower_ in _OBLIQUE_RELATIVES for i in range(max(sent.start, start - 3), start)):
        return None
    copula = copula_of(cue_token) if not cue.verb else None
    if copula is not None:  # "les adhérents de B sont A, C (D, E) et F": the predicate names the holders
        predicate = index.within(copula.i + 1, min(sent.end, cue_token.head.right_edge.i + 1))
        first = next((index.at[k] for k in range(copula.i + 1, min(sent.end, copula.i + 4)) if k in index.at), None)
        if not predicate and first is not None:  # a predicate the parse cut: the list after the copula
            predicate = list_from(index, first, sent.end)
        return [m for m in predicate if m not in right and m.target_type == "actor"], "dependency"
    listed = (_list_subject(index, cue_token, right) if cue.verb else []) or _demonstrated_list(index, sent, start, right)
    if listed:
        return listed, "pattern"
    head = subject_of(cue_token) if cue.verb else holder_token(cue_token)
    if head is not None and not sent.start <= head.i < sent.end:
        head = None  # a parse across lines of a list
    if head is None and not cue.verb and cue_token.dep_.startswith("nsubj"):
        return [], "dependency"  # "(après A, B et C,) un partenariat se dessine avec D": no holder is said
    nearest = [m for m in _left_pattern(index, start, sent.start) if m not in right]
    if not cue.verb and any(t.lower_ in lexicon.PASSIVE_AGENT for t in doc[max(sent.start, start - 2):start]):
        nearest = []  # "financé par un prêt de A et par une subvention de B": B funds the subject, not A
    if head is None or (cue.verb and head.i > start and not fronted_participle(cue_token)):
        return nearest, "pattern"  # no subject, or one after the verb: a parse error
    left = [m for m in mentions_of(index, _predicated(head)) if m not in right and m.target_type == "actor"
            and sent.start <= m.start < sent.end]  # a parse that coordinates the lines of a list
    if not left and cue.verb and head.head.i != head.i:  # "Sa présidente, A, dirige B": a second subject names A
        left = [m for c in head.head.children if c.dep_ == head.dep_ and c.i != head.i
                for m in mentions_of(index, c) if m not in right and m.target_type == "actor"
                and sent.start <= m.start < sent.end]
    if not left and not cue.verb and head.i != cue_token.i:  # "financé par les cotisations, avec le soutien de"
        subject = subject_of(cue_token.head) if cue_token.head.i != cue_token.i else None
        left = [m for m in mentions_of(index, subject) if m not in right] if subject is not None else []
    if left:
        return left, "dependency"
    stood_for = _pronoun_subject(index, sent, head, right)
    if stood_for:
        return stood_for, "pattern"
    shared = coordinated_subject(index, sent, start) if cue.verb else None
    if shared is not None and shared not in right:
        return [shared], "pattern"
    owner = owner_of_demonstrative(index, head)
    if owner is not None and owner not in right:
        return [owner], "pattern"
    described = _described_subject(index, head, right) if head.i < start else None
    if described is not None:
        return [described], "pattern"
    if head.pos_ in ("NOUN", "PRON") and head.i < start:
        return [], "dependency"
    return nearest, "pattern"


def _inverted(index: MentionIndex, sent: Span, cue: lexicon.Cue, start: int, right: list[Mention]) -> Iterator[Found]:
    """ "le PTCE, auquel adhère le Pays": the subject follows the verb, the other side is the antecedent."""
    antecedent = [m for m in _left_pattern(index, start, sent.start, crossing_lines=True) if m not in right][:1]
    doers, patients = right, antecedent
    sources, targets = (doers, patients) if cue.doer_is_source else (patients, doers)
    yield from _pairs(sources, cue.kind, targets, cue.label, "dependency")


def _clause_start(sent: Span, start: int) -> int:
    """The first token of the clause a cue at ``start`` belongs to: after the last comma, colon or line
    break before it in the sentence, spaces skipped."""
    doc = sent.doc
    k = start
    while k > sent.start and doc[k - 1].text not in (",", ":", ";") and "\n" not in doc[k - 1].text_with_ws:
        k -= 1
    while k < start and doc[k].is_space:
        k += 1
    return k


def _fronted_place(index: MentionIndex, sent: Span, start: int) -> Mention | None:
    """The body a complement fronted before a verb cue names when the verb's subject follows it:
    "Au conseil d'administration de A siègent B et C" (the first body of the complement that a preposition
    of place opens the clause with), or the clitic "y" that opens the clause and stands for the
    body of the sentence before that one sits in ("Y siègent B et C"): its governance body (kind
    ``instance``), else the body a preposition of place introduces there, else its last organisation that is
    no subject ("A a rejoint B. Y siègent C et D": B). None when a conjugated verb or a
    relative pronoun comes between (the complement then belongs to another clause)."""
    doc = index.doc
    first = _clause_start(sent, start)
    words = [t for t in doc[first:start] if t.lower_ not in _BEFORE_INVERTED_VERB and t.pos_ != "AUX"]
    if any(finite(t) or t.lower_ in _OBLIQUE_RELATIVES or t.lower_ == "qui" for t in doc[first:start]):
        return None
    if len(words) == 1 and words[0].lower_ == "y":
        before = [m for m in index.mentions[:bisect_right(index.starts, first - 1)]
                  if m.target_type == "actor" and not m.person and m.end <= first]
        before = [m for m in before if _in_previous_sentence(doc, m, first)]
        bodies = [m for m in before if "instance" in m.kinds[:1]] or [
            m for m in before if m.start > 0 and doc[m.start - 1 - (doc[m.start - 1].pos_ == "DET")].lower_
            in _FRONTED_PLACE] or [m for m in before if not doc[m.start:m.end].root.dep_.startswith("nsubj")]
        return bodies[-1] if bodies else None
    if not words or words[0].lower_ not in _FRONTED_PLACE:
        return None
    for k in range(first + 1, start):
        m = index.at.get(k)
        if m is not None:
            return m if m.target_type == "actor" and not m.person else None
        if doc[k].pos_ not in ("DET", "NOUN", "ADJ", "ADP"):
            return None
    return None


def _in_previous_sentence(doc, m: Mention, first: int) -> bool:
    """Whether mention ``m`` lies in the sentence that ends right before token ``first``."""
    return not any(doc[k].text in (".", "!", "?") or "\n\n" in doc[k].whitespace_ for k in range(m.end, first - 1))


#: Verbs by which an assembly names someone to a seat ("le conseil désigne A pour représenter ...").
_DESIGNATING = frozenset({"désigner", "nommer", "élire", "mandater", "déléguer"})


def _designated_seat(index: MentionIndex, sent: Span, cue: lexicon.Cue, start: int, end: int) -> list[Found] | None:
    """ "Le conseil désigne A pour représenter la commune au conseil d'administration de B", "désigne A pour
    siéger au comité de B": a membership verb after "pour", governed by a verb of designation, gives the
    actors named between the two verbs a seat in the last body of the cue's clause (B, past the body
    represented). None when the cue is not so governed."""
    doc = index.doc
    if cue.kind != "MEMBER_OF" or not cue.verb or start - 1 <= sent.start or doc[start - 1].lower_ != "pour":
        return None
    verb = next((t for t in reversed(doc[sent.start:start - 1]) if t.lemma_ in _DESIGNATING), None)
    if verb is None or any(finite(t) for t in doc[verb.i + 1:start - 1]):
        return None
    doers = [m for m in index.within(verb.i + 1, start - 1) if m.target_type == "actor"]
    close = next((t.i for t in doc[end:sent.end] if t.text in (",", ";", ".") or t.lower_ == "et"), sent.end)
    seats = [m for m in index.within(end, close) if m.target_type == "actor" and not m.person]
    if not doers or not seats:
        return None
    return list(_pairs(doers, cue.kind, seats[-1:], cue.label, "pattern"))


def _read_cue(index: MentionIndex, sent: Span, cue: lexicon.Cue, start: int, end: int,
              cue_starts: dict[int, lexicon.Cue]) -> Iterator[Found]:
    """The links one cue occurrence states, in the taxonomy's direction."""
    doc = index.doc
    seated = _designated_seat(index, sent, cue, start, end)
    if seated is not None:
        yield from seated
        return
    cue_token = doc[start]
    if not cue.verb:
        cue_token = next((doc[i] for i in range(start, end) if doc[i].pos_ in ("NOUN", "PROPN", "ADJ")), cue_token)
    right, skipped = _right_side(index, end, _bracket_end(index.doc, sent, start), cue_token)
    fronted = _fronted(cue, cue_token, start, sent)
    main = _main_subject(index, cue_token, right) if fronted else None
    if main is not None:  # "Créée à l'initiative de A et B, la SCIC compte ...": the SCIC is no agent
        right = right[:right.index(main)]
    elif fronted and right:  # "Financée par A à hauteur de 30 000 €, la SCIC ...": the SCIC is the patient
        main = _subject_after_fronted(index, sent, right[-1].end, right)
    listed = any(t.text == ":" for t in skipped)
    apposed = _apposed_cue(skipped, cue_starts) if cue.verb else None
    inner = [t for t in skipped if t.i in cue_starts and cue_starts[t.i].kind != cue.kind
             and not (apposed is not None and t.i == skipped[-2].i)
             and not (t.dep_ in ("conj", "amod") and t.head.i == cue_token.i)  # "membres fondateurs"
             and not (listed and not cue_starts[t.i].verb and cue_starts[t.i].doer_is_source)]
    co_doer = cue.verb and cue.kind != "PARTNER_OF" and any(t.lower_ == "avec" for t in skipped)
    if inner or co_doer or (cue.verb and any(t.lower_ in lexicon.OFF_TOPIC for t in skipped)):
        return  # a nearer cue speaks for the actors ("soutenu par un financement de A"), unless coordinated
    possessive = not cue.verb and cue.kind in _BELONGING and _possessive(cue_token)
    if listed and not cue.verb and cue.doer_is_source and not _first_person(cue, cue_token):
        # "quatre entreprises fondatrices : A, B": the listed actors are the holders, unless a verb cue
        # speaks for them ("oriente vers les partenaires : A, B") or the line is a heading ("Membres :")
        if any(finite(t) for t in sent) and not any(c.verb and k < start for k, c in cue_starts.items()):
            subject = _sentence_subject(index, sent, right)[:1]
            said = all(sent.start <= m.start < sent.end for m in subject)
            if not said and possessive:  # "parmi ses membres :": the body said before
                subject, said = _possessor(index, cue_token, right), True
            # else the body the text is about is a guess: a suggestion
            yield from _pairs(right, cue.kind, subject, cue.label, "pattern" if said else "suggestion")
        return
    if not cue.verb and right and not (possessive and not skipped) and not listed \
            and not _complement_gap(cue, cue_token, skipped):
        return  # "l'initiative Vals Mécènes", "ses membres sur l'éco-conception, et le Pays": no complement
    speaker = index.speaker() if cue.verb and _first_person_object(cue_token) else None
    if speaker is not None:  # "A et B nous accompagnent": the speaking body is the patient, whatever follows
        right = [speaker]
    if not right and cue.kind == "PARTICIPATES_IN":  # "participe au groupe de travail X du pôle A": in A
        whole = _whole_of_component(index, end, sent.end)
        side = _left_side(index, sent, cue, cue_token, start, whole) if whole else None
        if side is not None:
            yield from _pairs(side[0], cue.kind, whole, cue.label, "pattern")
        return
    if not right and cue.kind == "PARTNER_OF":  # "A, B et C ont signé une convention de partenariat"
        side = _left_side(index, sent, cue, cue_token, start, [])
        yield from _all_pairs(side[0] if side else [], cue.label, side[1] if side else "pattern")
        return
    if not right:
        colon = _final_colon(index, end, sent.end) if possessive else None
        listed_after = items_after_colon(index, colon) if colon is not None else []
        if listed_after:  # "Parmi ses membres figurent :\n- A\n- B": A and B are members of the body said before
            yield from _pairs(listed_after, cue.kind, _possessor(index, cue_token, listed_after), cue.label, "pattern")
        elif possessive:  # "A agit par ses filiales, qui forment le groupe B": B is part of A
            groups = _formed_groups(index, sent, end)
            yield from _pairs(groups, cue.kind, _left_pattern(index, start, sent.start)[-1:], cue.label, "pattern")
        elif not cue.verb:  # "B, une SCIC dont A est sociétaire"
            holders, complement = _relative_sides(index, sent, start)
            yield from _noun_links(cue, holders, complement, False, "pattern")
        return
    if any(t.lower_ == "entre" for t in skipped) and len(right) > 1:
        if cue.kind == "PARTNER_OF":  # "la convention signée entre A, B et C": each pair
            yield from _all_pairs(right, cue.label, "pattern")
        else:
            yield from _pairs(right[:1], cue.kind, right[1:], cue.label, "pattern")
        return
    if not cue.verb and not cue.doer_is_source:
        beneficiaries = _beneficiaries(index, right[-1].end, sent.end)
        if beneficiaries:  # "l'apport financier de A au pôle B"
            yield from _pairs(right, cue.kind, beneficiaries, cue.label, "pattern")
            return
    place = _fronted_place(index, sent, start) if cue.verb and not fronted else None
    if place is not None and place not in right:  # "Au comité siègent A et B": A and B are the doers
        sources, targets = (right, [place]) if cue.doer_is_source else ([place], right)
        yield from _pairs(sources, cue.kind, targets, cue.label, "pattern")
        return
    side = _left_side(index, sent, cue, cue_token, start, right)
    if main is not None and side is not None and not side[0]:
        side = [main], "pattern"
    if side is None:
        yield from _inverted(index, sent, cue, start, right)
        return
    left, method = side
    if possessive:  # "A et ses membres B et C": B and C are members of A
        owner = left[:1] or _possessor(index, cue_token, right)
        yield from _pairs(right, cue.kind, owner, cue.label, method)
        return
    if not cue.verb:
        if left:
            marked = any(doc[i].lower_ in lexicon.DOER_MARKERS for i in range(max(sent.start, start - 3), start))
            yield from _noun_links(cue, left, right, marked, method)
        if cue.kind == "GOVERNS" and not cue.doer_is_source:  # "sous le contrôle de A et de B": co-governors
            yield from _all_pairs(right, cue.label, method)
        return
    voice = "active" if cue.kind == "LOCATED_IN" else voice_of(cue, cue_token, skipped)  # "A est situé à B"
    if voice == "agentless":
        return
    doers, patients = (right, left) if voice == "passive" else (left, right)
    sources, targets = (doers, patients) if cue.doer_is_source else (patients, doers)
    yield from _pairs(sources, cue.kind, targets, cue.label, method)
    if apposed is not None and apposed.doer_is_source and voice == "active":  # "A crée une filiale, B": B is A's
        yield from _pairs(right, apposed.kind, [m for m in left if not m.person], apposed.label, method)
    if cue.words[0] in lexicon.JOINING and listed and any(
            t.i in cue_starts and cue_starts[t.i].kind == "FOUNDED" and not cue_starts[t.i].verb for t in skipped):
        # "fondée par A, rejointe par deux entreprises fondatrices : B, C": B and C founded it too
        yield from _pairs(sources, "FOUNDED", targets, cue.label, method)
    doers = [m for m in doers if not m.person]
    if cue.kind == "GOVERNS" and len(doers) > 1:  # co-pilots are partners, whatever they steer
        yield from _pairs(doers[:1], "PARTNER_OF", doers[1:], cue.label, method)
    if cue.kind == "FOUNDED" and len(doers) > 1 and not patients and not _founds_a_body(cue_token, doers):
        # co-founders of a joint approach are partners ("Lancé par A et B, le programme ...")
        yield from _all_pairs(doers, cue.label, method)


def _apposed_cue(skipped: list[Token], cue_starts: dict[int, lexicon.Cue]) -> lexicon.Cue | None:
    """The noun cue that the object of a verb cue is, when the actors after it stand in apposition to it
    ("crée une filiale, B, chargée de ...", "ouvre deux antennes, B et C"): an article or a number, the
    one-word noun cue, a comma, then the actors."""
    if len(skipped) < 3 or skipped[-1].text != "," or skipped[-3].pos_ not in ("DET", "NUM"):
        return None
    cue = cue_starts.get(skipped[-2].i)
    return cue if cue is not None and not cue.verb and len(cue.words) == 1 and skipped[-2].pos_ == "NOUN" else None


def _founds_a_body(cue_token: Token, doers: list[Mention]) -> bool:
    """Whether what a founding verb founds is an organisation named by a common noun ("une association
    créée par A et B"), which the text did not name: then its founders are no partners of each other.
    A founder the parse took for the subject ("Impulsé par A et la Communauté B, il ...") is no such noun."""
    subject = subject_of(cue_token)
    founders = {i for m in doers for i in range(m.start, m.end)}
    return any(t is not None and t.i not in founders and t.lemma_.lower() in lexicon.ACTOR_NOUNS
               for t in (cue_token.head, subject))


def _whole_of_component(index: MentionIndex, end: int, limit: int) -> list[Mention]:
    """The body whose part follows a cue ("dans le volet X (...) du pôle A", "au groupe de travail
    X de l'agence A"): a preposition, a noun of a component, then within a few words "de" and A."""
    doc = index.doc
    pos = end
    while pos < limit and pos < end + 3 and doc[pos].pos_ in ("ADP", "DET", "ADV"):
        pos += 1
    if pos == end or pos >= limit or doc[pos].lemma_.lower() not in lexicon.COMPONENTS:
        return []
    depth = 0
    for k in range(pos + 1, min(limit, pos + _COMPONENT_GAP)):
        token = doc[k]
        depth += (token.text == "(") - (token.text == ")")
        if depth > 0 or token.text == ")":
            continue
        if is_clause_break(token) or finite(token) or token.i in index.at:
            return []
        if token.lower_ in ("de", "du", "des", "d'", "d’"):
            return next(([index.at[j]] for j in range(k + 1, min(limit, k + 8)) if j in index.at
                         and index.at[j].target_type == "actor" and not index.at[j].person), [])
    return []


def _possessor(index: MentionIndex, cue_token: Token, right: list[Mention]) -> list[Mention]:
    """The body a possessive cue with no holder in its sentence belongs to ("Parmi ses membres figurent :
    A, B"): the subject body of a sentence before, else the body the text is about."""
    owner = antecedent_subject(index, cue_token) or index.speaker()
    return [owner] if owner is not None and owner.key not in {m.key for m in right} else []


def _possessive(cue_token: Token) -> bool:
    """Whether a noun cue has a possessive determiner ("ses filiales", "leurs membres")."""
    return any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in cue_token.children)


def _formed_groups(index: MentionIndex, sent: Span, end: int) -> list[Mention]:
    """The actors a relative clause right after a cue says its referents form ("qui forment le groupe A")."""
    doc = index.doc
    pos = end + (end < sent.end and doc[end].text == ",")
    if pos + 1 >= sent.end or doc[pos].lower_ != "qui" or doc[pos + 1].lemma_ not in lexicon.FORMING:
        return []
    return next((list_from(index, index.at[k], sent.end) for k in range(pos + 2, min(sent.end, pos + 5))
                 if k in index.at and index.at[k].target_type == "actor"), [])


def _noun_links(cue: lexicon.Cue, holders: list[Mention], complement: list[Mention], marked: bool,
                method: str) -> Iterator[Found]:
    """Links of a noun cue: holder -> complement, or the reverse when the complement is the doer
    ("financement de l'État") or a marker says so ("avec le soutien de A")."""
    holder_is_source = cue.doer_is_source and not marked
    sources, targets = (holders, complement) if holder_is_source else (complement, holders)
    yield from _pairs(sources, cue.kind, targets, cue.label, method)


def _joined_founders(found: list[Found]) -> Iterator[Found]:
    """The links of one sentence, where joining a founder ("fondée par A, auquel s'est joint B")
    is membership of the founded body: B is a member of what A founded, and one of its founders when
    a founding noun labels B ("rejointe par deux entreprises fondatrices : B"). "Se joindre" states a
    link only so ("A, auquel s'est joint B" alone says nothing of a body)."""
    founded = {f.source.key: f.target for f in found if f.kind == "FOUNDED" and f.cue not in lexicon.JOINING}
    for f in found:
        if f.kind in ("MEMBER_OF", "FOUNDED") and f.cue in lexicon.JOINING and f.target.key in founded:
            yield Found(f.source, f.kind, founded[f.target.key], f.cue, f.method)
        elif f.cue not in lexicon.JOINING_FOUNDERS_ONLY and not (f.kind == "FOUNDED" and f.cue in lexicon.JOINING):
            yield f


CueMatch = tuple[lexicon.Cue, int, int]


def _dated(doc, cue: lexicon.Cue, start: int, sent: Span) -> bool:
    """Whether a noun cue only dates something ("depuis sa création", "dès leur adhésion")."""
    return not cue.verb and any(t.lower_ in lexicon.TIME_PREPOSITIONS for t in doc[max(sent.start, start - 2):start])


def _qualifier(doc, cue: lexicon.Cue, start: int) -> bool:
    """Whether a noun cue only qualifies another noun, after a bare "de" ("les réseaux de financement et
    d'accompagnement", "des outils d'accompagnement"): it states no link of its own."""
    if cue.verb or start < 2 or doc[start - 1].lower_ not in ("de", "d'", "d’"):
        return False
    head = doc[start - 2]
    if head.lemma_.lower() in cue_table().by_first:
        return False  # "une convention de partenariat avec A": the cue goes on
    return head.pos_ == "NOUN" or head.lower_ in ("et", "ou")  # "de financement et d'appui"


def cue_links(index: MentionIndex, sent: Span) -> tuple[list[Found], list[CueMatch]]:
    """The links the cues of the sentence state, and the cues themselves (the suggestions read them too).

    A cue inside an actor's name, a title read as a verb ("président"), an idiom such as "au service
    de", a date ("depuis sa création"), a former or denied cue ("alors présidée par", "n'est plus
    membre") or a qualifier ("réseaux de financement") states nothing and is no suggestion either."""
    doc = index.doc
    matches = [m for m in cue_table().match(sent) if m[1] not in index.at
               and not (m[0].verb and is_title(doc[m[1]].lower_))
               and (doc[m[1] - 1].lower_, m[0].words[0]) not in lexicon.IDIOMS_BEFORE
               and not _dated(doc, m[0], m[1], sent) and not negated(doc, m[1], m[2], sent)
               and not (m[1] > sent.start and doc[m[1] - 1].lower_ in lexicon.FORMER)
               and not _qualifier(doc, m[0], m[1])]
    starts = {start: cue for cue, start, _ in matches}
    found = [f for cue, start, end in matches
             for f in _read_cue(index, sent, cue, start, end, {k: c for k, c in starts.items() if k != start})]
    return list(_joined_founders(found)), matches
