"""Scoring: answers in, scale scores and bands out. Pure functions over plain data.

Rules (as in the International Personality Item Pool's scoring)
---------------------------------------------------------------
- A positively keyed item scores its answer; a reverse-keyed item scores
  ``(min + max) - answer`` (on a 1-5 scale: 5 becomes 1).
- A scale's score is the **mean of its answered items**, so it stays on the response
  scale (1-5) whatever the number of items, and scales can be compared on one axis.
- A scale with fewer answers than its ``min_answered`` is **incomplete**: its score is NaN
  and its status says so. It is never averaged from too few answers.
- An answer outside the response scale, or not a whole number, raises
  :class:`~coursekit.InputError` naming the row, the item and the allowed range.
- Norms come only from class data given here (:func:`class_norms`), never canned.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .._errors import InputError
from .model import Instrument

#: Columns of the table :func:`score_responses` returns.
SCORE_COLUMNS = ("name", "score", "answered", "items", "needed", "status", "band",
                 "band_label", "meaning", "next_step")


def keyed_answers(instrument: Instrument, responses: pd.DataFrame) -> np.ndarray:
    """The answers, checked and reverse-keyed, as items (rows) x learners; NaN: unanswered."""
    values = np.ascontiguousarray(_as_matrix(instrument, responses).T)
    reverse = np.array([[item.reverse] for item in instrument.items], dtype=bool)
    return np.where(reverse, instrument.response_scale.reverse(values), values)


def _as_matrix(instrument: Instrument, responses: pd.DataFrame) -> np.ndarray:
    """The answers as a float matrix in the instrument's item order, checked."""
    known = set(instrument.item_ids)
    unknown = [str(c) for c in responses.columns if c not in known]
    if unknown:
        raise InputError(
            f"column(s) {', '.join(unknown[:5])} are not items of {instrument.id}. Fix: keep "
            f"only item columns ({', '.join(instrument.item_ids[:3])}, ...); put learner ids in "
            f"the index, e.g. df.set_index('learner')")
    if responses.columns.duplicated().any():
        twice = sorted({str(c) for c in responses.columns[responses.columns.duplicated()]})
        raise InputError(f"item column(s) {', '.join(twice)} appear more than once. Fix: keep "
                         "one column per item")
    if list(responses.columns) != list(instrument.item_ids):
        responses = responses.reindex(columns=list(instrument.item_ids))
    rs = instrument.response_scale
    try:
        values = responses.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        for col in responses.columns:
            bad = pd.to_numeric(responses[col], errors="coerce").isna() & responses[col].notna()
            if bad.any():
                row = bad.index[bad.to_numpy().argmax()]
                raise InputError(
                    f"row {row!r}, item {col}: answer {responses.at[row, col]!r} is not a "
                    f"number. Fix: answer with a whole number from {rs.min} to {rs.max}, "
                    f"or leave it empty") from None
        raise
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(values) & ((values < rs.min) | (values > rs.max)
                                   | (values != np.floor(values)))
    if bad.any():
        r, c = np.argwhere(bad)[0]
        count = int(bad.sum())
        more = f" ({count} such answers in all)" if count > 1 else ""
        raise InputError(
            f"row {responses.index[r]!r}, item {instrument.item_ids[c]}: answer "
            f"{values[r, c]:g} is out of range: the response scale runs from {rs.min} to "
            f"{rs.max} in whole numbers{more}. Fix: correct the answer or leave it empty")
    return values


def _tally(instrument: Instrument, responses: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per scale (rows) and learner: the sum of the answered items, and how many there are."""
    # Work on items x learners: pandas stores a float frame that way, so this is usually a
    # view, and each scale's items are a few contiguous rows to add up. Plain numpy sums,
    # no BLAS: matrix products spawn threads that stall on a busy two-core laptop.
    keyed = keyed_answers(instrument, responses)
    answered = ~np.isnan(keyed)
    keyed[~answered] = 0.0
    position = {item_id: i for i, item_id in enumerate(instrument.item_ids)}
    rows = [[position[i] for i in scale.item_ids] for scale in instrument.scales]
    return (np.stack([keyed[r].sum(axis=0) for r in rows]),
            np.stack([answered[r].sum(axis=0) for r in rows]))


def score_many(instrument: Instrument, responses: pd.DataFrame) -> pd.DataFrame:
    """Scale scores of many learners at once (vectorised).

    Parameters
    ----------
    instrument : Instrument
    responses : DataFrame
        One row per learner (any index, e.g. learner ids), one column per item id; missing
        items or empty cells are unanswered.

    Returns
    -------
    DataFrame
        Same index, one column per scale id (instrument order): the mean of the answered
        items after reverse keying; NaN where a scale has fewer than ``min_answered``
        answers (incomplete). See :func:`answered_counts` for the counts.

    Raises
    ------
    InputError
        An unknown column, or an answer that is not a whole number within the response
        scale; the message names the row and the item.

    Examples
    --------
    >>> from coursekit.assessment import load_instrument
    >>> inst = load_instrument("outsight-audit")
    >>> df = pd.DataFrame([{i: 5 for i in inst.item_ids}, {}], index=["ann", "bob"])
    >>> scores = score_many(inst, df)
    >>> bool(scores.loc["bob"].isna().all()), float(scores.loc["ann", "senior"])
    (True, 5.0)
    >>> float(scores.loc["ann", "reach"])  # oa03 is reverse-keyed: (5 + 5 + 1) / 3
    3.6666666666666665
    """
    sums, counts = _tally(instrument, responses)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / counts
    need = np.array([[scale.min_answered] for scale in instrument.scales])
    means[counts < need] = np.nan
    return pd.DataFrame(means.T, index=responses.index, columns=list(instrument.scale_ids))


def answered_counts(instrument: Instrument, responses: pd.DataFrame) -> pd.DataFrame:
    """How many items of each scale each learner answered (same shape as :func:`score_many`)."""
    counts = _tally(instrument, responses)[1]
    return pd.DataFrame(counts.T.astype(int), index=responses.index,
                        columns=list(instrument.scale_ids))


def score_responses(instrument: Instrument,
                    responses: Mapping[str, int | float | None], *,
                    not_applicable: Iterable[str] = (), branch: str | None = None
                    ) -> pd.DataFrame:
    """One learner's results: a row per scale with score, status, band and its words.

    Parameters
    ----------
    instrument : Instrument
    responses : mapping of item id to answer
        Unanswered items may be left out or be None.
    not_applicable : item ids
        Items the learner marked "does not apply to me"; they leave the scale, which then
        needs at most as many answers as it has items left.
    branch : str, optional
        The situation the learner answers for (the instrument's ``branch``); items not
        asked in it are left out the same way. None: every item is asked.

    Returns
    -------
    DataFrame
        Indexed by scale id in instrument order, columns :data:`SCORE_COLUMNS`:
        ``score`` (NaN unless complete), ``answered``, ``items`` (those that apply),
        ``needed``, ``status`` ("complete", "incomplete", or "does not apply" when no item
        of the scale applies), and for complete scales the ``band`` name, its
        ``band_label``, ``meaning`` and ``next_step`` (empty text otherwise).

    Examples
    --------
    Hand-computed: on a 1-5 scale a reverse-keyed answer 2 scores 4.

    >>> from coursekit.assessment import load_instrument
    >>> inst = load_instrument("outsight-audit")
    >>> [i.id for i in inst.items if i.reverse]
    ['oa03']
    >>> t = score_responses(inst, {"oa01": 3, "oa02": 2, "oa03": 2})
    >>> float(t.loc["reach", "score"])  # (3 + 2 + (6 - 2)) / 3
    3.0
    >>> int(t.at["senior", "answered"]), t.at["senior", "status"]
    (0, 'incomplete')

    Answering for a move at home, the language statements are not asked:

    >>> ready = load_instrument("move-readiness")
    >>> score_responses(ready, {}, branch="home").at["language", "status"]
    'does not apply'
    """
    unknown = [k for k in responses if k not in set(instrument.item_ids)]
    if unknown:
        raise InputError(f"{', '.join(map(str, unknown))} is not an item of {instrument.id}. "
                         f"Fix: use the item ids of {instrument.id}")
    flags = [k for k, v in responses.items() if isinstance(v, bool)]
    if flags:
        raise InputError(f"item {flags[0]}: answer {responses[flags[0]]!r} is not a number. "
                         f"Fix: answer with a whole number from {instrument.response_scale.min}"
                         f" to {instrument.response_scale.max}")
    left_out = set(not_applicable) | {i.id for i in instrument.items
                                      if not instrument.asks(i, branch)}
    row = pd.DataFrame([{k: (np.nan if v is None else v) for k, v in responses.items()
                         if k not in left_out}],
                       index=["learner"], columns=list(instrument.item_ids), dtype=object)
    sums, counts = (column[:, 0] for column in _tally(instrument, row))
    rows = []
    for k, scale in enumerate(instrument.scales):
        applies = sum(i not in left_out for i in scale.item_ids)
        needed = min(scale.min_answered or 1, applies)
        score = float(sums[k] / counts[k]) if applies and counts[k] >= needed else math.nan
        band = scale.band_for(score)
        rows.append({
            "name": scale.name, "score": score, "answered": int(counts[k]),
            "items": applies, "needed": needed,
            "status": ("does not apply" if not applies else
                       "complete" if band is not None else "incomplete"),
            "band": band.name if band else "", "band_label": band.label if band else "",
            "meaning": band.meaning if band else "", "next_step": band.next_step if band else "",
        })
    table = pd.DataFrame(rows, index=pd.Index(instrument.scale_ids, name="scale"))
    return table[list(SCORE_COLUMNS)]


def class_norms(scores: pd.DataFrame, *, min_group: int = 5) -> pd.DataFrame:
    """The class's own norms per scale: number of learners scored, mean and SD.

    Parameters
    ----------
    scores : DataFrame
        Scale scores of a class, as from :func:`score_many` (NaN = incomplete, left out).
    min_group : int
        Fewer scored learners than this gives no mean or SD (NaN), so no small group can
        be singled out (the course never shows a group smaller than five).

    Returns
    -------
    DataFrame
        Indexed by scale id, columns ``n``, ``mean`` and ``sd`` (sample SD, ddof=1).

    Examples
    --------
    >>> s = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [2.0, 2, None, 4, 4]})
    >>> class_norms(s).round(3).to_dict("index")
    {'a': {'n': 5, 'mean': 3.0, 'sd': 1.581}, 'b': {'n': 4, 'mean': nan, 'sd': nan}}
    """
    if scores.empty:
        raise InputError("no class data given. Fix: pass the scale scores of the class "
                         "(score_many of the collected responses); canned norms are not used")
    n = scores.notna().sum()
    mean = scores.mean().where(n >= min_group)
    sd = scores.std(ddof=1).where(n >= min_group)
    out = pd.DataFrame({"n": n.astype(int), "mean": mean, "sd": sd})
    out.index.name = "scale"
    return out


def next_steps(instrument: Instrument, table: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """The scales to act on first, from a :func:`score_responses` table.

    The ``n`` lowest complete scales (or highest, per the instrument's ``focus``), in order.

    Examples
    --------
    >>> from coursekit.assessment import load_instrument
    >>> inst = load_instrument("move-readiness")
    >>> answers = {i.id: (1 if i.scale == "family" else 4) for i in inst.items}
    >>> next_steps(inst, score_responses(inst, answers), n=1).index.tolist()
    ['family']
    """
    done = table[table["status"] == "complete"]
    ascending = instrument.focus == "lowest"
    order = {sid: k for k, sid in enumerate(instrument.scale_ids)}
    ranked = done.assign(_order=[order[s] for s in done.index]).sort_values(
        ["score", "_order"], ascending=[ascending, True])
    return ranked.drop(columns="_order").head(n)
