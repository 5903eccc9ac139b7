"""The Qt-free floors at run time: importing every module of model/, formats/, printout/ and workspace/
loads no Qt. (Which package may import which is checked statically by import-linter in ``make test``;
this also catches an import made inside a function.)"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

from conftest import REPO

QT_FREE = ("model", "formats", "printout", "workspace")
QT_MODULES = ("PySide6", "pyqtgraph", "shiboken6")


def test_importing_every_qt_free_module_loads_no_qt():
    import viewer

    modules = [info.name for info in pkgutil.walk_packages(viewer.__path__, "viewer.")
               if info.name.split(".")[1] in QT_FREE]
    assert len(modules) > 40
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
