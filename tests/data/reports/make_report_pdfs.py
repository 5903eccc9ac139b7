"""Draw the seed report as an A4 PDF with Qt, and the PDFs that must fail (see make_report_files.py)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPageSize, QPainter, QPdfWriter

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 595.0, 842.0, 64.0, 64.0, 70.0, 60.0
TEXT_WIDTH = WIDTH - LEFT - RIGHT
HEADER = "Inspection of probation services: Hertfordshire PDU"
NEW_PAGE_BEFORE = ("Contents", "Foreword", "Ratings", "Recommendations", "Background", "Annexe one – Web links")


def _digits(text: str) -> str:
    return text.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))


class Document:
    def __init__(self, path: Path, footnotes: dict[str, str]) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        self.writer.setResolution(72)
        self.writer.setTitle("An inspection of probation services in: Hertfordshire PDU")
        self.writer.setCreator("Inspection Viewer test data")
        self.painter = QPainter(self.writer)
        self.body = QFont("DejaVu Sans", 10)
        self.bold = QFont("DejaVu Sans", 12, QFont.Weight.Bold)
        self.small = QFont("DejaVu Sans", 7)
        self.note = QFont("DejaVu Sans", 8)
        self.footnotes = footnotes
        self.page_notes: list[str] = []
        self.page = 1
        self.y = TOP

    # --- pages ----------------------------------------------------------------------------------
    def _notes_height(self, notes: list[str]) -> float:
        return sum(len(self.wrap(self.footnotes[n], self.note, TEXT_WIDTH - 12)) * 11 + 2 for n in notes) + \
            (10 if notes else 0)

    def _finish_page(self) -> None:
        p = self.painter
        if self.page_notes:
            y = HEIGHT - BOTTOM - self._notes_height(self.page_notes) + 8
            p.setPen(QColor("#555555"))
            p.drawLine(int(LEFT), int(y - 6), int(LEFT + 120), int(y - 6))
            p.setPen(QColor("#000000"))
            for number in self.page_notes:
                p.setFont(self.note)
                p.drawText(QRectF(LEFT, y, 12, 12), number)
                for line in self.wrap(self.footnotes[number], self.note, TEXT_WIDTH - 12):
                    p.drawText(int(LEFT + 12), int(y + 9), line)
                    y += 11
                y += 2
        if self.page > 1:
            p.setFont(self.note)
            p.drawText(int(LEFT), 40, HEADER)
            p.drawText(int(WIDTH / 2 - 5), int(HEIGHT - 30), str(self.page))
        self.page_notes = []

    def new_page(self) -> None:
        self._finish_page()
        self.writer.newPage()
        self.page += 1
        self.y = TOP

    def close(self) -> None:
        self._finish_page()
        self.painter.end()

    # --- text -----------------------------------------------------------------------------------
    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        metrics = QFontMetricsF(font)
        lines, line = [], ""
        for word in text.split(" "):
            trial = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(re.sub(f"[{SUPERSCRIPTS}]", "", trial)) > width and line:
                lines.append(line)
                line = word
            else:
                line = trial
        return lines + ([line] if line else [])

    def _draw_runs(self, line: str, x: float, font: QFont) -> None:
        metrics = QFontMetricsF(font)
        for piece in re.split(f"([{SUPERSCRIPTS}]+)", line):
            if not piece:
                continue
            if piece[0] in SUPERSCRIPTS:
                self.painter.setFont(self.small)
                self.painter.drawText(int(x), int(self.y - 4), _digits(piece))
                x += QFontMetricsF(self.small).horizontalAdvance(_digits(piece))
            else:
                self.painter.setFont(font)
                self.painter.drawText(int(x), int(self.y), piece)
                x += metrics.horizontalAdvance(piece)

    def line(self, text: str, x: float = LEFT, font: QFont | None = None, height: float = 14) -> None:
        notes = [_digits(m) for m in re.findall(f"[{SUPERSCRIPTS}]+", text) if _digits(m) in self.footnotes]
        if self.y + height > HEIGHT - BOTTOM - self._notes_height(self.page_notes + notes):
            self.new_page()
        self.page_notes += notes
        self.y += height
        self._draw_runs(text, x, font or self.body)

    def paragraph(self, text: str, indent: float = 0, font: QFont | None = None, bullet: bool = False,
                  after: float = 6) -> None:
        font = font or self.body
        for number, line in enumerate(self.wrap(text, font, TEXT_WIDTH - indent)):
            if bullet and number == 0:
                self.line("•", LEFT + indent - 12, font)
                self.y -= 14
            self.line(line, LEFT + indent, font)
        self.y += after

    def row(self, left: str, right: str, font: QFont | None = None, split: float = 360) -> None:
        lines = self.wrap(left, font or self.body, split)
        if self.y + 14 * len(lines) > HEIGHT - BOTTOM - self._notes_height(self.page_notes):
            self.new_page()
        for line in lines:
            self.line(line, LEFT, font)
        self.painter.setFont(self.bold if right.endswith("%") and right in ("17%", "41%", "39%", "52%") else self.body)
        self.painter.drawText(int(LEFT + split + 40), int(self.y), right)
        self.y += 4


def make_report_pdf(elements: list[tuple[str, str]], path: Path, stop_after: str | None = None) -> None:
    footnotes = {}
    for kind, text in elements:
        if kind == "footnote":
            mark = re.match(f"[{SUPERSCRIPTS}]+", text).group(0)
            footnotes[_digits(mark)] = text[len(mark):].strip()
    doc = Document(path, footnotes)
    in_ratings = False
    index = 0
    while index < len(elements):
        kind, text = elements[index]
        index += 1
        if kind == "heading" and text == stop_after:
            break
        if kind == "heading" and (text in NEW_PAGE_BEFORE or (text[:2] in ("1.", "2.") and not in_ratings)) \
                and doc.page >= 1 and doc.y > TOP + 30:
            doc.new_page()
        in_ratings = (in_ratings or text == "Ratings") and text != "Recommendations"
        if in_ratings and kind == "heading" and text.startswith("P ") and index < len(elements):
            doc.row(text, elements[index][1], split=300)
            index += 1
        elif kind == "heading":
            doc.y += 6
            doc.paragraph(text, font=doc.bold, after=4)
        elif kind == "row":
            left, right = text.split("\t", 1)
            doc.row(left, right)
        elif kind == "bullet":
            doc.paragraph(text, indent=16, bullet=True)
        elif kind == "quote":
            italic = QFont(doc.body)
            italic.setItalic(True)
            doc.paragraph(text, indent=24, font=italic)
        elif kind == "para":
            doc.paragraph(text)
    doc.close()


def make_scanned_pdf(path: Path) -> None:
    """A page that shows text only as a picture, as a scanner makes it."""
    image = QImage(595, 842, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 18))
    painter.drawText(60, 120, "HM Inspectorate of Probation")
    painter.drawText(60, 160, "An inspection of probation services in: Hertfordshire PDU")
    painter.end()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.drawImage(QRectF(0, 0, 595, 842), image)
    painter.drawRect(40, 40, 515, 762)
    painter.end()


def make_pdfs(elements: list[tuple[str, str]], folder: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    app = QGuiApplication.instance() or QGuiApplication([])
    report = folder / "hertfordshire.pdf"
    make_report_pdf(elements, report)
    foreword = folder / "foreword-only.tmp.pdf"
    make_report_pdf(elements, foreword, stop_after="Ratings")
    for name, user, source in (("encrypted.pdf", "secret", foreword), ("owner-locked.pdf", "", foreword)):
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.encrypt(user_password=user, owner_password="owner-only", algorithm="RC4-128")
        with open(folder / name, "wb") as handle:
            writer.write(handle)
    foreword.unlink()
    data = report.read_bytes()
    middle = len(data) // 3
    damaged = data[:middle] + bytes((b * 7 + 13) % 256 for b in data[middle: middle + 4000])
    (folder / "damaged.pdf").write_bytes(damaged[: len(damaged) // 2 + 2000])
    make_scanned_pdf(folder / "scanned.pdf")
    del app
