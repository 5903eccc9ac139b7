"""The main window, driven as a person would: open, fail, close, recent files, drag and drop."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog

from viewer.ui.main_window import MainWindow

from conftest import BAD, DATA, REPO
from gui_text import all_text

TAB_TITLES = ["Ratings", "Key questions", "Staffing and workload", "Service gaps", "Compare"]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    return win


def tab_text(window, index):
    window.tabs.setCurrentIndex(index)  # as a person clicks the tab: tabs are filled when first shown
    return all_text(window.tabs.widget(index))


def list_texts(window):
    return [window.inspection_list.item(i).text() for i in range(window.inspection_list.count())]


def test_opens_the_sample_with_four_tabs_showing_its_values(window, sample_path):
    assert window.open_files([str(sample_path)]) == []
    assert list_texts(window) == ["Hertfordshire PDU\nRequires improvement · July 2024"]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TAB_TITLES
    assert window.windowTitle() == "Hertfordshire PDU (2024-07) — Inspection Viewer"
    ratings, key_questions, staffing, gaps, compare = (tab_text(window, i) for i in range(5))
    assert "4/21" in ratings and "Requires improvement" in ratings and "Inadequate" in ratings
    for name in ("Leadership", "Staffing", "Services", "Assessment", "Planning", "Implementation and delivery",
                 "Reviewing"):
        assert name in ratings
    assert "17%" in key_questions and "Does assessment focus sufficiently on keeping other people safe?" in key_questions
    assert "1,003" in staffing and "117%" in staffing
    assert "32 out of 35" in staffing
    assert "ensure all staff receive the necessary training to undertake their roles" in gaps
    assert "waiting list of 200" in gaps
    assert "Open two or more inspections to compare them" in compare
    assert "Opened 1 inspection" in window.statusBar().currentMessage()


def test_a_bad_file_shows_a_dialog_and_leaves_open_inspections_alone(window, sample_path):
    window.open_files([str(sample_path)])
    bad = BAD / "duplicate-standard-code.json"
    failures = window.open_files([str(bad)])
    assert [f.path for f in failures] == [str(bad)]
    dialog = window.error_dialog
    assert dialog.isVisible()
    assert dialog.text() == "Could not open duplicate-standard-code.json"
    info = dialog.informativeText()
    assert "line 31, $.standards[2].code" in info
    assert "standard code 'P1.1' appears twice" in info
    assert "The inspections already open are unchanged." in info
    assert list_texts(window) == ["Hertfordshire PDU\nRequires improvement · July 2024"]
    assert window.current().inspection.unit.name == "Hertfordshire PDU"
    assert "1 could not be opened" in window.statusBar().currentMessage()


def test_open_several_close_one(window, sample_path):
    window.open_files([str(sample_path), str(DATA / "variant-rating-spelling.json")])
    assert len(list_texts(window)) == 2 and window.current().inspection.unit.name == "Testshire PDU"
    assert "Testshire PDU" in tab_text(window, 0)
    assert "1,003" not in tab_text(window, 2)
    window.inspection_list.setCurrentRow(0)  # the visible tab follows the selection at once
    assert "1,003" in all_text(window.tabs.widget(2))
    assert "Hertfordshire PDU" in tab_text(window, 0)
    window.open_files([str(sample_path)])  # already open: reloaded in place, not duplicated
    assert len(list_texts(window)) == 2 and window.current().inspection.unit.name == "Hertfordshire PDU"
    window.close_current()
    assert list_texts(window) == ["Testshire PDU\nGood"]
    window.close_current()
    assert list_texts(window) == [] and not window.close_action.isEnabled()
    assert window.windowTitle() == "Inspection Viewer"


def test_file_open_uses_the_dialog_and_remembers_recent_files(window, sample_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(sample_path)], ""))
    window.open_action.trigger()
    assert window.current().inspection.unit.name == "Hertfordshire PDU"
    assert window.recent_files() == [str(sample_path.resolve())]
    window.recent.menu.aboutToShow.emit()
    labels = [a.text() for a in window.recent.menu.actions() if a.text()]
    assert labels[0] == "&1 hertfordshire-pdu-2024.json" and "Clear list" in labels


def test_standard_shortcuts(window):
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.close_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Close)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Help"]


def test_dropping_files_opens_them(window, sample_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.current().inspection.unit.name == "Hertfordshire PDU"


def test_geometry_is_kept_between_sessions(qtbot, settings):
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # inside the offscreen platform's 800x600 screen
    first.show()
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_about_dialog(window):
    window.show_about()
    assert window.about_dialog.isVisible() and "Inspection Viewer 0.1.0" in window.about_dialog.text()


def _exit_after_load(*files):
    return subprocess.run([sys.executable, "-m", "viewer", "--exit-after-load", *files], capture_output=True,
                          text=True, cwd=REPO, timeout=120)


def test_exit_after_load_smoke():
    assert _exit_after_load().returncode == 0
    bad = _exit_after_load(str(BAD / "not-json.json"))
    assert bad.returncode == 1
    assert "not-json.json: line 4: not valid JSON" in bad.stderr


def test_loader_warnings_are_shown_not_hidden(window):
    window.open_files([str(DATA / "variant-rating-spelling.json")])
    assert "Opened 1 inspection; 1 with notes on the Ratings tab." == window.statusBar().currentMessage()
    text = tab_text(window, 0)
    assert "⚠ 2 notes from reading the file: $.overall.rating: rating 'GOOD' read as 'Good'" in text


HOSTILE = "<img src=x><a href='http://example.invalid'>click</a><b>bold</b>&amp;"


def _hostile_inspection(tmp_path, sample_path):
    """The sample with every text a person can see replaced by markup."""
    import json

    def poison(value):
        if isinstance(value, dict):
            return {k: (v if k in {"format", "framework", "rating", "topic", "theme", "code", "id", "standard",
                                   "published", "fieldwork_start"} else poison(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [poison(v) for v in value]
        return f"{HOSTILE} {value}" if isinstance(value, str) else value

    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(poison(json.loads(sample_path.read_text(encoding="utf-8")))), encoding="utf-8")
    return path


def test_markup_in_a_file_is_shown_literally(window, tmp_path, sample_path):
    from PySide6.QtWidgets import QLabel, QTextBrowser

    assert window.open_files([str(_hostile_inspection(tmp_path, sample_path)), str(sample_path)]) == []
    window.inspection_list.setCurrentRow(0)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        shown = 0
        for label in page.findChildren(QLabel):
            if "<img" in label.text():
                shown += 1
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
            if "&lt;img" in label.text():
                shown += 1
                assert label.textFormat() == Qt.TextFormat.RichText
        for browser in page.findChildren(QTextBrowser):
            if browser.toPlainText():
                assert HOSTILE in browser.toPlainText(), browser.toPlainText()[:200]
                shown += 1
        assert shown, f"tab {index}: the hostile text should be on show somewhere"


def test_compare_tab_follows_the_open_inspections(window, sample_path):
    window.open_files([str(sample_path), str(DATA / "variant-rating-spelling.json")])
    compare = tab_text(window, 4)
    assert "Hertfordshire PDU" in compare and "Testshire PDU" in compare
    page = window.page(4)
    page.unit_chosen.emit(0)  # choosing a unit in the comparison selects it in the list
    assert window.current().inspection.unit.name == "Hertfordshire PDU"
    window.close_current()
    assert "Open two or more inspections to compare them" in all_text(window.tabs.widget(4))


def test_exit_after_load_waits_for_a_folder(tmp_path, sample_path):
    import shutil

    shutil.copy(sample_path, tmp_path / "a.json")
    assert _exit_after_load(str(tmp_path)).returncode == 0
    shutil.copy(BAD / "empty.json", tmp_path / "b.json")
    failed = _exit_after_load(str(tmp_path))
    assert failed.returncode == 1 and "b.json: the file is empty" in failed.stderr
