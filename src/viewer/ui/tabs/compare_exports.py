"""The Compare tab's exports: tables to CSV or XLSX, charts to PNG or SVG, and the printed comparison.

``CompareActions`` holds the tab's export and print commands (the tab mixes it in).

Every file is written atomically (a temporary file beside the target, then a rename). Printing goes
the way of the printed summary: escaped HTML laid out by a QTextDocument, charts drawn from SVG as
vectors, a footer on every page, through Qt's print-preview dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from viewer.charts.export import export_chart
from viewer.formats.files import atomic_path
from viewer.model.compare import OVERALL
from viewer.printout.comparison import Comparison, build_comparison, comparison_html
from viewer.printing.comparison import comparison_layout, render_comparison

TABLE_FILTER = "Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"
CHART_FILTER = "PNG image (*.png);;SVG vector image (*.svg)"


# ------------------------------------------------------------------------------------------ tables

def export_table(frame: pd.DataFrame, path: str | os.PathLike, sheet: str = "Compare") -> None:
    """CSV (UTF-8 with a byte-order mark, so Excel reads accents and dashes) or XLSX, by extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"tables export as CSV or XLSX, not '{suffix or 'no extension'}'")
    with atomic_path(path) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
        else:
            with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
                frame.to_excel(writer, index=False, sheet_name=sheet[:31])
                _fit_excel_columns(writer.sheets[sheet[:31]], frame)


def _fit_excel_columns(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(frame.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(8, longest + 2), 60)
    sheet.freeze_panes = "B2"


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
        export_table(frame, path)
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
        boxes = (("Region", self.region_box), ("Overall rating", self.rating_box), ("Framework", self.framework_box))
        filters = "; ".join(f"{name}: {box.currentText()}" for name, box in boxes if box.currentData() is not None)
        return build_comparison(self.entries, self.shown_frame(), selected=self.selected,
                                code=self.standard_box.currentData(), key=self.question_box.currentData(),
                                count_of=self.count_box.currentData() or OVERALL, filters=filters)

    def export_table(self, which: str) -> str | None:
        """Ask for a file and write the heat map ("units") or the counts ("counts") as XLSX or CSV."""
        frame = self.shown_frame(which)
        name = "comparison" if which == "units" else "ratings-by-region"
        return self._saving(lambda: save_table(self, frame, f"{name}.xlsx"))

    def export_chart(self, which: str) -> str | None:
        """Ask for a file and write the across-units ("across") or counts ("counts") chart as PNG or SVG."""
        plot = self.across_chart if which == "across" else self.counts_chart
        name = f"key-question-{self.standard_box.currentData() or ''}" if which == "across" else "ratings-by-region"
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
