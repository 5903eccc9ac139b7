"""File ▸ Open Folder… and Save As…: loading off the GUI thread, cancelling, failures, saving copies."""

from __future__ import annotations

import json
import shutil

from PySide6.QtWidgets import QFileDialog

from viewer.formats.inspection_file import load_inspection

from conftest import BAD


def _folder(tmp_path, sample_path, count: int, bad: tuple[str, ...] = ()):
    folder = tmp_path / "region"
    (folder / "sub").mkdir(parents=True)
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    for n in range(count):
        data["unit"]["name"] = f"Unit {n:03d} PDU"
        target = folder / ("sub" if n % 2 else "") / f"unit-{n:03d}.json"
        target.write_text(json.dumps(data), encoding="utf-8")
    for name in bad:
        shutil.copy(BAD / name, folder / name)
    (folder / "notes.docx").write_bytes(b"not ours")  # not an inspection, a workbook or a report: skipped
    return folder


def test_open_folder_loads_everything_and_lists_failures(window, qtbot, tmp_path, sample_path):
    folder = _folder(tmp_path, sample_path, 12, bad=("empty.json", "not-json.json"))
    window.open_folder(str(folder))
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    names = sorted(e.inspection.unit.name for e in window.open_inspections)
    assert names == [f"Unit {n:03d} PDU" for n in range(12)]
    assert not window.progress.isVisible()
    assert window.error_dialog.text() == "2 files could not be opened."
    assert "empty.json" in window.error_dialog.informativeText()
    assert "not-json.json (line 4)" in window.error_dialog.informativeText()
    assert window.statusBar().currentMessage() == ("Opened 12 inspections; 2 could not be opened; 1 other file passed over "
                                                  "(not an inspection, workbook or report).")
    assert "notes.docx" in window.error_dialog.detailedText()
    assert window.current() is not None


def test_cancelling_keeps_what_was_loaded_usable(window, qtbot, tmp_path, sample_path):
    folder = _folder(tmp_path, sample_path, 600)
    window.open_folder(str(folder))
    qtbot.waitUntil(lambda: len(window.open_inspections) > 0, timeout=30000)
    window.cancel_button.click()
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    loaded = len(window.open_inspections)
    assert 0 < loaded < 600
    assert "cancelled: the inspections loaded so far stay open" in window.statusBar().currentMessage()
    window.inspection_list.setCurrentRow(loaded - 1)
    window.tabs.setCurrentIndex(0)
    from gui_text import all_text

    assert window.current().inspection.unit.name in all_text(window.tabs.widget(0))
    window.open_folder(str(folder))  # a second load after a cancel works and reloads in place
    qtbot.waitUntil(lambda: window.background_load is None, timeout=60000)
    assert len(window.open_inspections) == 600


def test_save_as_writes_a_copy_and_never_the_opened_file(window, tmp_path, sample_path, monkeypatch):
    source = tmp_path / "opened.json"
    shutil.copy(sample_path, source)
    window.open_files([str(source)])
    before = source.read_bytes()
    copy = tmp_path / "copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), "Inspection file (*.json)"))
    window.save_as_action.trigger()
    saved = load_inspection(tmp_path / "copy.json")
    assert saved.unit.name == "Hertfordshire PDU" and len(saved.figures) == len(window.current().inspection.figures)
    assert window.save_as(window.current(), str(source)) is None
    assert window.warning_dialog.windowTitle() == "Choose another name"
    assert source.read_bytes() == before


def test_a_pdf_report_opens_off_the_gui_thread(window, qtbot):
    from conftest import DATA

    window.open_files([str(DATA / "reports" / "hertfordshire.pdf")])
    assert window.background_load is not None and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.background_load is None, timeout=60000)
    [entry] = window.open_inspections
    assert entry.inspection.unit.name == "Hertfordshire PDU"
    assert entry.inspection.overall.score == 4 and len(entry.inspection.recommendations) == 7
    # exactly as the same report opened as text: selected, what was imported said, remembered
    assert window.current() is entry
    assert window.statusBar().currentMessage().startswith("Imported from the report: unit: Hertfordshire PDU;")
    assert window.recent_files()[0] == str((DATA / "reports" / "hertfordshire.pdf").resolve())


def test_a_text_report_opens_and_saves_as_an_inspection_file(window, tmp_path):
    from conftest import DATA
    from gui_text import all_text

    report = DATA / "hmip-hertfordshire-pdu-2024.txt"
    assert window.open_files([str(report)]) == []
    assert window.statusBar().currentMessage().startswith(
        "Imported from the report: unit: Hertfordshire PDU; framework hmip-probation-pdu-2023 (from 'four service "
        "delivery standards'); published 2024-07; fieldwork started 2024-04-15;")
    window.tabs.setCurrentIndex(0)
    shown = all_text(window.tabs.widget(0))
    assert "Hertfordshire PDU" in shown and "4/21" in shown and "Inadequate" in shown
    target = window.save_as(window.current(), str(tmp_path / "imported"))
    assert target == tmp_path / "imported.json"
    saved = load_inspection(target)
    assert saved.overall.score == 4 and len(saved.figures) == len(window.current().inspection.figures)
