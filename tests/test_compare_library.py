"""Compare with the published outcomes: one open inspection against every outcome of its programme, the
filters, its place, counts over time, quotations on hover and the source in the browser."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from viewer.formats.inspection_file import load_inspection
from viewer.library import load_library, select
from viewer.model.compare_counts import BY_YEAR
from viewer.model.compare_selection import BOTH, OPEN, PUBLISHED
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.printout.comparison import comparison_html
from viewer.resource_files import sample_path
from viewer.ui.tabs.compare_tab import CompareTab

PDU_2023 = "hmip-probation-pdu-2023"


@pytest.fixture
def herts():
    inspection = load_inspection(sample_path())
    return inspection, assess(inspection, load_framework(inspection.framework_id))


@pytest.fixture
def tab(qtbot, herts):
    tab = CompareTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show_inspections([herts], 0)
    return tab


def test_one_open_inspection_is_compared_with_the_published_outcomes_of_its_programme(tab):
    published = [o for o in load_library() if o.inspection.framework_id == PDU_2023]
    assert tab.selection.source == BOTH and tab.source_box.currentData() == BOTH
    assert tab.framework_box.currentData() == PDU_2023
    units = tab.units_model.column_texts("Unit")
    assert units[0] == "Hertfordshire PDU"
    # the library's own Hertfordshire PDU outcome is the open file: shown once
    assert units.count("Hertfordshire PDU") == 1
    assert len(units) == len(published)
    assert "1 published outcome is open as a file and shown once" in tab.framework_label.text()
    assert tab.title_label.text() == f"Comparing 1 open and {len(load_library()) - 1} published inspections"
    place = tab.place_label.text()
    assert place.startswith(f"Hertfordshire PDU — Requires improvement: of the {len(published) - 1} units of "
                            f"{PDU_2023} shown beside it, ")
    better, same, worse = (int(place.split(" rated better")[0].rsplit(" ", 1)[1]),
                           int(place.split(" the same")[0].rsplit(" ", 1)[1]),
                           int(place.split(" worse")[0].rsplit(" ", 1)[1]))
    ratings = [o.inspection.overall.rating for o in published if o.inspection.unit.name != "Hertfordshire PDU"]
    from viewer.model.ratings import Rating
    assert better == sum(r is not None and r > Rating.REQUIRES_IMPROVEMENT for r in ratings)
    assert same == sum(r == Rating.REQUIRES_IMPROVEMENT for r in ratings)
    assert worse == sum(r == Rating.INADEQUATE for r in ratings)


def test_the_source_column_says_where_each_row_comes_from(tab):
    sources = tab.units_model.column_texts("Source")
    assert sources[0] == "open file" and set(sources[1:]) == {"published outcome"}


def test_filters_by_year_and_region_and_counts_over_time(tab):
    tab.by_box.setCurrentIndex(tab.by_box.findData(BY_YEAR))
    assert tab.counts_heading.text() == "Ratings by year of publication"
    years = list(tab.counts_frame["Year"])
    assert "2024" in years and years == sorted(years, key=lambda y: (not y[0].isdigit(), y))
    total = int(tab.counts_frame["Total"].sum())
    assert total == len(tab.units_model.column_texts("Unit"))
    tab.year_box.setCurrentIndex(tab.year_box.findData("2024"))
    shown = [o for o in load_library() if o.inspection.framework_id == PDU_2023 and o.year == "2024"]
    assert len(tab.units_model.column_texts("Unit")) == len(shown) + 1 - sum(
        o.inspection.unit.name == "Hertfordshire PDU" for o in shown)


def test_published_only_and_all_programmes(tab):
    tab.set_source(PUBLISHED)
    tab.framework_box.setCurrentIndex(tab.framework_box.findData(None))
    assert len(tab.units_model.column_texts("Unit")) == len(load_library())
    assert tab.selection.unit is None and not tab.place_label.isVisible()
    assert tab.title_label.text() == f"Comparing {len(load_library())} published inspections"
    tab.set_source(OPEN)
    assert tab.stack.is_empty  # one open file, and the user asked for open files only


def test_a_published_value_shows_its_quotation_and_source(tab):
    sheffield = select(load_library(), unit="Sheffield PDU")
    assert sheffield
    tab.set_source(PUBLISHED)
    tab.framework_box.setCurrentIndex(tab.framework_box.findData(None))
    units = tab.units_model.column_texts("Unit")
    row = units.index("Sheffield PDU")
    overall = next(c for c in range(tab.units_model.columnCount())
                   if tab.units_model.headerData(c, Qt.Orientation.Horizontal) == "Overall")
    tip = tab.units_model.data(tab.units_model.index(row, overall), Qt.ItemDataRole.ToolTipRole)
    quote = sheffield[0].inspection.quotes_for("overall.rating")[0]
    assert quote.quote.replace("\n", " ")[:40] in tip.replace("\n", " ")
    assert "justiceinspectorates.gov.uk" in tip


def test_the_highlighted_units_source_opens_in_the_browser(tab, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    tab.set_source(PUBLISHED)
    tab.select_unit(3)
    assert tab.open_source_button.isEnabled()
    tab.open_source_button.click()
    assert opened == [tab.entries[3][0].report.url] and opened[0].startswith("https://")


def test_choosing_a_published_outcome_does_not_move_the_windows_file(qtbot, tab):
    emitted = []
    tab.unit_chosen.connect(emitted.append)
    tab.select_unit(None)
    tab._on_unit_box(5)  # a published outcome, not a file the window has open
    assert emitted == []
    tab._on_unit_box(0)  # the open file
    assert emitted == [0]


def test_the_printed_comparison_says_what_is_published(tab):
    html = comparison_html(tab.comparison())
    assert "1 open and" in html and "published inspections" in html
    assert "Hertfordshire PDU — Requires improvement: of the" in html
