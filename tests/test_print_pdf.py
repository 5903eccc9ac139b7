"""The printed PDFs as a reader gets them: no text under 8 pt and one size for body text, words that copy
and search as typed ("staffing", not "staﬃng"), table rules of one colour, vectors and embedded fonts;
and a PDF that did not come out whole (a full disk) is an error that leaves the existing file alone."""

from __future__ import annotations

import ctypes
import math
import resource
import shutil
import signal
import subprocess
import sys

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader

from viewer.formats.inspection_file import load_inspection
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.printing.pdf_check import IncompletePdf, check_pdf
from viewer.printout.summary import build_summary
from viewer.resource_files import sample_path

from conftest import REPO

LIGATURES = {chr(c) for c in range(0xFB00, 0xFB07)}
RULE_RGB = (0x9A, 0xA5, 0xB1)


@pytest.fixture(scope="module")
def pdfs(qapp, tmp_path_factory):
    """The sample's summary and its comparison with the published outcomes, as printed."""
    from viewer.printing.comparison import write_comparison_pdf
    from viewer.printing.summary import write_summary_pdf
    from viewer.ui.tabs.compare_tab import CompareTab

    inspection = load_inspection(sample_path())
    assessment = assess(inspection, load_framework(inspection.framework_id))
    folder = tmp_path_factory.mktemp("printed")
    write_summary_pdf(build_summary(inspection, assessment, "hertfordshire-pdu-2024.json"), folder / "summary.pdf")
    tab = CompareTab()
    tab.show_inspections([(inspection, assessment)], 0)
    write_comparison_pdf(tab.comparison(), folder / "comparison.pdf")
    return {"summary": folder / "summary.pdf", "comparison": folder / "comparison.pdf"}


def _characters(path) -> list[list[tuple[str, float]]]:
    """Every printed character of each page with its size in points as it stands on the paper."""
    pages = []
    for page in pdfium.PdfDocument(path):
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            matrix = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFText_GetMatrix(text.raw, i, ctypes.byref(matrix))
            size = pdfium_c.FPDFText_GetFontSize(text.raw, i) * math.hypot(matrix.c, matrix.d)
            chars.append((chr(pdfium_c.FPDFText_GetUnicode(text.raw, i)), size))
        pages.append(chars)
    return pages


def _size_of(pages: list[list[tuple[str, float]]], phrase: str) -> float:
    """The size the first printing of ``phrase`` is set in (every character of it the same size)."""
    for chars in pages:
        text = "".join(c for c, _ in chars)
        at = text.find(phrase)
        if at >= 0:
            sizes = {round(size, 1) for c, size in chars[at:at + len(phrase)] if not c.isspace()}
            assert len(sizes) == 1, f"{phrase!r} is set in {sizes}"
            return sizes.pop()
    raise AssertionError(f"{phrase!r} is not printed")


@pytest.mark.parametrize("which", ["summary", "comparison"])
def test_no_printed_text_is_smaller_than_8_pt(pdfs, which):
    pages = _characters(pdfs[which])
    small = {(c, round(size, 2)) for chars in pages for c, size in chars if not c.isspace() and size < 7.95}
    assert small == set()
    assert sum(len(chars) for chars in pages) > 3000


def test_body_text_is_one_size_and_charts_and_notes_no_smaller_than_8_pt(pdfs):
    pages = _characters(pdfs["summary"])
    body = {phrase: _size_of(pages, phrase) for phrase in (
        "Demand for CRS accommodation services",  # a service gap's finding
        "Community Accommodation Service Tier 3",  # its quotation
        "Years the head of the PDU has been in post",  # a staffing figure
        "ensure all staff receive the necessary training",  # a recommendation
        "Does assessment focus sufficiently",  # a key question
        "about 18 more of 54 cases",  # the cases needed for the next band
    )}
    assert set(body.values()) == {9.0}, body
    assert _size_of(pages, "Caseload by type") == 10.0  # a chart's title
    assert _size_of(pages, "Engaging the person on probation") == 8.0  # a chart's label
    assert _size_of(pages, "100% = a full workload") == 8.0  # the workload chart's reference line
    assert _size_of(pages, "Percentage of inspected cases answered") == 8.0  # an axis title
    assert _size_of(pages, "page 1 of") == 8.0  # the footer


@pytest.mark.parametrize("which", ["summary", "comparison"])
def test_the_text_layer_has_plain_letters(pdfs, which):
    """What a reader copies or searches: "staffing" is found, and no ligature character (U+FB00-FB06) is left,
    read by PDFium and by pypdf alike."""
    by_pdfium = "".join(c for chars in _characters(pdfs[which]) for c, _ in chars)
    by_pypdf = " ".join(page.extract_text() for page in PdfReader(pdfs[which]).pages)
    for text in (by_pdfium, by_pypdf):
        assert not LIGATURES & set(text)
        words = ("staffing", "fieldwork", "sufficiently", "offending", "Staff feeling valued") if which == "summary" \
            else ("Sheffield PDU", "not published", "Requires improvement")
        for word in words:
            assert word in " ".join(text.split()), word


def _rules(path) -> set[tuple[tuple[int, int, int], float]]:
    """The colours and thicknesses of the thin filled strips Qt draws a table's rules with, over every page."""
    colours = set()
    for page in pdfium.PdfDocument(path):
        for item in page.get_objects(max_depth=8):
            if item.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                continue
            left, bottom, right, top = item.get_bounds()
            fill, stroke = ctypes.c_int(), pdfium_c.FPDF_BOOL()
            pdfium_c.FPDFPath_GetDrawMode(item.raw, ctypes.byref(fill), ctypes.byref(stroke))
            if fill.value and min(right - left, top - bottom) < 1.5 and max(right - left, top - bottom) > 5:
                rgba = [ctypes.c_uint() for _ in range(4)]
                pdfium_c.FPDFPageObj_GetFillColor(item.raw, *map(ctypes.byref, rgba))
                colours.add((tuple(c.value for c in rgba[:3]), round(min(right - left, top - bottom), 2)))
    return colours


@pytest.mark.parametrize("which", ["summary", "comparison"])
def test_every_table_rule_is_the_same_colour_and_weight(pdfs, which):
    assert _rules(pdfs[which]) == {(RULE_RGB, 0.75)}  # Qt's default "outset" style drew some rules lighter


@pytest.mark.parametrize("which", ["summary", "comparison"])
def test_charts_are_vectors_and_fonts_are_embedded(pdfs, which):
    for page in PdfReader(pdfs[which]).pages:
        assert list(page.images) == [], "charts are drawn as vectors, not pasted as pictures"
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font
                          else font)["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), "font embedded"


# ------------------------------------------------------------------------------------------- full disk

def _with_room_for(size: int):
    """For a child process: a disk that takes no more than ``size`` bytes in a file, as a full one does
    (writes beyond fail with EFBIG instead of ENOSPC; the signal that would kill the process is ignored)."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_full_disk_is_an_error_and_the_existing_pdf_is_kept(pdfs, tmp_path):
    target = tmp_path / "x.pdf"
    shutil.copy(pdfs["comparison"], target)  # a good PDF from an earlier run
    before = target.read_bytes()
    result = subprocess.run([sys.executable, "-m", "viewer", "summary", str(sample_path()), "-o", str(target)],
                            capture_output=True, text=True, cwd=REPO, timeout=180, preexec_fn=_with_room_for(40_000))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"FAILED - cannot write {target}: the PDF came out incomplete (40,000 bytes, the end of the file is " \
           "missing); is the disk full?" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 written, 1 failed"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"], "the temporary file is removed"


def test_a_cut_or_holed_pdf_is_found_out(pdfs, tmp_path):
    whole = pdfs["summary"].read_bytes()
    pages = len(PdfReader(pdfs["summary"]).pages)
    check_pdf(pdfs["summary"], pages)
    cases = {
        "cut": (whole[: len(whole) // 2], "the end of the file is missing"),
        "hole": (whole[:2000] + whole[2100:], "not where the"),  # 100 bytes lost
        "empty": (b"", "no PDF header"),
    }
    for name, (data, why) in cases.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        with pytest.raises(IncompletePdf, match=why):
            check_pdf(path, pages)
    with pytest.raises(IncompletePdf, match=f"{pages} of the {pages + 1} pages"):
        check_pdf(pdfs["summary"], pages + 1)
