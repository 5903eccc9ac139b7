"""How wide printed text is, without Qt: DejaVu Sans's own advance widths, so the SVG charts can wrap
labels, size margins and keep texts apart before any font engine is at hand.

DejaVu Sans is the first family the charts name and the font the printed pages use; Arial and
Helvetica, its stand-ins where it is not installed, are narrower, so these widths err on the wide side.
Kerning only narrows a word, so a sum of advances is never short of the real width.
"""

from __future__ import annotations

import unicodedata

# Advance widths in 1/1000 em of DejaVu Sans Book and Bold for the characters below (read from the
# font with QFontMetricsF at a 1000-pixel size).
_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          "·—–◀…“”‘’£€×")
_BOOK = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 636 337 "
    "337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 611 732 "
    "684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 "
    "635 411 521 392 634 592 818 592 592 525 636 337 636 838 318 1000 500 769 1000 518 518 318 318 636 636 838")
_BOLD = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696 696 696 400 "
    "400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850 733 850 770 720 682 812 "
    "774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 "
    "716 493 595 478 712 652 924 645 652 582 712 365 712 838 380 1000 500 769 1000 657 657 380 380 696 696 838")
_WIDTHS = {bold: dict(zip(_CHARS, map(int, table.split()), strict=True)) for bold, table in ((False, _BOOK), (True, _BOLD))}
_UNKNOWN = 1000  # a character outside the table and without a plain base letter: as wide as an em


def _char_width(char: str, bold: bool) -> int:
    widths = _WIDTHS[bold]
    if char in widths:
        return widths[char]
    base = unicodedata.normalize("NFKD", char)[:1]  # "ŵ" is as wide as "w"
    return widths.get(base, _UNKNOWN)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in points of ``text`` set at ``size`` points."""
    return sum(_char_width(c, bold) for c in text) * size / 1000


def wrap_to_width(text: str, width: float, size: float, *, bold: bool = False, max_lines: int = 0,
                  cut_words: bool = True) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` points; a single word wider than that
    is cut into pieces that fit (or, without ``cut_words``, left whole on its own line); with
    ``max_lines``, the last line kept ends with "…"."""
    lines: list[str] = []
    for word in text.split():
        for piece in _pieces(word, width, size, bold) if cut_words else [word]:
            joined = f"{lines[-1]} {piece}" if lines else piece
            if lines and text_width(joined, size, bold) <= width:
                lines[-1] = joined
            else:
                lines.append(piece)
    lines = lines or [""]
    if max_lines and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return lines


def _pieces(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word as it is, or cut into pieces no wider than ``width`` when it is wider than a whole line."""
    if text_width(word, size, bold) <= width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, size, bold) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return pieces + [piece]


def longest_word_width(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest word of ``text``: the narrowest a column can be without cutting a word."""
    return max((text_width(w, size, bold) for w in text.split()), default=0.0)

