"""Safe repair of text extracted from French PDFs and scans, with an offset map back to the original.

``repair(text)`` applies a fixed sequence of substitutions, each one safe on its
own: broken encodings (ftfy, line by line), ligatures, page numbers alone on a
line, hyphenation at line ends, line breaks inside a paragraph, markdown marks left
by converters, and the regular OCR confusions of French scans ("I'" read for "l'",
"Pdle" for "Pôle", "¢" for "é", "ç" read as "g", capital accents lost, "0" for "O"
and "l" for "I" inside acronyms). Every output character knows the original character it comes from,
so evidence found in the repaired text is reported on the original text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import ftfy

Replacement = str | Callable[[re.Match], str]


@dataclass(frozen=True)
class Repaired:
    """A repaired text and, for each of its positions (and its end), the position in the original text."""

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the repaired span ``[start, end)`` comes from."""
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if end == start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def _substitute(text: str, offsets: list[int], pattern: re.Pattern, repl: Replacement) -> tuple[str, list[int]]:
    """Apply one substitution and carry the offset map along.

    ``offsets`` has one entry per character of ``text`` plus one for its end. A
    replacement that is one of the match's groups maps onto that group, one of the
    same length maps character to character; otherwise every new character maps
    into the matched span (the last ones on its last character).
    """
    out: list[str] = []
    out_offsets: list[int] = []
    last = 0
    for match in pattern.finditer(text):
        new = repl(match) if callable(repl) else match.expand(repl)
        start, end = match.span()
        out.append(text[last:start])
        out_offsets.extend(offsets[last:start])
        width = end - start
        group = next((k for k in range(1, (match.re.groups or 0) + 1) if match.group(k) == new), None)
        if group is not None:
            start, width = match.start(group), len(new)
        for i in range(len(new)):
            out_offsets.append(offsets[start + min(i, width - 1)] if width else offsets[start])
        out.append(new)
        last = end
    if not out:
        return text, offsets
    out.append(text[last:])
    out_offsets.extend(offsets[last:])  # includes the end entry
    return "".join(out), out_offsets


def _fix_encoding(match: re.Match) -> str:
    """Repair mojibake in one line with ftfy; keep the line when ftfy changes nothing."""
    return ftfy.fix_text(match.group(0), normalization="NFC", uncurl_quotes=False)


#: Words that OCR of French scans regularly damages, and their repaired form.
_OCR_WORDS = {
    "Pdle": "Pôle", "Pdles": "Pôles", "pdle": "pôle", "pdles": "pôles",
    "Péle": "Pôle", "Péles": "Pôles", "péle": "pôle", "péles": "pôles",
    "Pole": "Pôle", "Poles": "Pôles", "pole": "pôle", "poles": "pôles",
    "Besangon": "Besançon", "Francais": "Français", "francais": "français",
    "Francaise": "Française", "francaise": "française", "recoit": "reçoit",
    "facon": "façon", "Alencon": "Alençon",
}

#: Capitalised words whose initial É is regularly printed or read as a plain E.
_CAPITAL_E = re.compile(
    r"\bE(?=(?:cole|coles|tat|tats|nergie|galit[eé]|conomi\w*|tablissement\w*|tude\w*|lectricit\w*"
    r"|quipe\w*|valuation\w*|quipement\w*|pargne|dition\w*|lu|lus|lue|lues|missions?)\b)"
)

_STEPS: tuple[tuple[re.Pattern, Replacement], ...] = (
    # Broken encodings, one line at a time (only lines with a typical mojibake character).
    (re.compile(r"^.*[ÃÂâ€][^\n]*$", re.M), _fix_encoding),
    # Typographic ligatures.
    (re.compile("ﬁ"), "fi"), (re.compile("ﬂ"), "fl"), (re.compile("ﬀ"), "ff"),
    (re.compile("ﬃ"), "ffi"), (re.compile("ﬄ"), "ffl"),
    # Markdown left by converters: links "[text](target)" keep their text, emphasis marks go.
    (re.compile(r"\[([^\]\n]{1,300})\]\([^)\s]*\)"), r"\1"),
    (re.compile(r"(?<![*\w])\*{1,2}(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*{1,2}(?![*\w])"), r"\1"),
    # Page furniture: a page number alone on its line ("12", "- 12 -", "Page 12", "12 / 40").
    (re.compile(r"^[ \t]*(?:[-–—][ \t]*)?(?:[Pp]age[ \t]+)?\d{1,4}(?:[ \t]*/[ \t]*\d{1,4})?(?:[ \t]*[-–—])?[ \t]*$",
                re.M), ""),
    # Hyphenation at a line end before a lower-case letter: the word is joined.
    (re.compile(r"(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*(?=[a-zà-ÿ])"), ""),
    # A compound split after its hyphen before a capital keeps the hyphen ("Puisaye-\nForterre").
    (re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[A-ZÀ-Ý])"), "-"),
    # "I'" (capital i) never starts a French word: it is "l'" ("I'agence", "I’'environnement").
    (re.compile(r"(?<![A-Za-zÀ-ÿ])I['’]{1,2}(?=[A-Za-zÀ-ÿ])"), "l'"),
    # "I" read for "l" before a vowel that cannot follow a capital I in French ("Iégislation", "Ies").
    (re.compile(r"\bI(?=[éèêaeouy][a-zà-ÿ]*\b)"), "l"),
    # Doubled apostrophes after an elision ("d'’", "l’'").
    (re.compile(r"(?<=\b[dlnsjcDLNSJC])['’]{2}"), "'"),
    # "¢" is an "é" (or "ç" in "¢’est") read by OCR.
    (re.compile(r"(?<=[a-zà-ÿ])¢"), "é"), (re.compile(r"\b¢(?=['’]est)"), "c"),
    # Known damaged words.
    (re.compile(r"\b(" + "|".join(sorted(_OCR_WORDS, key=len, reverse=True)) + r")\b"),
     lambda m: _OCR_WORDS[m.group(1)]),
    (_CAPITAL_E, "É"),
    # Acronyms: "0" read for "O" ("0ZON"), final "l" read for "I" ("CCl").
    (re.compile(r"\b0(?=[A-Z]{2,}\b)"), "O"), (re.compile(r"(?<=[A-Z])0(?=[A-Z])"), "O"),
    (re.compile(r"\b([A-Z]{2,})l\b"), r"\1I"),
)

#: A single line break inside a paragraph (unless :func:`_join_line` finds a heading before it): the previous line does not end a sentence,
#: and either it is long (wrapped text) or the next line goes on in lower case; a next line
#: that starts with a capitalised label and a colon ("Vice-présidente : A") is a line of its own, and
#: so is a row of a table whose cells a tab or a pipe separates ("Siège\tVille", "Siège | Ville").
_LINE_JOIN = re.compile(r"(?<=[^\s.:;!?])[ \t]*\n(?=[ \t]*[a-zà-ÿ(])"
                        r"|(?<=[^\n]{30}[^\s.:!?])\n(?=[ \t]*[^\s\-•–—])(?![ \t]*[A-ZÀ-Ý][^:\n]{0,30}?[ \t]*:)"
                        r"(?![^\n\t|]+[\t|])")


#: A line longer than this, after a line less than half its length, is a paragraph of its own (web or
#: word-processor text), not the rest of a line wrapped at a page's width.
PARAGRAPH_CHARS = 200


#: A line of at most this many words, capitalised and without punctuation but in its words, is a heading.
HEADING_WORDS = 4
#: Marks that open a list item.
_BULLETS = frozenset({"-", "–", "—", "•", "*", "▪", "·", "►", "▸"})
#: Words that end a line wrapped in the middle of a name ("Communauté de communes du Val de").
_WRAPPING_WORDS = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "à", "au", "aux", "en",
                             "sur", "pour", "par"})


def _is_heading(line: str, before: str) -> bool:
    """Whether ``line`` is a heading after the list item ``before``: ``before`` starts with a bullet or a dash
    and does not end on a word that wraps a name ("de", "et"); ``line`` is a few words
    (:data:`HEADING_WORDS`), the first capitalised, with no punctuation but hyphens and apostrophes."""
    words, previous = line.split(), before.split()
    return (bool(previous) and previous[0] in _BULLETS and previous[-1].lower() not in _WRAPPING_WORDS
            and 0 < len(words) <= HEADING_WORDS and line.strip()[:1].isupper()
            and not any(c in ".,;:!?()" for c in line) and line.strip()[-1] not in "-–")


def _join_line(match: re.Match) -> str:
    """A space for a line break inside a paragraph (:data:`_LINE_JOIN`), unless the line before it is a
    heading: all in capitals ("FONDATION TEKMO POUR L'EMPLOI"), or followed by a paragraph line more than
    twice its length and longer than :data:`PARAGRAPH_CHARS` (a title above the text of a web page); or
    unless the line before is a list item and the next one a heading (:func:`_is_heading`: "Gouvernance"
    after the last item of a list on a web page, whose blocks come one a line)."""
    text, at = match.string, match.start()
    line = text[text.rfind("\n", 0, at) + 1:at]
    end = text.find("\n", match.end())
    following = text[match.end():end if end >= 0 else len(text)]  # the next line only, not a copy of the rest
    letters = [c for c in line if c.isalpha()]
    if (len(letters) > 1 and all(c.isupper() for c in letters)) or (
            len(following) > PARAGRAPH_CHARS and len(following) > 2 * len(line.strip())) or _is_heading(following, line):
        return match.group(0)
    return " "


def repair(text: str) -> Repaired:
    """Repair ``text`` (see the module docstring) and keep the map to the original positions."""
    offsets = list(range(len(text) + 1))
    current = text
    for pattern, repl in (*_STEPS, (_LINE_JOIN, _join_line)):
        current, offsets = _substitute(current, offsets, pattern, repl)
    return Repaired(current, tuple(offsets))
