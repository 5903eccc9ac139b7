"""Hostile and huge published reports: each is refused while it is read, with the limit and the place, or
imported; never a traceback, never minutes or gigabytes. (That accepted reports take time in proportion to
their size is measured by bench/growth.py, not here.)"""

from __future__ import annotations

import pytest

from viewer.formats import kinds
from viewer.formats.errors import LoadError, NotInspectorateTextError, ReportImportError, ReportTooLargeError
from viewer.formats.inspection_file import save_inspection
from viewer.formats.published_report import import_report, parse_report_text
from viewer.formats.published_report import pdf as pdf_module
from viewer.formats.published_report.figures import read_figures
from viewer.formats.published_report.limits import MAX_FIGURES
from viewer.formats.published_report.sections import Section
from viewer.formats.published_report.text import Block

from conftest import DATA

SEED = DATA / "hmip-hertfordshire-pdu-2024.txt"
REPORTS = DATA / "reports"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _refused(path) -> ReportTooLargeError:
    with pytest.raises(ReportTooLargeError) as caught:
        import_report(path)
    assert caught.value.path == str(path) and "Traceback" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("unit, times, words", [
    # "1 out of 1 out of ...": each figure used to copy the rest of the sentence (217 s for 9 MB)
    ("1 out of ", 1_000_000, "the report's text has 9,003,028 characters; a report may have at most 2,000,000"),
    ("5 people ", 1_150_000, "the report's text has 10,353,028 characters; a report may have at most 2,000,000"),
    ("1 out of ", 100_000, 'line 65 of the report\'s text (starting "We found 1 out of 1 out of 1 out of 1 ou…") has '
                           '900,015 characters; a line may have at most 50,000'),
])
def test_a_megabyte_line_of_figures_is_refused_before_it_is_read(tmp_path, seed_text, unit, times, words):
    path = tmp_path / "line.txt"
    path.write_text(seed_text[:3000] + "\n\nForeword\n\nWe found " + unit * times + "there.\n", encoding="utf-8")
    assert _refused(path).message.startswith(words)


def test_a_long_sentence_in_a_section_with_figures_is_refused(seed_text):
    text = seed_text.replace("Foreword\n", "Foreword\n\nThere were " + "5 people and " * 500 + "no more.\n\n", 1)
    with pytest.raises(ReportTooLargeError, match=r"section 'Foreword': a sentence starting \"There were 5 people and "
                                                  r"5 people and 5 p…\" has 6,519 characters; a sentence may have at "
                                                  r"most 5,000"):
        parse_report_text(text)


def test_headings_without_end_stop_at_the_figure_limit(seed_text):
    # 300,000 headings used to take for ever: each new figure id scanned the ids made before it
    text = seed_text[:3000] + "\n\n" + "Foreword\n\nThere were 5 people here.\n\n" * (MAX_FIGURES + 1)
    with pytest.raises(ReportTooLargeError, match=f"section 'Foreword': more than {MAX_FIGURES:,} figures so far; a "
                                                  f"report may have at most {MAX_FIGURES:,} \\(the seed report has 103\\)"):
        parse_report_text(text)


def test_sections_of_one_name_number_their_figures_on(seed_text):
    sections = [Section("foreword", "Foreword", [Block("There were 5 people and 3 offices.")]) for _ in range(3)]
    assert [f.id for f in read_figures(sections)] == [f"foreword-{n}" for n in range(1, 7)]


def test_a_report_text_past_the_limit_is_refused_and_other_text_passed_over(tmp_path, seed_text):
    long = tmp_path / "long.md"
    long.write_text(seed_text + ("There were 5 people. " * 40 + "\n\n") * 2500, encoding="utf-8")
    assert _refused(long).message == ("the report's text has 2,153,098 characters; a report may have at most "
                                      "2,000,000 (the longest published reports have a few hundred thousand)")
    log = tmp_path / "server.txt"  # a large file that is not a report: what it is, so a folder passes it over
    log.write_text("GET /index.html 200\n" * 1_200_000, encoding="utf-8")
    with pytest.raises(NotInspectorateTextError):
        import_report(log)


def test_a_50_mb_web_page_is_refused_as_a_report(tmp_path):
    page = (REPORTS / "hertfordshire-web.html").read_text(encoding="utf-8")
    path = tmp_path / "report.html"
    path.write_text(page.replace("</body>", "<p>" + "word " * 10_000_000 + "</p></body>"), encoding="utf-8")
    assert kinds.kind_of(path) is kinds.REPORT_HTML
    assert _refused(path).message == "the file is 47.7 MB; a report's web page may be at most 20 MB (its PDF 100 MB)"
    path.write_text(page.replace("</body>", "<p>" + "word " * 500_000 + "</p></body>"), encoding="utf-8")
    assert _refused(path).message.startswith("the page's text has more than 2,000,000 characters")


@pytest.mark.parametrize("end", ["", ">x</p></body></html>"])
def test_a_tag_of_8_mb_of_attributes_is_refused_unfinished_or_not(tmp_path, end):
    page = (REPORTS / "hertfordshire-web.html").read_text(encoding="utf-8")
    path = tmp_path / "tag.html"
    path.write_text(page.replace("</body>", '<p a="b" ' + 'a="b" ' * 1_400_000 + end), encoding="utf-8")
    message = _refused(path).message
    assert message.startswith("line ") and "a tag with more than 1,000 attributes (starting '<p a=\"b\" a=\"b\"" in message


def test_pdfs_past_the_page_or_text_limit_are_refused(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    many = pdfium.PdfDocument.new()
    for _ in range(2001):
        many.new_page(200, 200)
    path = tmp_path / "pages.pdf"
    many.save(path)
    many.close()
    assert _refused(path).message == "the PDF has 2,001 pages; a report may have at most 2,000 (reports have 17 to 100)"
    monkeypatch.setattr(pdf_module, "MAX_TEXT_CHARS", 5_000)
    message = _refused(REPORTS / "hertfordshire.pdf").message
    assert message.startswith("the PDF's text passes 5,000 characters on page 4; a report may have at most that")


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_aes_encrypted_pdfs_give_plain_messages_and_owner_locked_ones_open(tmp_path, algorithm):
    from pypdf import PdfReader, PdfWriter

    for user, name in (("secret", "locked.pdf"), ("", "owner-locked.pdf")):
        writer = PdfWriter(clone_from=PdfReader(REPORTS / "hertfordshire.pdf"))
        writer.encrypt(user_password=user, owner_password="owner-only", algorithm=algorithm)
        with open(tmp_path / name, "wb") as handle:
            writer.write(handle)
    with pytest.raises(ReportImportError) as caught:
        import_report(tmp_path / "locked.pdf")
    assert caught.value.message == "the PDF is encrypted; open it in a PDF reader and save an unencrypted copy"
    assert import_report(tmp_path / "owner-locked.pdf").inspection.unit.name == "Hertfordshire PDU"
    damaged = (tmp_path / "owner-locked.pdf").read_bytes().replace(b"/Filter /Standard", b"/Filter /Other", 1)
    (tmp_path / "scheme.pdf").write_bytes(damaged)
    with pytest.raises(LoadError, match="the PDF is encrypted; open it in a PDF reader"):
        import_report(tmp_path / "scheme.pdf")


def test_half_of_a_utf16_pair_in_a_report_text_is_replaced_and_can_be_saved(tmp_path, seed_text):
    text = seed_text.replace("85 FTE", "85\ud800 FTE", 1)
    assert text != seed_text
    inspection = parse_report_text(text).inspection
    assert any("\ufffd" in (f.sentence or "") for f in inspection.figures)
    save_inspection(inspection, tmp_path / "imported.json")
