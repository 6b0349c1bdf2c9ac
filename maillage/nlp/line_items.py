"""Bodies named bare at the head of the lines of a vertical list or in the cells of a table.

A report, a web page or a results list often names its members, partners or winners one per line
("- Tekmo Systèmes (Lorvan)", "• Ferlis, atelier de découpe ...") or in a table column
("Bénéficiaire | Objet | Montant"), without any head noun the designations could read. The
statistical model misses most of these names, or takes a two-word one for a person's.

Definitions:
- a *vertical list* is a run of bulleted lines (:data:`maillage.nlp.cues.BULLETS`), blank lines
  between them allowed; its *heading* is the non-blank line just before the run. The *item* of a
  line is what follows the bullet (and an article) up to the first comma, semicolon, colon,
  parenthesis or spaced dash: "- Ferlis (Lorvan)" lists "Ferlis";
- in a table (:mod:`maillage.nlp.tables`), the items of a column are the cells of its rows below
  the header, split at semicolons; the column's heading is its header cell;
- an item is *name-like* when it is at most :data:`MAX_TOKENS` tokens, starts with a capital
  letter, ends with a capitalised word, holds no digit, and has at most
  :data:`MAX_LOWER_WORDS` lower-case words other than name connectors ("Traitements de surface
  Lorvan", not "Six sessions de deux jours");
- an item is *taken for a person* when the model read a person's name named bare (no civility,
  no function) whose first word is no given name ("Tekmo Lorvan");
- a list or a column *lists bodies* when its heading, or the heading of its section (a sub-heading's list:
  "Producteurs" under "Nos sociétaires", :func:`_bullet_runs`), holds a collective noun of bodies
  (:data:`maillage.nlp.bare_names.COLLECTIVE_HEADS`: "nos adhérents", "Bénéficiaire") and at most
  a third of its items are people (not counting those taken for a person), or when at least two of
  its items are bodies the text already names and at most half as many are people. Its name-like
  items that no mention covers, or that are taken for a person, are then bodies.

A list's heading may state its items' kind: its *heading kinds* are those of the singular of its first
noun (after a determiner) when that noun is the plural of a kind head and is not coordinated with
another noun ("Associations membres", "Nos coopératives adhérentes", not "Mutuelles et fondations")
in a heading of at most :data:`HEADING_WORDS` words.

A new body takes its own head kind, else its heading kinds, else the primary kind that the known
bodies of its list share, else the default kind. A body the text already names, whose own words give
no kind, also takes the heading kinds of the list where it is an item (:func:`listed_kinds`).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from maillage.nlp.bare_names import COLLECTIVE_HEADS, FOLDED_FUNCTIONS, LEADING_ARTICLES, PERSON
from maillage.nlp.cues import BULLETS
from maillage.nlp.designations import NAME_CONNECTORS
from maillage.nlp.kinds import DEFAULT_KIND, head_kinds, strip_article
from maillage.nlp.lexicon import CIVILITIES, CONCEPTS, COUNTRIES, PROGRAMMES, REGIONS, fold
from maillage.nlp.names import is_given_name
from maillage.nlp.tables import lines, split, tables
from maillage.nlp.titles import is_heading_line

MAX_TOKENS = 7
HEADING_WORDS = 4
MAX_LOWER_WORDS = 2
_BULLET_LINE = re.compile(r"[ \t]*[" + re.escape("".join(sorted(BULLETS))) + r"][ \t]+")
#: Where a bulleted line's item ends: a comma, semicolon, colon, parenthesis or a spaced dash.
_ITEM_END = re.compile(r",|;|:|\(| [-–—] ")
_DETERMINERS = frozenset({"nos", "les", "des", "ses", "leurs", "vos", "nouvelles", "nouveaux"})


def _bullet_runs(text: str) -> list[tuple[str, list[tuple[int, int]], str]]:
    """(heading, item character ranges, section heading) of each vertical list of the text; the section
    heading is the last heading line that announces bodies above the list's own heading, with only
    lists and short headings between them ("Nos sociétaires", then "Producteurs" and its list), else ""."""
    runs: list[tuple[str, list[tuple[int, int]], str]] = []
    heading, items, section = "", [], ""
    for start, end in lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        bullet = _BULLET_LINE.match(line)
        if bullet is None:
            if items:
                runs.append((heading, items, section))
            if _announces_bodies(line) and _is_heading(line):
                section = line
            elif not _is_heading(line):
                section = ""
            heading, items = line, []
            continue
        first = start + bullet.end()
        stop = _ITEM_END.search(text, first, end)
        items.append((first, stop.start() if stop else end))
    if items:
        runs.append((heading, items, section))
    return runs


def _is_heading(line: str) -> bool:
    """A heading line (:func:`~maillage.nlp.titles.is_heading_line`) of at most :data:`HEADING_WORDS` words
    plus two."""
    return is_heading_line(line, HEADING_WORDS + 2)


def _table_columns(text: str) -> list[tuple[str, list[tuple[int, int]], str]]:
    """(header cell, item character ranges, "") of each column of each table of the text."""
    return [(text[slice(*rows[0][j])], [item for row in rows[1:] for item in split(text, *row[j], ";")], "")
            for rows in tables(text) for j in range(len(rows[0]))]


def _item_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of an item, without spaces, leading articles and trailing punctuation."""
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    a, b = span.start, span.end
    while a < b and (doc[a].is_space or doc[a].lower_ in LEADING_ARTICLES):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].is_punct):
        b -= 1
    return doc[a:b] if a < b else None


def name_like(span: Span) -> bool:
    """Whether an item reads as a body's name (module docstring)."""
    words = [t for t in span if t.is_alpha]
    if not words or len(span) > MAX_TOKENS or not span[0].text[:1].isupper() or not words[-1].text[:1].isupper():
        return False
    if any(c.isdigit() for c in span.text) or any(t.is_punct and t.text not in ("-", "'", "’", "&", ".")
                                                   for t in span):
        return False
    if sum(t.is_lower and t.lower_ not in NAME_CONNECTORS for t in words) > MAX_LOWER_WORDS:
        return False
    folded = strip_article(fold(span.text))
    first = folded.split()[0] if folded else ""
    return bool(folded) and not (folded in REGIONS or folded in COUNTRIES or folded in CONCEPTS
                                 or folded in PROGRAMMES or first in FOLDED_FUNCTIONS or span[0].text in CIVILITIES)


def _announces_bodies(heading: str) -> bool:
    """Whether a heading holds a collective noun of bodies ("Parmi nos adhérents", "Bénéficiaire")."""
    for word in re.findall(r"[^\W\d_]+", fold(heading)):
        if (word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word) in COLLECTIVE_HEADS:
            return True
    return False


def heading_kinds(heading: str) -> tuple[str, ...]:
    """The kinds a list's heading gives its items (module docstring), or ()."""
    words = re.findall(r"[^\W\d_]+", heading.lower())
    if words and words[0] in _DETERMINERS:
        words = words[1:]
    if not words or len(words) > HEADING_WORDS or not words[0].endswith(("s", "x")) or len(words[0]) < 4:
        return ()
    if len(words) > 1 and words[1] in ("et", "ou"):
        return ()
    return head_kinds(words[0][:-1])


def listed_kinds(doc: Doc) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first token, end token, heading kinds) of each item of a list or column whose heading gives a kind."""
    found = []
    for heading, ranges, _ in _bullet_runs(doc.text) + _table_columns(doc.text):
        kinds = heading_kinds(heading)
        if kinds:
            found += [(span.start, span.end, kinds) for span in (_item_span(doc, a, b) for a, b in ranges)
                      if span is not None]
    return found


def _taken_for_person(doc: Doc, here: tuple[int, int], untitled: set[tuple[int, int]]) -> bool:
    """Whether the person's mention at ``here`` is named bare and starts with no given name ("Tekmo Lorvan")."""
    return here in untitled and not is_given_name(doc[here[0]])


def line_items(doc: Doc, kinds_at: dict[tuple[int, int], list[str]], taken: set[int],
               untitled: set[tuple[int, int]]) -> list[tuple[Span, list[str]]]:
    """The bare bodies at the head of list lines and in table cells (module docstring). ``kinds_at``
    maps the token range of each classified mention to its kinds, ``taken`` holds the tokens of all
    mentions, ``untitled`` the ranges of the people named without a civility or a function."""
    text = doc.text
    at = {i: r for r in kinds_at for i in range(*r)}
    found: list[tuple[Span, list[str]]] = []
    for heading, ranges, section in _bullet_runs(text) + _table_columns(text):
        items = [span for span in (_item_span(doc, a, b) for a, b in ranges) if span is not None]
        known = {at[i] for span in items for i in range(span.start, span.end) if i in at}
        bodies = [kinds_at[r] for r in known if kinds_at[r][0] != PERSON]
        people = [r for r in known if kinds_at[r][0] == PERSON and not _taken_for_person(doc, r, untitled)]
        if _announces_bodies(heading) or section:
            if len(items) < 2 or len(people) * 3 > len(items):
                continue
        elif len(bodies) < 2 or len(people) * 2 > len(bodies):
            continue
        if any(r not in untitled for r in people):
            continue
        primaries = {k[0] for k in bodies}
        shared = tuple(bodies[0]) if len(primaries) == 1 else ()
        for span in items:
            here = (span.start, span.end)
            if any(i in taken for i in range(*here)) and not _taken_for_person(doc, here, untitled):
                continue
            if name_like(span):
                body = Span(doc, span.start, span.end, label="ORG")
                found.append((body, list(head_kinds(span.text) or heading_kinds(heading) or shared or (DEFAULT_KIND,))))
    return found
