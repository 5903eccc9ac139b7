"""The Compare tab with three inspections, read back as a person would see it (pytest-qt)."""

from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt
from compare_units import make_three, other_framework_entry

from viewer.model import palette
from viewer.model.ratings import Rating, colours_for
from viewer.printing.comparison import write_comparison_pdf
from viewer.ui.tabs import compare_exports
from viewer.model.compare_selection import OPEN
from viewer.ui.tabs.compare_tab import EMPTY_COMPARE, CompareTab

CODES = ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]


@pytest.fixture(scope="module")
def three():
    return make_three()


@pytest.fixture
def tab(qtbot, three):
    tab = CompareTab()
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show_inspections(three, 0)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def cells(tab, column: str) -> list[str]:
    return tab.units_model.column_texts(column)


def header_of(model, name: str) -> int:
    return next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == name)


def test_title_and_friendly_empty_state_below_two_inspections(qtbot, three):
    tab = CompareTab()
    qtbot.addWidget(tab)
    assert tab.TITLE == "Compare"
    assert tab.stack.is_empty and tab.stack.empty_label.text() == EMPTY_COMPARE
    assert "Open two or more inspections" in EMPTY_COMPARE
    tab.show_inspections(three, 1)
    assert not tab.stack.is_empty and tab.title_label.text() == "Comparing 3 inspections"
    tab.set_source(OPEN)
    tab.show_inspections(three[:1], 0)  # the user chose open inspections only: one is not a comparison
    assert tab.stack.is_empty
    tab.show_inspections([], None)
    assert tab.stack.is_empty


def test_heat_map_cells_show_units_ratings_and_scores(tab):
    assert cells(tab, "Unit") == ["Hertfordshire PDU", "Kent PDU", "Essex PDU"]
    assert cells(tab, "Region") == ["East of England", "South East", "East of England"]
    assert cells(tab, "Overall") == ["Requires improvement", "Good", "Requires improvement"]
    assert cells(tab, "Score") == ["4/21", "13/21", "5/21"]
    assert cells(tab, "Check") == ["agrees", "agrees", "DIFFERS"]
    assert cells(tab, "P2.1") == ["Inadequate", "Good", "Requires improvement"]
    assert cells(tab, "P2.4") == ["Requires improvement", "Outstanding", "Requires improvement"]
    model = tab.units_model
    column = header_of(model, "P2.4")
    assert model.data(model.index(1, column), Qt.ItemDataRole.BackgroundRole).name() == colours_for(Rating.OUTSTANDING)[0]
    assert "rules give" in model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "<p>P2.4 Reviewing</p>"
    assert tab.units_table.isColumnHidden(header_of(model, "Score number"))
    assert tab.units_table.isColumnHidden(header_of(model, "P2.4 order"))
    assert "All 3 units use hmip-probation-pdu-2023." == tab.framework_label.text()


def test_clicking_a_header_sorts_by_score_and_ratings_by_rank(qtbot, tab):
    header = tab.units_table.horizontalHeader()
    column = header_of(tab.units_model, "Score")
    point = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert cells(tab, "Score") == ["4/21", "5/21", "13/21"]  # as numbers, not text ("13" < "4")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert cells(tab, "Unit") == ["Kent PDU", "Essex PDU", "Hertfordshire PDU"]
    tab.units_table.sortByColumn(header_of(tab.units_model, "P2.2"), Qt.SortOrder.AscendingOrder)
    assert cells(tab, "P2.2") == ["Inadequate", "Inadequate", "Requires improvement"]  # worst first, not a-z


def test_filters_by_region_and_rating(tab):
    tab.region_box.setCurrentIndex(tab.region_box.findText("East of England"))
    assert cells(tab, "Unit") == ["Hertfordshire PDU", "Essex PDU"]
    assert tab.shown_label.text() == "Showing 2 of 3 units"
    assert tab.across_chart.chart.labels == ["Hertfordshire PDU", "Essex PDU"]  # the chart follows the filter
    assert tab.rank_label.text().endswith("lowest of 2 units")
    assert tab.counts_model.column_texts("Region") == ["East of England"]
    tab.set_filters(rating="Good")
    assert cells(tab, "Unit") == ["Kent PDU"]
    tab.set_filters()
    assert len(cells(tab, "Unit")) == 3


def test_key_question_across_units_chart_and_rank(tab):
    tab.select_question("P2.1", "safety")
    chart = tab.across_chart.chart

    def highlighted() -> list[str]:
        return [r.label for r in tab.across_chart.chart.rows if r.emphasis]

    assert chart.labels == ["Hertfordshire PDU", "Essex PDU", "Kent PDU"]
    assert chart.values == [17.0, 50.0, 66.0]
    assert chart.edges == (50.0, 65.0, 80.0)
    assert highlighted() == ["Hertfordshire PDU"] and chart.rows[0].text == "17%  ◀ selected"
    assert tab.rank_label.text() == "Hertfordshire PDU: 17% — lowest of 3 units"
    tab.unit_box.setCurrentIndex(tab.unit_box.findData(2))
    assert highlighted() == ["Essex PDU"]
    assert tab.rank_label.text() == "Essex PDU: 50% — 2nd lowest of 3 units"
    tab.select_question("P2.2", None)  # each unit's lowest question: the one deciding the rating
    assert tab.across_chart.chart.values == [41.0, 45.0, 60.0]


def test_clicking_a_row_highlights_that_unit(qtbot, tab):
    tab.select_question("P2.1", "safety")
    with qtbot.waitSignal(tab.unit_chosen) as signal:
        rect = tab.units_table.visualRect(tab.units_model.index(1, 0))
        qtbot.mouseClick(tab.units_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [1]
    assert [r.label for r in tab.across_chart.chart.rows if r.emphasis] == ["Kent PDU"]
    assert tab.rank_label.text() == "Kent PDU: 66% — highest of 3 units"
    # the highlighted unit's name is drawn on the highlight colour; the others' names on none
    def unit_cell(row: int):
        return tab.units_model.data(tab.units_model.index(row, 0), Qt.ItemDataRole.BackgroundRole)

    assert unit_cell(1).name() == palette.HIGHLIGHT[0]
    assert unit_cell(0) is None and unit_cell(2) is None


def test_counts_by_region_table_and_chart(tab):
    model = tab.counts_model
    assert model.column_texts("Region") == ["East of England", "South East"]
    assert model.column_texts("Requires improvement") == ["2", "0"]
    assert model.column_texts("Good") == ["0", "1"]
    chart = tab.counts_chart.chart
    assert chart.labels == ["East of England", "South East"]
    assert [[(s.text, s.colour) for s in r.segments] for r in chart.rows] == [[("2", "#f4b13e")], [("1", "#8cc63f")]]
    tab.count_box.setCurrentIndex(tab.count_box.findData("All standards"))
    assert model.column_texts("Total") == ["14", "7"]
    assert tab.counts_chart.chart.values == [14, 7]


def _answer(monkeypatch, path, chosen=""):
    monkeypatch.setattr(compare_exports.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def test_charts_export_to_png_and_svg(monkeypatch, tab, tmp_path):
    tab.select_question("P2.1", "safety")
    _answer(monkeypatch, tmp_path / "across.png")
    assert tab.export_chart("across") == str(tmp_path / "across.png")
    assert (tmp_path / "across.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _answer(monkeypatch, tmp_path / "counts.svg")
    tab.export_counts_chart_button.click()
    assert "<svg" in (tmp_path / "counts.svg").read_text(encoding="utf-8")
    _answer(monkeypatch, tmp_path / "typed-without-extension", "SVG vector image (*.svg)")
    tab.export_chart("across")
    assert "<svg" in (tmp_path / "typed-without-extension.svg").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # atomic: no leftovers


def test_tables_export_to_csv_and_xlsx_as_shown(monkeypatch, tab, tmp_path):
    tab.units_table.sortByColumn(header_of(tab.units_model, "Score"), Qt.SortOrder.DescendingOrder)
    _answer(monkeypatch, tmp_path / "units.csv")
    tab.export_units_button.click()
    raw = (tmp_path / "units.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    frame = pd.read_csv(tmp_path / "units.csv", encoding="utf-8-sig")
    assert list(frame["Unit"]) == ["Kent PDU", "Essex PDU", "Hertfordshire PDU"]
    assert list(frame["P2.4"]) == ["Outstanding", "Requires improvement", "Requires improvement"]
    assert "P2.4 order" not in frame.columns
    _answer(monkeypatch, tmp_path / "units.xlsx")
    tab.export_table("units")
    book = pd.read_excel(tmp_path / "units.xlsx", engine="openpyxl")
    assert list(book["Score"]) == ["13/21", "5/21", "4/21"]
    _answer(monkeypatch, tmp_path / "counts.xlsx")
    tab.export_counts_button.click()
    counts = pd.read_excel(tmp_path / "counts.xlsx", engine="openpyxl")
    assert list(counts["Region"]) == ["East of England", "South East"] and list(counts["Total"]) == [2, 1]


def test_mixed_frameworks_are_labelled_and_kept_apart(qtbot, three):
    tab = CompareTab()
    qtbot.addWidget(tab)
    tab.show_inspections(list(three) + [other_framework_entry(three)], 0)
    assert tab.framework_label.text().startswith("hmip-probation-pdu-2023: 3 units; other frameworks shown "
                                                 "separately (hmip-youth-2019: 1 unit)")
    assert tab.framework_box.isEnabled()
    assert not tab.units_table.isColumnHidden(header_of(tab.units_model, "Framework"))
    tab.select_question("P2.1", "safety")
    assert "Medway YOS" not in tab.across_chart.chart.labels
    assert "1 unit of other frameworks not included" in tab.across_note.text()
    assert tab.counts_chart.chart.labels == ["East of England · hmip-probation-pdu-2023",
                                           "South East · hmip-probation-pdu-2023", "South East · hmip-youth-2019"]
    tab.set_filters(framework="hmip-youth-2019")
    assert cells(tab, "Unit") == ["Medway YOS"]


def test_print_comparison_previews_and_renders_a_pdf(qtbot, tab, tmp_path):
    from pypdf import PdfReader

    tab.select_question("P2.1", "safety")
    tab.print_comparison()
    dialog = tab.preview
    qtbot.addWidget(dialog)
    assert dialog.printer_ is not None and dialog.windowTitle() == "Print preview: Comparison of 3 inspections"
    dialog.close()
    pages = write_comparison_pdf(tab.comparison(), tmp_path / "comparison.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "comparison.pdf").pages)
    assert pages >= 1
    for expected in ("Comparison of 3 inspections", "Hertfordshire PDU", "Kent PDU", "Essex PDU", "13/21",
                     "lowest of 3 units", "page 1 of"):
        assert expected in text
