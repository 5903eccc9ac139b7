"""Guard against the PySide6 release whose signal emits corrupt Python's reference to True.

PySide6 6.12.0 on Python 3.11 drops a reference to ``True`` on every ``Signal.emit`` from Python;
pyqtgraph emits constantly, so the viewer aborted with "Fatal Python error: bool_dealloc". The
release is excluded in pyproject.toml; this test fails if such a build is installed again.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QObject, Signal
class Emitter(QObject):
    fired = Signal(object)
e = Emitter(); e.fired.connect(lambda value: None)
before = sys.getrefcount(True)
for _ in range(200): e.fired.emit(1)
print(sys.getrefcount(True) - before)
"""


def test_signal_emit_keeps_reference_counts():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"
