"""The main window: the list of open inspections, the four tabs, menus, recent files, drag and drop.

This is the one place that turns loader errors into a dialog; a failed file never disturbs the
inspections already open.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QApplication, QFileDialog, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter, QTabWidget, QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.formats.errors import LoadError
from viewer.formats.kinds import INSPECTION_FILE, FileKind, open_filter
from viewer.ui import theme
from viewer.ui.background_load import BackgroundLoad
from viewer.ui.dialogs.load_errors import load_errors_dialog
from viewer.ui.dialogs.save_as import save_dialog_filters, save_target, write_inspection
from viewer.ui.inspection_list import InspectionList
from viewer.ui.menus import build_menus
from viewer.ui.tabs.ratings_tab import RatingsTab
from viewer.workspace import OpenedInspection, OpenResult, needs_background, open_paths


def _later(module: str, name: str) -> Callable[[], QWidget]:
    """A tab built, and its module imported, when first shown: the charts' tabs bring pyqtgraph (a third of
    a second) and the start-up paints only the Ratings tab."""
    def build() -> QWidget:
        return getattr(importlib.import_module(module), name)()

    return build


TAB_CLASSES = (RatingsTab, _later("viewer.ui.tabs.key_questions_tab", "KeyQuestionsTab"),
               _later("viewer.ui.tabs.staffing_tab", "StaffingTab"),
               _later("viewer.ui.tabs.service_gaps_tab", "ServiceGapsTab"),
               _later("viewer.ui.tabs.compare_tab", "CompareTab"))
# each tab class's TITLE, written out so that naming the tabs imports none of them (a test keeps them equal)
TAB_TITLES = ["Ratings", "Key questions", "Staffing and workload", "Service gaps", "Compare"]
COMPARE = len(TAB_CLASSES) - 1  # the one tab that shows every open inspection
RATINGS = 0


PREFERRED_SIZE = QSize(1360, 860)


def first_run_size(available: QSize | None) -> QSize:
    """The window's size the first time: 1360x860 where the screen has room, else nine tenths of what the
    screen offers (a 1024x768 laptop gets 921x691: every edge and the status bar on screen)."""
    if available is None or available.isEmpty():
        return PREFERRED_SIZE
    return QSize(min(PREFERRED_SIZE.width(), available.width() * 9 // 10),
                 min(PREFERRED_SIZE.height(), available.height() * 9 // 10))


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, interactive: bool = True) -> None:
        theme.follow_system(QApplication.instance())  # before any widget takes its colours
        super().__init__()
        self.settings = settings or QSettings()
        self.interactive = interactive  # False: never pop up dialogs (smoke tests, --exit-after-load)
        self.error_dialog: QMessageBox | None = None
        self.background_load: BackgroundLoad | None = None
        self.background_failures: list[LoadError] = []  # from background loads, for --exit-after-load
        self.waiting_loads: list[list[str]] = []  # folders and PDFs asked for while another load was running
        self.setWindowTitle("Inspection Viewer")
        self.setAcceptDrops(True)

        self.inspection_list = InspectionList()
        self.inspection_list.currentRowChanged.connect(self._show_current)
        self.tabs = QTabWidget()
        # Each tab's page is built the first time it is shown (its charts cost start-up time), inside
        # a holder widget that sits in the QTabWidget from the start.
        self.tab_pages: list[QWidget | None] = [None] * len(TAB_CLASSES)
        self._stale_tabs: set[int] = set()  # tabs not yet showing the current inspection
        for title in TAB_TITLES:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._refresh_tab)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.inspection_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1100])
        self.setCentralWidget(self.splitter)

        build_menus(self)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_background_load)
        for widget in (self.progress, self.cancel_button):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        self._restore_geometry()
        self._show_current(-1)
        self.statusBar().showMessage("Open an inspection file with File ▸ Open… or drop it on the window.")

    def recent_files(self) -> list[str]:
        return self.recent.paths()

    # ----- opening and closing -----------------------------------------------------------------
    def choose_files(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Open inspections, workbooks or reports", start, open_filter())
        if paths:
            self.open_files(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open every inspection, workbook and report in a folder")
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> None:
        self.open_files([folder])

    def open_files(self, paths: list[str]) -> list[LoadError]:
        """Open files and folders (File ▸ Open, Open Recent, drag and drop, the command line). What is quick
        opens now; folders, PDF reports and large files open off the GUI thread through the same workspace
        code, after the load under way if there is one. Returns the failures of what opened now."""
        slow = [p for p in paths if needs_background(p)]
        if slow and self.background_load is None:
            self._start_background(slow)
        elif slow:
            self.waiting_loads.append(slow)
            self.statusBar().showMessage(f"{len(slow)} more to open when the files being opened now are done.", 5000)
        quick = [p for p in paths if p not in slow]
        if not quick:
            return []
        result = open_paths(quick)
        self._show_opened(result)
        return result.failed

    def _show_opened(self, result: OpenResult) -> None:
        """Show what opening gave: the new rows, the files in Open Recent, what the importer found and the
        failures in a dialog, then the last inspection opened (last: a bug in a tab must not hide the rest)."""
        if result.opened:
            row = self.inspection_list.add(result.opened)
            self._inspections_changed()
        self._remember(result.opened)
        self._report(result)
        if result.opened:
            self._select_row(row)

    def _remember(self, opened: list[OpenedInspection]) -> None:
        """Put the files in File ▸ Open Recent (smoke tests and benchmarks leave the user's list alone)."""
        if self.interactive:
            for file in dict.fromkeys(o.key[0] for o in opened):
                self.recent.remember(file)

    def _select_row(self, row: int) -> None:
        """Select ``row`` and show it: the list's signal shows a new row; a row already current may hold a
        new inspection (the same file opened again), so it is shown here."""
        rows = self.inspection_list
        if rows.currentRow() == row:
            self._show_current(row)
        else:
            rows.setCurrentRow(row)

    def _report(self, result: OpenResult, cancelled: bool = False) -> None:
        opened, failures = len(result.opened), result.failed
        warned = sum(bool(o.inspection.warnings) for o in result.opened)
        parts = []
        if opened:
            parts.append(f"Opened {opened} inspection{'s' if opened != 1 else ''}")
        if warned:
            parts.append(f"{warned} with notes on the Ratings tab")
        if failures:
            parts.append(f"{len(failures)} could not be opened")
        if result.passed_over:
            n = len(result.passed_over)
            parts.append(f"{n} other file{'s' if n != 1 else ''} passed over (not an inspection, workbook or report)")
        if cancelled:
            parts.append("cancelled: the inspections loaded so far stay open")
        found = [line for notes in result.notes for line in notes.found]
        if found and not failures and not cancelled:
            self.statusBar().showMessage("Imported from the report: " + "; ".join(found[:8]) + ".", 20000)
        elif parts:
            self.statusBar().showMessage("; ".join(parts) + ".", 10000)
        if failures and self.interactive:
            self.show_load_errors(failures, result.passed_over)

    def show_load_errors(self, failures: list[LoadError], passed_over: list[str] = ()) -> None:
        self.error_dialog = load_errors_dialog(self, failures, passed_over)
        self.error_dialog.open()  # window-modal but not blocking, so nothing waits on it

    # ----- opening off the GUI thread ------------------------------------------------------------
    def _start_background(self, paths: list[str]) -> None:
        files = not any(Path(p).is_dir() for p in paths)  # files were opened, not a folder: select and remember them
        self.background_load = load = BackgroundLoad(paths, files, self)
        load.progress.connect(self._background_progress)
        load.batch.connect(self._background_batch)
        load.finished.connect(self._background_finished)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.open_folder_action.setEnabled(False)
        self.statusBar().showMessage(f"Opening {paths[0] if len(paths) == 1 else f'{len(paths)} items'}…")
        load.start()

    def cancel_background_load(self) -> None:
        """Cancel: the load ends now (the file being read is dropped) and what was waiting is not opened."""
        self.waiting_loads.clear()
        if self.background_load is not None:
            self.background_load.cancel()

    def _background_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat("%v of %m files")
        self.statusBar().showMessage(f"Opening {name}…" if name else f"Opening {total} files…")

    def _background_batch(self, batch: OpenResult) -> None:
        # While loading, only the list grows: filling a tab takes the GUI thread for over 100 ms, so an
        # inspection is shown when the load has finished.
        if batch.opened:
            self.inspection_list.add(batch.opened)
            self._inspections_changed()

    def _background_finished(self, cancelled: bool) -> None:
        load, self.background_load = self.background_load, None
        load.deleteLater()  # its worker may still be putting down a file after a cancel: it holds itself
        self.progress.hide()
        self.cancel_button.hide()
        self.open_folder_action.setEnabled(True)
        result = load.result
        self.background_failures.extend(result.failed)
        if load.files:
            self._remember(result.opened)
        self._report(result, cancelled)
        if self.waiting_loads:
            self._start_background(self.waiting_loads.pop(0))
        # The rows are in the list already; show the last file opened (or the first row after a folder).
        rows = self.inspection_list
        if result.opened:
            last = result.opened[-1]
            self._select_row(rows.entries.index(last) if load.files and last in rows.entries else max(rows.currentRow(), 0))

    # ----- saving ------------------------------------------------------------------------------
    def save_current_as(self) -> None:
        entry = self.current()
        if entry is None:
            return
        suggested = Path(entry.file).with_suffix(INSPECTION_FILE.suffixes[0])
        filters, kinds = save_dialog_filters()
        path, chosen = QFileDialog.getSaveFileName(self, "Save inspection as", str(suggested), filters)
        if path:
            self.save_as(entry, path, kinds.get(chosen, INSPECTION_FILE))

    def save_as(self, entry: OpenedInspection, path: str, default: FileKind = INSPECTION_FILE) -> Path | None:
        target, refusal = save_target(path, default, self.inspection_list.files())
        problem = refusal or write_inspection(entry.inspection, target)
        if problem:
            self._warn("Choose another name" if refusal else "Could not save", problem)
            return None
        self.statusBar().showMessage(f"Saved {entry.inspection.title} as {target}.", 10000)
        return target

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.warning_dialog = box
        box.open()

    def close_current(self) -> None:
        row = self.inspection_list.currentRow()
        if row < 0:
            return
        entry = self.inspection_list.remove(row)
        self._inspections_changed()
        self.statusBar().showMessage(f"Closed {entry.inspection.title}.", 5000)
        self._show_current(self.inspection_list.currentRow())

    def current(self) -> OpenedInspection | None:
        return self.inspection_list.current()

    @property
    def open_inspections(self) -> list[OpenedInspection]:
        return self.inspection_list.entries

    def _show_current(self, _row: int) -> None:
        entry = self.current()
        # Only the visible tab is filled now; the others when they are first shown (faster start-up
        # and switching between inspections).
        self._stale_tabs = set(range(len(self.tab_pages)))
        self._refresh_tab(self.tabs.currentIndex())
        for action in self.selection_actions:
            action.setEnabled(entry is not None)
        self.setWindowTitle(f"{entry.inspection.title} — Inspection Viewer" if entry else "Inspection Viewer")

    def page(self, index: int) -> QWidget:
        """The page of tab ``index``, built on first use."""
        if self.tab_pages[index] is None:
            self.tab_pages[index] = TAB_CLASSES[index]()
            self.tabs.widget(index).layout().addWidget(self.tab_pages[index])
            if index == COMPARE:
                self.tab_pages[index].unit_chosen.connect(self.inspection_list.setCurrentRow)
            elif index == RATINGS:
                self.tab_pages[index].open_inspections = lambda: [e.inspection for e in self.open_inspections]
        return self.tab_pages[index]

    def _inspections_changed(self) -> None:
        """The set of open inspections changed: the Compare tab is out of date (refilled when shown)."""
        self._stale_tabs.add(COMPARE)
        if self.tabs.currentIndex() == COMPARE and self.background_load is None:
            self._refresh_tab(COMPARE)

    def _refresh_tab(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        if index == COMPARE:
            entries = [(e.inspection, e.assessment) for e in self.open_inspections]
            row = self.inspection_list.currentRow()
            self.page(index).show_inspections(entries, row if row >= 0 else None)
            return
        entry = self.current()
        self.page(index).show_inspection(entry.inspection if entry else None, entry.assessment if entry else None)

    # ----- printing ----------------------------------------------------------------------------
    def current_summary(self):
        from viewer.printout.summary import build_summary

        entry = self.current()
        if entry is None:
            return None
        return build_summary(entry.inspection, entry.assessment, Path(entry.shown_path).name)

    def print_current(self) -> None:
        from viewer.ui.dialogs.print_dialogs import print_summary

        summary = self.current_summary()
        if summary and print_summary(self, summary):
            self.statusBar().showMessage(f"Sent the summary of {summary.overall.unit_name} to the printer.", 8000)

    def preview_current(self) -> None:
        from viewer.ui.dialogs.print_dialogs import preview_dialog

        summary = self.current_summary()
        if summary:
            self.preview = preview_dialog(self, summary)
            self.preview.open()

    def export_current_pdf(self) -> None:
        from viewer.ui.dialogs.print_dialogs import export_pdf

        entry, summary = self.current(), self.current_summary()
        if summary is None:
            return
        path = export_pdf(self, summary, Path(entry.file).with_suffix(".summary.pdf"))
        if path:
            self.statusBar().showMessage(f"Exported the summary to {path}.", 10000)

    # ----- drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # ----- about, geometry ---------------------------------------------------------------------
    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("About Inspection Viewer")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<b>Inspection Viewer {__version__}</b>")
        box.setInformativeText(
            "Ratings, key questions, staffing and workload, and service gaps from HM Inspectorate of "
            "Probation inspections, with every rating checked against the inspectorate's rules.<br><br>"
            "The bundled Hertfordshire PDU sample is transcribed from the inspectorate's report "
            "(© Crown copyright 2024, Open Government Licence v3.0)."
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = box
        box.open()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(first_run_size(self.screen().availableGeometry().size() if self.screen() else None))
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.background_load is not None:  # stop the worker before the window goes, reporting nothing more
            self.background_load.finished.disconnect(self._background_finished)
            self.background_load.stop()
        if self.interactive:
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("splitter", self.splitter.saveState())
            self.settings.sync()
        super().closeEvent(event)
