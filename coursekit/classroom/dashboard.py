"""The class picture: pure functions from hand-ins to tables (pandas DataFrames).

Every function takes the class's hand-ins (a list of dicts, as
:meth:`~coursekit.classroom.class_store.ClassStore.handins` returns them, or a class store)
and returns a DataFrame. The figures in :mod:`coursekit.views.classroom` draw these tables
and nothing else.

Small groups are never shown
----------------------------
Any group of fewer than :data:`MIN_GROUP` (5) learners is suppressed: its numbers are
replaced by missing values (NaN), ``hidden`` is True and ``note`` says
:data:`HIDDEN`. In polls, an option chosen by 1 to 4 learners is hidden too, and when only
one option of a question would be hidden the next smallest is hidden with it, so that it
cannot be worked out from the total (secondary suppression).

The class's own norms
---------------------
Distributions are this class's (n, mean, SD with n - 1, quartiles by linear interpolation,
as pandas computes them): no published norms, as IPIP advises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

#: The smallest group a class view shows.
MIN_GROUP = 5
#: The marker shown instead of a small group's numbers.
HIDDEN = "fewer than 5 — hidden"

_STATS = ["n", "mean", "sd", "q1", "median", "q3"]


def _handins(source: Any) -> list[Mapping[str, Any]]:
    if hasattr(source, "handins"):
        return source.handins()
    return list(source)


# -- long tables ----------------------------------------------------------------------------


def score_table(source: Any) -> pd.DataFrame:
    """One row per learner, questionnaire, attempt and scale.

    Columns ``pseudonym, instrument, attempt, scale, score`` (missing scores left out).
    """
    rows = [(h["pseudonym"], a["instrument"], a["attempt"], scale, float(score))
            for h in _handins(source) for a in h.get("assessments", [])
            for scale, score in a["scales"].items() if score is not None]
    return pd.DataFrame(rows, columns=["pseudonym", "instrument", "attempt", "scale", "score"])


def item_table(source: Any) -> pd.DataFrame:
    """One row per learner, questionnaire, attempt, scale and item: the keyed answer."""
    rows = [(h["pseudonym"], a["instrument"], a["attempt"], scale, item, float(value))
            for h in _handins(source) for a in h.get("assessments", [])
            for scale, answers in a.get("items", {}).items()
            for item, value in answers.items() if value is not None]
    return pd.DataFrame(rows, columns=["pseudonym", "instrument", "attempt", "scale", "item",
                                       "value"])


def network_table(source: Any) -> pd.DataFrame:
    """One row per learner with a network: contacts, composition counts and measures.

    Columns: ``pseudonym, contacts``, then ``composition.<name>`` (scalars),
    ``type.<network type>`` (counts), ``measure.<name>`` and ``outsight.<name>``.
    """
    rows = []
    for h in _handins(source):
        net = h.get("network")
        if not net:
            continue
        row: dict[str, Any] = {"pseudonym": h["pseudonym"], "contacts": net["contacts"]}
        for key, value in net.get("composition", {}).items():
            if isinstance(value, Mapping):
                prefix = "type" if key == "types" else key
                row.update({f"{prefix}.{k}": v for k, v in value.items()})
            else:
                row[f"composition.{key}"] = value
        row.update({f"measure.{k}": v for k, v in net.get("measures", {}).items()})
        row.update({f"outsight.{k}": v for k, v in net.get("outsight", {}).items()})
        rows.append(row)
    return pd.DataFrame(rows, columns=None if rows else ["pseudonym", "contacts"])


def decision_table(source: Any) -> pd.DataFrame:
    """One row per learner and decision point: ``pseudonym, case, point, choice``."""
    rows = [(h["pseudonym"], d["case"], d["point"], d["choice"])
            for h in _handins(source) for d in h.get("decisions", [])]
    return pd.DataFrame(rows, columns=["pseudonym", "case", "point", "choice"])


# -- suppression and describing ------------------------------------------------------------


def suppress(table: pd.DataFrame, count: str = "n", columns: Iterable[str] | None = None
             ) -> pd.DataFrame:
    """Hide every row whose ``count`` is below :data:`MIN_GROUP`.

    The row stays (so the reader sees that the group exists) but its numbers become NaN,
    ``hidden`` is True and ``note`` is :data:`HIDDEN`.

    Examples
    --------
    >>> t = suppress(pd.DataFrame({"scale": ["a", "b"], "n": [7, 3], "mean": [3.1, 4.0]}))
    >>> t["mean"].tolist()[1] != t["mean"].tolist()[1], t["note"].tolist()
    (True, ['', 'fewer than 5 — hidden'])
    """
    table = table.copy()
    small = table[count] < MIN_GROUP
    numeric = list(columns) if columns is not None else [
        c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])]
    for column in numeric:
        table[column] = table[column].astype(float)
        table.loc[small, column] = np.nan
    table["hidden"] = small
    table["note"] = np.where(small, HIDDEN, "")
    return table


def describe(frame: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """n, mean, SD, quartiles of ``value`` per group, small groups suppressed."""
    if frame.empty:
        return pd.DataFrame(columns=[*by, *_STATS, "hidden", "note"])
    grouped = frame.groupby(by, sort=True)[value]
    out = pd.DataFrame({
        "n": grouped.count(),
        "mean": grouped.mean(),
        "sd": grouped.std(ddof=1),
        "q1": grouped.quantile(0.25),
        "median": grouped.median(),
        "q3": grouped.quantile(0.75),
    }).reset_index()
    return suppress(out, columns=_STATS)


# -- the dashboard's tables -----------------------------------------------------------------


def scale_norms(source: Any) -> pd.DataFrame:
    """The class's distribution of each scale, per questionnaire and attempt.

    Columns: ``instrument, attempt, scale, n, mean, sd, q1, median, q3, hidden, note``.
    """
    return describe(score_table(source), ["instrument", "attempt", "scale"], "score")


def before_after(source: Any) -> pd.DataFrame:
    """Scale means before and after, over learners with both attempts (paired).

    Columns: ``instrument, scale, n, before, after, change, change_sd, hidden, note``.
    """
    scores = score_table(source)
    columns = ["instrument", "scale", "n", "before", "after", "change", "change_sd"]
    if scores.empty:
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    wide = scores.pivot_table(index=["instrument", "scale", "pseudonym"], columns="attempt",
                              values="score", aggfunc="first")
    if not {"before", "after"} <= set(wide.columns):
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    paired = wide.dropna(subset=["before", "after"]).copy()
    paired["change"] = paired["after"] - paired["before"]
    grouped = paired.groupby(level=["instrument", "scale"])
    out = pd.DataFrame({
        "n": grouped["change"].count(),
        "before": grouped["before"].mean(),
        "after": grouped["after"].mean(),
        "change": grouped["change"].mean(),
        "change_sd": grouped["change"].std(ddof=1),
    }).reset_index()
    return suppress(out, columns=["n", "before", "after", "change", "change_sd"])


def network_composition(source: Any) -> pd.DataFrame:
    """Inside and outside contacts, and network types, across the class.

    For each category: ``learners`` (with at least one contact), ``contacts`` in the
    category over the class, ``share`` of all the class's contacts (pooled), and
    ``mean_share``: the mean over learners of their own share. A contact may have more than
    one network type, so type shares can add up to more than 1.

    Columns: ``dimension, category, learners, contacts, share, mean_share, hidden, note``.
    """
    table = network_table(source)
    columns = ["dimension", "category", "learners", "contacts", "share", "mean_share"]
    if table.empty:
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    table = table[table["contacts"] > 0]
    total = table["contacts"].sum()
    rows = []
    places = [("inside", "composition.inside"), ("outside", "composition.outside")]
    types = sorted(c for c in table.columns if c.startswith("type."))
    for dimension, pairs in (("inside or outside", places),
                             ("network type", [(c[5:], c) for c in types])):
        for category, column in pairs:
            if column not in table.columns:
                continue
            counts = table[column].fillna(0)
            rows.append({"dimension": dimension, "category": category,
                         "learners": len(table), "contacts": counts.sum(),
                         "share": counts.sum() / total if total else np.nan,
                         "mean_share": (counts / table["contacts"]).mean()})
    out = pd.DataFrame(rows, columns=columns)
    return suppress(out, count="learners", columns=["learners", "contacts", "share",
                                                     "mean_share"])


def _long(table: pd.DataFrame, prefix: str, name: str) -> pd.DataFrame:
    columns = [c for c in table.columns if c.startswith(prefix)]
    if table.empty or not columns:
        return pd.DataFrame(columns=["pseudonym", name, "value"])
    long = table.melt(id_vars=["pseudonym"], value_vars=columns, var_name=name)
    long[name] = long[name].str.slice(len(prefix))
    return long.dropna(subset=["value"]).astype({"value": float})


def network_measures(source: Any) -> pd.DataFrame:
    """The class's distribution of each network measure (size, density, constraint, ...).

    Columns: ``measure, n, mean, sd, q1, median, q3, hidden, note``.
    """
    table = network_table(source)
    long = _long(table, "measure.", "measure")
    if not table.empty:
        size = table[["pseudonym", "contacts"]].rename(columns={"contacts": "value"})
        size = size.assign(measure="contacts").astype({"value": float})
        long = pd.concat([size[["pseudonym", "measure", "value"]], long], ignore_index=True)
    return describe(long, ["measure"], "value")


def outsight_indicators(source: Any) -> pd.DataFrame:
    """The class's distribution of each out-sight indicator.

    Columns: ``indicator, n, mean, sd, q1, median, q3, hidden, note``.
    """
    return describe(_long(network_table(source), "outsight.", "indicator"), ["indicator"],
                    "value")


def decision_polls(source: Any) -> pd.DataFrame:
    """How the class chose at each decision point of the cases.

    Columns: ``case, point, choice, count, share, respondents, hidden, note``. A question
    answered by fewer than 5 learners is hidden whole; an option chosen by 1 to 4 learners
    is hidden, with secondary suppression (see the module notes).
    """
    table = decision_table(source)
    columns = ["case", "point", "choice", "count", "share", "respondents", "hidden", "note"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    counts = (table.groupby(["case", "point", "choice"]).size().rename("count").reset_index())
    counts["respondents"] = counts.groupby(["case", "point"])["count"].transform("sum")
    counts["share"] = counts["count"] / counts["respondents"]
    hidden = (counts["respondents"] < MIN_GROUP) | (counts["count"] < MIN_GROUP)
    for _, index in counts.groupby(["case", "point"]).groups.items():
        group_hidden = hidden.loc[index]
        if group_hidden.sum() == 1 and len(index) > 1:
            visible = counts.loc[index][~group_hidden]
            hidden.loc[visible["count"].idxmin()] = True
    counts["hidden"] = hidden
    counts.loc[hidden, ["count", "share"]] = np.nan
    counts.loc[counts["respondents"] < MIN_GROUP, "respondents"] = np.nan
    counts["note"] = np.where(hidden, HIDDEN, "")
    return counts.sort_values(["case", "point", "choice"]).reset_index(drop=True)[columns]


def plan_counts(source: Any) -> pd.DataFrame:
    """The class's plan counts (steps, if-then plans, done): n, mean, SD, quartiles."""
    rows = [(h["pseudonym"], k, float(v)) for h in _handins(source) if h.get("plan")
            for k, v in h["plan"].items()]
    return describe(pd.DataFrame(rows, columns=["pseudonym", "count", "value"]), ["count"],
                    "value")


def scale_reliability(source: Any) -> pd.DataFrame:
    """Cronbach's alpha per scale over the class's keyed item answers.

    Only learners who answered every item of the scale count (listwise). Alpha is computed
    by :func:`coursekit.assessment.cronbach_alpha`. Alpha of .70 is the usual floor for
    exploratory use; a high alpha is not proof that a scale measures one thing.

    Columns: ``instrument, attempt, scale, n, items, alpha, hidden, note``.
    """
    from .handin_sections import cronbach_alpha

    items = item_table(source)
    columns = ["instrument", "attempt", "scale", "n", "items", "alpha"]
    if items.empty:
        return pd.DataFrame(columns=[*columns, "hidden", "note"])
    rows = []
    for (instrument, attempt, scale), group in items.groupby(["instrument", "attempt", "scale"]):
        wide = group.pivot_table(index="pseudonym", columns="item", values="value",
                                 aggfunc="first").dropna()
        n, k = wide.shape
        alpha = cronbach_alpha(wide) if n >= 2 and k >= 2 else np.nan
        rows.append({"instrument": instrument, "attempt": attempt, "scale": scale,
                     "n": n, "items": k, "alpha": alpha})
    return suppress(pd.DataFrame(rows, columns=columns), columns=["n", "alpha"])


def class_summary(source: Any) -> dict[str, pd.DataFrame]:
    """Every dashboard table at once, by name."""
    handins = _handins(source)
    return {
        "scale_norms": scale_norms(handins),
        "before_after": before_after(handins),
        "reliability": scale_reliability(handins),
        "network_composition": network_composition(handins),
        "network_measures": network_measures(handins),
        "outsight": outsight_indicators(handins),
        "polls": decision_polls(handins),
        "plans": plan_counts(handins),
    }
