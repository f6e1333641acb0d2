"""Benchmark of the network exercise: one edit, and a large LinkedIn import.

Prints medians for

* one edit at 150 contacts with ties (target under 50 ms) and at 1,500 contacts
  (target under 300 ms): a contact saved to the store, the network reloaded, every measure
  and the out-sight audit recomputed, and the egogram figure rebuilt;
* the same without the store round trip (what the view does after its own save);
* importing a generated 30,000-row LinkedIn Connections.csv, and its ratio to a bare
  ``pandas.read_csv`` of the same file in the same run.

and, in a real browser (app mode, Voila, headless Chromium), the sociogram:

* from a drop (a person dragged to another ring) to the store saved and the measures view
  further down the page showing the new figures (the next frame painted), median at 150
  contacts (target under 100 ms) and 1,500 (target under 300 ms);
* the same from the click that records a tie (the strength chosen in the tie menu);
* the baseline, measured in the same page: the same change of closeness made with the
  person form (pick the person, pick the closeness, Save);
* the first draw of the canvas (from the widget's start to its first complete drawing),
  and from opening the page to that drawing (kernel start and every cell included).

Run: ``python benchmarks/bench_network.py [--no-browser] [--repeat N]`` (the browser part
needs Chromium and playwright). Only made-up data is used.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from coursekit.network import (
    Circle,
    Contact,
    Ego,
    Network,
    Tie,
    add_network,
    egogram,
    load_network,
    network_measures,
    outsight,
    read_linkedin_connections,
    save_contact,
)
from coursekit.store import LearnerStore

SECTORS = ["Banking", "Retail", "Health", "Energy", "Software", "Logistics", "Education",
           "Media", "Public sector", "Manufacturing"]
FUNCTIONS = ["Finance", "Sales", "Operations", "IT", "HR", "Marketing", "Legal", "Strategy"]
TYPES = [("operational",), ("personal",), ("strategic",), ("operational", "strategic"), ()]


def generated_network(n: int, seed: int = 1) -> Network:
    """A made-up network of ``n`` contacts in circles of about 12, plus pairwise ties."""
    rng = random.Random(seed)
    circles = [Circle(f"Circle {k}", rng.randint(1, 3)) for k in range(max(1, n // 12))]
    contacts = []
    for k in range(n):
        mine = (circles[k % len(circles)].name,) + (
            (circles[rng.randrange(len(circles))].name,) if rng.random() < 0.2 else ())
        contacts.append(Contact(
            id=f"c{k + 1}", name=f"Person {k + 1}", inside=rng.random() < 0.6,
            organisation="Acme" if rng.random() < 0.6 else f"Org {rng.randint(1, 50)}",
            sector=rng.choice(SECTORS), function=rng.choice(FUNCTIONS),
            seniority=rng.randint(-2, 3), types=rng.choice(TYPES), strength=rng.randint(1, 5),
            last_contact=pd.Timestamp("2025-01-01").date() - pd.Timedelta(
                days=rng.randint(0, 900)), circles=tuple(dict.fromkeys(mine))))
    ties = {}
    for _ in range(n):
        a, b = rng.sample(range(1, n + 1), 2)
        ties[tuple(sorted((f"c{a}", f"c{b}")))] = rng.randint(0, 4)
    return Network.from_records(Ego("Acme", "Retail", "Finance"), contacts,
                                [Tie(a, b, w) for (a, b), w in ties.items()], circles)


def linkedin_csv(path: Path, rows: int, seed: int = 2) -> Path:
    """A made-up Connections.csv in LinkedIn's layout (notes, then the header)."""
    rng = random.Random(seed)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec"]
    lines = ["Notes:",
             '"When exporting your connection data, you may notice that some of the email '
             'addresses are missing."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for k in range(rows):
        email = f"p{k}@example.org" if rng.random() < 0.2 else ""
        company = rng.choice(["Acme Ltd", "ACME", "Globex", "Initech, Inc.", "Umbrella",
                              f"Firm {rng.randint(1, 3000)}", ""])
        company = f'"{company}"' if "," in company else company
        lines.append(f"First{k},Last{k},https://www.linkedin.com/in/p{k},{email},{company},"
                     f"Analyst,{rng.randint(1, 28):02d} {rng.choice(months)} "
                     f"{rng.randint(2008, 2025)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_edit(n: int, repeat: int) -> tuple[float, float, int]:
    store = LearnerStore(":memory:")
    network = add_network(store, generated_network(n))
    ties = len(network.tie_arrays[0])
    first = network.contact(network.contacts["id"].iat[0])
    state = {"k": 0}

    def one_edit_with_store():
        state["k"] += 1
        save_contact(store, first.replace(strength=1 + state["k"] % 5))
        net = load_network(store)
        m = network_measures(net)
        outsight(net, measures=m)
        egogram(net)

    def one_edit_in_memory():
        state["k"] += 1
        contacts = network.contacts.copy()
        contacts.at[0, "strength"] = 1 + state["k"] % 5
        net = Network(network.ego, contacts, network.ties, network.circles)
        m = network_measures(net)
        outsight(net, measures=m)
        egogram(net)

    one_edit_with_store()  # warm-up
    return (median_ms(one_edit_with_store, repeat), median_ms(one_edit_in_memory, repeat),
            ties)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the browser figures")
    parser.add_argument("--repeat", type=int, default=15,
                        help="gestures per browser figure at 150 contacts (default 15)")
    args = parser.parse_args()
    core_figures()
    if not args.no_browser:
        from _browser_sociogram import browser_figures

        browser_figures(args.repeat)


def core_figures() -> None:
    for n, target, repeat in ((150, 50, 31), (1500, 300, 11)):
        with_store, in_memory, ties = bench_edit(n, repeat)
        print(f"one edit, {n:>5} contacts, {ties:>6} ties: median {with_store:6.1f} ms "
              f"with store save+reload, {in_memory:6.1f} ms in memory "
              f"(target < {target} ms)")
    with tempfile.TemporaryDirectory() as tmp:
        path = linkedin_csv(Path(tmp) / "Connections.csv", 30_000)
        bare = median_ms(lambda: pd.read_csv(path, skiprows=3, dtype=str,
                                             keep_default_na=False), 5)
        imported = median_ms(lambda: read_linkedin_connections(path, "Acme"), 5)
        result = read_linkedin_connections(path, "Acme")
        print(f"LinkedIn import, 30,000 rows: median {imported:6.1f} ms; bare pandas.read_csv "
              f"{bare:6.1f} ms; ratio {imported / bare:.1f}x "
              f"({result.network.size} contacts, "
              f"{int((result.network.contacts['inside'] == True).sum())} inside)")  # noqa: E712


if __name__ == "__main__":
    main()
