from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coursekit import InputError, NotFoundError
from coursekit.cli import build_parser, init_course, lab_command, main
from coursekit.store import LearnerStore


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coursekit", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_help_lists_every_command():
    out = run("--help").stdout
    for command in ("start", "init", "check", "store"):
        assert command in out


def test_init_copies_the_whole_course(tmp_path):
    target = init_course(tmp_path / "mine")
    for part in ("course.yaml", "cases", "notebooks/00_start.ipynb", "samples"):
        assert (target / part).exists(), part
    assert not (target / "learner-data").exists()


def test_init_on_a_course_brings_it_up_to_date_keeping_edits(tmp_path):
    target = init_course(tmp_path / "mine")
    (target / "notebooks" / "00_start.ipynb").write_text("{}", encoding="utf-8")
    init_course(target)
    kept = list((target / "kept-aside").rglob("00_start.ipynb"))
    assert [p.read_text(encoding="utf-8") for p in kept] == ["{}"]
    assert (target / "notebooks" / "00_start.ipynb").read_text(encoding="utf-8") != "{}"


def test_init_force_keeps_learner_data(tmp_path):
    target = init_course(tmp_path / "mine")
    with LearnerStore(target / "learner-data" / "coursekit.sqlite") as s:
        s.save("e", "k", "kept")
    init_course(target, force=True)
    with LearnerStore(target / "learner-data" / "coursekit.sqlite") as s:
        assert s.load("e", "k") == "kept"


def test_check_passes_on_the_shipped_content(course_copy):
    result = run("check", str(course_copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_check_fails_on_a_broken_copy_naming_the_file(course_copy):
    case = next((course_copy / "cases").glob("*.md"))
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    result = run("check", str(course_copy))
    assert result.returncode == 1
    assert f"cases/{case.name}" in result.stdout
    assert "Fix:" in result.stdout


def test_check_reports_a_broken_course_plan(course_copy):
    plan = course_copy / "course.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "00_start.ipynb", "00_missing.ipynb"), encoding="utf-8")
    result = run("check", str(course_copy))
    assert result.returncode == 1
    expected = "course.yaml: parts[0]: notebook: notebooks/00_missing.ipynb does not exist"
    assert expected in result.stdout


def test_check_on_a_folder_that_is_not_a_course(tmp_path):
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert "not a course folder" in result.stdout


def test_store_show_export_erase(tmp_path, capsys):
    path = tmp_path / "s.sqlite"
    with LearnerStore(path) as s:
        s.save("case:x", "reflection:r", "mine", kind="reflection")
    assert main(["store", "show", "--store", str(path)]) == 0
    assert "entries" in capsys.readouterr().out
    out = tmp_path / "export.json"
    assert main(["store", "export", "--store", str(path), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["entries"][0]["value"] == "mine"
    assert main(["store", "erase", "--store", str(path)]) == 1  # needs --yes
    assert main(["store", "erase", "--store", str(path), "--yes"]) == 0
    with LearnerStore(path) as s:
        assert s.inventory()["entries"] == 0


def test_store_command_on_a_corrupt_file_is_one_clear_line(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"garbage" * 100)
    result = run("store", "show", "--store", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "left untouched" in result.stderr


def test_start_opens_jupyterlab_at_the_start_page(course_copy):
    cmd = lab_command(course_copy, port=8899, no_browser=True)
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start.ipynb" in cmd
    assert f"--ServerApp.root_dir={course_copy}" in cmd
    assert "--no-browser" in cmd and "--ServerApp.port=8899" in cmd


def test_start_refuses_a_folder_that_is_not_a_course(tmp_path):
    args = build_parser().parse_args(["start", str(tmp_path), "--no-browser"])
    with pytest.raises(InputError, match="not a course folder"):
        args.func(args)


def test_start_with_an_unknown_demo_person_names_the_known_ones(course_copy):
    args = build_parser().parse_args(["start", str(course_copy), "--demo", "nobody"])
    with pytest.raises(NotFoundError, match="no such sample person. Fix: use one of amara"):
        args.func(args)


def test_start_passes_allow_root_only_as_root(course_copy, monkeypatch):
    import coursekit.cli as cli

    monkeypatch.setattr(cli.os, "geteuid", lambda: 0)
    assert "--allow-root" in lab_command(course_copy, port=None, no_browser=True)
    monkeypatch.setattr(cli.os, "geteuid", lambda: 1000)
    assert "--allow-root" not in lab_command(course_copy, port=None, no_browser=True)


def test_a_stopped_start_stops_its_server(tmp_path):
    import signal
    import time

    marker = tmp_path / "child-stopped"
    child = (f"import signal, sys, time, pathlib\n"
             f"def bye(*_):\n    pathlib.Path({str(marker)!r}).write_text('x'); sys.exit(0)\n"
             f"signal.signal(signal.SIGTERM, bye)\ntime.sleep(60)\n")
    parent = (f"import sys; from pathlib import Path; from coursekit.cli import run_until_stopped\n"
              f"sys.exit(run_until_stopped([sys.executable, '-c', {child!r}], env=None, "
              f"cwd=Path('.')))\n")
    proc = subprocess.Popen([sys.executable, "-c", parent], cwd=tmp_path)
    time.sleep(2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert marker.exists(), "SIGTERM was not passed on to the server"


def test_start_turns_off_jupyterlab_news_and_update_checks(course_copy):
    """No "get notified about official Jupyter news?" popup over the start page, no calls out."""
    import json
    import subprocess
    import sys

    from coursekit.cli import course_environment

    cmd = lab_command(course_copy, port=None, no_browser=True)
    assert "--LabApp.news_url=None" in cmd
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in cmd
    # the page config JupyterLab builds in the course's environment disables the plugin
    env = course_environment(course_copy)
    out = subprocess.run(
        [sys.executable, "-c", "import json; from jupyterlab_server.config import "
         "get_static_page_config as g; print(json.dumps(g()))"],
        env=env, capture_output=True, text=True, check=True).stdout
    disabled = json.loads(out).get("disabledExtensions", {})
    assert disabled.get("@jupyterlab/apputils-extension:announcements") is True
