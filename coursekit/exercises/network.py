"""The learner's network map as an exercise (notebook 03, and the comparison in 02).

Contacts, circles and ties live in the store's ``network_*`` tables
(:mod:`coursekit.network.storage`). Contact names are third parties' personal data: the
hand-in keeps counts, shares and measures only. The dashboard shows the class's composition,
measures and out-sight indicators.

Examples
--------
>>> from coursekit.store import LearnerStore
>>> from coursekit.network import add_contact
>>> store = LearnerStore(":memory:")
>>> _ = add_contact(store, name="Ana", inside=True, types=("operational",))
>>> _ = add_contact(store, name="Ben", inside=False, types=("strategic",))
>>> section = NetworkExercise().handin(store)
>>> section["contacts"], section["composition"]["share_outside"]
(2, 0.5)
>>> "Ana" in str(section)
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .._text import plural
from ._base import Exercise, Panel, Progress, ReportPart
from ._sections import Count, Ident, Number, Section, finite_number

#: Out-sight indicators taken from the network measures: (hand-in name, measure field).
OUTSIGHT_FROM_MEASURES = (
    ("outside_share", None),  # outside / (inside + outside), contacts with a known place
    ("above_share", "above_share"),
    ("strategic_share", "strategic_share"),
    ("sector_diversity", "sector_iqv"),
    ("function_diversity", "function_iqv"),
    ("stale_share", "stale_share"),
)

#: Network measures copied into a hand-in (numbers only).
HANDIN_MEASURES = ("density", "constraint", "effective_size", "efficiency", "ei_index",
                   "sector_blau", "sector_iqv", "function_blau", "function_iqv",
                   "above_share", "stale_share")

#: The words a person reads for each number of the section.
WORDS = {
    "contacts": "contacts", "density": "how many of your contacts know each other (density)",
    "constraint": "how closed the network is (constraint)",
    "effective_size": "non-redundant contacts (effective size)",
    "efficiency": "share of contacts who are non-redundant (efficiency)",
    "ei_index": "outside versus inside (E-I index, -1 all inside, +1 all outside)",
    "sector_blau": "variety of sectors (Blau)", "sector_iqv": "variety of sectors (0-1)",
    "function_blau": "variety of functions (Blau)",
    "function_iqv": "variety of functions (0-1)",
    "above_share": "share of contacts above you", "stale_share": "share not seen for a year",
    "outside_share": "share of contacts outside your organisation",
    "strategic_share": "share of strategic contacts",
    "sector_diversity": "variety of sectors (0-1)",
    "function_diversity": "variety of functions (0-1)",
    "inside": "inside your organisation", "outside": "outside your organisation",
    "unknown_place": "inside or outside not known", "share_outside": "share outside",
    "untyped": "with no network type", "sectors": "sectors", "ties": "ties among contacts",
    "above": "above you in seniority",
}


class NetworkSection(Section):
    """The network's hand-in section: counts, shares and measures; no names."""

    contacts: Count = 0
    measures: dict[Ident, Number | None] = {}
    composition: dict[Ident, Number | None | dict[Ident, Number | None]] = {}
    outsight: dict[Ident, Number | None] = {}


class NetworkExercise(Exercise):
    """Map your network: contacts, circles, ties, and what the measures say."""

    id = "network"
    title = "Map your network"
    tables = {
        "network_ego": ("profile (you, at the centre of your map)",
                        "profiles (you, at the centre of your map)"),
        "network_contacts": ("contact in your network", "contacts in your network"),
        "network_ties": ("tie between contacts", "ties between contacts"),
        "network_circles": ("circle of contacts", "circles of contacts"),
        "network_circle_members": ("circle membership", "circle memberships"),
    }
    privacy = ("Counts, shares and measures of your network only: never a contact's name, "
               "organisation, role or note.")
    handin_model = NetworkSection
    demo_section = "network"

    def progress(self, store) -> Progress:
        """Four steps: you at the centre, five people recalled, described, who knows whom."""
        count = lambda sql: store.read(sql)[0][0]  # noqa: E731
        ego = count("SELECT COUNT(*) FROM network_ego WHERE organisation != ''")
        contacts = count("SELECT COUNT(*) FROM network_contacts")
        described = count("SELECT COUNT(*) FROM network_contacts WHERE inside IS NOT NULL "
                          "AND types != ''")
        ties = count("SELECT (SELECT COUNT(*) FROM network_ties) + "
                     "(SELECT COUNT(*) FROM network_circle_members)")
        steps = [ego > 0, contacts >= 5, contacts > 0 and described * 2 >= contacts, ties > 0]
        return Progress(sum(steps), len(steps))

    def demo(self, store, person) -> None:
        """The person's ``network:`` section (a sample network's name, or inline)."""
        from .._content import display_path
        from ..network.demo import fill_network

        if person.data.get("network") is not None:
            fill_network(store, person.data["network"], display_path(person.path))

    def check(self, course) -> list:
        """Problems in the sample networks (:func:`coursekit.network.check_sample_networks`)."""
        from ..network.samples import check_sample_networks

        return check_sample_networks(course)

    def handin(self, store, **options: Any) -> dict[str, Any] | None:
        """Counts, shares, measures and out-sight indicators; None without contacts."""
        from ..network.measures import network_measures
        from ..network.storage import load_network

        network = load_network(store)
        if network.size == 0:
            return None
        m = network_measures(network)
        type_counts = {t: 0 for t in ("operational", "personal", "strategic")}
        for types in network.contacts["types"]:
            for t in types or ():
                type_counts[t] = type_counts.get(t, 0) + 1
        sectors = {str(s).strip().lower() for s in network.contacts["sector"] if str(s).strip()}
        known = m.inside + m.outside
        outsight = {name: (m.outside / known if known else None) if field is None
                    else finite_number(getattr(m, field)) for name, field in OUTSIGHT_FROM_MEASURES}
        untyped = finite_number(m.untyped_share)
        return {
            "contacts": int(m.size),
            "measures": {k: finite_number(getattr(m, k)) for k in HANDIN_MEASURES},
            "composition": {
                "inside": int(m.inside), "outside": int(m.outside),
                "unknown_place": int(m.size - known),
                "share_outside": (m.outside / known) if known else None,
                "types": type_counts,
                "untyped": int(round(untyped * m.size)) if untyped is not None else 0,
                "sectors": len(sectors), "sector_diversity": finite_number(m.sector_iqv),
                "ties": int(m.ties), "above": int(m.above_count),
            },
            "outsight": outsight,
        }

    def describe_handin(self, section: Any) -> list[str]:
        """Every number of the section with its meaning in words."""
        lines = [f"{plural(section['contacts'], 'contact')} (numbers only, no names)"]
        for key, value in section["composition"].items():
            if isinstance(value, Mapping):
                shown = ", ".join(f"{k} {_show(v)}" for k, v in value.items())
                lines.append(f"Contacts by {key.replace('_', ' ')}: {shown or 'none'}")
            else:
                lines.append(f"{WORDS.get(key, key).capitalize()}: {_show(value)}")
        for heading, values in (("Measure", section["measures"]),
                                ("Out-sight", section["outsight"])):
            for key, value in values.items():
                lines.append(f"{heading}: {WORDS.get(key, key)}: {_show(value)}")
        return lines

    def report(self, store, *, today) -> ReportPart:
        """The map, the measures and the out-sight audit (names stay: the report is yours)."""
        from ..report.sections import network_result

        return self._part("My network", "network", net=network_result(store, today=today))

    def dashboard(self, sections: Mapping[str, Any]) -> list[Panel]:
        """The class's network composition, measures and out-sight indicators."""
        from ..classroom import dashboard as tables
        from ..classroom import figures

        rows = []
        for who, net in sections.items():
            row: dict[str, Any] = {"pseudonym": who, "contacts": net["contacts"]}
            for key, value in net.get("composition", {}).items():
                if isinstance(value, Mapping):
                    prefix = "type" if key == "types" else key
                    row.update({f"{prefix}.{k}": v for k, v in value.items()})
                else:
                    row[f"composition.{key}"] = value
            row.update({f"measure.{k}": v for k, v in net.get("measures", {}).items()})
            row.update({f"outsight.{k}": v for k, v in net.get("outsight", {}).items()})
            rows.append(row)
        table = pd.DataFrame(rows, columns=None if rows else ["pseudonym", "contacts"])
        composition = tables.network_composition(table)
        measures = tables.network_measures(table)
        outsight = tables.outsight_indicators(table)
        measures["label"] = [WORDS.get(m, m) for m in measures["measure"]]
        outsight["label"] = [WORDS.get(m, m) for m in outsight["indicator"]]
        counted = measures["measure"].isin(COUNTS)
        sizes, scores = measures[counted], measures[~counted]
        return [
            Panel("The class's networks", "Where the class's contacts are and what kind "
                  "they are.", composition, figures.composition_figure(composition)),
            Panel("The size of the class's networks", "Median and middle half of the class: "
                  "people listed, and how many of them are not redundant.", sizes,
                  figures.indicators_figure(sizes, "label", "Network size across the class",
                                            "number of people")),
            Panel("The class's network measures", "Median and middle half of the class for "
                  "each measure on a scale from 0 to 1 (the E-I index from -1 to +1).", scores,
                  figures.indicators_figure(scores, "label", "Network measures across the "
                                            "class", "0 to 1 (E-I index -1 to +1)")),
            Panel("Out-sight across the class", "How far the class's networks reach "
                  "outside.", outsight, figures.indicators_figure(outsight, "label")),
        ]


#: Network measures that count people (the others are shares or indices from -1 to 1).
COUNTS = ("contacts", "effective_size")


def _show(value: Any) -> str:
    if value is None:
        return "not known"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.2f}"
    return str(value)
