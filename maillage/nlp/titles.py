"""The title block of a document, read from its text alone (no model: the process that writes uses it).

Definition: the *title block* of a text is its first non-blank lines (at most :data:`TITLE_LINES`),
up to the first that is a sentence: a line that ends with ".", ";" or "!", or is longer than
:data:`TITLE_CHARS` characters. A text of one line has none. The body a document is about is the
organisation its title block names (:mod:`maillage.nlp.links.subject`).
"""
from __future__ import annotations

#: Title lines longer than this (in characters) are sentences, not titles.
TITLE_CHARS = 300
#: Lines of a title block at most (a title, a subtitle, a date line, a headline).
TITLE_LINES = 4


def title_lines(text: str) -> list[str]:
    """The title block of ``text`` (module docstring), each line stripped."""
    lines: list[str] = []
    if "\n" not in text.strip():
        return lines
    for line in text.strip().split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) > TITLE_CHARS or line.endswith((".", ";", "!")) or len(lines) == TITLE_LINES:
            break
        lines.append(line)
    return lines


def is_heading_line(line: str, max_words: int) -> bool:
    """Whether a line is a heading (« Nos partenaires », « Adhérents 2026 »): one to ``max_words`` words,
    without final punctuation."""
    line = line.strip()
    return 0 < len(line.split()) <= max_words and line[-1] not in ".;:!?,"
