"""The Compare tab's heat map: units × standards, each cell its rating's colour with a short label (the full
one, the rule and any quotation on hover), the unit column frozen, the standards sharing the width the
other columns leave."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QSizePolicy, QTableView

from viewer.model import palette
from viewer.model.compare import (
    COMPUTED_SUFFIX, Entry, cell_note, cell_rating, compare_cell_colours, rating_columns, with_sort_keys,
)
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.widgets import FrozenFirstColumn, fit_columns, fit_rows, table_view, tooltip

COLUMN_CAPS = {"Unit": 150, "Region": 100, "Framework": 130, "Published": 75, "Overall": 100, "Score": 50, "Check": 75,
               "Source": 70}
RATING_MIN_WIDTH = 50  # a short rating label ("Req. impr.") on two lines at most
# A standard's cell shows a short label, so every standard fits beside the unit; the full one is on hover.
SHORT = {"Outstanding": "Outst.", "Good": "Good", "Requires improvement": "Req. impr.", "Inadequate": "Inad.",
         "not published": "—", "not in framework": "n/a", "open file": "file", "published outcome": "published",
         "region not given": "—", "not given": "—"}


class HeatMapModel(DataFrameModel):
    """The table model with a standard's name as its header's tooltip, and rating cells centred."""

    def __init__(self) -> None:
        super().__init__()
        self.header_tips: dict[str, str] = {}
        self.centred: set[str] = set()
        self.short: set[str] = set()  # columns whose cells show SHORT labels (the standards, Source)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            name = str(self.frame.columns[section]) if 0 <= section < len(self.frame.columns) else ""
            return tooltip(self.header_tips.get(name))
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.TextAlignmentRole and index.isValid()
                and str(self.frame.columns[index.column()]) in self.centred):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.isValid() \
                and str(self.frame.columns[index.column()]) in self.short:
            full = super().data(index, Qt.ItemDataRole.DisplayRole)
            short = short_label(full)
            if role == Qt.ItemDataRole.DisplayRole:
                return short
            tip = super().data(index, role)
            return tip if short == full else tooltip(f"{full}\n\n{tip}" if tip else full)
        return super().data(index, role)


class ShareWidth(QObject):
    """Give the standards' columns equal shares of the width the other columns leave (at least
    RATING_MIN_WIDTH each; the table scrolls sideways instead), again whenever the table is resized."""

    def __init__(self, view: QTableView, sections: Callable[[], list[int]]) -> None:
        super().__init__(view)
        self.view, self.sections = view, sections
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.share()
        return False

    def share(self) -> None:
        view, sections = self.view, self.sections()
        if not sections:
            return
        header, bar = view.horizontalHeader(), view.verticalScrollBar()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in sections and not header.isSectionHidden(c))
        width = view.width() - 2 * view.frameWidth() - (bar.sizeHint().width() if bar.isVisible() else 0)
        for column in sections:
            view.setColumnWidth(column, max(RATING_MIN_WIDTH, (width - others) // len(sections)))


def short_label(text: Any) -> Any:
    """"Req. impr." for "Requires improvement", "Good (c.)" for "Good (computed)"."""
    if not isinstance(text, str):
        return text
    computed = text.endswith(COMPUTED_SUFFIX)
    label = SHORT.get(text.removesuffix(COMPUTED_SUFFIX), text.removesuffix(COMPUTED_SUFFIX))
    return f"{label} (c.)" if computed else label


def fit_to_rows(view: QTableView, most: int = 520) -> None:
    """A table as tall as its rows (plus a horizontal scroll bar when it needs one), up to ``most``."""
    view.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    view.setMaximumHeight(most)


class HeatMap:
    """The heat map's table and model, and how a units frame is shown in it."""

    def __init__(self) -> None:
        self.model = HeatMapModel()
        self.view = table_view(self.model)
        # No selection colour over the heat map's cells: the highlighted unit's name is marked instead.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sections: list[int] = []  # the standards' columns, which share the width
        self.width_sharer = ShareWidth(self.view, lambda: self.sections)
        self.frozen = FrozenFirstColumn(self.view)  # the unit stays in view when scrolled sideways
        fit_to_rows(self.view)

    def show(self, frame: pd.DataFrame, entries: Sequence[Entry], highlighted: Callable[[], int | None],
             published: bool) -> None:
        """Show ``frame`` (a units frame, filtered; its index is each row's position in ``entries``); the unit
        ``highlighted()`` returns is marked; with ``published`` outcomes shown, standards no unit has a
        rating for take no room."""
        shown = [int(i) for i in frame.index]
        display, sort_by = with_sort_keys(frame)
        coloured = set(rating_columns(frame)) | {"Check"}
        columns = list(display.columns)
        cells = display.to_numpy().tolist()  # plain lists: a table asks for every cell's colour on each paint

        def colours(row: int, col: int) -> tuple[str, str] | None:
            if columns[col] == "Unit" and shown[row] == highlighted():
                return palette.HIGHLIGHT  # the highlighted unit's name
            return compare_cell_colours(cells[row][col]) if columns[col] in coloured else None

        self.model.centred = coloured
        self.model.short = set(rating_columns(frame)[1:]) | {"Source", "Region", "Published", "Score"}
        self.model.set_frame(display, colours=colours, bold_columns=("Unit", "Overall"), sort_by=sort_by,
                             tooltips=lambda r, c: cell_note(entries[shown[r]], columns[c]))
        hidden = tuple(c for c in columns if c not in frame.columns) + ("Score number", "Year")
        hidden += ("Framework",) if frame["Framework"].nunique() <= 1 else ()
        hidden += ("Source",) if frame["Source"].nunique() <= 1 else ()
        if published:  # a standard no unit shown has a rating for (few outcomes publish one) takes no room
            hidden += tuple(c for c in rating_columns(frame)[1:] if not any(cell_rating(t) for t in frame[c]))
        fit_columns(self.view, hidden=hidden, max_width=190)
        for name, cap in COLUMN_CAPS.items():  # longer values wrap onto a second line
            position = columns.index(name)
            self.view.setColumnWidth(position, min(self.view.columnWidth(position), cap))
        self.sections = [columns.index(c) for c in rating_columns(frame)[1:] if c not in hidden]
        self.width_sharer.share()
        fit_rows(self.view)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.updateGeometry()
        self.frozen.refresh()
