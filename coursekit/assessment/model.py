"""The instrument model: plain, frozen data an author writes as a YAML file.

An :class:`Instrument` holds a :class:`ResponseScale` (the answer options with their
labels), its :class:`Scale` objects (each with interpretation :class:`Band` objects) and
its :class:`Item` objects. The loader in :mod:`coursekit.assessment.instruments` builds and
validates them; everything here is pure data with a few lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: The band names an instrument may use, low to high.
BAND_NAMES: tuple[str, ...] = ("low", "middle", "high")

#: How scales are drawn: sorted bars (default) or Holland's hexagon (order fixed by theory).
LAYOUTS: tuple[str, ...] = ("bars", "hexagon")

#: Which scales the "what to do next" advice starts from.
FOCUSES: tuple[str, ...] = ("lowest", "highest")


@dataclass(frozen=True)
class ResponseScale:
    """The answer options: whole numbers from ``min`` to ``max``, each with a label.

    Examples
    --------
    >>> rs = ResponseScale(1, 5, {1: "Not true", 2: "Slightly", 3: "Partly", 4: "Mostly",
    ...                           5: "Completely"})
    >>> list(rs.points), rs.reverse(2)
    ([1, 2, 3, 4, 5], 4)
    """

    min: int
    max: int
    labels: dict[int, str]

    @property
    def points(self) -> range:
        """Every allowed answer, low to high."""
        return range(self.min, self.max + 1)

    def reverse(self, value: float) -> float:
        """The reverse-keyed value: ``(min + max) - value``."""
        return (self.min + self.max) - value

    def describe(self) -> str:
        """The scale in words, e.g. ``1 (Not true) to 5 (Completely)``."""
        return (f"{self.min} ({self.labels[self.min]}) to "
                f"{self.max} ({self.labels[self.max]})")


@dataclass(frozen=True)
class Band:
    """One interpretation band of a scale: scores from ``lower`` to ``upper``.

    A band holds ``lower <= score < upper``; the top band of a scale also holds its upper
    end (the response scale's maximum).
    """

    name: str
    label: str
    lower: float
    upper: float
    meaning: str
    next_step: str


@dataclass(frozen=True)
class Scale:
    """A scale: what a group of items measures, and how to read its score."""

    id: str
    name: str
    description: str
    bands: tuple[Band, ...]
    min_answered: int
    item_ids: tuple[str, ...] = ()

    def band_for(self, score: float) -> Band | None:
        """The band a score falls in, or None for a missing (NaN) score.

        Examples
        --------
        >>> low = Band("low", "Low", 1, 2.5, "m", "n")
        >>> high = Band("high", "High", 2.5, 5, "m", "n")
        >>> s = Scale("x", "X", "d", (low, high), 1, ("a",))
        >>> s.band_for(2.5).name, s.band_for(5).name, s.band_for(float("nan"))
        ('high', 'high', None)
        """
        if score != score:  # NaN: an incomplete scale has no band
            return None
        for band in self.bands:
            if band.lower <= score < band.upper:
                return band
        last = self.bands[-1]
        return last if score == last.upper else None


@dataclass(frozen=True)
class Item:
    """One statement the learner answers, on one scale.

    A ``reverse`` item scores ``(min + max) - answer``.
    """

    id: str
    text: str
    scale: str
    reverse: bool = False


@dataclass(frozen=True)
class Instrument:
    """A self-assessment questionnaire, loaded from ``instruments/<id>.yaml``."""

    id: str
    title: str
    framework: str
    citation: str
    intro: str
    response_scale: ResponseScale
    scales: tuple[Scale, ...]
    items: tuple[Item, ...]
    minutes: int = 10
    layout: str = "bars"
    focus: str = "lowest"
    path: Path | None = field(default=None, compare=False)

    @property
    def exercise(self) -> str:
        """The exercise id used by progress and hand-ins: ``assessment:<id>``."""
        return f"assessment:{self.id}"

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
