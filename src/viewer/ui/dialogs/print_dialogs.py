"""File ▸ Print…, Print Preview… and Export PDF… for the selected inspection, through Qt's own dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from viewer.printing.pages import page_layout
from viewer.printing.summary import render_summary, write_summary_pdf
from viewer.printout.summary import Summary


def new_printer() -> QPrinter:
    """A high-resolution printer set to A4 portrait; the dialogs let people change paper and printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout("a4"))
    return printer


def print_summary(parent: QWidget, summary: Summary, printer: QPrinter | None = None) -> bool:
    printer = printer or new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print summary of {summary.overall.unit_name}")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    render_summary(summary, printer)
    return True


def preview_dialog(parent: QWidget, summary: Summary, printer: QPrinter | None = None) -> QPrintPreviewDialog:
    """The preview dialog, ready to show; it redraws the summary whenever the paper or zoom changes."""
    printer = printer or new_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # the dialog does not own its printer: keep it alive as long as the dialog
    dialog.setWindowTitle(f"Print preview: {summary.overall.unit_name}")
    dialog.paintRequested.connect(lambda device: render_summary(summary, device))
    dialog.resize(900, 1000)
    return dialog


def export_pdf(parent: QWidget, summary: Summary, suggested: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Export summary as PDF", str(suggested), "PDF files (*.pdf)")
    if not path:
        return None
    target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
    try:
        write_summary_pdf(summary, target)
    except OSError as exc:
        QMessageBox.warning(parent, "Could not export PDF", f"Could not write {target}:\n{exc.strerror or exc}")
        return None
    return target
