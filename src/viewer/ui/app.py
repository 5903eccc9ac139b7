"""Start the Qt application: the window, the files from the command line, and the exit code.

Before Qt is loaded, the machine is checked for a display and for the system libraries Qt's platform
plugin needs (``viewer.setup_check``): Qt's own abort says only "Reinstalling the application may fix
this problem". Once the window is up, a bug anywhere in it is logged to the crash log and said in a
short message, and Ctrl-C in the terminal closes the window and ends the run (status 130).
"""

from __future__ import annotations

import linecache
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from viewer.resource_files import resource_path, sample_path
from viewer.setup_check import display_problem, library_problem
from viewer.workspace.crash_log import crash_message, log_crash

ORGANISATION = "Inspection Viewer"
APPLICATION = "Inspection Viewer"


def create_application():
    _import_before_qt()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(QIcon(str(resource_path("icons", "inspection-viewer.svg"))))
    return app


def _import_before_qt() -> None:
    """Import the window's Qt-free modules before PySide6. Once loaded, PySide6 reads the source of every
    module imported after it into ``linecache`` (to see whether the module uses its "features"): for pandas
    alone that is 26 MB and a tenth of a second; a module imported before it is never read."""
    import viewer.formats.inspection_file  # noqa: F401 (reads the sample, and most files)
    import viewer.model.charts  # noqa: F401 (pandas, numpy, the tables and the chart descriptions)
    import viewer.workspace  # noqa: F401


def window_class():
    """The main window's class. What PySide6 read of the modules imported after it (pyqtgraph, the window's
    own) is dropped from ``linecache``: a traceback reads its lines again if it needs them."""
    from viewer.ui.main_window import MainWindow

    linecache.clearcache()
    return MainWindow


def run_gui(files: list[str], exit_after_load: bool = False) -> int:
    problem = display_problem() or library_problem()
    if problem:
        print(f"inspection-viewer: {problem}", file=sys.stderr)
        return 1
    app = create_application()
    window = window_class()(interactive=not exit_after_load)
    report_bugs(window)
    window.show()
    with quit_on_interrupt(app) as interrupted:
        try:
            failures = window.open_files(files or [str(sample_path())])
        except Exception as error:  # noqa: BLE001 (a bug in showing what opened: said, and the window stays)
            sys.excepthook(type(error), error, error.__traceback__)
            failures = []
        if exit_after_load:
            return _after_load(app, window, failures, interrupted)
        code = 0 if interrupted.is_set() else app.exec()
    if interrupted.is_set():
        window.close()  # stops a load and keeps the window's size for next time
        raise KeyboardInterrupt
    return code


def _after_load(app, window, failures: list, interrupted: threading.Event) -> int:
    """--exit-after-load: wait for a background load, paint once, print the failures, exit 0 only if none."""
    while window.background_load is not None and not interrupted.is_set():
        app.processEvents()
        time.sleep(0.01)
    if interrupted.is_set():
        window.close()
        raise KeyboardInterrupt
    failures += window.background_failures
    app.processEvents()
    window.repaint()  # paint once, so start-up benchmarks measure a painted window
    app.processEvents()
    for error in failures:
        print(f"error: {error}", file=sys.stderr)
    window.close()
    return 1 if failures else 0


def report_bugs(window) -> None:
    """From now on an exception that nothing catches (Qt calls ``sys.excepthook`` for one raised in a slot
    or an event handler) still prints its traceback, is logged to the crash log, and is said in a
    non-blocking message over the window; the window carries on."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    previous = sys.excepthook

    def hook(kind, error, traceback) -> None:
        previous(kind, error, traceback)
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit: not a bug
            return
        message = crash_message(error, log_crash(error, "running the window"))
        box = getattr(window, "bug_dialog", None)
        if box is None:
            box = window.bug_dialog = QMessageBox(QMessageBox.Icon.Critical, "Inspection Viewer hit a bug", "",
                                                  QMessageBox.StandardButton.Ok, window)
            box.setTextFormat(Qt.TextFormat.PlainText)
        if not box.isVisible():  # one at a time: a bug in painting would bring one for every repaint
            box.setText(message[:1].upper() + message[1:])
            box.open()

    sys.excepthook = hook


@contextmanager
def quit_on_interrupt(app) -> Iterator[threading.Event]:
    """Ctrl-C (SIGINT) ends the event loop; the event tells the caller to close the window and stop.
    Python runs a signal handler only when it gets control, which it does not while Qt waits for events,
    so a timer wakes it five times a second."""
    from PySide6.QtCore import QTimer

    interrupted = threading.Event()
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # started to ignore Ctrl-C (nohup, a background job)
        yield interrupted
        return

    def on_interrupt(_signal, _frame) -> None:
        interrupted.set()
        app.quit()

    previous = signal.signal(signal.SIGINT, on_interrupt)
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    try:
        yield interrupted
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)
