"""Writes COUNT documents of 50 actors and 49 links each into the LadybugDB base BASE, printing "OK <id>"
for each one acknowledged and "REFUS <reason>" for the first one refused.

    python fill_store.py BASE garde|sans-garde|tuer COUNT

"sans-garde" turns the free-space check off (the engine meets a full disk itself); "tuer" ends the
process like a kill after the last write (no closing checkpoint: the log holds everything). Run in a
child process by tests/store/test_durability.py and bench/safety_store.py.
"""
import os, sys
from maillage.errors import MaillageError
from maillage.graph.model import Actor, Batch, Document, Evidence, Link
from maillage.graph.stores.ladybug import LadybugStore
store = LadybugStore(sys.argv[1])
if sys.argv[2] == "sans-garde":
    store._reserve = lambda expected: None  # let the engine itself meet the full disk
for i in range(int(sys.argv[3])):
    actors = [Actor(f"a{i}-{j}", f"Acteur {i} {j} " + "x" * 200, ["cci"]) for j in range(50)]
    links = [Link(f"a{i}-{j}", "MEMBER_OF", f"a{i}-{j + 1}", [Evidence(f"d{i}", "phrase " * 50)]) for j in range(49)]
    try:
        store.write(Batch(Document(f"d{i}", f"/p/{i}.txt"), actors, links=links))
    except MaillageError as exc:
        print("REFUS", exc)
        break
    print("OK", f"d{i}", flush=True)
if sys.argv[2] == "tuer":
    os._exit(0)  # like a kill
store.close()
