"""The Key questions tab: for each domain-two standard, its key questions against the rating bands."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QListView, QSizePolicy, QSplitter, QVBoxLayout, QWidget,
)

from viewer.charts.bar_chart import ChartView
from viewer.model import palette
from viewer.model.charts import key_questions_chart
from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, StandardAssessment
from viewer.model.ratings import colours_for
from viewer.model.tables import (
    DECIDING, domain_label, key_question_bands_text, key_questions_table, rated_by_key_questions,
    rating_cell_colours,
)
from viewer.ui import theme
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.widgets import (
    SPACING, RatingBadge, chip_style, fit_columns, fit_height, heading, note, rich_label, tab_layout, table_view,
    swatch_icon, tooltip, vertical_scroll,
)


def _domain_item(text: str) -> QStandardItem:
    """A heading in the list of standards: read, not chosen."""
    item = QStandardItem(text)
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


THEME_FROM = 640  # the table's width from which the Theme column has room beside a readable question


class KeyQuestionsTab(QWidget):
    TITLE = "Key questions"

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_theme()

    def _fit_theme(self) -> None:
        """On a narrow window the Theme column goes (the question says the same in full), so the question
        keeps a readable width instead of "Does assessm…"."""
        frame = self.model.frame if hasattr(self, "model") else None
        if frame is None or "Theme" not in frame.columns:
            return
        column = list(frame.columns).index("Theme")
        narrow = self.table.viewport().width() < THEME_FROM
        if self.table.isColumnHidden(column) != narrow:
            self.table.setColumnHidden(column, narrow)
            fit_height(self.table)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inspection: Inspection | None = None
        self.assessment: Assessment | None = None
        self.code: str | None = None

        self.selector_model = QStandardItemModel(self)
        self.selector = QListView()
        self.selector.setModel(self.selector_model)
        self.selector.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.selector.setIconSize(QSize(14, 14))
        self.selector.setSpacing(2)
        self.selector.setWordWrap(True)  # "P2.3 Implementation and delivery" on two lines, not cut
        self.selector.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.selector.setStyleSheet("QListView { outline: 0; } QListView::item { padding: 6px 4px; }")
        self.selector.selectionModel().currentRowChanged.connect(self._on_current_changed)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading("Standards rated by key questions", size=1))
        left_layout.addWidget(note("Each is rated by the band of its lowest key question."))
        left_layout.addWidget(self.selector, 1)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        title_row = QHBoxLayout()
        self.title_label = heading(size=5)
        self.published_badge = RatingBadge(prefix="Published: ")
        self.computed_badge = RatingBadge(prefix="Rules give: ")
        for badge in (self.published_badge, self.computed_badge):
            badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.check_label = QLabel()
        # the standard's name on its own line, the badges below: a long name never pushes them off the page
        layout.addWidget(self.title_label)
        title_row.addWidget(self.published_badge)
        title_row.addWidget(self.computed_badge)
        title_row.addWidget(self.check_label)
        title_row.addStretch(1)
        layout.addLayout(title_row)
        self.rule_label = note()
        layout.addWidget(self.rule_label)

        self.model = DataFrameModel()
        self.table = table_view(self.model)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.table)

        self.cases_label = rich_label()
        self.cases_label.setStyleSheet(chip_style(*palette.RANK, bold=False))
        layout.addWidget(self.cases_label)

        layout.addWidget(heading("Percentage 'Yes' against the rating bands", size=1))
        self.chart = ChartView()
        layout.addWidget(self.chart)
        self.bands_label = note()
        layout.addWidget(self.bands_label)
        layout.addStretch(1)  # what the page does not need stays below it, not between its parts

        scroll = vertical_scroll(right)  # on a short screen the detail scrolls instead of forcing the window taller
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        left.setMinimumWidth(170)
        splitter.setSizes([220, 980])
        splitter.setChildrenCollapsible(False)
        self.stack = tab_layout(self, splitter)

    # ------------------------------------------------------------------------------------ public

    def show_inspection(self, inspection: Inspection | None, assessment: Assessment | None) -> None:
        self.inspection, self.assessment = inspection, assessment
        self.selector_model.blockSignals(True)
        self.selector_model.clear()
        self.selector_model.blockSignals(False)
        self.selector.reset()
        if inspection is None or assessment is None:
            self.code = None
            self.stack.show_empty()
            return
        standards = rated_by_key_questions(assessment)
        if not standards:
            self.stack.show_empty("This inspection's framework has no standards rated by key questions.")
            return
        domains = {sa.domain for sa in standards}
        several = len(domains) > 1  # youth frameworks: court and out-of-court disposals
        for sa in standards:
            if several and sa.domain in domains:
                domains.discard(sa.domain)
                self.selector_model.appendRow(_domain_item(domain_label(assessment.framework, sa.domain)))
            label = sa.published.label if sa.published else "not published"
            item = QStandardItem(swatch_icon(colours_for(sa.published)[0]), f"{sa.code}  {sa.name}\n{label}")
            item.setData(sa.code, Qt.ItemDataRole.UserRole)
            item.setToolTip(tooltip(sa.rule))
            self.selector_model.appendRow(item)
        self.bands_label.setText("Bands: " + key_question_bands_text(assessment.framework))
        self.stack.show_content()
        codes = [sa.code for sa in standards]
        self.select_standard(self.code if self.code in codes else codes[0])

    def select_standard(self, code: str) -> None:
        """Show one standard (e.g. "P2.1"); the selector follows."""
        for row in range(self.selector_model.rowCount()):
            index = self.selector_model.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == code:
                if self.selector.currentIndex() == index:
                    self._show_standard(code)
                else:
                    self.selector.setCurrentIndex(index)
                return

    def standard_codes(self) -> list[str]:
        """The standards offered in the selector, top to bottom."""
        codes = (self.selector_model.index(r, 0).data(Qt.ItemDataRole.UserRole)
                 for r in range(self.selector_model.rowCount()))
        return [code for code in codes if code is not None]

    # ---------------------------------------------------------------------------------- internals

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(Qt.ItemDataRole.UserRole) is not None:
            self._show_standard(current.data(Qt.ItemDataRole.UserRole))

    def _show_standard(self, code: str) -> None:
        if self.inspection is None or self.assessment is None:
            return
        sa: StandardAssessment | None = self.assessment.standard(code)
        if sa is None:
            return
        self.code = code
        self.title_label.setText(f"{sa.code}  {sa.name}")
        self.published_badge.set_rating(sa.published)
        self.computed_badge.set_rating(sa.computed, missing_text="cannot compute")
        if sa.disagrees:
            self.check_label.setText("⚠ differs")
            self.check_label.setStyleSheet(f"color: {theme.tone(theme.ALERT)}; font-weight: bold;")
        elif sa.published and sa.computed:
            self.check_label.setText("✓ agrees")
            self.check_label.setStyleSheet(f"color: {theme.tone(theme.OK)}; font-weight: bold;")
        else:
            self.check_label.setText("")
        self.rule_label.setText(sa.rule)

        frame = key_questions_table(self.inspection, self.assessment, code)
        columns = list(frame.columns)

        def colours(row: int, col: int) -> tuple[str, str] | None:
            if columns[col] == "Band":
                return rating_cell_colours(frame.iat[row, col])
            if frame.at[row, "Deciding"] == DECIDING and columns[col] == "Deciding":
                return ("#fff4d6", "#1a1a1a")
            return None

        self.model.set_frame(frame, formats={"% Yes": "{:g}%"}, colours=colours,
                             tooltips=lambda row, _col: frame.at[row, "Question"], bold_columns=("Deciding",))
        fit_columns(self.table, stretch=("Question",), max_width=150)
        self._fit_theme()
        fit_height(self.table)

        if sa.cases_needed is not None:
            self.cases_label.setText(f"<b>Cases needed for the next band:</b> {escape(sa.cases_needed.text)}.")
        elif sa.computed is not None and sa.computed.next_better() is None:
            self.cases_label.setText("<b>Cases needed for the next band:</b> none — already in the top band.")
        else:
            self.cases_label.setText("<b>Cases needed for the next band:</b> cannot be worked out "
                                     "(the number of cases inspected is not published).")
        self.chart.show_chart(key_questions_chart(self.inspection, self.assessment, code))
        self.chart.setFixedHeight(self.chart.preferred_height())  # as tall as its bars: no empty band above
