"""Loading and checking instruments: the questionnaires in ``instruments/*.yaml``.

File format
-----------
One YAML file per instrument, named after its id (``instruments/career-drivers.yaml``)::

    id: career-drivers                 # same as the file name
    title: What drives your career?
    framework: Schein's eight career anchors
    citation: "Schein, E. H. (1990). Career anchors ..."
    intro: |                           # shown above the questions (Markdown-free text)
      ...
    minutes: 8                         # optional, default 10
    response_scale:
      min: 1
      max: 5
      labels: {1: Not true of me, 2: ..., 3: ..., 4: ..., 5: Completely true of me}
    min_answered: 2                    # answers a scale needs to be scored (default 2)
    band_ranges:                       # optional default score ranges of the bands
      low: [1, 2.5]
      middle: [2.5, 3.5]
      high: [3.5, 5]
    focus: lowest                      # "what to do next" starts from: lowest | highest
    layout: bars                       # bars (default) | hexagon (six scales, RIASEC order)
    branch:                            # optional: a question asked before the items
      question: Where would the move take you?
      options:                         # at least two
        - {id: abroad, label: To another country}
        - {id: home, label: Elsewhere in my own country}
    scales:
      - id: technical
        name: Technical mastery
        description: ...
        min_answered: 2                # optional, overrides the instrument's
        bands:                         # low / middle / high (at least one)
          low:    {label: ..., meaning: ..., next_step: ...}
          middle: {label: ..., meaning: ..., next_step: ...}
          high:   {label: ..., meaning: ..., next_step: ..., range: [3.5, 5]}
    items:
      - {id: cd01, scale: technical, text: "..."}
      - {id: cd02, scale: technical, text: "...", reverse: true}
      - {id: cd03, scale: technical, text: "...", only_for: [abroad]}   # asked only then
      - {id: cd04, scale: technical, text: "...", may_not_apply: true}  # "Does not apply"
    reverse_keyed: [cd02]              # optional: a scoring key list, as IPIP publishes them

A band's ``range`` (or the instrument's ``band_ranges``) gives ``[from, to]``; the bands of
a scale must cover the response scale without gaps or overlaps (each band starts where the
one below ends). ``label`` defaults to "Low", "Middle" or "High".

Reverse-keyed items are marked ``reverse: true`` on the item or listed in
``reverse_keyed``; use few of them, since respondents misread them (Swain et al. 2008).

An item ``only_for`` some branch options is asked only when the learner chose one of
them (all items are asked until they choose). An item that ``may_not_apply`` offers "Does
not apply to me" (statements about a partner or children, say). Either way the item leaves
its scale: the scale then needs ``min(min_answered, items that apply)`` answers, and a scale
none of whose items applies is reported as "does not apply" instead of being scored.

Every problem is reported with the file, the place (field or item id) and a fix, all at
once, by :func:`check_instruments` (``coursekit check``).

Examples
--------
>>> inst = load_instrument("career-drivers")
>>> inst.response_scale.min, inst.response_scale.max, len(inst.scales)
(1, 5, 8)
>>> "move-readiness" in [i.id for i in list_instruments()]
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo

from .._content import content_path, display_path, load_yaml
from .._errors import ContentError, Problem
from .._problems import Places, suggest
from .._schema import Key, Note, always, fail, problems_of, refers_to, validate
from .model import Instrument

#: How an instrument file names its places: ``items[4] (id b1): scale``.
PLACES = Places(named=True, listed=("reverse_keyed",))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def parse_instrument(data: Any, file: str, stem: str | None = None) -> Instrument:
    """Build an :class:`Instrument` from parsed YAML.

    Raises one ContentError listing every problem (file, place, fix).
    """
    return validate(Instrument, data, file, places=PLACES,
                    context={"stem": stem, "suffix": ".yaml"})


def load_instrument_file(path: str | Path) -> Instrument:
    """Load and validate one instrument file."""
    path = Path(path)
    inst = parse_instrument(load_yaml(path), display_path(path), path.stem)
    return inst.model_copy(update={"path": path})


def _folder(course: str | Path | None) -> Path:
    return content_path("instruments", course)


def list_instruments(course: str | Path | None = None) -> list[Instrument]:
    """Every instrument of the course, sorted by id.

    Raises ContentError when a file is not valid (``coursekit check`` lists them all).
    Files are cached as by :func:`load_instrument` (every demo store reads them all).
    """
    return [_cached(p) for p in sorted(_folder(course).glob("*.yaml"))]


_CACHE: dict[tuple[str, int, int, int], Instrument] = {}


def _cached(path: Path) -> Instrument:
    """``load_instrument_file(path)``, cached by path, modification time and size."""
    stat = path.stat()  # absolute(), not resolve(): no lstat of every folder on the way
    key = (str(path.absolute()), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    if key not in _CACHE:
        _CACHE[key] = load_instrument_file(path)
    return _CACHE[key]


def load_instrument(instrument_id: str, course: str | Path | None = None) -> Instrument:
    """The instrument with this id from the course's ``instruments/`` folder.

    Loaded files are cached by path and modification time, so re-running a notebook cell
    is fast and an edited file is read again.

    Raises
    ------
    KeyError
        No instrument has this id; the message lists those that exist.
    ContentError
        The file is not valid; the message names each problem's place and fix.
    """
    path = _folder(course) / f"{instrument_id}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in sorted(_folder(course).glob("*.yaml"))) or "none"
        raise KeyError(f"no instrument '{instrument_id}' in {display_path(_folder(course))}. "
                       f"Instruments: {known}")
    return _cached(path)


def check_response_value(instrument: Instrument, item_id: str, value: Any) -> int:
    """A valid answer to one item as an int; ValueError saying what is wrong otherwise."""
    rs = instrument.response_scale
    if item_id not in instrument.item_ids:
        raise ValueError(f"'{item_id}' is not an item of {instrument.id}")
    if isinstance(value, bool) or not _number(value) or value != int(value):
        raise ValueError(f"answer {value!r} to {item_id} is not a whole number from "
                         f"{rs.min} to {rs.max}")
    if not rs.min <= value <= rs.max:
        raise ValueError(f"answer {value!r} to {item_id} is out of range: the response "
                         f"scale runs from {rs.min} to {rs.max}")
    return int(value)


def _a_mapping(value: Any) -> Any:
    if not isinstance(value, Mapping):
        fail("is not a mapping of instrument ids to lists of attempts",
             "write e.g. 'career-drivers:' then '- {cd01: 4, cd02: 5}'")
    return value


def _attempts(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        fail("should be a list of attempts", "write one '- {item: answer, ...}' line per attempt")
    return value


def _answers(value: Any) -> Any:
    if not isinstance(value, Mapping) or not value:
        fail("should map item ids to answers", "e.g. {cd01: 4, cd02: 5}")
    return value


def _answers_fit(data: Any, info: ValidationInfo) -> list[Note]:
    """Each answer is an item of its instrument and a point of its response scale."""
    notes = []
    for iid, attempts in data.items() if isinstance(data, Mapping) else ():
        inst = (info.context or {}).get("instruments", {}).get(iid)
        for n, answers in enumerate(attempts if inst and isinstance(attempts, list) else ()):
            for item_id, value in answers.items() if isinstance(answers, Mapping) else ():
                try:
                    check_response_value(inst, str(item_id), value)
                except ValueError as exc:
                    known = inst.item_ids
                    fix = (f"use an item id of {iid}{suggest(str(item_id), known)}"
                           if str(item_id) not in known else
                           f"answer with a whole number from {inst.response_scale.min} to "
                           f"{inst.response_scale.max}")
                    notes.append(Note(str(exc), fix, (iid, n, item_id)))
    return notes


#: A sample person's ``responses``: instrument ids, each with a list of attempts.
Responses = Annotated[
    dict[Annotated[str, refers_to("instruments", "is not an instrument id",
                                  "use one of: {known}{hint}")],
         Annotated[tuple[Annotated[dict[Key, Any], BeforeValidator(_answers)], ...],
                   BeforeValidator(_attempts)]],
    BeforeValidator(_a_mapping), always(_answers_fit)]


def responses_problems(data: Any, file: str, instruments: Mapping[str, Instrument | None],
                       place: str = "responses") -> list[Problem]:
    """Problems in a sample person's ``responses`` section.

    See :func:`coursekit.assessment.demo.fill_responses` for the format.

    ``instruments`` maps ids to instruments; an id mapped to None is an instrument whose
    own file has problems, and its responses are not checked.
    """
    return problems_of(Responses, data, file, places=Places(prefix=(place,)),
                       context={"instruments": instruments})[1]


def check_instruments(course: str | Path) -> list[Problem]:
    """Problems in the course's instruments and in the sample people's answers to them.

    Used by ``coursekit check``; never raises for a bad file, reports it and goes on.

    Examples
    --------
    >>> from coursekit._content import packaged_course
    >>> check_instruments(packaged_course())
    []
    """
    problems: list[Problem] = []
    instruments: dict[str, Instrument | None] = {}
    for path in sorted(_folder(course).glob("*.yaml")):
        try:
            inst = load_instrument_file(path)
            instruments[inst.id] = inst
        except ContentError as exc:
            problems.extend(exc.problems)
            instruments[path.stem] = None
    from ..demo import sample_sections

    for file, responses in sample_sections(course, "responses"):
        problems.extend(responses_problems(responses, file, instruments))
    return problems
