"""Small widgets shared by the inspection tabs: headings, rating badges, notes, the empty state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHeaderView, QLabel, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from viewer.model.ratings import Rating, colours_for
from viewer.ui.dataframe_model import DataFrameModel

EMPTY_TEXT = "No inspection open — use File ▸ Open…"
MARGIN = 12
SPACING = 8

OK_COLOURS = ("#e3f1e3", "#1b5e20")
WARN_COLOURS = ("#fde7ea", "#8a0a1f")
NOTE_COLOUR = "#505050"


def heading(text: str = "", size: int = 0) -> QLabel:
    """A bold section heading; ``size`` adds points to the default font size."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    if size:
        font.setPointSizeF(font.pointSizeF() + size)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def note(text: str = "") -> QLabel:
    """A grey, word-wrapped explanatory line (provenance, rules, hints)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {NOTE_COLOUR};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def chip_style(background: str, foreground: str, bold: bool = True, radius: int = 4) -> str:
    weight = "font-weight: bold;" if bold else ""
    return (f"background-color: {background}; color: {foreground}; border-radius: {radius}px; "
            f"padding: 4px 10px; {weight}")


class RatingBadge(QLabel):
    """A rating written on its colour: the label is always written, colour is never the only signal."""

    def __init__(self, rating: Rating | None = None, prefix: str = "", size: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefix = prefix
        if size:
            font = self.font()
            font.setPointSizeF(font.pointSizeF() + size)
            self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_rating(rating)

    def set_rating(self, rating: Rating | None, missing_text: str = "not published") -> None:
        self.rating = rating
        background, foreground = colours_for(rating)
        label = rating.label if rating else missing_text
        self.setText(f"{self._prefix}{label}")
        self.setStyleSheet(chip_style(background, foreground))


class FlagLabel(QLabel):
    """A one-line verdict: green when things agree, red when they do not (with the words saying so)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_flag(self, text: str, ok: bool) -> None:
        self.setText(text)
        self.setStyleSheet(chip_style(*(OK_COLOURS if ok else WARN_COLOURS)))


class EmptyStateStack(QStackedWidget):
    """Shows the content, or a friendly message when there is nothing to show."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() + 3)
        self.empty_label.setFont(font)
        self.empty_label.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.content = content
        self.addWidget(self.empty_label)
        self.addWidget(content)
        self.show_empty()

    def show_empty(self, text: str = EMPTY_TEXT) -> None:
        self.empty_label.setText(text)
        self.setCurrentWidget(self.empty_label)

    def show_content(self) -> None:
        self.setCurrentWidget(self.content)

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label


def tab_layout(tab: QWidget, content: QWidget) -> EmptyStateStack:
    """Give a tab its margins and an empty-state stack around ``content``."""
    stack = EmptyStateStack(content)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout.addWidget(stack)
    return stack


def table_view(model: DataFrameModel, sortable: bool = True) -> QTableView:
    """A read-only table view with row selection, alternating rows and word-wrapped cells."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.setSortingEnabled(sortable)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setFrameShape(QFrame.Shape.StyledPanel)
    if sortable:
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    return view


def fit_columns(view: QTableView, stretch: tuple[str, ...] = (), hidden: tuple[str, ...] = (),
                max_width: int = 260) -> None:
    """Size columns to their contents (capped), stretch the long-text ones, then fit row heights."""
    model = view.model()
    header = view.horizontalHeader()
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    for column, name in enumerate(names):
        view.setColumnHidden(column, name in hidden)
        if name in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, min(view.columnWidth(column) + 8, max_width))
    view.resizeRowsToContents()
    if stretch and not view.property("rowsFollowColumns"):
        # Stretched widths settle after layout: refit the row heights whenever a column resizes.
        view.setProperty("rowsFollowColumns", True)
        header.sectionResized.connect(lambda *_: view.resizeRowsToContents())


def card(layout_owner: QWidget | None = None) -> QFrame:
    """A white panel with a thin border, used to group a heading with its content."""
    frame = QFrame(layout_owner)
    frame.setObjectName("card")
    frame.setStyleSheet("QFrame#card { background: #ffffff; border: 1px solid #d0d0d0; border-radius: 6px; }")
    return frame
