"""What a document's title block says of the names of the body it is about.

A web page, a report or a newsletter opens with the name of its body, often in capitals or before
an apposition ("TEKMO POUR L'EMPLOI", "Valcrose Industries, le réseau des sous-traitants"), then
writes that name in running text where the statistical model cuts it or misses it.

Definitions (the title block is :func:`maillage.nlp.titles.title_lines`):
- *full name from the title*: a body's mention that a title line continues is the title line's
  name: when the text from the mention's start reads, case and accents aside, as a whole title
  line, and what the line adds to the mention is at most :data:`MAX_ADDED_WORDS` words with no
  punctuation but hyphens, apostrophes and a spaced dash ("Fondation Tekmo" followed by "pour
  l'emploi" under a title "FONDATION TEKMO POUR L'EMPLOI"), the mention grows to the line's length;
- *title name*: the capitalised words that open the first title line, or one of its parts between spaced
  dashes or pipes (a web page's "Nos partenaires – Les Ateliers X"), up to a punctuation mark or
  a lower-case word other than a name connector ("Valcrose Industries" in "Valcrose Industries, le
  réseau ..."; not the place of a dateline, "Lorvan. La SCIC ..."), are a body when no mention covers them, one of the words is
  neither a common word nor a function word ("Qui sommes-nous ?" names no one), and
  the text writes the same words again after the title block; the first part that names one.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from maillage.nlp.designations import NAME_CONNECTORS
from maillage.nlp.lexicon import fold
from maillage.nlp.names import in_dictionary
from maillage.nlp.titles import title_lines

MAX_ADDED_WORDS = 4
MAX_NAME_WORDS = 5
_ADDED = re.compile(r"[\w'’\- –]+")
#: What separates the parts of a title line: a spaced dash or a pipe ("Nos partenaires – Les Ateliers X").
PARTS = re.compile(r"\s+[–—|-]\s+")


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _title_block(doc: Doc) -> tuple[str, list[str]]:
    """The doc's text and title lines, computed once per doc (``doc.text`` joins every token anew)."""
    cached = doc.user_data.get("maillage_title_block")
    if cached is None:
        text = doc.text
        cached = doc.user_data["maillage_title_block"] = (text, title_lines(text))
    return cached


def full_name_from_title(span: Span) -> Span | None:
    """The mention ``span`` grown to the title line that continues it (module docstring), or None."""
    doc = span.doc
    name = _folded(span.text)
    text, lines = _title_block(doc)
    for line in lines:
        folded = _folded(line)
        if not folded.startswith(name + " ") or not _ADDED.fullmatch(line[len(span.text):].strip() or "-"):
            continue
        added = folded[len(name):].split()
        if len(added) > MAX_ADDED_WORDS:
            continue
        end = span.start_char + len(line)
        if end > len(text) or _folded(text[span.start_char:end]) != folded or (end < len(text) and text[end].isalnum()):
            continue
        grown = doc.char_span(span.start_char, end, label=span.label_, alignment_mode="expand")
        if grown is not None and grown.end > span.end:
            return grown
    return None


def title_name(doc: Doc, taken: set[int]) -> Span | None:
    """The body the first title line, or one of its parts, opens with (module docstring), or None."""
    lines = title_lines(doc.text)
    if not lines:
        return None
    start = doc.text.find(lines[0])
    title_end = doc.text.find(lines[-1], start) + len(lines[-1])
    rest = fold(doc.text[title_end:])
    at = start
    for part in PARTS.split(lines[0]):
        at = doc.text.find(part, at)
        found = _opening_name(doc, doc.char_span(at, at + len(part), alignment_mode="expand"), taken, rest)
        if found is not None:
            return found
        at += len(part)
    return None


def _opening_name(doc: Doc, first: Span | None, taken: set[int], rest: str) -> Span | None:
    """The capitalised words that open ``first`` when they name a body that ``rest`` (the folded text after
    the title block) names again (module docstring), or None."""
    if first is None:
        return None
    end = first.start
    while end < first.end and (doc[end].text[:1].isupper() or doc[end].lower_ in NAME_CONNECTORS
                               or doc[end].text in ("-", "'", "’")):
        end += 1
    while end > first.start and (doc[end - 1].lower_ in NAME_CONNECTORS or doc[end - 1].is_punct):
        end -= 1
    if end < first.end and doc[end].text in (".", "!", "?"):
        return None  # a dateline ("Lorvan. La SCIC ... relance ..."): a place before the headline
    span = doc[first.start:end]
    words = [t for t in span if t.is_alpha and t.lower_ not in NAME_CONNECTORS]
    if not words or len(words) > MAX_NAME_WORDS or any(i in taken for i in range(span.start, span.end)):
        return None
    if all(in_dictionary(t) or t.is_stop for t in words) or all(t.text.isupper() for t in words):
        return None  # common or function words ("Qui sommes-nous ?", "Nos partenaires"), a heading in capitals
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in _folded(span.text).split()) + r"(?!\w)"
    if not re.search(pattern, rest):
        return None
    return Span(doc, span.start, span.end, label="ORG")
