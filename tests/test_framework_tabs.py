"""The tabs follow each inspection's framework: its domains, its standards rated by key questions (two
case-supervision domains for youth services), and what cannot be computed for programmes without a score."""

from __future__ import annotations

from conftest import DATA
from gui_text import all_text
from viewer.formats.inspection_file import load_inspection
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.ui.tabs.key_questions_tab import KeyQuestionsTab
from viewer.ui.tabs.ratings_tab import RatingsTab

SAMPLES = DATA / "frameworks"


def _pair(name: str):
    inspection = load_inspection(SAMPLES / f"{name}.json")
    return inspection, assess(inspection, load_framework(inspection.framework_id))


def _shown(qtbot, tab_class, pair):
    tab = tab_class()
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show_inspection(*pair)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_youth_key_questions_come_in_two_domains(qtbot):
    tab = _shown(qtbot, KeyQuestionsTab, _pair("hmip-youth-2018"))
    rows = [tab.selector_model.item(r).text() for r in range(tab.selector_model.rowCount())]
    assert rows[0] == "2. Court disposals" and "3. Out-of-court disposals" in rows
    assert tab.standard_codes() == ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4"]
    tab.select_standard("3.3")
    assert tab.chart.chart.values == [63, 80, 71] and tab.chart.chart.rows[0].emphasis
    assert "Inadequate (inferred)" in tab.bands_label.text()


def test_ratings_follow_the_framework(qtbot):
    tab = _shown(qtbot, RatingsTab, _pair("hmip-youth-2021"))
    shown = all_text(tab)
    assert "1. Organisational delivery" in shown and "4. Resettlement" in shown
    assert "32/36" in tab.score_label.text()
    regional = _shown(qtbot, RatingsTab, _pair("hmip-probation-regional-2024"))
    assert regional.overall_badge.text() == "Requires improvement"
    assert "gives no score the viewer can compute" in all_text(regional)
