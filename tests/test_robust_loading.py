"""Loading never loses work and always finishes: a bug in a reader fails that file only (logged, and the
message says where), good files stay open, Cancel always works, and closing the window stops a load."""

from __future__ import annotations

import json
import sys
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog

import viewer.formats.inspection_file as inspection_file
import viewer.formats.published_report as published_report
import viewer.workspace.opening as opening
from viewer.ui.app import report_bugs

from conftest import DATA


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The user's cache folder, where crash logs go."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "inspection-viewer"


class Readers:
    """The inspection file reader, with a bug for files named ``bug*`` and, while ``hold`` is clear, a wait in
    files named ``slow*``; it counts what it read."""

    def __init__(self, monkeypatch) -> None:
        self.read: list[str] = []
        self.hold = threading.Event()
        self.waiting = threading.Event()  # a reader is held in a slow file
        self.delay = 0.0
        real = inspection_file.load_inspection

        def load(path):
            name = str(path).rsplit("/", 1)[-1]
            if name.startswith("bug"):
                raise KeyError("standards")  # what a bug looks like: not a LoadError
            if name.startswith("slow"):
                self.waiting.set()
                self.hold.wait(20)
            time.sleep(self.delay)
            self.read.append(name)
            return real(path)

        monkeypatch.setattr(inspection_file, "load_inspection", load)


@pytest.fixture
def readers(monkeypatch):
    readers = Readers(monkeypatch)
    yield readers
    readers.hold.set()  # never leave a worker waiting


def _files(folder, sample_path, names):
    folder.mkdir(exist_ok=True)
    data = json.loads(sample_path.read_text(encoding="utf-8"))
    for name in names:
        data["unit"]["name"] = f"{name} PDU"
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return [str(folder / f"{name}.json") for name in names]


def _units(window):
    return sorted(e.inspection.unit.name for e in window.open_inspections)


def _crash_log(cache):
    [log] = cache.glob("crash-*.log")
    return log.read_text(encoding="utf-8")


def test_the_command_line_case_a_bug_in_one_file_keeps_the_good_one_open(window, readers, cache, tmp_path, sample_path):
    good, bad = _files(tmp_path, sample_path, ["good", "bug"])
    failures = window.open_files([good, bad])
    assert _units(window) == ["good PDU"] and window.current().inspection.unit.name == "good PDU"
    assert window.isVisible()
    dialog = window.error_dialog
    assert dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal  # over the window, not blocking
    assert dialog.text() == "Could not open bug.json"
    assert "the viewer failed because of a bug in it (KeyError: 'standards')" in dialog.informativeText()
    [log_path] = cache.glob("crash-*.log")
    assert f"The details are in {log_path}" in dialog.informativeText()
    assert [f.path for f in failures] == [bad]
    log = _crash_log(cache)
    assert f"while opening {bad}" in log and "Traceback" in log and "KeyError: 'standards'" in log


def test_file_open_with_one_bad_file_opens_the_rest_and_lists_the_bad_one(window, readers, cache, tmp_path,
                                                                          sample_path, monkeypatch):
    paths = _files(tmp_path, sample_path, ["first", "bug", "third"])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (paths, ""))
    window.choose_files()
    assert _units(window) == ["first PDU", "third PDU"]
    assert window.error_dialog.isVisible() and window.error_dialog.text() == "Could not open bug.json"
    assert window.statusBar().currentMessage() == "Opened 2 inspections; 1 could not be opened."


def test_a_bug_in_a_folder_load_fails_that_file_and_the_load_finishes(window, readers, cache, qtbot, tmp_path, sample_path):
    folder = tmp_path / "region"
    _files(folder, sample_path, ["a", "b", "bug", "c"])
    window.open_folder(str(folder))
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    assert _units(window) == ["a PDU", "b PDU", "c PDU"]
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.error_dialog.text() == "Could not open bug.json"
    assert "KeyError: 'standards'" in window.error_dialog.informativeText()
    assert "KeyError: 'standards'" in _crash_log(cache)


def test_a_bug_in_a_pdf_reader_is_reported_and_the_load_finishes(window, cache, qtbot, monkeypatch):
    def broken(path):
        raise IndexError("list index out of range")

    monkeypatch.setattr(published_report, "import_report", broken)
    window.open_files([str(DATA / "reports" / "hertfordshire.pdf")])
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    assert window.open_inspections == []
    assert window.error_dialog.text() == "Could not open hertfordshire.pdf"
    assert "a bug in it (IndexError: list index out of range)" in window.error_dialog.informativeText()
    assert window.open_folder_action.isEnabled()  # the next load can start


def test_a_bug_outside_any_one_file_still_ends_the_load(window, cache, qtbot, tmp_path, sample_path, monkeypatch):
    def broken(paths):
        raise RuntimeError("walking the folder went wrong")

    monkeypatch.setattr(opening, "files_to_open", broken)
    folder = tmp_path / "region"
    _files(folder, sample_path, ["a"])
    window.open_folder(str(folder))
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    assert "RuntimeError: walking the folder went wrong" in window.error_dialog.informativeText()
    assert "walking the folder went wrong" in _crash_log(cache)


def test_cancel_works_while_a_reader_is_stuck_in_a_file(window, readers, qtbot, tmp_path, sample_path):
    folder = tmp_path / "region"
    _files(folder, sample_path, ["a", "b", "slow", "z"])
    window.open_folder(str(folder))
    assert readers.waiting.wait(20)  # a and b are read, perhaps not yet handed over; the reader is stuck in slow
    window.cancel_button.click()
    # at once, though the reader has not returned, and with every file read before the cancel
    assert _units(window) == ["a PDU", "b PDU"]
    assert window.background_load is None and not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert "cancelled: the inspections loaded so far stay open" in window.statusBar().currentMessage()
    readers.hold.set()  # the reader returns; what it read is dropped and the worker stops before z
    qtbot.wait(300)
    assert _units(window) == ["a PDU", "b PDU"] and "z.json" not in readers.read
    window.open_folder(str(folder))  # and the next load runs as usual
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    assert _units(window) == ["a PDU", "b PDU", "slow PDU", "z PDU"]


def test_closing_the_window_during_a_load_stops_the_worker(window, readers, qtbot, tmp_path, sample_path):
    readers.delay = 0.02
    folder, later = tmp_path / "region", tmp_path / "later"
    _files(folder, sample_path, ["bug"] + [f"unit-{n:03d}" for n in range(150)])
    _files(later, sample_path, ["waiting"])
    window.open_folder(str(folder))
    window.open_files([str(later)])  # waits for the first load
    load = window.background_load
    qtbot.waitUntil(lambda: len(window.open_inspections) > 0, timeout=30000)
    window.close()
    assert not load.worker_thread.is_alive()  # stopped before the window went, not left running
    read = len(readers.read)
    assert read < 150
    qtbot.wait(300)
    assert len(readers.read) == read  # nothing more read, the waiting folder not started
    assert window.error_dialog is None  # and no dialog about bug.json over a window that is closing


def test_folders_asked_for_during_a_load_are_opened_after_it(window, readers, qtbot, tmp_path, sample_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _files(first, sample_path, ["a", "slow"])
    _files(second, sample_path, ["c"])
    window.open_folder(str(first))
    assert readers.waiting.wait(20)
    window.open_files([str(second)])  # dropped on the window while the first folder loads
    assert window.statusBar().currentMessage() == "1 more to open when the files being opened now are done."
    readers.hold.set()
    qtbot.waitUntil(lambda: window.background_load is None and len(window.open_inspections) == 3, timeout=30000)
    assert _units(window) == ["a PDU", "c PDU", "slow PDU"]


@pytest.mark.qt_no_exception_capture  # the window's own hook is what is tested
def test_a_bug_in_the_window_is_logged_and_said_and_the_window_carries_on(window, cache, qtbot, monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    report_bugs(window)

    def broken_slot():
        raise ZeroDivisionError("division by zero")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: getattr(window, "bug_dialog", None) is not None and window.bug_dialog.isVisible())
    box = window.bug_dialog
    assert box.windowTitle() == "Inspection Viewer hit a bug"
    [log] = cache.glob("crash-*.log")
    assert box.text() == ("The viewer failed because of a bug in it (ZeroDivisionError: division by zero). "
                          f"The details are in {log}: please send that file to whoever looks after the viewer.")
    assert "ZeroDivisionError: division by zero" in log.read_text(encoding="utf-8")
    assert "Traceback" in capsys.readouterr().err  # and on the terminal, for whoever runs it from one
    assert window.isVisible()
    box.accept()  # read and closed: the next bug is said again

    def another():
        raise LookupError("another one")

    QTimer.singleShot(0, another)
    qtbot.waitUntil(window.bug_dialog.isVisible)
    assert "(LookupError: another one)" in window.bug_dialog.text()


def test_a_large_workbook_opens_off_the_gui_thread(window, qtbot, tmp_path, sample_path, monkeypatch):
    from viewer.formats.inspection_file import load_inspection
    from viewer.formats.workbook import write_workbook

    book = tmp_path / "region.xlsx"
    write_workbook([load_inspection(sample_path)], book)
    monkeypatch.setattr(opening, "BACKGROUND_BYTES", book.stat().st_size - 1)  # as a workbook of many inspections is
    window.open_files([str(book)])
    assert window.background_load is not None and window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    assert window.current().inspection.unit.name == "Hertfordshire PDU"
    assert window.recent_files()[0] == str(book.resolve())


def test_a_bug_in_showing_an_inspection_does_not_hide_the_failures(window, readers, cache, tmp_path, sample_path,
                                                                     monkeypatch):
    from viewer.ui.tabs.ratings_tab import RatingsTab

    good, bad = _files(tmp_path, sample_path, ["good", "bug"])
    window.open_files([good])

    def broken(self, inspection, assessment):
        raise AttributeError("'NoneType' object has no attribute 'label'")

    monkeypatch.setattr(RatingsTab, "show_inspection", broken)
    with pytest.raises(AttributeError):  # in the window, the menu's slot hands it to the bug report
        window.open_files([good, bad])  # good again: its row is the current one, shown afresh
    assert window.error_dialog.isVisible() and window.error_dialog.text() == "Could not open bug.json"
    assert _units(window) == ["good PDU"]


def test_the_same_bug_in_many_files_is_logged_in_full_once(window, readers, cache, qtbot, tmp_path, sample_path):
    folder = tmp_path / "region"
    _files(folder, sample_path, ["bug-1", "bug-2", "bug-3", "good"])
    window.open_folder(str(folder))
    qtbot.waitUntil(lambda: window.background_load is None, timeout=30000)
    assert window.error_dialog.text() == "3 files could not be opened."
    log = _crash_log(cache)
    assert log.count("Traceback") == 1 and log.count("KeyError: 'standards' (the same traceback as above)") == 2
    assert f"while opening {folder / 'bug-3.json'}" in log
