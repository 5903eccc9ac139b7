"""One read-only Qt table model over a pandas DataFrame, reused by every tab.

Rows keep their DataFrame position whatever the on-screen order: ``sort()`` only reorders a
permutation, and the colour and tooltip callbacks, like :meth:`DataFrameModel.frame_row`, always
speak in DataFrame row positions. Numbers sort as numbers (missing values last), text sorts
case-insensitively.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Number
from typing import Any

import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from viewer.ui.plain_text import tooltip

CellColours = Callable[[int, int], "tuple[str | None, str | None] | None"]
CellText = Callable[[int, int], "str | None"]
Formatter = Callable[[Any], str] | str

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw value, for sorting and for tests

_Index = QModelIndex | QPersistentModelIndex


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def default_text(value: Any) -> str:
    """Whole numbers without '.0', other numbers to at most one decimal, missing values blank."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Number):
        number = float(value)
        if number.is_integer():
            return f"{int(number):,}"
        return f"{number:,.1f}"
    return str(value)


class DataFrameModel(QAbstractTableModel):
    """A read-only view of a DataFrame.

    ``formats`` maps a column name to a format string (``"{:g}%"``) or a function giving the
    display text. ``colours(row, column)`` returns ``(background_hex, text_hex)`` or None;
    ``tooltips(row, column)`` returns text or None; ``bold_columns`` are drawn in bold;
    ``sort_by`` maps a column to the column it sorts by (a text "Value" by a numeric "Number").
    """

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        *,
        formats: dict[str, Formatter] | None = None,
        colours: CellColours | None = None,
        tooltips: CellText | None = None,
        bold_columns: tuple[str, ...] = (),
        sort_by: dict[str, str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame()
        self._order: list[int] = []
        self._formats: dict[str, Formatter] = {}
        self._colours: CellColours | None = None
        self._tooltips: CellText | None = None
        self._bold: set[int] = set()
        self._sort_by: dict[str, str] = {}
        self._bold_font = QFont()
        self._bold_font.setBold(True)
        self.set_frame(frame if frame is not None else pd.DataFrame(), formats=formats, colours=colours,
                       tooltips=tooltips, bold_columns=bold_columns, sort_by=sort_by)

    # ----------------------------------------------------------------------------- contents

    def set_frame(
        self,
        frame: pd.DataFrame,
        *,
        formats: dict[str, Formatter] | None = None,
        colours: CellColours | None = None,
        tooltips: CellText | None = None,
        bold_columns: tuple[str, ...] = (),
        sort_by: dict[str, str] | None = None,
    ) -> None:
        """Replace the table (and its callbacks); the on-screen order goes back to the frame's order."""
        self.beginResetModel()
        self._frame = frame.reset_index(drop=True)
        # Plain Python rows and names: data() is called thousands of times while a table is laid
        # out, and pandas' per-cell indexing would dominate start-up.
        self._rows = [list(row) for row in self._frame.itertuples(index=False, name=None)]
        self._columns = [str(c) for c in self._frame.columns]
        self._order = list(range(len(self._frame)))
        self._formats = dict(formats or {})
        self._colours = colours
        self._tooltips = tooltips
        self._bold = {i for i, c in enumerate(self._frame.columns) if c in bold_columns}
        self._sort_by = dict(sort_by or {})
        self.endResetModel()

    @property
    def frame(self) -> pd.DataFrame:
        """The DataFrame in its original order (do not modify)."""
        return self._frame

    def frame_row(self, view_row: int) -> int:
        """The DataFrame row position shown at ``view_row``."""
        return self._order[view_row]

    def value(self, view_row: int, column: int) -> Any:
        return self._rows[self._order[view_row]][column]

    def text(self, view_row: int, column: int) -> str:
        """What a person sees in a cell."""
        return self._display(self.value(view_row, column), column)

    def column_texts(self, column: int | str) -> list[str]:
        """The cells of one column as displayed, top to bottom."""
        col = column if isinstance(column, int) else list(self._frame.columns).index(column)
        return [self.text(r, col) for r in range(self.rowCount())]

    def _display(self, value: Any, column: int) -> str:
        fmt = self._formats.get(self._columns[column])
        if fmt is None or _is_missing(value):
            return default_text(value)
        return fmt.format(value) if isinstance(fmt, str) else fmt(value)

    # ------------------------------------------------------------------------------ Qt API

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._frame.columns)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(self._frame.columns[section]) if 0 <= section < len(self._frame.columns) else None
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._order[index.row()], index.column()
        value = self._rows[row][col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(value, col)
        if role == SORT_ROLE:
            by = self._sort_by.get(self._columns[col])
            if by in self._columns:
                value = self._rows[row][self._columns.index(by)]
            return None if _is_missing(value) else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltips(row, col)) if self._tooltips else None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and self._colours:
            pair = self._colours(row, col)
            if pair:
                colour = pair[0] if role == Qt.ItemDataRole.BackgroundRole else pair[1]
                return QColor(colour) if colour else None
            return None
        if role == Qt.ItemDataRole.FontRole and col in self._bold:
            return self._bold_font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = (isinstance(value, Number) and not isinstance(value, bool)) or self._columns[col] in self._sort_by
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the view by a column: numbers numerically, text ignoring case, blanks last."""
        if not 0 <= column < len(self._frame.columns):
            return
        by = self._sort_by.get(self._frame.columns[column])
        series = self._frame[by] if by in self._frame.columns else self._frame.iloc[:, column]
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        key = series if numeric else series.map(lambda v: "" if _is_missing(v) else str(v).casefold())
        missing = series.isna() if numeric else key.eq("")
        ascending = order == Qt.SortOrder.AscendingOrder
        present = key[~missing].sort_values(ascending=ascending, kind="stable")
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._order[i.row()] for i in old]
        self._order = [int(i) for i in present.index] + [int(i) for i in key[missing].index]
        position = {frame_row: view_row for view_row, frame_row in enumerate(self._order)}
        self.changePersistentIndexList(old, [self.index(position[r], i.column()) for r, i in zip(old_rows, old)])
        self.layoutChanged.emit()
