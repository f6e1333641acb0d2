"""Synthetic hand-ins, no real person behind any: a demo class, and data for tests."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..exercises.network import HANDIN_MEASURES, OUTSIGHT_FROM_MEASURES
from .handin_format import FORMAT, MIGRATIONS

#: Each network type, with the chance that a made-up contact is of it.
_NETWORK_TYPES = {"operational": 0.7, "personal": 0.4, "strategic": 0.2}


@dataclass
class Template:
    """What synthetic hand-ins are drawn around: scales' items and decision points' options."""

    instruments: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    decisions: dict[tuple[str, str], list[str]] = field(default_factory=dict)


def builtin_template() -> Template:
    """A fixed template that does not depend on the course content (tests, benchmarks)."""
    drivers = {"autonomy": ["cd1", "cd2", "cd3", "cd4"], "security": ["cd5", "cd6", "cd7", "cd8"],
               "challenge": ["cd9", "cd10", "cd11"]}
    audit = {"outside-reach": ["oa1", "oa2", "oa3"], "visibility": ["oa4", "oa5", "oa6"]}
    return Template(
        instruments={"career-drivers": drivers, "outsight-audit": audit},
        decisions={("the-first-step", "wait-or-act"): ["wait", "ask-hr", "look-outside"],
                   ("the-career-impasse", "what-next"): ["work-harder", "more-advisers",
                                                         "go-outside", "quit"]})


def content_template() -> Template:
    """Every scale (with its items) and decision point (with its options) of the course."""
    from ..assessment import list_instruments
    from ..cases import list_cases

    return Template(
        instruments={instrument.id: {s.id: list(s.item_ids) for s in instrument.scales}
                     for instrument in list_instruments()},
        decisions={(case.id, d.id): list(d.option_ids) for case in list_cases()
                   for d in case.decisions})


def synthetic_handin(rng: random.Random, template: Template, *, created_at: datetime,
                     demo: bool = True, course: str = "take-charge-of-your-career"
                     ) -> dict[str, Any]:
    """One made-up learner's hand-in (drawn in the version 2 layout, returned as version 3)."""
    assessments = []
    for instrument, scales in template.instruments.items():
        traits = {scale: rng.gauss(3.2, 0.8) for scale in scales}
        for attempt in ["before", "after"] if rng.random() < 0.5 else ["before"]:
            shift = 0.3 if attempt == "after" else 0.0
            scores, items = {}, {}
            for scale, item_ids in scales.items():
                answers = {i: float(min(5, max(1, round(traits[scale] + shift
                                                        + rng.gauss(0, 0.7)))))
                           for i in item_ids}
                if answers:
                    items[scale] = answers
                    scores[scale] = round(sum(answers.values()) / len(answers), 4)
                else:
                    scores[scale] = round(min(5.0, max(1.0, traits[scale] + shift)), 4)
            assessments.append({"instrument": instrument, "attempt": attempt,
                                "scales": scores, "items": items})
    network = None
    if rng.random() < 0.9:
        contacts = rng.randint(1, 60)
        outside = sum(rng.random() < rng.uniform(0.1, 0.7) for _ in range(contacts))
        types = {t: sum(rng.random() < p for _ in range(contacts))
                 for t, p in _NETWORK_TYPES.items()}
        measures = {m: round(rng.uniform(0, 1), 4) for m in HANDIN_MEASURES}
        if "effective_size" in measures:
            measures["effective_size"] = round(rng.uniform(1, contacts), 4)
        if "ei_index" in measures:
            measures["ei_index"] = round((2 * outside - contacts) / contacts, 4)
        network = {"contacts": contacts, "measures": measures,
                   "composition": {"inside": contacts - outside, "outside": outside,
                                   "share_outside": round(outside / contacts, 4),
                                   "types": types, "sectors": rng.randint(1, 6)},
                   "outsight": {m: round(rng.uniform(0, 1), 4) for m, _ in OUTSIGHT_FROM_MEASURES}}
    decisions = [{"case": case, "point": point, "choice": rng.choice(options)}
                 for (case, point), options in template.decisions.items()
                 if options and rng.random() < 0.95]
    steps = rng.randint(0, 6)
    plan = {"steps": steps, "if_then": rng.randint(0, steps), "done": rng.randint(0, steps)} \
        if steps else None
    return MIGRATIONS[2]({
        "format": FORMAT, "version": 2, "course": course, "coursekit_version": "0.1.0",
        "pseudonym": "p-" + "".join(rng.choice("0123456789abcdef") for _ in range(16)),
        "created_at": created_at.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "demo": demo,
        "assessments": assessments, "network": network, "decisions": decisions,
        "plan": plan, "reflections": []})


def synthetic_handins(n: int, *, seed: int = 0, template: Template | None = None,
                      demo: bool = True, course: str = "take-charge-of-your-career"
                      ) -> list[dict[str, Any]]:
    """``n`` made-up hand-ins with distinct pseudonyms, reproducible from ``seed``."""
    rng = random.Random(seed)
    template = template or builtin_template()
    start = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    return [synthetic_handin(rng, template, created_at=start + timedelta(minutes=i),
                             demo=demo, course=course) for i in range(n)]


def sample_people_handins() -> list[dict[str, Any]]:
    """The hand-ins of the course's sample people (made from their demo stores).

    Filling five demo stores takes 0.4 s, in every new kernel that shows the demo class:
    the result is cached on disk for the same course content and coursekit
    (:func:`coursekit._cache.cached_json`), so the class dashboard opens in half the time.
    """
    from .._cache import cached_json

    return cached_json("demo-class-people", _sample_people_handins)


def _sample_people_handins() -> list[dict[str, Any]]:
    from ..demo import fill_store, sample_people
    from ..store import LearnerStore
    from .handin import make_handin

    out = []
    for person in sample_people():  # each file read once, not again by demo_store
        with fill_store(LearnerStore(":memory:", demo=True), person) as store:
            out.append(make_handin(store, include_item_responses=True))
    return out


def demo_class(n: int = 30, *, seed: int = 2025) -> list[dict[str, Any]]:
    """A demo class of ``n`` hand-ins: the sample people's own, then made-up classmates."""
    people = sample_people_handins()
    template, fallback = content_template(), builtin_template()
    template.instruments = template.instruments or fallback.instruments
    template.decisions = template.decisions or fallback.decisions
    course = people[0]["course"] if people else "take-charge-of-your-career"
    rest = synthetic_handins(max(0, n - len(people)), seed=seed, template=template, course=course)
    return people[:n] + rest
