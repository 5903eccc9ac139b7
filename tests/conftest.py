from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Headless: every GUI test runs offscreen, on a developer's machine and in CI alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
BAD = DATA / "bad"


@pytest.fixture
def sample_path() -> Path:
    from viewer.resource_files import sample_path as bundled

    return bundled()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``inspection-viewer ARGS`` in this process (a subprocess proves nothing more for most commands and
    costs a second of start-up each): its exit status and what it printed. Printing summaries needs the
    test session's QApplication, so tests that print ask for the ``qapp`` fixture."""
    from viewer.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(["inspection-viewer", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str) -> subprocess.CompletedProcess:
    """The real command in its own interpreter, for the few end-to-end tests."""
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=180)


@pytest.fixture
def window(qtbot, tmp_path):
    """The main window, shown, with its own settings file; a load still running at the end is stopped."""
    from PySide6.QtCore import QSettings

    from viewer.ui.main_window import MainWindow

    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win
    if win.background_load is not None:
        win.background_load.stop()
