"""Lists of actors: "A, B et C", "A ainsi que B", "A (sigle), B".

:func:`list_from` follows a list from its first (or last) actor through list words, so that
every reader gives one link per listed actor.
"""
from __future__ import annotations



from maillage.nlp.links.mentions import Mention, MentionIndex


LIST_WORDS = frozenset({",", "et", "ou", "(", ")", "«", "»", '"', "/", "-", "–", "’", "'",
                         "le", "la", "les", "l'", "l’",
                         "de", "du", "des", "d'", "d’", "ainsi", "que", "qu'", "puis", "aussi",
                         "également", "enfin", "notamment", "réseau", "réseaux", "association", "cluster",
                         "pôle", "société", "scic", "scop", "entreprise", "cabinet", "agence", "fondation"})


_PARTICIPLE_GAP = 10


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
        if token.lower_ not in LIST_WORDS or gap >= 6:
            break
        gap += 1
        pos += 1 if forward else -1
    return out
