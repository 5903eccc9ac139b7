"""Comparing inspections, without Qt: the units frame, key questions across units, ranks, counts,
filters, frameworks kept apart, and the printable comparison's HTML."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from viewer.model.compare import (
    NOT_IN_FRAMEWORK, cell_rating, compare_cell_colours, filter_units, framework_groups, framework_note,
    units_frame, with_sort_keys,
)
from viewer.model.compare_across import across_units, key_question_frame, match_question, question_choices, rank_text
from viewer.model.compare_counts import ALL_STANDARDS, COUNT_RATINGS, OVERALL, counts_for, rating_counts
from viewer.model.inspection import KeyQuestion, OverallPublished, Unit
from viewer.model.rating_rules import assess
from viewer.model.ratings import NOT_PUBLISHED, colours_for
from viewer.printout.comparison import build_comparison, comparison_html

from compare_units import CODES, G, I, O, RI, make_three, other_framework_entry, variant  # noqa: F401


@pytest.fixture(scope="module")
def three():
    return make_three()


def test_units_frame_has_one_row_per_inspection_with_ratings_and_scores(three):
    frame = units_frame(three)
    assert list(frame["Unit"]) == ["Hertfordshire PDU", "Kent PDU", "Essex PDU"]
    assert list(frame["Region"]) == ["East of England", "South East", "East of England"]
    assert list(frame["Published"]) == ["July 2024", "September 2024", "September 2024"]
    assert list(frame["Overall"]) == ["Requires improvement", "Good", "Requires improvement"]
    assert list(frame["Score"]) == ["4/21", "13/21", "5/21"]
    assert list(frame["Score number"]) == [4.0, 13.0, 5.0]
    assert list(frame["Check"]) == ["agrees", "agrees", "DIFFERS"]
    assert list(frame.columns[-7:]) == CODES
    assert list(frame.loc[0, CODES]) == ["Requires improvement"] * 3 + ["Inadequate"] * 3 + ["Requires improvement"]
    assert list(frame.loc[1, CODES]) == ["Good", "Good", "Requires improvement", "Good", "Requires improvement",
                                         "Good", "Outstanding"]
    assert set(frame["Framework"]) == {"hmip-probation-pdu-2023"}


def test_missing_published_rating_shows_the_computed_one_marked(three):
    herts, assessment = three[0]
    standards = tuple(replace(s, rating=None) if s.code in ("P2.1", "P1.1") else s for s in herts.standards)
    bare = replace(herts, standards=standards, overall=OverallPublished(None, None))
    frame = units_frame([(bare, assess(bare, assessment.framework))])
    assert frame.at[0, "P2.1"] == "Inadequate (computed)"  # the rules rate P2.1 from its key questions
    assert frame.at[0, "P1.1"] == NOT_PUBLISHED  # inspectors' judgement: nothing to compute
    assert frame.at[0, "Overall"] == NOT_PUBLISHED  # P1.1 missing: no score can be computed
    assert frame.at[0, "Score"] == NOT_PUBLISHED and math.isnan(frame.at[0, "Score number"])
    assert cell_rating("Inadequate (computed)") is I
    computed_bg, _ = compare_cell_colours("Inadequate (computed)")  # paler than a published Inadequate
    assert computed_bg != colours_for(I)[0] and computed_bg.startswith("#") and len(computed_bg) == 7
    assert compare_cell_colours(NOT_PUBLISHED) == colours_for(None)
    assert compare_cell_colours("Kent PDU") is None


def test_sort_keys_order_ratings_worst_first(three):
    frame, sort_by = with_sort_keys(units_frame(three))
    assert sort_by["Score"] == "Score number" and sort_by["P2.4"] == "P2.4 order"
    assert list(frame["P2.4 order"]) == [1.0, 3.0, 1.0]
    assert list(frame.sort_values("Overall order", kind="stable")["Unit"]) == ["Hertfordshire PDU", "Essex PDU",
                                                                             "Kent PDU"]


def test_filter_units_by_region_rating_and_framework_keeps_positions(three):
    frame = units_frame(three)
    east = filter_units(frame, region="East of England")
    assert list(east["Unit"]) == ["Hertfordshire PDU", "Essex PDU"] and list(east.index) == [0, 2]
    assert list(filter_units(frame, rating="Good")["Unit"]) == ["Kent PDU"]
    assert list(filter_units(frame, region="East of England", rating="Good")["Unit"]) == []
    assert len(filter_units(frame, framework="hmip-probation-pdu-2023")) == 3
    assert len(filter_units(frame, framework="another")) == 0


def test_key_questions_are_matched_by_theme_across_units(three):
    frame = key_question_frame(three, "P2.1", "safety")
    assert list(frame["Unit"]) == ["Hertfordshire PDU", "Kent PDU", "Essex PDU"]
    assert list(frame["% Yes"]) == [17.0, 66.0, 50.0]
    assert list(frame["Band"]) == ["Inadequate", "Good", "Requires improvement"]
    assert set(frame["Matched by"]) == {"theme"}
    lowest = key_question_frame(three, "P2.2")
    assert list(lowest["% Yes"]) == [41.0, 60.0, 45.0] and set(lowest["Matched by"]) == {"lowest"}
    assert [k for k, _ in question_choices(three, "P2.1")] == [None, "engagement", "desistance", "safety"]


def test_reordered_questions_still_match_by_theme_and_unthemed_fall_back_to_position():
    questions = (KeyQuestion("safe?", 30, "safety"), KeyQuestion("engage?", 70, "engagement"))
    assert match_question(questions, "safety") == (questions[0], "theme")
    plain = (KeyQuestion("a", 10), KeyQuestion("b", 20), KeyQuestion("c", 30))
    assert match_question(plain, "safety") == (plain[2], "position")
    assert match_question(plain, 1) == (plain[1], "position")
    assert match_question(questions, "desistance") == (None, "")  # themed, but not this theme: no guess


def test_rank_of_the_selected_unit(three):
    assert str(across_units(three, "P2.1", "safety", 0).rank) == "lowest of 3 units"
    assert across_units(three, "P2.1", "safety", 2).rank.text == "2nd lowest of 3 units"
    assert across_units(three, "P2.1", "safety", 1).rank.text == "highest of 3 units"
    assert rank_text(5, [1, 5, 5, 9]).text == "joint 2nd lowest of 4 units"
    assert rank_text(8, [1, 2, 3, 8, 9]).text == "2nd highest of 5 units"


def test_across_units_bars_lowest_first_with_the_selected_unit_marked(three):
    across = across_units(three, "P2.1", "safety", selected=2)
    assert [b.unit for b in across.bars] == ["Hertfordshire PDU", "Essex PDU", "Kent PDU"]
    assert [b.percent for b in across.bars] == [17.0, 50.0, 66.0]
    assert [b.selected for b in across.bars] == [False, True, False]
    assert [e for e, _ in across.edges] == [50, 65, 80]
    assert across.rank_line == "Essex PDU: 50% — 2nd lowest of 3 units"
    assert across.title == "P2.1 Assessment — Keeping other people safe"
    narrowed = across_units(three, "P2.1", "safety", selected=1, shown=[0, 2])
    assert narrowed.rank is None and narrowed.rank_line == "Kent PDU is not among the units shown."


def test_rating_counts_by_region(three):
    counts = rating_counts(three)
    overall = counts_for(counts, OVERALL)
    assert list(overall["Region"]) == ["East of England", "South East"]
    assert list(overall["Requires improvement"]) == [2, 0] and list(overall["Good"]) == [0, 1]
    assert list(overall["Total"]) == [2, 1] and list(overall["Units"]) == [2, 1]
    standards = counts_for(counts, ALL_STANDARDS)
    assert standards.loc[0, COUNT_RATINGS].tolist() == [0, 0, 8, 6, 0] and standards.at[0, "Total"] == 14
    assert standards.loc[1, COUNT_RATINGS].tolist() == [1, 4, 2, 0, 0]
    p24 = counts_for(counts, "P2.4")
    assert p24.loc[1, "Outstanding"] == 1 and p24.loc[0, "Requires improvement"] == 2


def test_different_frameworks_are_grouped_and_labelled_never_combined(three):
    mixed = list(three) + [other_framework_entry(three)]
    assert framework_groups(mixed) == {"hmip-probation-pdu-2023": [0, 1, 2], "hmip-youth-2019": [3]}
    assert framework_note(mixed) == ("hmip-probation-pdu-2023: 3 units; other frameworks shown separately "
                                     "(hmip-youth-2019: 1 unit) — figures are never combined across frameworks.")
    assert framework_note(three) == "All 3 units use hmip-probation-pdu-2023."
    across = across_units(mixed, "P2.1", "safety", selected=0)
    assert [b.unit for b in across.bars] == ["Hertfordshire PDU", "Essex PDU", "Kent PDU"]  # Medway left out
    assert across.rank.text == "lowest of 3 units"
    assert "1 unit of other frameworks not included" in across.note
    youth = across_units(mixed, "P2.1", "safety", selected=3)
    assert [b.unit for b in youth.bars] == ["Medway YOS"] and youth.framework_id == "hmip-youth-2019"
    overall = counts_for(rating_counts(mixed), OVERALL)
    assert list(zip(overall["Framework"], overall["Region"])) == [
        ("hmip-probation-pdu-2023", "East of England"), ("hmip-probation-pdu-2023", "South East"),
        ("hmip-youth-2019", "South East")]  # South East counted once per framework, not summed


def test_a_standard_outside_a_units_framework_says_so(three):
    framework = three[0][1].framework
    smaller = replace(framework, id="small-2020", standards=framework.standards[:5])
    inspection = replace(three[0][0], standards=three[0][0].standards[:5])
    frame = units_frame([three[0], (inspection, assess(inspection, smaller))])
    assert frame.at[1, "P2.4"] == NOT_IN_FRAMEWORK and frame.at[1, "Score"] == "4/15"
    assert compare_cell_colours(NOT_IN_FRAMEWORK) is not None


def test_comparison_html_escapes_file_text_and_carries_every_part(three):
    hostile = replace(three[1][0], unit=Unit("<script>alert(1)</script> & Co", "PDU", "South <b>East</b>"))
    entries = [three[0], (hostile, three[1][1]), three[2]]
    units = units_frame(entries)
    comparison = build_comparison(entries, units, selected=0, code="P2.1", key="safety", count_of="P2.4",
                                  filters="", printed_on=date(2025, 1, 31))
    html = comparison_html(comparison)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "South &lt;b&gt;East&lt;/b&gt;" in html
    assert "Comparison of 3 inspections" in html and "31 January 2025" in html
    assert "Hertfordshire PDU: 17% — lowest of 3 units" in html
    assert 'src="chart:across-P2.1"' in html and comparison.chart.values == (17.0, 50.0, 66.0)
    assert "Overall ratings (published)" in html and "P2.4 ratings (published)" in html
    standalone = comparison_html(comparison, standalone=True)
    assert standalone.startswith("<!DOCTYPE html>") and "<svg" in standalone and "<script>" not in standalone
