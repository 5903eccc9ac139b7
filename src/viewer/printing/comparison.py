"""The printed comparison of many inspections: landscape pages (the heat map has a column per standard),
painted with the same page painter as the summary."""

from __future__ import annotations

import os

from PySide6.QtGui import QPagedPaintDevice, QPageLayout

from viewer.printing.pages import body_rect, new_document, page_layout, paint_pages, write_pdf
from viewer.printout.comparison import Comparison, comparison_html


def comparison_layout(paper: str = "a4") -> QPageLayout:
    return page_layout(paper, landscape=True)


def render_comparison(comparison: Comparison, device: QPagedPaintDevice) -> int:
    def footer(page: int, pages: int) -> tuple[str, str, str]:
        return comparison.title, f"page {page} of {pages}", f"printed {comparison.printed_on} by Inspection Viewer"

    doc = new_document(device, comparison.all_charts())
    doc.setHtml(comparison_html(comparison))
    doc.setPageSize(body_rect(device).size())
    return paint_pages(doc, device, footer)


def write_comparison_pdf(comparison: Comparison, path: str | os.PathLike) -> int:
    """The printed comparison as a PDF, written atomically."""
    return write_pdf(path, comparison_layout(), comparison.title, lambda device: render_comparison(comparison, device))
