"""``coursekit report`` (the module the lead registers in coursekit/cli.py)."""

from __future__ import annotations

import argparse

import icalendar
import pytest

from coursekit import InputError, StoreError
from coursekit.planning import add_step
from coursekit.report import cli as report_cli
from coursekit.store import LearnerStore


def _run(argv):
    parser = argparse.ArgumentParser(prog="coursekit")
    sub = parser.add_subparsers(dest="command")
    report_cli.add_parser(sub)
    args = parser.parse_args(["report", *argv])
    return args.func(args)


def test_report_from_a_store(tmp_path, capsys):
    path = tmp_path / "s.sqlite"
    with LearnerStore(path) as s:
        add_step(s, "<script>x</script>", due="2030-01-02")
        s.save("case:x", "r1", "private words", kind="reflection")
    assert _run(["--store", str(path)]) == 0
    out = capsys.readouterr().out
    assert "my-report.html" in out and "1 dated item" in out
    html = (tmp_path / "report" / "my-report.html").read_text(encoding="utf-8")
    assert "private words" not in html and "&lt;script&gt;x" in html
    cal = icalendar.Calendar.from_ical((tmp_path / "report" / "my-plan.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["<script>x</script>"]


def test_out_file_and_reflection_ids(tmp_path):
    path = tmp_path / "s.sqlite"
    with LearnerStore(path) as s:
        s.save("case:x", "r1", "private words", kind="reflection")
        s.save("case:x", "r2", "other words", kind="reflection")
    out = tmp_path / "hand" / "mine.html"
    assert _run(["--store", str(path), "--out", str(out),
                 "--include-reflections", "case:x/r2"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "other words" in html and "private words" not in html
    assert (out.parent / "mine.md").is_file() and (out.parent / "mine.ics").is_file()


def test_demo(tmp_path, capsys):
    assert _run(["--demo", "--out", str(tmp_path)]) == 0
    assert "Demo: this report" in (tmp_path / "my-report.html").read_text(encoding="utf-8")


def test_bad_input(tmp_path):
    with pytest.raises(StoreError, match="no learner store"):
        _run(["--store", str(tmp_path / "missing.sqlite")])
    with pytest.raises(InputError, match="folder or an .html"):
        _run(["--demo", "--out", str(tmp_path / "r.pdf")])
    with pytest.raises(InputError, match="cannot be used together"):
        _run(["--demo", "--store", "x.sqlite"])


def test_registered_in_main_cli(tmp_path, capsys):
    from coursekit.cli import main

    code = main(["report", "--store", str(tmp_path / "none.sqlite")])
    assert code == 2 and "no learner store" in capsys.readouterr().err
