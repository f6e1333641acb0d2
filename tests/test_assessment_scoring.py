"""Scoring against hand-computed values; reliability against a published worked example."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coursekit._errors import InputError
from coursekit.assessment import (
    answered_counts,
    class_norms,
    cronbach_alpha,
    load_instrument,
    next_steps,
    scale_reliability,
    score_many,
    score_responses,
)
from coursekit.assessment.instruments import load_instrument_file

FILES = Path(__file__).parent / "files" / "assessment"


@pytest.fixture(scope="module")
def mini():
    # a1, a2, a3 (reverse) on scale alpha; b1, b2 on beta; 1-5; min_answered 2
    return load_instrument_file(FILES / "mini.yaml")


def test_reverse_key_hand_values(mini):
    assert [mini.response_scale.reverse(x) for x in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert math.isnan(mini.response_scale.reverse(float("nan")))


def test_scale_score_is_mean_after_reverse_keying(mini):
    t = score_responses(mini, {"a1": 4, "a2": 5, "a3": 2, "b1": 1, "b2": 2})
    assert t.at["alpha", "score"] == pytest.approx((4 + 5 + 4) / 3)   # a3: 6 - 2 = 4
    assert t.at["alpha", "band"] == "high" and t.at["alpha", "band_label"] == "High A"
    assert t.at["alpha", "next_step"] == "Use A."
    assert t.at["beta", "score"] == pytest.approx(1.5)
    assert t.at["beta", "band"] == "low"


def test_missing_answers_mean_of_answered(mini):
    t = score_responses(mini, {"a1": 2, "a3": 5, "a2": None})
    assert t.at["alpha", "score"] == pytest.approx((2 + 1) / 2)
    assert t.at["alpha", "answered"] == 2 and t.at["alpha", "status"] == "complete"


def test_too_few_answers_is_incomplete_not_averaged(mini):
    t = score_responses(mini, {"a1": 5, "b1": 4})
    row = t.loc["alpha", ["answered", "needed", "status", "band"]].tolist()
    assert row == [1, 2, "incomplete", ""]
    assert math.isnan(t.at["alpha", "score"]) and math.isnan(t.at["beta", "score"])


def test_no_answers_at_all(mini):
    t = score_responses(mini, {})
    assert (t["status"] == "incomplete").all() and t["score"].isna().all()


def test_all_same_answers(mini):
    # reverse-keying 3 on a 1-5 scale gives 3; all 5s give (5 + 5 + 1) / 3 on alpha
    assert score_responses(mini, {i: 3 for i in mini.item_ids})["score"].tolist() == [3.0, 3.0]
    t = score_responses(mini, {i: 5 for i in mini.item_ids})
    assert t.at["alpha", "score"] == pytest.approx(11 / 3) and t.at["beta", "score"] == 5.0


def test_band_edges(mini):
    scale = mini.scale("alpha")
    assert [scale.band_for(x).name for x in (1, 2.49, 2.5, 3.49, 3.5, 5)] == [
        "low", "low", "middle", "middle", "high", "high"]
    assert scale.band_for(float("nan")) is None


@pytest.mark.parametrize("value, words", [(6, "out of range"), (0, "out of range"),
                                          (2.5, "out of range"), ("often", "not a number")])
def test_bad_answer_raises_clear_error(mini, value, words):
    with pytest.raises(InputError) as err:
        score_responses(mini, {"a1": 3, "a2": value})
    msg = str(err.value)
    assert words in msg and "a2" in msg and "Fix:" in msg
    if words == "out of range":
        assert "1 to 5" in msg


def test_true_false_is_not_an_answer(mini):
    with pytest.raises(InputError, match="a1: answer True is not a number"):
        score_responses(mini, {"a1": True})


def test_duplicate_columns_raise(mini):
    df = pd.DataFrame([[3, 4]], columns=["a1", "a1"])
    with pytest.raises(InputError, match="a1 appear more than once"):
        score_many(mini, df)


def test_unknown_item_raises(mini):
    with pytest.raises(InputError, match="zz is not an item of mini"):
        score_responses(mini, {"zz": 3})


def test_score_many_matches_single_and_hand_values(mini):
    df = pd.DataFrame({"a1": [4, 1, None], "a2": [5, 1, 3], "a3": [2, 1, None],
                       "b1": [1, None, 3], "b2": [2, 5, 3]}, index=["ann", "bob", "cy"])
    scores = score_many(mini, df)
    assert scores.index.tolist() == ["ann", "bob", "cy"]
    assert scores.loc["ann", "alpha"] == pytest.approx(13 / 3)
    assert scores.loc["bob", "alpha"] == pytest.approx((1 + 1 + 5) / 3)
    assert math.isnan(scores.loc["cy", "alpha"])           # 1 answer < 2 needed
    assert math.isnan(scores.loc["bob", "beta"])
    assert answered_counts(mini, df).loc["cy"].tolist() == [1, 2]
    for who in df.index:
        single = score_responses(mini, df.loc[who].dropna().to_dict())
        pd.testing.assert_series_equal(single["score"], scores.loc[who], check_names=False)
    assert df.loc["ann", "a3"] == 2  # input untouched


def test_score_many_reports_row_and_item_of_bad_answer(mini):
    df = pd.DataFrame({"a1": [3, 3], "b2": [3, 7]}, index=["ann", "bob"])
    with pytest.raises(InputError, match=r"row 'bob', item b2: answer 7 is out of range"):
        score_many(mini, df)


def test_score_many_rejects_extra_columns(mini):
    df = pd.DataFrame({"learner": ["x"], "a1": [3]})
    with pytest.raises(InputError, match="set_index"):
        score_many(mini, df)


def test_score_many_column_order_does_not_matter(mini):
    df = pd.DataFrame({"b2": [1], "a3": [5], "a1": [1]})
    assert score_many(mini, df).loc[0].tolist()[0] == pytest.approx(1.0)


def test_class_norms_from_class_data_only():
    scores = pd.DataFrame({"a": [1.0, 2, 3, 4, 5, np.nan], "b": [3.0, 3, 3, 3, np.nan, np.nan]})
    norms = class_norms(scores)
    assert norms.loc["a"].tolist() == pytest.approx([5, 3.0, math.sqrt(2.5)])
    assert norms.at["b", "n"] == 4 and math.isnan(norms.at["b", "mean"])  # fewer than five
    assert class_norms(scores, min_group=4).at["b", "sd"] == 0.0
    with pytest.raises(InputError, match="canned norms"):
        class_norms(pd.DataFrame())


def test_next_steps_follow_focus(mini):
    t = score_responses(mini, {"a1": 5, "a2": 5, "a3": 1, "b1": 2, "b2": 2})
    assert next_steps(mini, t, 1).index.tolist() == ["beta"]       # focus: lowest
    drivers = load_instrument("career-drivers")
    answers = {i.id: (5 if i.scale == "service" else 2) for i in drivers.items}
    answers["cd24"] = 4  # reverse-keyed lifestyle item: 2
    assert next_steps(drivers, score_responses(drivers, answers), 1).index.tolist() == ["service"]


# -- reliability --------------------------------------------------------------------------

def test_alpha_published_worked_example():
    # Statology, "How to Calculate Cronbach's Alpha in Python" (Z. Bobbitt,
    # https://www.statology.org/cronbachs-alpha-in-python/): ten respondents, three items
    # on a 1-3 scale; the article reports alpha = 0.773 (pingouin: 0.7734375).
    df = pd.read_csv(FILES / "statology_alpha.csv")
    assert cronbach_alpha(df) == pytest.approx(0.7734375, abs=1e-9)


def test_alpha_hand_computed():
    # items (1,2,3,4) and (2,3,3,5): variances 5/3 and 19/12, totals (3,5,6,9) variance 6.25
    # alpha = 2 * (1 - (5/3 + 19/12) / 6.25) = 0.96
    df = pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 3, 3, 5]})
    assert cronbach_alpha(df) == pytest.approx(0.96)


def test_alpha_undefined_cases_are_nan():
    assert math.isnan(cronbach_alpha(pd.DataFrame({"x": [1, 2, 3]})))            # one item
    assert math.isnan(cronbach_alpha(pd.DataFrame({"x": [1], "y": [2]})))        # one row
    assert math.isnan(cronbach_alpha(pd.DataFrame({"x": [3] * 5, "y": [3] * 5})))  # all same
    # items that cancel out: totals constant, alpha undefined rather than a division error
    assert math.isnan(cronbach_alpha(pd.DataFrame({"x": [1, 2, 3], "y": [3, 2, 1]})))


def test_alpha_negative_when_items_disagree():
    df = pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [5, 3, 4, 1, 2]})
    assert cronbach_alpha(df) < 0


def test_alpha_listwise_deletion():
    df = pd.DataFrame({"x": [1, 2, 3, 4, None], "y": [2, 3, 3, 5, 1]})
    assert cronbach_alpha(df) == pytest.approx(0.96)


def test_scale_reliability_reverse_keys_first(mini):
    # b items agree; a3 is reverse-keyed, so answering it opposite to a1/a2 is consistent
    df = pd.DataFrame({"a1": [1, 2, 3, 4, 5], "a2": [1, 2, 3, 5, 4], "a3": [5, 4, 3, 2, 1],
                       "b1": [1, 2, 3, 4, 5], "b2": [1, 2, 3, 4, 5]})
    rel = scale_reliability(mini, df)
    assert rel.loc["alpha", ["items", "n"]].tolist() == [3, 5]
    assert rel.at["alpha", "alpha"] > 0.9 and rel.at["beta", "alpha"] == pytest.approx(1.0)
    expected = cronbach_alpha(pd.DataFrame({"a1": df.a1, "a2": df.a2, "a3": 6 - df.a3}))
    assert rel.at["alpha", "alpha"] == pytest.approx(expected)
