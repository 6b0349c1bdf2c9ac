"""Folding stored facts into the columns of :class:`~maillage.graph.folded.FoldedGraph`, document by document.

The raw folded graph is :func:`maillage.graph.facts.merge_batches` of every complete stored document, in
document order (``num``):

- an actor is its fact rows merged (:func:`~maillage.graph.facts.merge_actor_facts` when several documents
  state it), placed by its first statement: (document number, position in the document);
- a link is one (source, kind, target), placed by its first row: (document number, position among the
  document's link rows, these ordered by target type then as the document stated them: see
  :func:`read_links`), its target type that row's; its evidence is every stated row, in that order
  (document, method from ``detail``, ``"import"`` when absent, confidence).

:class:`FoldState` is that graph plus what lets it change without a refold: ``actor_docs`` (actor row,
document, position: one row per fact), ``link_docs`` (link row, document, position and target type of the
link's first row in that document) and ``doc_nums`` (document id and number). Two operations keep it equal
to the fold of the documents stored:

- :meth:`FoldState.append` of new documents (numbers above every folded one): their facts and link rows are
  read from the store (only the columns the fold needs: no sentence); their new actors and links go after
  the others; an actor they state again is merged anew from its stored facts, in place; evidence is added;
- :meth:`FoldState.remove` of documents: what they alone stated disappears, the actors they shared are merged
  anew from their remaining facts, and actors and links move to their new first statement.

A full fold is :meth:`FoldState.append` of every document to :meth:`FoldState.empty`.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, fields, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from maillage.graph.columnar import (ACTOR_SCHEMA, TARGET_TYPES, EndRows, actors_from_table, actors_table,
                                     partition_order)
from maillage.graph.facts import merge_actor_facts
from maillage.graph.model import Programme, Territory
from maillage.graph.stores.cypher import (DOCUMENTS, FACT_PROPERTIES, MENTIONED_PROGRAMMES, MENTIONED_TERRITORIES,
                                          PLACED_FACT_ROWS, TARGET_LABELS, programme_records, territory_records)

LINK_COLUMNS = pa.schema([("source", pa.string()), ("kind", pa.string()), ("target", pa.string()),
                          ("target_type", pa.string())])
#: ``document`` is dictionary-encoded: five million 64-character ids would weigh 320 MB.
EVIDENCE_COLUMNS = pa.schema([("link", pa.int64()), ("document", pa.dictionary(pa.int32(), pa.string())),
                              ("method", pa.string()), ("confidence", pa.float64())])
ACTOR_DOCS = pa.schema([("actor", pa.int64()), ("doc", pa.int64()), ("pos", pa.int64())])
LINK_DOCS = pa.schema([("link", pa.int64()), ("doc", pa.int64()), ("pos", pa.int64()),
                       ("target_type", pa.dictionary(pa.int32(), pa.string()))])
DOC_NUMS = pa.schema([("id", pa.string()), ("num", pa.int64())])
ENDS = pa.schema([("source", pa.int64()), ("target", pa.int64())])

_FACT_RETURN = ", ".join(f"f.`{p}` AS `{'id' if p == 'actor' else p}`" for p in FACT_PROPERTIES)
#: Fact rows of the documents from number ``$first`` on, and of the actors ``$ids``.
FACTS_FROM = f"MATCH (f:ActorFact) WHERE f.doc >= $first RETURN f.doc AS doc, f.pos AS pos, {_FACT_RETURN}"
FACTS_OF = f"MATCH (f:ActorFact) WHERE f.actor IN $ids RETURN f.doc AS doc, f.pos AS pos, {_FACT_RETURN}"
#: Link rows of the documents from number ``$first`` on, without their sentences: ends and the row itself
#: as LadybugDB numbers them (the row number orders a document's rows), or, on another store, the ends' ids.
LINK_ROWS = {target_type: (f"MATCH (a:Actor)-[l:LINK]->(b:{label}) WHERE l.doc >= $first RETURN l.doc AS doc, "
                           "offset(id(a)) AS source, l.kind AS kind, offset(id(b)) AS target, offset(id(l)) AS row, "
                           "l.confidence AS confidence, l.detail AS detail")
             for target_type, label in TARGET_LABELS.items()}
LINK_ROWS_BY_ID = {target_type: (f"MATCH (a:Actor)-[l:LINK]->(b:{label}) WHERE l.doc >= $first RETURN l.doc AS doc, "
                                 "a.id AS source, l.kind AS kind, b.id AS target, id(l) AS row, "
                                 "l.confidence AS confidence, l.detail AS detail")
                   for target_type, label in TARGET_LABELS.items()}
NODE_IDS = {label: f"MATCH (n:{label}) RETURN offset(id(n)) AS node, n.id AS id"
            for label in ("Actor", *TARGET_LABELS.values())}
#: Above this many actors to merge anew, their facts are found by reading every fact (one scan) rather
#: than by a list parameter.
IDS_BY_LIST = 5_000


def records_table(items, record_type) -> pa.Table:
    """Dataclass records as a table (its columns follow the dataclass, so new fields come along)."""
    rows = [asdict(item) for item in items]
    if rows:
        return pa.Table.from_pylist(rows)
    return pa.table({f.name: pa.array([], pa.string()) for f in fields(record_type)})


def territory_list(table: pa.Table) -> list[Territory]:
    """The territories of a territories table (nulls left to the dataclass defaults)."""
    return [Territory(**{k: v for k, v in row.items() if v is not None}) for row in table.to_pylist()]


def rows_of(column, ids) -> np.ndarray:
    """The row of each value of ``column`` in the id column ``ids`` (-1 when absent)."""
    if isinstance(ids, pa.ChunkedArray):  # a chunked value set is copied at each lookup
        ids = ids.combine_chunks()
    rows = pc.index_in(column, value_set=ids)
    return pc.fill_null(rows, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def codes_of(column) -> tuple[np.ndarray, int]:
    """Integer codes of a column's values (equal values, equal codes) and how many distinct values."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary)


def _first_rows(codes: np.ndarray, distinct: int) -> tuple[np.ndarray, np.ndarray]:
    """For each code: the row where it first appears, and how many rows have it."""
    first = np.full(distinct, len(codes), np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    return first, np.bincount(codes, minlength=distinct)


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer keys grouped by sorting: each row's group (groups numbered in key order) and the row where each
    group first appears (a stable sort puts it first: faster than hashing millions of distinct keys)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]] if len(keys) else np.zeros(0, bool)
    groups = np.empty(len(keys), np.int64)
    groups[order] = np.cumsum(starts) - 1
    return groups, order[starts]


def _firsts(groups: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """For each row index sorted by ``groups`` then ``keys``: the row of each group's smallest key."""
    order = np.lexsort((*reversed(keys), groups))
    starts = np.r_[True, groups[order][1:] != groups[order][:-1]] if len(order) else np.zeros(0, bool)
    return order[starts]


def fold_facts(facts: pa.Table) -> pa.Table:
    """Actor rows from fact rows ordered by (doc, pos): one per id, merged when stated several times,
    in order of first statement."""
    codes, distinct = codes_of(facts.column("id"))
    if distinct == facts.num_rows:  # each actor stated once (an import): the rows themselves, in order
        return _normalised(facts.select(ACTOR_SCHEMA.names))
    first, counts = _first_rows(codes, distinct)
    alone = first[counts == 1]
    stated = np.isin(codes, np.flatnonzero(counts > 1))
    grouped: dict[str, list] = {}
    for actor in actors_from_table(facts.filter(pa.array(stated)).select(ACTOR_SCHEMA.names)):
        grouped.setdefault(actor.id, []).append(actor)
    merged = actors_table(merge_actor_facts(group) for group in grouped.values())
    table = pa.concat_tables([_normalised(facts.take(pa.array(alone)).select(ACTOR_SCHEMA.names)), merged])
    order = np.argsort(np.concatenate([alone, first[counts > 1]]), kind="stable")
    return table.take(pa.array(order))


def _normalised(facts: pa.Table) -> pa.Table:
    """Fact rows as :func:`actors_table` writes an actor: empty lists rather than nulls, no empty text."""
    columns = []
    for field in ACTOR_SCHEMA:
        column = facts.column(field.name).cast(field.type)
        if pa.types.is_list(field.type):
            column = pc.fill_null(column, pa.scalar([], field.type))
        elif field.name not in ("id", "name"):
            column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
        columns.append(column)
    return pa.table(columns, schema=ACTOR_SCHEMA)


def _methods(details) -> pa.Array:
    """The method of each evidence row: ``detail``'s, ``"import"`` when absent (each distinct detail read once)."""
    encoded = pc.dictionary_encode(details)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    names = [json.loads(d).get("method", "import") for d in encoded.dictionary.to_pylist()]
    return pc.fill_null(pc.take(pa.array(names, pa.string()), encoded.indices), "import")


# -- reading the store ----------------------------------------------------------------------
@dataclass
class Places:
    """The small tables re-read whole at each update: complete documents, territories, programmes."""

    documents: pa.Table  # the store's document rows, ``num`` included
    territories: pa.Table
    programmes: pa.Table

    @classmethod
    def read(cls, store) -> "Places":
        territories: dict = {}
        for territory in territory_records(_ordered(store._table(MENTIONED_TERRITORIES))):
            territories.setdefault(territory.id, territory)
        programmes: dict = {}
        for programme in programme_records(_ordered(store._table(MENTIONED_PROGRAMMES))):
            programmes.setdefault(programme.id, programme)
        return cls(store._table(DOCUMENTS), records_table(territories.values(), Territory),
                   records_table(programmes.values(), Programme))

    def nums(self) -> pa.Table:
        return self.documents.select(["id", "num"]).cast(DOC_NUMS)


def _ordered(table: pa.Table) -> list[dict]:
    """Rows in document order, without ``doc``."""
    return table.take(pc.sort_indices(table, sort_keys=[("doc", "ascending")])).drop_columns(["doc"]).to_pylist()


def _complete(table: pa.Table, nums: pa.Array) -> pa.Table:
    """The fact rows of complete documents (an interrupted write leaves an incomplete one), by (doc, pos)."""
    table = table.filter(pc.is_in(table.column("doc"), value_set=nums))
    return table.take(pc.sort_indices(table, sort_keys=[("doc", "ascending"), ("pos", "ascending")]))


def read_facts(store, first: int, nums: pa.Array) -> pa.Table:
    """The fact rows of the complete documents numbered ``first`` or more, ordered by (doc, pos)."""
    return _complete(store._table(FACTS_FROM, {"first": first}), nums)


def facts_of(store, ids: list[str], nums: pa.Array) -> pa.Table:
    """Every stored fact row of these actors (complete documents), ordered by (doc, pos)."""
    if len(ids) > IDS_BY_LIST:
        table = store._table(FACTS_FROM, {"first": 0})
        table = table.filter(pc.is_in(table.column("id"), value_set=pa.array(ids, pa.string())))
    else:
        table = store._table(FACTS_OF, {"ids": ids})
    return _complete(table, nums)


def read_links(store, first: int, nums: pa.Array) -> pa.Table:
    """The link rows of the complete documents numbered ``first`` or more (no sentence), ordered by document,
    then target type (actor, territory, programme, service), then row number: the order a document stated
    them in, whatever order the engine scans them in."""
    embedded = hasattr(store, "path")  # LadybugDB: ends read as node numbers, their ids looked up once
    parts = []
    actor_ids = _NodeIds(store, "Actor") if embedded else None
    for rank, (target_type, label) in enumerate(TARGET_LABELS.items()):
        rows = store._table((LINK_ROWS if embedded else LINK_ROWS_BY_ID)[target_type], {"first": first})
        rows = rows.filter(pc.is_in(rows.column("doc"), value_set=nums))
        source, target = rows.column("source"), rows.column("target")
        if embedded:
            source = actor_ids.of(source)
            target = actor_ids.of(target) if label == "Actor" else _NodeIds(store, label).of(target)
        parts.append(pa.table({
            "doc": rows.column("doc").cast(pa.int64()), "source": source.cast(pa.string()),
            "kind": rows.column("kind").cast(pa.string()), "target": target.cast(pa.string()),
            "confidence": rows.column("confidence").cast(pa.float64()),
            "detail": rows.column("detail").cast(pa.string()),
            "target_type": pa.repeat(pa.scalar(target_type), rows.num_rows),
            "rank": pa.repeat(pa.scalar(rank), rows.num_rows),
            "row": rows.column("row").cast(pa.int64())}))
    table = pa.concat_tables(parts)
    del parts
    order = np.lexsort([table.column(c).to_numpy() for c in ("row", "rank", "doc")])
    if not (order[1:] > order[:-1]).all():
        table = table.take(pa.array(order))
    return table.drop_columns(["rank", "row"])


class WrittenRows:
    """The fact and link rows a writer stored, by document number, in the order it wrote them: what
    :func:`read_facts` and :func:`read_links` would read back (LadybugDB numbers a table's rows in the order
    they are written). The fold that follows an import takes them from memory instead of reading five million
    rows back from the file it just wrote (:meth:`FoldState.append`).

    A document number starts afresh when its document is created (:meth:`start`): a number freed by a removed
    or failed document is given again. Rows of documents that did not complete are never asked for (a fold
    takes complete documents only)."""

    def __init__(self) -> None:
        self.facts: dict[int, list[pa.Table]] = {}
        self.links: dict[int, list[tuple[int, pa.Table]]] = {}
        self.ends: dict[int, EndRows] = {}
        self.keeping = True
        self.current: int | None = None

    def stop(self) -> None:
        """Keep no row from now on, and drop those kept: for a writer whose snapshot will be folded from the
        file anyway (facts rewritten in place, a compacted copy of a whole base)."""
        self.facts, self.links, self.ends, self.keeping = {}, {}, {}, False

    def start(self, num: int) -> None:
        if self.keeping:
            self.facts[num], self.links[num], self.current = [], [], num
            self.ends.pop(num, None)

    def add_end_rows(self, link_table: pa.Table, ends: EndRows) -> None:
        """Where the ends of the document's link table are among the actors of its importer (see
        :class:`~maillage.graph.columnar.EndRows`); kept when they match the rows as :meth:`read_links`
        hands them over: one per row of a table grouped by target type in fold order, as an importer gives it."""
        if (self.keeping and len(ends.source) == link_table.num_rows
                and partition_order(link_table.column("target_type"), TARGET_TYPES) is None):
            self.ends[self.current] = ends

    def read_end_rows(self, nums: pa.Array) -> EndRows | None:
        """The end rows of these documents' links in the order :meth:`read_links` hands them over, when their
        importer found them for every document with links, among the same actor ids; None otherwise. To be
        asked before :meth:`read_links`."""
        ends = {num: self.ends.pop(num, None) for num in sorted(nums.to_pylist())}
        parts = [part for num, part in ends.items() if self.links.get(num)]
        if not parts or None in parts or not all(_same(part.ids, parts[0].ids) for part in parts):
            return None
        kinds = frozenset().union(*(part.kinds for part in parts))
        distinct = all(part.distinct for part in parts) and len(kinds) == sum(len(part.kinds) for part in parts)
        return EndRows(parts[0].ids, *(np.concatenate([getattr(part, end) for part in parts])
                                       for end in ("source", "target")), kinds, distinct)

    def add_facts(self, table: pa.Table) -> None:
        """Fact rows as written (``doc``, ``pos``, ``actor`` and the fact properties), of one document."""
        if table.num_rows and self.keeping:
            self.facts[table.column("doc")[0].as_py()].append(table)

    def add_links(self, target_type: str, table: pa.Table) -> None:
        """LINK rows to ``target_type`` nodes as written (``from``, ``to``, ``kind``, ``doc``, evidence), of one
        document; the sentences are not kept (the fold does not read them)."""
        if table.num_rows and self.keeping:
            rank = list(TARGET_LABELS).index(target_type)
            rows = table.select(["doc", "from", "kind", "to", "confidence", "detail"])
            self.links[table.column("doc")[0].as_py()].append((rank, rows))

    def covers(self, nums: pa.Array) -> bool:
        """Whether these documents were all written here."""
        return self.keeping and all(num in self.facts for num in nums.to_pylist())

    def read_facts(self, nums: pa.Array) -> pa.Table:
        """As :func:`read_facts` of these documents, whose fact rows are handed over: no longer kept here (they
        are freed once folded), a later fold reads them from the store."""
        parts = [table.rename_columns(PLACED_FACT_ROWS.names).cast(PLACED_FACT_ROWS)
                 for num in sorted(nums.to_pylist()) for table in self.facts.pop(num)]
        return pa.concat_tables(parts) if parts else PLACED_FACT_ROWS.empty_table()

    def read_links(self, nums: pa.Array) -> pa.Table:
        """As :func:`read_links` of these documents, whose link rows are handed over (see :meth:`read_facts`)."""
        names = list(TARGET_LABELS)
        parts = []
        for num in sorted(nums.to_pylist()):
            for rank, rows in sorted(self.links.pop(num), key=lambda part: part[0]):  # stable: written order kept
                parts.append(pa.table({
                    "doc": rows.column("doc").cast(pa.int64()), "source": rows.column("from").cast(pa.string()),
                    "kind": rows.column("kind").cast(pa.string()), "target": rows.column("to").cast(pa.string()),
                    "confidence": rows.column("confidence").cast(pa.float64()),
                    "detail": rows.column("detail").cast(pa.string()),
                    "target_type": pa.repeat(pa.scalar(names[rank]), rows.num_rows)}))
        return pa.concat_tables(parts) if parts else _LINK_ROWS.empty_table()


#: The columns of :func:`read_links`, for no row (those of :func:`read_facts`: ``PLACED_FACT_ROWS``).
_LINK_ROWS = pa.schema([("doc", pa.int64()), ("source", pa.string()), ("kind", pa.string()),
                        ("target", pa.string()), ("confidence", pa.float64()), ("detail", pa.string()),
                        ("target_type", pa.string())])


class _NodeIds:
    """The ids of the nodes of one label, by node number (LadybugDB's ``offset(id(n))``)."""

    def __init__(self, store, label: str) -> None:
        known = store._table(NODE_IDS[label])
        number = known.column("node").to_numpy()
        self.lookup = np.zeros(int(number.max(initial=-1)) + 1, np.int64)
        self.lookup[number] = np.arange(len(number))
        self.ids = known.column("id").combine_chunks()

    def of(self, nodes) -> pa.Array:
        return self.ids.take(pa.array(self.lookup[nodes.to_numpy()]))


# -- the state -------------------------------------------------------------------------------
@dataclass
class FoldState:
    """The raw folded graph and its statements (see the module docstring)."""

    actors: pa.Table
    links: pa.Table
    evidence: pa.Table
    ends: pa.Table
    actor_docs: pa.Table
    link_docs: pa.Table
    doc_nums: pa.Table

    @classmethod
    def empty(cls) -> "FoldState":
        return cls(ACTOR_SCHEMA.empty_table(), LINK_COLUMNS.empty_table(), EVIDENCE_COLUMNS.empty_table(),
                   ENDS.empty_table(), ACTOR_DOCS.empty_table(), LINK_DOCS.empty_table(), DOC_NUMS.empty_table())

    # -- appending documents ------------------------------------------------------------------
    def append(self, store, places: Places, new_nums: pa.Array, written: WrittenRows | None = None) -> None:
        """Fold in the documents numbered ``new_nums`` (all above the folded ones), their rows taken from
        ``written`` when this process wrote them all, else read from ``store``."""
        if not len(new_nums):
            return
        nums = places.documents.column("num").combine_chunks()
        first = pc.min(new_nums).as_py()
        held = written is not None and written.covers(new_nums)
        facts = written.read_facts(new_nums) if held else read_facts(store, first, new_nums)
        self._append_actors(store, facts, nums)
        del facts
        ends = written.read_end_rows(new_nums) if held else None
        self._append_links(written.read_links(new_nums) if held else read_links(store, first, new_nums), places, ends)
        self.doc_nums = pa.concat_tables([self.doc_nums, places.nums().filter(
            pc.is_in(places.documents.column("num"), value_set=new_nums))])

    def _append_actors(self, store, facts: pa.Table, nums: pa.Array) -> None:
        ids = self.actors.column("id")
        known = rows_of(facts.column("id"), ids) >= 0 if len(ids) else np.zeros(facts.num_rows, bool)
        again = pc.unique(facts.column("id").filter(pa.array(known))).to_pylist() if known.any() else []
        actors = self.actors
        if again:  # stated anew: merged from every stored fact, in place
            merged = fold_facts(facts_of(store, again, nums))
            take = np.arange(actors.num_rows)
            take[rows_of(merged.column("id"), ids)] = actors.num_rows + np.arange(merged.num_rows)
            actors = pa.concat_tables([actors, merged]).take(pa.array(take))
        self.actors = _appended(actors, fold_facts(facts.filter(pa.array(~known)) if known.any() else facts))
        if not len(ids) and self.actors.num_rows == facts.num_rows:  # a first fold of actors each stated once
            rows = np.arange(facts.num_rows)
        else:
            rows = rows_of(facts.column("id"), self.actors.column("id"))
        self.actor_docs = pa.concat_tables([self.actor_docs, pa.table(
            {"actor": rows, "doc": facts.column("doc"), "pos": facts.column("pos")}, schema=ACTOR_DOCS)])

    def _append_links(self, rows: pa.Table, places: Places, given: EndRows | None = None) -> None:
        """Fold in these link rows; ``given``: where their ends are among some actor ids, used when those are
        the folded actors' ids."""
        old = self.links.num_rows
        matched = self._matching(rows)
        new = matched < 0
        fresh = rows if new.all() else rows.filter(pa.array(new))  # a first import: every row is new
        ids = self.actors.column("id")
        if given is not None and (len(given.source) != rows.num_rows or not _same(given.ids, ids)):
            given = None
        if given is not None and given.distinct and new.all():  # each row a link of its own: nothing to group
            ends = [given.source.astype(np.int64), given.target.astype(np.int64)]
            codes = first = np.arange(fresh.num_rows)
        else:
            keys, ends = _link_keys(fresh, ids, None if given is None else given.take(None if new.all() else new))
            codes, first = _groups(keys)
            del keys
        is_first = np.zeros(fresh.num_rows, bool)
        is_first[first] = True
        rank = (np.cumsum(is_first) - 1)[first]  # new links in order of first row
        link = matched
        link[new] = old + rank[codes]
        del rank, first
        firsts = np.flatnonzero(is_first)  # ascending: a filter keeps them, faster than taking them
        with ThreadPoolExecutor(max_workers=1) as pool:  # statements beside links (Arrow, NumPy: without the GIL)
            statements = pool.submit(_statement_rows, rows, link, firsts if new.all() else None, old, places)
            actor_rows = [end[firsts] for end in ends]
            del ends, codes
            fresh = fresh.select(LINK_COLUMNS.names)
            fresh = (fresh if is_first.all() else fresh.filter(pa.array(is_first))).cast(LINK_COLUMNS)
            self.links = _appended(self.links, fresh)
            del fresh, is_first, firsts
            self._update_ends(old, *actor_rows)
            link_docs, evidence = statements.result()
        self.link_docs, self.evidence = _appended(self.link_docs, link_docs), _appended(self.evidence, evidence)

    def _matching(self, rows: pa.Table) -> np.ndarray:
        """The folded link of each row (-1: a new one); only links from the rows' sources are looked at."""
        matched = np.full(rows.num_rows, -1, np.int64)
        if not self.links.num_rows or not rows.num_rows:
            return matched
        candidates = np.flatnonzero(pc.is_in(self.links.column("source"),
                                             value_set=pc.unique(rows.column("source"))).to_numpy(zero_copy_only=False))
        if not len(candidates):
            return matched
        both = pa.concat_tables([self.links.take(pa.array(candidates)).select(["source", "kind", "target"]),
                                 rows.select(["source", "kind", "target"])])
        keys = _key_codes(both)
        known, asked = keys[:len(candidates)], keys[len(candidates):]
        order = np.argsort(known)
        at = np.minimum(np.searchsorted(known, asked, sorter=order), len(known) - 1)
        hit = known[order[at]] == asked
        matched[hit] = candidates[order[at[hit]]]
        return matched

    def _update_ends(self, old_links: int, sources: np.ndarray | None = None,
                     targets: np.ndarray | None = None) -> None:
        """Actor rows of the links' ends: looked up for the new links (unless given: ``sources`` and ``targets``,
        -1 where not found) and the ends that were no actor."""
        ids = self.actors.column("id")
        fresh = np.full(self.links.num_rows - old_links, -1)
        source = np.concatenate([self.ends.column("source").to_numpy(), fresh if sources is None else sources])
        target = np.concatenate([self.ends.column("target").to_numpy(), fresh if targets is None else targets])
        actor = pc.equal(self.links.column("target_type"), "actor").to_numpy(zero_copy_only=False)
        for end, column, asked in ((source, "source", True), (target, "target", actor)):
            look = np.flatnonzero((end < 0) & asked)
            if len(look):
                end[look] = rows_of(self.links.column(column).take(pa.array(look)), ids)
        self.ends = pa.table({"source": source, "target": np.where(actor, target, -1)}, schema=ENDS)

    # -- removing documents ---------------------------------------------------------------------
    def remove(self, store, places: Places, gone: pa.Table) -> None:
        """Fold out the documents of ``gone`` (``id``, ``num``), no longer in ``store``."""
        if not gone.num_rows:
            return
        numbers = gone.column("num").combine_chunks()
        actor_map = self._remove_actors(store, places, numbers)
        self._remove_links(numbers, gone.column("id").combine_chunks(), actor_map)
        self.doc_nums = self.doc_nums.filter(pc.invert(pc.is_in(self.doc_nums.column("num"), value_set=numbers)))

    def _remove_actors(self, store, places: Places, numbers: pa.Array) -> np.ndarray:
        """Drop the removed documents' facts; the new row of each old actor row (-1: gone)."""
        statements = self.actor_docs
        out = pc.is_in(statements.column("doc"), value_set=numbers).to_numpy(zero_copy_only=False)
        touched = np.unique(statements.column("actor").to_numpy()[out])
        statements = statements.filter(pa.array(~out))
        actor = statements.column("actor").to_numpy()
        left = np.bincount(actor, minlength=self.actors.num_rows)
        ids = self.actors.column("id")
        again = touched[left[touched] > 0]
        actors = self.actors
        if len(again):
            merged = fold_facts(facts_of(store, ids.take(pa.array(again)).to_pylist(),
                                         places.documents.column("num").combine_chunks()))
            take = np.arange(actors.num_rows)
            take[rows_of(merged.column("id"), ids)] = actors.num_rows + np.arange(merged.num_rows)
            actors = pa.concat_tables([actors, merged]).take(pa.array(take))
        firsts = _firsts(actor, statements.column("doc").to_numpy(), statements.column("pos").to_numpy())
        kept = actor[firsts]  # old rows of the remaining actors, in order of first statement
        doc, pos = statements.column("doc").to_numpy(), statements.column("pos").to_numpy()
        order = kept[np.lexsort((pos[firsts], doc[firsts]))]
        new_row = np.full(self.actors.num_rows, -1, np.int64)
        new_row[order] = np.arange(len(order))
        self.actors = actors.take(pa.array(order)).combine_chunks()
        self.actor_docs = statements.set_column(0, "actor", pa.array(new_row[actor]))
        return new_row

    def _remove_links(self, numbers: pa.Array, documents: pa.Array, actor_map: np.ndarray) -> None:
        statements = self.link_docs
        statements = statements.filter(pc.invert(pc.is_in(statements.column("doc"), value_set=numbers)))
        link = statements.column("link").to_numpy()
        doc, pos = statements.column("doc").to_numpy(), statements.column("pos").to_numpy()
        firsts = _firsts(link, doc, pos)
        order_in_firsts = np.lexsort((pos[firsts], doc[firsts]))
        order = link[firsts][order_in_firsts]
        new_row = np.full(self.links.num_rows, -1, np.int64)
        new_row[order] = np.arange(len(order))
        target_type = statements.column("target_type").take(pa.array(firsts[order_in_firsts])).cast(pa.string())
        self.links = self.links.take(pa.array(order)).set_column(3, "target_type", target_type).combine_chunks()
        evidence = self.evidence.filter(pc.invert(pc.is_in(self.evidence.column("document"), value_set=documents)))
        self.evidence = evidence.set_column(0, "link", pa.array(new_row[evidence.column("link").to_numpy()]))
        self.link_docs = statements.set_column(0, "link", pa.array(new_row[link]))
        ends = self.ends.take(pa.array(order))
        mapped = [np.where(e >= 0, actor_map[np.maximum(e, 0)], -1) for e in
                  (ends.column("source").to_numpy(), ends.column("target").to_numpy())]
        self.ends = pa.table({"source": mapped[0], "target": mapped[1]}, schema=ENDS)
        self._update_ends(self.links.num_rows)  # a target whose type became "actor" is looked up


def _statement_rows(rows: pa.Table, link: np.ndarray, firsts: np.ndarray | None, old: int,
                    places: Places) -> tuple[pa.Table, pa.Table]:
    """The link-document and evidence rows of link rows whose links are ``link`` (see :func:`_link_doc_rows`)."""
    return _link_doc_rows(rows, link, firsts, old), _evidence_rows(rows, link, places)


def _link_doc_rows(rows: pa.Table, link: np.ndarray, firsts: np.ndarray | None = None, old: int = 0) -> pa.Table:
    """One (link, document) row each, with the position and target type of the link's first row there.
    ``firsts``: the first row of each link, when every row's link is new (numbered from ``old`` in order of
    first row; then, when no link is stated in two documents, the first row of each (link, document) pair)."""
    docs = rows.column("doc").to_numpy()
    starts = np.r_[0, np.flatnonzero(docs[1:] != docs[:-1]) + 1] if len(docs) else np.zeros(0, np.int64)
    position = np.arange(len(docs)) - np.repeat(starts, np.diff(np.r_[starts, len(docs)]))
    if firsts is not None and (len(starts) == 1 or (docs == docs[firsts][link - old]).all()):
        first = firsts
    else:
        first = np.sort(_groups(link * (int(docs.max(initial=0)) + 1) + docs)[1])
    return pa.table({"link": link[first], "doc": docs[first], "pos": position[first],
                     "target_type": rows.column("target_type").take(pa.array(first)).dictionary_encode()},
                    schema=LINK_DOCS)


def _evidence_rows(rows: pa.Table, link: np.ndarray, places: Places) -> pa.Table:
    """The evidence rows of link rows whose links are ``link`` (a row without confidence states no evidence)."""
    stated = pc.is_valid(rows.column("confidence")).to_numpy(zero_copy_only=False)
    pieces = rows.select(["doc", "confidence", "detail"])
    if not stated.all():
        pieces = pieces.filter(pa.array(stated))
    numbers = places.documents.column("num").combine_chunks()
    names = places.documents.column("id").combine_chunks().cast(pa.string())
    document = pa.DictionaryArray.from_arrays(
        pc.index_in(pieces.column("doc").combine_chunks(), numbers).cast(pa.int32()), names)
    return pa.table({"link": link[stated], "document": document, "method": _methods(pieces.column("detail")),
                     "confidence": pieces.column("confidence")}, schema=EVIDENCE_COLUMNS)


def _appended(table: pa.Table, more: pa.Table) -> pa.Table:
    """The rows of ``more`` after those of ``table``, one chunk per column; ``more`` itself when ``table`` has
    no row (a first fold: the rows' own columns, not a copy of them, which a million actors' would double)."""
    return pa.concat_tables([table, more]).combine_chunks() if table.num_rows else more


def _key_codes(table: pa.Table) -> np.ndarray:
    """One integer per (source, kind, target): equal keys, equal integers (within this table)."""
    sources, _ = codes_of(table.column("source"))
    kinds, n_kinds = codes_of(table.column("kind"))
    targets, n_targets = codes_of(table.column("target"))
    return (sources * n_kinds + kinds) * n_targets + targets


def _same(ids, others) -> bool:
    """Whether two id columns (arrays or chunked arrays) hold the same ids in the same order."""
    whole = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in (ids, others)]
    return len(ids) == len(others) and whole[0].equals(whole[1])


def _link_keys(table: pa.Table, ids: pa.ChunkedArray, given: EndRows | None = None
               ) -> tuple[np.ndarray, list[np.ndarray]]:
    """As :func:`_key_codes`, with the ends coded by their row in the actor ids ``ids`` (one lookup, no
    hashing of every end; both ends at once, Arrow's lookups run without the GIL; none when ``given``
    says where they are), and these rows of each link's source and target (-1: no actor)."""
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids

    def coded(end: str) -> tuple[np.ndarray, np.ndarray]:
        column = table.column(end)
        found = rows_of(column, ids) if given is None else getattr(given, end).astype(np.int64)
        missing = np.flatnonzero(found < 0)
        codes = found.copy()
        if len(missing):  # not an actor: numbered after the actors
            codes[missing] = len(ids) + codes_of(column.take(pa.array(missing)))[0]
        return codes, found

    with ThreadPoolExecutor(max_workers=2) as pool:
        codes, rows = zip(*pool.map(coded, ("source", "target")))
    kinds, n_kinds = codes_of(table.column("kind"))
    width = int(codes[1].max(initial=0)) + 1
    return (codes[0] * n_kinds + kinds) * width + codes[1], list(rows)


def stating_links(ends: EndRows, links: pa.Table) -> EndRows:
    """``ends`` with the link kinds of their table ``links`` and whether its rows each state a link of their own
    (the keys of :func:`_link_keys`, sorted, all different)."""
    keys, _ = _link_keys(links, ends.ids, ends)
    keys.sort()
    return replace(ends, kinds=frozenset(pc.unique(links.column("kind")).to_pylist()),
                   distinct=not (keys[1:] == keys[:-1]).any())


def fold_link_rows(links: pa.Table, document_ids: dict[int, str]) -> tuple[pa.Table, pa.Table]:
    """Link rows already in fold order folded whole (what :meth:`FoldState.append` does to an empty state,
    without reading the store): the links table, one row per (source, kind, target) by first row, and
    the evidence rows; ``document_ids`` maps document numbers to ids."""
    key_codes, first = _groups(_key_codes(links))
    distinct = len(first)
    order = np.argsort(first, kind="stable")
    rank = np.empty(distinct, np.int64)
    rank[order] = np.arange(distinct)
    link_table = links.take(pa.array(first[order])).select(LINK_COLUMNS.names).cast(LINK_COLUMNS)
    stated = pc.is_valid(links.column("confidence")).to_numpy(zero_copy_only=False)
    pieces = links.filter(pa.array(stated))
    numbers = pc.dictionary_encode(pieces.column("doc").combine_chunks())
    names = pa.array([document_ids[n] for n in numbers.dictionary.to_pylist()], pa.string())
    evidence = pa.table({"link": rank[key_codes[stated]], "document": pc.take(names, numbers.indices),
                         "method": _methods(pieces.column("detail")), "confidence": pieces.column("confidence")},
                        schema=EVIDENCE_COLUMNS)
    return link_table, evidence
