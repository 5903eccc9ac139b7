"""Draw the seed report in two more page layouts than ``make_report_pdfs.py``'s A4 one (run once; the
outputs are committed; ``make_report_files.py`` runs this too).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/data/reports/make_report_layouts.py

Word-made reports differ in paper, fonts, justification and above all in tables; each layout here
lays the same elements out as one kind of word processor export would:

- ``hertfordshire-letter.pdf``: US Letter, DejaVu Serif 9 pt on 11 pt, narrow margins (0.6 in),
  justified text placed word by word (the spaces are gaps, as in justified Word exports), lines
  that end at the hyphen of a compound ("well-" / "informed"), "▪"
  bullets at a tab stop, superscript footnote markers and footnote numbers, a running header on the
  right, "Page N of M" footers, the contents with dot leaders, the ratings as text at a tab stop and
  the key-question tables as two columns at tab stops: a wrapped question with its percentage
  right-aligned on the question's first line.
- ``hertfordshire-tables.pdf``: A4, DejaVu Sans Condensed 10.5 pt on 14 pt, ragged right, ligature
  glyphs (ﬀ ﬁ ﬂ ﬃ ﬄ) in the text layer; the contents, the ratings and the key questions are real
  bordered table cells with padding whose text wraps inside the cell (a narrow rating column, so
  "Requires improvement" takes two lines; a narrow percentage column, so the header "Percentage
  'Yes'" wraps; questions over two or three lines with the percentage centred vertically in the
  first two tables and at the top of the cell in the others; 4 pt padding), drawn
  cell by cell as Word does (the right cell after the whole left cell); a running header in two
  parts over a rule, footers with the page number.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPageSize, QPainter, QPdfWriter, QPen

HERE = Path(__file__).resolve().parent
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
NEW_PAGE_BEFORE = ("Contents", "Foreword", "Ratings", "Recommendations", "Background", "Annexe one – Web links")
TITLE = "Inspection of probation services: Hertfordshire PDU"


@dataclass(frozen=True)
class Layout:
    file: str
    page: QPageSize.PageSizeId
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    family: str
    size: float
    leading: float
    after: float  # space after a paragraph
    justify: bool
    ligatures: bool
    cell_tables: bool
    bullet: str
    break_hyphens: bool = False  # a line may end after the hyphen of a compound ("well-" / "informed")

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


LETTER = Layout("hertfordshire-letter.pdf", QPageSize.PageSizeId.Letter, 612, 792, 43, 43, 58, 54,
                "DejaVu Serif", 9, 11, 4, justify=True, ligatures=False, cell_tables=False, bullet="▪",
                break_hyphens=True)
TABLES = Layout("hertfordshire-tables.pdf", QPageSize.PageSizeId.A4, 595, 842, 72, 72, 84, 72,
                "DejaVu Sans Condensed", 10.5, 14, 7, justify=False, ligatures=True, cell_tables=True, bullet="•")


class Pages:
    """A PDF drawn page by page: a cursor ``y`` (top of the next line), footnotes kept for the page's foot."""

    def __init__(self, layout: Layout, path: Path, footnotes: dict[str, str], total: int | None) -> None:
        self.layout = layout
        self.writer = QPdfWriter(str(path))
        self.writer.setPageSize(QPageSize(layout.page))
        self.writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        self.writer.setResolution(72)
        self.writer.setTitle("An inspection of probation services in: Hertfordshire PDU")
        self.writer.setCreator("Inspection Viewer test data")
        self.painter = QPainter(self.writer)
        self.body = self.font(layout.size)
        self.bold = self.font(layout.size, bold=True)
        self.heading = self.font(layout.size + 3.5, bold=True)
        self.subheading = self.font(layout.size + 1.5, bold=True)
        self.italic = self.font(layout.size, italic=True)
        self.note = self.font(layout.size - 1.5)
        self.furniture = self.font(layout.size - 2, italic=not layout.cell_tables)
        self.footnotes = footnotes
        self.page_notes: list[str] = []
        self.page = 1
        self.total = total
        self.y = layout.top

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.layout.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    def shown(self, text: str) -> str:
        """The characters drawn: ligature code points where the layout has them."""
        if self.layout.ligatures:
            for letters, ligature in LIGATURES:
                text = text.replace(letters, ligature)
        return text

    # --- runs of text with raised footnote markers ------------------------------------------------
    def small(self, font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.62)
        return small

    def runs(self, text: str) -> list[tuple[str, bool]]:
        return [(piece, piece[0] in SUPERSCRIPTS) for piece in re.split(f"([{SUPERSCRIPTS}]+)", text) if piece]

    def advance(self, text: str, font: QFont) -> float:
        return sum(self.metrics(self.small(font) if raised else font).horizontalAdvance(
            piece.translate(TO_DIGITS) if raised else self.shown(piece)) for piece, raised in self.runs(text))

    def draw(self, text: str, x: float, baseline: float, font: QFont) -> None:
        for piece, raised in self.runs(text):
            use = self.small(font) if raised else font
            shown = piece.translate(TO_DIGITS) if raised else self.shown(piece)
            self.painter.setFont(use)
            self.painter.drawText(QPointF(x, baseline - (font.pointSizeF() * 0.36 if raised else 0)), shown)
            x += self.metrics(use).horizontalAdvance(shown)

    def wrap(self, text: str, font: QFont, width: float) -> list[list[str]]:
        space = self.metrics(font).horizontalAdvance(" ")
        lines: list[list[str]] = []
        line: list[str] = []
        used = 0.0
        for word in text.split():
            size = self.advance(word, font)
            if line and used + space + size > width:
                parts = re.split(r"(?<=[a-z]-)(?=[a-z])", word) if self.layout.break_hyphens else [word]
                head = next((n for n in range(len(parts) - 1, 0, -1)
                             if used + space + self.advance("".join(parts[:n]), font) <= width), 0)
                if head:
                    line.append("".join(parts[:head]))
                    word = "".join(parts[head:])
                    size = self.advance(word, font)
                lines.append(line)
                line, used = [], 0.0
            used += (space if line else 0) + size
            line.append(word)
        return lines + ([line] if line else [])

    def draw_words(self, words: list[str], x: float, baseline: float, font: QFont, width: float | None) -> None:
        """One line: a single string (spaces drawn), or, when justified, each word at its place."""
        if width is None:
            self.draw(" ".join(words), x, baseline, font)
            return
        sizes = [self.advance(word, font) for word in words]
        gap = (width - sum(sizes)) / max(1, len(words) - 1)
        for word, size in zip(words, sizes):
            self.draw(word, x, baseline, font)
            x += size + gap

    # --- pages ------------------------------------------------------------------------------------
    def notes_height(self, notes: list[str]) -> float:
        pitch = self.layout.leading - 2
        return sum(len(self.wrap(self.footnotes[n], self.note, self.layout.text_width - 14)) * pitch + 3
                   for n in notes) + (12 if notes else 0)

    def room(self, height: float, notes: list[str] = ()) -> bool:
        return self.y + height <= self.layout.height - self.layout.bottom - self.notes_height(self.page_notes + list(notes))

    def finish_page(self) -> None:
        layout, p = self.layout, self.painter
        if self.page_notes:
            pitch = layout.leading - 2
            y = layout.height - layout.bottom - self.notes_height(self.page_notes) + 10
            p.setPen(QColor("#555555"))
            p.drawLine(QPointF(layout.left, y - 6), QPointF(layout.left + 144, y - 6))
            p.setPen(QColor("#000000"))
            for number in self.page_notes:
                marker = "".join(SUPERSCRIPTS[int(d)] for d in number)
                for index, words in enumerate(self.wrap(self.footnotes[number], self.note, layout.text_width - 14)):
                    y += pitch
                    if index == 0:
                        self.draw(marker, layout.left, y, self.note)
                    self.draw(" ".join(words), layout.left + 14, y, self.note)
                y += 3
        if self.page > 1:
            p.setFont(self.furniture)
            metrics = self.metrics(self.furniture)
            number = f"Page {self.page} of {self.total or 99}"
            if layout.cell_tables:
                p.drawText(QPointF(layout.left, layout.top - 30), "HM Inspectorate of Probation")
                right = "Hertfordshire PDU"
                p.drawText(QPointF(layout.width - layout.right - metrics.horizontalAdvance(right), layout.top - 30), right)
                p.drawLine(QPointF(layout.left, layout.top - 24), QPointF(layout.width - layout.right, layout.top - 24))
                p.drawText(QPointF(layout.left, layout.height - 36), "July 2024")
                p.drawText(QPointF(layout.width - layout.right - metrics.horizontalAdvance(number),
                                   layout.height - 36), number)
            else:
                p.drawText(QPointF(layout.width - layout.right - metrics.horizontalAdvance(TITLE), 34), TITLE)
                p.drawText(QPointF((layout.width - metrics.horizontalAdvance(number)) / 2, layout.height - 28), number)
        self.page_notes = []

    def new_page(self) -> None:
        self.finish_page()
        self.writer.newPage()
        self.page += 1
        self.y = self.layout.top

    def close(self) -> int:
        self.finish_page()
        self.painter.end()
        return self.page

    def markers(self, text: str) -> list[str]:
        return [m.translate(TO_DIGITS) for m in re.findall(f"[{SUPERSCRIPTS}]+", text)
                if m.translate(TO_DIGITS) in self.footnotes]

    # --- blocks -----------------------------------------------------------------------------------
    def pitch(self, font: QFont) -> float:
        """The line spacing: the layout's, or more for a font too tall for it."""
        return max(self.layout.leading, self.metrics(font).height() + 1)

    def paragraph(self, text: str, font: QFont | None = None, indent: float = 0, bullet: bool = False,
                  after: float | None = None, justify: bool | None = None) -> None:
        layout = self.layout
        font = font or self.body
        justify = layout.justify if justify is None else justify
        width = layout.text_width - indent
        lines = self.wrap(text, font, width)
        pitch = self.pitch(font)
        for index, words in enumerate(lines):
            notes = self.markers(" ".join(words))
            if not self.room(pitch, notes):
                self.new_page()
            self.page_notes += notes
            self.y += pitch
            if bullet and index == 0:
                self.draw(layout.bullet, layout.left + indent - (16 if layout.justify else 13), self.y, font)
            last = index == len(lines) - 1
            self.draw_words(words, layout.left + indent, self.y, font, None if last or not justify else width)
        self.y += layout.after if after is None else after

    def tab_row(self, left: str, right: str, font: QFont, right_font: QFont, first_line: bool) -> None:
        """A row of a table set with tab stops: the right text right-aligned on the first or last line."""
        layout = self.layout
        right_width = self.advance(right, right_font)
        lines = self.wrap(left, font, min(300.0, layout.text_width - max(right_width, 80) - 24))
        pitch = self.pitch(font)
        if not self.room(pitch * len(lines) + 4):
            self.new_page()
        for index, words in enumerate(lines):
            self.y += pitch
            self.draw(" ".join(words), layout.left, self.y, font)
            if index == (0 if first_line else len(lines) - 1):
                self.draw(right, layout.width - layout.right - right_width, self.y, right_font)
        self.y += 4

    def leader_row(self, left: str, right: str) -> None:
        """A contents entry: text, a dot leader, the page number at the right margin."""
        layout = self.layout
        self.y += self.pitch(self.body) + 1
        self.draw(left, layout.left, self.y, self.body)
        end = layout.width - layout.right - self.advance(right, self.body)
        x = layout.left + self.advance(left, self.body) + 6
        while x < end - 8:
            self.draw(".", x, self.y, self.body)
            x += 4.5
        self.draw(right, end, self.y, self.body)

    def cell_table(self, rows: list[tuple[list[str], str]], widths: list[float], centre_last: bool = False,
                   borders: bool = True) -> None:
        """Bordered cells with padding; each cell's text wraps inside it and is drawn cell by cell.

        ``rows`` are (cells, style): style "header" (shaded, bold), "span" (one cell across the row,
        bold), "rating" (the last cell bold) or "" (plain). Numbers in the last column of a borderless
        table are right-aligned.
        """
        layout, p = self.layout, self.painter
        pad_x, pad_y, pitch = 4.0, 4.0, layout.leading
        for cells, style in rows:
            spans = [sum(widths)] if style == "span" else widths
            fonts = [self.bold if style in ("header", "span") or (style == "rating" and i == len(cells) - 1)
                     else self.body for i in range(len(cells))]
            wrapped = [self.wrap(text, font, width - 2 * pad_x) for text, font, width in zip(cells, fonts, spans)]
            height = max(len(lines) for lines in wrapped) * pitch + 2 * pad_y + 3
            if not self.room(height):
                self.new_page()
            top, x = self.y, layout.left
            for index, (lines, font, width) in enumerate(zip(wrapped, fonts, spans)):
                if style == "header":
                    p.fillRect(QRectF(x, top, width, height), QColor("#d9e2ef"))
                if borders:
                    p.setPen(QPen(QColor("#404040"), 0.6))
                    p.drawRect(QRectF(x, top, width, height))
                lines_top = top + pad_y
                if centre_last and index == len(cells) - 1 and style != "header":
                    lines_top = top + (height - len(lines) * pitch) / 2
                for number, words in enumerate(lines):
                    text = " ".join(words)
                    cx = x + pad_x
                    if not borders and index == len(cells) - 1 and text.isdigit():
                        cx = x + width - pad_x - self.advance(text, font)
                    self.draw(text, cx, lines_top + (number + 1) * pitch - 3, font)
                x += width
            self.y = top + height


def _ratings_rows(items: list[tuple[str, str]]) -> list[tuple[list[str], str]]:
    """The ratings section as table rows: unit, fieldwork and score across the table, then name | rating."""
    rows: list[tuple[list[str], str]] = []
    index = 0
    while index < len(items):
        text = items[index][1]
        if (text.startswith("P ") or text == "Overall rating") and index + 1 < len(items):
            rows.append(([text, items[index + 1][1]], "rating"))
            index += 2
            continue
        rows.append(([text], "span"))
        index += 1
    return rows


def draw_report(layout: Layout, elements: list[tuple[str, str]], path: Path, total: int | None) -> int:
    footnotes = {}
    for kind, text in elements:
        if kind == "footnote":
            mark = re.match(f"[{SUPERSCRIPTS}]+", text).group(0)
            footnotes[mark.translate(TO_DIGITS)] = text[len(mark):].strip()
    doc = Pages(layout, path, footnotes, total)
    index, in_ratings, tables = 0, False, 0
    while index < len(elements):
        kind, text = elements[index]
        index += 1
        if kind == "heading" and (text in NEW_PAGE_BEFORE or (text[:2] in ("1.", "2.") and not in_ratings)) \
                and doc.y > layout.top + 30:
            doc.new_page()
        if kind == "heading" and text == "Ratings":
            in_ratings = True
            doc.paragraph(text, font=doc.heading, after=6)
            end = next(i for i in range(index, len(elements)) if elements[i][1] == "Recommendations")
            items, index = elements[index:end], end
            if layout.cell_tables:
                doc.cell_table(_ratings_rows(items), [250, 96])
            else:
                for cells, style in _ratings_rows(items):
                    if style == "span":
                        doc.paragraph(cells[0], font=doc.bold, after=3, justify=False)
                    else:
                        doc.tab_row(cells[0], cells[1], doc.body, doc.bold, first_line=True)
            doc.y += 8
            in_ratings = False
            continue
        if kind == "row":
            rows = [text.split("\t")]
            while index < len(elements) and elements[index][0] == "row":
                rows.append(elements[index][1].split("\t"))
                index += 1
            contents = rows[0][0] == "Foreword"
            if layout.cell_tables and contents:
                doc.cell_table([(cells, "") for cells in rows], [300, 60], borders=False)
            elif layout.cell_tables:
                styled = [(cells, "header" if cells[0] == "Key question" else "") for cells in rows]
                tables += 1  # the first two tables centre the percentages, the others put them at the top
                doc.cell_table(styled, [232, 78], centre_last=tables <= 2)
            else:
                for left, right in rows:
                    if contents:
                        doc.leader_row(left, right)
                    else:
                        bold = doc.bold if left == "Key question" or right in ("17%", "41%", "39%", "52%") else doc.body
                        doc.tab_row(left, right, doc.bold if left == "Key question" else doc.body, bold,
                                    first_line=True)
            doc.y += layout.after
        elif kind == "heading":
            big = text in NEW_PAGE_BEFORE or text[:2] in ("1.", "2.") or text in ("Acknowledgements", "Contents")
            doc.y += 5
            doc.paragraph(text, font=doc.heading if big else doc.subheading, after=4, justify=False)
        elif kind == "bullet":
            doc.paragraph(text, indent=18 if layout.justify else 16, bullet=True)
        elif kind == "quote":
            doc.paragraph(text, indent=24, font=doc.italic, justify=False)
        elif kind == "para":
            doc.paragraph(text)
    return doc.close()


def make_layouts(elements: list[tuple[str, str]], folder: Path) -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    for layout in (LETTER, TABLES):
        path = folder / layout.file
        pages = draw_report(layout, elements, path, None)  # first pass: count the pages for "Page N of M"
        draw_report(layout, elements, path, pages)
    del app


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    from make_report_files import elements  # noqa: E402

    make_layouts(elements(), HERE)
