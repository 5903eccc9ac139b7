"""Small widgets shared by the inspection tabs: headings, rating badges, notes, the empty state."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHeaderView, QLabel, QScrollArea, QSplitter, QStackedWidget, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QTreeView, QVBoxLayout, QWidget,
)

from viewer.model import palette
from viewer.ui import theme
from viewer.model.ratings import Rating, colours_for
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.plain_text import tooltip  # noqa: F401 (re-exported for the tabs)

EMPTY_TEXT = "No inspection open — use File ▸ Open…"
MARGIN = 12
ROW_HEIGHT = 26  # minimum table row height: room to breathe around one line of text
SPACING = 8



def heading(text: str = "", size: int = 0) -> QLabel:
    """A bold section heading; ``size`` adds points to the default font size."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data from a file is never markup
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
    label.setTextFormat(Qt.TextFormat.PlainText)  # data from a file is never markup
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {theme.tone(theme.NOTE)};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def rich_label() -> QLabel:
    """A label for text the code marks up itself; every value from a file must go through escape()."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def chip_label(colours: tuple[str, str]) -> QLabel:
    """A word-wrapped line of plain text (unit names come from files) on a coloured chip."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(chip_style(*colours))
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

    def set_flag(self, text: str, ok: bool, neutral: bool = False) -> None:
        self.setWordWrap(len(text) > 110)  # one line when it fits; a long list of disagreements wraps
        self.setText(text)
        self.setStyleSheet(chip_style(*(palette.NEUTRAL if neutral else palette.AGREES if ok else palette.WARNING)))


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
        self.empty_label.setStyleSheet(f"color: {theme.tone(theme.NOTE)};")
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
    view.setStyleSheet("QTableView { outline: 0; }")  # no dotted focus box inside the selected row
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
        if name in hidden:  # no need to measure what is not shown (a comparison hides dozens of columns)
            continue
        if name in stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, min(view.columnWidth(column) + 12, max_width))
    view.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
    fit_rows(view)
    if view.findChild(_OnResize) is None:
        _OnResize(view, view.horizontalHeader(), lambda: _refit(view))


class _OnResize(QObject):
    """Run ``action`` once the event loop is free, whenever a view's width or one of its columns changes.

    Stretched columns only get their final width once the window is laid out, so fitting wrapped text
    once, when the data arrives, would leave rows sized for the wrong width.
    """

    def __init__(self, view: QAbstractItemView, header: QHeaderView, action: Callable[[], None]) -> None:
        super().__init__(view)
        self.view, self.action = view, action
        self._width = -1
        self._timer = QTimer(self)  # a child: it dies with the view, so no call can reach a deleted view
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.action)
        view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._later)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self._width = self.view.viewport().width()
            self._later()
        return False

    def _later(self, *_args: object) -> None:
        self._timer.start()


def _refit(view: QTableView) -> None:
    """Rows fitted to their wrapped text; with ``fit_height`` the table shrinks to its rows too."""
    fit_rows(view)
    if view.property("fitHeight"):
        fit_height(view)


def fit_rows(view: QTableView, padding: int = 8) -> None:
    """Rows as tall as their (wrapped) text plus a little air."""
    view.resizeRowsToContents()
    for row in range(view.model().rowCount()):
        view.setRowHeight(row, max(view.rowHeight(row) + padding, ROW_HEIGHT))


def fit_height(view: QTableView) -> None:
    """Make a short table exactly as tall as its header and rows (no empty space, no scroll bar)."""
    view.setProperty("fitHeight", True)
    height = view.horizontalHeader().height() + 2 * view.frameWidth() + 2
    height += sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    if view.height() != height:
        view.setFixedHeight(height)


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit word-wrapped text in a tree (QTreeView does not work them out itself)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return size
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        bounds = QFontMetrics(opt.font).boundingRect(
            QRect(0, 0, max(self._text_width(index), 60), 100_000), int(Qt.TextFlag.TextWordWrap), str(text)
        )
        return QSize(size.width(), max(size.height(), bounds.height() + 10))

    def _text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        tree = self.tree
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        if tree.isFirstColumnSpanned(index.row(), index.parent()):
            width = tree.viewport().width()
        else:
            width = tree.header().sectionSize(index.column())
        if index.column() == 0:
            width -= tree.indentation() * (depth + (1 if tree.rootIsDecorated() else 0))
        return width - 14


def wrap_tree(tree: QTreeView) -> None:
    """Word-wrap a tree's items (no clipped sentences), re-fitting row heights on every resize."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setItemDelegate(WrappingDelegate(tree))
    _OnResize(tree, tree.header(), tree.doItemsLayout)  # row heights follow the text


def vertical_scroll(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless area that scrolls up and down only (for a short screen)."""
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


@cache
def swatch_icon(colour: str, size: int = 14) -> QIcon:
    """A square of a rating's colour, the same whether its row is selected or not (a plain colour as an
    item's decoration is tinted by the selection: orange turned khaki)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)
    return icon


class FrozenFirstColumn(QObject):
    """Keep a table's first column in view while it scrolls sideways: a second view of the same model,
    showing only that column, laid over the table's left edge (Qt's "frozen column" pattern). Selection,
    row heights, scrolling and the column's width follow the table."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.frozen = frozen = QTableView(view)
        frozen.setModel(view.model())
        frozen.setSelectionModel(view.selectionModel())
        frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        frozen.verticalHeader().hide()
        frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frozen.setVerticalScrollMode(view.verticalScrollMode())
        frozen.setWordWrap(view.wordWrap())
        frozen.setTextElideMode(view.textElideMode())
        frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid #9aa5b1; }")
        frozen.horizontalHeader().setDefaultAlignment(view.horizontalHeader().defaultAlignment())
        frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        frozen.setSelectionBehavior(view.selectionBehavior())
        frozen.setSelectionMode(view.selectionMode())
        view.viewport().stackUnder(frozen)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        view.verticalHeader().sectionResized.connect(lambda row, _old, size: frozen.setRowHeight(row, size))
        frozen.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.verticalScrollBar().valueChanged.connect(frozen.verticalScrollBar().setValue)
        view.model().modelReset.connect(self.refresh)
        view.model().layoutChanged.connect(self.refresh)
        view.installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        view, frozen = self.view, self.frozen
        for column in range(view.model().columnCount()):
            frozen.setColumnHidden(column, column != 0)
        frozen.setColumnWidth(0, view.columnWidth(0))
        for row in range(view.model().rowCount()):
            frozen.setRowHeight(row, view.rowHeight(row))
        self._place()

    def _column_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, size)
            self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        view = self.view
        self.frozen.setGeometry(view.verticalHeader().width() + view.frameWidth(), view.frameWidth(),
                                view.columnWidth(0), view.viewport().height() + view.horizontalHeader().height())
        self.frozen.setVisible(view.model().columnCount() > 0 and not view.isColumnHidden(0))


class SideBySide(QSplitter):
    """Two parts of a tab side by side where there is room, one above the other on a narrow window (side by
    side, both were too narrow to read); ``stacked_height`` keeps each part a readable height when stacked
    (the page then scrolls)."""

    FROM_WIDTH = 930  # the splitter's width (a tab of about 960 pixels) from which both parts have room

    def __init__(self, first: QWidget, second: QWidget, side_sizes: list[int], stacked_sizes: list[int],
                 stacked_height: int = 0) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.addWidget(first)
        self.addWidget(second)
        self.sizes_for = {Qt.Orientation.Horizontal: side_sizes, Qt.Orientation.Vertical: stacked_sizes}
        self.stacked_height = stacked_height
        self.setSizes(side_sizes)
        self.setChildrenCollapsible(False)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        wanted = Qt.Orientation.Horizontal if self.width() >= self.FROM_WIDTH else Qt.Orientation.Vertical
        if self.orientation() != wanted:
            self.setOrientation(wanted)
            self.setSizes(self.sizes_for[wanted])
            self.setMinimumHeight(self.stacked_height if wanted == Qt.Orientation.Vertical else 0)
