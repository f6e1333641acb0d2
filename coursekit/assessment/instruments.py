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
    reverse_keyed: [cd02]              # optional: a scoring key list, as IPIP publishes them

A band's ``range`` (or the instrument's ``band_ranges``) gives ``[from, to]``; the bands of
a scale must cover the response scale without gaps or overlaps (each band starts where the
one below ends). ``label`` defaults to "Low", "Middle" or "High".

Reverse-keyed items are marked ``reverse: true`` on the item or listed in
``reverse_keyed``; use few of them, since respondents misread them (Swain et al. 2008).

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
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._content import content_path, display_path, load_yaml
from .._errors import ContentError, Problem
from .._validate import FieldChecker, suggest
from .model import BAND_NAMES, FOCUSES, LAYOUTS, Band, Instrument, Item, ResponseScale, Scale

_TOP_FIELDS = {"id", "title", "framework", "citation", "intro", "minutes", "response_scale",
               "min_answered", "band_ranges", "focus", "layout", "scales", "items",
               "reverse_keyed"}
_SCALE_FIELDS = {"id", "name", "description", "min_answered", "bands"}
_BAND_FIELDS = {"label", "meaning", "next_step", "range"}
_ITEM_FIELDS = {"id", "text", "scale", "reverse"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

#: Answers a scale needs before it is scored, when the file does not say.
DEFAULT_MIN_ANSWERED = 2


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _range(check: FieldChecker, value: Any, place: str, lo: int,
           hi: int) -> tuple[float, float] | None:
    """A ``[from, to]`` band range, checked to lie inside the response scale."""
    if not (isinstance(value, list) and len(value) == 2 and all(_number(v) for v in value)):
        check.problem(place, f"should be two numbers [from, to], not {value!r}",
                      f"write e.g. range: [{lo}, {(lo + hi) / 2:g}]")
        return None
    start, end = float(value[0]), float(value[1])
    if start >= end:
        check.problem(place, f"starts at {start:g} but ends at {end:g}",
                      "write the lower score first, e.g. [2.5, 3.5]")
        return None
    if start < lo or end > hi:
        check.problem(place, f"[{start:g}, {end:g}] is out of range: the response scale runs "
                      f"from {lo} to {hi}", f"keep band ranges between {lo} and {hi}")
        return None
    return start, end


def _response_scale(check: FieldChecker, data: Mapping) -> ResponseScale | None:
    raw = check.need(data, "response_scale", dict, "")
    if raw is None:
        return None
    place = "response_scale"
    check.unknown_keys(raw, {"min", "max", "labels"}, place)
    lo = check.need(raw, "min", int, place)
    hi = check.need(raw, "max", int, place)
    labels = check.need(raw, "labels", dict, place)
    if lo is None or hi is None or labels is None:
        return None
    if lo >= hi:
        check.problem(place, f"min ({lo}) is not below max ({hi})", "e.g. min: 1 and max: 5")
        return None
    if hi - lo > 10:
        check.problem(place, f"has {hi - lo + 1} points", "use at most 11 answer options")
        return None
    clean: dict[int, str] = {}
    given: set[int] = set()
    for key, text in labels.items():
        digits = isinstance(key, int) or (isinstance(key, str) and key.isdigit())
        point = int(key) if digits else None
        if point is None or not lo <= point <= hi:
            check.problem(f"{place}: labels: {key}", f"is not a point of the scale {lo}-{hi}",
                          f"label only the points {lo} to {hi}")
            continue
        given.add(point)
        if not isinstance(text, str) or not text.strip():
            check.problem(f"{place}: labels: {key}", "has no label text",
                          f"write what answer {point} means, e.g. {point}: Mostly true")
        else:
            clean[point] = text.strip()
    missing = [p for p in range(lo, hi + 1) if p not in given]
    if missing:
        check.problem(f"{place}: labels", f"has no label for {', '.join(map(str, missing))}",
                      f"give every point of the scale a label, e.g. {missing[0]}: Partly true")
    if len(clean) != hi - lo + 1:
        return None
    return ResponseScale(lo, hi, clean)


def _bands(check: FieldChecker, raw: Any, place: str, defaults: dict[str, tuple[float, float]],
           rs: ResponseScale | None) -> tuple[Band, ...]:
    if not isinstance(raw, Mapping) or not raw:
        check.problem(f"{place}: bands", "has no bands" if not raw else "is not a mapping",
                      "add bands low, middle and high, each with meaning and next_step")
        return ()
    bands = []
    for name, spec in raw.items():
        where = f"{place}: bands: {name}"
        if name not in BAND_NAMES:
            check.problem(where, "is not a band name",
                          f"use {', '.join(BAND_NAMES)}{suggest(str(name), list(BAND_NAMES))}")
            continue
        if not isinstance(spec, Mapping):
            check.problem(where, "is not a mapping", "write label, meaning and next_step under it")
            continue
        check.unknown_keys(spec, _BAND_FIELDS, where)
        meaning = check.need(spec, "meaning", str, where)
        next_step = check.need(spec, "next_step", str, where)
        label = check.need(spec, "label", str, where, required=False) or name.capitalize()
        if rs is None:
            continue
        if "range" in spec:
            span = _range(check, spec["range"], f"{where}: range", rs.min, rs.max)
        elif name in defaults:
            span = defaults[name]
        else:
            check.problem(f"{where}: range", "is missing (and band_ranges has no "
                          f"'{name}')", f"add range: [from, to] or band_ranges: {name}: [..]")
            span = None
        if span and meaning and next_step:
            bands.append(Band(name, label.strip(), span[0], span[1], meaning.strip(),
                              next_step.strip()))
    if len(bands) != len(raw) or rs is None:
        return tuple(bands)
    bands.sort(key=lambda b: b.lower)
    order = [b.name for b in bands]
    if order != sorted(order, key=BAND_NAMES.index):
        check.problem(f"{place}: bands", f"are out of order by score ({', '.join(order)})",
                      "give low the lowest range, then middle, then high")
    if bands[0].lower != rs.min:
        check.problem(f"{place}: bands: {bands[0].name}: range",
                      f"starts at {bands[0].lower:g}, so scores from {rs.min} are in no band",
                      f"start the lowest band at {rs.min}")
    if bands[-1].upper != rs.max:
        check.problem(f"{place}: bands: {bands[-1].name}: range",
                      f"ends at {bands[-1].upper:g}, so scores up to {rs.max} are in no band",
                      f"end the highest band at {rs.max}")
    for below, above in zip(bands, bands[1:], strict=False):
        if below.upper != above.lower:
            what = "a gap" if below.upper < above.lower else "an overlap"
            check.problem(f"{place}: bands: {above.name}: range",
                          f"leaves {what} with {below.name} ({below.name} ends at "
                          f"{below.upper:g}, {above.name} starts at {above.lower:g})",
                          f"start {above.name} where {below.name} ends ({below.upper:g})")
    return tuple(bands)


def parse_instrument(data: Any, file: str, stem: str | None = None) -> Instrument:
    """Build an :class:`Instrument` from parsed YAML.

    Raises one ContentError listing every problem (file, place, fix).
    """
    check = FieldChecker(file)
    if not isinstance(data, Mapping):
        check.problem("", "is not a set of 'field: value' lines",
                      "write the instrument as YAML fields (id, title, scales, items, ...)")
        check.raise_if_any()
    check.unknown_keys(data, _TOP_FIELDS, "")
    iid = check.need(data, "id", str, "")
    if iid and not _ID.match(iid):
        check.problem("id", f"'{iid}' is not a simple id",
                      "use lowercase letters, digits and hyphens, e.g. career-drivers")
    if iid and stem and iid != stem:
        check.problem("id", f"'{iid}' differs from the file name '{stem}'",
                      f"rename the file to {iid}.yaml or set id: {stem}")
    title = check.need(data, "title", str, "")
    framework = check.need(data, "framework", str, "")
    citation = check.need(data, "citation", str, "")
    intro = check.need(data, "intro", str, "")
    minutes = check.need(data, "minutes", int, "", required=False, default=10)
    layout = check.need(data, "layout", str, "", required=False, default="bars")
    if layout not in LAYOUTS:
        check.problem("layout", f"'{layout}' is not a layout", f"use one of {', '.join(LAYOUTS)}")
    focus = check.need(data, "focus", str, "", required=False, default="lowest")
    if focus not in FOCUSES:
        check.problem("focus", f"'{focus}' is not a focus", f"use one of {', '.join(FOCUSES)}")
    rs = _response_scale(check, data)
    default_min = check.need(data, "min_answered", int, "", required=False,
                             default=DEFAULT_MIN_ANSWERED)
    if default_min is not None and default_min < 1:
        check.problem("min_answered", f"is {default_min}", "use 1 or more")
    defaults: dict[str, tuple[float, float]] = {}
    raw_ranges = check.need(data, "band_ranges", dict, "", required=False) or {}
    for name, value in raw_ranges.items():
        if name not in BAND_NAMES:
            check.problem(f"band_ranges: {name}", "is not a band name",
                          f"use {', '.join(BAND_NAMES)}{suggest(str(name), list(BAND_NAMES))}")
        elif rs is not None:
            span = _range(check, value, f"band_ranges: {name}", rs.min, rs.max)
            if span:
                defaults[name] = span

    # items first, so each scale knows its items
    items: list[Item] = []
    raw_items = check.need(data, "items", list, "") or []
    seen_items: dict[str, int] = {}
    written: dict[str, int] = {}
    for i, raw in enumerate(raw_items):
        place = f"items[{i}]"
        if not isinstance(raw, Mapping):
            check.problem(place, "is not a mapping", "write id, scale and text for each item")
            continue
        item_id = raw.get("id")
        if isinstance(item_id, (str, int)) and not isinstance(item_id, bool):
            item_id = str(item_id)
            place = f"items[{i}] (id {item_id})"
        else:
            check.need(raw, "id", str, place)
            item_id = None
        check.unknown_keys(raw, _ITEM_FIELDS, place)
        text = check.need(raw, "text", str, place)
        scale_id = check.need(raw, "scale", str, place)
        reverse = check.need(raw, "reverse", bool, place, required=False, default=False)
        if isinstance(scale_id, str):  # counted even for a faulty item: no knock-on errors
            written[scale_id] = written.get(scale_id, 0) + 1
        if item_id is None:
            continue
        if item_id in seen_items:
            check.problem(place, f"item id '{item_id}' is used twice (first at "
                          f"items[{seen_items[item_id]}])", "give every item its own id")
            continue
        seen_items[item_id] = i
        if text and scale_id:
            items.append(Item(item_id, " ".join(text.split()), scale_id, bool(reverse)))

    reverse_keyed = check.need(data, "reverse_keyed", list, "", required=False) or []
    by_id = {item.id: item for item in items}
    for key in reverse_keyed:
        if str(key) not in seen_items:
            check.problem(f"reverse_keyed: {key}", f"reverse key on a missing item: '{key}' "
                          "is not an item id of this instrument",
                          f"use an item id from items{suggest(str(key), list(seen_items))},"
                          " or remove it from reverse_keyed")
        elif str(key) in by_id:
            old = by_id[str(key)]
            by_id[str(key)] = Item(old.id, old.text, old.scale, True)
    items = [by_id.get(item.id, item) for item in items]

    scales: list[Scale] = []
    raw_scales = check.need(data, "scales", list, "") or []
    seen_scales: set[str] = set()
    for i, raw in enumerate(raw_scales):
        place = f"scales[{i}]"
        if not isinstance(raw, Mapping):
            check.problem(place, "is not a mapping", "write id, name, description and bands")
            continue
        sid = check.need(raw, "id", str, place)
        if sid:
            place = f"scales[{i}] (id {sid})"
        check.unknown_keys(raw, _SCALE_FIELDS, place)
        name = check.need(raw, "name", str, place)
        description = check.need(raw, "description", str, place)
        min_answered = check.need(raw, "min_answered", int, place, required=False,
                                  default=default_min)
        bands = _bands(check, raw.get("bands"), place, defaults, rs)
        if not sid:
            continue
        if sid in seen_scales:
            check.problem(place, f"scale id '{sid}' is used twice", "give every scale its own id")
            continue
        seen_scales.add(sid)
        its = tuple(item.id for item in items if item.scale == sid)
        count = written.get(sid, 0)
        if not count:
            check.problem(place, "has no items",
                          f"add items with scale: {sid}, or remove the scale")
        elif min_answered is not None and not 1 <= min_answered <= count:
            check.problem(f"{place}: min_answered",
                          f"is {min_answered} but the scale has {count} item(s)",
                          f"use a number from 1 to {count}")
        if name and description and bands:
            scales.append(Scale(sid, name.strip(), " ".join(description.split()), bands,
                                min(min_answered or 1, max(len(its), 1)), its))
    for item in items:
        if item.scale not in seen_scales and raw_scales:
            check.problem(f"items[{seen_items[item.id]}] (id {item.id}): scale",
                          f"'{item.scale}' is not a scale of this instrument",
                          f"use one of: {', '.join(sorted(seen_scales))}"
                          f"{suggest(item.scale, sorted(seen_scales))}")
    if layout == "hexagon" and len(raw_scales) != 6:
        check.problem("layout",
                      f"hexagon needs exactly six scales, this file has {len(raw_scales)}",
                      "list the six RIASEC types in hexagon order, or use layout: bars")
    check.raise_if_any()
    return Instrument(iid, title.strip(), framework.strip(), " ".join(citation.split()),
                      intro.strip(), rs, tuple(scales), tuple(items), minutes, layout, focus)


def load_instrument_file(path: str | Path) -> Instrument:
    """Load and validate one instrument file."""
    path = Path(path)
    inst = parse_instrument(load_yaml(path), display_path(path), path.stem)
    return Instrument(**{**inst.__dict__, "path": path})


def _folder(course: str | Path | None) -> Path:
    return content_path("instruments", course)


def list_instruments(course: str | Path | None = None) -> list[Instrument]:
    """Every instrument of the course, sorted by id.

    Raises ContentError when a file is not valid (``coursekit check`` lists them all).
    """
    return [load_instrument_file(p) for p in sorted(_folder(course).glob("*.yaml"))]


_CACHE: dict[tuple[str, int, int], Instrument] = {}


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
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = load_instrument_file(path)
    return _CACHE[key]


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


def responses_problems(data: Any, file: str, instruments: Mapping[str, Instrument | None],
                       place: str = "responses") -> list[Problem]:
    """Problems in a sample person's ``responses`` section.

    See :func:`coursekit.assessment.demo.fill_responses` for the format.

    ``instruments`` maps ids to instruments; an id mapped to None is an instrument whose
    own file has problems, and its responses are not checked.
    """
    check = FieldChecker(file)
    if not isinstance(data, Mapping):
        check.problem(place, "is not a mapping of instrument ids to lists of attempts",
                      "write e.g. 'career-drivers:' then '- {cd01: 4, cd02: 5}'")
        return check.problems
    for iid, attempts in data.items():
        where = f"{place}: {iid}"
        if iid not in instruments:
            check.problem(where, "is not an instrument id",
                          f"use one of: {', '.join(sorted(instruments))}"
                          f"{suggest(str(iid), sorted(instruments))}")
            continue
        inst = instruments[iid]
        if not isinstance(attempts, list) or not attempts:
            check.problem(where, "should be a list of attempts",
                          "write one '- {item: answer, ...}' line per attempt")
            continue
        if inst is None:
            continue
        for n, answers in enumerate(attempts):
            at = f"{where}[{n}]"
            if not isinstance(answers, Mapping) or not answers:
                check.problem(at, "should map item ids to answers", "e.g. {cd01: 4, cd02: 5}")
                continue
            for item_id, value in answers.items():
                try:
                    check_response_value(inst, str(item_id), value)
                except ValueError as exc:
                    known = list(inst.item_ids)
                    fix = (f"use an item id of {iid}{suggest(str(item_id), known)}"
                           if str(item_id) not in known else
                           f"answer with a whole number from {inst.response_scale.min} to "
                           f"{inst.response_scale.max}")
                    check.problem(f"{at}: {item_id}", str(exc), fix)
    return check.problems


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
    for person in sorted((content_path("samples", course) / "people").glob("*.yaml")):
        try:
            data = load_yaml(person)
        except ContentError:
            data = None  # an unreadable file is reported by the sample people checker
        if isinstance(data, Mapping) and data.get("responses") is not None:
            problems.extend(responses_problems(data["responses"], display_path(person),
                                               instruments))
    return problems
