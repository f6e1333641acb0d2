"""Demo mode across the course: every notebook runs on sample answers and never touches
the learner's own store."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(p for p in NOTEBOOK_DIR.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.slow
@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in NOTEBOOKS])
def test_notebook_runs_in_demo_mode_without_touching_the_learner_store(path, tmp_path,
                                                                        monkeypatch):
    own_store = tmp_path / "own" / "learner.sqlite"
    monkeypatch.setenv("COURSEKIT_STORE", str(own_store))
    monkeypatch.setenv("COURSEKIT_DEMO", "1")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # the kernel inherits the demo environment
    assert not own_store.exists(), "demo mode wrote the learner's own store"
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append(str(output.get("text", "")) + str(data.get("text/plain", "")))
    assert not any("Traceback" in t for t in texts)
    if "instructor" not in path.parts:  # a learner page says whose answers it shows
        state = nb.metadata.get("widgets", {}).get(
            "application/vnd.jupyter.widget-state+json", {}).get("state", {})
        values = [str(m.get("state", {}).get("value", "")) for m in state.values()]
        assert any("Demo mode:" in v for v in values), f"{path.name} shows no demo banner"
