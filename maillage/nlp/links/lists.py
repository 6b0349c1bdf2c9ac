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
from maillage.nlp.links.mentions import Mention, MentionIndex

LIST_WORDS = frozenset({",", "et", "ou", "(", ")", "«", "»", '"', "/", "-", "–", "’", "'", "·", "•", "|",
                         "le", "la", "les", "l'", "l’",
                         "de", "du", "des", "d'", "d’", "ainsi", "que", "qu'", "puis", "aussi",
                         "également", "enfin", "notamment", "réseau", "réseaux", "association", "cluster",
                         "pôle", "société", "scic", "scop", "entreprise", "cabinet", "agence", "fondation"})

_PARTICIPLE_GAP = 10
#: Words of a label that a colon closes inside a list ("A et quatre entreprises fondatrices : B, C").
_LABEL_GAP = 6
_LABEL_POS = frozenset({"DET", "NUM", "NOUN", "ADJ", "ADP"})
_COLON_GAP = 3
_ITEM = re.compile(r"[ \t]*(?:[" + re.escape("".join(sorted(lexicon.BULLETS))) + r"][ \t]|[^\W\d_][^:\n]{0,40}?[ \t]*:)")
_BULLET = re.compile(r"[ \t]*[" + re.escape("".join(sorted(lexicon.BULLETS))) + r"][ \t]")


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
            out.append(m)
            gap = 0
            pos = m.end if forward else m.start - 1
            continue
        token = doc[pos]
        if forward and token.text == "(":
            close = next((k for k in range(pos + 1, min(limit, pos + 6)) if doc[k].text == ")"), None)
            if close is not None and not index.within(pos, close):
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


def items_after_colon(index: MentionIndex, colon: int) -> list[Mention]:
    """The actors a colon at token ``colon`` introduces: the first actor of each bulleted line when the
    colon ends its line, else the list that starts right after it on its line."""
    doc = index.doc
    first = _first_after(index, colon)
    if first is not None:
        limit = first.end
        while limit < len(doc) and "\n" not in doc[limit - 1].whitespace_ and not doc[limit].is_space:
            limit += 1
        return list_from(index, first, limit)
    if doc.text[doc[colon].idx + 1:].split("\n", 1)[0].strip():
        return []
    items = []
    for start, end in bulleted_lines(doc.text, doc[colon].idx):
        span = doc.char_span(start, end, alignment_mode="expand")
        found = index.within(span.start, span.end) if span is not None else []
        if found and found[0].start <= span.start + 3:
            items.append(found[0])
    return items
