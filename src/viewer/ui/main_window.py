"""The main window: the list of open inspections, the four tabs, menus, recent files, drag and drop.

This is the one place that turns loader errors into a dialog; a failed file never disturbs the
inspections already open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from viewer import __version__
from viewer.formats.errors import LoadError
from viewer.formats.inspection_json import load_inspection
from viewer.model.framework import load_framework
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, assess
from viewer.model.ratings import colours_for, label_or_missing
from viewer.ui.key_questions_tab import KeyQuestionsTab
from viewer.ui.ratings_tab import RatingsTab
from viewer.ui.service_gaps_tab import ServiceGapsTab
from viewer.ui.widgets import tooltip
from viewer.ui.staffing_tab import StaffingTab

TAB_CLASSES = (RatingsTab, KeyQuestionsTab, StaffingTab, ServiceGapsTab)
MAX_RECENT = 10
OPEN_FILTER = "Inspection files (*.json);;All files (*)"


@dataclass(frozen=True)
class OpenInspection:
    path: str
    inspection: Inspection
    assessment: Assessment


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, interactive: bool = True) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.interactive = interactive  # False: never pop up dialogs (smoke tests, --exit-after-load)
        self.open_inspections: list[OpenInspection] = []
        self.error_dialog: QMessageBox | None = None
        self.setWindowTitle("Inspection Viewer")
        self.setAcceptDrops(True)

        self.inspection_list = QListWidget()
        self.inspection_list.setMinimumWidth(200)
        self.inspection_list.currentRowChanged.connect(self._show_current)
        self.tabs = QTabWidget()
        # Each tab's page is built the first time it is shown (its charts cost start-up time), inside
        # a holder widget that sits in the QTabWidget from the start.
        self.tab_pages: list[QWidget | None] = [None] * len(TAB_CLASSES)
        self._stale_tabs: set[int] = set()  # tabs not yet showing the current inspection
        for page_class in TAB_CLASSES:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, page_class.TITLE)
        self.tabs.currentChanged.connect(self._refresh_tab)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.inspection_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1100])
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self._restore_geometry()
        self._show_current(-1)
        self.statusBar().showMessage("Open an inspection file with File ▸ Open… or drop it on the window.")

    # ----- menus -------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open…", self.choose_files, QKeySequence.StandardKey.Open)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        self.print_action = self._action("&Print…", self.print_current, QKeySequence.StandardKey.Print)
        self.preview_action = self._action("Print Pre&view…", self.preview_current)
        self.export_pdf_action = self._action("&Export PDF…", self.export_current_pdf, QKeySequence("Ctrl+Shift+E"))
        for action in (self.print_action, self.preview_action, self.export_pdf_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.close_action = self._action("&Close", self.close_current, QKeySequence.StandardKey.Close)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = self._action("&About Inspection Viewer", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(v) for v in value or []]

    def _remember(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(tooltip(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_files([p]))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", lambda: (self.settings.setValue("recentFiles", []),
                                                              self._fill_recent_menu()))

    # ----- opening and closing -----------------------------------------------------------------
    def choose_files(self) -> None:
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else ""
        paths, _ = QFileDialog.getOpenFileNames(self, "Open inspection files", start, OPEN_FILTER)
        if paths:
            self.open_files(paths)

    def open_files(self, paths: list[str]) -> list[LoadError]:
        """Open each file; return the errors of those that failed (and show them in a dialog)."""
        failures: list[LoadError] = []
        opened = warned = 0
        for path in paths:
            try:
                inspection = load_inspection(path)
                assessment = assess(inspection, load_framework(inspection.framework_id))
            except LoadError as err:
                failures.append(err)
                continue
            self._add(OpenInspection(str(Path(path).resolve()), inspection, assessment))
            if self.interactive:  # smoke tests and benchmarks leave the user's recent files alone
                self._remember(str(Path(path).resolve()))
            opened += 1
            warned += bool(inspection.warnings)
        self._report(opened, failures, warned)
        return failures

    def _add(self, entry: OpenInspection) -> None:
        for row, existing in enumerate(self.open_inspections):
            if existing.path == entry.path:  # opening a file again reloads it in place
                self.open_inspections[row] = entry
                self._set_item(self.inspection_list.item(row), entry)
                self.inspection_list.setCurrentRow(row)
                self._show_current(row)
                return
        self.open_inspections.append(entry)
        item = QListWidgetItem()
        self._set_item(item, entry)
        self.inspection_list.addItem(item)
        self.inspection_list.setCurrentRow(len(self.open_inspections) - 1)

    @staticmethod
    def _set_item(item: QListWidgetItem, entry: OpenInspection) -> None:
        rating = entry.inspection.overall.rating
        item.setText(f"{entry.inspection.title}\n{label_or_missing(rating)}")
        item.setToolTip(tooltip(entry.path))
        item.setData(Qt.ItemDataRole.DecorationRole, QColor(colours_for(rating)[0]))

    def _report(self, opened: int, failures: list[LoadError], warned: int = 0) -> None:
        parts = []
        if opened:
            parts.append(f"Opened {opened} file{'s' if opened != 1 else ''}")
        if warned:
            parts.append(f"{warned} with notes on the Ratings tab")
        if failures:
            parts.append(f"{len(failures)} could not be opened")
        if parts:
            self.statusBar().showMessage("; ".join(parts) + ".", 10000)
        if failures and self.interactive:
            self.show_load_errors(failures)

    def show_load_errors(self, failures: list[LoadError]) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Could not open file" if len(failures) == 1 else "Could not open files")
        first = failures[0]
        box.setText(f"Could not open {Path(first.path).name}" if len(failures) == 1
                    else f"{len(failures)} files could not be opened.")
        box.setInformativeText(
            "\n\n".join(f"{Path(e.path).name}" + (f" ({e.place})" if e.place else "") + f":\n{e.message}"
                        for e in failures[:5])
            + ("\n\n…" if len(failures) > 5 else "")
            + "\n\nThe inspections already open are unchanged."
        )
        box.setDetailedText("\n".join(str(e) for e in failures))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.error_dialog = box
        box.open()  # window-modal but not blocking, so nothing waits on it

    def close_current(self) -> None:
        row = self.inspection_list.currentRow()
        if row < 0:
            return
        entry = self.open_inspections.pop(row)
        self.inspection_list.takeItem(row)
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
        for action in (self.close_action, self.print_action, self.preview_action, self.export_pdf_action):
            action.setEnabled(entry is not None)
        self.setWindowTitle(f"{entry.inspection.title} — Inspection Viewer" if entry else "Inspection Viewer")

    def page(self, index: int) -> QWidget:
        """The page of tab ``index``, built on first use."""
        if self.tab_pages[index] is None:
            self.tab_pages[index] = TAB_CLASSES[index]()
            self.tabs.widget(index).layout().addWidget(self.tab_pages[index])
        return self.tab_pages[index]

    def _refresh_tab(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        entry = self.current()
        self.page(index).show_inspection(entry.inspection if entry else None, entry.assessment if entry else None)

    # ----- printing ----------------------------------------------------------------------------
    def current_summary(self):
        from viewer.report.summary import build_summary

        entry = self.current()
        if entry is None:
            return None
        return build_summary(entry.inspection, entry.assessment, Path(entry.path).name)

    def print_current(self) -> None:
        from viewer.ui.summary_dialogs import print_summary

        summary = self.current_summary()
        if summary and print_summary(self, summary):
            self.statusBar().showMessage(f"Sent the summary of {summary.overall.unit_name} to the printer.", 8000)

    def preview_current(self) -> None:
        from viewer.ui.summary_dialogs import preview_dialog

        summary = self.current_summary()
        if summary:
            self.preview = preview_dialog(self, summary)
            self.preview.open()

    def export_current_pdf(self) -> None:
        from viewer.ui.summary_dialogs import export_pdf

        entry, summary = self.current(), self.current_summary()
        if summary is None:
            return
        path = export_pdf(self, summary, Path(entry.path).with_suffix(".summary.pdf"))
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
        if self.interactive:
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("splitter", self.splitter.saveState())
            self.settings.sync()
        super().closeEvent(event)
