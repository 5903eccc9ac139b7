"""The printable summary: PDF content, paper sizes, footers and escaping (its layout, text sizes, text layer,
vectors and fonts: test_print_layout.py and test_print_pdf.py)."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from viewer.formats.inspection_file import load_inspection
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.printout.summary import build_summary
from viewer.printout.summary_html import summary_html

from conftest import BAD, DATA, run_cli, run_cli_process

HOSTILE = "<img src=x><a href='http://example.invalid'>link</a>"
SAMPLE_PAGES = 6  # the sample is a dense report (95 figures, 11 gaps); kept stable by the layout rules


def _summary(path):
    inspection = load_inspection(path)
    return inspection, build_summary(inspection, assess(inspection, load_framework(inspection.framework_id)),
                                     path.name)


def _text(pdf_path) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(pdf_path)
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]  # Qt writes words as separate runs
    return reader, pages


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory, qapp):
    from viewer.printing.summary import write_summary_pdf
    from viewer.resource_files import sample_path

    inspection, summary = _summary(sample_path())
    path = tmp_path_factory.mktemp("pdf") / "summary.pdf"
    pages = write_summary_pdf(summary, path)
    return inspection, path, pages


def test_sample_summary_has_every_rating_percentage_and_recommendation(sample_pdf):
    inspection, path, pages = sample_pdf
    reader, texts = _text(path)
    assert pages == len(reader.pages) == SAMPLE_PAGES
    whole = " ".join(texts)
    assert "Hertfordshire PDU" in texts[0] and "Score 4/21 published · 4/21 computed" in texts[0]
    assert "Requires improvement" in texts[0]
    for code, name, rating in [("P1.1", "Leadership", "Requires improvement"), ("P1.2", "Staffing", "Requires improvement"),
                               ("P1.3", "Services", "Requires improvement"), ("P2.1", "Assessment", "Inadequate"),
                               ("P2.2", "Planning", "Inadequate"), ("P2.3", "Implementation and delivery", "Inadequate"),
                               ("P2.4", "Reviewing", "Requires improvement")]:
        assert f"{code} {name} {rating}" in texts[0]
    for standard in inspection.standards:
        for question in standard.key_questions:
            assert f"{question.question} {question.percent_yes:g}%" in whole
    for recommendation in inspection.recommendations:
        assert f"{recommendation.number} {recommendation.text}" in whole
    assert "32 out of 35" in whole and "1,003 people" in whole and "Accommodation" in whole


def test_every_page_has_the_footer(sample_pdf):
    _, path, pages = sample_pdf
    _, texts = _text(path)
    for number, text in enumerate(texts, start=1):
        assert f"Hertfordshire PDU page {number} of {pages} hertfordshire-pdu-2024.json" in text


def test_a4_pages(sample_pdf):
    _, path, _ = sample_pdf
    for page in PdfReader(path).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points


def test_letter_paper_lays_out_every_section(tmp_path, qapp, sample_path):
    from viewer.printing.summary import write_summary_pdf

    inspection, summary = _summary(sample_path)
    path = tmp_path / "letter.pdf"
    pages = write_summary_pdf(summary, path, paper="letter")
    reader, texts = _text(path)
    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (612, 792)
    assert 4 <= pages <= 7 and f"page {pages} of {pages}" in texts[-1]
    assert all(f"{r.number} {r.text}" in " ".join(texts) for r in inspection.recommendations)


def test_markup_in_the_data_prints_literally(tmp_path, qapp, sample_path):
    from viewer.printing.summary import write_summary_pdf

    data = json.loads(sample_path.read_text(encoding="utf-8"))
    data["unit"]["name"] = f"{HOSTILE} PDU"
    data["recommendations"][0]["text"] = f"{HOSTILE} recommendation"
    data["standards"][3]["key_questions"][0]["question"] = f"{HOSTILE} question?"
    data["figures"][0]["label"] = f"{HOSTILE} figure"
    data["service_gaps"][0]["title"] = f"{HOSTILE} gap"
    data["service_gaps"][0]["evidence"][0] = f"{HOSTILE} evidence"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    _, summary = _summary(hostile)
    for html in (summary_html(summary), summary_html(summary, standalone=True)):
        assert "<img src=x>" not in html and "<a href=" not in html
        assert "&lt;img src=x&gt;&lt;a href=&#x27;http://example.invalid&#x27;&gt;link&lt;/a&gt;" in html
    pdf = tmp_path / "hostile.pdf"
    write_summary_pdf(summary, pdf)
    _, texts = _text(pdf)
    whole = " ".join(texts)
    assert whole.count(HOSTILE) >= 6 and f"{HOSTILE} PDU page 1 of" in whole


def test_summary_command_writes_one_file_per_unit_and_reports_failures(tmp_path, sample_path):
    out = tmp_path / "region"
    result = run_cli_process(  # end to end: the command starts its own Qt for printing
"summary", str(sample_path), str(DATA / "variant-rating-spelling.json"), str(BAD / "empty.json"),
                  "-o", str(out) + "/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith(f"-> {out / 'hertfordshire-pdu.pdf'} ({SAMPLE_PAGES} pages)")
    assert lines[1].endswith(f"-> {out / 'testshire-pdu.pdf'} (2 pages)")
    assert re.search(r"\[3/3\] .*empty\.json: FAILED - the file is empty", lines[2])
    assert lines[-1] == "2 written, 1 failed"
    assert sorted(p.name for p in out.iterdir()) == ["hertfordshire-pdu.pdf", "testshire-pdu.pdf"]


def test_summary_command_single_pdf_and_html(qapp, tmp_path, sample_path):
    pdf = tmp_path / "herts.pdf"
    assert run_cli("summary", str(sample_path), "-o", str(pdf), "--paper", "letter").returncode == 0
    assert PdfReader(pdf).pages[0].mediabox.width == 612
    html = tmp_path / "herts.html"
    result = run_cli("summary", str(sample_path), "-o", str(html), "--format", "html")
    assert result.returncode == 0, result.stderr
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 7  # 4 key-question charts + 3 staffing
    assert "Hertfordshire PDU" in text and "ensure all staff receive the necessary training" in text
    assert run_cli("summary", str(sample_path)).returncode == 2  # -o is required


def test_summary_never_writes_an_input_and_checks_the_output_name(qapp, tmp_path, sample_path):
    import shutil

    source = tmp_path / "a.json"
    shutil.copy(sample_path, source)
    before = source.read_bytes()
    same = run_cli("summary", str(source), "-o", str(source))
    assert same.returncode == 2 and "is one of the inputs; the viewer never writes to a file it reads" in same.stderr
    assert source.read_bytes() == before
    docx = run_cli("summary", str(source), "-o", str(tmp_path / "x.docx"))
    assert docx.returncode == 2 and "summary" in docx.stderr and "ends in .pdf" in docx.stderr
    several = run_cli("summary", str(source), str(sample_path), "-o", str(tmp_path / "x.pdf"))
    assert several.returncode == 2 and "give a folder for -o, ending in /" in several.stderr
    blocked = run_cli("summary", str(source), "-o", str(source) + "/sub/")
    assert blocked.returncode == 1 and "cannot make the folder" in blocked.stderr and "Traceback" not in blocked.stderr


def test_summary_of_a_published_report_and_never_reading_our_own_printout(qapp, tmp_path):
    pdf = tmp_path / "imported.pdf"
    result = run_cli("summary", str(DATA / "hmip-hertfordshire-pdu-2024.txt"), "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    check = run_cli("check", str(pdf))
    assert check.returncode == 1
    assert "this is a summary or comparison printed by Inspection Viewer, not a published report" in check.stdout
