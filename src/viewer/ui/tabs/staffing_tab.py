"""The Staffing and workload tab: every staffing number with its sentence, and three charts."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from viewer.charts.bar_chart import ChartView
from viewer.model import charts
from viewer.model.inspection import FIGURE_TOPICS, Inspection
from viewer.model.rating_rules import Assessment
from viewer.model.tables import STAFFING_TOPICS, figures_table
from viewer.ui import theme
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.widgets import (
    SPACING, SideBySide, fit_columns, heading, note, rich_label, tab_layout, table_view, vertical_scroll,
)

ALL_TOPICS = "All staffing topics"
SENTENCE_STYLE = ("QLabel { background: palette(alternate-base); border: 1px solid #d0d0d0; border-left: 4px solid #3a6ea5;"
                  " border-radius: 3px; padding: 8px; }")


class StaffingTab(QWidget):
    TITLE = "Staffing and workload"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inspection: Inspection | None = None

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(SPACING)
        top = QHBoxLayout()
        title = heading("Figures from the report", size=1)
        title.setWordWrap(False)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel("Show:"))
        self.topic_box = QComboBox()
        self.topic_box.addItem(ALL_TOPICS, None)
        for topic in STAFFING_TOPICS:
            self.topic_box.addItem(FIGURE_TOPICS[topic], topic)
        self.topic_box.currentIndexChanged.connect(self._fill_table)
        top.addWidget(self.topic_box)
        left_layout.addLayout(top)
        left_layout.addWidget(note("Every number is linked to the sentence it came from: select a row to read it."))

        self.model = DataFrameModel()
        self.table = table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._show_sentence)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(heading("From the report"))
        self.sentence_label = rich_label()
        self.sentence_label.setStyleSheet(SENTENCE_STYLE)
        self.sentence_label.setMinimumHeight(70)
        self.sentence_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left_layout.addWidget(self.sentence_label)

        charts = QWidget()
        charts.setObjectName("charts")
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 8, 0)
        charts_layout.setSpacing(SPACING)
        self.caseload_chart = ChartView()
        self.workload_chart = ChartView()
        self.staff_survey_chart = ChartView()
        self.chart_parts: dict[str, tuple[QWidget, ChartView]] = {}
        for topic, title, chart in (
            ("caseload", "Caseload by type", self.caseload_chart),
            ("workload", "Workload against the measure", self.workload_chart),
            ("staff_survey", "Staff survey", self.staff_survey_chart),
        ):
            label = heading(title, size=1)
            charts_layout.addWidget(label)
            charts_layout.addWidget(chart)
            self.chart_parts[topic] = (label, chart)
        charts_layout.addStretch(1)
        scroll = vertical_scroll(charts)

        # table and charts side by side on a wide window; on a narrow one the charts go below the table
        self.splitter = SideBySide(left, scroll, side_sizes=[1100, 1000], stacked_sizes=[600, 400])
        self.stack = tab_layout(self, self.splitter)

    # ------------------------------------------------------------------------------------ public

    def show_inspection(self, inspection: Inspection | None, assessment: Assessment | None) -> None:
        self.inspection = inspection
        if inspection is None:
            self.stack.show_empty()
            return
        self._fill_table()
        # Charts as tall as their bars (and wrapped labels) need, so the three read at a similar scale.
        for view, chart, per_bar in (
                (self.caseload_chart, charts.caseload_chart(inspection), 45),
                (self.workload_chart, charts.workload_chart(inspection), 50),
                (self.staff_survey_chart, charts.staff_survey_chart(inspection), 56)):
            view.show_chart(chart)
            view.setFixedHeight(view.preferred_height(per_bar))
        self.stack.show_content()

    def select_topic(self, topic: str | None) -> None:
        """Filter the table to one topic ("workload"), or None for all staffing topics."""
        self.topic_box.setCurrentIndex(max(0, self.topic_box.findData(topic)))

    # ---------------------------------------------------------------------------------- internals

    def _fill_table(self, *_args: object) -> None:
        if self.inspection is None:
            return
        topic = self.topic_box.currentData()
        for part, (label, chart) in self.chart_parts.items():  # the charts follow "Show:" too
            label.setVisible(topic in (None, part))
            chart.setVisible(topic in (None, part))
        frame = figures_table(self.inspection, (topic,) if topic else STAFFING_TOPICS)
        self.model.set_frame(
            frame, sort_by={"Value": "Number"}, bold_columns=("Value",),
            tooltips=lambda row, _col: frame.at[row, "Sentence"] or None,
        )
        fit_columns(self.table, stretch=("What",), hidden=("Number", "Sentence", "Section"), max_width=240)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if len(frame):
            self.table.selectRow(0)
        self._show_sentence()

    def _show_sentence(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.sentence_label.setText("Select a figure to see the sentence it came from.")
            return
        row = self.model.frame_row(rows[0].row())
        frame = self.model.frame
        sentence = frame.at[row, "Sentence"] or "(the file gives no sentence for this figure)"
        where = "  ·  ".join(p for p in (frame.at[row, "Section"], frame.at[row, "Standard"]) if p)
        self.sentence_label.setText(
            f"<b>{escape(frame.at[row, 'What'])}: {escape(frame.at[row, 'Value'])}</b><br>“{escape(sentence)}”"
            + (f"<br><span style='color:{theme.tone(theme.NOTE)}'>{escape(where)}</span>" if where else "")
        )
