"""The Ratings tab: overall rating and score, the seven standards as tiles, published vs computed."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QSplitter, QTextBrowser, QVBoxLayout, QWidget,
)

from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, StandardAssessment, band_label
from viewer.model.ratings import colours_for
from viewer.model.tables import (
    CANNOT_COMPUTE, JUDGEMENT, bands_table, check_colours, check_text, domain_label, overall_summary,
    rating_cell_colours, ratings_table,
)
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.widgets import (
    SPACING, FlagLabel, RatingBadge, chip_style, fit_columns, heading, note, rich_label, tab_layout, table_view,
    tooltip,
)

_RATING_COLUMNS = ("Published", "Computed")


class StandardTile(QFrame):
    """One standard: code and name, the published rating on its colour, and what the rules give."""

    def __init__(self, sa: StandardAssessment, check: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = sa.code
        self.setObjectName("tile")
        edge = colours_for(sa.published)[0]
        self.setStyleSheet(
            f"QFrame#tile {{ background: #ffffff; border: 1px solid #c8c8c8; border-left: 6px solid {edge};"
            " border-radius: 4px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.title = heading(f"{sa.code}  {sa.name}")
        self.badge = RatingBadge(sa.published)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        if sa.computed is not None:
            mark = "  ⚠ differs" if sa.disagrees else "  ✓" if sa.published else ""
            computed = f"Rules give: {sa.computed.label}{mark}"
        elif check == JUDGEMENT:
            computed = "Rules give: nothing to compute (inspectors' judgement)"
        else:
            computed = f"Rules give: {CANNOT_COMPUTE}"
        self.computed_label = note(computed)
        if sa.disagrees:
            self.computed_label.setStyleSheet("color: #8a0a1f; font-weight: bold;")
        layout.addWidget(self.title)
        layout.addWidget(self.badge)
        layout.addWidget(self.computed_label)
        self.setToolTip(tooltip(sa.rule))

    def texts(self) -> list[str]:
        return [self.title.text(), self.badge.text(), self.computed_label.text()]


class RatingsTab(QWidget):
    TITLE = "Ratings"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inspection: Inspection | None = None
        self.assessment: Assessment | None = None
        self.tiles: list[StandardTile] = []

        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(SPACING)

        self.unit_label = heading(size=6)
        self.context_label = note()
        outer.addWidget(self.unit_label)
        outer.addWidget(self.context_label)

        summary = QHBoxLayout()
        summary.setSpacing(12)
        overall_title = heading("Overall rating", size=1)
        overall_title.setWordWrap(False)
        summary.addWidget(overall_title)
        self.overall_badge = RatingBadge(size=3)
        summary.addWidget(self.overall_badge)
        self.score_label = rich_label()
        self.score_label.setWordWrap(False)
        summary.addWidget(self.score_label)
        summary.addStretch(1)
        outer.addLayout(summary)
        # The verdict gets a row of its own, so a long list of disagreements can wrap without squeezing.
        flag_row = QHBoxLayout()
        self.flag_label = FlagLabel()
        self.flag_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        flag_row.addWidget(self.flag_label)
        flag_row.addStretch(1)
        outer.addLayout(flag_row)
        self.bands_label = note()
        outer.addWidget(self.bands_label)
        # What the loader noticed (variant rating spellings, unknown keys): shown, never hidden.
        self.file_warnings_label = note()
        self.file_warnings_label.setStyleSheet(chip_style("#fff4d6", "#5a4300", bold=False))
        outer.addWidget(self.file_warnings_label)

        self.tiles_box = QWidget()
        self.tiles_grid = QGridLayout(self.tiles_box)
        self.tiles_grid.setContentsMargins(0, 4, 0, 4)
        self.tiles_grid.setHorizontalSpacing(10)
        self.tiles_grid.setVerticalSpacing(6)
        outer.addWidget(self.tiles_box)

        self.model = DataFrameModel()
        self.table = table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setStyleSheet("QTextBrowser { background: #fafafa; padding: 6px; }")
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(heading("Published and computed, standard by standard", size=1))
        table_layout.addWidget(self.table)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(heading("How the rating was worked out", size=1))
        detail_layout.addWidget(self.detail)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([2600, 900])
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)

        self.stack = tab_layout(self, content)

    # ------------------------------------------------------------------------------------ public

    def show_inspection(self, inspection: Inspection | None, assessment: Assessment | None) -> None:
        self.inspection, self.assessment = inspection, assessment
        if inspection is None or assessment is None:
            self.stack.show_empty()
            return
        s = overall_summary(inspection, assessment)
        self.unit_label.setText(s.unit_name)
        context = [f"{s.region} region" if s.region else "", f"report published {s.published}" if s.published else "",
                   f"fieldwork from {s.fieldwork}" if s.fieldwork else "", s.framework_name]
        self.context_label.setText("  ·  ".join(c for c in context if c))
        self.overall_badge.set_rating(s.published_rating)
        self.overall_badge.setToolTip(tooltip(f"Published overall rating. Rules give: {s.computed_label}. {s.rule}"))
        self.score_label.setText(f"Score <b>{escape(s.published_score)}</b> published  ·  "
                                 f"<b>{escape(s.computed_score)}</b> computed")
        self.flag_label.set_flag(s.flag, s.agrees)
        self.bands_label.setText(s.bands_note)
        warnings = inspection.warnings
        self.file_warnings_label.setVisible(bool(warnings))
        self.file_warnings_label.setText(
            f"⚠ {len(warnings)} note{'s' if len(warnings) != 1 else ''} from reading the file: " + "; ".join(warnings))
        self._fill_tiles(assessment)
        self._fill_table(inspection, assessment)
        self.stack.show_content()

    # ---------------------------------------------------------------------------------- internals

    def _fill_tiles(self, assessment: Assessment) -> None:
        while self.tiles_grid.count():
            widget = self.tiles_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.tiles = []
        fw = assessment.framework
        domains = sorted({sa.domain for sa in assessment.standards if sa.domain is not None})
        if any(sa.domain is None for sa in assessment.standards):
            domains.append(None)
        for row, domain in enumerate(domains):
            self.tiles_grid.addWidget(heading(domain_label(fw, domain)), row * 2, 0, 1, 4)
            members = [sa for sa in assessment.standards if sa.domain == domain]
            for col, sa in enumerate(members):
                tile = StandardTile(sa, check_text(sa, fw))
                self.tiles.append(tile)
                self.tiles_grid.addWidget(tile, row * 2 + 1, col)
        for col in range(max((self.tiles_grid.columnCount(), 4))):
            self.tiles_grid.setColumnStretch(col, 1)

    def _fill_table(self, inspection: Inspection, assessment: Assessment) -> None:
        frame = ratings_table(inspection, assessment)
        columns = list(frame.columns)

        def colours(row: int, col: int) -> tuple[str, str] | None:
            name = columns[col]
            if name in _RATING_COLUMNS:
                return rating_cell_colours(frame.iat[row, col])
            if name == "Check":
                return check_colours(frame.iat[row, col])
            return None

        self.model.set_frame(frame, colours=colours, tooltips=lambda row, _col: frame.at[row, "Rule"],
                             bold_columns=("Code", "Check"))
        fit_columns(self.table, stretch=("Check",), hidden=("Rule", "Domain"), max_width=240)
        self.table.selectRow(0)
        self._show_selected()

    def _show_selected(self, *_args: object) -> None:
        if self.assessment is None:
            return
        rows = self.table.selectionModel().selectedRows()
        sa = self.assessment.standards[self.model.frame_row(rows[0].row())] if rows else None
        self.detail.setHtml(self.detail_html(sa))

    def detail_html(self, sa: StandardAssessment | None) -> str:
        """The selected standard's rule and band provenance, then the overall score's rule and bands."""
        assert self.assessment is not None
        fw, overall = self.assessment.framework, self.assessment.overall
        parts = []
        if sa is not None:
            check = check_text(sa, fw)
            parts.append(f"<h3>{escape(sa.code)} {escape(sa.name)}</h3>")
            parts.append(f"<p><b>Published:</b> {escape(sa.published.label if sa.published else 'not published')}"
                         f"<br><b>Rules give:</b> {escape(sa.computed.label if sa.computed else check)}"
                         f"<br><b>Check:</b> {escape(check)}</p>")
            parts.append(f"<p><b>Rule:</b> {escape(sa.rule)}</p>")
            if sa.band is not None:
                parts.append(f"<p><b>Band {escape(band_label(sa.band))}%</b> ({escape(sa.band.status)}): "
                             f"{escape(sa.band.source)}</p>")
            if sa.cases_needed is not None:
                parts.append(f"<p><b>Next band:</b> {escape(sa.cases_needed.text)}.</p>")
            standard = self.inspection.standard(sa.code) if self.inspection else None
            if standard is not None and standard.summary:
                parts.append(f"<p><b>Inspectors' summary:</b> {escape(standard.summary)}</p>")
            if standard is not None and (standard.strengths or standard.areas_for_improvement):
                parts.append(f"<p style='color:#505050'>The report lists {len(standard.strengths)} strength(s) and "
                             f"{len(standard.areas_for_improvement)} area(s) for improvement.</p>")
        parts.append("<h3>Overall score</h3>")
        parts.append(f"<p>{escape(overall.rule)}</p>")
        rows = "".join(
            f"<tr><td>{escape(r.Range)}</td><td>{escape(r.Rating)}</td><td><i>{escape(r.Status)}</i></td></tr>"
            for r in bands_table(fw.overall_bands).itertuples()
        )
        parts.append(f"<table cellpadding='3'><tr><th align='left'>Score</th><th align='left'>Rating</th>"
                     f"<th align='left'>Status</th></tr>{rows}</table>")
        if overall.band is not None and overall.band.source:
            parts.append(f"<p style='color:#505050'>{escape(overall.band.source)}</p>")
        return "".join(parts)

