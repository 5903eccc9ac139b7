"""A report's PDF laid out again as report text, from the pieces of text ``pdf`` reads with their places
on each page (a PDF keeps no paragraphs or table cells, only characters at positions). This module:

- groups the characters into lines by position on the page (not by the order the file draws them),
  the ligature glyphs a PDF may still hold turned into plain letters,
  and splits a line into cells where a gap is a column's: very wide, or wide, wider than the
  line's other gaps (a justified line stretches them all alike) and lined up with gaps in other
  lines of the page; a contents entry's dot leader separates cells too;
- removes what repeats at the top and bottom of pages (running headers and footers, page numbers)
  and the footnotes at the foot of a page; raised footnote markers become superscript digits;
- gives a table (lines with cells, and the lines that continue a cell) one line per row, each
  cell's lines joined and the cells separated by tabs;
- joins the lines of a paragraph, within a page and over a page break: the line above is full (the
  next line's first word would not have fitted on it), the spacing is the paragraph's own and the
  font size is the same. Paragraphs are separated by blank lines,

so that ``report_text`` reads the same report from every layout as from the report's text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from viewer.formats.published_report.text import SUPERSCRIPT_DIGITS, footnote_markers

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_MARKER_DIGITS = re.compile(r"\d{1,2}(?:,\d{1,2})*")
# What starts a list item or a footnote: a bullet, "1.", "(a)", "iv)", "5", "⁵"; the gap after it is
# never a column's.
_LIST_MARKER = re.compile(r"[\u2022\u25aa\u25cf\u25e6\u2023\u2219\u00b7\u2013\u2014\uf0b7\uf0a7*o-]"
                          r"|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\d{1,3}|[" + SUPERSCRIPT_DIGITS + "]{1,3}",
                          re.IGNORECASE)
_LIST_START = re.compile(r"[\u2022\u25aa\u25cf\u25e6\u2023\u2219\u00b7\uf0b7\uf0a7](?:\s|$)")
_DOT_LEADER = re.compile(r"\s*(?:\.\s?){4,}\s*|\s*\u2026{2,}\s*")
_DOT_LEADER_END = re.compile(r"(?:\s*(?:\.\s?){4,}|\s*\u2026{2,})\s*$")
_FOOTNOTE_START = re.compile(r"[ \t]*(\d{1,2})[ \t]?(?=[A-Z][a-z])")
_SUPERSCRIPT_START = re.compile(f"([{SUPERSCRIPT_DIGITS}]{{1,2}})[ \t]?(?=\\S)")
_PAGE_NUMBER = re.compile(r"(?:page[ \t]+)?\d{1,4}(?:[ \t]+of[ \t]+\d{1,4})?|[-\u2013\u2014][ \t]*\d{1,4}[ \t]*"
                          r"[-\u2013\u2014]", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_CLOSING = ".,;:)]!?"

# Distances, in line heights (the height of a line's font box).
_COLUMN_GAP = 1.5  # a gap this wide is a column's
MAYBE_COLUMN_GAP = 0.55  # a gap this wide may be a column's: if other lines have a cell starting at the same place
_ALIGNED = 1.5  # points: cells that start this close start in the same column


@dataclass
class Piece:
    """Characters on one baseline without a column's gap inside."""

    text: str
    left: float
    right: float
    bottom: float
    top: float
    word_right: float  # where the first word ends: what a line above would have needed to hold it

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class _Line:
    pieces: list[Piece]
    cells: list[Piece] = field(default_factory=list)

    @property
    def main(self) -> Piece:
        return max(self.pieces, key=lambda p: p.height)

    @property
    def height(self) -> float:
        return self.main.height

    @property
    def bottom(self) -> float:
        return self.main.bottom

    @property
    def top(self) -> float:
        return self.main.top

    @property
    def left(self) -> float:
        return self.cells[0].left

    @property
    def right(self) -> float:
        return self.cells[-1].right

    @property
    def text(self) -> str:
        return "\t".join(cell.text for cell in self.cells)


# --- lines and cells ------------------------------------------------------------------------------

def _lines(pieces: list[Piece]) -> list[_Line]:
    """Pieces grouped into lines, top to bottom: pieces whose font boxes overlap by half share a line."""
    lines: list[_Line] = []
    for piece in sorted(pieces, key=lambda p: -(p.bottom + p.top)):
        if lines:
            main = lines[-1].main
            overlap = min(main.top, piece.top) - max(main.bottom, piece.bottom)
            if overlap >= 0.5 * min(main.height, piece.height):
                lines[-1].pieces.append(piece)
                continue
        lines.append(_Line([piece]))
    for line in lines:
        line.pieces.sort(key=lambda p: p.left)
        _mark_superscripts(line)
    return lines


def _mark_superscripts(line: _Line) -> None:
    """Raised small digits are footnote markers: written as superscript digits, as the report's text has them."""
    main = line.main
    for piece in line.pieces:
        if piece.height < 0.8 * main.height and piece.bottom > main.bottom + 0.15 * main.height \
                and _MARKER_DIGITS.fullmatch(piece.text):
            piece.text = piece.text.translate(_TO_SUPERSCRIPT)


def _column_starts(lines: list[_Line]) -> Counter:
    """Where pieces after a gap start on the page (rounded): a column starts where several lines agree."""
    starts: Counter = Counter()
    for line in lines:
        height = line.height
        starts.update(round(piece.left / _ALIGNED) for before, piece in zip(line.pieces, line.pieces[1:])
                      if piece.left - before.right >= MAYBE_COLUMN_GAP * height)
    return starts


def _split_cells(line: _Line, starts: Counter) -> None:
    cells: list[Piece] = []
    height = line.height
    for piece in line.pieces:
        if cells:
            last = cells[-1]
            gap = piece.left - last.right
            column = gap >= _COLUMN_GAP * height or (
                gap >= MAYBE_COLUMN_GAP * height
                and sum(starts[round(piece.left / _ALIGNED) + d] for d in (-1, 0, 1)) >= 3)
            # A footnote marker and the text around it, and a list marker and its text, are one cell.
            if not column or _LIST_MARKER.fullmatch(last.text) or last.text[-1] in SUPERSCRIPT_DIGITS \
                    or piece.text[0] in SUPERSCRIPT_DIGITS:
                joiner = " " if gap > 0.12 * height and piece.text[0] not in _CLOSING + SUPERSCRIPT_DIGITS else ""
                cells[-1] = Piece(last.text + joiner + piece.text, last.left, max(last.right, piece.right),
                                   min(last.bottom, piece.bottom), max(last.top, piece.top), last.word_right)
                continue
        cells.append(Piece(piece.text, piece.left, piece.right, piece.bottom, piece.top, piece.word_right))
    # A contents entry's dot leader separates its title from its page number.
    line.cells = []
    for cell in cells:
        if len(cells) > 1 and (leader := _DOT_LEADER_END.search(cell.text)):
            cell.text = cell.text[:leader.start()]
        parts = [part for part in _DOT_LEADER.split(cell.text) if part.strip()]
        if len(parts) > 1 and parts[-1].strip().isdigit():
            # Where the title ends is not known without each character's place: its first word's end will do.
            line.cells.append(Piece(" ".join(parts[:-1]), cell.left, cell.word_right, cell.bottom, cell.top,
                                     cell.word_right))
            line.cells.append(Piece(parts[-1].strip(), cell.right, cell.right, cell.bottom, cell.top, cell.right))
        else:
            line.cells.append(cell)


# --- page furniture and footnotes -----------------------------------------------------------------

def _furniture(pages: list[list[_Line]]) -> set[str]:
    """Lines (numbers masked) that open or close at least half the pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        seen.update({_DIGITS.sub("#", line.text) for line in lines[:2] + lines[-2:]})
    return {key for key, count in seen.items() if count >= max(3, len(pages) // 2)}


def _without_furniture(lines: list[_Line], furniture: set[str]) -> list[_Line]:
    kept = [line for line in lines if _DIGITS.sub("#", line.text) not in furniture]
    while kept and _PAGE_NUMBER.fullmatch(kept[-1].text.strip()):
        kept.pop()
    while kept and _PAGE_NUMBER.fullmatch(kept[0].text.strip()):
        kept.pop(0)
    return kept


def _footnote_start(lines: list[_Line], index: int) -> int | None:
    """The number of a footnote starting at this line: "⁵ The rating", "5 The rating", or "5" above "The rating"."""
    text = lines[index].text
    if match := _SUPERSCRIPT_START.match(text):
        return int(match.group(1).translate(str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")))
    if match := _FOOTNOTE_START.match(text):
        return int(match.group(1))
    following = lines[index + 1].text.lstrip() if index + 1 < len(lines) else ""
    if text.strip().isdigit() and len(text.strip()) <= 2 and following[:1].isupper():
        return int(text.strip())
    return None


def _without_footnotes(lines: list[_Line], body_height: float) -> list[_Line]:
    """Cut a page's footnotes: from the first line that starts a footnote whose marker came before it.

    Markers are superscript digits, digits glued to a word, or a digit on a line of its own; a
    footnote is always below its marker, in type no larger than the text's.
    """
    markers: set[int] = set()
    for index, line in enumerate(lines):
        number = _footnote_start(lines, index)
        if number is not None and number in markers and index > 0 and line.height <= body_height * 1.05:
            return lines[:index]
        stripped = line.text.strip()
        if stripped.isdigit() and len(stripped) <= 2:
            markers.add(int(stripped))
        else:
            footnote_markers(line.text, markers)
    return lines


# --- tables and paragraphs ------------------------------------------------------------------------

@dataclass
class _Metrics:
    """The document's body text: its line height, line pitch and right margin."""

    height: float
    pitch: float
    right: float

    def pitch_for(self, height: float) -> float:
        return self.pitch * height / self.height

    def spaced(self, above: _Line, below: _Line) -> bool:
        """More space between the lines than between the lines of a paragraph (or of a table's cell)."""
        return above.bottom - below.top > self.pitch_for(below.height) - below.height + 0.25 * below.height


def _metrics(pages: list[list[_Line]]) -> _Metrics:
    heights: Counter = Counter()
    for lines in pages:
        heights.update(round(line.height, 1) for line in lines if len(line.cells) == 1)
    height = heights.most_common(1)[0][0] if heights else 12.0
    pitches: Counter = Counter()
    rights = []
    for lines in pages:
        for above, below in zip(lines, lines[1:]):
            if len(above.cells) == len(below.cells) == 1 and abs(above.height - height) < 0.3 \
                    and abs(below.height - height) < 0.3:
                pitches[round(above.bottom - below.bottom, 1)] += 1
        rights += [line.right for line in lines if len(line.cells) == 1 and len(line.text) > 40]
    pitch = pitches.most_common(1)[0][0] if pitches else height * 1.2
    rights.sort()
    right = rights[int(len(rights) * 0.9)] if rights else max((line.right for lines in pages for line in lines),
                                                              default=0.0)
    return _Metrics(height, pitch if pitch > 0 else height * 1.2, right)


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text and not (text.endswith("-") and part[:1].islower()):
            text += " "  # no space inside a word hyphenated at a line end
        text += part
    return text


@dataclass
class _Table:
    """Consecutive lines in the columns of a line with cells."""

    starts: list[float]  # the left edge of each column
    lines: list[_Line]

    def column(self, piece: Piece, height: float) -> int:
        tolerance = 0.5 * height
        return max([k for k, start in enumerate(self.starts) if piece.left >= start - tolerance] or [0])

    def columns(self, line: _Line) -> list[int] | None:
        """The column of each of the line's cells, or None if the line is not in the table's columns.

        A line with a cell for every column fits when no cell reaches into the next column (a column of
        right-aligned numbers starts further left on a wider number); the cells of other lines must
        each start in a different column and end before the next one starts."""
        height = line.height
        cells = line.cells
        if cells[0].left < self.starts[0] - 0.5 * height:
            return None
        if len(cells) == len(self.starts):
            if all(before.right <= max(start, after.left) - 0.15 * height
                   for before, after, start in zip(cells, cells[1:], self.starts[1:])):
                return list(range(len(cells)))
            return None
        placed = [self.column(cell, height) for cell in cells]
        if len(set(placed)) < len(placed):
            return None
        for k, cell in zip(placed, cells):
            if k + 1 < len(self.starts) and cell.right > self.starts[k + 1] - 0.15 * height:
                return None
        return placed

    def fits(self, line: _Line) -> bool:
        return self.columns(line) is not None

    def in_later_column(self, line: _Line) -> bool:
        return len(line.cells) > 1 or self.column(line.cells[0], line.height) > 0

    def takes(self, line: _Line, following: list[_Line], metrics: _Metrics) -> bool:
        """The line continues the table: it is in its columns, and it continues a cell (as close as a cell's
        lines), or it starts a row: it has text in a column after the first, or a line of the same cell
        below it (a cell's line spacing apart) has."""
        previous = self.lines[-1]
        if not self.fits(line) or previous.bottom - line.top > 2 * line.height:
            return False
        if not metrics.spaced(previous, line) or self.in_later_column(line):
            return True
        for below in following:
            if not self.fits(below) or metrics.spaced(line, below):
                return False
            if self.in_later_column(below):
                return True
            line = below
        return False

    def starts_cell(self, above: _Line, below: _Line, metrics: _Metrics) -> bool:
        """The line above the table's first line is the first line of a cell that continues on it: it is
        in the first column, as close as a cell's lines, and too full for the next line's first word."""
        if len(above.cells) != 1 or not self.fits(above) or self.column(above.cells[0], above.height) != 0 \
                or metrics.spaced(above, below):
            return False
        first = below.cells[0]
        if self.column(first, below.height) != 0:
            return False
        word = first.word_right - first.left
        return above.right + 0.3 * below.height + word >= self.starts[1] - 1.5 * below.height

    def rows(self, metrics: _Metrics) -> list[str]:
        """One line per row, cells separated by tabs. A row ends at a wider gap than a cell's line spacing,
        or, in a table without such gaps, where a line has text in the first column and another."""
        spaced = metrics.spaced
        padded = any(spaced(a, b) for a, b in zip(self.lines, self.lines[1:]))
        rows: list[list[list[str]]] = []
        previous: _Line | None = None
        for line in self.lines:
            columns = self.columns(line) or [self.column(cell, line.height) for cell in line.cells]
            new_row = previous is None or (spaced(previous, line) if padded else (0 in columns and len(columns) > 1))
            if new_row:
                rows.append([[] for _ in self.starts])
            for k, cell in zip(columns, line.cells):
                rows[-1][k].append(cell.text)
            previous = line
        return ["\t".join(text for text in (_join(parts) for parts in row) if text) for row in rows]


def _tables_and_lines(lines: list[_Line], metrics: _Metrics) -> list[_Table | _Line]:
    """The page's lines, with the lines of each table gathered into a :class:`_Table`.

    A table starts at a line with cells, and takes the lines above it that are a cell's first lines
    (in its columns, at a cell's line spacing: a row whose other cells are centred, or a table
    continued from the page before) and the lines below it that are in its columns.
    """
    out: list[_Table | _Line] = []
    table: _Table | None = None
    for index, line in enumerate(lines):
        if table is not None and table.takes(line, lines[index + 1: index + 8], metrics):
            table.lines.append(line)
            continue
        table = None
        if len(line.cells) > 1:
            table = _Table([cell.left for cell in line.cells], [line])
            while out and isinstance(out[-1], _Line) and table.starts_cell(out[-1], table.lines[0], metrics):
                table.lines.insert(0, out.pop())
            out.append(table)
        else:
            out.append(line)
    return out


def _is_full(above: _Line, below: _Line, metrics: _Metrics) -> bool:
    """The line above ends where it does because the next line's first word would not have fitted on it."""
    word = below.cells[0].word_right - below.left
    return above.right + 0.3 * below.height + word >= metrics.right - 0.2 * below.height


def _same_size(above: _Line, below: _Line) -> bool:
    return abs(above.height - below.height) <= 0.08 * max(above.height, below.height)


@dataclass
class _Paragraph:
    lines: list[_Line]
    body_left: float | None = None  # where its second and later lines start

    def continues(self, line: _Line, metrics: _Metrics, same_page: bool) -> bool:
        last = self.lines[-1]
        if _LIST_START.match(line.text) or not _same_size(last, line):
            return False
        height = line.height
        if self.body_left is None:
            aligned = abs(line.left - self.lines[0].left) <= 3 * height
        else:
            aligned = abs(line.left - self.body_left) <= 0.3 * height
        if not aligned:
            return False
        if same_page:
            pitch = last.bottom - line.bottom
            if not 0 < pitch <= metrics.pitch_for(height) * 1.12 + 0.3:
                return False
        return _is_full(last, line, metrics) or (not same_page and line.text[:1].islower())

    def add(self, line: _Line) -> None:
        if self.body_left is None:
            self.body_left = line.left
        self.lines.append(line)

    @property
    def text(self) -> str:
        return _join([line.text for line in self.lines])


def _blocks(pages: list[list[_Line]], metrics: _Metrics) -> list[str]:
    blocks: list[_Paragraph | list[str]] = []
    same_page = False
    for lines in pages:
        same_page = False
        for item in _tables_and_lines(lines, metrics):
            if isinstance(item, _Table):
                blocks.append(item.rows(metrics))
            elif blocks and isinstance(blocks[-1], _Paragraph) and blocks[-1].continues(item, metrics, same_page):
                blocks[-1].add(item)
            else:
                blocks.append(_Paragraph([item]))
            same_page = True
    return [block.text if isinstance(block, _Paragraph) else "\n".join(block) for block in blocks]


# --- the report's text ----------------------------------------------------------------------------

def layout_text(pieces_by_page: list[list[Piece]]) -> str:
    """The report's text from its pages' pieces: paragraphs separated by blank lines, table rows with
    tab-separated cells; "" when the pages hold no text."""
    pages = [_lines(pieces) for pieces in pieces_by_page]
    if not any(pages):
        return ""
    for lines in pages:
        starts = _column_starts(lines)
        for line in lines:
            _split_cells(line, starts)
            for cell in line.cells:
                cell.text = cell.text.translate(_LIGATURES)
    furniture = _furniture(pages)
    pages = [_without_furniture(lines, furniture) for lines in pages]
    metrics = _metrics(pages)
    pages = [_without_footnotes(lines, metrics.height) for lines in pages]
    return "\n\n".join(block for block in _blocks(pages, metrics) if block.strip()) + "\n"
