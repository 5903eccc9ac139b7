"""The printed comparison of many inspections: landscape pages (the heat map has a column per standard),
laid out by the same pagination rules and painted with the same page painter as the summary."""

from __future__ import annotations

import os

from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QTextDocument

from viewer.printing.pages import body_rect, page_layout, paint_pages, write_pdf
from viewer.printing.pagination import laid_out
from viewer.printout.comparison import Comparison, print_html

# The heat map has a column per standard: narrower side margins give every rating word its room on A4.
LANDSCAPE_SIDE_MM = 10.0


def comparison_layout(paper: str = "a4") -> QPageLayout:
    return page_layout(paper, landscape=True, side_mm=LANDSCAPE_SIDE_MM)


def build_document(comparison: Comparison, device: QPagedPaintDevice) -> QTextDocument:
    """The comparison laid out for ``device``'s page, with its chart in place."""
    width_pt = body_rect(device).width() / (device.logicalDpiX() / 72.0)
    return laid_out(device, comparison.all_charts(), lambda breaks: print_html(comparison, breaks, width_pt))


def render_comparison(comparison: Comparison, device: QPagedPaintDevice) -> int:
    def footer(page: int, pages: int) -> tuple[str, str, str]:
        return comparison.title, f"page {page} of {pages}", f"printed {comparison.printed_on} by Inspection Viewer"

    return paint_pages(build_document(comparison, device), device, footer)


def write_comparison_pdf(comparison: Comparison, path: str | os.PathLike) -> int:
    """The printed comparison as a PDF, written atomically."""
    return write_pdf(path, comparison_layout(), comparison.title, lambda device: render_comparison(comparison, device))
