"""pypdf against pypdfium2 (PDFium) on every PDF in tests/data/reports, all measured in the same run.

For each PDF of the report (the seed drawn in three layouts) it prints:

- time: all pages' text with pypdf (``PdfReader`` + ``extract_text``) and with PDFium
  (``PdfDocument`` + ``get_text_range``), median of BENCH_REPEATS runs, and the ratio pypdf / PDFium;
  then the viewer's ``pdf_text`` (PDFium plus putting lines, cells and paragraphs back together) and
  the whole ``import_report``, as ratios of the PDFium baseline of the same run (target: the import
  of the 25-page PDF in at most 0.3 s);
- order: of the seed's paragraphs (their first eight words), how many each library's text has, and
  how many of those come in the report's order (the longest run in order); the text is compared
  with whitespace collapsed and ligatures spelled out, so that order is measured apart from them;
- table cells: of the 12 key questions, how many come out whole (the question, then its percentage)
  and how many of those on one line, as a table row;
- ligatures: ligature characters (ﬀ ﬁ ﬂ ﬃ ﬄ) in the text, and whether a search for "staffing" finds it;

and for the PDFs that must not import (encrypted, owner-locked, damaged, image-only) what each
library does: the exception it raises, or what it opens.

    python bench/pdf_readers.py        # BENCH_REPEATS=5 by default

No timing is asserted anywhere; the tests check what the text says, this prints what it costs.
"""

from __future__ import annotations

import io
import logging
import os
import re
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "tests" / "data" / "reports"
SEED = REPO / "tests" / "data" / "hmip-hertfordshire-pdu-2024.txt"
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
TARGET_SECONDS = 0.3
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})
PROBLEM_FILES = ("encrypted.pdf", "owner-locked.pdf", "damaged.pdf", "scanned.pdf")


def pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdfium_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


def viewer_text(data: bytes) -> str:
    from viewer.formats.published_report.pdf import pdf_text

    return pdf_text(data, "bench")


def median_seconds(function, *args) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        function(*args)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def flat(text: str) -> str:
    return " ".join(text.translate(LIGATURES).split())


def seed_paragraphs() -> list[str]:
    """The first eight words of each long paragraph of the seed, in order (markup removed; paragraphs
    with a footnote marker among those words are left out, as libraries write markers differently)."""
    anchors = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line).replace("**", "").lstrip("- ")
        words = line.split()[:8]
        if len(line) > 80 and "\t" not in line and not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", " ".join(words)):
            anchors.append(" ".join(words))
    return anchors


def order(text: str, anchors: list[str]) -> tuple[int, int]:
    """(paragraphs found, paragraphs found after the one before them): each is looked for after the
    previous one first (the seed repeats a few paragraphs), then anywhere."""
    flattened = flat(text)
    found = in_order = 0
    position = 0
    for anchor in anchors:
        after = flattened.find(anchor, position)
        anywhere = after if after >= 0 else flattened.find(anchor)
        if anywhere >= 0:
            found += 1
            in_order += after >= 0
            position = anywhere + len(anchor)
    return found, in_order


def key_questions(text: str) -> tuple[int, int]:
    """Of the 12 key-question rows: (question then percentage, in the text with line ends as spaces;
    the same on one line, as a table row)."""
    rows = [line.split("\t") for line in SEED.read_text(encoding="utf-8").splitlines()
            if line.endswith("%") and "\t" in line]
    lines = re.sub(r"[^\S\n]+", " ", text.translate(LIGATURES).replace("\r\n", "\n"))
    flattened = flat(text)
    whole = one_line = 0
    for question, percent in rows:
        pattern = re.escape(" ".join(question.split())) + " ?" + re.escape(percent)
        whole += bool(re.search(pattern, flattened))
        one_line += bool(re.search(pattern, lines))
    return whole, one_line


def ligature_report(text: str) -> str:
    count = sum(text.count(c) for c in "\ufb00\ufb01\ufb02\ufb03\ufb04")
    return f"{count} ligature characters, 'staffing' found {len(re.findall('staffing', text, re.IGNORECASE))} times"


def outcome(function, data: bytes) -> str:
    try:
        text = function(data)
    except Exception as exc:  # noqa: BLE001 - the point is to show what each library raises
        return f"raises {type(exc).__module__}.{type(exc).__name__}: {str(exc)[:90]}"
    return f"opens: {len(text.strip())} characters of text"


def main() -> None:
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    import pypdfium2 as pdfium

    from viewer.formats.published_report.importer import import_report

    anchors = seed_paragraphs()
    reports = sorted(p for p in REPORTS.glob("*.pdf") if p.name not in PROBLEM_FILES)
    print(f"pypdf against pypdfium2 on {len(reports)} PDFs of the report; medians of {REPEATS} runs\n")
    for path in reports:
        data = path.read_bytes()
        for reader in (pypdf_text, pdfium_text, viewer_text):  # first runs: imports, caches
            reader(data)
        import_report(path)
        pdfium_time = median_seconds(pdfium_text, data)
        pypdf_time = median_seconds(pypdf_text, data)
        viewer_time = median_seconds(viewer_text, data)
        import_time = median_seconds(import_report, path)
        pages = len(pdfium.PdfDocument(data))
        print(f"{path.name} ({len(data) // 1024} KB, {pages} pages)")
        print(f"  time      pypdf {pypdf_time * 1000:7.0f} ms   PDFium {pdfium_time * 1000:5.0f} ms   "
              f"pypdf / PDFium = {pypdf_time / pdfium_time:.1f}x")
        print(f"            viewer pdf_text {viewer_time * 1000:.0f} ms ({viewer_time / pdfium_time:.1f}x PDFium); "
              f"import_report {import_time * 1000:.0f} ms ({import_time / pdfium_time:.1f}x PDFium; "
              f"target {TARGET_SECONDS} s: {'met' if import_time <= TARGET_SECONDS else 'NOT met'})")
        for name, reader in (("pypdf", pypdf_text), ("PDFium", pdfium_text), ("viewer", viewer_text)):
            text = reader(data)
            found, in_order = order(text, anchors)
            whole, one_line = key_questions(text)
            print(f"  {name:7} order: {found}/{len(anchors)} paragraphs found, {in_order} in order; key questions: "
                  f"{whole}/12 whole, {one_line}/12 on one line; {ligature_report(text)}")
        print()
    print("PDFs that must not import:")
    for name in PROBLEM_FILES:
        data = (REPORTS / name).read_bytes()
        print(f"  {name}")
        for label, reader in (("pypdf", pypdf_text), ("PDFium", pdfium_text), ("viewer", viewer_text)):
            print(f"    {label:7} {outcome(reader, data)}")


if __name__ == "__main__":
    main()
