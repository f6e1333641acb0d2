"""App mode's own plotly renderer: written for each server, on Voila's path, plotly's off.

The browser side (one draw per figure, the width followed, a message when plotly.js cannot
load) is tested in ``tests/browser/test_app_figures.py``.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coursekit import app

PLOTLY = Path(importlib.util.find_spec("plotly").origin).parent
PLOTLY_JS = PLOTLY / "package_data" / "plotly.min.js"


@pytest.fixture
def written(tmp_path) -> Path:
    return app.app_labextensions(tmp_path) / "coursekit-plotly"


def test_the_renderer_draws_with_the_kernels_plotly_js(written):
    assert (written / "static" / "plotly.min.js").read_bytes() == PLOTLY_JS.read_bytes()


def test_the_written_extension_is_one_voila_can_load(written):
    package = json.loads((written / "package.json").read_text(encoding="utf-8"))
    build = package["jupyterlab"]["_build"]
    script = (written / build["load"]).read_text(encoding="utf-8")
    # The container registers under the package's name and serves its mime extension.
    assert re.search(r'const NAME = "([^"]+)"', script).group(1) == package["name"]
    assert f'module !== "{build["mimeExtension"]}"' in script
    assert "application/vnd.plotly.v1+json" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to parse the script")
def test_the_renderer_script_parses(written):
    subprocess.run(["node", "--check", str(written / "static" / "remoteEntry.js")], check=True,
                   timeout=60)


def test_the_replaced_renderer_is_an_installed_labextension():
    """The denylist names plotly's renderer as it is installed (a rename would let it back)."""
    from jupyterlab_server.config import get_federated_extensions
    from voila.utils import get_voila_labextensions_path

    installed = get_federated_extensions(get_voila_labextensions_path())
    assert set(app.REPLACED_EXTENSIONS) <= set(installed)


def test_serve_runs_voila_with_the_renderer_and_removes_it_after(monkeypatch):
    from voila.app import Voila

    seen = {}

    def launch(argv, config):
        folder = Path(config.VoilaConfiguration.extra_labextensions_path[0])
        seen["folder"] = folder
        seen["files"] = sorted(p.name for p in (folder / "coursekit-plotly" / "static").iterdir())
        seen["denied"] = config.VoilaConfiguration.extension_denylist
        seen["argv"] = argv

    monkeypatch.setattr(Voila, "launch_instance", launch)
    monkeypatch.setattr(app.gc, "freeze", lambda: None)
    app.serve(["notebooks"])
    assert seen["files"] == ["plotly.min.js", "remoteEntry.js"]
    assert seen["denied"] == ["jupyterlab-plotly"] and seen["argv"] == ["notebooks"]
    assert not seen["folder"].exists(), "the server's copy outlived it"


def test_without_plotly_the_server_says_what_to_install(tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "plotly" else real(name, *a))
    with pytest.raises(RuntimeError, match="pip install plotly"):
        app.app_labextensions(tmp_path)
