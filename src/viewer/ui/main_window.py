"""The main window: the list of open inspections, the four tabs, menus, recent files, drag and drop.

This is the one place that turns loader errors into a dialog; a failed file never disturbs the
inspections already open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter,
    QTabWidget, QVBoxLayout, QWidget,
)

from viewer import __version__
from viewer.formats.any_file import load_any
from viewer.formats.errors import LoadError
from viewer.model.ratings import colours_for, label_or_missing
from viewer.ui.tabs.key_questions_tab import KeyQuestionsTab
from viewer.ui.dialogs.load_errors import load_errors_dialog
from viewer.ui.open_inspection import OpenInspection, open_entries
from viewer.ui.tabs.ratings_tab import RatingsTab
from viewer.ui.dialogs.save_as import SAVE_FILTERS, save_target, write_inspection
from viewer.ui.tabs.service_gaps_tab import ServiceGapsTab
from viewer.ui.tabs.staffing_tab import StaffingTab
from viewer.ui.widgets import tooltip
from viewer.ui.menus import build_menus



def _compare_tab() -> QWidget:
    from viewer.ui.tabs.compare_tab import CompareTab  # imported when first shown: it is heavy and rarely first

    return CompareTab()


TAB_CLASSES = (RatingsTab, KeyQuestionsTab, StaffingTab, ServiceGapsTab, _compare_tab)
TAB_TITLES = [tab.TITLE for tab in TAB_CLASSES[:-1]] + ["Compare"]
COMPARE = len(TAB_CLASSES) - 1  # the one tab that shows every open inspection
OPEN_FILTER = ("Inspections and reports (*.json *.xlsx *.ods *.csv *.txt *.md *.html *.htm *.pdf);;"
               "Inspection files (*.json);;Workbooks (*.xlsx *.ods *.csv);;"
               "Published reports (*.txt *.md *.html *.htm *.pdf);;All files (*)")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, interactive: bool = True) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.interactive = interactive  # False: never pop up dialogs (smoke tests, --exit-after-load)
        self.open_inspections: list[OpenInspection] = []
        self.rows_by_path: dict[str, int] = {}
        self.error_dialog: QMessageBox | None = None
        self.folder_load = None
        self.background_failures: list[LoadError] = []  # from folder loads, for --exit-after-load
        self.setWindowTitle("Inspection Viewer")
        self.setAcceptDrops(True)

        self.inspection_list = QListWidget()
        self.inspection_list.setMinimumWidth(200)
        # Every entry is two lines: with uniform sizes the list does not measure every item again each
        # time a folder load adds a batch (which took hundreds of milliseconds at a thousand entries).
        self.inspection_list.setUniformItemSizes(True)
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
        self.cancel_button.clicked.connect(self.cancel_folder_load)
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
        paths, _ = QFileDialog.getOpenFileNames(self, "Open inspections, workbooks or reports", start, OPEN_FILTER)
        if paths:
            self.open_files(paths)

    def open_files(self, paths: list[str]) -> list[LoadError]:
        """Open each file (inspection, workbook or report); return the errors of those that failed."""
        failures: list[LoadError] = []
        entries: list[OpenInspection] = []
        found: list[str] = []  # what the importer read from published reports
        slow = [p for p in paths if Path(p).suffix.lower() == ".pdf"]  # pypdf reads a report in 1-2 s
        if slow and self.folder_load is None and self.interactive:
            self.open_folder(slow)
            paths = [p for p in paths if p not in slow]
        for path in paths:
            if Path(path).is_dir() and not (Path(path) / "inspections.csv").is_file():
                self.open_folder(path)
                continue
            try:
                inspections = load_any(path, found)
            except LoadError as err:
                failures.append(err)
                continue
            entries.extend(open_entries(path, inspections))
            if self.interactive:  # smoke tests and benchmarks leave the user's recent files alone
                self.recent.remember(str(Path(path).resolve()))
        self.add_entries(entries, select=True)
        self._report(len(entries), failures, sum(bool(e.inspection.warnings) for e in entries))
        if found and not failures:
            self.statusBar().showMessage("Imported from the report: " + "; ".join(found[:8]) + ".", 20000)
        return failures

    def add_entries(self, entries: list[OpenInspection], select: bool | None) -> None:
        """Add (or reload in place) inspections. ``select``: True shows the last one added; False shows the
        first only when nothing is shown yet; None never changes what is shown."""
        row = -1
        self.inspection_list.setUpdatesEnabled(False)
        for entry in entries:
            row = self.rows_by_path.get(entry.path, -1)
            if row >= 0:  # opening a file again reloads it in place
                self.open_inspections[row] = entry
                item = self.inspection_list.item(row)
            else:
                row = len(self.open_inspections)
                self.rows_by_path[entry.path] = row
                self.open_inspections.append(entry)
                item = QListWidgetItem()
                self.inspection_list.addItem(item)
            self._set_item(item, entry)
        self.inspection_list.setUpdatesEnabled(True)
        self._inspections_changed()
        if row >= 0 and (select or (select is False and self.inspection_list.currentRow() < 0)):
            self.inspection_list.setCurrentRow(row)
            self._show_current(row)  # also when the row was already current: its content changed

    @staticmethod
    def _set_item(item: QListWidgetItem, entry: OpenInspection) -> None:
        rating = entry.inspection.overall.rating
        item.setText(f"{entry.inspection.title}\n{label_or_missing(rating)}")
        item.setToolTip(tooltip(entry.path))
        item.setData(Qt.ItemDataRole.DecorationRole, QColor(colours_for(rating)[0]))

    def _report(self, opened: int, failures: list[LoadError], warned: int = 0, cancelled: bool = False) -> None:
        parts = []
        if opened:
            parts.append(f"Opened {opened} inspection{'s' if opened != 1 else ''}")
        if warned:
            parts.append(f"{warned} with notes on the Ratings tab")
        if failures:
            parts.append(f"{len(failures)} could not be opened")
        if cancelled:
            parts.append("cancelled: the inspections loaded so far stay open")
        if parts:
            self.statusBar().showMessage("; ".join(parts) + ".", 10000)
        if failures and self.interactive:
            self.show_load_errors(failures)

    def show_load_errors(self, failures: list[LoadError]) -> None:
        self.error_dialog = load_errors_dialog(self, failures)
        self.error_dialog.open()  # window-modal but not blocking, so nothing waits on it

    # ----- folders -----------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open every inspection, workbook and report in a folder")
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str | list[str]) -> None:
        """Load everything under ``folder`` (or a list of slow files) off the GUI thread, with progress
        and Cancel in the status bar."""
        from viewer.ui.background_load import FolderLoad

        if self.folder_load is not None:
            self.statusBar().showMessage("A folder is already being opened; cancel it first.", 5000)
            return
        self.folder_load = load = FolderLoad(folder, self)
        self._folder_counts = [0, 0, []]  # opened, with notes, failures
        queued = Qt.ConnectionType.QueuedConnection  # always run these slots on the GUI thread
        load.worker.progress.connect(self._folder_progress, queued)
        load.worker.batch.connect(self._folder_batch, queued)
        load.worker.finished.connect(self._folder_finished, queued)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.open_folder_action.setEnabled(False)
        self.statusBar().showMessage(f"Opening {folder if isinstance(folder, str) else Path(folder[0]).name}…")
        load.start()

    def cancel_folder_load(self) -> None:
        if self.folder_load is not None:
            self.folder_load.cancel()
            self.cancel_button.setEnabled(False)

    def _folder_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat("%v of %m files")
        self.statusBar().showMessage(f"Opening {name}…")

    def _folder_batch(self, result) -> None:
        entries = result.loaded
        # While loading, only the list grows: filling a tab takes the GUI thread for over 100 ms, so the
        # first inspection is shown when the load has finished.
        self.add_entries(entries, select=None)
        self._folder_counts[0] += len(entries)
        self._folder_counts[1] += sum(bool(e.inspection.warnings) for e in entries)
        self._folder_counts[2].extend(result.failed)

    def _folder_finished(self, cancelled: bool) -> None:
        self.folder_load.wait()
        self.folder_load.deleteLater()
        self.folder_load = None
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)
        self.open_folder_action.setEnabled(True)
        opened, warned, failures = self._folder_counts
        self.background_failures.extend(failures)
        if self.inspection_list.currentRow() < 0 and self.open_inspections:
            self.inspection_list.setCurrentRow(0)
        if not (opened or failures or cancelled):
            self.statusBar().showMessage("No inspection files, workbooks or reports were found there.", 10000)
        self._report(opened, failures, warned, cancelled)

    # ----- saving ------------------------------------------------------------------------------
    def save_current_as(self) -> None:
        entry = self.current()
        if entry is None:
            return
        suggested = Path(entry.file).with_suffix(".json")
        path, chosen = QFileDialog.getSaveFileName(self, "Save inspection as", str(suggested),
                                                   ";;".join(SAVE_FILTERS))
        if path:
            self.save_as(entry, path, SAVE_FILTERS.get(chosen, ".json"))

    def save_as(self, entry: OpenInspection, path: str, default_suffix: str = ".json") -> Path | None:
        target, refusal = save_target(path, default_suffix, [e.file for e in self.open_inspections])
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
        entry = self.open_inspections.pop(row)
        self.inspection_list.takeItem(row)
        self.rows_by_path = {e.path: i for i, e in enumerate(self.open_inspections)}
        self._inspections_changed()
        self.statusBar().showMessage(f"Closed {entry.inspection.title}.", 5000)
        self._show_current(self.inspection_list.currentRow())

    def current(self) -> OpenInspection | None:
        row = self.inspection_list.currentRow()
        return self.open_inspections[row] if 0 <= row < len(self.open_inspections) else None

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
        return self.tab_pages[index]

    def _inspections_changed(self) -> None:
        """The set of open inspections changed: the Compare tab is out of date (refilled when shown)."""
        self._stale_tabs.add(COMPARE)
        if self.tabs.currentIndex() == COMPARE and self.folder_load is None:
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
        return build_summary(entry.inspection, entry.assessment, Path(entry.path).name)

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
            self.resize(1360, 860)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.folder_load is not None:  # stop the worker before the window goes
            self.folder_load.cancel()
            self.folder_load.wait()
        if self.interactive:
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("splitter", self.splitter.saveState())
            self.settings.sync()
        super().closeEvent(event)
