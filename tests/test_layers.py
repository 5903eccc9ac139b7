"""The architecture's one rule: model/, formats/ and report/ never import Qt, so scripts can use them."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

from conftest import REPO

PURE_LAYERS = ("model", "formats", "report")
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6")
SRC = REPO / "src" / "viewer"


def _imported_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_pure_layers_have_no_qt_imports_anywhere_in_their_source():
    offenders = [
        f"{path.relative_to(REPO)} imports {name}"
        for layer in PURE_LAYERS for path in sorted((SRC / layer).rglob("*.py"))
        for name in _imported_names(path) if name.split(".")[0] in QT_MODULES
    ]
    assert offenders == []


def test_lower_layers_do_not_import_upper_layers():
    order = ["model", "formats", "report", "charts", "ui"]
    offenders = []
    for rank, layer in enumerate(order):
        for path in (SRC / layer).rglob("*.py"):
            for name in _imported_names(path):
                parts = name.split(".")
                if parts[0] == "viewer" and len(parts) > 1 and parts[1] in order[rank + 1:]:
                    offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def test_importing_every_pure_module_loads_no_qt():
    modules = [
        f"viewer.{layer}.{info.name}"
        for layer in PURE_LAYERS for info in pkgutil.iter_modules([str(SRC / layer)])
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
