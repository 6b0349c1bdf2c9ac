"""The evidence of an actor's links as safe HTML: each proving sentence once, with every link it proves.

A sentence is shown once per document even when it proves several links; the names of the ends of
those links (and their aliases) and the cues that fired are highlighted on word boundaries. A
sentence taken from a PDF may carry the heading above it (a line break inside the sentence): only
the lines from the first to the last that name an end of the links are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from maillage.graph import taxonomy
from maillage.graph.curation import CURATION_DOCUMENT
from maillage.graph.model import Graph, Link
from maillage.dashboard import cards, labels, safe_html


def document_label(graph: Graph, document_id: str) -> str:
    """A document as users know it: its title, else its file name, else the start of its id (plain text)."""
    document = graph.documents.get(document_id)
    if document is None:
        return "correction manuelle" if document_id == CURATION_DOCUMENT else document_id[:12]
    return document.title or document.path.rsplit("/", 1)[-1] or document_id[:12]


def link_terms(graph: Graph, link: Link) -> list[str]:
    """The words to highlight in a sentence proving ``link``: names and aliases of both ends."""
    terms: list[str] = []
    for end in (link.source, link.target):
        actor = graph.actors.get(end)
        if actor is not None:
            terms += [actor.name, *actor.aliases]
    return terms


def trimmed(sentence: str, terms: list[str]) -> str:
    """The sentence without the heading lines glued before (or after) it: the lines from the first to the
    last one holding a term; the whole sentence when no line does."""
    lines = [line.strip() for line in sentence.splitlines() if line.strip()]
    holding = [i for i, line in enumerate(lines) if safe_html.spans(line, terms)]
    if not holding:
        return " ".join(lines)
    return " ".join(lines[holding[0]:holding[-1] + 1])


@dataclass
class Quote:
    """One proving sentence of a document, and every link of the actor it proves."""

    document: str
    sentence: str
    page: int | None
    method: str
    confidence: float
    cues: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def quotes(links: list[Link]) -> list[Quote]:
    """The distinct sentences proving ``links`` (one per document and sentence), best confidence first."""
    found: dict[tuple[str, str], Quote] = {}
    for link in links:
        for e in link.evidence:
            if not e.sentence:
                continue
            quote = found.setdefault((e.document, e.sentence),
                                     Quote(e.document, e.sentence, e.page, e.method, e.confidence))
            quote.confidence = max(quote.confidence, e.confidence)
            if e.cue and e.cue not in quote.cues:
                quote.cues.append(e.cue)
            if link not in quote.links:
                quote.links.append(link)
    return sorted(found.values(), key=lambda q: (-q.confidence, q.document, q.sentence))


#: Most characters of a sentence quoted in a tooltip.
SHORT_QUOTE = 200


def short_quote(graph: Graph, link: Link, limit: int = SHORT_QUOTE) -> str:
    """The best proving sentence of ``link`` (highest confidence), without the heading lines glued to it
    (:func:`trimmed`), cut after at most ``limit`` characters at a word boundary with « … »; empty when no
    evidence has a sentence. Plain text: the caller escapes it for its sink."""
    best = max((e for e in link.evidence if e.sentence), key=lambda e: e.confidence, default=None)
    if best is None:
        return ""
    sentence = trimmed(best.sentence, link_terms(graph, link))
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:limit]
    return cut.rstrip(" ,;:") + " …"


def node_name(graph: Graph, node: str) -> str:
    """The name of a link's end: an actor, a territory or a service (plain text)."""
    actor = graph.actors.get(node)
    return actor.name if actor else (graph.territories[node].name if node in graph.territories
                                     else taxonomy.SERVICES.get(node, node))


def sentence_of(graph: Graph, link: Link) -> str:
    """A link as a French sentence between the names of its ends (plain text)."""
    return labels.link_sentence(node_name(graph, link.source), link.kind, node_name(graph, link.target))


def sentence_html(graph: Graph, link: Link, seen_from: str) -> str:
    """A link as a French sentence in HTML, the end other than ``seen_from`` a link to its page when it is an actor."""
    def end(node: str) -> str:
        if node != seen_from and node in graph.actors:
            return cards.actor_anchor(node, graph.actors[node].name)
        return safe_html.text(node_name(graph, node))
    return f"{end(link.source)} {safe_html.text(labels.link_verb(link.kind))} {end(link.target)}"


def quote_html(graph: Graph, quote: Quote) -> str:
    """A quote as HTML: where it comes from, the sentence with names and cues marked, the links it proves."""
    where = document_label(graph, quote.document)
    if quote.page:
        where += f", p. {quote.page}"
    method = taxonomy.METHODS.get(quote.method, quote.method)
    meta = safe_html.text(f"{where} — {method}, confiance {labels.decimal(quote.confidence)}")
    names = [t for link in quote.links for t in link_terms(graph, link)]
    sentence = trimmed(quote.sentence, names)
    proves = " ; ".join(sentence_of(graph, link) for link in quote.links)
    return (f'<div style="margin:0 0 .7em 0;font-size:.92em"><span style="color:#555">{meta}</span><br>'
            f'« {safe_html.highlight(sentence, names + quote.cues)} »<br>'
            f'<span style="color:#555;font-size:.9em">établit : {safe_html.text(proves)}</span></div>')
