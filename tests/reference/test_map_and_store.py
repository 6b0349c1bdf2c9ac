"""The Carte's placement of actors, and coordinates kept by the store (a base of an earlier version gains them)."""
from __future__ import annotations

import ladybug

from maillage.dashboard.map_data import actor_points, place_labels, position
from maillage.graph.model import Actor, Batch, Document, Evidence, Graph, Link, Territory
from maillage.graph.stores import ladybug as ladybug_store


def _graph() -> Graph:
    graph = Graph()
    graph.territories = {"epci:1": Territory("epci:1", "Agglo", "epci", "1", lat=47.0, lon=1.0),
                         "commune:a": Territory("commune:a", "A", "commune", "a", "epci:1", 47.2, 1.3),
                         "commune:b": Territory("commune:b", "B", "commune", "b", "epci:1")}
    for i in range(5):
        graph.actors[f"f{i}"] = Actor(f"f{i}", f"Firme {i}", ["entreprise"], territories=["commune:a"])
    graph.actors["g"] = Actor("g", "Garage", ["entreprise"], territories=["commune:b"])
    graph.actors["nowhere"] = Actor("nowhere", "Sans lieu", ["association"])
    return graph


def test_actors_are_grouped_around_their_commune_or_placed_at_the_enclosing_territory():
    graph = _graph()
    points = {p["id"]: p for p in actor_points(graph, graph)}
    assert "nowhere" not in points
    assert (points["f0"]["lat"], points["f0"]["lon"]) == (47.2, 1.3)  # the first of a place sits at its centre
    assert all(p["grouped"] == 5 for k, p in points.items() if k.startswith("f"))
    assert len({(p["lat"], p["lon"]) for p in points.values()}) == 6  # every actor keeps its own point
    assert max(abs(p["lat"] - 47.2) for k, p in points.items() if k.startswith("f")) < 0.01
    assert (points["g"]["lat"], points["g"]["lon"]) == (47.0, 1.0) == position(graph, "commune:b")


def test_each_place_is_named_above_its_actors_unless_a_bigger_place_takes_the_room():
    graph = _graph()
    graph.territories["commune:c"] = Territory("commune:c", "L'Étang", "commune", "c", "epci:1", 47.2, 1.5)
    graph.territories["commune:d"] = Territory("commune:d", "Loin", "commune", "d", "epci:1", 45.0, 3.0)
    graph.actors["h"] = Actor("h", "Halle", ["entreprise"], territories=["commune:c"])
    graph.actors["k"] = Actor("k", "Kiosque", ["entreprise"], territories=["commune:d"])
    points = actor_points(graph, graph)
    far = {label["text"]: label for label in place_labels(points, zoom=9)}
    assert set(far) == {"A (5)", "B", "L\u2019Étang", "Loin"}  # a typographic apostrophe
    assert far["A (5)"]["lat"] > 47.2 and far["A (5)"]["lon"] == 1.3  # above the cluster of commune A
    near = {label["text"] for label in place_labels(points, zoom=3)}  # A and L'Étang now share their room
    assert "A (5)" in near and "L\u2019Étang" not in near and "Loin" in near


def test_store_keeps_coordinates_and_migrates_an_earlier_base(tmp_path):
    path = str(tmp_path / "old.lbug")
    database = ladybug.Database(path)
    connection = ladybug.Connection(database)
    for statement in ladybug_store.SCHEMA:  # the schema as it was before coordinates
        connection.execute(statement.replace(", lat DOUBLE, lon DOUBLE", ""))
    connection.close()
    database.close()
    store = ladybug_store.LadybugStore(path)
    try:
        place = Territory("commune:a", "A", "commune", "a", lat=47.25, lon=1.5)
        batch = Batch(Document("d" * 64, "x.csv", source="reference"), [Actor("x", "X", ["entreprise"])],
                      [place, Territory("commune:b", "B", "commune", "b")],
                      links=[Link("x", "LOCATED_IN", "commune:a", [Evidence("d" * 64, "")], "territory")])
        assert store.write(batch)
        territories = store.read().territories
        assert (territories["commune:a"].lat, territories["commune:a"].lon) == (47.25, 1.5)
        assert territories["commune:b"].lat is None
    finally:
        store.close()
