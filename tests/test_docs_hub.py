"""docs/jupyterhub.md tells what the hub test runs: its code is the tested configuration's."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs" / "jupyterhub.md").read_text(encoding="utf-8")
CONFIG = (REPO / "docs" / "jupyterhub_config.py").read_text(encoding="utf-8")


def test_the_python_shown_is_the_tested_configuration():
    blocks = re.findall(r"```python\n(.*?)```", DOC, re.S)
    assert blocks
    lines = {line.strip() for line in CONFIG.splitlines()}
    for block in blocks:
        for line in block.splitlines():
            assert not line.strip() or line.strip() in lines, line


def test_every_setting_the_configuration_reads_is_documented():
    read = set(re.findall(r"""env\(["'](COURSEKIT_\w+)["']""", CONFIG))
    assert {"COURSEKIT_CLASS_ADMIN_DB", "COURSEKIT_HUB_INSTRUCTORS"} <= read
    for name in read:
        assert f"`{name}`" in DOC, name


def test_the_hub_test_loads_this_file():
    test = (REPO / "tests" / "browser" / "test_hub.py").read_text(encoding="utf-8")
    assert 'CONFIG = REPO / "docs" / "jupyterhub_config.py"' in test


def test_the_commands_the_page_gives_exist():
    import argparse

    from coursekit.cli import build_parser

    def choices(parser):
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return action.choices

    commands = choices(build_parser())
    given = re.findall(r"`coursekit ([a-z-]+)(?: ([a-z-]+))?", DOC)
    assert ("class-db", "init") in given and ("update", "") in given
    for command, action in given:
        assert command in commands, command
        if command == "class-db":
            assert action in choices(commands[command]), action
