"""Benchmark: scoring 10,000 learners on one instrument, against plain pandas.

Prints the median time of :func:`coursekit.assessment.score_many` on 10,000 learners'
answers to the career-drivers instrument (24 items, 8 scales, one reverse-keyed item,
about 3 % of answers missing), the median of a plain pandas computation of the same
arithmetic (reverse keys, mean of answered items per scale, incomplete scales masked) in
the same run, and their ratio. Target: under 2x (score_many also checks every answer is a
whole number within the response scale, which the baseline does not).

Also prints the time to score one learner (what the questionnaire does on "See my results").

Run: ``python benchmarks/bench_scoring.py [--learners N] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import median_seconds, report  # noqa: E402

from coursekit.assessment import load_instrument, score_many, score_responses  # noqa: E402

TARGET_RATIO = 2.0


def make_answers(inst, learners: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rs = inst.response_scale
    values = rng.integers(rs.min, rs.max + 1, size=(learners, len(inst.items))).astype(float)
    values[rng.random(values.shape) < 0.03] = np.nan
    return pd.DataFrame(values, columns=list(inst.item_ids),
                        index=pd.Index([f"learner-{i}" for i in range(learners)], name="learner"))


def plain_pandas(inst, answers: pd.DataFrame) -> pd.DataFrame:
    """The same arithmetic written directly in pandas (no checks)."""
    rs = inst.response_scale
    reverse = [item.id for item in inst.items if item.reverse]
    keyed = answers.copy()
    keyed[reverse] = (rs.min + rs.max) - keyed[reverse]
    out = {}
    for scale in inst.scales:
        part = keyed[list(scale.item_ids)]
        out[scale.id] = part.mean(axis=1).where(part.count(axis=1) >= scale.min_answered)
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)

    inst = load_instrument("career-drivers")
    answers = make_answers(inst, args.learners)
    ours, base = score_many(inst, answers), plain_pandas(inst, answers)
    pd.testing.assert_frame_equal(ours, base, check_exact=False, rtol=1e-12)

    t_ours = median_seconds(lambda: score_many(inst, answers), repeat=args.repeat)
    t_base = median_seconds(lambda: plain_pandas(inst, answers), repeat=args.repeat)
    print(f"career-drivers: {len(inst.items)} items, {len(inst.scales)} scales, "
          f"{args.learners:,} learners, median of {args.repeat} runs")
    report(f"score_many, {args.learners:,} learners", t_ours, t_base, "plain pandas")
    ratio = t_ours / t_base
    print(f"ratio to plain pandas: {ratio:.2f}x (target < {TARGET_RATIO:g}x: "
          f"{'met' if ratio < TARGET_RATIO else 'MISSED'})")
    one = answers.iloc[0].dropna().to_dict()
    t_one = median_seconds(lambda: score_responses(inst, one), repeat=args.repeat)
    print(f"score_responses, one learner (results view): {t_one * 1000:.2f} ms")
    return 0 if ratio < TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
