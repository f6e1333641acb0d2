r"""How varied the contacts are in a category (sector, function): Blau's index and the IQV.

Both start from the share :math:`p_k` of the contacts in each group :math:`k`
(:func:`group_shares`); each index is computed from those shares.

========================  ================================  ==========================
measure                   formula                           range
========================  ================================  ==========================
:func:`blau`              :math:`B = 1 - \sum_k p_k^2`      0 all alike, towards 1
:func:`iqv`               :math:`B / (1 - 1/K)`             0 all alike, 1 even spread
========================  ================================  ==========================

Blau's index is the chance that two contacts drawn at random (with replacement) are in
different groups (Blau 1977); its maximum is :math:`1 - 1/K` for :math:`K` groups, so the
index of qualitative variation divides by it to compare networks with different numbers of
groups (Agresti and Agresti 1978).

References
----------
.. [1] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social
   Structure*. New York: Free Press.
.. [2] Agresti, A., and Agresti, B. F. (1978). Statistical analysis of qualitative
   variation. *Sociological Methodology* 9, 204-237.

Examples
--------
>>> sectors = ["Banking", "banking", "Retail", "Health"]
>>> group_shares(sectors)
{'Banking': 0.5, 'Retail': 0.25, 'Health': 0.25}
>>> blau(sectors), round(iqv(sectors), 4)   # 1 - (.5² + .25² + .25²); .625 / (1 - 1/3)
(0.625, 0.9375)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..values import one_line


def group_shares(values: Iterable[object]) -> dict[str, float]:
    """The share :math:`p_k` of the values in each group :math:`k`, blanks left out.

    Case and spacing are ignored ("banking" and "Banking " are one group, named as first
    written); the shares add up to 1. Empty when no value is given.

    Examples
    --------
    >>> group_shares(["IT", " it", None, "", "Sales"])
    {'IT': 0.6666666666666666, 'Sales': 0.3333333333333333}
    """
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for value in values:
        text = one_line(value)
        if not text:
            continue
        key = text.casefold()
        names.setdefault(key, text)
        counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    return {names[key]: count / total for key, count in counts.items()}


def _blau(shares: dict[str, float]) -> float:
    return math.nan if not shares else 1.0 - sum(p ** 2 for p in shares.values())


def blau(values: Iterable[object]) -> float:
    r"""Blau's heterogeneity index of categories (blanks ignored).

    .. math:: B = 1 - \sum_k p_k^2

    :math:`p_k` = share of the values in category :math:`k` (:func:`group_shares`).
    0 when all are alike; approaches 1 with many equal categories. ``nan`` with no values.

    Examples
    --------
    >>> blau(["x", "X"]), blau(["a", "b", "c", "d"])
    (0.0, 0.75)
    """
    return _blau(group_shares(values))


def iqv(values: Iterable[object], categories: int | None = None) -> float:
    r"""Index of qualitative variation: Blau's index scaled to 0-1.

    .. math:: IQV = \frac{B}{1 - 1/K}

    :math:`K` = the number of possible categories (``categories``), by default the number
    of distinct values seen. 1 means the values are spread evenly over the categories.
    Returns 0 when :math:`K = 1` (one category: no variation) and ``nan`` with no values.

    Examples
    --------
    >>> iqv(["a", "b"]), round(iqv(["a", "b"], categories=4), 4)   # .5 / (1 - 1/4)
    (1.0, 0.6667)
    """
    shares = group_shares(values)
    if not shares:
        return math.nan
    k = categories if categories is not None else len(shares)
    if k <= 1:
        return 0.0
    # A ``categories`` below the number of groups seen would give more than 1: cap it.
    return min(1.0, _blau(shares) / (1 - 1 / k))
