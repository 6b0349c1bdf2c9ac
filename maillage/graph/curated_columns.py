"""The decisions applied to the columns of the raw folded graph, through the objects they name only.

:func:`~maillage.graph.curation.apply_decisions` only ever touches the actors a decision names (through
merges, the ids they resolve to are named too) and the links with such an actor at one end: it drops and
replaces them in place, and adds new links after every other. So the curated columns are the raw ones
with that part replaced: the named actors and their incident links (evidence read from the store, sentences
included, since two pieces of evidence are the same only when all their fields are) go through
``apply_decisions`` with a marker link at their end; what comes out before the marker is put back in
place, what comes after it (links moved or added) goes after every other link, and what does not come
out is dropped. Evidence rows of the links that went through come after the others.
"""
from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.columnar import actors_from_table, actors_table
from maillage.graph.curation import Decision, apply_decisions
from maillage.graph.folding import ENDS, EVIDENCE_COLUMNS, LINK_COLUMNS, FoldState, Places, rows_of, territory_list
from maillage.graph.model import Evidence, Graph, Link, Programme
from maillage.graph.stores.cypher import TARGET_LABELS

#: A link no decision can name: what comes after it was added by the decisions.
MARKER = Link("\x00", "\x00", "\x00", [], "service")
#: Link rows (evidence whole) from some sources, for the links that go through the decisions.
EVIDENCE_FROM = {target_type: (f"MATCH (a:Actor)-[l:LINK]->(b:{label}) WHERE a.id IN $ids RETURN l.doc AS doc, "
                               "a.id AS source, l.kind AS kind, b.id AS target, l.sentence AS sentence, "
                               "l.confidence AS confidence, l.detail AS detail")
                 for target_type, label in TARGET_LABELS.items()}


def named_actors(decisions: list[Decision]) -> list[str]:
    """Every actor id a decision names (as actor, source or target)."""
    return sorted({str(d.params[key]) for d in decisions for key in ("actor", "source", "target")
                   if key in d.params})


def curate(state: FoldState, places: Places, decisions: list[Decision], store) -> FoldState:
    """The curated graph (actors, links, evidence, ends) of the raw ``state`` (see the module docstring)."""
    if not decisions:
        return state
    named = pa.array(named_actors(decisions), pa.string())
    actor_rows = np.flatnonzero(pc.is_in(state.actors.column("id"), value_set=named).to_numpy(zero_copy_only=False))
    links = state.links
    incident = pc.or_(pc.is_in(links.column("source"), value_set=named),
                      pc.and_(pc.is_in(links.column("target"), value_set=named),
                              pc.equal(links.column("target_type"), "actor")))
    link_rows = np.flatnonzero(incident.to_numpy(zero_copy_only=False))
    graph = Graph(actors={a.id: a for a in actors_from_table(state.actors.take(pa.array(actor_rows)))},
                  territories={t.id: t for t in territory_list(places.territories)},
                  programmes={row["id"]: Programme(**row) for row in places.programmes.to_pylist()})
    graph.links = _links_with_evidence(store, places, links.take(pa.array(link_rows)))
    graph.links[MARKER.key] = MARKER
    curated = apply_decisions(graph, decisions)
    return _spliced(state, actor_rows, link_rows, curated)


def _links_with_evidence(store, places: Places, chosen: pa.Table) -> dict:
    """These links as objects, in order, with their evidence read from the store (as ``store.read()`` does)."""
    result = {(s, k, t): Link(s, k, t, [], tt) for s, k, t, tt in zip(*(chosen.column(c).to_pylist()
                                                                        for c in LINK_COLUMNS.names))}
    sources = pc.unique(chosen.column("source")).to_pylist()
    if not sources:
        return result
    rows = pa.concat_tables([store._table(EVIDENCE_FROM[t], {"ids": sources}) for t in TARGET_LABELS])
    numbers = places.documents.column("num").combine_chunks()
    rows = rows.filter(pc.and_(pc.is_in(rows.column("doc"), value_set=numbers), pc.is_valid(rows.column("confidence"))))
    rows = rows.take(pc.sort_indices(rows, sort_keys=[("doc", "ascending")]))
    documents = dict(zip(numbers.to_pylist(), places.documents.column("id").to_pylist()))
    shared: dict = {}
    for doc, source, kind, target, sentence, confidence, detail in zip(*(rows.column(c).to_pylist() for c in (
            "doc", "source", "kind", "target", "sentence", "confidence", "detail"))):
        link = result.get((source, kind, target))
        if link is not None:
            key = (doc, sentence, confidence, detail)
            if key not in shared:
                shared[key] = Evidence(documents[doc], sentence or "", confidence=confidence,
                                       **(json.loads(detail) if detail else {}))
            link.evidence.append(shared[key])
    return result


def _spliced(state: FoldState, actor_rows: np.ndarray, link_rows: np.ndarray, curated: Graph) -> FoldState:
    """The raw columns with the named part replaced by what the decisions made of it."""
    ids = state.actors.column("id")
    named_ids = ids.take(pa.array(actor_rows)).to_pylist()
    kept_actor = np.ones(state.actors.num_rows, bool)
    kept_actor[actor_rows[[i not in curated.actors for i in named_ids]]] = False
    updated = actors_table(curated.actors[i] for i in named_ids if i in curated.actors)
    take = np.arange(state.actors.num_rows)
    take[actor_rows[[i in curated.actors for i in named_ids]]] = state.actors.num_rows + np.arange(updated.num_rows)
    actors = pa.concat_tables([state.actors, updated]).take(pa.array(take[kept_actor])).combine_chunks()
    keys = list(curated.links)
    marker = keys.index(MARKER.key)
    placed = {key: curated.links[key] for key in keys[:marker]}
    added = [curated.links[key] for key in keys[marker + 1:]]
    chosen = state.links.take(pa.array(link_rows))
    sub_keys = list(zip(*(chosen.column(c).to_pylist() for c in ("source", "kind", "target"))))
    kept_link = np.ones(state.links.num_rows, bool)
    kept_link[link_rows[[k not in placed for k in sub_keys]]] = False
    link_map = np.cumsum(kept_link) - 1
    base = state.links.filter(pa.array(kept_link))
    new_links = pa.table({c: [getattr(link, c) for link in added] for c in LINK_COLUMNS.names}, schema=LINK_COLUMNS)
    links = pa.concat_tables([base, new_links]).combine_chunks()
    through = [(int(link_map[row]), placed[key]) for row, key in zip(link_rows, sub_keys) if key in placed]
    through += [(base.num_rows + i, link) for i, link in enumerate(added)]
    raw_evidence = state.evidence
    touched = np.zeros(state.links.num_rows, bool)
    touched[link_rows] = True
    raw_evidence = raw_evidence.filter(pa.array(~touched[raw_evidence.column("link").to_numpy()]))
    evidence = pa.concat_tables([
        raw_evidence.set_column(0, "link", pa.array(link_map[raw_evidence.column("link").to_numpy()])),
        pa.table({"link": [row for row, link in through for _ in link.evidence],
                  "document": [e.document for _, link in through for e in link.evidence],
                  "method": [e.method for _, link in through for e in link.evidence],
                  "confidence": [e.confidence for _, link in through for e in link.evidence]}, schema=EVIDENCE_COLUMNS)
    ]).combine_chunks()
    actor_map = np.cumsum(kept_actor) - 1
    actor_map[~kept_actor] = -1
    old_ends = state.ends.filter(pa.array(kept_link))
    source, target = (np.r_[np.where(e >= 0, actor_map[np.maximum(e, 0)], -1), np.full(len(added), -1)]
                      for e in (old_ends.column("source").to_numpy(), old_ends.column("target").to_numpy()))
    placed_rows = [row for row, _ in through]
    if placed_rows:  # ends of the links that went through: looked up in the curated actors
        chosen = links.take(pa.array(placed_rows))
        source[placed_rows] = rows_of(chosen.column("source"), actors.column("id"))
        target[placed_rows] = np.where(pc.equal(chosen.column("target_type"), "actor").to_numpy(zero_copy_only=False),
                                       rows_of(chosen.column("target"), actors.column("id")), -1)
    return FoldState(actors, links, evidence, pa.table({"source": source, "target": target}, schema=ENDS),
                     state.actor_docs, state.link_docs, state.doc_nums)

