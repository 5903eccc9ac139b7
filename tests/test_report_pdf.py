"""The text of a report's PDF (``pdf_text``): every page layout of the seed gives the report's own text.

The layouts (tests/data/reports): ``hertfordshire.pdf`` (A4, ``make_report_pdfs.py``), and
``hertfordshire-letter.pdf`` (US Letter, justified, tables at tab stops) and ``hertfordshire-tables.pdf``
(A4, bordered table cells whose text wraps, ligature glyphs) from ``make_report_layouts.py``. Whatever
the layout, paragraphs come out whole (one line each, over line and page breaks), table rows as one
line of tab-separated cells, without running headers and footers, page numbers, footnotes or
ligatures. Pure tests: no Qt. Failures (encrypted, damaged, image-only) are in test_report_import.py.
"""

from __future__ import annotations

import re
import threading
from functools import cache

import pytest
from report_checks import REPORTS, SEED

from viewer.formats.published_report.pdf import pdf_text

LAYOUTS = ["hertfordshire.pdf", "hertfordshire-letter.pdf", "hertfordshire-tables.pdf"]
BULLETS = "•▪"


@cache
def text_of(name: str) -> str:
    return pdf_text((REPORTS / name).read_bytes(), name)


def _lines(text: str) -> set[str]:
    return {line.lstrip(BULLETS).strip() for line in text.splitlines()}


def _seed_paragraphs() -> list[str]:
    """The seed's paragraphs and bullets as plain text (markdown links and bold marks removed)."""
    paragraphs = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).replace("**", "").removeprefix("- ").strip()
        if len(line) > 60 and "\t" not in line and line[0] not in "⁰¹²³⁴⁵⁶⁷⁸⁹":
            paragraphs.append(line)
    return paragraphs


@pytest.mark.parametrize("name", LAYOUTS)
def test_paragraphs_come_out_whole_over_line_and_page_breaks(name):
    lines = _lines(text_of(name))
    paragraphs = _seed_paragraphs()
    assert len(paragraphs) > 120
    assert [p for p in paragraphs if p not in lines] == []


@pytest.mark.parametrize("name", LAYOUTS)
def test_table_rows_come_out_as_one_line_of_cells(name):
    lines = _lines(text_of(name))
    seed_rows = [line for line in SEED.read_text(encoding="utf-8").splitlines() if "\t" in line]
    assert len(seed_rows) == 23  # the contents and the four key-question tables
    assert [row for row in seed_rows if row not in lines] == []
    for row in ("P 1.2 Staffing\tRequires improvement", "P 2.3 Implementation and delivery\tInadequate"):
        assert row in lines  # the ratings table, one row per standard (in the seed: two lines)


@pytest.mark.parametrize("name", LAYOUTS)
def test_running_headers_footers_page_numbers_and_footnotes_are_cut(name):
    text = text_of(name)
    for furniture in ("Inspection of probation services: Hertfordshire PDU", "Page 6 of", "HM Inspectorate of "
                      "Probation\tHertfordshire PDU", "July 2024\t", "Source: Ministry of Justice", "Relative Rate"):
        assert furniture not in text
    assert not [line for line in text.splitlines() if re.fullmatch(r"\s*\d+\s*", line)]
    assert "Our rating⁵ for assessment is based on" in text  # the marker stays, as in the report's text


@pytest.mark.parametrize("name", LAYOUTS)
def test_ligatures_are_plain_letters(name):
    text = text_of(name)
    assert not re.search("[\ufb00-\ufb06]", text)
    assert text.count("staffing") >= 10 and "P 1.2 Staffing" in text
    for word in ("sufficiently", "effective", "offending", "flexible", "office"):  # ﬃ ﬀ ﬀ ﬂ ﬃ in the PDFs
        assert word in text


def test_the_layouts_draw_ligature_glyphs():
    """The test above means something: the PDFs' text layer has ligature characters where words have them."""
    from pypdf import PdfReader

    page = PdfReader(REPORTS / "hertfordshire-tables.pdf").pages[5]  # the ratings table
    assert "Sta\ufb03ng" in page.extract_text()


def test_pdfs_read_at_the_same_time_in_several_threads_give_the_same_text():
    results: dict[str, str] = {}

    def read(name: str) -> None:
        results[name] = pdf_text((REPORTS / name).read_bytes(), name)

    threads = [threading.Thread(target=read, args=(name,)) for name in LAYOUTS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {name: text_of(name) for name in LAYOUTS}
