"""The Ratings tab: overall rating and score, the seven standards as tiles, published vs computed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QSplitter, QTextBrowser,
    QVBoxLayout, QWidget,
)

from viewer.model.inspection import Inspection
from viewer.model.rating_rules import Assessment, StandardAssessment, band_label
from viewer.model.ratings import NOT_PUBLISHED, colours_for, match_rating
from viewer.model.tables import (
    CANNOT_COMPUTE, JUDGEMENT, bands_table, check_colours, check_text, domain_label, overall_summary,
    rating_cell_colours, ratings_table,
)
from viewer.ui import theme
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.widgets import (
    MARGIN, SPACING, FlagLabel, RatingBadge, chip_style, fit_columns, heading, note, rich_label, tab_layout, table_view,
    fit_rows, tooltip, vertical_scroll,
)

_RATING_COLUMNS = ("Published", "Computed")
HISTORY_DELAY_MS = 250
TILE_WIDTH = 200  # a tile's least comfortable width: "Requires improvement" on its badge


def score_line(published: str, computed: str) -> str:
    """"Score <b>4/21</b> · rules give 4/21", said once and plainly whatever is missing."""
    shown = f"Score <b>{escape(published)}</b>" if published != NOT_PUBLISHED else "Score not published"
    if computed == CANNOT_COMPUTE:
        return shown + ("" if published == NOT_PUBLISHED else " · the rules cannot compute it")
    return f"{shown} · rules give <b>{escape(computed)}</b>"


class StandardTile(QFrame):
    """One standard: code and name, the published rating on its colour, and what the rules give."""

    def __init__(self, sa: StandardAssessment, check: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = sa.code
        self.setObjectName("tile")
        edge = colours_for(sa.published)[0]
        self.setStyleSheet(
            f"QFrame#tile {{ background: palette(base); border: 1px solid #c8c8c8; border-left: 6px solid {edge};"
            " border-radius: 4px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.title = heading(f"{sa.code}  {sa.name}")
        self.badge = RatingBadge(sa.published)
        self.badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        # one short line: the table below and the pane beside it give the rule in full
        if sa.computed is not None and sa.disagrees:
            computed = f"⚠ rules give {sa.computed.label}"
        elif sa.computed is not None:
            computed = "✓ rules agree" if sa.published else f"rules give {sa.computed.label}"
        elif check == JUDGEMENT:
            computed = "inspectors' judgement"
        else:
            computed = "rules cannot compute it"
        self.computed_label = note(computed)
        if sa.disagrees:
            self.computed_label.setStyleSheet(f"color: {theme.tone(theme.ALERT)}; font-weight: bold;")
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
        self.tile_groups: list[tuple[QWidget, list[StandardTile]]] = []
        self._tile_columns = 0
        # the window's open inspections, for the unit's history (set by the window; none when alone)
        self.open_inspections: Callable[[], Sequence[Inspection]] = lambda: ()
        self.history = None  # the unit's history as last shown (viewer.library.history.UnitHistory)

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
        self.no_standards_label = note()
        outer.addWidget(self.no_standards_label)
        outer.addWidget(self._history_box())

        self.model = DataFrameModel()
        self.table = table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self.detail = QTextBrowser()
        self.detail.setOpenExternalLinks(False)
        self.detail.setStyleSheet("QTextBrowser { background: palette(alternate-base); padding: 6px; }")
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
        detail_box.setMinimumWidth(250)  # its heading on one line
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([2600, 900])
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setMinimumHeight(300)  # on a short screen the tab scrolls rather than squeeze it
        outer.addWidget(self.splitter, 1)

        self.stack = tab_layout(self, vertical_scroll(content))

    def _history_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(heading("This unit's inspections", size=1), 1)
        self.history_source_button = QPushButton("Open source in browser")
        self.history_source_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.history_source_button.clicked.connect(lambda: self.open_history_source())
        head.addWidget(self.history_source_button)
        layout.addLayout(head)
        self.history_model = DataFrameModel()
        self.history_table = table_view(self.history_model, sortable=False)
        self.history_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.history_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.history_table.setMaximumHeight(220)
        self.history_table.doubleClicked.connect(lambda index: self.open_history_source(index.row()))
        self.history_table.selectionModel().currentRowChanged.connect(self._on_history_row)
        layout.addWidget(self.history_table)
        self.history_note = note()
        layout.addWidget(self.history_note)
        return box

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
        self.score_label.setText(score_line(s.published_score, s.computed_score))
        self.flag_label.set_flag(s.flag, s.agrees, s.neutral)
        self.bands_label.setText(s.bands_note)
        warnings = inspection.warnings
        self.file_warnings_label.setVisible(bool(warnings))
        self.file_warnings_label.setText(
            f"⚠ {len(warnings)} note{'s' if len(warnings) != 1 else ''} from reading the file: " + "; ".join(warnings))
        self._fill_tiles(assessment)
        published = sum(s.rating is not None or bool(s.key_questions) for s in inspection.standards)
        self.tiles_box.setVisible(published > 0)  # a press release's nine "not published" tiles say nothing
        self.no_standards_label.setVisible(published == 0)
        self.no_standards_label.setText(
            f"Standards: the source gives none of the {len(assessment.standards)} standards' ratings or key "
            "questions; the table below lists them.")
        self._fill_table(inspection, assessment)
        self.history_note.setText("Looking up this unit's other inspections…")
        self.history_table.hide()
        self.history_source_button.hide()
        # once the window has painted and settled: the library of published outcomes (about 60 ms to read) is
        # read on first use, not during start-up
        # (the tab as the timer's context: if it is closed meanwhile, nothing runs)
        QTimer.singleShot(HISTORY_DELAY_MS, self, lambda shown=inspection: self._fill_history(shown))
        self.stack.show_content()

    def open_history_source(self, row: int | None = None) -> bool:
        """Open the published page of the history row ``row`` (default: the selected one) in the browser."""
        if self.history is None:
            return False
        if row is None:
            rows = self.history_table.selectionModel().selectedRows()
            row = rows[0].row() if rows else None
        url = (self.history.urls[row] if row is not None and 0 <= row < len(self.history.urls) else
               self._first_url() if row is None else None)
        return bool(url) and QDesktopServices.openUrl(QUrl(url))

    # ---------------------------------------------------------------------------------- internals

    def _fill_history(self, inspection: Inspection) -> None:
        if inspection is not self.inspection:  # another inspection was shown meanwhile
            return
        from viewer.library.history import unit_history  # not at start-up: it reads the library

        self.history = h = unit_history(inspection, self.open_inspections())
        frame = h.frame

        def colours(row: int, col: int) -> tuple[str, str] | None:
            return colours_for(match_rating(frame.iat[row, col])[0]) if frame.columns[col] == "Overall" else None

        self.history_model.set_frame(frame, colours=colours, tooltips=lambda row, _col: h.tips[row] or None,
                                     bold_columns=("Overall",))
        fit_columns(self.history_table, stretch=("Programme",), max_width=320)
        fit_rows(self.history_table)
        header = self.history_table.horizontalHeader()
        self.history_table.setFixedHeight(header.height() + sum(self.history_table.rowHeight(r) for r in
                                                                 range(len(frame))) + 2 * self.history_table.frameWidth())
        others = len(frame) - 1
        self.history_table.setVisible(others > 0)  # the inspection shown is already above
        self.history_source_button.setVisible(others > 0)
        self.history_note.setText(
            f"{others} other inspection{'s' if others != 1 else ''} of {inspection.unit.shown_name}, newest first. "
            + h.note + " Hover over a published outcome for the words it was read from; double-click (or select "
            "it and click the button) to open its source." if others else
            f"No other inspection of {inspection.unit.shown_name} among the open files and the "
            f"{h.searched} published outcomes the viewer carries (matched by place name and kind of unit).")
        self._on_history_row(QModelIndex(), QModelIndex())

    def _on_history_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else None
        url = self.history.urls[row] if self.history and row is not None else self._first_url()
        self.history_source_button.setEnabled(bool(url))
        self.history_source_button.setToolTip(url or "This inspection gives no published address")

    def _first_url(self) -> str | None:
        return next((u for u in self.history.urls if u), None) if self.history else None

    def _fill_tiles(self, assessment: Assessment) -> None:
        self.tile_groups = []  # (domain heading, its tiles), laid out by _place_tiles for the width there is
        fw = assessment.framework
        domains = sorted({sa.domain for sa in assessment.standards if sa.domain is not None})
        if any(sa.domain is None for sa in assessment.standards):
            domains.append(None)
        self.tiles = []
        for domain in domains:
            tiles = [StandardTile(sa, check_text(sa, fw)) for sa in assessment.standards if sa.domain == domain]
            self.tiles += tiles
            self.tile_groups.append((heading(domain_label(fw, domain)), tiles))
        self._tile_columns = 0
        self._place_tiles()

    def _place_tiles(self) -> None:
        """Four tiles a row when there is room, fewer on a narrow window (a tile needs about 200 pixels)."""
        # the tab's width, not the tiles' box's: that one is laid out only after this resize
        columns = max(1, min(4, (self.width() - 2 * MARGIN - 24) // TILE_WIDTH))
        if columns == self._tile_columns and self.tiles_grid.count():
            return
        self._tile_columns = columns
        while self.tiles_grid.count():
            widget = self.tiles_grid.takeAt(0).widget()
            if widget is not None and not any(widget is h or widget in t for h, t in self.tile_groups):
                widget.setParent(None)  # an earlier inspection's tile: gone now, not at the next event loop
                widget.deleteLater()
        row = 0
        for title, tiles in self.tile_groups:
            self.tiles_grid.addWidget(title, row, 0, 1, columns)
            row += 1
            for i, tile in enumerate(tiles):
                self.tiles_grid.addWidget(tile, row + i // columns, i % columns)
            row += (len(tiles) + columns - 1) // columns
        for col in range(4):
            self.tiles_grid.setColumnStretch(col, 1 if col < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if getattr(self, "tile_groups", None):
            self._place_tiles()

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
                parts.append(f"<p style='color:{theme.tone(theme.NOTE)}'>The report lists {len(standard.strengths)} "
                             f"strength(s) and {len(standard.areas_for_improvement)} area(s) for improvement.</p>")
        parts.append("<h3>Overall score</h3>")
        parts.append(f"<p>{escape(overall.rule)}</p>")
        rows = "".join(
            f"<tr><td>{escape(r.Range)}</td><td>{escape(r.Rating)}</td><td><i>{escape(r.Status)}</i></td></tr>"
            for r in bands_table(fw.overall_bands).itertuples()
        )
        parts.append(f"<table cellpadding='3'><tr><th align='left'>Score</th><th align='left'>Rating</th>"
                     f"<th align='left'>Status</th></tr>{rows}</table>")
        if overall.band is not None and overall.band.source:
            parts.append(f"<p style='color:{theme.tone(theme.NOTE)}'>{escape(overall.band.source)}</p>")
        return "".join(parts)

