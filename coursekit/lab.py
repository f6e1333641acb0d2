"""JupyterLab's side of the course: notebooks saved without what only a running kernel shows.

JupyterLab saves a notebook with its widgets' outputs. Opened again without the kernel
that drew them, every such output reads "Error displaying widget: model not found". The
widgets come back when the cells run again (the answers are in the learner store, not in
the notebook), so the course's notebooks are saved without outputs: coming back, a learner
finds the page as it was first opened, whose first cell says to choose *Run All Cells*.
``coursekit start`` passes :func:`strip_outputs` to JupyterLab as its pre-save hook;
``docs/jupyterhub.md`` shows the same setting for a hub.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("ck.start_page(store)")])
>>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", {"text/plain": "x"})]
>>> nb.metadata["widgets"] = {"state": {}}
>>> strip_outputs({"type": "notebook", "content": nb}, "notebooks/00_start.ipynb")
>>> nb.cells[0].outputs, "widgets" in nb.metadata
([], False)
"""

from __future__ import annotations

from typing import Any

#: Passed to JupyterLab: ``--ContentsManager.pre_save_hook=coursekit.lab.strip_outputs``.
PRE_SAVE_HOOK = "coursekit.lab.strip_outputs"


def strip_outputs(model: dict[str, Any], path: str = "", contents_manager: Any = None,
                  **kwargs: Any) -> None:
    """Before JupyterLab saves a course notebook: drop outputs, counts and widget state.

    Only notebooks under ``notebooks/`` (the course's) are changed; a learner's own
    notebook elsewhere in the folder is saved as it is.
    """
    if model.get("type") != "notebook" or not str(path).lstrip("/").startswith("notebooks/"):
        return
    notebook = model["content"]
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    notebook["metadata"].pop("widgets", None)
