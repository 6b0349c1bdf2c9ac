"""Link tables grouped by target type, as a fold reads them: the importer groups them, a store writes each
group as a slice of the table, and the fold takes the link ends the importer already found."""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from maillage.graph.columnar import TARGET_TYPES, EndRows, group_rows, partition_order
from maillage.graph.folding import WrittenRows, stating_links
from maillage.ingest.csv_import import located_end_rows


def _links(types: list[str]) -> pa.Table:
    return pa.table({"source": [f"s{i}" for i in range(len(types))], "target_type": types})


def test_contiguous_groups_are_slices_of_the_table_and_mixed_ones_are_filtered():
    grouped = _links(["actor", "actor", "territory", "service", "service"])
    before = pa.total_allocated_bytes()
    groups = group_rows(grouped, "target_type")
    assert pa.total_allocated_bytes() == before  # no row copied
    assert {k: v.column("source").to_pylist() for k, v in groups.items()} == {
        "actor": ["s0", "s1"], "territory": ["s2"], "service": ["s3", "s4"]}
    mixed = group_rows(_links(["service", "actor", "service", "actor"]), "target_type")
    assert list(mixed) == ["service", "actor"]  # values in order of first appearance
    assert mixed["actor"].column("source").to_pylist() == ["s1", "s3"]


def test_null_values_form_a_group_of_their_own_wherever_they_are():
    for types in (["actor", None, None], [None, "actor", None]):
        groups = group_rows(_links(types), "target_type")
        assert {k: v.column("source").to_pylist() for k, v in groups.items()} == {
            "actor": [f"s{i}" for i, t in enumerate(types) if t], None: [f"s{i}" for i, t in enumerate(types) if not t]}


def test_partition_order_groups_rows_in_fold_order_and_keeps_each_groups_order():
    types = pa.array(["service", "actor", "programme", "territory", "actor", "autre", "service"])
    order = partition_order(types, TARGET_TYPES)
    assert order.tolist() == [1, 4, 3, 2, 0, 6, 5]  # actor, territory, programme, service, then the others
    assert partition_order(types.take(pa.array(order)), TARGET_TYPES) is None  # already grouped


def test_located_end_rows_find_each_actor_and_a_territory_only_when_an_actor_bears_its_id():
    actors = pa.table({"id": ["a", "t:nantes", "b"],
                       "territories": [["t:nantes", "t:rezé"], [], ["t:rezé"]]})
    ends = located_end_rows(actors)
    assert ends.source.tolist() == [0, 0, 2]  # the LOCATED_IN links: a -> nantes, a -> rezé, b -> rezé
    assert ends.target.tolist() == [1, -1, -1]  # "t:nantes" is also an actor's id, row 1


def test_written_rows_keep_end_rows_only_for_a_table_grouped_in_fold_order():
    ids = pa.array(["a", "b"])
    written = WrittenRows()
    for num, types in ((1, ["actor", "service"]), (2, ["service", "actor"])):
        written.start(num)
        table = _links(types)
        written.add_end_rows(table, EndRows(ids, np.array([0, 1]), np.array([1, -1])))
        written.add_links("actor", pa.table({"doc": [num], "from": ["a"], "kind": ["K"], "to": ["b"],
                                             "confidence": [1.0], "detail": pa.nulls(1, pa.string())}))
    grouped = written.read_end_rows(pa.array([1]))
    assert grouped.source.tolist() == [0, 1] and grouped.target.tolist() == [1, -1]
    assert written.read_end_rows(pa.array([2])) is None  # services first: not the order the fold reads


def test_end_rows_say_whether_each_row_states_a_link_of_its_own():
    links = pa.table({"source": ["a", "a", "b", "a"], "kind": ["FUNDS", "FUNDS", "FUNDS", "OFFERS"],
                      "target": ["b", "c", "c", "conseil"]})
    ends = EndRows(pa.array(["a", "b"]), np.array([0, 0, 1, 0]), np.array([1, -1, -1, -1]))
    stated = stating_links(ends, links)
    assert stated.distinct and stated.kinds == {"FUNDS", "OFFERS"}
    twice = stating_links(EndRows(ends.ids, np.array([0, 0, 1, 0, 0]), np.array([1, -1, -1, -1, -1])),
                          pa.concat_tables([links, links.slice(1, 1)]))  # ("a", "FUNDS", "c") again: "c" is no actor
    assert not twice.distinct
    assert stated.take(np.array([0, 2])).distinct  # fewer rows of distinct links stay distinct
