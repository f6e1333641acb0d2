"""The instrument model: frozen pydantic models that are also the instrument file's format.

An :class:`Instrument` holds a :class:`ResponseScale` (the answer options with their
labels), its :class:`Scale` objects (each with interpretation :class:`Band` objects) and
its :class:`Item` objects. The file format is described in
:mod:`coursekit.assessment.instruments`; the checks below are the whole of its validation,
each problem with its place (``scales[0] (id alpha): bands: high: range``) and fix.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, get_args, overload

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .._schema import (
    ContentModel,
    ExerciseFile,
    Flag,
    Key,
    NonEmpty,
    Note,
    NotInFile,
    Number,
    Positive,
    Prose,
    Text,
    Whole,
    declare,
    fail,
    identifier,
    refers_to,
    report,
    same_as_file_name,
    unique,
)
from ._branch import Branch

if TYPE_CHECKING:
    import numpy as np

BandName = Literal["low", "middle", "high"]
#: The band names an instrument may use, low to high.
BAND_NAMES: tuple[str, ...] = get_args(BandName)

#: How scales are drawn: sorted bars (default) or Holland's hexagon (order fixed by theory).
Layout = Literal["bars", "hexagon"]
#: Which scales the "what to do next" advice starts from.
Focus = Literal["lowest", "highest"]

#: Answers a scale needs before it is scored, when the file does not say.
DEFAULT_MIN_ANSWERED = 2


def _two_numbers(value: Any) -> Any:
    if not (isinstance(value, (list, tuple)) and len(value) == 2):
        fail(f"should be two numbers [from, to], not {value!r}", "write e.g. range: [2.5, 3.5]")
    return value


def _ascending(span: tuple[float, float]) -> tuple[float, float]:
    if span[0] >= span[1]:
        fail(f"starts at {span[0]:g} but ends at {span[1]:g}",
             "write the lower score first, e.g. [2.5, 3.5]")
    return span


#: A band's scores ``[from, to]``.
Range = Annotated[tuple[Number, Number], BeforeValidator(_two_numbers),
                  AfterValidator(_ascending)]


class ResponseScale(ContentModel):
    """The answer options: whole numbers from ``min`` to ``max``, each with a label.

    Examples
    --------
    >>> rs = ResponseScale(min=1, max=5, labels={1: "Not true", 2: "Slightly", 3: "Partly",
    ...                                          4: "Mostly", 5: "Completely"})
    >>> list(rs.points), rs.reverse(2)
    ([1, 2, 3, 4, 5], 4)
    """

    min: Whole
    max: Whole
    labels: dict[int, Text]

    @model_validator(mode="after")
    def _labels_every_point(self) -> ResponseScale:
        lo, hi = self.min, self.max
        if lo >= hi:
            fail(f"min ({lo}) is not below max ({hi})", "e.g. min: 1 and max: 5")
        if hi - lo > 10:
            fail(f"has {hi - lo + 1} points", "use at most 11 answer options")
        notes = [Note(f"is not a point of the scale {lo}-{hi}", f"label only the points {lo} "
                      f"to {hi}", ("labels", key)) for key in self.labels if not lo <= key <= hi]
        missing = [p for p in self.points if p not in self.labels]
        if missing:
            notes.append(Note(f"has no label for {', '.join(map(str, missing))}", "give every "
                              f"point of the scale a label, e.g. {missing[0]}: Partly true",
                              ("labels",)))
        report(notes)
        return self

    @property
    def points(self) -> range:
        """Every allowed answer, low to high."""
        return range(self.min, self.max + 1)

    @overload
    def reverse(self, value: float) -> float: ...
    @overload
    def reverse(self, value: np.ndarray) -> np.ndarray: ...

    def reverse(self, value: float | np.ndarray) -> float | np.ndarray:
        """The reverse-keyed value: ``(min + max) - value`` (of each value of an array)."""
        return (self.min + self.max) - value

    def describe(self) -> str:
        """The scale in words, e.g. ``1 (Not true) to 5 (Completely)``."""
        return (f"{self.min} ({self.labels[self.min]}) to "
                f"{self.max} ({self.labels[self.max]})")

    def outside(self, span: tuple[float, float], at: tuple) -> list[Note]:
        """A problem when a band's ``span`` reaches outside the scale (none when inside)."""
        if self.min <= span[0] and span[1] <= self.max:
            return []
        return [Note(f"[{span[0]:g}, {span[1]:g}] is out of range: the response scale runs "
                     f"from {self.min} to {self.max}",
                     f"keep band ranges between {self.min} and {self.max}", at)]


class Band(ContentModel):
    """One interpretation band of a scale: scores from ``lower`` to ``upper``.

    A band holds ``lower <= score < upper``; the top band of a scale also holds its upper
    end (the response scale's maximum). In a file, bands are written under their name,
    and a band without ``range`` takes the instrument's ``band_ranges``.
    """

    name: BandName
    label: Text
    meaning: Text
    next_step: Text
    range: Range | None = None

    @property
    def span(self) -> tuple[float, float]:
        """Where the band starts and ends (a band read outside its instrument may have none)."""
        if self.range is None:
            raise ValueError(f"The band '{self.name}' has no range. Fix: give it range: "
                             f"[from, to], or read it in its instrument (band_ranges).")
        return self.range

    @property
    def lower(self) -> float:
        """Where the band starts."""
        return self.span[0]

    @property
    def upper(self) -> float:
        """Where the band ends."""
        return self.span[1]


def _bands_by_name(value: Any) -> Any:
    """Bands are written under their names, labelled by the name unless the file says."""
    if not value:
        fail("has no bands", "add bands low, middle and high, each with meaning and next_step")
    if not isinstance(value, dict):
        fail("is not a mapping", "write each band under its name: low:, middle:, high:")
    return [{**spec, "name": name, "label": str(name).capitalize()
             if spec.get("label") is None else spec["label"]} if isinstance(spec, dict) else spec
            for name, spec in value.items()]


class Scale(ContentModel):
    """A scale: what a group of items measures, and how to read its score.

    Examples
    --------
    >>> s = Scale(id="x", name="X", description="d", min_answered=1, item_ids=("a",),
    ...           bands={"low": {"range": [1, 2.5], "meaning": "m", "next_step": "n"},
    ...                  "high": {"range": [2.5, 5], "meaning": "m", "next_step": "n"}})
    >>> s.band_for(2.5).name, s.band_for(5).label, s.band_for(float("nan"))
    ('high', 'High', None)
    """

    id: Text
    name: Text
    description: Prose
    min_answered: Positive | None = None
    bands: Annotated[tuple[Band, ...], BeforeValidator(_bands_by_name)]
    item_ids: Annotated[tuple[str, ...], NotInFile()] = ()

    def band_for(self, score: float) -> Band | None:
        """The band a score falls in, or None for a missing (NaN) score."""
        if score != score:  # NaN: an incomplete scale has no band
            return None
        for band in self.bands:
            if band.lower <= score < band.upper:
                return band
        last = self.bands[-1]
        return last if score == last.upper else None


class Item(ContentModel):
    """One statement the learner answers, on one scale.

    A ``reverse`` item scores ``(min + max) - answer``. An item that ``may_not_apply``
    offers "Does not apply to me", which leaves it out of its scale's score; an item
    ``only_for`` some branch options is asked only in those situations.
    """

    id: Key
    text: Prose
    scale: Annotated[Text, refers_to("scales", "'{value}' is not a scale of this instrument",
                                     "use one of: {known}{hint}")]
    reverse: Flag = False
    may_not_apply: Flag = False
    only_for: tuple[Annotated[Key, refers_to(
        "branches", "'{value}' is not an option of this instrument's branch",
        "use one of: {known}{hint}")], ...] = ()


#: A reverse key: the id of an item of the instrument.
ReverseKey = Annotated[Key, refers_to(
    "items", "reverse key on a missing item: '{value}' is not an item id of this instrument",
    "use an item id from items{hint}, or remove it from reverse_keyed")]


class Instrument(ExerciseFile):
    """A self-assessment questionnaire, loaded from ``instruments/<id>.yaml``."""

    id: Annotated[Text, identifier(re.compile(r"^[a-z0-9][a-z0-9_-]*$")), same_as_file_name]
    title: Text
    framework: Text
    citation: Prose
    intro: Text
    minutes: Whole = 10
    layout: Layout = "bars"
    focus: Focus = "lowest"
    response_scale: ResponseScale
    min_answered: Positive = DEFAULT_MIN_ANSWERED
    band_ranges: dict[BandName, Range] = {}
    reverse_keyed: tuple[ReverseKey, ...] = ()
    branch: Branch | None = None
    #: A last question under the results: which one scale the learner would keep.
    keep_one: Text | None = None
    items: Annotated[NonEmpty[Item], unique("id", "item id")]
    scales: Annotated[NonEmpty[Scale], unique("id", "scale id")]
    exercise_kind: ClassVar[str] = "assessment"

    @model_validator(mode="before")
    @classmethod
    def _declare_ids(cls, data: Any, info: ValidationInfo) -> Any:
        declare(info, "scales", data, "scales")
        declare(info, "items", data, "items")
        if isinstance(data, dict) and isinstance(data.get("branch"), dict):
            declare(info, "branches", data["branch"], "options")
        return data

    @field_validator("band_ranges")
    @classmethod
    def _ranges_inside(cls, ranges: dict, info: ValidationInfo) -> dict:
        rs = info.data.get("response_scale")
        report([n for name, span in ranges.items() for n in rs.outside(span, (name,))]
               if rs else [])
        return ranges

    @field_validator("items")
    @classmethod
    def _reverse_keyed(cls, items: tuple[Item, ...], info: ValidationInfo) -> tuple[Item, ...]:
        keyed = set(info.data.get("reverse_keyed", ()))
        return tuple(i.model_copy(update={"reverse": True}) if i.id in keyed else i
                     for i in items)

    @field_validator("scales")
    @classmethod
    def _scored(cls, scales: tuple[Scale, ...], info: ValidationInfo) -> tuple[Scale, ...]:
        """Each scale with its bands in score order, its items and the answers it needs."""
        data = info.data
        items, default = data.get("items"), data.get("min_answered", DEFAULT_MIN_ANSWERED)
        notes, done = [], []
        for i, scale in enumerate(scales):
            bands = scale.bands
            if "band_ranges" in data and "response_scale" in data:
                bands, found = _banded(scale, data["band_ranges"], data["response_scale"])
                notes += [Note(n.problem, n.fix, (i, *n.at)) for n in found]
            ids = tuple(item.id for item in items or () if item.scale == scale.id)
            need = scale.min_answered or default
            if items is not None and not ids:
                notes.append(Note("has no items",
                                  f"add items with scale: {scale.id}, or remove the scale", (i,)))
            elif items is not None and need > len(ids):
                notes.append(Note(f"is {need} but the scale has {len(ids)} item(s)",
                                  f"use a number from 1 to {len(ids)}", (i, "min_answered")))
            done.append(scale.model_copy(update={"bands": bands, "item_ids": ids,
                                                 "min_answered": need}))
        report(notes)
        return tuple(done)

    @model_validator(mode="after")
    def _hexagon_has_six(self) -> Instrument:
        if self.layout == "hexagon" and len(self.scales) != 6:
            fail(f"hexagon needs exactly six scales, this file has {len(self.scales)}",
                 "list the six RIASEC types in hexagon order, or use layout: bars", "layout")
        return self

    @model_validator(mode="after")
    def _branch_for_only_for(self) -> Instrument:
        for i, item in enumerate(self.items):
            if item.only_for and self.branch is None:
                fail("only_for needs a branch question to choose from",
                     "add branch: with a question and options, or remove only_for",
                     "items", i, "only_for")
        return self

    def asks(self, item: Item, branch: str | None) -> bool:
        """Whether ``item`` is asked in situation ``branch`` (None: not chosen, all asked)."""
        return branch is None or not item.only_for or branch in item.only_for

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Item ids in the order they are asked."""
        return tuple(item.id for item in self.items)

    @property
    def scale_ids(self) -> tuple[str, ...]:
        """Scale ids in the file's order (for the hexagon, the theory's order)."""
        return tuple(scale.id for scale in self.scales)

    def scale(self, scale_id: str) -> Scale:
        """The scale with this id (KeyError naming the known scales otherwise)."""
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(f"{self.id} has no scale '{scale_id}'; scales: {', '.join(self.scale_ids)}")

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError naming the instrument otherwise)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"{self.id} has no item '{item_id}'")


def _banded(scale: Scale, defaults: dict, rs: ResponseScale) -> tuple[tuple[Band, ...], list]:
    """A scale's bands with their ranges, low to high, and the problems of their coverage.

    The bands of a scale must cover the response scale without gaps or overlaps.
    """
    notes, bands = [], []
    for band in scale.bands:
        at = ("bands", band.name, "range")
        span = band.range or defaults.get(band.name)
        if span is None:
            notes.append(Note(f"is missing (and band_ranges has no '{band.name}')",
                              f"add range: [from, to] or band_ranges: {band.name}: [..]", at))
        else:
            notes += rs.outside(span, at) if band.range else []
            bands.append(band.model_copy(update={"range": span}))
    if notes:
        return scale.bands, notes
    bands.sort(key=lambda b: b.lower)
    order = [b.name for b in bands]
    if order != sorted(order, key=BAND_NAMES.index):
        notes.append(Note(f"are out of order by score ({', '.join(order)})",
                          "give low the lowest range, then middle, then high", ("bands",)))
    if bands[0].lower != rs.min:
        notes.append(Note(f"starts at {bands[0].lower:g}, so scores from {rs.min} are in no "
                          f"band", f"start the lowest band at {rs.min}",
                          ("bands", bands[0].name, "range")))
    if bands[-1].upper != rs.max:
        notes.append(Note(f"ends at {bands[-1].upper:g}, so scores up to {rs.max} are in no "
                          f"band", f"end the highest band at {rs.max}",
                          ("bands", bands[-1].name, "range")))
    for below, above in zip(bands, bands[1:], strict=False):
        if below.upper != above.lower:
            what = "a gap" if below.upper < above.lower else "an overlap"
            notes.append(Note(
                f"leaves {what} with {below.name} ({below.name} ends at {below.upper:g}, "
                f"{above.name} starts at {above.lower:g})",
                f"start {above.name} where {below.name} ends ({below.upper:g})",
                ("bands", above.name, "range")))
    return tuple(bands), notes
