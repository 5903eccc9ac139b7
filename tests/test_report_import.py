"""Importing the published Hertfordshire PDU report and comparing it with the hand-made sample.

Pure tests: no Qt. ``compare_with_sample`` is shared with ``test_report_variants``: it returns the
differences in plain words (printed by the tests) and the figure matches.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from viewer.formats.errors import LoadError, ReportImportError, UnreadableFileError
from viewer.formats.inspection_file import load_inspection, save_inspection
from viewer.formats.published_report.importer import ImportResult, import_report
from viewer.model.inspection import Inspection


from report_checks import FIGURE_TARGET, REPORTS, SAMPLE, SEED, compare_with_sample, report_comparison


@pytest.fixture(scope="module")
def sample() -> Inspection:
    return load_inspection(SAMPLE)


@pytest.fixture(scope="module")
def seed_result() -> ImportResult:
    return import_report(SEED)


# --- the seed against the sample ---------------------------------------------------------------

def test_seed_ratings_score_key_questions_and_recommendations_match_the_sample(seed_result, sample):
    comparison = report_comparison(seed_result, sample)
    assert comparison.differences == []


def test_seed_figures_match_the_sample(seed_result, sample):
    comparison = report_comparison(seed_result, sample)
    assert comparison.figure_share >= FIGURE_TARGET, comparison.unmatched


def test_seed_report_details_match_the_sample(seed_result, sample):
    inspection = seed_result.inspection
    assert inspection.framework_id == "hmip-probation-pdu-2023"
    assert inspection.unit == sample.unit
    assert (inspection.report.title, inspection.report.published, inspection.report.fieldwork_start,
            inspection.report.lead_inspector) == (sample.report.title, sample.report.published,
                                                  sample.report.fieldwork_start, sample.report.lead_inspector)
    assert inspection.cases == sample.cases
    for wanted in sample.standards:
        got = inspection.standard(wanted.code)
        assert (got.name, got.statement) == (wanted.name, wanted.statement)
        if wanted.code.startswith("P1"):
            assert (got.summary, got.strengths, got.areas_for_improvement) == \
                (wanted.summary, wanted.strengths, wanted.areas_for_improvement)


def test_domain_two_findings_are_kept_in_the_summary_not_sorted_into_strengths(seed_result, sample):
    assessment = seed_result.inspection.standard("P2.1")
    assert assessment.strengths == () and assessment.areas_for_improvement == ()
    for finding in sample.standard("P2.1").strengths + sample.standard("P2.1").areas_for_improvement:
        assert finding in assessment.summary
    assert any("P2.1: 4 findings not marked" in line for line in seed_result.found)


def test_seed_found_and_missing(seed_result):
    assert seed_result.kind == "text"
    for line in ("7 standards with ratings", "12 key questions", "7 recommendations",
                 "overall rating: Requires improvement", "score 4/21",
                 "case sample: 37 community orders, 17 licences, 45 interviews"):
        assert line in seed_result.found
    assert seed_result.found[:2] == ("unit: Hertfordshire PDU",
                                    "framework hmip-probation-pdu-2023 (from 'four service delivery standards')")
    assert "unit read from 'An inspection of probation services in: Hertfordshire PDU'" in seed_result.found
    assert any(line.endswith(" figures") for line in seed_result.found)
    assert seed_result.missing == ()
    assert seed_result.inspection.warnings == ()
    assert seed_result.inspection.source_path == str(SEED)


def test_no_figure_is_a_footnote_year_date_or_code(seed_result):
    values = {f.value for f in seed_result.inspection.figures if f.value is not None}
    assert not values & {2021, 2022, 2023, 2024, 978, 1916621}
    for figure in seed_result.inspection.figures:
        assert figure.count is None or figure.count <= figure.total
        assert figure.sentence and figure.label and figure.section
        assert not any(ch in "¹²³⁴⁵⁶⁷⁸⁹" for ch in figure.sentence)
    by_value = {f.value: f for f in seed_result.inspection.figures if f.unit != "percent"}
    assert by_value[1204588].sentence == ("The population of Hertfordshire is 1,204,588, with proven reoffending "
                                          "rates of 24.2 per cent.")
    assert by_value[85].unit == "FTE"
    assert by_value[85].sentence == "In total, there were 85 FTE probation practitioners."


def test_service_gaps_come_from_services_and_diversity(seed_result):
    gaps = {g.area: g for g in seed_result.inspection.service_gaps}
    assert {"accommodation", "women", "ethnic_minorities", "young_adults", "mental_health", "crs_underuse",
            "finance_benefit_debt"} <= set(gaps)
    assert any("waiting list of 200" in e for e in gaps["accommodation"].evidence)
    ids = {f.id for f in seed_result.inspection.figures}
    assert all(set(g.figure_ids) <= ids and g.description is None for g in gaps.values())


def test_round_trip_through_an_inspection_file(seed_result, tmp_path):
    path = tmp_path / "imported.json"
    save_inspection(seed_result.inspection, path)
    loaded = load_inspection(path)
    assert loaded.warnings == ()
    assert loaded == replace(seed_result.inspection, source_path=str(path), warnings=())


# --- what kind of file, and files that are not reports -----------------------------------------

def test_kind_is_chosen_by_content(tmp_path):
    html_as_txt = tmp_path / "page.txt"
    html_as_txt.write_bytes((REPORTS / "hertfordshire-web.html").read_bytes())
    assert import_report(html_as_txt).kind == "html"
    text_as_pdf = tmp_path / "report.pdf"
    text_as_pdf.write_bytes(SEED.read_bytes())
    result = import_report(text_as_pdf)
    assert result.kind == "text" and result.inspection.overall.score == 4
    pdf_as_txt = tmp_path / "report.txt"
    pdf_as_txt.write_bytes((REPORTS / "owner-locked.pdf").read_bytes())
    assert import_report(pdf_as_txt).kind == "pdf"


JUNK = {
    "Makefile": ("all: build\n\nbuild:\n\tcc -o app main.c\n\ntest: build\n\t./app --test\n", "a Makefile"),
    "README.md": ("# My project\n\nA tool.\n\n## Install\n\npip install it\n", "a README or other Markdown document"),
    "notes.txt": ("Eggs\nMilk, 2 pints\nBread\n", "text that is not a report, web page or press release"),
    # Mentions of the inspectorate are not enough: this is our own README's kind of text.
    "about.txt": ("A viewer for HM Inspectorate of Probation inspections of Probation Delivery Units: ratings, "
                  "key questions, staffing. The sample is transcribed from An inspection of probation services in: "
                  "Hertfordshire PDU (HM Inspectorate of Probation, July 2024).\n", "text that is not a report"),
}


@pytest.mark.parametrize("name", list(JUNK))
def test_what_is_not_the_inspectorates_writing_is_refused(tmp_path, name):
    text, looks = JUNK[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportImportError) as caught:
        import_report(path)
    message = caught.value.message
    assert message.startswith("this is not a report, web page or press release of HM Inspectorate of Probation: it "
                              f"appears to be {looks}")
    assert "The viewer reads inspection files (.json), workbooks (.xlsx, .ods or a folder of CSV tables)" in message


@pytest.mark.parametrize("name, words", [
    ("encrypted.pdf", "the PDF is encrypted; open it in a PDF reader and save an unencrypted copy"),
    ("damaged.pdf", "damaged PDF: "),
    ("scanned.pdf", "the PDF has no text layer (scanned pages?)"),
])
def test_unreadable_pdfs_give_a_clear_message(name, words):
    path = REPORTS / name
    with pytest.raises(ReportImportError) as caught:
        import_report(path)
    assert isinstance(caught.value, LoadError)
    assert caught.value.path == str(path) and words in caught.value.message
    assert str(path) in str(caught.value)


def test_owner_locked_pdf_opens_without_a_password():
    result = import_report(REPORTS / "owner-locked.pdf")
    assert result.kind == "pdf" and result.inspection.unit.name == "Hertfordshire PDU"


@pytest.mark.parametrize("content, words", [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "it is binary data, not text, a web page or a PDF"),
])
def test_empty_and_binary_files_raise_report_import_error(tmp_path, content, words):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    with pytest.raises(ReportImportError, match=words):
        import_report(path)


def test_missing_file_folder_and_size_limit(tmp_path):
    with pytest.raises(UnreadableFileError, match="file not found"):
        import_report(tmp_path / "nope.pdf")
    with pytest.raises(UnreadableFileError, match="this is a folder"):
        import_report(tmp_path)
    # A report may be larger than an inspection file (20 MB): 21 MB is read (and refused for what it
    # holds, zeros), 101 MB is refused for its size before it is read.
    big = tmp_path / "huge.pdf"
    with open(big, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(LoadError) as err:
        import_report(big)
    assert "limited" not in err.value.message
    with open(big, "wb") as handle:
        handle.truncate(101 * 1024 * 1024)
    with pytest.raises(UnreadableFileError, match="huge.pdf: file is 101 MB; published reports are limited to 100 MB"):
        import_report(big)


def test_windows_1252_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("cp1252", errors="ignore"))  # "–" is byte 0x96
    result = import_report(path)
    assert result.inspection.overall.score == 4
    assert result.inspection.warnings[0] == "the file is not UTF-8; read as cp1252"


def test_sample_json_matches_the_report_it_was_made_from():
    # Guard for the comparison itself: the sample compared with itself has no differences.
    sample = load_inspection(SAMPLE)
    comparison = compare_with_sample(sample, sample)
    assert comparison.differences == [] and comparison.unmatched == []
    assert json.loads(SAMPLE.read_text(encoding="utf-8"))["framework"] == "hmip-probation-pdu-2023"
