"""The evidence of a link as safe HTML: which document, which page, which sentence, what was found.

Each sentence is escaped piece by piece and the names of both ends of the link (and their aliases)
and the cue that fired are highlighted with ``<mark>``.
"""
from __future__ import annotations

from maillage.graph import taxonomy
from maillage.graph.curation import CURATION_DOCUMENT
from maillage.graph.model import Evidence, Graph, Link
from maillage.dashboard import labels, safe_html


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


def evidence_item(graph: Graph, link: Link, evidence: Evidence) -> str:
    """One piece of evidence as an HTML list item."""
    where = document_label(graph, evidence.document)
    if evidence.page:
        where += f", p. {evidence.page}"
    method = taxonomy.METHODS.get(evidence.method, evidence.method)
    meta = safe_html.text(f"{where} — {method}, confiance {labels.decimal(evidence.confidence)}")
    sentence = evidence.sentence or "(pas de phrase : lien importé ou ajouté à la main)"
    terms = link_terms(graph, link) + ([evidence.cue] if evidence.cue else [])
    quote = safe_html.highlight(sentence, terms if evidence.sentence else [])
    return f'<li><span style="color:#555">{meta}</span><br>« {quote} »</li>'


def evidence_html(graph: Graph, link: Link) -> str:
    """Every piece of evidence of a link, best confidence first, as an HTML list."""
    items = sorted(link.evidence, key=lambda e: -e.confidence)
    return ('<ul style="margin:0 0 .6em 1em;padding:0;font-size:.92em">'
            + "".join(evidence_item(graph, link, e) for e in items) + "</ul>")
