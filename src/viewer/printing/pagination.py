"""Pagination every printout shares: the HTML is laid out for the page, checked, and laid out again with
page breaks where a rule is broken, until every rule holds.

The rules: no table row is cut by a page break; a heading is never left at the foot of a page (a
section heading keeps room for what follows it, a key-question section stays on one page when it
fits, headings in a row go together); a table never leaves a single row behind at the foot of a page
nor carries a single row alone onto the next page when two can go together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPagedPaintDevice, QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextTable

from viewer.printing.pages import body_rect, new_document
from viewer.printout.svg_charts import ChartSvg

# Space a section heading (h2) needs below it on the same page, in points, so it is never left alone
# at the foot of a page; a sub-heading (h3) keeps its whole section with it when the section fits a page,
# else this much of it.
KEEP_WITH_NEXT_PT = {2: 90.0, 3: 60.0}
# Space above a heading, in points, whatever comes before it: Qt's HTML reader folds a heading's top
# margin into the block before it, and after a table that is lost, so "Recommendations" touched the
# table above it.
SPACE_ABOVE_PT = {2: 14.0, 3: 9.0}
SPACE_AROUND_TABLE_PT = 8.0  # between a table and a chart or a note above or below it
PX_PER_PT = 96 / 72  # a text format's lengths are pixels of a 96-dpi screen; the layout scales them to the device
MAX_LAYOUT_PASSES = 60
ENDLESS_PAGE = 1e7  # device units: a page no printout fills, within the layout's fixed-point range

# (table, row) page breaks asked for → the HTML, and which data table and row each <table> starts at
HtmlFor = Callable[[frozenset[tuple[int, int]]], tuple[str, list[tuple[int, int]]]]


def headings(doc: QTextDocument) -> list[QTextBlock]:
    """The section headings (h2) and sub-headings (h3), in document order."""
    found, block = [], doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() in KEEP_WITH_NEXT_PT:
            found.append(block)
        block = block.next()
    return found


def data_tables(doc: QTextDocument) -> list[QTextTable]:
    """The printout's data tables (those with a header row), in document order."""
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable) and f.format().headerRowCount()]


def row_extent(layout, table: QTextTable, row: int) -> tuple[float, float]:
    """Top and bottom of a table row in the document, in device units."""
    top, bottom = float("inf"), float("-inf")
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        first = layout.blockBoundingRect(cell.firstCursorPosition().block())
        last = layout.blockBoundingRect(cell.lastCursorPosition().block())
        top, bottom = min(top, first.top()), max(bottom, last.bottom())
    return top, bottom


def _set_spacing_and_breaks(doc: QTextDocument, breaks: set[int]) -> None:
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()  # one change for the layout to catch up with, not one an edit

    def merge(block: QTextBlock, fmt: QTextBlockFormat) -> None:
        cursor.setPosition(block.position())
        cursor.mergeBlockFormat(fmt)

    for table in data_tables(doc):  # a chart or a note next to a table: margins are lost there the same way
        after = doc.findBlock(table.lastPosition() + 1).next()  # past the empty block that closes every table
        if after.isValid() and after.blockFormat().headingLevel() not in SPACE_ABOVE_PT \
                and QTextCursor(after).currentTable() is None:
            fmt = QTextBlockFormat()
            fmt.setTopMargin(max(after.blockFormat().topMargin(), SPACE_AROUND_TABLE_PT * PX_PER_PT))
            merge(after, fmt)
        before = doc.findBlock(table.firstPosition() - 1)
        if before.text() and before.blockFormat().headingLevel() not in SPACE_ABOVE_PT:  # under a chart
            table_format = table.format()
            table_format.setTopMargin(SPACE_AROUND_TABLE_PT * PX_PER_PT)
            table.setFormat(table_format)
    for index, block in enumerate(headings(doc)):
        fmt = QTextBlockFormat()
        fmt.setTopMargin(SPACE_ABOVE_PT[block.blockFormat().headingLevel()] * PX_PER_PT)
        if index in breaks:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        merge(block, fmt)
    cursor.endEditBlock()


class _Layout:
    """One laid-out pass: finds the earliest broken rule and the page break that mends it."""

    def __init__(self, doc: QTextDocument, emitted: list[tuple[int, int]], page_height: float, dots_per_point: float):
        self.doc, self.emitted, self.page = doc, emitted, page_height
        self.dpp = dots_per_point
        self.layout = doc.documentLayout()
        self.headings = headings(doc)
        self.numbers = {block.blockNumber(): i for i, block in enumerate(self.headings)}

    def _page_of(self, y: float) -> int:
        return int(y // self.page)

    def _heading_before(self, index: int) -> int:
        """The heading to break before so that heading ``index`` goes to a new page: itself, or the heading
        of its section when it is the section's first sub-heading (an h2 is not left with its introduction
        alone), or the first of headings in a row; never one already at the top of a page."""
        while index:
            block, before = self.headings[index], self.headings[index - 1]
            adjacent = block.previous().blockNumber() == before.blockNumber()
            first_part = block.blockFormat().headingLevel() == 3 and before.blockFormat().headingLevel() == 2
            if not (adjacent or first_part) or self._at_top(before):
                break
            index -= 1
        return index

    def _at_top(self, block: QTextBlock) -> bool:
        if block.blockFormat().pageBreakPolicy() != QTextFormat.PageBreakFlag.PageBreak_Auto:
            return True
        space = SPACE_ABOVE_PT[block.blockFormat().headingLevel()] * self.dpp
        return self.layout.blockBoundingRect(block).top() % self.page <= space + 1

    def first_problem(self) -> tuple[str, object] | None:
        """("heading", index) or ("row", (table, row)) for the earliest break needed; None when all holds."""
        problems: list[tuple[float, str, object]] = []
        for index, block in enumerate(self.headings):
            if self._stranded(index, block):
                problems.append((self.layout.blockBoundingRect(block).top(), "heading", self._heading_before(index)))
        problems += self._row_problems()
        return min(problems, key=lambda p: p[0])[1:] if problems else None

    def _stranded(self, index: int, block: QTextBlock) -> bool:
        if self._at_top(block):
            return False
        rect = self.layout.blockBoundingRect(block)
        level = block.blockFormat().headingLevel()
        room = (self._page_of(rect.top()) + 1) * self.page - rect.bottom()
        if level == 3:  # a sub-section (heading, table, chart) stays on one page when it fits
            following = self.headings[index + 1:]
            last = following[0].previous() if following else self.doc.lastBlock()
            end = self.layout.blockBoundingRect(last).bottom()
            if end - rect.top() < self.page:
                return self._page_of(rect.top()) != self._page_of(end - 1)
        return room < KEEP_WITH_NEXT_PT[level] * self.dpp

    def _row_problems(self) -> list[tuple[float, str, object]]:
        tables = data_tables(self.doc)
        header = {id(t): t.format().headerRowCount() for t in tables}
        total: dict[int, int] = {}  # rows of each logical data table, over all its parts
        for table, (logical, start) in zip(tables, self.emitted):
            total[logical] = max(total.get(logical, 0), start + table.rows() - header[id(table)])
        problems = []
        for table, (logical, start) in zip(tables, self.emitted):
            first = header[id(table)]
            page = None  # the page the previous row ends on
            for row in range(first, table.rows()):
                top, bottom = row_extent(self.layout, table, row)
                index = start + row - first
                cut = bottom - top < self.page and self._page_of(top) != self._page_of(bottom - 1)
                # A row Qt moved whole to the next page is a problem only if it leaves one row alone.
                moved = page is not None and self._page_of(top) != page and (
                    total[logical] - index == 1 or (start == 0 and index == 1))
                if cut or moved:
                    problems.append((top, *self._break_for(table, logical, start, index, total[logical])))
                    break
                page = self._page_of(bottom - 1)
        return problems

    def _break_for(self, table: QTextTable, logical: int, start: int, row: int, rows: int) -> tuple[str, object]:
        """The break that mends a cut at ``row`` of a table part starting at ``start``: never carry the last
        row alone, never leave the first alone; a table that must move whole takes its heading with it."""
        if rows - row == 1 and row - 1 > start:
            row -= 1  # the last two rows go over together
        if row - start == 1 and start == 0:
            row = 0  # the first row would be alone under its header: the table moves
        if row == 0:
            before = self.doc.findBlock(table.firstPosition() - 1).blockNumber()
            if before in self.numbers:
                return "heading", self._heading_before(self.numbers[before])
        return "row", (logical, row)


def laid_out(device: QPagedPaintDevice, charts: Sequence[ChartSvg], html_for: HtmlFor) -> QTextDocument:
    """The printout laid out for ``device``'s page with charts in place, every rule above holding."""
    doc = new_document(device, charts)
    dots_per_point = device.logicalDpiY() / 72.0
    body = body_rect(device)
    row_breaks: set[tuple[int, int]] = set()  # breaks that mend a problem found
    foreseen: set[tuple[int, int]] = set()  # breaks worked out for the rest of a table broken once
    heading_breaks: set[int] = set()
    natural: list[_Rows] = []
    top_gap = 0.0  # from the top of a page to a table part that starts there (known once there is one)
    for _ in range(MAX_LAYOUT_PASSES):  # each pass mends the earliest problem; later content only moves down
        html, emitted = html_for(frozenset(row_breaks | foreseen))
        doc.setHtml(html)
        _set_spacing_and_breaks(doc, heading_breaks)  # before the page size: edits after it leave parts
        if not natural:                                # of the layout stale
            doc.setPageSize(QSizeF(body.width(), ENDLESS_PAGE))
            natural = [_Rows(doc.documentLayout(), table) for table in data_tables(doc)]
        doc.setPageSize(body.size())
        top_gap = top_gap or _top_gap(doc, emitted, body.height())
        problem = _Layout(doc, emitted, body.height(), dots_per_point).first_problem()
        if problem is None:
            break
        kind, key = problem
        breaks = heading_breaks if kind == "heading" else row_breaks
        if key in breaks or key in foreseen:
            break  # a break already made did not mend it (content taller than a page): print as laid out
        breaks.add(key)
        if kind == "row":  # the rest of a long table (the comparison's grid) is broken in the same pass
            table, row = key
            foreseen = {(t, r) for t, r in foreseen if t != table or r < row}  # worked out from a row that moved
            foreseen.update((table, r) for r in natural[table].breaks_after(row, body.height() - top_gap))
    return doc


def _top_gap(doc: QTextDocument, emitted: list[tuple[int, int]], page_height: float) -> float:
    """Where a table part that a break sent to a new page starts, below the page's top; 0 if none did yet."""
    for table, (_, start) in zip(data_tables(doc), emitted):
        if start:
            return doc.documentLayout().frameBoundingRect(table).top() % page_height
    return 0.0


class _Rows:
    """A data table's rows as laid out on one endless page: where each starts and ends, which does not
    change when the table is split, so where a part that starts at the top of a page must end is known
    without laying the document out again for every page (the outcomes of every programme take 16)."""

    def __init__(self, layout, table: QTextTable) -> None:
        header = table.format().headerRowCount()
        self.extents = [row_extent(layout, table, row) for row in range(header, table.rows())]
        # From the top of a part (its frame) to its first row: the header row repeated above it.
        self.offset = self.extents[0][0] - layout.frameBoundingRect(table).top() if self.extents else 0.0

    def breaks_after(self, start: int, page_height: float) -> list[int]:
        """The rows before which the parts that follow a break at ``start`` must break: each part starts at the
        top of a page ``page_height`` high and ends with the last row wholly on it (the last two rows go over
        together). Where a part starts is never taken higher than it is, so no break is made that is not
        needed; one a row above it needed instead is found by the next pass's checks, and these worked out
        again from there."""
        found, rows = [], len(self.extents)
        while True:
            base = self.extents[start][0] - self.offset  # where the part's top would be on this endless page
            end = next((row for row in range(start + 1, rows) if self.extents[row][1] - base > page_height), None)
            if end is None:
                return found
            if rows - end == 1 and end - 1 > start:
                end -= 1
            found.append(end)
            start = end
