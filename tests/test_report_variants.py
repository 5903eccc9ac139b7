"""The same report laid out the ways real reports differ: web page, PDFs in three page layouts, wrapped
text, markdown, and edits of the seed's text (percent signs, glued footnote markers, one-line ratings, a
missing table, a report cut short). Each must give the sample's ratings, key questions and recommendations.

The files in ``tests/data/reports`` are made by ``make_report_files.py`` there (see its docstring; the
PDFs by ``make_report_pdfs.py`` and ``make_report_layouts.py``).
"""

from __future__ import annotations

import re

import pytest
from report_checks import FIGURE_TARGET, REPORTS, SAMPLE, SEED, _fold, imported, report_comparison

from viewer.formats.inspection_file import load_inspection
from viewer.formats.published_report.html import html_text_and_warnings
from viewer.formats.published_report.importer import import_report, parse_report_text
from viewer.model.inspection import Inspection
from viewer.model.ratings import Rating

FILE_VARIANTS = [
    ("hertfordshire-web.html", "html"),
    ("hertfordshire.pdf", "pdf"),
    ("hertfordshire-letter.pdf", "pdf"),
    ("hertfordshire-tables.pdf", "pdf"),
    ("hertfordshire-wrapped.txt", "text"),
    ("hertfordshire.md", "text"),
]
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@pytest.fixture(scope="module")
def sample() -> Inspection:
    return load_inspection(SAMPLE)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, kind", FILE_VARIANTS, ids=[n for n, _ in FILE_VARIANTS])
def test_file_variant_matches_the_sample(name, kind, sample):
    result = imported(REPORTS / name)
    comparison = report_comparison(result, sample)
    assert result.kind == kind
    assert comparison.differences == []
    assert comparison.figure_share >= FIGURE_TARGET, comparison.unmatched
    assert result.missing == () and result.inspection.warnings == ()
    inspection = result.inspection
    assert (inspection.unit, inspection.cases) == (sample.unit, sample.cases)
    assert (inspection.report.published, inspection.report.fieldwork_start) == ("2024-07", "2024-04-15")
    for wanted in sample.standards:
        got = inspection.standard(wanted.code)
        assert (got.name, got.statement) == (wanted.name, wanted.statement)
        if wanted.code.startswith("P1"):  # the web page writes some "per cent" as "%"
            for got_list, wanted_list in ((got.strengths, wanted.strengths),
                                          (got.areas_for_improvement, wanted.areas_for_improvement)):
                assert [_same_words(t) for t in got_list] == [_same_words(t) for t in wanted_list]


def _same_words(text: str) -> str:
    return _fold(text).replace("%", " per cent")


def test_web_page_leaves_out_scripts_styles_navigation_and_footnotes():
    text, _ = html_text_and_warnings((REPORTS / "hertfordshire-web.html").read_text(encoding="utf-8"))
    for unwanted in ("dataLayer", "margin:0", "Inspections", "cookies", "Score 9/21", "Source: Office for National"):
        assert unwanted not in text
    assert "P 1.1 Leadership\tRequires improvement" in text  # the ratings table, one row per standard
    assert "⁵ The rating for the standard is driven" in text  # a footnote in the text: report_text drops it
    inspection = imported(REPORTS / "hertfordshire-web.html").inspection
    texts = [s.summary or "" for s in inspection.standards] + [f.sentence or "" for f in inspection.figures]
    assert not any("12 out of 20" in t or "3 out of 4 people" in t or "The rating for the standard" in t
                   for t in texts)


@pytest.mark.parametrize("name", [n for n, kind in FILE_VARIANTS if kind == "pdf"])
def test_pdf_page_furniture_and_footnotes_are_not_report_text(name):
    inspection = imported(REPORTS / name).inspection
    texts = [s.summary or "" for s in inspection.standards] + [t for s in inspection.standards
                                                               for t in s.strengths + s.areas_for_improvement]
    texts += [f.sentence or "" for f in inspection.figures]
    for unwanted in ("Inspection of probation services: Hertfordshire PDU", "Source: Ministry of Justice",
                     "Relative Rate Index", "ﬃ", "Page 6 of", "July 2024", "Hertfordshire PDU\tHM"):
        assert not any(unwanted in text for text in texts), unwanted


def test_foreword_only_report_opens_and_says_what_is_missing():
    result = import_report(REPORTS / "hertfordshire-foreword-only.txt")
    inspection = result.inspection
    assert inspection.unit.name == "Hertfordshire PDU" and inspection.report.published == "2024-07"
    assert inspection.overall.rating == Rating.REQUIRES_IMPROVEMENT and inspection.overall.score is None
    assert "overall rating read from the foreword" in result.found
    assert inspection.standards == () and inspection.recommendations == ()
    for words in ("no overall score", "no recommendations section", "no background section (case sample)"):
        assert words in result.missing
    assert [(f.count, f.total) for f in inspection.figures if f.count is not None] == [(3, 4)]


def test_owner_locked_pdf_of_the_foreword_reads_like_the_text():
    pdf = import_report(REPORTS / "owner-locked.pdf")
    text = import_report(REPORTS / "hertfordshire-foreword-only.txt")
    assert pdf.inspection.unit == text.inspection.unit and pdf.inspection.overall == text.inspection.overall
    assert pdf.missing == text.missing


# --- edits of the seed's text ------------------------------------------------------------------

def _glued_markers(text: str) -> str:
    """Footnote markers as plain digits glued to the text, footnotes as plain numbered paragraphs."""
    return text.translate(SUPERSCRIPTS)


def _web_copy(text: str) -> str:
    """Text copied from a web page: "(Back to top)" after headings, curly quotes, non-breaking spaces."""
    text = re.sub(r"^(Foreword|Ratings|Recommendations|Background|Outcomes)$", r"\1 (Back to top)", text,
                  flags=re.MULTILINE)
    text = re.sub(r"(^|[\s(])'", "\\1\u2018", text).replace("'", "\u2019")
    return text.replace("Hertfordshire PDU is one", "Hertfordshire PDU\u00a0is one")


def _percent_signs(text: str) -> str:
    return text.replace(" per cent", "%")


def _one_line_ratings(text: str) -> str:
    """The ratings table as one line per standard (PDF and web layouts), rating labels in lower case."""
    ratings = text[text.index("\nRatings\n"): text.index("\nRecommendations\n")]
    joined = re.sub(r"(P \d\.\d [A-Za-z ]+)\n\n(Requires improvement|Inadequate)\n", r"\1\t\2\n", ratings)
    return text.replace(ratings, joined.replace("\tRequires improvement", "\trequires improvement"))


def _spaced_tables(text: str) -> str:
    """Tables copied as spaces, not tabs; CRLF line ends; doubled spaces; bullets as "•"."""
    text = text.replace("\t", "    ").replace("\n- ", "\n•\u00a0").replace(". ", ".  ")
    return text.replace("\n", "\r\n")


TEXT_EDITS = [_glued_markers, _web_copy, _percent_signs, _one_line_ratings, _spaced_tables]


@pytest.mark.parametrize("edit", TEXT_EDITS, ids=[e.__name__.strip("_") for e in TEXT_EDITS])
def test_text_edit_matches_the_sample(edit, seed_text, sample):
    result = parse_report_text(edit(seed_text), source=f"seed {edit.__name__}")
    comparison = report_comparison(result, sample)
    assert comparison.differences == []
    assert comparison.figure_share >= FIGURE_TARGET, comparison.unmatched
    assert not any(f.value in (2021, 2022, 2023, 2024) for f in result.inspection.figures)


def test_glued_footnote_markers_are_not_values(seed_text):
    inspection = parse_report_text(_glued_markers(seed_text)).inspection
    population = next(f for f in inspection.figures if f.value == 1204588)
    assert population.sentence == ("The population of Hertfordshire is 1,204,588, with proven reoffending rates "
                                   "of 24.2 per cent.")
    assert not any("Source:" in (f.sentence or "") for f in inspection.figures)
    assert "rating5" not in (inspection.standard("P2.1").summary or "")


def test_lower_case_rating_is_read_with_a_warning(seed_text):
    result = parse_report_text(_one_line_ratings(seed_text))
    assert result.inspection.standard("P1.1").rating == Rating.REQUIRES_IMPROVEMENT
    assert "P1.1 in the ratings table: rating 'requires improvement' read as 'Requires improvement'" \
        in result.inspection.warnings


def test_a_missing_key_question_table_is_named(seed_text, sample):
    start = seed_text.index("Key question\tPercentage 'Yes'\nIs the sentence")
    end = seed_text.index("39%", start) + 3
    result = parse_report_text(seed_text[:start] + seed_text[end:])
    assert result.missing == ("no key-question table for P2.3",)
    assert result.inspection.standard("P2.3").key_questions == ()
    assert result.inspection.standard("P2.3").rating == Rating.INADEQUATE  # the printed rating is kept
    assert "12 key questions" not in result.found and "9 key questions" in result.found


def test_a_report_cut_short_keeps_what_it_has(seed_text):
    cut = seed_text[: seed_text.index("P 1.2. Staffing\n\n\n\nStaff are enabled")]
    result = parse_report_text(cut)
    inspection = result.inspection
    assert len(inspection.standards) == 7 and inspection.overall.score == 4  # the ratings table is whole
    assert inspection.standard("P1.1").strengths and inspection.standard("P2.1").key_questions == ()
    assert "no section for P2.1 (only its rating in the ratings table)" in result.missing
    assert "no section for P1.2 (only its rating in the ratings table)" in result.missing


def test_a_rating_that_disagrees_with_the_ratings_table_is_flagged(seed_text):
    body = seed_text.index("P 2.4. Reviewing")
    edited = seed_text[:body] + seed_text[body:].replace("\nRequires improvement\n", "\nGood\n", 1)
    result = parse_report_text(edited)
    assert result.inspection.standard("P2.4").rating == Rating.REQUIRES_IMPROVEMENT
    assert any(w.startswith("P2.4: the ratings table says 'Requires improvement' but the section says 'Good'")
               for w in result.inspection.warnings)


def test_an_impossible_score_is_left_empty(seed_text):
    result = parse_report_text(seed_text.replace("Score **4/21**", "Score **25/21**"))
    assert result.inspection.overall.score is None
    assert "score 25/21 is not possible; left empty" in result.inspection.warnings
