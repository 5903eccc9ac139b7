"""Start the Qt application: the window, the files from the command line, and the exit code."""

from __future__ import annotations

import sys
import time

from viewer.resource_files import resource_path, sample_path

ORGANISATION = "Inspection Viewer"
APPLICATION = "Inspection Viewer"


def create_application():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setWindowIcon(QIcon(str(resource_path("icons", "inspection-viewer.svg"))))
    return app


def run_gui(files: list[str], exit_after_load: bool = False) -> int:
    app = create_application()
    from viewer.ui.main_window import MainWindow

    window = MainWindow(interactive=not exit_after_load)
    window.show()
    failures = window.open_files(files or [str(sample_path())])
    if exit_after_load:
        while window.background_load is not None:  # a folder or a PDF loads in the background: wait for it
            app.processEvents()
            time.sleep(0.01)
        failures += window.background_failures
        app.processEvents()
        window.repaint()  # paint once, so start-up benchmarks measure a painted window
        app.processEvents()
        for error in failures:
            print(f"error: {error}", file=sys.stderr)
        window.close()
        return 1 if failures else 0
    return app.exec()
