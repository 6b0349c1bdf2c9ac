"""The body a document is about, and the words that designate it.

Definition: the *subject* of a document is the organisation its title block names. The title
block is made of the first non-blank lines of the text before the first one that is a sentence
(:func:`maillage.nlp.titles.title_lines`; a one-line text has none). A chunk of a long document
after the first starts with the document's title block (:class:`maillage.nlp.DocumentChunks`), so
every chunk reads the same subject. The subject is, among
the organisations of ``doc._.actors`` (not people, not governance bodies), the one whose folded
name (or an alias) occurs first in the first line of the block that names one, the longest on a tie
("ATELIERS DU VAL", "Morlanges. La SCIC X relance ...", "COMMUNIQUÉ DE PRESSE" then a headline that
names the body); a block of headings only ("RAPPORT D'ACTIVITÉ") gives no subject. A branch of a body named in the block
(:func:`maillage.nlp.branches.title_branches`, "CMA du Val – Antenne de Montclar": an organisation whose name
starts with a branch noun and ends with the name of another organisation of the same line) is the subject
before its body: the document is the branch's. So is a regional branch that a title line names by its
body and a region after a spaced dash ("Convention X – Bretagne" for "CX Bretagne" named in the text). Web pages, press items, encyclopaedia articles, foundation pages and
monographs are about one body named so, then refer to it without its name.

:func:`subject_mentions` reads, once the subject is known:

- its *names*: each occurrence of its name or aliases in the text that no mention covers (the
  model tags a body's name in one sentence and not in the next, nor in capitals);
- its *designations*: a definite article or a first-person possessive, then a designation noun
  (:data:`DESIGNATION_NOUNS`: "le pôle", "l'association", "la Fondation", "le club", "notre
  réseau"; a branch noun, "l'antenne", only when it opens the subject's name) that no name continues ("la Fondation de France", "le pôle IAR" are other bodies) nor an
  adjective ("le cluster régional" is any regional cluster). A
  designation is the subject's when its noun is the first word of the subject's name, or when no
  other body that the noun can designate (its name starts with the noun, or its kinds are the
  noun's) is named within :data:`ANTECEDENT_TOKENS` tokens before it; an anaphor the actor
  component resolved to another body is given to the subject under the same rule.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from maillage.nlp import cues as lexicon
from maillage.nlp.branches import FOLDED_BRANCH_NOUNS
from maillage.nlp.acronyms import abbreviates
from maillage.nlp.lexicon import ANAPHORS, REGIONS, fold
from maillage.nlp.links.mentions import CONFIDENCE, Mention
from maillage.nlp.title_names import PARTS
from maillage.nlp.titles import title_lines

#: Nouns that designate a body without its name (folded).
DESIGNATION_NOUNS = frozenset(ANAPHORS) | frozenset(fold(n) for n in lexicon.DESIGNATED_KINDS) | frozenset({
    "reseau", "club", "chapitre", "groupement", "federation", "technopole", "incubateur", "structure"}) \
    | FOLDED_BRANCH_NOUNS
#: Designation nouns that designate only a subject whose name they open ("l'antenne", "la délégation").
OPENING_ONLY = FOLDED_BRANCH_NOUNS - frozenset(ANAPHORS) - frozenset(fold(n) for n in lexicon.DESIGNATED_KINDS)
#: Words before a designation noun that make it definite ("le pôle", "du club", "notre réseau").
DETERMINERS = frozenset({"le", "la", "l", "du", "au", "notre"})
#: How far back (in tokens) another body the noun can designate takes the designation from the subject.
ANTECEDENT_TOKENS = 40
#: Kinds that are not the body a document is about.
_NOT_SUBJECT = frozenset({"personne", "instance"})


def _folded_names(actor) -> list[str]:
    return [f for f in (fold(n) for n in (actor.name, *actor.aliases)) if len(f) > 2]


def _branch_of(actor, others: list[str]) -> bool:
    """Whether ``actor`` is named as a branch of one of the ``others`` (folded names): a branch noun, then
    words, then one of those names."""
    name = fold(actor.name)
    words = name.split()
    return bool(words) and words[0] in FOLDED_BRANCH_NOUNS and any(name.endswith(f" {other}") for other in others)


def document_subject(doc: Doc) -> str | None:
    """The key of the subject of ``doc`` (module docstring), or None."""
    return _title_subject(doc)[0]


def regional_whole(doc: Doc) -> str | None:
    """The key of the body whose regional branch the subject of ``doc`` is, when its title line names the body
    and a region ("Convention X – Bretagne": the subject "CX Bretagne" is part of "Convention X"), else None."""
    return _title_subject(doc)[1]


def _title_subject(doc: Doc) -> tuple[str | None, str | None]:
    """(subject, the body it is the regional branch of, or None), read once per doc."""
    found = doc.user_data.get("maillage_subject")
    if found is None:
        found = doc.user_data["maillage_subject"] = _read_subject(doc)
    return found


def _read_subject(doc: Doc) -> tuple[str | None, str | None]:
    """(subject, whole) of :func:`_title_subject`."""
    actors = doc._.actors or {}
    for line in title_lines(doc.text):
        title = f" {fold(line)} "
        hits: dict[str, tuple[int, int]] = {}
        for key, actor in actors.items():
            if actor.kinds[:1] and actor.kinds[0] in _NOT_SUBJECT:
                continue
            for name in _folded_names(actor):
                at = title.find(f" {name} ")
                if at >= 0 and (key not in hits or (at, -len(name)) < hits[key]):
                    hits[key] = (at, -len(name))
        named = [fold(actors[key].name) for key in hits]
        branches = [key for key in hits if _branch_of(actors[key], named)]
        if hits:
            best = min(branches or hits, key=lambda key: (hits[key], key))
            regional = _regional_branch(actors, best, line)
            return (regional, best) if regional else (best, None)
    return None, None


def _regional_branch(actors: dict, key: str, line: str) -> str | None:
    """The regional branch of the body ``key`` that a title line names after a spaced dash ("Convention X –
    Bretagne", "Convention X – Bretagne N° 7"): the organisation named by the body's name, or a short form of it, then that region ("CX
    Bretagne"); None if the line names no region so, or the text no such branch."""
    parts = [f"{fold(part)} " for part in PARTS.split(line)[1:]]
    regions = [region for region in REGIONS for part in parts if part.startswith(f"{region} ")]
    body = actors[key]
    for other, actor in actors.items():
        name = fold(actor.name)
        for region in regions:
            head = name[:-len(region)].strip() if name.endswith(f" {region}") else ""
            if other != key and head and any(head == fold(form) or abbreviates(head, form)
                                             for form in (body.name, *body.aliases)):
                return other
    return None


def _name_spans(doc: Doc, names: list[str]) -> list[tuple[int, int]]:
    """Token spans of every occurrence of one of ``names`` in the text (case and accents aside)."""
    spans = []
    for name in names:
        pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in name.split()) + r"(?!\w)"
        for match in re.finditer(pattern, _folded_text(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end))
    return spans


def _folded_text(doc: Doc) -> str:
    """The text lower-cased without accents, at the same offsets (one character per character)."""
    folded = doc.user_data.get("maillage_folded_text")
    if folded is None:
        folded = doc.user_data["maillage_folded_text"] = "".join((fold(c) or " ")[:1] if c.isalpha() else c
                                                                 for c in doc.text)
    return folded


def _continued(doc: Doc, i: int) -> bool:
    """Whether a name or an adjective continues the noun at ``i`` ("la Fondation de France", "le pôle IAR",
    "le club « X »", "le cluster régional")."""
    j = i + 1
    if j < len(doc) and doc[j].dep_ == "amod" and doc[j].head.i == i and doc[j].is_lower:
        return True
    if j < len(doc) and doc[j].lower_ in ("de", "du", "des", "d'", "d’"):
        j += 1 + (j + 1 < len(doc) and doc[j + 1].lower_ in ("la", "l'", "l’"))
    return j < len(doc) and (doc[j].text[:1].isupper() or doc[j].text in ("«", '"', "“"))


def designation_at(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a designation noun after a definite determiner, which no name continues."""
    if i == 0 or fold(doc[i].text) not in DESIGNATION_NOUNS or fold(doc[i - 1].text) not in DETERMINERS:
        return False
    return not _continued(doc, i)


def _designates(actor, noun: str) -> bool:
    """Whether ``noun`` can designate ``actor``: its name starts with the noun or its kinds are the noun's."""
    kinds = lexicon.DESIGNATED_KINDS.get(noun) or {ANAPHORS.get(fold(noun))} - {None}
    return fold(actor.name).split()[:1] == [fold(noun)] or bool(set(actor.kinds) & set(kinds))


def subject_mentions(doc: Doc, mentions: list[Mention], subject: str) -> list[Mention]:
    """The mentions of the document (in text order, without overlaps) with the subject's uncovered names
    and its designations added, and the anaphors that designate it given to it (module docstring)."""
    actors = doc._.actors
    actor = actors[subject]
    first_word = fold(actor.name).split()[0]
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    named = [m for m in mentions if m.confidence >= 1.0 and m.target_type == "actor" and m.key != subject]
    out = [m for m in mentions]
    subject_kinds = tuple(actor.kinds)
    for start, end in _name_spans(doc, _folded_names(actor)):
        if not any(k in at for k in range(start, end)):
            out.append(Mention(start, end, subject, "actor", False, subject_kinds, 1.0))
            at.update({k: out[-1] for k in range(start, end)})
    for token in doc:
        i = token.i
        if not designation_at(doc, i):
            continue
        noun = fold(token.text)
        if noun in OPENING_ONLY and noun != first_word:
            continue
        here = at.get(i)
        if here is not None and (here.confidence >= 1.0 or here.key == subject):
            continue
        rival = noun != first_word and any(
            0 < i - m.end <= ANTECEDENT_TOKENS and _designates(actors[m.key], token.lower_) for m in named)
        if rival:
            continue
        mention = Mention(i - 1, i + 1, subject, "actor", False, subject_kinds, CONFIDENCE["context"])
        if here is not None:
            out[out.index(here)] = replace(here, key=subject, kinds=subject_kinds)
        elif i - 1 not in at:
            out.append(mention)
            at.update({i - 1: mention, i: mention})
    out.sort(key=lambda m: m.start)
    return out
