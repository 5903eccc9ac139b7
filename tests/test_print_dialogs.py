"""File ▸ Print…, Print Preview… and Export PDF… driven from the window."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from viewer.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, sample_path):
    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.open_files([str(sample_path)])
    return win


def test_print_actions_are_in_the_file_menu_with_standard_shortcuts(window):
    file_menu = window.menuBar().actions()[0].menu()
    labels = [a.text() for a in file_menu.actions() if a.text()]
    assert labels[:8] == ["&Open…", "Open &Folder…", "Open &Recent", "Save &As…", "&Print…", "Print Pre&view…",
                          "&Export PDF…", "&Close"]
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.close_current()
    assert not window.print_action.isEnabled() and not window.export_pdf_action.isEnabled()


def test_print_preview_opens_and_closes(window, qtbot):
    window.preview_action.trigger()
    dialog = window.preview
    assert isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Print preview: Hertfordshire PDU"
    qtbot.waitUntil(lambda: dialog.findChild(object, "") is not None, timeout=2000)
    dialog.close()
    assert not dialog.isVisible()


def test_export_pdf_writes_the_file_chosen(window, tmp_path, monkeypatch):
    target = tmp_path / "meeting"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    window.export_pdf_action.trigger()
    written = tmp_path / "meeting.pdf"
    reader = PdfReader(written)
    assert len(reader.pages) == 6 and "Hertfordshire PDU" in " ".join(reader.pages[0].extract_text().split())
    assert window.statusBar().currentMessage() == f"Exported the summary to {written}."


def test_print_goes_to_the_printer_chosen_in_the_dialog(window, tmp_path, monkeypatch):
    from viewer.ui.dialogs import print_dialogs as summary_dialogs

    out = tmp_path / "printed.pdf"
    printer = summary_dialogs.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # stands in for a real printer here
    printer.setOutputFileName(str(out))
    monkeypatch.setattr(summary_dialogs, "new_printer", lambda: printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    window.print_action.trigger()
    assert len(PdfReader(out).pages) == 6
    assert "Sent the summary of Hertfordshire PDU to the printer." == window.statusBar().currentMessage()
