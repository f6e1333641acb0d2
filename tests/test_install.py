"""The course works from a normal (non-editable) install: init copies it, check validates it."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_non_editable_install_can_init_and_check_a_course(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The new venv sees the packages of the interpreter running the tests (jupyterlab,
    # pandas, hatchling...), whether that is the system Python or a venv of its own:
    # `system_site_packages` would see the base interpreter's, not a venv's. Folders named
    # in a .pth file are not searched for .pth files, so the checkout's editable coursekit
    # stays out of sight and the test gets the copy it installs.
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    outer = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib"),
                           *(p for p in sys.path if p.endswith(("site-packages", "dist-packages"))
                             and Path(p).is_dir())])
    (Path(site) / "_outer_env.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                    "--quiet", str(REPO)], check=True, timeout=300)
    where = subprocess.run(
        [python, "-c", "import coursekit, pathlib; print(pathlib.Path(coursekit.__file__).parent)"],
        cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    assert str(env_dir) in where, "the test must use the installed copy, not the checkout"
    assert (Path(where) / "_course" / "course.yaml").is_file()
    assert (Path(where) / "_templates" / "report" / "report.html.j2").is_file()
    # the sociogram's front end ships as package data, and the installed widget loads it
    for name in ("sociogram.js", "sociogram.css"):
        assert (Path(where) / "views" / "network" / "static" / name).is_file()
    # so does the app pages' plotly renderer, and the installed copy writes it for a server
    renderer = Path(where) / "_jupyter" / "app_labextension" / "coursekit-plotly"
    assert (renderer / "package.json").is_file()
    assert (renderer / "static" / "remoteEntry.js").is_file()
    subprocess.run([python, "-c", "import coursekit.app as a, pathlib, tempfile; d = "
                    "a.app_labextensions(pathlib.Path(tempfile.mkdtemp())); assert (d / "
                    "'coursekit-plotly' / 'static' / 'plotly.min.js').stat().st_size > 10**6"],
                   cwd=tmp_path, check=True, timeout=120)
    subprocess.run([python, "-c", "import coursekit as ck; c = ck.sociogram(ck.open_store("
                    "demo=True)).canvas; assert 'export default' in c._esm and c.state['nodes']"],
                   cwd=tmp_path, check=True, timeout=120)

    course = tmp_path / "my-course"
    subprocess.run([env_dir / "bin" / "coursekit", "init", str(course)], check=True,
                   cwd=tmp_path, timeout=60)
    assert (course / "notebooks" / "00_start.ipynb").is_file()
    assert any((course / "cases").glob("*.md"))
    result = subprocess.run([env_dir / "bin" / "coursekit", "check", str(course)],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    # the templates ship in the wheel: the installed copy renders a report
    subprocess.run([env_dir / "bin" / "coursekit", "report", "--demo", "--out",
                    str(tmp_path / "report")], check=True, cwd=tmp_path, timeout=120)
    assert "<!DOCTYPE html>" in (tmp_path / "report" / "my-report.html").read_text("utf-8")
