"""The pure table and chart-data functions behind the tabs (no Qt here)."""

from __future__ import annotations

import math

import pytest

from viewer.formats.inspection_file import load_inspection
from viewer.model import tables as t
from viewer.model.framework import load_framework
from viewer.model.inspection import (
    Figure, Inspection, KeyQuestion, OverallPublished, Recommendation, ServiceGap, Standard, Unit,
)
from viewer.model.rating_rules import assess
from viewer.model.ratings import Rating
from viewer.resource_files import sample_path

FRAMEWORK = "hmip-probation-pdu-2023"
NAMES = ["Leadership", "Staffing", "Services", "Assessment", "Planning", "Implementation and delivery", "Reviewing"]


@pytest.fixture(scope="module")
def sample():
    inspection = load_inspection(sample_path())
    return inspection, assess(inspection, load_framework(inspection.framework_id))


def disagreeing_inspection() -> Inspection:
    """P2.1 published Good although its lowest key question (17%) is in the Inadequate band."""
    questions = (KeyQuestion("Engaging?", 70, "engagement"), KeyQuestion("Desistance?", 72, "desistance"),
                 KeyQuestion("Safety?", 17, "safety"))
    return Inspection(
        framework_id=FRAMEWORK, unit=Unit("Testshire PDU", "PDU", "Nowhere"),
        overall=OverallPublished(Rating.REQUIRES_IMPROVEMENT, 4),
        standards=(Standard("P1.1", "Leadership", Rating.GOOD), Standard("P2.1", "Assessment", Rating.GOOD,
                                                                         key_questions=questions)),
    )


def test_ratings_table_of_the_sample(sample):
    frame = t.ratings_table(*sample)
    assert list(frame.columns) == ["Code", "Standard", "Domain", "Published", "Computed", "Check", "Rule"]
    assert list(frame["Code"]) == ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]
    assert list(frame["Standard"]) == NAMES
    assert list(frame["Published"]) == ["Requires improvement"] * 3 + ["Inadequate"] * 3 + ["Requires improvement"]
    assert list(frame["Computed"][3:]) == ["Inadequate"] * 3 + ["Requires improvement"]
    assert list(frame["Check"]) == [t.JUDGEMENT] * 3 + [t.AGREES] * 4
    assert t.DIFFERS not in set(frame["Check"])
    assert frame.at[3, "Rule"].startswith("Lowest key question 17%")
    assert frame.at[0, "Domain"] == "1. Organisational arrangements and activity"


def test_overall_summary_of_the_sample(sample):
    summary = t.overall_summary(*sample)
    assert summary.published_label == "Requires improvement" and summary.computed_label == "Requires improvement"
    assert summary.published_score == "4/21" and summary.computed_score == "4/21"
    assert summary.agrees and summary.flag == "✓ published and computed agree"
    assert (summary.region, summary.published, summary.fieldwork) == ("East of England", "July 2024", "15 April 2024")
    assert "0–3 Inadequate, 11–17 Good, 18–21 Outstanding inferred, not confirmed" in summary.bands_note
    assert "4–10 Requires improvement consistent with every published outcome found" in summary.bands_note


def test_a_disagreement_is_flagged_not_overwritten():
    inspection = disagreeing_inspection()
    assessment = assess(inspection, load_framework(FRAMEWORK))
    frame = t.ratings_table(inspection, assessment)
    row = frame[frame["Code"] == "P2.1"].iloc[0]
    assert (row["Published"], row["Computed"], row["Check"]) == ("Good", "Inadequate", t.DIFFERS)
    missing = frame[frame["Code"] == "P2.2"].iloc[0]
    assert (missing["Published"], missing["Check"]) == ("not published", t.CANNOT_COMPUTE)
    summary = t.overall_summary(inspection, assessment)
    assert not summary.agrees
    assert summary.flag.startswith("⚠ differs: P2.1 Assessment published Good, rules give Inadequate")
    assert summary.computed_score == t.CANNOT_COMPUTE


def test_key_questions_table_marks_the_deciding_question(sample):
    frame = t.key_questions_table(*sample, "P2.1")
    assert list(frame.columns) == ["Question", "Theme", "% Yes", "Band", "Deciding"]
    assert list(frame["% Yes"]) == [59, 65, 17]
    assert list(frame["Band"]) == ["Requires improvement", "Good", "Inadequate"]
    assert list(frame["Deciding"]) == ["", "", "deciding"]
    assert frame.at[2, "Theme"] == "Keeping other people safe"
    assert list(t.key_questions_table(*sample, "P2.4")["Deciding"]) == ["", "", "deciding"]
    assert t.key_questions_table(*sample, "P1.1").empty


def test_key_question_bars_and_band_edges(sample):
    bars = t.key_question_bars(*sample, "P2.1")
    assert [b.percent for b in bars] == [59, 65, 17]
    assert [b.rating for b in bars] == [Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.INADEQUATE]
    assert [b.deciding for b in bars] == [False, False, True]
    assert t.band_edges(sample[1].framework) == [(50, "Requires improvement"), (65, "Good"), (80, "Outstanding")]
    assert [sa.code for sa in t.rated_by_key_questions(sample[1])] == ["P2.1", "P2.2", "P2.3", "P2.4"]


def test_figures_table_keeps_every_sentence(sample):
    inspection, _ = sample
    frame = t.figures_table(inspection)
    assert list(frame.columns) == ["Topic", "What", "Value", "Number", "Standard", "Section", "Sentence"]
    assert len(frame) == len(inspection.figures) and frame["Sentence"].str.len().gt(0).all()
    staffing = t.figures_table(inspection, t.STAFFING_TOPICS)
    assert set(staffing["Topic"]) == {"Caseload", "Staffing", "Workload", "Staff survey"}
    row = staffing[staffing["Value"] == "1,003 people"].iloc[0]
    assert (row["What"], row["Number"]) == ("Community sentence caseload", 1003)
    survey = staffing[staffing["Value"] == "32 out of 35"].iloc[0]
    assert survey["Number"] == pytest.approx(32 / 35 * 100)
    assert "117%" in set(staffing["Value"])


def test_chart_data_of_the_sample(sample):
    inspection, _ = sample
    assert [b.value for b in t.caseload_bars(inspection)] == [1003, 675, 554]
    assert t.workload_bars(inspection)[0].value == 117
    survey = t.staff_survey_bars(inspection)
    assert "32/35" in [b.text for b in survey] and all(b.total for b in survey)
    findings = t.service_findings_bars(inspection)
    texts = [(b.label, b.text) for b in findings]
    assert len(texts) == len(set(texts)), "a finding repeated in the report is charted once"
    assert "15/44" in [b.text for b in findings]


def test_service_gaps_and_recommendations(sample):
    inspection, _ = sample
    gaps = inspection.service_gaps
    assert len(gaps) >= 7 and "Accommodation" in {t.area_label(g.area) for g in gaps}
    assert any("waiting list of 200" in e for g in gaps for e in g.evidence)
    recommendations = t.recommendations_table(inspection)
    assert list(recommendations["No."]) == [1, 2, 3, 4, 5, 6, 7]
    # listed after "Hertfordshire PDU should:" in the report, each is shown as the sentence it completes
    assert recommendations.at[6, "Recommendation"].startswith(
        "Hertfordshire PDU should ensure all staff receive the necessary training")


def test_small_hand_built_inspection():
    figures = (
        Figure("a", "services", "Referrals made", count=3, total=4, sentence="3 out of 4 were referred."),
        Figure("b", "case_findings", "Linked finding", count=1, total=2),
        Figure("c", "case_findings", "Unlinked finding", count=1, total=5),
        Figure("d", "workload", "Average workload", value=98.5, unit="percent"),
        Figure("e", "caseload", "People in custody", value=None, unit="people"),
    )
    inspection = Inspection(
        framework_id=FRAMEWORK, unit=Unit("Smallshire PDU"), figures=figures,
        service_gaps=(ServiceGap("crs_underuse", "CRS", figure_ids=("b", "missing")),),
        recommendations=(Recommendation(2, "second"), Recommendation(1, "first", gap_areas=("crs_underuse",))),
    )
    assert [b.label for b in t.service_findings_bars(inspection)] == ["Referrals made", "Linked finding"]
    assert [b.value for b in t.workload_bars(inspection)] == [98.5]
    assert t.caseload_bars(inspection) == []
    frame = t.figures_table(inspection)
    assert math.isnan(frame.at[4, "Number"]) and frame.at[0, "Number"] == 75
    assert list(t.recommendations_table(inspection)["Gap areas"]) == ["CRS underuse", ""]
    linked = t.gap_figures(inspection, inspection.service_gaps[0].figure_ids)
    assert [(f.label, f.display_value) for f in linked] == [("Linked finding", "1 out of 2")]  # "missing" is skipped
    assert t.figures_table(Inspection(FRAMEWORK, Unit("Empty"))).empty


def test_display_helpers():
    assert t.display_month("2024-07") == "July 2024" and t.display_month("summer") == "summer"
    assert t.display_day("2024-04-15") == "15 April 2024" and t.display_day(None) == ""
    assert t.area_label("finance_benefit_debt") == "Finance benefit debt"
    assert t.area_label("crs_underuse") == "CRS underuse"
    assert t.rating_cell_colours("Inadequate") == ("#c8102e", "#ffffff")
    assert t.rating_cell_colours("not published") == ("#e6e6e6", "#404040")
    assert t.check_colours(t.DIFFERS)[0] == "#c8102e"
