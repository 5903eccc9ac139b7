"""The framework's rules: band edges, the computed score, disagreements and cases needed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from viewer.model.framework import load_framework
from viewer.model.inspection import CaseSample, Inspection, KeyQuestion, OverallPublished, Standard, Unit
from viewer.model.rating_rules import assess, cases_needed
from viewer.model.ratings import Rating, match_rating

FW = load_framework("hmip-probation-pdu-2023")
I, RI, G, O = Rating.INADEQUATE, Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.OUTSTANDING


@pytest.mark.parametrize("percent, rating", [
    (0, I), (49, I), (50, RI), (64, RI), (65, G), (79, G), (80, O), (100, O),
])
def test_key_question_band_edges(percent, rating):
    assert FW.key_question_band(percent).rating == rating


@pytest.mark.parametrize("score, rating", [
    (0, I), (3, I), (4, RI), (10, RI), (11, G), (17, G), (18, O), (21, O),
])
def test_overall_band_edges(score, rating):
    assert FW.overall_band(score).rating == rating


def test_framework_shape_and_provenance():
    assert [s.code for s in FW.standards] == ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]
    assert FW.max_score == 21
    assert FW.points == {O: 3, G: 2, RI: 1, I: 0}
    statuses = {b.rating: b.status for b in FW.key_question_bands}
    # Hertfordshire's 17, 39, 41 % (Inadequate) and 52 % (Requires improvement) agree with the bands; the
    # edges themselves are not published, and no lowest key question was found in the upper two.
    assert statuses == {I: "consistent", RI: "consistent", G: "inferred", O: "inferred"}
    assert all(b.inferred for b in FW.overall_bands), "no overall cut point is confirmed and each must say so"
    assert FW.overall_band(4).status == "consistent" and "Score 4/21" in FW.overall_band(4).source
    assert [b.status for b in FW.overall_bands if b.rating != RI] == ["inferred"] * 3


def _inspection(percents: dict[str, list[float]], published: dict[str, Rating] | None = None,
                overall: OverallPublished = OverallPublished(), cases: CaseSample = CaseSample(37, 17, 45)):
    published = published or {}
    standards = []
    for d in FW.standards:
        questions = tuple(KeyQuestion(f"{d.code} q{i}", p) for i, p in enumerate(percents.get(d.code, [])))
        standards.append(Standard(d.code, d.name, published.get(d.code, RI), key_questions=questions))
    return Inspection(FW.id, Unit("Test PDU"), overall=overall, cases=cases, standards=tuple(standards))


HERTS = {"P2.1": [59, 65, 17], "P2.2": [63, 74, 41], "P2.3": [80, 54, 39], "P2.4": [67, 63, 52]}
HERTS_PUBLISHED = {"P2.1": I, "P2.2": I, "P2.3": I, "P2.4": RI}


def test_hertfordshire_rules_reproduce_the_published_ratings():
    a = assess(_inspection(HERTS, HERTS_PUBLISHED, OverallPublished(RI, 4)), FW)
    assert [s.computed for s in a.standards] == [None, None, None, I, I, I, RI]
    assert a.overall.computed_score == 4 and a.overall.computed_rating == RI
    assert a.disagreements == ()
    assert a.standard("P2.1").lowest_percent == 17
    assert "17%" in a.standard("P2.1").rule and "0–49% band" in a.standard("P2.1").rule
    assert "4–10 is Requires improvement (consistent with every published outcome found" in a.overall.rule


def test_disagreements_are_listed_not_overwritten():
    a = assess(_inspection(HERTS, {**HERTS_PUBLISHED, "P2.4": G}, OverallPublished(G, 9)), FW)
    assert a.standard("P2.4").published == G and a.standard("P2.4").computed == RI
    messages = [d.message for d in a.disagreements]
    assert "P2.4 Reviewing: published Good, the rules give Requires improvement" in messages
    assert "Score: published 9/21, the rules give 4/21" in messages
    assert "Overall rating: published Good, the rules give Requires improvement" in messages


def test_missing_values_compute_what_they_can():
    inspection = _inspection({"P2.1": [59, None, 17]}, {"P1.2": None})
    inspection = replace(inspection, standards=tuple(replace(s, rating=None) if s.code == "P1.2" else s
                                                     for s in inspection.standards))
    a = assess(inspection, FW)
    assert a.standard("P2.1").computed == I
    assert a.standard("P2.2").computed is None and "cannot be computed" in a.standard("P2.2").rule
    assert a.overall.computed_score is None and "P1.2" in a.overall.rule


def test_cases_needed_is_approximate_without_per_question_counts():
    a = assess(_inspection(HERTS, HERTS_PUBLISHED), FW)
    needed = a.standard("P2.1").cases_needed
    # 17% of 54 cases is about 9; 50% of 54 is 27: about 18 more.
    assert (needed.next_rating, needed.target_percent, needed.more_yes, needed.total) == (RI, 50, 18, 54)
    assert needed.approximate and "approximate" in needed.text
    p24 = a.standard("P2.4").cases_needed
    assert p24.next_rating == G and p24.others_below == ("P2.4 q1",)


def test_cases_needed_exact_with_counts_and_none_at_the_top():
    exact = Standard("P2.1", key_questions=(KeyQuestion("q", 49, cases_yes=24, cases_total=49),))
    needed = cases_needed(exact, FW, sample_total=None)
    assert (needed.more_yes, needed.total, needed.approximate) == (1, 49, False)
    assert "approximate" not in needed.text
    top = Standard("P2.1", key_questions=(KeyQuestion("q", 85),))
    assert cases_needed(top, FW, 54) is None
    unknown_sample = Standard("P2.1", key_questions=(KeyQuestion("q", 30),))
    assert cases_needed(unknown_sample, FW, None) is None


@pytest.mark.parametrize("text, rating, exact", [
    ("Requires improvement", RI, True), ("requires improvement", RI, False), ("Requires Improvement.", RI, False),
    ("GOOD", G, False), ("Outstanding", O, True), ("Satisfactory", None, False),
])
def test_rating_labels_match_case_insensitively(text, rating, exact):
    assert match_rating(text) == (rating, exact)
