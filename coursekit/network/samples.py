"""Sample networks shipped with the course: Harris before and after, and demo data.

A sample network is a YAML file in ``samples/networks/`` (all people fictitious)::

    title: Harris before the turn
    description: ...
    as_of: 2024-06-01          # the day the sample describes (see below)
    ego: {label: Harris, organisation: ..., sector: ..., function: ...}
    circles:                   # groups whose members all know each other
      - {name: Risk team, strength: 3}
    contacts:
      - {id: h1, name: ..., inside: true, organisation: ..., sector: ..., function: ...,
         role: ..., seniority: 1, types: [operational], strength: 4,
         last_contact: 2024-05-20, circles: [Risk team], notes: ...}
    ties:                      # pairwise ties, overriding circles; 0 = do not know each other
      - {a: h1, b: h7, strength: 2}

Dates are shifted so that ``as_of`` is today when the sample is loaded: a sample looks the
same (and its stale-tie share stays the same) whatever the day it is shown.

The same fields, held inline under ``network:`` in a sample person's file, describe that
person's network (see :mod:`coursekit.network.demo`).

Examples
--------
>>> sorted(sample_networks())[:2]
['amara', 'harris-after']
>>> load_sample_network("harris-before").size
30
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .._content import content_path, display_path, load_yaml
from .._errors import ContentError, InputError, Problem
from .._validate import FieldChecker
from .model import (
    NETWORK_TYPES,
    Circle,
    Contact,
    Ego,
    Network,
    Tie,
    check_circle,
    check_contact,
    check_tie,
    network_problems,
)

_TOP = {"id", "title", "description", "as_of", "ego", "circles", "contacts", "ties",
        "fictitious"}
_CONTACT = {"id", "name", "inside", "organisation", "sector", "function", "role",
            "seniority", "types", "strength", "last_contact", "circles", "notes"}
_EGO = {"label", "organisation", "sector", "function"}


def networks_dir(course: str | Path | None = None) -> Path:
    """The folder of sample networks, ``samples/networks``."""
    return content_path("samples", course) / "networks"


def sample_networks(course: str | Path | None = None) -> list[str]:
    """Names of the sample networks (file names without ``.yaml``)."""
    return sorted(p.stem for p in networks_dir(course).glob("*.yaml"))


def load_sample_network(name: str, course: str | Path | None = None, *,
                        today: date | None = None) -> Network:
    """A sample network by name, e.g. ``"harris-before"``, ``"harris-after"``, ``"amara"``.

    Raises
    ------
    KeyError
        No sample network of that name (the message lists those that exist).
    ContentError
        The file is not valid (each problem with its place and fix).
    """
    path = networks_dir(course) / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(sample_networks(course)) or "none"
        raise KeyError(f"no sample network '{name}'. Sample networks: {known}")
    return network_from_data(load_yaml(path), display_path(path), today=today)


def sample_title(name: str, course: str | Path | None = None) -> str:
    """The title of a sample network (for figure titles)."""
    data = load_yaml(networks_dir(course) / f"{name}.yaml")
    return str(data.get("title", name)) if isinstance(data, Mapping) else name


def network_from_data(data: Any, file: str, place: str = "", *,
                      today: date | None = None) -> Network:
    """Build a network from parsed YAML: a sample file or a person's ``network:`` section.

    Every field is checked; all problems are raised together as one ContentError naming
    ``file`` and the place (e.g. ``contacts[3]: strength``).
    """
    check = FieldChecker(file)
    def at(part: str) -> str:
        return f"{place}.{part}" if place else part

    if not isinstance(data, Mapping):
        check.problem(place, "is not a set of 'field: value' lines",
                      "write ego, circles, contacts and ties as YAML fields")
        check.raise_if_any()
    check.unknown_keys(data, _TOP, place)
    as_of = data.get("as_of")
    shift = timedelta(0)
    if as_of is not None:
        if not isinstance(as_of, date):
            check.problem(at("as_of"), f"'{as_of}' is not a date", "write it as 2024-06-01")
        else:
            shift = (today or date.today()) - as_of
    ego_data = data.get("ego") or {}
    if not isinstance(ego_data, Mapping):
        check.problem(at("ego"), "is not a mapping", "write label, organisation, sector, "
                      "function under ego:")
        ego_data = {}
    check.unknown_keys(ego_data, _EGO, at("ego"))
    ego = Ego(**{k: str(v) for k, v in ego_data.items() if k in _EGO})
    circles = []
    for k, item in enumerate(data.get("circles") or []):
        where = at(f"circles[{k}]")
        if not isinstance(item, Mapping):
            check.problem(where, "is not a mapping", "write {name: ..., strength: 2}")
            continue
        check.unknown_keys(item, {"name", "strength", "notes"}, where)
        try:
            circles.append(check_circle(Circle(item.get("name", ""), item.get("strength", 2),
                                               item.get("notes", ""))))
        except InputError as exc:
            check.problem(where, str(exc).split(". Fix: ")[0], _fix(exc))
    contacts = []
    raw_contacts = data.get("contacts")
    if raw_contacts is not None and not isinstance(raw_contacts, list):
        check.problem(at("contacts"), "is not a list", "write one '- {id: ..., name: ...}' "
                      "per contact")
        raw_contacts = []
    for k, item in enumerate(raw_contacts or []):
        where = at(f"contacts[{k}]")
        if not isinstance(item, Mapping):
            check.problem(where, "is not a mapping", "write {id: ..., name: ..., ...}")
            continue
        check.unknown_keys(item, _CONTACT, where)
        cid = check.need(item, "id", (str, int), where)
        check.need(item, "name", str, where)
        types = item.get("types") or ()
        if isinstance(types, str):
            types = [types]
        for t in types:
            if t not in NETWORK_TYPES:
                check.problem(f"{where}: types", f"'{t}' is not a network type",
                              f"use {', '.join(NETWORK_TYPES)}")
        last = item.get("last_contact")
        if last is not None and not isinstance(last, date):
            check.problem(f"{where}: last_contact", f"'{last}' is not a date",
                          "write it as 2024-05-20")
            last = None
        try:
            contacts.append(check_contact(Contact(
                id=str(cid), name=str(item.get("name", "")), inside=item.get("inside"),
                organisation=item.get("organisation", ""), sector=item.get("sector", ""),
                function=item.get("function", ""), role=item.get("role", ""),
                seniority=item.get("seniority"),
                types=[t for t in types if t in NETWORK_TYPES],
                strength=item.get("strength", 1),
                last_contact=last + shift if last else None,
                circles=item.get("circles") or (), notes=item.get("notes", ""))))
        except InputError as exc:
            check.problem(where, str(exc).split(". Fix: ")[0], _fix(exc))
    ties = []
    for k, item in enumerate(data.get("ties") or []):
        where = at(f"ties[{k}]")
        if not isinstance(item, Mapping):
            check.problem(where, "is not a mapping", "write {a: id, b: id, strength: 2}")
            continue
        check.unknown_keys(item, {"a", "b", "strength"}, where)
        a = check.need(item, "a", (str, int), where)
        b = check.need(item, "b", (str, int), where)
        if a is None or b is None:
            continue
        try:
            ties.append(check_tie(Tie(str(a), str(b), item.get("strength", 1))))
        except InputError as exc:
            check.problem(where, str(exc).split(". Fix: ")[0], _fix(exc))
    check.raise_if_any()
    network = Network.from_records(ego, contacts, ties, circles, check=False)
    problems = [Problem(file, at(p.place), p.problem, p.fix)
                for p in network_problems(network) if p.blocking]
    if problems:
        raise ContentError(problems)
    return network


def _fix(exc: InputError) -> str:
    text = str(exc)
    return text.split(". Fix: ", 1)[1] if ". Fix: " in text else "correct the value"


def check_sample_networks(course: str | Path) -> list[Problem]:
    """Problems in the course's sample networks (for ``coursekit check``)."""
    from ..check import collect_problems

    return collect_problems(
        sorted(networks_dir(course).glob("*.yaml")),
        lambda path: network_from_data(load_yaml(path), display_path(path)))
