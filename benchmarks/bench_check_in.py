"""What the check-in adds to the learner's writes and what it costs to show.

Run: python benchmarks/bench_check_in.py

Every network write runs the first-map statement before it commits (it keeps the map the
first time it is complete, then does nothing), and every change of a step's date or done
mark fires a history trigger. Printed, each against a baseline in the same run:

- saving one contact once a first map is kept, against the same save with the first-map
  statement left out;
- the write that completes a 150-person map (and so copies it), against an ordinary save;
- moving a step (history trigger fires), against renaming it (no trigger);
- the check-in's network comparison of a 150-person map with its first map, against
  computing that map's measures once (the comparison computes two sets and the diff).
Targets: a contact save under 10 ms median; the comparison under 500 ms.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_seconds, report  # noqa: E402

from coursekit.checkin.network import since_first_map  # noqa: E402
from coursekit.network import (  # noqa: E402
    add_network,
    save_contact,
    storage,  # noqa: E402
)
from coursekit.network.measures import network_measures  # noqa: E402
from coursekit.network.model import Network  # noqa: E402
from coursekit.network.records import Circle, Contact, Ego, Tie  # noqa: E402
from coursekit.network.storage import load_network, record_first_map  # noqa: E402
from coursekit.planning import add_step, redate_step, update_step  # noqa: E402
from coursekit.store import LearnerStore  # noqa: E402

SIZE = 150


def big_network(size: int = SIZE, *, described: bool = True) -> Network:
    """A made-up network: ``size`` people in five circles, some pairwise ties."""
    contacts = [Contact(f"c{i}", f"Person {i}", inside=(i % 3 != 0) if described else None,
                        sector=f"sector {i % 7}", function=f"function {i % 5}",
                        seniority=(i % 5) - 2, types=("operational",) if described else (),
                        strength=1 + i % 5, circles=(f"circle {i % 5}",))
                for i in range(1, size + 1)]
    ties = [Tie(f"c{i}", f"c{i + 7}", 2) for i in range(1, size - 7, 3)]
    circles = [Circle(f"circle {k}", 2) for k in range(5)]
    return Network.from_records(Ego("Acme", "Widgets", "Quality"), contacts, ties, circles)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-check-in-"))
    store = LearnerStore(folder / "store.sqlite")
    add_network(store, big_network())
    assert store.read("SELECT COUNT(*) FROM network_snapshots")[0][0] == 1
    contact = load_network(store).contact("c1")
    strengths = itertools.cycle(range(1, 6))

    def save_ours() -> None:
        save_contact(store, replace(contact, strength=next(strengths)))

    def save_without_first_map() -> None:
        storage.record_first_map = lambda conn: None  # the same save, minus the statement
        try:
            save_contact(store, replace(contact, strength=next(strengths)))
        finally:
            storage.record_first_map = record_first_map

    print(f"coursekit check-in, a network of {SIZE} people, Python {sys.version.split()[0]}")
    report("save one contact (first map kept)", median_seconds(save_ours, repeat=200),
           median_seconds(save_without_first_map, repeat=200), "no first-map statement",
           target=0.010)

    # The completing write: an undescribed map becomes complete with one import.
    def complete_a_map() -> None:
        fresh = LearnerStore(":memory:")
        add_network(fresh, big_network())
        fresh.close()

    def import_without_completing() -> None:
        fresh = LearnerStore(":memory:")
        add_network(fresh, big_network(described=False))
        fresh.close()

    report("import that completes the map (copies it)", median_seconds(complete_a_map,
                                                                       repeat=20),
           median_seconds(import_without_completing, repeat=20), "import, map incomplete")

    step = add_step(store, "Email Lena", due="2030-03-02")
    days = itertools.cycle(["2030-03-09", "2030-03-16"])
    titles = itertools.cycle(["Email Lena", "Email Lena again"])
    report("move a step (history kept)", median_seconds(
        lambda: redate_step(store, step.id, next(days)), repeat=200),
        median_seconds(lambda: update_step(store, step.id, title=next(titles)), repeat=200),
        "rename it (no history)")

    report("check-in comparison with the first map", median_seconds(
        lambda: since_first_map(store), repeat=10),
        median_seconds(lambda: network_measures(load_network(store)), repeat=10),
        "one set of measures", target=0.5)
    store.close()


if __name__ == "__main__":
    main()
