"""The Service gaps tab: gaps by area with their evidence, the recommendations, the findings chart."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from viewer.charts.bar_chart import ChartView
from viewer.model.charts import service_findings_chart
from viewer.model.inspection import Inspection, ServiceGap
from viewer.model.rating_rules import Assessment
from viewer.model.tables import area_label, gap_figures, recommendations_table
from viewer.ui import theme
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.widgets import (
    SPACING, SideBySide, fit_columns, heading, note, tab_layout, table_view, tooltip, vertical_scroll, wrap_tree,
)

GAP_ROLE = Qt.ItemDataRole.UserRole + 10  # index of the gap in inspection.service_gaps


def _column(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return box


STACKED_HEIGHT = 1150  # gaps, a gap's details, recommendations and the chart, one above the other


class ServiceGapsTab(QWidget):
    TITLE = "Service gaps"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inspection: Inspection | None = None

        self.gaps_heading = heading("Service gaps", size=1)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Gap", "Area", "Standard"])
        self.tree.header().setStretchLastSection(False)
        wrap_tree(self.tree)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setStyleSheet("QTreeWidget { outline: 0; }")
        self.tree.currentItemChanged.connect(self._show_gap)
        self.detail = QTextBrowser()
        self.detail.setStyleSheet("QTextBrowser { background: palette(alternate-base); padding: 6px; }")
        gaps_split = QSplitter(Qt.Orientation.Vertical)
        gaps_split.addWidget(self.tree)
        gaps_split.addWidget(self.detail)
        gaps_split.setSizes([550, 450])
        gaps_split.setChildrenCollapsible(False)
        left = _column(self.gaps_heading, note("Gaps in provision, grouped by area. Expand a gap to read the report's "
                                               "evidence; select it for the details and linked figures."),
                       gaps_split, stretch=gaps_split)

        self.recommendations_heading = heading("Recommendations", size=1)
        self.recommendations_model = DataFrameModel()
        self.recommendations_table = table_view(self.recommendations_model, sortable=False)
        self.findings_chart = ChartView()
        self.findings_chart.setMinimumHeight(180)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(_column(self.recommendations_heading, self.recommendations_table,
                                      stretch=self.recommendations_table))
        right_split.addWidget(_column(heading("Service-related findings", size=1),
                                      note("Cases or respondents out of those relevant, as the report gives them."),
                                      self.findings_chart, stretch=self.findings_chart))
        right_split.setSizes([600, 400])
        right_split.setChildrenCollapsible(False)

        # gaps beside recommendations on a wide window; one above the other on a narrow one, where side by
        # side the recommendations were squeezed to a word a line
        self.splitter = SideBySide(left, right_split, side_sizes=[1000, 1100], stacked_sizes=[1000, 1100],
                                   stacked_height=STACKED_HEIGHT)
        self.stack = tab_layout(self, vertical_scroll(self.splitter))

    # ------------------------------------------------------------------------------------ public

    def show_inspection(self, inspection: Inspection | None, assessment: Assessment | None) -> None:
        self.inspection = inspection
        if inspection is None:
            self.tree.clear()
            self.stack.show_empty()
            return
        self._fill_tree(inspection)
        frame = recommendations_table(inspection)
        hidden = tuple(c for c in ("Standards", "Gap areas") if not frame[c].astype(bool).any())
        self.recommendations_model.set_frame(frame, bold_columns=("No.",),
                                             tooltips=lambda row, _col: frame.at[row, "Recommendation"])
        fit_columns(self.recommendations_table, stretch=("Recommendation",), hidden=hidden, max_width=120)
        count = len(frame)
        self.recommendations_heading.setText(f"Recommendations ({count})" if count else "Recommendations: none given")
        chart = service_findings_chart(inspection)
        self.findings_chart.show_chart(chart)
        self.findings_chart.setMinimumHeight(self.findings_chart.preferred_height())
        self.stack.show_content()

    def gap_rows(self) -> list[tuple[str, str, str]]:
        """(Gap, Area, Standard) of each gap as shown in the tree."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [(item.text(0), item.text(1), item.text(2)) for item in items]

    # ---------------------------------------------------------------------------------- internals

    def _fill_tree(self, inspection: Inspection) -> None:
        """One row per gap (Gap, Area, Standard), gaps of the same area together; evidence below each."""
        self.tree.clear()
        gaps = inspection.service_gaps
        self.gaps_heading.setText(f"Service gaps ({len(gaps)})" if gaps else "Service gaps: none recorded")
        areas: dict[str, list[int]] = {}
        for index, gap in enumerate(gaps):
            areas.setdefault(gap.area, []).append(index)
        bold = self.tree.font()
        bold.setBold(True)
        for area, indexes in areas.items():
            for index in indexes:
                gap = gaps[index]
                item = QTreeWidgetItem([gap.title, area_label(area), gap.standard or ""])
                item.setFont(0, bold)
                item.setData(0, GAP_ROLE, index)
                item.setToolTip(0, tooltip(gap.description or gap.title))
                self.tree.addTopLevelItem(item)
                for sentence in gap.evidence:
                    self._child(item, f"“{sentence}”", index, sentence)
                for figure in gap_figures(inspection, gap.figure_ids):
                    self._child(item, f"Figure: {figure.label} — {figure.display_value}", index, figure.sentence or "")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(1, 150)
        first = self.tree.topLevelItem(0)
        if first is not None:  # all gaps collapsed for the overview; the first one's details below
            self.tree.setCurrentItem(first)
        else:
            self.detail.setHtml("<p>This inspection records no service gaps.</p>")

    @staticmethod
    def _child(parent: QTreeWidgetItem, text: str, index: int, tooltip_text: str) -> None:
        child = QTreeWidgetItem(parent, [text])
        child.setFirstColumnSpanned(True)
        child.setData(0, GAP_ROLE, index)
        child.setToolTip(0, tooltip(tooltip_text))

    def _show_gap(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        if self.inspection is None or item is None or item.data(0, GAP_ROLE) is None:
            return
        self.detail.setHtml(self.gap_html(self.inspection.service_gaps[item.data(0, GAP_ROLE)]))

    def gap_html(self, gap: ServiceGap) -> str:
        assert self.inspection is not None
        parts = [f"<h3>{escape(gap.title)}</h3>",
                 f"<p style='color:{theme.tone(theme.NOTE)}'>{escape(area_label(gap.area))}"
                 + (f" · standard {escape(gap.standard)}" if gap.standard else "") + "</p>"]
        if gap.description:
            parts.append(f"<p>{escape(gap.description)}</p>")
        if gap.evidence:
            parts.append("<p><b>Evidence from the report</b></p><ul>")
            parts += [f"<li>“{escape(s)}”</li>" for s in gap.evidence]
            parts.append("</ul>")
        figures = gap_figures(self.inspection, gap.figure_ids)
        if figures:
            parts.append("<p><b>Figures</b></p><ul>")
            parts += [f"<li><b>{escape(f.label)}: {escape(f.display_value)}</b>"
                      + (f"<br><i>“{escape(f.sentence)}”</i>" if f.sentence else "") + "</li>" for f in figures]
            parts.append("</ul>")
        related = [r for r in self.inspection.recommendations if gap.area in r.gap_areas]
        if related:
            parts.append("<p><b>Recommendations</b>: " + ", ".join(str(r.number) for r in related) + "</p>")
        return "".join(parts)
