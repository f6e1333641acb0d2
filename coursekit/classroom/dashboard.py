"""The class picture: pure functions from hand-ins to tables (pandas DataFrames).

Each exercise (:mod:`coursekit.exercises`) calls these on a long table of the class's
sections of it, for its panels; :func:`class_summary` gathers every exercise's panels.
Distributions are this class's own (n, mean, SD with n - 1, quartiles as pandas interpolates
them): no published norms, as IPIP advises.

**Small groups are never shown**: a group of fewer than :data:`MIN_GROUP` learners keeps
its row (so the reader sees it exists), but its numbers become NaN, ``hidden`` is True and
``note`` says :data:`HIDDEN`. In polls an option chosen by 1 to 4 learners is hidden too,
and when only one option of a question would be hidden the next smallest is hidden with it,
so that it cannot be worked out from the total (secondary suppression).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

#: The smallest group a class view shows.
MIN_GROUP = 5
#: The marker shown instead of a small group's numbers.
HIDDEN = "fewer than 5 — hidden"

_STATS = ["n", "mean", "sd", "q1", "median", "q3"]


def suppress(table: pd.DataFrame, columns: list[str], count: str = "n") -> pd.DataFrame:
    """Hide the ``columns`` of every row whose ``count`` is below :data:`MIN_GROUP`."""
    table = table.copy()
    small = table[count] < MIN_GROUP
    table[columns] = table[columns].astype(float)
    table.loc[small, columns] = np.nan
    table["hidden"] = small
    table["note"] = np.where(small, HIDDEN, "")
    return table


def describe(frame: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """``n, mean, sd, q1, median, q3`` of ``value`` per group, small groups suppressed."""
    if frame.empty:
        return pd.DataFrame(columns=[*by, *_STATS, "hidden", "note"])
    grouped = frame.groupby(by, sort=True)[value]
    out = pd.DataFrame({"n": grouped.count(), "mean": grouped.mean(), "sd": grouped.std(ddof=1),
                        "q1": grouped.quantile(0.25), "median": grouped.median(),
                        "q3": grouped.quantile(0.75)}).reset_index()
    return suppress(out, columns=_STATS)


def scale_norms(scores: pd.DataFrame) -> pd.DataFrame:
    """Each scale's distribution per attempt, from ``pseudonym, attempt, scale, score``."""
    return describe(scores, ["attempt", "scale"], "score")


def before_after(scores: pd.DataFrame) -> pd.DataFrame:
    """Scale means before and after, over learners with both (``scores``: as for norms)."""
    columns = ["scale", "n", "before", "after", "change", "change_sd"]
    # each learner's first score per scale and attempt, attempts side by side
    wide = (scores.groupby(["scale", "pseudonym", "attempt"])["score"].first()
            .unstack("attempt") if not scores.empty else scores)
    if not {"before", "after"} <= set(wide.columns):
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    paired = wide.dropna(subset=["before", "after"]).copy()
    paired["change"] = paired["after"] - paired["before"]
    grouped = paired.groupby(level=["scale"])
    out = pd.DataFrame({"n": grouped["change"].count(), "before": grouped["before"].mean(),
                        "after": grouped["after"].mean(), "change": grouped["change"].mean(),
                        "change_sd": grouped["change"].std(ddof=1)}).reset_index()
    return suppress(out, columns=columns[1:])


def network_composition(table: pd.DataFrame) -> pd.DataFrame:
    """Inside and outside contacts, and network types, across the class.

    ``table``: a row per learner, ``pseudonym, contacts, composition.<name>, type.<type>,
    measure.<name>, outsight.<name>``. ``share``: of the class's contacts; ``mean_share``:
    the mean of the learners' own shares (a contact may have several types).
    """
    columns = ["dimension", "category", "learners", "contacts", "share", "mean_share"]
    if table.empty:
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    table = table[table["contacts"] > 0]
    total = table["contacts"].sum()
    places = [("inside or outside", p, f"composition.{p}") for p in ("inside", "outside")]
    types = [("network type", c[5:], c) for c in sorted(table.columns) if c.startswith("type.")]
    rows = []
    for dimension, category, column in places + types:
        if column in table.columns:
            counts = table[column].fillna(0)
            rows.append({"dimension": dimension, "category": category,
                         "learners": len(table), "contacts": counts.sum(),
                         "share": counts.sum() / total if total else np.nan,
                         "mean_share": (counts / table["contacts"]).mean()})
    return suppress(pd.DataFrame(rows, columns=columns), columns[2:], count="learners")


def _long(table: pd.DataFrame, prefix: str, name: str) -> pd.DataFrame:
    columns = [c for c in table.columns if c.startswith(prefix)]
    if table.empty or not columns:
        return pd.DataFrame(columns=["pseudonym", name, "value"])
    long = table.melt(id_vars=["pseudonym"], value_vars=columns, var_name=name)
    long[name] = long[name].str.slice(len(prefix))
    return long.dropna(subset=["value"]).astype({"value": float})


def network_measures(table: pd.DataFrame) -> pd.DataFrame:
    """The distribution of each network measure, size first (``table``: as for composition)."""
    measures = table.rename(columns={"contacts": "measure.contacts"})
    return describe(_long(measures, "measure.", "measure"), ["measure"], "value")


def outsight_indicators(table: pd.DataFrame) -> pd.DataFrame:
    """The distribution of each out-sight indicator (``table``: as for composition)."""
    return describe(_long(table, "outsight.", "indicator"), ["indicator"], "value")


def decision_polls(table: pd.DataFrame) -> pd.DataFrame:
    """How the class chose (``pseudonym, point, choice``) at each decision point of a case.

    A question answered by fewer than 5 learners is hidden whole; an option chosen by 1 to 4
    learners is hidden, with secondary suppression (:func:`suppress_poll`).
    """
    if table.empty:
        return suppress_poll(pd.DataFrame(columns=["point", "choice", "count"]))
    return suppress_poll(table.groupby(["point", "choice"]).size().rename("count").reset_index())


def suppress_poll(counts: pd.DataFrame) -> pd.DataFrame:
    """Shares of a poll's ``point, choice, count`` rows, small groups hidden.

    A question answered by fewer than 5 learners is hidden whole; an option chosen by 1 to 4
    learners is hidden, and when only one option of a question would be hidden the next
    smallest is hidden with it, so that it cannot be worked out from the total.

    >>> rows = [("q", "a", 9), ("q", "b", 6), ("q", "c", 2)]
    >>> poll = suppress_poll(pd.DataFrame(rows, columns=["point", "choice", "count"]))
    >>> poll[["choice", "count", "hidden"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'choice': 'a', 'count': 9.0, 'hidden': False}, {'choice': 'b', 'count': nan,
      'hidden': True}, {'choice': 'c', 'count': nan, 'hidden': True}]
    """
    columns = ["point", "choice", "count", "share", "respondents", "hidden", "note"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    counts = counts.reset_index(drop=True).astype({"count": float})
    counts["respondents"] = counts.groupby("point")["count"].transform("sum")
    counts["share"] = counts["count"] / counts["respondents"]
    hidden = (counts["respondents"] < MIN_GROUP) | (counts["count"] < MIN_GROUP)
    for index in counts.groupby("point").groups.values():
        if hidden[index].sum() == 1 and len(index) > 1:  # then hide the next smallest too
            visible = counts.loc[index][~hidden[index]]
            hidden[visible["count"].idxmin()] = True
    counts["hidden"] = hidden
    counts.loc[hidden, ["count", "share"]] = np.nan
    counts.loc[counts["respondents"] < MIN_GROUP, "respondents"] = np.nan
    counts["note"] = np.where(hidden, HIDDEN, "")
    return counts.sort_values(["point", "choice"]).reset_index(drop=True)[columns]


def scale_reliability(items: pd.DataFrame) -> pd.DataFrame:
    """Cronbach's alpha per scale (:func:`coursekit.assessment.cronbach_alpha`), listwise.

    ``items``: ``pseudonym, attempt, scale, item, value`` (keyed). Alpha of .70 is the usual
    floor for exploratory use; a high alpha is not proof that a scale measures one thing.
    """
    from ..assessment.reliability import alpha_of

    columns = ["attempt", "scale", "n", "items", "alpha"]
    if items.empty:
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    rows = []
    # One reshape for every scale (a pivot table per scale cost 3 ms each): a row per
    # attempt, scale and learner, a column per item; each scale's block in numpy keeps the
    # items it has and the learners who answered them all (listwise, as cronbach_alpha).
    every = items.groupby(["attempt", "scale", "pseudonym", "item"])["value"].first()
    wide = pd.to_numeric(every, errors="coerce").unstack("item")
    values = wide.to_numpy(dtype=float)
    blocks = wide.groupby(level=["attempt", "scale"]).indices
    for attempt, scale in sorted(blocks):
        block = values[blocks[(attempt, scale)]]
        block = block[:, ~np.isnan(block).all(axis=0)]
        block = block[~np.isnan(block).any(axis=1)]
        n, k = block.shape
        alpha = alpha_of(block) if n >= 2 and k >= 2 else np.nan
        rows.append({"attempt": attempt, "scale": scale, "n": n, "items": k, "alpha": alpha})
    return suppress(pd.DataFrame(rows, columns=columns), columns=["n", "alpha"])


def class_summary(source: Any, course: str | None = None) -> dict[str, list]:
    """Each exercise's dashboard panels, by id, from a class store or a list of hand-ins."""
    from ..exercises import exercises

    handins = source.handins() if hasattr(source, "handins") else list(source)
    out: dict[str, list] = {}
    for exercise in exercises(course):
        sections = {h["pseudonym"]: h["exercises"][exercise.id] for h in handins
                    if exercise.id in h.get("exercises", {})}
        if sections and (panels := exercise.dashboard(sections)):
            out[exercise.id] = panels
    return out
