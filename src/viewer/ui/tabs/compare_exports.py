"""The Compare tab's commands: export a table (``formats.workbook.table_export``) or a chart
(``charts.export``) through a Save dialog, and preview the printed comparison (``printing.comparison``).

``CompareActions`` holds them (the tab mixes it in); what they export or print is what the tab's
selection shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from viewer.charts.export import export_chart
from viewer.formats.workbook.table_export import export_rows
from viewer.model.compare_selection import OPEN, PUBLISHED
from viewer.printing.comparison import comparison_layout, render_comparison
from viewer.printout.comparison import Comparison, build_comparison

TABLE_FILTER = "Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"
CHART_FILTER = "PNG image (*.png);;SVG vector image (*.svg)"


# ------------------------------------------------------------------------------------------ tables

def _with_suffix(path: str, chosen_filter: str, default: str) -> str:
    """Keep the extension typed; otherwise take the one of the filter chosen in the dialog."""
    if Path(path).suffix:
        return path
    if "*." in chosen_filter:
        return path + "." + chosen_filter.split("*.")[1].rstrip(")").strip()
    return path + default


def ask_path(parent: QWidget, title: str, suggested: str, filters: str, default: str) -> str | None:
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return _with_suffix(path, chosen, default) if path else None


def save_table(parent: QWidget, frame: pd.DataFrame, suggested: str, title: str = "Export table") -> str | None:
    """Ask where, then write; returns the path written or None (cancelled). Raises OSError/ValueError."""
    path = ask_path(parent, title, suggested, TABLE_FILTER, ".xlsx")
    if path:
        export_rows([str(c) for c in frame.columns], frame.values.tolist(), path, sheet="Compare")
    return path


def save_chart(parent: QWidget, plot: pg.PlotWidget, suggested: str, title: str = "Export chart") -> str | None:
    path = ask_path(parent, title, suggested, CHART_FILTER, ".png")
    if path:
        export_chart(plot, path)
    return path


# ---------------------------------------------------------------------------------------- printing

def comparison_preview(parent: QWidget, comparison: Comparison) -> QPrintPreviewDialog:
    """Qt's print preview of the comparison (print from there); the dialog keeps its printer alive."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(comparison_layout())
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own its printer: a dangling QPrinter crashes
    dialog.setWindowTitle(f"Print preview: {comparison.title}")
    dialog.paintRequested.connect(lambda device: render_comparison(comparison, device))
    dialog.resize(1100, 850)
    return dialog


# ------------------------------------------------------------------------- the tab's commands

class CompareActions:
    """Export and print commands of the Compare tab (mixed into ``CompareTab``, whose widgets they use)."""

    def shown_frame(self, which: str = "units") -> pd.DataFrame:
        """A table as on screen (filtered, in the on-screen order), without the hidden sort columns."""
        if which == "counts":
            return self.counts_frame.copy()
        order = [self.units_model.frame_row(r) for r in range(self.units_model.rowCount())]
        return self.shown.iloc[order] if len(self.shown) else self.shown

    def comparison(self) -> Comparison:
        """What the tab shows, ready to print."""
        s = self.selection
        opened = len(self.open_entries) if s.source != PUBLISHED else 0
        return build_comparison(self.entries, self.shown_frame(), selected=s.unit, code=s.code, key=s.question,
                                count_of=s.count_of, filters=s.filters_text(), counts_by=s.counts_by,
                                published=len(self.entries) - opened if s.source != OPEN else 0)

    def export_table(self, which: str) -> str | None:
        """Ask for a file and write the heat map ("units") or the counts ("counts") as XLSX or CSV."""
        frame = self.shown_frame(which)
        name = "comparison" if which == "units" else f"ratings-by-{self.selection.counts_by.lower()}"
        return self._saving(lambda: save_table(self, frame, f"{name}.xlsx"))

    def export_chart(self, which: str) -> str | None:
        """Ask for a file and write the across-units ("across") or counts ("counts") chart as PNG or SVG."""
        plot = self.across_chart if which == "across" else self.counts_chart
        name = f"key-question-{self.selection.code or ''}" if which == "across" else "ratings-by-region"
        return self._saving(lambda: save_chart(self, plot, f"{name}.png"))

    def _saving(self, save: Callable[[], str | None]) -> str | None:
        try:
            path = save()
        except (OSError, ValueError) as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Could not export", f"Could not write the file:\n{exc}",
                              parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.error_box = box
            box.open()  # window-modal but not blocking
            return None
        if path:
            self.shown_label.setText(f"Saved {path}")
        return path

    def print_comparison(self) -> None:
        """Open Qt's print preview of the comparison (print, or save as PDF, from there)."""
        self.preview = comparison_preview(self, self.comparison())
        self.preview.open()
