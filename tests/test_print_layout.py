"""How the printed pages are laid out, on A4 and Letter, for the sample's summary and for its comparison with
the 36 published outcomes of its programme: no row cut by a page break, no heading at the foot of a page,
no row alone on a page away from the rest of its table, room above every heading, and the comparison's
grid with the columns the Compare tab shows and no word cut in two."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPdfWriter, QTextCursor, QTextDocument, QTextTable

from viewer.formats.inspection_file import load_inspection
from viewer.model.compare import cell_rating
from viewer.model.compare_selection import BOTH, PUBLISHED
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.printing import comparison as printed_comparison
from viewer.printing import summary as printed_summary
from viewer.printing.pages import body_rect, page_layout
from viewer.printing.pagination import data_tables, headings, row_extent
from viewer.printout.summary import build_summary
from viewer.resource_files import sample_path

LIBRARY_UNITS = 36  # the sample and the other 35 published PDU inspections of 2023-2025


def _sample():
    inspection = load_inspection(sample_path())
    return inspection, assess(inspection, load_framework(inspection.framework_id))


@pytest.fixture(scope="module")
def compare_tab(qapp):
    from viewer.ui.tabs.compare_tab import CompareTab

    tab = CompareTab()
    tab.show_inspections([_sample()], 0)
    return tab


class Pages:
    """A printout laid out for a page, and where each of its parts falls."""

    def __init__(self, doc: QTextDocument, writer: QPdfWriter) -> None:
        self.doc, self.layout = doc, doc.documentLayout()
        self.height = body_rect(writer).height()
        self.point = writer.logicalDpiY() / 72.0

    def page(self, y: float) -> int:
        return int(y // self.height)

    def rows(self, table: QTextTable) -> list[tuple[float, float]]:
        header = table.format().headerRowCount()
        return [row_extent(self.layout, table, row) for row in range(header, table.rows())]


def _laid_out(build, printout, layout, tmp_path) -> Pages:
    writer = QPdfWriter(str(tmp_path / "never-written.pdf"))  # no painter is opened, so nothing is written
    writer.setResolution(600)
    writer.setPageLayout(layout)
    pages = Pages(build(printout, writer), writer)
    assert not (tmp_path / "never-written.pdf").exists()
    return pages


def _whole_tables(doc: QTextDocument) -> list[list[QTextTable]]:
    """The data tables as a reader sees them: the parts of a table the printer split follow one another."""
    whole: list[list[QTextTable]] = []
    for table in data_tables(doc):
        follows = whole and table.firstPosition() - whole[-1][-1].lastPosition() <= 3
        (whole[-1].append if follows else lambda t: whole.append([t]))(table)
    return whole


def _check_rules(pages: Pages) -> None:
    for parts in _whole_tables(pages.doc):
        rows = [extent for part in parts for extent in pages.rows(part)]
        for top, bottom in rows:
            assert pages.page(top) == pages.page(bottom - 1), f"a row is cut at page {pages.page(top) + 1}"
        on_page: dict[int, int] = {}
        for top, _ in rows:
            on_page[pages.page(top)] = on_page.get(pages.page(top), 0) + 1
        if len(on_page) > 1:
            assert min(on_page.values()) >= 2, f"a table of {len(rows)} rows leaves one alone on a page: {on_page}"
        after = pages.doc.findBlock(parts[-1].lastPosition() + 1).next()  # past the block closing the table
        if after.isValid() and QTextCursor(after).currentTable() is None:
            bottom, top = _bottom_of_what_precedes(pages, after), pages.layout.blockBoundingRect(after).top()
            if pages.page(bottom) == pages.page(top):
                assert (top - bottom) / pages.point >= 8, f"{after.text()[:30]!r} touches the table above it"
        for part in parts:  # a header row is never alone at the foot of a page
            header_bottom = row_extent(pages.layout, part, 0)[1]
            assert pages.page(header_bottom - 1) == pages.page(pages.rows(part)[0][0])
    for heading in headings(pages.doc):
        rect = pages.layout.blockBoundingRect(heading)
        following = pages.layout.blockBoundingRect(heading.next())
        assert pages.page(rect.top()) == pages.page(following.bottom() - 1), f"{heading.text()!r} at a page foot"
        above = _bottom_of_what_precedes(pages, heading)
        if pages.page(above) == pages.page(rect.top()):
            space = (rect.top() - above) / pages.point
            assert space >= 9, f"{heading.text()!r} is {space:.1f} pt below what precedes it"


def _bottom_of_what_precedes(pages: Pages, block) -> float:
    """The bottom of the text just above ``block``: of a paragraph, or of the last row of a table (its frame
    reaches lower, to a margin below its rule)."""
    before = block.previous()
    while before.isValid() and not before.text() and QTextCursor(before).currentTable() is None:
        before = before.previous()  # the empty block that closes a table
    table = QTextCursor(before).currentTable()
    if table is not None:
        return row_extent(pages.layout, table, table.rows() - 1)[1]
    return pages.layout.blockBoundingRect(before).bottom()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_summary_keeps_every_rule_on_the_page(qapp, tmp_path, paper):
    summary = build_summary(*_sample(), "sample.json")
    pages = _laid_out(printed_summary.build_document, summary, page_layout(paper), tmp_path)
    names = [h.text().split("  ")[0] for h in headings(pages.doc)]
    assert names[:2] == ["Ratings", "Key questions"] and names[-2:] == ["Service gaps", "Recommendations"]
    assert len(data_tables(pages.doc)) >= 8  # ratings, four key-question tables, staffing, gaps, recommendations
    _check_rules(pages)


def test_recommendations_stand_clear_of_the_table_above(qapp, tmp_path):
    summary = build_summary(*_sample(), "sample.json")
    pages = _laid_out(printed_summary.build_document, summary, page_layout("a4"), tmp_path)
    heading = next(h for h in headings(pages.doc) if h.text() == "Recommendations")
    assert (pages.layout.blockBoundingRect(heading).top() - _bottom_of_what_precedes(pages, heading)) / pages.point >= 12


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_comparison_with_the_library_keeps_every_rule_on_the_page(compare_tab, tmp_path, paper):
    comparison = compare_tab.comparison()
    assert len(comparison.units) == LIBRARY_UNITS
    pages = _laid_out(printed_comparison.build_document, comparison,
                      printed_comparison.comparison_layout(paper), tmp_path)
    _check_rules(pages)
    grid = _whole_tables(pages.doc)[0]
    assert sum(len(pages.rows(part)) for part in grid) == LIBRARY_UNITS


def _printed_columns(grid: QTextTable) -> list[str]:
    return [grid.cellAt(0, c).firstCursorPosition().block().text() for c in range(grid.columns())]


def _screen_columns(tab) -> list[str]:
    model = tab.units_model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            if not tab.units_table.isColumnHidden(c)]


@pytest.mark.parametrize("source", [BOTH, PUBLISHED])
def test_the_printed_grid_has_the_columns_the_tab_shows(compare_tab, tmp_path, source):
    compare_tab.set_source(source)
    try:
        comparison = compare_tab.comparison()
        pages = _laid_out(printed_comparison.build_document, comparison, printed_comparison.comparison_layout(),
                          tmp_path)
        printed = _printed_columns(data_tables(pages.doc)[0])
        assert printed == _screen_columns(compare_tab)
        assert "Framework" not in printed and "Score number" not in printed
        units = comparison.units
        rated = {code for code in comparison.standard_names if code in units and any(map(cell_rating, units[code]))}
        assert {column for column in printed if column in comparison.standard_names} == rated
        if source == PUBLISHED:  # few outcomes publish a standard's rating: a standard none has takes no room
            assert len(rated) < 7 and len(units) == LIBRARY_UNITS
    finally:
        compare_tab.set_source(BOTH)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_word_of_the_grid_is_cut(compare_tab, tmp_path, paper):
    """Every line of every cell of the grid ends between words ("Requires improvement", never "improvemen|t"),
    on Letter too, 2.5 cm narrower than A4."""
    pages = _laid_out(printed_comparison.build_document, compare_tab.comparison(),
                      printed_comparison.comparison_layout(paper), tmp_path)
    cut = []
    for grid in _whole_tables(pages.doc)[0]:
        for row in range(grid.rows()):
            for column in range(grid.columns()):
                block = grid.cellAt(row, column).firstCursorPosition().block()
                layout, text = block.layout(), block.text()
                for n in range(layout.lineCount() - 1):
                    line = layout.lineAt(n)
                    end = line.textStart() + line.textLength()
                    if text[end - 1] != " " and text[end] != " ":
                        cut.append(text)
    assert cut == []


def test_every_published_outcome_of_every_programme_prints_by_the_rules(compare_tab, tmp_path):
    """The longest comparison there is, over 15 pages: a grid for each programme with only its own standards,
    every row whole, none alone."""
    box = compare_tab.framework_box
    chosen = box.currentIndex()
    box.setCurrentIndex(box.findData(None))  # every programme
    try:
        comparison = compare_tab.comparison()
        assert len(comparison.units) > 200
        pages = _laid_out(printed_comparison.build_document, comparison, printed_comparison.comparison_layout(),
                          tmp_path)
        _check_rules(pages)
        programmes = comparison.units["Framework"].nunique()
        grids = _whole_tables(pages.doc)[:programmes]
        assert sum(len(pages.rows(part)) for grid in grids for part in grid) == len(comparison.units)
        for grid in grids:  # no column of another programme's standards, all "not in framework"
            columns = zip(*[[part.cellAt(row, column).firstCursorPosition().block().text()
                             for column in range(part.columns())] for part in grid for row in range(1, part.rows())])
            assert all(set(texts) != {"not in framework"} for texts in columns)
            assert "Framework" not in _printed_columns(grid[0])
        headings_text = [h.text() for h in headings(pages.doc)]
        assert "hmip-probation-pdu-2023: 36 units" in headings_text
        assert pages.doc.pageCount() > 15
    finally:
        box.setCurrentIndex(chosen)
