"""Reader of rosters and boards: people and bodies listed under or after a body's name.

A roster line "B : A (directrice), C et D"; a header line "Président : A" under the body named
above; a block of names then as many function lines ("Présidente :", "Directeur :"); a heading
of a structure or of an agent noun of the lexicon closed by a colon ("Collège des entreprises :",
"Membres de droit :", "Nos partenaires : A · B", "Membres fondateurs :\n- A\n- B"): each listed
actor is a member (partner, founder...) of the body the heading belongs to; a sentence that opens on
a structure ("Dans le collège des associations, on retrouve A et B"); an attendance label of minutes
("Présents : A, B", "Excusés : C"): each person sits on the body that meets.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from spacy.tokens import Span


from maillage.nlp import cues as lexicon
from maillage.nlp.governance import GOVERNANCE_HEADS
from maillage.nlp.lexicon import LOWER_CIVILITIES, fold
from maillage.nlp.links.functions import (FUNCTION_PREPS, board_owner, board_role, is_label_title, is_plural_title,
                                          reads_as_title, title_kind)
from maillage.nlp.links.lists import (items_after_colon, lines_list, list_from, next_line_list, on_bullet_line,
                                      on_item_line, starts_item)
from maillage.nlp.links.mentions import Found, Mention, MentionIndex, finite
from maillage.nlp.titles import is_heading_line


_HEADER_WINDOW = 600


def roster_links(index: MentionIndex, body: Mention) -> Iterator[tuple[Found, int]]:
    """ "B : A (directrice), C et D" on one line: each person is a member of B (head titles govern it)."""
    doc = index.doc
    pos = body.end
    while pos < len(doc) and pos < body.end + 4 and doc[pos].text != ":":
        if "\n" in doc[pos - 1].whitespace_ or doc[pos].pos_ not in ("PROPN", "PUNCT", "NOUN"):
            return
        pos += 1
    if pos >= len(doc) or doc[pos].text != ":":
        return
    line_end = index.text.find("\n", doc[pos].idx)
    line_end = len(index.text) if line_end < 0 else line_end
    pos += 1
    while pos < len(doc) and doc[pos].idx < line_end:
        m = index.at.get(pos)
        if m is None or m.target_type != "actor":
            pos = m.end if m is not None else pos + 1
            continue
        if not m.person:
            return
        words: list[str] = []
        nxt = m.end
        if nxt < len(doc) and doc[nxt].text == "(":
            nxt += 1
            while nxt < len(doc) and doc[nxt].text != ")" and doc[nxt].idx < line_end:
                if doc[nxt].text not in ("*", "_"):
                    words.append(doc[nxt].text)
                nxt += 1
        kind = title_kind(words) if words else "MEMBER_OF"
        yield Found(m, kind, body, " ".join(words) or ":", "pattern"), m.start
        pos = m.end


def _heading_of(index: MentionIndex, m: Mention) -> Mention | None:
    """The first body of ``m``'s line when that line holds little but names, as a section title does."""
    doc = index.doc
    first, last = doc[m.start], doc[m.end - 1]
    line_start = index.text.rfind("\n", 0, first.idx) + 1
    line_end = index.text.find("\n", last.idx + len(last.text))
    line_end = len(index.text) if line_end < 0 else line_end
    line = doc.char_span(line_start, line_end, alignment_mode="expand")
    if line is None:
        return None
    names = [x for x in index.within(line.start, line.end) if not x.person and x.target_type == "actor"]
    rest = sum(len(t.text) for t in line if t.i not in index.at)
    return names[0] if names and rest <= 8 else None


def _label_end(index: MentionIndex, person: Mention) -> int | None:
    """The token that separates a label from the person after it (a civility aside): a colon ("Président : A",
    "Président : M. A"), or the tab of
    an infobox line ("Président<tab>A"); None when the person does not follow one."""
    doc = index.doc
    pos = person.start - 1
    if pos >= 1 and doc[pos].lower_ in LOWER_CIVILITIES:  # "Président : M. A"
        pos -= 1
    if pos < 1:
        return None
    if doc[pos].text == ":" or (doc[pos].is_space and "\t" in doc[pos].text and "\n" not in doc[pos].text):
        return pos
    return pos + 1 if "\t" in doc[pos].whitespace_ else None


def header_links(index: MentionIndex, person: Mention) -> Iterator[Found]:
    """ "Président : A" on its own line (or "Président<tab>A" in an infobox), under a body's name: A governs
    the nearest body named above (the first body of that line when the line is a heading such as
    "Pays X / PNR Y"), or the body the label names ("Responsable du guichet : A"). A title in the plural
    ("Co-présidents : A, présidente de B, et C") is held by every person of the line."""
    doc = index.doc
    end = _label_end(index, person)
    if end is None:
        return
    run: list = []
    for t in reversed(doc[max(0, end - 5):end]):
        if (t.is_punct and t.i not in index.at) or t.is_space or "\n" in t.whitespace_:
            break
        run.insert(0, t)
    plain = [t.i not in index.at or reads_as_title(index, index.at[t.i]) for t in run]
    titled = [k for k, t in enumerate(run) if plain[k] and is_label_title(t.lower_)]
    if not titled:
        return
    label = run[titled[0]:]
    words = [t.text for k, t in enumerate(label, titled[0]) if plain[k]]
    named = [m for m in index.within(label[0].i, end) if m.target_type == "actor" and not m.person]
    body = named[0] if named else _block_owner(index, person.start)
    if body is None:
        return
    if not named and not board_role(words):
        body = board_owner(index, body)
    kind = title_kind([w for w in words if w.lower() not in FUNCTION_PREPS])
    people = _line_people(index, person) if is_plural_title(label[0].lower_) else [person]
    for p in people:
        yield Found(p, kind, body, " ".join(t.text for t in label) + " :", "context")


def _line_people(index: MentionIndex, person: Mention) -> list[Mention]:
    """``person`` and the people listed after it on its line ("A, présidente de B, et C (D)"): each one
    right after a comma or "et", outside brackets."""
    doc = index.doc
    line_end = index.text.find("\n", doc[person.start].idx)
    line_end = len(index.text) if line_end < 0 else line_end
    people, depth = [person], 0
    for t in doc[person.end:]:
        if t.idx >= line_end:
            break
        depth += (t.text == "(") - (t.text == ")")
        m = index.at.get(t.i)
        if m is not None and m.start == t.i and m.person and depth == 0 \
                and doc[t.i - 1].lower_ in (",", "et") and m is not people[-1]:
            people.append(m)
    return people


def _block_owner(index: MentionIndex, pos: int) -> Mention | None:
    """The body a block of "Label : value" lines around token ``pos`` belongs to, by the line before the
    block: the speaking body when that line ends a sentence (the block follows an unrelated paragraph),
    the first body of that line when it is a heading that names one, else the nearest body above."""
    doc = index.doc
    text = index.text
    end = text.rfind("\n", 0, doc[pos].idx)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not starts_item(text, start):
            break
        end = start - 1
    else:
        return _body_above(index, pos - 1)
    if line.endswith((".", "!", "?")):
        return index.speaker() or _body_above(index, pos - 1)
    span = doc.char_span(start, end, alignment_mode="contract")
    named = [m for m in index.within(span.start, span.end) if m.target_type == "actor" and not m.person] \
        if span is not None and not line.endswith(":") else []
    return (_heading_of(index, named[0]) or named[0]) if named else _body_above(index, pos - 1)


def _body_above(index: MentionIndex, pos: int) -> Mention | None:
    """The nearest body named before token ``pos`` within a header's reach (the first body of its
    line when that line is a heading such as "Pays X / PNR Y")."""
    doc = index.doc
    floor = doc[pos + 1].idx - _HEADER_WINDOW if pos + 1 < len(doc) else 0
    while pos >= 0 and doc[pos].idx >= floor:
        m = index.at.get(pos)
        if m is not None and not m.person and m.target_type == "actor" \
                and not on_item_line(index.text, doc[m.start].idx):
            return _heading_of(index, m) or m
        pos = (m.start if m is not None else pos) - 1
    return None


_TITLE_LINE = re.compile(r"[^\W\d_][^:\n]{0,40}?\s*:[ \t]*")


def _lines_after(text: str, start: int) -> Iterator[tuple[int, str]]:
    """The non-blank lines of ``text`` from character ``start`` on, with their start offsets."""
    for match in re.finditer(r"[^\n]+", text[start:]):
        if match.group().strip():
            yield start + match.start(), match.group()


def column_header_links(index: MentionIndex, person: Mention) -> Iterator[tuple[Found, int]]:
    """A header whose columns the text layer split: lines that each hold one person's name, then as
    many lines "Présidente :", "Directrice :" with nothing after; the i-th person has the i-th title
    in the body named above. Yields the links and the token of each person."""
    doc = index.doc
    if "\n" not in doc[person.end - 1].whitespace_ and not (person.end < len(doc) and doc[person.end].is_space):
        return  # the name does not end its line
    text = index.text
    first = doc[person.start]
    line_start = text.rfind("\n", 0, first.idx) + 1
    if text[line_start:first.idx].strip() or (line_start > 1 and _person_line(index, text, line_start - 2)):
        return  # not alone on its line, or not the first name of the block
    people: list[Mention] = []
    titles: list[str] = []
    for offset, line in _lines_after(text, line_start):
        m = _person_line(index, text, offset)
        if m is not None and not titles:
            people.append(m)
        elif _TITLE_LINE.fullmatch(line.strip()) and len(titles) < len(people):
            titles.append(line.strip()[:-1].strip())
        else:
            break
    if len(people) < 2 or len(titles) != len(people) \
            or not all(t.split()[0].lower() in lexicon.HEAD_TITLES | lexicon.TITLES for t in titles):
        return
    body = _block_owner(index, person.start)
    if body is None:
        return
    for m, title in zip(people, titles):
        yield Found(m, title_kind(title.split()), body, title + " :", "context"), m.start


def _person_line(index: MentionIndex, text: str, char: int) -> Mention | None:
    """The person named alone on the line that holds character ``char``."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    end = len(text) if end < 0 else end
    span = index.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    names = index.within(span.start, span.end)
    if len(names) != 1 or not names[0].person:
        return None
    tokens = [t for t in span if not t.is_space]
    return names[0] if tokens and tokens[0].i == names[0].start and tokens[-1].i == names[0].end - 1 else None


_HEADING_WORDS = 8
#: How far above a structure heading (in characters) the governance body it belongs to may be named.
_GOVERNANCE_WINDOW = 2500


def _heading_cue(words: list) -> tuple[str, bool] | None:
    """The link kind a heading states and whether the listed actors are its source: members under a
    heading that starts with a structure noun ("Collège des fondateurs", "Membres de droit"), else the
    kind of an agent noun of the lexicon ("Nos partenaires": partners, "Financeurs": funders, "Nos soutiens":
    supporters)."""
    if words[0].lower_ in lexicon.STRUCTURE_NOUNS or words[0].lemma_.lower() in lexicon.STRUCTURE_NOUNS:
        return "MEMBER_OF", True
    lemmas = [t.lemma_.lower() for t in words] + [t.lower_ for t in words]
    for cue in lexicon.CUES:
        if not cue.verb and cue.doer_is_source and len(cue.words) == 1 and cue.words[0] in lemmas:
            return cue.kind, True
    if {"soutien", "soutiens"} & set(lemmas):  # "Nos soutiens": the supporters, not the support given
        return "SUPPORTS", True
    return None


#: Lines read back from a sub-heading to the heading of its section.
SECTION_LINES = 30


def _section_heading(index: MentionIndex, line_start: int) -> list | None:
    """The tokens of the heading of the section a sub-heading starting at character ``line_start`` stands in:
    reading back over list items and other sub-headings (a web page's "Nos sociétaires", "Producteurs",
    items, "Salariés", items), the first heading line that a sentence does not separate from it, else None."""
    text, end = index.text, line_start - 1
    for _ in range(SECTION_LINES):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line, line_end = text[start:end].strip(), end
        end = start - 1
        if not line or on_bullet_line(text, start):
            continue
        span = index.doc.char_span(start, start + len(text[start:line_end].rstrip()), alignment_mode="expand")
        if not is_heading_line(line, _HEADING_WORDS - 1) or span is None or any(finite(t) for t in span):
            return None
        words = [t for t in span if t.is_alpha and t.pos_ != "DET" and t.i not in index.at]
        if words and _heading_cue(words):
            return list(span)
    return None


def heading_list_links(index: MentionIndex, last: int) -> Iterator[tuple[Found, int]]:
    """A heading that ends at token ``last`` (a colon, or the end of a line followed by bullets or by a line
    that lists actors, :func:`~maillage.nlp.links.lists.next_line_list`) and the actors it lists (module
    docstring).

    The body is the actor the heading names ("Partenaires de B :"), else the speaker for "nos", "notre"
    (a guess, a suggestion, unless the title names it before the heading),
    else, for a structure ("Collège des fondateurs"), the nearest governance body named above, else the body
    the text's title names when it is named before the heading, else the nearest body named above outside
    list items (then a guess: a suggestion). Yields the links and each item's token."""
    doc = index.doc
    colon = doc[last].text == ":"
    line_start = index.text.rfind("\n", 0, doc[last].idx) + 1
    heading = [t for t in doc[max(0, last - _HEADING_WORDS):last + (not colon)] if t.idx >= line_start]
    if heading and index.doc[heading[0].i].text in lexicon.BULLETS and colon:
        heading = heading[1:]  # "- collège des entreprises : A, B": a heading inside a bulleted line
    elif heading and on_bullet_line(index.text, heading[0].idx):
        return
    if not heading or heading[0].idx > line_start + 4 or len(heading) >= _HEADING_WORDS \
            or (not colon and index.within(heading[0].i, last + 1)):
        return
    words = [t for t in heading if t.is_alpha and t.pos_ != "DET" and t.i not in index.at]
    if not words or (not colon and any(finite(t) for t in heading)):
        return
    cue, own = _heading_cue(words), heading[0].i
    section = _section_heading(index, line_start) if cue is None and not colon else None
    if section:  # "Nos sociétaires" over "Producteurs" over a list: the sub-heading's items are members too
        cue = _heading_cue([t for t in section if t.is_alpha and t.pos_ != "DET" and t.i not in index.at])
        heading = [*section, *heading]
    if cue is None:
        return
    items = items_after_colon(index, last) if colon else (lines_list(index, doc[last].idx)
                                                           or next_line_list(index, last))
    named = [m for m in index.within(own, last + 1) if m.target_type == "actor" and not m.person]
    method = "context"
    if named:
        body = named[0]
    elif any(t.lower_ in lexicon.FIRST_PERSON for t in heading):
        body, method = index.speaker(), "context" if _titled_before(index, heading[0].i) else "suggestion"
    else:
        body = _governance_above(index, heading[0].i - 1) if cue[0] == "MEMBER_OF" else None
        if body is None and _titled_before(index, heading[0].i):
            body = index.speaker()  # "Associations membres :" on the page of the body its title names
        if body is None:  # a body merely named above is a guess
            body, method = _body_above(index, heading[0].i - 1), "suggestion"
    if body is None:
        return
    kind, items_are_source = cue
    label = " ".join(t.text for t in heading) + (" :" if colon else "")
    for item in items:
        source, target = (item, body) if items_are_source else (body, item)
        yield Found(source, kind, target, label, method), item.start


#: Words of an attendance label in minutes ("Présents :", "Étaient présents :", "Excusés :", "Pouvoirs :").
_ATTENDANCE_WORDS = frozenset({"présent", "présente", "présents", "présentes", "excusé", "excusée", "excusés",
                               "excusées", "absent", "absente", "absents", "absentes", "pouvoir", "pouvoirs",
                               "procuration", "procurations", "représenté", "représentée", "représentés"})


def attendance_links(index: MentionIndex, colon: int) -> Iterator[tuple[Found, int]]:
    """An attendance label of minutes closed by the colon at token ``colon`` ("Présents : A, B", "Absent
    excusé : C", "Pouvoirs : D à E"): each person named after it on its line (or on the bulleted lines
    after it when the colon ends its line) is a member of the body that meets, the nearest governance body
    (kind ``instance``) named before it. Present, excused, absent or represented, all sit on that body.
    Yields the links and each person's token."""
    doc = index.doc
    line_start = index.text.rfind("\n", 0, doc[colon].idx) + 1
    label = [t for t in doc[max(0, colon - _HEADING_WORDS):colon] if t.idx >= line_start and t.is_alpha]
    if not label or not any(t.lower_ in _ATTENDANCE_WORDS for t in label) or index.within(label[0].i, colon):
        return
    body = _governance_above(index, label[0].i - 1)
    if body is None:
        return
    line_end = index.text.find("\n", doc[colon].idx)
    line_end = len(index.text) if line_end < 0 else line_end
    on_line = [m for m in index.mentions[bisect_right(index.starts, colon):] if doc[m.start].idx < line_end]
    people = [m for m in on_line if m.person] if on_line else [
        m for m in items_after_colon(index, colon) if m.person]
    cue = " ".join(t.text for t in label) + " :"
    for person in people:
        yield Found(person, "MEMBER_OF", body, cue, "context"), person.start


def _titled_before(index: MentionIndex, pos: int) -> bool:
    """Whether the text is about a body its title names (:mod:`.subject`), named before token ``pos``."""
    speaker = index.speaker() if index.subject is not None else None
    return speaker is not None and speaker.start < pos


def _governance_above(index: MentionIndex, pos: int) -> Mention | None:
    """The nearest governance body (kind ``instance``) named before token ``pos`` within a header's reach."""
    doc = index.doc
    floor = doc[pos].idx - _GOVERNANCE_WINDOW if pos >= 0 else 0
    for m in reversed(index.mentions[:bisect_right(index.starts, pos)]):
        if doc[m.start].idx < floor:
            return None
        if m.target_type == "actor" and "instance" in m.kinds[:1] and _named_as_body(index, m):
            return m
    return None


def _named_as_body(index: MentionIndex, m: Mention) -> bool:
    """Whether the name of a governance body starts with a governance head or a structure noun ("Comité de
    pilotage X", "Bureau de Y"), not merely typed so (a project named after its committee)."""
    words = fold(index.doc._.actors[m.key].name).split()
    return any(tuple(words[:len(head)]) == head for head in GOVERNANCE_HEADS) \
        or bool(words) and words[0] in lexicon.STRUCTURE_NOUNS


_STRUCTURE_OPENERS = frozenset({"dans", "au", "parmi"})


def structure_clause_links(index: MentionIndex, sent: Span) -> Iterator[Found]:
    """ "Dans le collège des associations, on retrouve A et B", "Au sein du bureau siègent A et B": a
    sentence that opens on a structure names its members; they are members of the body the structure
    belongs to: the one named in the opening phrase, else the body the text is about (a SCIC's
    colleges are of its members)."""
    doc = index.doc
    words = [t for t in doc[sent.start:min(sent.end, sent.start + _HEADING_WORDS)] if not t.is_space]
    if len(words) < 3 or words[0].lower_ not in _STRUCTURE_OPENERS:
        return
    noun = next((t for t in words[1:4] if t.pos_ == "NOUN" and t.lower_ not in ("sein",)), None)
    if noun is None or noun.lemma_.lower() not in lexicon.STRUCTURE_NOUNS or noun.lower_ in ("membres", "membre"):
        return
    comma = next((t.i for t in doc[noun.i:sent.end] if t.text == "," or finite(t)), None)
    if comma is None:
        return
    named = [m for m in index.within(noun.i, comma) if m.target_type == "actor" and not m.person]
    members = [m for m in index.within(comma, sent.end) if m.target_type == "actor"]
    first = members[0] if members else None
    body = named[-1] if named else index.speaker()
    if first is None or body is None:
        return
    for member in list_from(index, first, sent.end):
        yield Found(member, "MEMBER_OF", body, " ".join(t.text for t in words[:3]), "context")
