"""The shape of the package: no import cycle, small modules, a core without widgets.

The import graph is read from the source (module-level imports: those run when a module is
imported; imports inside a function run later and only where needed). A package importing
its own submodules is the usual shape and is not a cycle; a cycle is two modules that each
need the other to be imported first.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coursekit"
#: The most lines a module may have (docstrings and comments included).
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _top_level_imports(tree: ast.Module) -> list[ast.stmt]:
    """Import statements run at import time (``if TYPE_CHECKING:`` blocks left out)."""
    found: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name)
                                               and node.test.id == "TYPE_CHECKING"):
            found.extend(n for n in node.body if isinstance(n, (ast.Import, ast.ImportFrom)))
        elif isinstance(node, ast.Try):
            found.extend(n for n in node.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    return found


def import_graph() -> nx.DiGraph:
    """Module -> the coursekit modules it imports at import time."""
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _top_level_imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = _resolve(name, path.name == "__init__.py", node)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph.add_edge(name, target)
    return graph


def test_no_import_cycle():
    graph = import_graph()
    assert graph.number_of_edges() > 100  # the scan found the imports
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], f"import cycles: {cycles[:5]}"


def test_the_check_finds_a_cycle(tmp_path, monkeypatch):
    graph = nx.DiGraph([("a", "b"), ("b", "a")])
    assert [sorted(c) for c in nx.simple_cycles(graph)] == [["a", "b"]]


def test_the_store_imports_nothing_else_of_coursekit():
    allowed = {"coursekit._errors", "coursekit._limits", "coursekit._migrations"}
    assert set(import_graph().successors("coursekit.store")) <= allowed


def test_the_core_imports_no_widgets():
    widget_free = [name for name in _modules()
                   if not name.startswith("coursekit.views") and name != "coursekit"]
    for name in widget_free:
        source = _modules()[name].read_text(encoding="utf-8")
        assert "import ipywidgets" not in source and "from ipywidgets" not in source, name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_no_module_is_over_400_lines(name):
    lines = len(_modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by job"


#: Import names whose distribution has another name.
DISTRIBUTIONS = {"yaml": "pyyaml", "IPython": "ipython", "pydantic_core": "pydantic-core",
                 "jupyter_server": "jupyter-server", "markupsafe": "markupsafe"}


def test_every_imported_package_is_declared():
    import sys
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {re.split(r"[<>=\[; ]", d, maxsplit=1)[0].lower().replace("_", "-")
                for d in [*project["project"]["dependencies"],
                          *project["project"]["optional-dependencies"]["hub"]]}
    imported = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {m for m in imported
                   if m not in sys.stdlib_module_names and m not in ("coursekit", "__future__")}
    missing = {m for m in third_party
               if DISTRIBUTIONS.get(m, m).lower().replace("_", "-") not in declared}
    assert missing == set(), f"imported but not declared in pyproject.toml: {missing}"


def test_library_code_never_exits_the_process():
    """A library error is an exception the caller can catch, never SystemExit."""
    allowed = {"coursekit/__main__.py", "coursekit/app.py"}  # the entry point; the app runner
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE.parent))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        main_blocks = {id(n) for node in tree.body if isinstance(node, ast.If)
                       and "__main__" in ast.unparse(node.test) for n in ast.walk(node)}
        for node in ast.walk(tree):
            text = ast.unparse(node) if isinstance(node, (ast.Raise, ast.Call)) else ""
            if (text.startswith("raise SystemExit") or text.startswith("sys.exit(")) \
                    and id(node) not in main_blocks and name not in allowed:
                found.append(f"{name}:{node.lineno}")
    assert found == []
