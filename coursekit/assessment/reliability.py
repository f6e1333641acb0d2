"""Reliability for instructors: Cronbach's alpha of each scale over a class's answers.

Alpha estimates how consistently the items of a scale move together in this group of
respondents. Around .70 is usually enough for exploratory use; alpha is not proof that a
scale measures one thing (Cortina 1993), and with a small class it is very uncertain.

References
----------
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
*Psychometrika*, 16(3), 297-334.
Cortina, J. M. (1993). What is coefficient alpha? An examination of theory and
applications. *Journal of Applied Psychology*, 78(1), 98-104.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._errors import InputError
from .model import Instrument
from .scoring import keyed_answers


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's alpha of one scale.

    ``alpha = k / (k - 1) * (1 - sum(item variances) / variance(total))``.

    Parameters
    ----------
    items : DataFrame
        One row per respondent, one column per item of the scale, already reverse-keyed.
        Rows with any missing answer are left out (listwise deletion).

    Returns
    -------
    float
        Alpha (at most 1; negative when items disagree more than they agree). NaN when
        it is undefined: fewer than two items, fewer than two complete rows, or zero
        variance of the totals (e.g. everyone gave the same answers).

    Examples
    --------
    The worked example of Statology's "How to Calculate Cronbach's Alpha in Python"
    (ten respondents, three items on a 1-3 scale), which reports alpha = 0.773:

    >>> df = pd.DataFrame({"Q1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3],
    ...                    "Q2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
    ...                    "Q3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]})
    >>> round(cronbach_alpha(df), 4)
    0.7734
    """
    if not all(pd.api.types.is_numeric_dtype(t) for t in items.dtypes):  # else as it is
        items = items.apply(pd.to_numeric, errors="coerce")
    return alpha_of(items.dropna().to_numpy(dtype=float))


def alpha_of(data: np.ndarray) -> float:
    """:func:`cronbach_alpha` of complete answers already in an array (respondents x items).

    >>> round(alpha_of(np.array([[1, 1, 1], [2, 2, 2], [3, 3, 2.0]])), 4)
    0.9474
    """
    k = data.shape[1]
    if k < 2 or data.shape[0] < 2:
        return float("nan")
    total_var = data.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - data.var(axis=0, ddof=1).sum() / total_var))


def scale_reliability(instrument: Instrument, responses: pd.DataFrame) -> pd.DataFrame:
    """Cronbach's alpha of every scale of an instrument over a class's answers.

    Reverse-keyed items are reverse-keyed first; each scale uses the respondents who
    answered all of its items.

    Parameters
    ----------
    instrument : Instrument
    responses : DataFrame
        One row per respondent, one column per item id (as for
        :func:`~coursekit.assessment.scoring.score_many`).

    Returns
    -------
    DataFrame
        Indexed by scale id: ``name``, ``items`` (k), ``n`` (complete respondents) and
        ``alpha`` (NaN where undefined, see :func:`cronbach_alpha`).
    """
    if responses.empty:
        raise InputError("no responses given. Fix: pass one row per respondent")
    frame = pd.DataFrame(keyed_answers(instrument, responses).T,
                         columns=list(instrument.item_ids))
    rows = []
    for scale in instrument.scales:
        part = frame[list(scale.item_ids)].dropna()
        rows.append({"name": scale.name, "items": len(scale.item_ids), "n": len(part),
                     "alpha": cronbach_alpha(part)})
    return pd.DataFrame(rows, index=pd.Index(instrument.scale_ids, name="scale"))
