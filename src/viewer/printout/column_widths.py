"""Column widths for a wide printed table (the comparison's heat map), as a browser would size it.

Qt's rich text gives columns without widths equal shares, so a long word in a narrow column is cut
("Requires improvemen/t"). Here every column starts as wide as its longest word, so no word is cut
while the page has room for them all; the room left then goes, step by step, where it saves the most
printed lines for the width it costs (a row is as tall as its tallest cell); the rest is shared out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from viewer.printout.text_width import longest_word_width, text_width, wrap_to_width

PADDINGS = (2, 1)  # Qt's cellpadding in pixels (0.75 pt each): the roomier one unless the longest words need it
EXTRA_PT = 2.0  # the rule between cells and a point to spare

Column = tuple[str, list[str], bool]  # header, the texts in row order, bold


@dataclass(frozen=True)
class Widths:
    percents: list[str]  # each column's share of the table's width: "12.5%"
    padding: int  # the cellpadding they were worked out for


def column_widths(columns: list[Column], width_pt: float, size_pt: float, alike: frozenset[int] = frozenset()) -> Widths:
    """Widths for ``columns`` on ``width_pt`` points of ``size_pt`` text; the columns in ``alike`` (one
    standard each, say) are given one width where the page allows. A narrow page (Letter) gets the
    columns each their own width and then the tighter cell padding before any word is cut."""
    alone = [[c] for c in range(len(columns)) if c not in alike]
    for padding, grouped in [(p, g) for p in PADDINGS for g in (True, False)]:
        groups = ([sorted(alike)] if alike and grouped else [[c] for c in sorted(alike)]) + alone
        fit = _Fit(columns, size_pt, padding * 2 * 0.75 + EXTRA_PT)
        widths = [max(fit.least(c) for c in group) for group in groups]
        spare = width_pt - sum(w * len(g) for w, g in zip(widths, groups))
        if spare >= 0:
            break  # else, at the last try, words are cut: the page is narrower than the longest words
    while spare > 0:
        now = fit.lines(_by_column(groups, widths))
        best = None  # (lines saved per point, group, new width, cost)
        for g, group in enumerate(groups):
            most = max(fit.cell_lines(c, widths[g]) for c in group)
            if most <= 1:
                continue
            wider = max(fit.width_for(c, most - 1) for c in group)
            cost = (wider - widths[g]) * len(group)
            trial = widths[:g] + [wider] + widths[g + 1:]
            saved = _saving(now, fit.lines(_by_column(groups, trial)))
            if cost <= spare and saved > 0 and (best is None or saved / max(cost, 0.01) > best[0]):
                best = (saved / max(cost, 0.01), g, wider, cost)
        if best is None:
            break
        _, g, widths[g], cost = best
        spare -= cost
    by_column = _by_column(groups, widths)
    return Widths([f"{100 * w / sum(by_column):.1f}%" for w in by_column], padding)


def _by_column(groups: list[list[int]], widths: list[float]) -> list[float]:
    placed = {c: w for group, w in zip(groups, widths) for c in group}
    return [placed[c] for c in range(len(placed))]


def _saving(before: tuple[int, int], after: tuple[int, int]) -> float:
    """Lines saved: a row's line counts most (the page it saves), a cell's line a little."""
    return (before[0] - after[0]) + (before[1] - after[1]) / 1000


class _Fit:
    """How many lines each cell takes at a width, and the width a column needs for a number of lines."""

    def __init__(self, columns: list[Column], size_pt: float, pad_pt: float) -> None:
        self.size, self.pad = size_pt, pad_pt
        # The header row counts as a row; headers are bold.
        self.cells = [[(header, True)] + [(t, bold) for t in texts] for header, texts, bold in columns]

    def least(self, column: int) -> float:
        return max(longest_word_width(t, self.size, b) for t, b in self.cells[column]) + self.pad

    def width_for(self, column: int, lines: int) -> float:
        return max(_fit_width(t, b, lines, self.size) for t, b in set(self.cells[column])) + self.pad

    def cell_lines(self, column: int, width: float) -> int:
        return max(_lines(t, b, width - self.pad, self.size) for t, b in set(self.cells[column]))

    def lines(self, widths: list[float]) -> tuple[int, int]:
        """(the table's height in lines, every cell's lines added up) at these column widths."""
        per_cell = [[_lines(t, b, w - self.pad, self.size) for t, b in cells] for cells, w in zip(self.cells, widths)]
        rows = list(zip(*per_cell))
        return sum(max(row) for row in rows), sum(sum(row) for row in rows)


@lru_cache(maxsize=50_000)
def _lines(text: str, bold: bool, width: float, size: float) -> int:
    return len(wrap_to_width(text, width, size, bold=bold, cut_words=False))


@lru_cache(maxsize=50_000)
def _fit_width(text: str, bold: bool, lines: int, size: float) -> float:
    """The least width that sets ``text`` in at most ``lines`` lines without cutting a word."""
    low, high = longest_word_width(text, size, bold), text_width(text, size, bold)
    while high - low > 0.5:
        middle = (low + high) / 2
        if len(wrap_to_width(text, middle, size, bold=bold, cut_words=False)) <= lines:
            high = middle
        else:
            low = middle
    return high
