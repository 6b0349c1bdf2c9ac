"""Lists of actors: "A, B et C", "A ainsi que B", "A (sigle), B", "quatre membres : A, B",
"ses partenaires : A · B · C", and bulleted lists after a colon ("à l'initiative de :\n- A\n- B").

:func:`list_from` follows a list from its first (or last) actor through list words, so that
every reader gives one link per listed actor; :func:`items_after_colon` reads what a colon
introduces: the first actor of each bulleted line after it when it ends its line, else the list
that starts right after it on its line. :func:`starts_item` tells where a bulleted or a
"Label : value" line starts, which ends a reading unit.
"""
from __future__ import annotations

import re

from maillage.nlp import cues as lexicon
from maillage.nlp.links.mentions import Mention, MentionIndex, finite, is_clause_break

LIST_WORDS = frozenset({",", "et", "ou", "(", ")", "«", "»", '"', "/", "-", "–", "’", "'", "·", "•", "|",
                         "le", "la", "les", "l'", "l’",
                         "de", "du", "des", "d'", "d’", "ainsi", "que", "qu'", "puis", "aussi",
                         "également", "enfin", "notamment", "réseau", "réseaux", "association", "cluster",
                         "pôle", "société", "scic", "scop", "entreprise", "cabinet", "agence", "fondation"})

_PARTICIPLE_GAP = 10
#: Tokens from the last actor of a complement to the next repetition of its preposition.
_REPEAT_GAP = 16
#: Tokens of a bracketed aside after a listed actor ("B (filiale du groupe C), D"): the list goes on.
_ASIDE_GAP = 14
#: Words of a label that a colon closes inside a list ("A et quatre entreprises fondatrices : B, C").
_LABEL_GAP = 6
_LABEL_POS = frozenset({"DET", "NUM", "NOUN", "ADJ", "ADP"})
_COLON_GAP = 3
#: Tokens before the actor of a bulleted line: the bullet, a count, a preposition, an article.
_ITEM_GAP = 5
_BULLET_CLASS = "[" + re.escape("".join(sorted(lexicon.BULLETS))) + "]"
_ITEM = re.compile(r"[ \t]*(?:" + _BULLET_CLASS + r"[ \t]|[^\W\d_][^:\n]{0,40}?[ \t]*:)")
_BULLET = re.compile(r"[ \t]*" + _BULLET_CLASS + r"[ \t]")


def _after_participle(index: MentionIndex, comma: int, limit: int) -> int:
    """Where a list goes on after ", regroupant 300 000 habitants," (a present participle's clause
    between commas, naming no actor, followed by "et"): the second comma; else ``comma`` itself."""
    doc = index.doc
    nxt = comma + 1
    if nxt >= limit or doc[nxt].pos_ != "VERB" or "Pres" not in doc[nxt].morph.get("Tense") \
            or "Part" not in doc[nxt].morph.get("VerbForm"):
        return comma
    close = next((k for k in range(nxt + 1, min(limit, nxt + _PARTICIPLE_GAP)) if doc[k].text == ","), None)
    if close is None or index.within(nxt, close) or close + 1 >= limit or doc[close + 1].lower_ != "et":
        return comma
    return close


def list_from(index: MentionIndex, first: Mention, limit: int, forward: bool = True) -> list[Mention]:
    """``first`` and the actors chained to it by list words ("A, B et C", "A ainsi que B")."""
    out = [first]
    doc = index.doc
    pos = first.end if forward else first.start - 1
    gap = 0
    while 0 <= pos < limit if forward else limit <= pos:
        m = index.at.get(pos)
        if m is not None:
            if m is out[-1]:
                pos += 1 if forward else -1
                continue
            if m.person != first.person:
                break  # "M. A, la CMA par Mme B": people and bodies are not listed together
            out.append(m)
            gap = 0
            pos = m.end if forward else m.start - 1
            continue
        token = doc[pos]
        if forward and token.text == "(":
            close = next((k for k in range(pos + 1, min(limit, pos + _ASIDE_GAP)) if doc[k].text == ")"), None)
            aside = close is not None and pos + 1 < close and doc[pos + 1].is_lower  # "(filiale du groupe X)"
            if close is not None and (close - pos < 6 and not index.within(pos, close) or aside):
                pos = close + 1
                continue
        if forward and token.text == ",":
            pos = _after_participle(index, pos, limit)
        colon = _label_colon(index, pos, limit) if forward and token.lower_ not in LIST_WORDS else None
        if colon is not None:
            pos, gap = colon + 1, 0
            continue
        if token.lower_ not in LIST_WORDS or gap >= 6:
            break
        gap += 1
        pos += 1 if forward else -1
    return out


def repeated_preposition(index: MentionIndex, found: list[Mention], limit: int) -> list[Mention]:
    """``found`` (a list right after a preposition) and the lists that the same preposition introduces
    again further in the clause ("oriente vers A pour les prêts, vers B pour les garanties et vers C"):
    each later "vers" (or "à", "au", "aux" for "à") with an article and an actor right after it, until the
    clause ends or a conjugated verb comes, each within :data:`_REPEAT_GAP` tokens of the last actor."""
    doc = index.doc
    k = found[0].start - 1
    if k > 0 and doc[k].pos_ == "DET":
        k -= 1
    family = _preposition_family(doc[k].lower_) if k >= 0 else None
    if family is None:
        return found
    out = list(found)
    pos, last = found[-1].end, found[-1].end
    while pos < min(limit, last + _REPEAT_GAP):
        token = doc[pos]
        if is_clause_break(token) or finite(token) or (pos in index.at and index.at[pos] not in out):
            break
        j = pos + 1
        while j < limit and doc[j].pos_ == "DET":
            j += 1
        m = index.at.get(j)
        same = m is not None and m.start == j and m.person == found[0].person
        if same and _preposition_family(token.lower_) == family:
            listed = list_from(index, m, limit)
            out += [x for x in listed if x not in out]
            pos = last = listed[-1].end
            continue
        pos += 1
    return out


def _preposition_family(word: str) -> str | None:
    """The preposition a word repeats, for :func:`repeated_preposition` ("au" and "aux" are "à")."""
    word = lexicon.CONTRACTED.get(word, word)
    return word if word in lexicon.REPEATED_PREPOSITIONS else None


def _label_colon(index: MentionIndex, pos: int, limit: int) -> int | None:
    """The colon that closes a label starting at ``pos`` ("quatre entreprises fondatrices :") when an
    actor follows it on the same line; else None."""
    doc = index.doc
    for k in range(pos, min(limit, pos + _LABEL_GAP)):
        if doc[k].text == ":":
            return k if _first_after(index, k) is not None else None
        if doc[k].pos_ not in _LABEL_POS or k in index.at or "\n" in doc[k].whitespace_:
            return None
    return None


def _first_after(index: MentionIndex, colon: int) -> Mention | None:
    """The actor named within a few tokens after ``colon`` on its line."""
    doc = index.doc
    for k in range(colon + 1, min(len(doc), colon + 1 + _COLON_GAP)):
        if k in index.at:
            return index.at[k]
        if "\n" in doc[k - 1].whitespace_ or doc[k].is_space or doc[k].is_punct:
            return None
    return None


def starts_item(text: str, char: int) -> bool:
    """Whether the line starting at character ``char`` is an item: a bullet, or a "Label : value" line."""
    return _ITEM.match(text, char) is not None


def next_line_bulleted(text: str, char: int) -> bool:
    """Whether the first non-blank line after the line holding character ``char`` starts with a bullet."""
    pos = text.find("\n", char)
    while 0 <= pos < len(text) - 1:
        end = text.find("\n", pos + 1)
        end = len(text) if end < 0 else end
        if text[pos + 1:end].strip():
            return _BULLET.match(text, pos + 1) is not None
        pos = end
    return False


def on_bullet_line(text: str, char: int) -> bool:
    """Whether character ``char`` lies on a bulleted line."""
    return _BULLET.match(text, text.rfind("\n", 0, char) + 1) is not None


def on_item_line(text: str, char: int) -> bool:
    """Whether character ``char`` lies on an item line (a bullet or a "Label : value" line)."""
    return starts_item(text, text.rfind("\n", 0, char) + 1)


def bulleted_lines(text: str, char: int) -> list[tuple[int, int]]:
    """The (start, end) characters of the bulleted lines that follow the line holding ``char``
    (blank lines between them allowed)."""
    out = []
    pos = text.find("\n", char)
    while pos >= 0:
        start = pos + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            if not _BULLET.match(text, start):
                break
            out.append((start, end))
        pos = end if end < len(text) else -1
    return out


def bulleted_lines_before(text: str, char: int) -> list[tuple[int, int]]:
    """The (start, end) characters of the bulleted lines that end right before the line holding ``char``
    (blank lines between them allowed), in text order."""
    out = []
    end = text.rfind("\n", 0, char)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            if not _BULLET.match(text, start):
                break
            out.append((start, end))
        end = start - 1
    return out[::-1]


def lines_list_before(index: MentionIndex, char: int) -> list[Mention]:
    """The first actor of each bulleted line of the list that ends right before the line holding ``char``."""
    return [item for start, end in bulleted_lines_before(index.text, char) for item in _line_items(index, start, end)]


def items_after_colon(index: MentionIndex, colon: int, bodies: bool = False) -> list[Mention]:
    """The actors a colon at token ``colon`` introduces: the list that starts right after it on its line;
    when the colon ends its line, the first actor of each bulleted line after it, or else the list
    that the next line holds ("Nos partenaires :\nA · B · C"). With ``bodies``, a line "- A (B)" that names a
    person and a body lists the body."""
    doc = index.doc
    first = _first_after(index, colon)
    if first is not None:
        return list_from(index, first, _line_end_token(doc, first.end))
    line_end = index.text.find("\n", doc[colon].idx)
    if index.text[doc[colon].idx + 1:len(index.text) if line_end < 0 else line_end].strip():
        return []
    bullets = bulleted_lines(index.text, doc[colon].idx)
    if not bullets:
        return _next_line_list(index, colon)
    return [item for start, end in bullets for item in _line_items(index, start, end, bodies)]


def lines_list(index: MentionIndex, line_end: int) -> list[Mention]:
    """The first actor of each bulleted line right after the line that ends at character ``line_end``."""
    bullets = bulleted_lines(index.text, line_end)
    return [item for start, end in bullets for item in _line_items(index, start, end)]


def _line_end_token(doc, pos: int) -> int:
    """The token after the last one of the line that holds token ``pos``."""
    while pos < len(doc) and "\n" not in doc[pos - 1].whitespace_ and not doc[pos].is_space:
        pos += 1
    return pos


def _line_items(index: MentionIndex, start: int, end: int, bodies: bool = False) -> list[Mention]:
    """The actors a bulleted line lists: its first actor, right after the bullet, or the list after a
    label ("- entreprises : A, B, C"); with ``bodies``, for a person followed by a bracketed body
    ("- A (B)"), that body."""
    doc = index.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    found = index.within(span.start, span.end) if span is not None else []
    if not found:
        return []
    label = next((t.i for t in doc[span.start:found[0].start] if t.text == ":"), None)
    if label is not None and label - span.start <= _ITEM_GAP:
        return items_after_colon(index, label, bodies)
    if found[0].start > span.start + _ITEM_GAP or any(finite(t) for t in doc[span.start:found[0].start]):
        return []  # "- 31 vers la CMA": a count and a preposition may come first, not a clause
    first = found[0]
    if bodies and first.person and len(found) > 1 and doc[first.end].text == "(" \
            and found[1].start == first.end + 1 and not found[1].person:
        return [found[1]]
    return [first]


def next_line_list(index: MentionIndex, last: int) -> list[Mention]:
    """The actors listed by the line after the heading line that ends at token ``last`` ("Nos partenaires"
    then "A, B et C" on a web page): a line that starts with an actor, chains two actors or more by list
    words, and holds no conjugated verb (a sentence under a heading lists nothing)."""
    items = _next_line_list(index, last)
    if len(items) < 2:
        return []
    doc = index.doc
    line = doc[items[0].start:_line_end_token(doc, items[0].end)]
    return [] if any(finite(t) for t in line) else items


def _next_line_list(index: MentionIndex, colon: int) -> list[Mention]:
    """The list held by the line after the one a colon ends, when it starts with an actor."""
    doc = index.doc
    pos = colon + 1
    while pos < len(doc) and doc[pos].is_space:
        pos += 1
    m = index.at.get(pos)
    if m is None or index.text.count("\n", doc[colon].idx, doc[pos].idx) != 1:
        return []
    return list_from(index, m, _line_end_token(doc, m.end))
