"""Turning untrusted text (names, aliases, sentences from documents) into safe HTML and Markdown.

Every string that comes from a document or an import is untrusted. Two sinks exist in the dashboard:

- HTML given to ``st.html`` (evidence, legends, roster cards): :func:`text` escapes it, and
  :func:`highlight` escapes each piece of a sentence before wrapping the highlighted parts in ``<mark>``.
- Markdown given to ``st.markdown``, ``st.subheader``, ``st.page_link`` labels: :func:`md` escapes
  both HTML and Markdown syntax so a name renders literally.
"""
from __future__ import annotations

import html
import re
from typing import Iterable

#: Characters with a meaning in Markdown (CommonMark punctuation that can start or end a construct).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:$])")
_WORD = re.compile(r"\w")


def text(value: object) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped."""
    return html.escape("" if value is None else str(value), quote=True)


def md(value: object) -> str:
    """``value`` as literal Markdown text: HTML escaped, then every Markdown punctuation backslash-escaped."""
    escaped = html.escape("" if value is None else str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def spans(sentence: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``sentence`` where any of ``terms`` occurs as whole words (case-insensitive),
    longest terms first; a term without any letter or digit (a lone comma) is never highlighted."""
    taken: list[tuple[int, int]] = []
    wanted = {t.strip().lower() for t in terms if t and _WORD.search(t)}
    for term in sorted(wanted, key=len, reverse=True):
        for found in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", sentence, re.IGNORECASE):
            start, end = found.span()
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
    return sorted(taken)


def highlight(sentence: str, terms: Iterable[str]) -> str:
    """The sentence as HTML, each occurrence of ``terms`` wrapped in ``<mark>``; every piece is escaped first."""
    out: list[str] = []
    position = 0
    for start, end in spans(sentence, terms):
        out.append(text(sentence[position:start]))
        out.append(f"<mark>{text(sentence[start:end])}</mark>")
        position = end
    out.append(text(sentence[position:]))
    return "".join(out)
