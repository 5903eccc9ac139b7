"""The four inspection tabs, read back as a person would see them (pytest-qt)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from viewer.formats.inspection_file import load_inspection
from viewer.model.framework import load_framework
from viewer.model.inspection import Inspection, KeyQuestion, OverallPublished, Standard, Unit
from viewer.model.rating_rules import assess
from viewer.model.ratings import Rating
from viewer.resource_files import sample_path
from viewer.ui.dataframe_model import SORT_ROLE, DataFrameModel
from viewer.ui.tabs.key_questions_tab import KeyQuestionsTab
from viewer.ui.tabs.ratings_tab import RatingsTab
from viewer.ui.tabs.service_gaps_tab import ServiceGapsTab
from viewer.ui.tabs.staffing_tab import StaffingTab
from viewer.ui.widgets import EMPTY_TEXT

NAMES = ["Leadership", "Staffing", "Services", "Assessment", "Planning", "Implementation and delivery", "Reviewing"]
TABS = [(RatingsTab, "Ratings"), (KeyQuestionsTab, "Key questions"), (StaffingTab, "Staffing and workload"),
        (ServiceGapsTab, "Service gaps")]


@pytest.fixture(scope="module")
def sample():
    inspection = load_inspection(sample_path())
    return inspection, assess(inspection, load_framework(inspection.framework_id))


def shown(qtbot, tab_class, inspection, assessment):
    tab = tab_class()
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show_inspection(inspection, assessment)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.mark.parametrize("tab_class, title", TABS)
def test_each_tab_has_its_title_and_a_friendly_empty_state(qtbot, sample, tab_class, title):
    tab = shown(qtbot, tab_class, None, None)
    assert tab.TITLE == title
    assert tab.stack.is_empty and tab.stack.empty_label.isVisible()
    assert tab.stack.empty_label.text() == EMPTY_TEXT == "No inspection open — use File ▸ Open…"
    tab.show_inspection(*sample)
    assert not tab.stack.is_empty
    tab.show_inspection(None, None)  # closing the last inspection empties the tab again
    assert tab.stack.is_empty
    assert not tab.grab().isNull()


def test_ratings_tab_header_tiles_and_table(qtbot, sample):
    tab = shown(qtbot, RatingsTab, *sample)
    assert tab.unit_label.text() == "Hertfordshire PDU"
    assert "East of England region" in tab.context_label.text() and "July 2024" in tab.context_label.text()
    assert tab.overall_badge.text() == "Requires improvement"
    assert tab.score_label.text() == "Score <b>4/21</b> · rules give <b>4/21</b>"  # published, then computed
    assert tab.flag_label.isVisible() and tab.flag_label.text() == "✓ published and computed agree"
    assert "inferred" in tab.bands_label.text()

    tiles = {tile.code: tile.texts() for tile in tab.tiles}
    assert list(tiles) == ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]
    for (code, texts), name in zip(tiles.items(), NAMES):
        assert texts[0] == f"{code}  {name}"
    assert tiles["P2.1"][1:] == ["Inadequate", "✓ rules agree"]
    assert tiles["P1.1"][1] == "Requires improvement" and "inspectors' judgement" in tiles["P1.1"][2]

    model = tab.model
    assert model.column_texts("Standard") == NAMES
    assert model.column_texts("Published")[3] == "Inadequate"
    assert "DIFFERS" not in model.column_texts("Check")
    assert model.column_texts("Check")[3:] == ["agrees"] * 4
    assert tab.table.isColumnHidden(list(model.frame.columns).index("Rule"))
    check = list(model.frame.columns).index("Check")
    assert model.data(model.index(3, check), Qt.ItemDataRole.BackgroundRole).name() == "#e3f1e3"

    tab.table.selectRow(3)  # P2.1: the rule and where its band comes from
    detail = tab.detail.toPlainText()
    assert "Lowest key question 17%" in detail and "(consistent)" in detail
    assert "Score P1.1 1 + P1.2 1" in detail and "inferred" in detail


def test_ratings_tab_flags_a_disagreement(qtbot):
    questions = (KeyQuestion("Engaging?", 70, "engagement"), KeyQuestion("Desistance?", 72, "desistance"),
                 KeyQuestion("Safety?", 17, "safety"))
    standards = [Standard(code, name, Rating.REQUIRES_IMPROVEMENT) for code, name in
                 zip(["P1.1", "P1.2", "P1.3"], NAMES[:3])]
    standards.append(Standard("P2.1", "Assessment", Rating.GOOD, key_questions=questions))
    standards += [Standard(code, name, Rating.INADEQUATE) for code, name in zip(["P2.2", "P2.3", "P2.4"], NAMES[4:])]
    inspection = Inspection("hmip-probation-pdu-2023", Unit("Testshire PDU"),
                            overall=OverallPublished(Rating.REQUIRES_IMPROVEMENT, 5), standards=tuple(standards))
    tab = shown(qtbot, RatingsTab, inspection, assess(inspection, load_framework(inspection.framework_id)))
    flag = tab.flag_label.text()
    assert tab.flag_label.isVisible()
    assert flag.startswith("⚠ differs: P2.1 Assessment published Good, rules give Inadequate")
    assert "Score published 5/21, rules give 3/21" in flag
    assert "Overall rating published Requires improvement, rules give Inadequate" in flag
    assert "5/21" in tab.score_label.text() and "3/21" in tab.score_label.text()
    assert tab.model.column_texts("Check")[3] == "DIFFERS"
    assert "⚠ rules give" in dict((t.code, t.texts()) for t in tab.tiles)["P2.1"][2]


def test_key_questions_tab(qtbot, sample):
    tab = shown(qtbot, KeyQuestionsTab, *sample)
    model = tab.selector.model()
    assert [model.index(i, 0).data().split("\n") for i in range(model.rowCount())] == [
        ["P2.1  Assessment", "Inadequate"], ["P2.2  Planning", "Inadequate"],
        ["P2.3  Implementation and delivery", "Inadequate"], ["P2.4  Reviewing", "Requires improvement"]]
    assert tab.standard_codes() == ["P2.1", "P2.2", "P2.3", "P2.4"]
    assert tab.code == "P2.1" and tab.title_label.text() == "P2.1  Assessment"
    assert tab.published_badge.text() == "Published: Inadequate" and tab.computed_badge.text() == "Rules give: Inadequate"
    assert tab.model.column_texts("% Yes") == ["59%", "65%", "17%"]
    assert tab.model.column_texts("Band") == ["Requires improvement", "Good", "Inadequate"]
    assert tab.model.column_texts("Deciding") == ["", "", "deciding"]
    assert tab.model.column_texts("Question")[2] == "Does assessment focus sufficiently on keeping other people safe?"
    chart = tab.chart.chart  # what the plot shows
    assert chart.values == [59, 65, 17]
    assert chart.edges == (50, 65, 80)
    assert [r.emphasis for r in chart.rows] == [False, False, True] and chart.rows[2].text == "17%  ◀ deciding"
    assert [r.segments[0].colour for r in chart.rows] == ["#f4b13e", "#8cc63f", "#c8102e"]
    assert [b.label for b in chart.bands] == ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    cases = tab.cases_label.text()
    assert "Cases needed for the next band" in cases and "approximate" in cases and "50%" in cases
    assert "0–49% Inadequate (consistent)" in tab.bands_label.text()
    assert "80–100% Outstanding (inferred)" in tab.bands_label.text()

    tab.selector.setCurrentIndex(model.index(3, 0))  # a person clicks P2.4 Reviewing
    assert tab.code == "P2.4"
    assert tab.chart.chart.values == [67, 63, 52] and tab.chart.chart.rows[2].emphasis
    assert tab.model.column_texts("% Yes") == ["67%", "63%", "52%"]
    tab.show_inspection(*sample)  # re-showing keeps the chosen standard
    assert tab.code == "P2.4"


def test_staffing_tab(qtbot, sample):
    tab = shown(qtbot, StaffingTab, *sample)
    assert tab.caseload_chart.chart.values == [1003, 675, 554]
    assert tab.caseload_chart.chart.labels[0] == "Community sentence caseload"
    workload = tab.workload_chart.chart
    assert workload.values[0] == 117 and workload.reference == (100.0, "100% = a full workload")
    assert [s.value for s in workload.rows[0].segments] == [100.0, 17.0]  # the part above a full workload apart
    assert any(r.text.startswith("32/35") for r in tab.staff_survey_chart.chart.rows)

    values = tab.model.column_texts("Value")
    assert {"1,003 people", "117%", "32 out of 35"} <= set(values)
    assert set(tab.model.column_texts("Topic")) == {"Caseload", "Staffing", "Workload", "Staff survey"}
    row = values.index("1,003 people")
    tab.table.selectRow(row)
    assert "caseload of 1,003" in tab.sentence_label.text()
    value_col = list(tab.model.frame.columns).index("Value")
    assert "caseload of 1,003" in tab.model.data(tab.model.index(row, value_col), Qt.ItemDataRole.ToolTipRole)

    tab.table.sortByColumn(value_col, Qt.SortOrder.DescendingOrder)  # by the number, not the text
    numbers = [tab.model.data(tab.model.index(r, value_col), SORT_ROLE) for r in range(tab.model.rowCount())]
    known = [n for n in numbers if n is not None]
    assert known == sorted(known, reverse=True) and tab.model.column_texts("Value")[0] == "1,003 people"

    tab.select_topic("workload")
    assert set(tab.model.column_texts("Topic")) == {"Workload"} and "117%" in tab.model.column_texts("Value")


def test_service_gaps_tab(qtbot, sample):
    inspection, _ = sample
    tab = shown(qtbot, ServiceGapsTab, *sample)
    assert tab.recommendations_heading.text() == "Recommendations (7)"
    assert tab.recommendations_model.column_texts("No.") == [str(n) for n in range(1, 8)]
    assert tab.recommendations_model.column_texts("Recommendation")[6].startswith(
        "Hertfordshire PDU should ensure all staff receive the necessary training")
    rows = tab.gap_rows()
    assert len(rows) == len(inspection.service_gaps) and ("Accommodation" in {area for _, area, _ in rows})
    first = tab.tree.topLevelItem(0)
    evidence = [first.child(i).text(0) for i in range(first.childCount())]
    assert any("waiting list of 200" in text for text in evidence)
    assert "waiting list of 200" in tab.detail.toPlainText()
    findings = tab.findings_chart.chart
    assert any(r.text.startswith("15/44 ") for r in findings.rows)
    assert len(findings.rows) == len({(r.label, r.text) for r in findings.rows})


def test_dataframe_model_sorts_numbers_as_numbers_and_keeps_frame_rows():
    frame = pd.DataFrame({"Name": ["b", "A", "c", "d"], "Number": [10.0, 9.0, math.nan, 100.0],
                          "Shown": ["ten", "nine", "", "hundred"]})
    seen = []
    model = DataFrameModel(frame, formats={"Number": "{:g} units"}, sort_by={"Shown": "Number"},
                           colours=lambda r, c: ("#ff0000", "#ffffff") if r == 3 else None,
                           tooltips=lambda r, c: seen.append((r, c)) or f"row {r}")
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["Name", "Number", "Shown"]
    assert model.column_texts("Number") == ["10 units", "9 units", "", "100 units"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.column_texts("Name") == ["A", "b", "d", "c"]  # 9 < 10 < 100, missing last
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.column_texts("Name") == ["d", "b", "A", "c"]
    assert model.frame_row(0) == 3
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).name() == "#ff0000"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "<p>row 3</p>" and seen[-1] == (3, 0)
    model.sort(2, Qt.SortOrder.AscendingOrder)  # "Shown" sorts by "Number"
    assert model.column_texts("Shown") == ["nine", "ten", "hundred", ""]
    model.sort(0, Qt.SortOrder.AscendingOrder)  # text ignores case
    assert model.column_texts("Name") == ["A", "b", "c", "d"]
    assert model.data(model.index(0, 1), SORT_ROLE) == 9.0


@pytest.mark.parametrize("published, computed, line", [
    ("4/21", "4/21", "Score <b>4/21</b> · rules give <b>4/21</b>"),
    ("not published", "4/21", "Score not published · rules give <b>4/21</b>"),
    ("4/21", "cannot compute", "Score <b>4/21</b> · the rules cannot compute it"),
    ("not published", "cannot compute", "Score not published"),
])
def test_the_score_is_said_once_and_plainly(published, computed, line):
    from viewer.ui.tabs.ratings_tab import score_line

    assert score_line(published, computed) == line
