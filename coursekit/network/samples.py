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
from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints, ValidationInfo, model_validator

from .._content import content_path, display_path, load_yaml
from .._errors import NotFoundError, Problem
from .._limits import LINE, TEXT
from .._problems import Places
from .._schema import (
    ContentModel,
    Day,
    Flag,
    Key,
    Text,
    Whole,
    between,
    declare,
    fail,
    refers_to,
    unique,
    validate,
)
from .model import Circle, Contact, Ego, Network, Tie
from .records import (
    DEFAULT_CIRCLE_STRENGTH,
    DEFAULT_STRENGTH,
    SENIORITY_MAX,
    SENIORITY_MIN,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TIE_MAX,
    TIE_MIN,
    parse_circles,
    parse_inside,
    parse_types,
)


def _folded(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return value


#: One line of text (a name, an organisation), spaces folded; may be left out.
Line = Annotated[str, BeforeValidator(_folded), StringConstraints(max_length=LINE)]
#: Free text (notes).
Notes = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=TEXT)]
#: The id of a contact of the network.
ContactId = Annotated[Key, refers_to("contacts", "'{value}' is not a contact of this network",
                                     "use the id of a contact listed under contacts{hint}")]


class SampleEgo(ContentModel):
    """The person at the centre of a sample network."""

    label: Line = "You"
    organisation: Line = ""
    sector: Line = ""
    function: Line = ""


class SampleCircle(ContentModel):
    """A group whose members all know each other."""

    name: Annotated[Line, StringConstraints(min_length=1)]
    strength: Annotated[Whole, between(TIE_MIN, TIE_MAX, "how well its members know each "
                                       "other, 1 ... 5")] = DEFAULT_CIRCLE_STRENGTH
    notes: Notes = ""


class SampleContact(ContentModel):
    """One person the learner knows (see :class:`~coursekit.network.model.Contact`)."""

    id: Key
    name: Annotated[Line, StringConstraints(min_length=1)]
    inside: Annotated[bool | None, BeforeValidator(parse_inside)] = None
    organisation: Line = ""
    sector: Line = ""
    function: Line = ""
    role: Line = ""
    seniority: Annotated[Whole, between(SENIORITY_MIN, SENIORITY_MAX, "levels above you "
                                        "(+) or below you (-), e.g. 2 for two levels above"),
                         ] | None = None
    types: Annotated[tuple[str, ...], BeforeValidator(parse_types)] = ()
    strength: Annotated[Whole, between(STRENGTH_MIN, STRENGTH_MAX, "1 acquaintance ... 5 "
                                       "very close")] = DEFAULT_STRENGTH
    last_contact: Day | None = None
    circles: Annotated[tuple[Line, ...], BeforeValidator(parse_circles)] = ()
    notes: Notes = ""


class SampleTie(ContentModel):
    """A tie between two contacts, overriding their circles (0: they do not know each other)."""

    a: ContactId
    b: ContactId
    strength: Annotated[Whole, between(TIE_MIN, TIE_MAX, "0 they do not know each other ... "
                                       "5 very close")] = 1

    @model_validator(mode="after")
    def _two_people(self) -> SampleTie:
        if self.a == self.b:
            fail(f"joins contact {self.a} to itself", "pick two different contacts", "b")
        return self


def _pair(tie: Mapping) -> str | None:
    ends = [tie.get("a"), tie.get("b")]
    return "-".join(sorted(map(str, ends))) if None not in ends else None


class SampleNetwork(ContentModel):
    """A sample network file, or a sample person's inline ``network:`` section."""

    id: Text | None = None
    title: Text | None = None
    description: Text | None = None
    fictitious: Flag = False
    as_of: Day | None = None
    ego: SampleEgo = SampleEgo()
    circles: tuple[SampleCircle, ...] = ()
    contacts: Annotated[tuple[SampleContact, ...], unique("id", "contact id")] = ()
    ties: Annotated[tuple[SampleTie, ...], unique(_pair, "tie")] = ()

    @model_validator(mode="before")
    @classmethod
    def _declare_contacts(cls, data: Any, info: ValidationInfo) -> Any:
        declare(info, "contacts", data, "contacts")
        return data

    def network(self, today: date | None = None) -> Network:
        """The network, its dates shifted so that ``as_of`` falls on ``today``."""
        shift = (today or date.today()) - self.as_of if self.as_of else timedelta(0)
        contacts = [Contact(**{**c.model_dump(), "last_contact": c.last_contact + shift
                               if c.last_contact else None}) for c in self.contacts]
        ties = [Tie(min(t.a, t.b), max(t.a, t.b), t.strength) for t in self.ties]
        circles = [Circle(**c.model_dump()) for c in self.circles]
        return Network.from_records(Ego(**self.ego.model_dump()), contacts, ties, circles,
                                    check=False)


def networks_dir(course: str | Path | None = None) -> Path:
    """The folder of sample networks, ``samples/networks``."""
    return content_path("samples", course) / "networks"


def sample_networks(course: str | Path | None = None) -> list[str]:
    """Names of the sample networks (file names without ``.yaml``)."""
    return sorted(p.stem for p in networks_dir(course).glob("*.yaml"))


def load_sample_network(name: str, *, today: date | None = None,
                        course: str | Path | None = None) -> Network:
    """A sample network by name, e.g. ``"harris-before"``, ``"harris-after"``, ``"amara"``.

    Raises NotFoundError for an unknown name (naming those that exist) and ContentError for
    an invalid file (each problem with its place and fix).
    """
    path = networks_dir(course) / f"{name}.yaml"
    if not path.is_file():
        raise NotFoundError("sample network", name, sample_networks(course))
    return network_from_data(load_yaml(path), display_path(path), today=today)


def network_from_data(data: Any, file: str, place: str = "", *,
                      today: date | None = None) -> Network:
    """A network from parsed YAML (a sample file or a person's ``network:`` section).

    All problems are raised together as one ContentError naming ``file`` and each place.
    """
    places = Places(nest=".", prefix=(place,) if place else ())
    return validate(SampleNetwork, data, file, places=places).network(today)


def check_sample_networks(course: str | Path) -> list[Problem]:
    """Problems in the course's sample networks (for ``coursekit check``)."""
    from ..check import collect_problems

    return collect_problems(
        sorted(networks_dir(course).glob("*.yaml")),
        lambda path: network_from_data(load_yaml(path), display_path(path)))
