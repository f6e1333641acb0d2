"""The code base passes ruff with the project's configuration (pyproject.toml)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed")
def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(REPO)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stdout


def _silent_handlers(tree) -> list[int]:
    """Lines of ``except`` clauses whose whole body is ``pass``, ``...`` or ``continue``."""
    import ast

    silent = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and all(
                isinstance(s, (ast.Pass, ast.Continue)) or (
                    isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                    and s.value.value is Ellipsis) for s in node.body):
            silent.append(node.lineno)
    return silent


def test_no_silent_except_anywhere_in_the_package():
    import ast

    found = {str(path.relative_to(REPO)): lines
             for path in sorted((REPO / "coursekit").rglob("*.py"))
             if (lines := _silent_handlers(ast.parse(path.read_text(encoding="utf-8"))))}
    assert found == {}, "an error swallowed where a learner would never see it"


def test_the_silent_except_check_catches_one():
    import ast

    code = "try:\n    x()\nexcept ValueError:\n    pass\ntry:\n    y()\nexcept E:\n    ...\n"
    assert _silent_handlers(ast.parse(code)) == [3, 7]
