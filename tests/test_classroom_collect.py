"""Collecting 200 synthetic hand-ins mixed with corrupt, duplicate, foreign, oversized and
hostile files; the dashboard equals a direct pandas computation over the same data."""

from __future__ import annotations

import copy
import io
import json
import os
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coursekit._errors import HandinError
from coursekit.classroom.class_store import open_class_store
from coursekit.classroom.cli import add_parser
from coursekit.classroom.collect import Limits, TextProgress, collect
from coursekit.classroom.handin_format import validate_handin
from coursekit.classroom.synthetic import synthetic_handins
from coursekit.cli import main
from coursekit.exercises import exercise


def to_v1(h: dict) -> dict:
    """The same hand-in in the older (version 1) layout."""
    ex = h["exercises"]
    scores = {attempt: {k.removeprefix("assessment:"): v[attempt]["scales"]
                        for k, v in ex.items() if k.startswith("assessment:") and attempt in v}
              for attempt in ("before", "after")}
    net = ex.get("network")
    v1 = {"format": "coursekit-handin", "version": 1, "learner": h["pseudonym"],
          "course": h["course"], "created": h["created_at"], "scores": scores["before"],
          "scores_after": scores["after"],
          "choices": {f"{k.removeprefix('case:')}/{point}": choice for k, v in ex.items()
                      if k.startswith("case:") for point, choice in v["decisions"].items()},
          "plan": ex.get("plan:steps"), "reflections": {}}
    if net:
        v1["network"] = {"size": net["contacts"], "inside": net["composition"]["inside"],
                         "outside": net["composition"]["outside"],
                         "types": net["composition"]["types"], "measures": net["measures"]}
    return v1


def later(h: dict, minutes: int) -> dict:
    h = copy.deepcopy(h)
    moment = datetime.fromisoformat(h["created_at"].replace("Z", "+00:00"))
    h["created_at"] = (moment + timedelta(minutes=minutes)).astimezone(UTC) \
        .strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return h


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def dump(h) -> bytes:
    return json.dumps(h).encode()


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    """A folder as an instructor gets it from a learning platform, and the expected result."""
    root = tmp_path_factory.mktemp("uploads")
    handins = synthetic_handins(200, seed=11, demo=False)
    expected = {h["pseudonym"]: validate_handin(h) for h in handins}
    (root / "week1").mkdir()
    (root / "week1" / "deep").mkdir()
    for h in handins[:100]:
        (root / "week1" / f"{h['pseudonym']}.json").write_bytes(dump(h))
    # 20 in the older version-1 layout (without item answers, which version 1 lacked)
    for h in handins[100:120]:
        (root / "week1" / "deep" / f"old-{h['pseudonym']}.json").write_bytes(dump(to_v1(h)))
        expected[h["pseudonym"]] = validate_handin(to_v1(h))
    # 10 hand in again later (replaces), 5 send an older copy (kept out)
    for i, h in enumerate(handins[:10]):
        newer = later(h, 90)
        newer["exercises"]["plan:steps"] = {"steps": 9, "if_then": 9, "done": i % 9}
        (root / f"again-{i}.json").write_bytes(b"\xef\xbb\xbf" + dump(newer))  # with a BOM
        expected[h["pseudonym"]] = validate_handin(newer)
    for i, h in enumerate(handins[10:15]):
        (root / f"older-{i}.json").write_bytes(dump(later(h, -60)))
    # 80 in a zip, with hostile members
    members = {f"class/{h['pseudonym']}.json": dump(h) for h in handins[120:200]}
    members.update({
        "../evil.json": dump(handins[0]),
        "/etc/abs.json": dump(handins[1]),
        "class/../../up.json": dump(handins[2]),
        "C:\\windows\\win.json": dump(handins[3]),
        "inner.zip": zip_bytes({"x.json": dump(handins[4])}),
        "bomb.json": b'{"format": "coursekit-handin", "pad": "' + b" " * 30_000_000 + b'"}',
        "ratio.json": b'{"pad": "' + b"0" * 900_000 + b'"}',
        "__MACOSX/._a.json": b"\x00\x05\x16\x07",
    })
    (root / "moodle.zip").write_bytes(zip_bytes(members))
    # broken, foreign, oversized, newer, other
    (root / "broken.json").write_bytes(b'{"format": "coursekit-handin", ')
    (root / "latin1.json").write_bytes('{"name": "Zoë"}'.encode("latin-1"))
    (root / "empty.json").write_bytes(b"")
    (root / "package.json").write_bytes(b'{"name": "left-pad", "version": "1.0.0"}')
    (root / "list.json").write_bytes(b"[1, 2, 3]")
    (root / "big.json").write_bytes(b'{"pad": "' + b"x" * (2 << 20) + b'"}')
    newer = dict(handins[5], version=4)
    (root / "future.json").write_bytes(dump(newer))
    (root / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (root / "notes.txt").write_text("remember to grade")
    (root / "fake.zip").write_bytes(b"PK\x03\x04 not really a zip")
    os.symlink("/etc/passwd", root / "link.json")
    return root, expected


@pytest.fixture(scope="module")
def collected(class_folder):
    root, expected = class_folder
    store = open_class_store(f"sqlite:///{root.parent / 'class.sqlite'}")
    before = sorted(p.name for p in root.rglob("*"))
    stream = io.StringIO()
    report = collect([root], store, progress=TextProgress(stream))
    assert sorted(p.name for p in root.rglob("*")) == before, "nothing is extracted to disk"
    yield store, report, expected, stream.getvalue()
    store.close()


def test_counts_in_the_summary(collected):
    store, report, expected, _ = collected
    assert report.read == 200 + 10 + 5
    assert report.added == 200
    # files at the top of the folder are read first (sorted walk): the 10 later copies are
    # added, then their originals are older and kept out; the 5 older copies are added,
    # then replaced by their originals. Either way the latest stays.
    assert report.replaced == 5
    assert report.kept_newer == 10
    assert report.migrated == 20
    assert store.count() == 200
    text = report.summary()
    assert "Hand-ins read: 215 (20 migrated" in text and "Added: 200" in text


def test_every_bad_file_is_skipped_with_its_reason(collected):
    _, report, _, _ = collected
    reasons = {Path(s.source.split("!")[0]).name + ("!" + s.source.split("!")[1]
               if "!" in s.source else ""): s.reason for s in report.skipped}
    expect = {
        "moodle.zip!../evil.json": "path traversal",
        "moodle.zip!/etc/abs.json": "absolute path",
        "moodle.zip!class/../../up.json": "path traversal",
        "moodle.zip!C:\\windows\\win.json": "absolute path",
        "moodle.zip!inner.zip": "nested archives are not followed",
        "moodle.zip!bomb.json": "over the limit",
        "moodle.zip!ratio.json": "zip bomb",
        "broken.json": "not valid JSON",
        "latin1.json": "not UTF-8",
        "empty.json": "not valid JSON",
        "package.json": "not a coursekit hand-in",
        "list.json": "not a coursekit hand-in",
        "big.json": "over the limit",
        "future.json": "newer coursekit",
        "deep.json": "nested too deeply",
        "notes.txt": "not a hand-in file",
        "fake.zip": "not a readable zip file",
        "link.json": "symbolic link",
    }
    for name, words in expect.items():
        assert name in reasons, f"{name} was not reported; reported: {sorted(reasons)}"
        assert words in reasons[name], (name, reasons[name])
    assert len(report.skipped) == len(expect)  # macOS metadata is ignored silently
    assert not any("__MACOSX" in s.source for s in report.skipped)


def test_the_store_holds_the_latest_of_each_learner(collected):
    store, _, expected, _ = collected
    stored = {h["pseudonym"]: h for h in store.handins()}
    assert stored == expected


def test_progress_bar_reaches_the_end(collected):
    *_, progress = collected
    # candidates left after the checks made while listing (names, zip members' sizes and
    # ratios, links): 215 hand-ins, 80 of them zip members, 7 files that fail when parsed,
    # and big.json, whose size is checked on the bytes read (no stat of every file)
    assert progress.rstrip().endswith("223/223")
    assert "[" + "#" * 30 + "]" in progress


def test_collecting_again_changes_nothing(class_folder, collected):
    store, *_ = collected
    root, expected = class_folder
    again = collect([root], store)
    assert again.added == 0 and again.replaced == 0 and again.kept_newer == 215
    assert {h["pseudonym"]: h for h in store.handins()} == expected


# -- the dashboard against a direct pandas computation ----------------------------------------

DRIVERS = "assessment:career-drivers"


def _panels(store, exercise_id):
    return {p.title.split(": ", 1)[-1] if ": " in p.title else p.title: p
            for p in exercise(exercise_id).dashboard(
                {h["pseudonym"]: h["exercises"][exercise_id] for h in store.handins()
                 if exercise_id in h["exercises"]})}


def _scores(handins, exercise_id=DRIVERS):
    return pd.DataFrame([
        {"pseudonym": h["pseudonym"], "attempt": attempt, "scale": s, "score": v}
        for h in handins if exercise_id in h["exercises"]
        for attempt, a in h["exercises"][exercise_id].items()
        for s, v in a["scales"].items() if v is not None])


def test_scale_norms_equal_pandas(collected):
    store, _, expected, _ = collected
    direct = (_scores(expected.values()).groupby(["attempt", "scale"])["score"]
              .agg(n="count", mean="mean", sd="std",
                   q1=lambda s: s.quantile(0.25), median="median",
                   q3=lambda s: s.quantile(0.75)).reset_index())
    panel = _panels(store, DRIVERS)["the class's scores"]
    norms = panel.table
    assert len(norms) == len(direct)
    merged = norms.merge(direct, on=["attempt", "scale"], suffixes=("", "_pd"))
    for column in ("n", "mean", "sd", "q1", "median", "q3"):
        np.testing.assert_allclose(merged[column], merged[f"{column}_pd"], rtol=1e-12)
    fig = panel.figure
    before = direct[direct["attempt"] == "before"].sort_values("mean")
    np.testing.assert_allclose(fig.data[0].x, before["mean"], rtol=1e-12)
    names = dict(zip(norms["scale"], norms["label"], strict=True))
    assert list(fig.data[0].y) == [names[s] for s in before["scale"]]
    np.testing.assert_allclose(np.asarray(fig.data[0].error_x.array),
                               (before["q3"] - before["mean"]).to_numpy(), rtol=1e-9)


def test_before_after_equals_pandas(collected):
    store, _, expected, _ = collected
    wide = _scores(expected.values()).pivot_table(
        index=["scale", "pseudonym"], columns="attempt", values="score")
    wide = wide.dropna()
    direct = (wide.assign(change=wide["after"] - wide["before"])
              .groupby(level=["scale"])
              .agg(n=("change", "size"), before=("before", "mean"), after=("after", "mean"),
                   change=("change", "mean")).reset_index())
    panel = _panels(store, DRIVERS)["before and after"]
    merged = panel.table.merge(direct, on=["scale"], suffixes=("", "_pd"))
    assert len(merged) == len(direct) > 0
    for column in ("n", "before", "after", "change"):
        np.testing.assert_allclose(merged[column], merged[f"{column}_pd"], rtol=1e-12)
    after_trace = [t for t in panel.figure.data if t.name == "after"][0]
    order = direct.sort_values("change")
    np.testing.assert_allclose(after_trace.x, order["after"], rtol=1e-12)


def test_polls_equal_pandas(collected):
    store, _, expected, _ = collected
    case = "case:the-first-step"
    rows = pd.DataFrame([{"point": p, "choice": c} for h in expected.values()
                         if case in h["exercises"]
                         for p, c in h["exercises"][case]["decisions"].items()])
    direct = rows.value_counts(["point", "choice"]).rename("count").reset_index()
    direct["share"] = direct["count"] / direct.groupby("point")["count"].transform("sum")
    panel = _panels(store, case)["the class's predictions"]
    merged = panel.table.merge(direct, on=["point", "choice"], suffixes=("", "_pd"))
    assert len(merged) == len(direct)
    assert (direct["count"] >= 5).all()  # 200 learners: no option is a small group here
    np.testing.assert_allclose(merged["count"], merged["count_pd"])
    np.testing.assert_allclose(merged["share"], merged["share_pd"], rtol=1e-12)
    assert sum(len(t.x) for t in panel.figure.data) == len(direct)
    shares = {label: share for t in panel.figure.data for label, share in zip(t.y, t.x,
                                                                              strict=True)}
    for row in panel.table.itertuples():
        assert shares[row.option] == pytest.approx(row.share)


def test_network_composition_equals_pandas(collected):
    store, _, expected, _ = collected
    nets = pd.DataFrame([
        {"contacts": n["contacts"], **{k: n["composition"][k] for k in ("inside", "outside")},
         **{f"type.{k}": v for k, v in n["composition"]["types"].items()}}
        for h in expected.values() if (n := h["exercises"].get("network")) and n["contacts"]])
    panel = _panels(store, "network")["The class's networks"]
    table = panel.table.set_index("category")
    total = nets["contacts"].sum()
    for category in ("inside", "outside"):
        assert table.loc[category, "share"] == pytest.approx(nets[category].sum() / total)
        assert table.loc[category, "mean_share"] == pytest.approx(
            (nets[category] / nets["contacts"]).mean())
        assert table.loc[category, "learners"] == len(nets)
    for column in [c for c in nets.columns if c.startswith("type.")]:
        counts = nets[column].fillna(0)
        assert table.loc[column[5:], "share"] == pytest.approx(counts.sum() / total)
    shares = dict(zip(panel.figure.data[0].y, panel.figure.data[0].x, strict=False))
    assert shares["inside or outside: outside"] == pytest.approx(nets["outside"].sum() / total)


def test_reliability_equals_the_alpha_formula(collected):
    store, _, expected, _ = collected
    rows = pd.DataFrame([
        {"pseudonym": h["pseudonym"], "attempt": attempt, "scale": s, "item": i, "value": v}
        for h in expected.values() if DRIVERS in h["exercises"]
        for attempt, a in h["exercises"][DRIVERS].items()
        for s, answers in a["items"].items() for i, v in answers.items()])
    table = _panels(store, DRIVERS)["how consistent are its scales?"].table
    for (attempt, scale), group in rows.groupby(["attempt", "scale"]):
        wide = group.pivot(index="pseudonym", columns="item", values="value").dropna()
        k = wide.shape[1]
        alpha = k / (k - 1) * (1 - wide.var(ddof=1).sum() / wide.sum(axis=1).var(ddof=1))
        row = table[(table["attempt"] == attempt) & (table["scale"] == scale)].iloc[0]
        assert row["n"] == len(wide)
        assert row["alpha"] == pytest.approx(alpha, rel=1e-9)


def test_outsight_and_measures_equal_pandas(collected):
    store, _, expected, _ = collected
    values = pd.DataFrame([{"indicator": k, "value": v}
                           for h in expected.values() if (n := h["exercises"].get("network"))
                           for k, v in n["outsight"].items() if v is not None])
    direct = values.groupby("indicator")["value"].agg(["count", "mean", "median"])
    table = _panels(store, "network")["Out-sight across the class"].table.set_index("indicator")
    np.testing.assert_allclose(table.loc[direct.index, "n"], direct["count"])
    np.testing.assert_allclose(table.loc[direct.index, "mean"], direct["mean"], rtol=1e-12)
    np.testing.assert_allclose(table.loc[direct.index, "median"], direct["median"])


# -- zip limits, the command line ----------------------------------------------------------------

def test_archive_budget_counts_bytes_actually_read(tmp_path):
    handins = synthetic_handins(30, seed=2)
    data = {f"{h['pseudonym']}.json": dump(h) for h in handins}
    (tmp_path / "all.zip").write_bytes(zip_bytes(data))
    size = len(next(iter(data.values())))
    store = open_class_store("sqlite:///:memory:")
    report = collect([tmp_path], store, limits=Limits(max_archive_bytes=size * 10))
    assert 8 <= report.added <= 10
    assert all("archive passed its limit" in s.reason for s in report.skipped)
    assert report.added + len(report.skipped) == 30


def test_a_stored_member_over_the_limit_is_cut_off_while_reading(tmp_path):
    """A zip that lies about its sizes: the bytes actually read are capped."""
    h = synthetic_handins(1, seed=3)[0]
    payload = json.dumps({**h, "pad": "x" * 5000}).encode()
    raw = bytearray(zip_bytes({"liar.json": payload}, compression=zipfile.ZIP_STORED))
    # patch the declared uncompressed size in the central directory to 100 bytes
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24:central + 28] = (100).to_bytes(4, "little")
    (tmp_path / "liar.zip").write_bytes(bytes(raw))
    report = collect([tmp_path], open_class_store("sqlite:///:memory:"),
                     limits=Limits(max_file_bytes=1000))
    assert report.added == 0 and len(report.skipped) == 1


def test_missing_path_is_reported(tmp_path):
    report = collect([tmp_path / "nope"], open_class_store("sqlite:///:memory:"))
    assert report.skipped[0].reason == "no such file or folder"


def test_cli_collect(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for h in synthetic_handins(7, seed=5):
        (folder / f"{h['pseudonym']}.json").write_bytes(dump(h))
    (folder / "x.json").write_text("nope")
    db = tmp_path / "class.sqlite"
    assert main(["collect", str(folder), "--into", f"sqlite:///{db}"]) == 0
    out = capsys.readouterr()
    assert "Added: 7" in out.out and "x.json: not valid JSON" in out.out
    assert "7/8" not in out.out and "8/8" in out.err  # the progress bar goes to stderr
    assert open_class_store(str(db)).count() == 7


def test_cli_without_a_class_store_says_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("COURSEKIT_CLASS_DB", raising=False)
    assert main(["collect", str(tmp_path), "--quiet"]) == 2
    assert "--into sqlite:///class.sqlite" in capsys.readouterr().err


def test_cli_uses_the_environment_variable(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COURSEKIT_CLASS_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert main(["collect", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "env.sqlite").exists()


def test_add_parser_registers_collect():
    import argparse

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["collect", "a", "b.zip", "--into", "x.sqlite"])
    assert args.paths == ["a", "b.zip"] and args.into == "x.sqlite" and callable(args.run)


def test_a_pipe_or_a_linked_folder_is_never_read(tmp_path):
    # A named pipe called x.json would block the collection for ever if it were opened; a
    # link to a folder is not followed (it could lead anywhere on the disk).
    folder = tmp_path / "handins"
    folder.mkdir()
    (h,) = synthetic_handins(1, seed=9)
    (folder / "a.json").write_bytes(dump(h))
    os.mkfifo(folder / "pipe.json")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.json").write_bytes(dump(synthetic_handins(2, seed=10)[1]))
    os.symlink(tmp_path / "elsewhere", folder / "linked")
    store = open_class_store(f"sqlite:///{tmp_path / 'class.sqlite'}")
    report = collect([folder], store)
    assert report.added == 1
    assert [(Path(s.source).name, s.reason.split(" (")[0]) for s in report.skipped] == [
        ("pipe.json", "not a regular file")]
    store.close()


def test_a_file_that_grows_past_the_limit_is_refused_on_what_is_read(tmp_path):
    from coursekit.classroom.collect import _read_file

    path = tmp_path / "x.json"
    path.write_bytes(b"x" * 200)
    with pytest.raises(HandinError, match="200 bytes is over the limit of 100"):
        _read_file(str(path), Limits(max_file_bytes=100))
