"""A unit's history on the Ratings tab: every inspection of the same unit among the open files and the
published outcomes, newest first, each score out of its own programme's maximum, quotations on hover."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from viewer.formats.inspection_file import load_inspection
from viewer.library import load_library, select
from viewer.library.history import OPEN_FILE, THIS_FILE, unit_history
from viewer.model.framework import load_framework
from viewer.model.inspection import OverallPublished, ReportInfo
from viewer.model.rating_rules import assess
from viewer.model.ratings import Rating
from viewer.resource_files import sample_path
from viewer.ui.tabs.ratings_tab import RatingsTab


def outcome(unit: str):
    return select(load_library(), unit=unit)


def test_a_unit_inspected_twice_lists_both_newest_first_with_each_programmes_maximum():
    sheffield = outcome("Sheffield PDU")
    assert len(sheffield) >= 2
    oldest = min(sheffield, key=lambda o: o.inspection.report.published or "9999").inspection
    h = unit_history(oldest)
    published = list(h.frame["Published"])
    assert len(published) == len(sheffield)
    assert list(h.frame["From"]).count(THIS_FILE) == 1
    scored = h.frame[h.frame["Score"] != "not published"]
    assert all(" out of " in s for s in scored["Score"])
    assert "1 out of 27" in list(h.frame["Score"])  # "scoring just one point out of a possible 27"
    assert set(h.frame["Programme"]) == {load_framework(o.inspection.framework_id).name for o in sheffield}


def test_the_sample_has_no_other_inspection_and_its_library_twin_is_not_listed_twice():
    herts = load_inspection(sample_path())
    h = unit_history(herts)
    assert list(h.frame["From"]) == [THIS_FILE]


def test_an_open_file_of_the_same_unit_is_listed_and_a_youth_service_of_the_same_place_is_not():
    herts = load_inspection(sample_path())
    earlier = replace(herts, report=ReportInfo(published="2021-05"),
                      overall=OverallPublished(Rating.GOOD, None), framework_id="hmip-probation-pdu-2021")
    h = unit_history(herts, [herts, earlier])
    assert list(h.frame["From"]) == [THIS_FILE, OPEN_FILE]
    assert list(h.frame["Published"]) == ["July 2024", "May 2021"]
    assert "Hertfordshire Youth Offending Team" not in " ".join(h.frame.astype(str).values.ravel())


def test_the_ratings_tab_shows_the_history_with_quotations_and_opens_the_source(qtbot, monkeypatch):
    kirklees = min(outcome("Kirklees PDU"), key=lambda o: o.inspection.report.published or "").inspection
    tab = RatingsTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    tab.show_inspection(kirklees, assess(kirklees, load_framework(kirklees.framework_id)))
    qtbot.waitUntil(lambda: tab.history is not None)
    model = tab.history_model
    assert model.rowCount() == len(outcome("Kirklees PDU"))
    assert tab.history_table.isVisible()
    assert "other inspection" in tab.history_note.text()
    later = next(r for r in range(model.rowCount()) if "published outcome" in model.column_texts("From")[r])
    tip = model.data(model.index(later, 2), Qt.ItemDataRole.ToolTipRole)
    assert "Inadequate" in tip and "“" in tip and "justiceinspectorates.gov.uk" in tip
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    assert tab.open_history_source(later)
    assert opened == [tab.history.urls[later]]
    # a press release publishes no standard: one line says so instead of nine "not published" tiles
    assert not tab.tiles_box.isVisible() and tab.no_standards_label.isVisible()
    assert tab.flag_label.text().startswith("nothing to check")
