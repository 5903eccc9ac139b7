"""The Compare tab: the open inspections, the published outcomes or both, side by side — a ratings heat map
(``compare_heat_map``), where the highlighted unit stands, one key question across units with its rank,
and counts of ratings by region or year; each exports, all prints (``compare_exports``).

The numbers come from ``model.compare``, ``compare_across`` and ``compare_counts`` (pure pandas), the same
functions the printout uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from viewer.charts.bar_chart import ChartView
from viewer.model import palette
from viewer.model.charts import across_units_chart, empty_chart, rating_counts_chart
from viewer.model.compare import (
    NO_REGION, NO_YEAR, Entry, cell_rating, filter_units, framework_note, standard_codes, standard_names, unit_label,
    units_frame,
)
from viewer.model.compare_across import AcrossUnits, across_units, question_choices
from viewer.model.compare_counts import (
    ALL_STANDARDS, BY_REGION, BY_YEAR, COUNT_RATINGS, OVERALL, counts_for, place_line, rating_counts,
)
from viewer.model.compare_selection import BOTH, OPEN, PUBLISHED, SOURCES, CompareSelection
from viewer.model.ratings import NOT_PUBLISHED, Rating, colours_for, match_rating
from viewer.ui.dataframe_model import DataFrameModel
from viewer.ui.tabs.compare_controls import button, choose_quietly, combo, refill
from viewer.ui.tabs.compare_exports import CompareActions
from viewer.ui.tabs.compare_heat_map import HeatMap, fit_to_rows
from viewer.ui.widgets import SPACING, chip_label, fit_columns, heading, note, tab_layout, table_view, vertical_scroll

EMPTY_COMPARE = ("Open two or more inspections to compare them — File ▸ Open… several files, or File ▸ Open "
                 "Folder… — or choose “Published outcomes” above to compare with every inspection the inspectorate "
                 "has published.")


class CompareTab(CompareActions, QWidget):
    TITLE = "Compare"
    unit_chosen = Signal(int)  # the user highlighted another unit (its position in the entries)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []
        self.open_entries: list[Entry] = []  # the inspections open in the window; first in ``entries``
        self.open_selected: int | None = None
        self.source_chosen = False  # until the user picks a source, one open file is compared with the library
        self.left_out = 0  # published outcomes not shown again because they are open as files
        self.names: dict[str, str] = {}  # standard code → name, for the legend
        self.selection = CompareSelection()
        self.all_units = pd.DataFrame()  # the units frame of every entry
        self.shown = pd.DataFrame()  # the units frame after the filters; index = position in entries
        self.counts_frame = pd.DataFrame()
        self.across: AcrossUnits | None = None
        self.preview = None

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(SPACING)
        top = QHBoxLayout()
        self.title_label = heading(size=4)
        top.addWidget(self.title_label, 1)
        self.print_button = button("Print comparison…", self.print_comparison, top)
        layout.addLayout(top)
        sources = QHBoxLayout()
        sources.setSpacing(8)
        self.source_box = combo("Compare:", sources, self._on_source)
        refill(self.source_box, list(SOURCES.items()), OPEN)
        self.framework_box = combo("   Framework:", sources, lambda v: self._choose(framework=v))
        sources.addStretch(1)
        layout.addLayout(sources)
        framework_row = QHBoxLayout()
        self.shown_label = note()
        self.shown_label.setWordWrap(False)
        self.framework_label = note()
        framework_row.addWidget(self.framework_label, 1)
        framework_row.addWidget(self.shown_label)
        layout.addLayout(framework_row)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.region_box = combo("Region:", filters, lambda v: self._choose(region=v))
        # as wide as "Yorkshire and the Humber", not as the longest name a youth service gives its area
        self.region_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region_box.setMinimumContentsLength(18)
        self.rating_box = combo("   Overall rating:", filters, lambda v: self._choose(rating=v))
        self.year_box = combo("   Year:", filters, lambda v: self._choose(year=v))
        filters.addStretch(1)
        self.export_units_button = button("Export table…", lambda: self.export_table("units"), filters)
        layout.addLayout(filters)
        self.place_label = chip_label(palette.RANK)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place_label, 1)
        self.open_source_button = button("Open source in browser", self.open_source, place_row)
        self.open_source_button.setToolTip("Open the published page the highlighted unit's values were read from")
        layout.addLayout(place_row)

        self.heat_map = HeatMap()
        self.units_model, self.units_table = self.heat_map.model, self.heat_map.view
        self.units_table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        layout.addWidget(self.units_table)
        self.legend_label = note()
        layout.addWidget(self.legend_label)

        lower = QHBoxLayout()
        lower.setSpacing(24)
        lower.addLayout(self._across_column(), 5)
        lower.addLayout(self._counts_column(), 6)
        layout.addLayout(lower)
        layout.addStretch(1)
        self.stack = tab_layout(self, vertical_scroll(content))
        self.stack.show_empty(EMPTY_COMPARE)

    def _across_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        head = QHBoxLayout()
        head.addWidget(heading("Key questions across units", size=1), 1)
        self.export_across_button = button("Export chart…", lambda: self.export_chart("across"), head)
        column.addLayout(head)
        # a drop-down a line: side by side they were cut ("P2.1 Assessmen", "Lowest key questi")
        rows = [QHBoxLayout() for _ in range(3)]
        self.standard_box = combo("Standard:", rows[0], self._on_standard_changed)
        self.question_box = combo("Question:", rows[1], lambda v: self._choose_across(question=v))
        self.unit_box = combo("Highlight:", rows[2], self._on_unit_box)
        for row in rows:
            row.addStretch(1)
            column.addLayout(row)
        self.rank_label = chip_label(palette.RANK)
        column.addWidget(self.rank_label)
        self.across_chart = ChartView()
        column.addWidget(self.across_chart)
        self.across_note = note()
        column.addWidget(self.across_note)
        column.addStretch(1)
        return column

    def _counts_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(SPACING)
        head = QHBoxLayout()
        self.counts_heading = heading("Ratings by region", size=1)
        head.addWidget(self.counts_heading, 1)
        self.export_counts_button = button("Export table…", lambda: self.export_table("counts"), head)
        self.export_counts_chart_button = button("Export chart…", lambda: self.export_chart("counts"), head)
        column.addLayout(head)
        row = QHBoxLayout()
        self.count_box = combo("Count:", row, lambda v: self._choose_counts(count_of=v or OVERALL))
        self.by_box = combo("  by:", row, lambda v: self._choose_counts(counts_by=v or BY_REGION))
        refill(self.by_box, [(BY_REGION, "region"), (BY_YEAR, "year of publication")], BY_REGION)
        row.addStretch(1)
        column.addLayout(row)
        self.counts_model = DataFrameModel()
        self.counts_table = table_view(self.counts_model)
        fit_to_rows(self.counts_table)
        header = self.counts_table.horizontalHeader()  # rating names wrap onto two lines
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        header.setFixedHeight(2 * header.fontMetrics().lineSpacing() + 10)
        column.addWidget(self.counts_table)
        self.counts_chart = ChartView()
        column.addWidget(self.counts_chart)
        column.addWidget(note("Published ratings only; a rating the report does not give counts as "
                              "“not published”. Units of different frameworks are never counted together."))
        column.addStretch(1)
        return column

    # ------------------------------------------------------------------------------------ public

    def show_inspections(self, entries: Sequence[Entry], selected: int | None = None) -> None:
        """Compare ``entries`` ((Inspection, Assessment) pairs, the open inspections); ``selected`` is
        highlighted. With fewer than two open, and until the user picks otherwise, they are compared with
        the published outcomes."""
        self.open_entries = list(entries)
        self.open_selected = selected if selected is not None and 0 <= selected < len(entries) else None
        if not self.source_chosen:
            source = OPEN if len(self.open_entries) >= 2 else BOTH
            choose_quietly(self.source_box, source)
            framework = (self.open_entries[self.open_selected or 0][1].framework.id
                         if source == BOTH and self.open_entries else self.selection.framework)
            self.selection = replace(self.selection, source=source, framework=framework)
        self._show_source()

    def set_source(self, source: str) -> None:
        """Compare the open inspections (OPEN), the published outcomes (PUBLISHED) or both (BOTH)."""
        choose_quietly(self.source_box, source)
        self._on_source(source)

    def _on_source(self, source: str | None) -> None:
        self.source_chosen = True
        self.selection = replace(self.selection, source=source or OPEN)
        self._show_source()

    def _show_source(self) -> None:
        source = self.selection.source
        if source == OPEN:
            self.entries, self.left_out = list(self.open_entries), 0
        else:
            from viewer.library.entries import with_library  # read on first use, not at start-up

            self.entries, self.left_out = with_library(self.open_entries, include_open=source == BOTH)
        unit = self.open_selected if source != PUBLISHED else None
        self.selection = replace(self.selection, unit=unit)
        if len(self.entries) < 2:
            self.stack.show_empty(EMPTY_COMPARE)
            return
        # every unit's row, once per set of entries: the filters choose among them (231 with the library)
        self.all_units = frame = units_frame(self.entries)
        names = standard_names(self.entries)
        regions = sorted(set(frame["Region"]), key=lambda r: (r == NO_REGION, r.casefold()))
        ratings = [r.label for r in sorted(Rating, reverse=True)] + [NOT_PUBLISHED]
        frameworks = sorted(set(frame["Framework"]))
        years = sorted(set(frame["Year"]), key=lambda y: (y == NO_YEAR, y))
        # "PDU inspections (2023 framework)": each framework's name without the inspectorate's
        names_of = {a.framework.id: a.framework.name.removeprefix("HMI Probation ") for _, a in self.entries}
        s = self.selection
        for box, first, values, keep in ((self.region_box, "All regions", regions, s.region),
                                         (self.rating_box, "All ratings", ratings, s.rating),
                                         (self.framework_box, "All frameworks", frameworks, s.framework),
                                         (self.year_box, "All years", years, s.year)):
            refill(box, [(None, first)] + [(v, names_of.get(v, v) if box is self.framework_box else v)
                                             for v in values], keep)
        self.framework_box.setEnabled(len(frameworks) > 1)
        self.year_box.setEnabled(len(years) > 1)
        refill(self.standard_box, [(c, f"{c} {names.get(c, '')}") for c in standard_codes(self.entries, True)], s.code)
        refill(self.unit_box, [(None, "No unit")] + [(i, unit_label(self.entries, i)) for i in
                                                      range(len(self.entries))], s.unit)
        refill(self.count_box, [(OVERALL, "Overall ratings"), (ALL_STANDARDS, "All standards")]
                + [(c, f"{c} {names.get(c, '')}") for c in standard_codes(self.entries)], s.count_of)
        self._take_choices()
        self.units_model.header_tips = {c: f"{c} {n}" for c, n in names.items()}
        self.names = names
        opened = len(self.open_entries) if source != PUBLISHED else 0
        published = len(self.entries) - opened
        self.title_label.setText(
            f"Comparing {len(self.entries)} inspections" if source == OPEN else
            f"Comparing {opened} open and {published} published inspections" if opened else
            f"Comparing {published} published inspections")
        self._refill_questions()
        self.stack.show_content()
        self._fill()

    @property
    def selected(self) -> int | None:
        """The highlighted unit's position among the entries."""
        return self.selection.unit

    def set_filters(self, region: str | None = None, rating: str | None = None, framework: str | None = None) -> None:
        """Filter by region, overall rating (a label) and framework id; None means any."""
        for box, value in ((self.region_box, region), (self.rating_box, rating), (self.framework_box, framework)):
            choose_quietly(box, value)
        self._choose(region=region, rating=rating, framework=framework)

    def select_question(self, code: str, key: str | int | None = None) -> None:
        """Show standard ``code``'s question ``key`` (a theme, a position, or None for the lowest)."""
        self.standard_box.setCurrentIndex(max(0, self.standard_box.findData(code)))
        self.question_box.setCurrentIndex(max(0, self.question_box.findData(key)))

    def select_unit(self, index: int | None) -> None:
        """Highlight the unit at ``index`` in the entries (None: no unit)."""
        choose_quietly(self.unit_box, index)
        self.selection = replace(self.selection, unit=index)
        if index is None or index < len(self.open_entries) and self.selection.source != PUBLISHED:
            self.open_selected = index
        self.units_table.viewport().update()  # the highlighted unit's name cell changes colour
        self._fill_place()
        self._fill_across()

    # ---------------------------------------------------------------------------------- internals

    def _take_choices(self) -> None:
        """The selection as the drop-downs now offer it (after they were refilled for other entries)."""
        self.selection = replace(
            self.selection, region=self.region_box.currentData(), rating=self.rating_box.currentData(),
            framework=self.framework_box.currentData(), year=self.year_box.currentData(),
            code=self.standard_box.currentData(),
            question=self.question_box.currentData(), count_of=self.count_box.currentData() or OVERALL)

    def _choose(self, **changes: Any) -> None:
        self.selection = replace(self.selection, **changes)
        self._fill()

    def _choose_across(self, **changes: Any) -> None:
        self.selection = replace(self.selection, **changes)
        self._fill_across()

    def _choose_counts(self, **changes: Any) -> None:
        self.selection = replace(self.selection, **changes)
        self._fill_counts()

    def _fill(self) -> None:
        if len(self.entries) < 2:
            return
        s = self.selection
        frame = filter_units(self.all_units, s.region, s.rating, s.framework, s.year)
        self.shown = frame
        shown = [int(i) for i in frame.index]
        self.framework_label.setText(" ".join(t for t in (
            framework_note([self.entries[i] for i in shown]) if shown else "",
            f"{self.left_out} published outcome{'s are' if self.left_out != 1 else ' is'} open as a file and shown "
            "once." if self.left_out and s.source == BOTH else "") if t))
        self.shown_label.setText(f"Showing {len(frame)} of {len(self.entries)} units")
        legend = "  ·  ".join(f"{c} {n}" for c, n in self.names.items() if c in frame.columns
                              and (s.source == OPEN or any(cell_rating(t) for t in frame[c])))
        self.legend_label.setText(
            (legend + ".  " if legend else "") + "Cells show the published rating; a paler "
            "“(c.)”, computed, cell is one the report does not publish but the rules give; “—” is not published. "
            "A standard's cell shows a short label: hover for the full one. "
            + ("Hover over a published outcome's cell for the words it was read from. " if s.source != OPEN else "")
            + "Click a column header to sort, a row to highlight that unit.")
        self.heat_map.show(frame, self.entries, lambda: self.selection.unit, published=s.source != OPEN)
        self._fill_place()
        self._fill_across()
        self._fill_counts()

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and len(self.shown):
            index = int(self.shown.index[self.units_model.frame_row(current.row())])
            if index != self.selected:
                self._on_unit_box(index)

    def _on_unit_box(self, unit: int | None) -> None:
        self.select_unit(unit)
        if unit is not None and self._is_open(unit):  # the window shows that file's other tabs
            self.unit_chosen.emit(unit)

    def _is_open(self, index: int) -> bool:
        return self.selection.source != PUBLISHED and index < len(self.open_entries)

    def source_url(self) -> str | None:
        """The published page of the highlighted unit's values: a published outcome's source, or the
        report address an open file gives."""
        unit = self.selection.unit
        if unit is None or not 0 <= unit < len(self.entries):
            return None
        return self.entries[unit][0].report.url

    def open_source(self) -> bool:
        """Open the highlighted unit's published source in the browser."""
        url = self.source_url()
        return bool(url) and QDesktopServices.openUrl(QUrl(url))

    def _fill_place(self) -> None:
        """Where the highlighted unit stands among the units shown of its programme, by overall rating."""
        shown = [int(i) for i in self.shown.index]
        line = place_line(self.entries, self.selection.unit, shown) if shown else ""
        self.place_label.setText(line)
        self.place_label.setVisible(bool(line))
        url = self.source_url()
        self.open_source_button.setEnabled(bool(url))
        self.open_source_button.setToolTip(url or "The highlighted unit gives no published address")

    def _refill_questions(self) -> None:
        code = self.selection.code
        refill(self.question_box, question_choices(self.entries, code) if code else [], self.selection.question)
        self.selection = replace(self.selection, question=self.question_box.currentData())

    def _on_standard_changed(self, code: str | None) -> None:
        self.selection = replace(self.selection, code=code)
        self._refill_questions()
        self._fill_across()

    def _fill_across(self) -> None:
        s = self.selection
        code = s.code
        if not code or len(self.entries) < 2:
            self.across = None
            self.across_chart.show_chart(empty_chart("No standard rated by key questions"))
            self.rank_label.setText("")
            return
        shown = [int(i) for i in self.shown.index]
        self.across = a = across_units(self.entries, code, s.question, s.unit, shown)
        self.across_chart.show_chart(across_units_chart(a))
        self.across_chart.setFixedHeight(110 + 38 * max(len(a.bars), 1))
        self.rank_label.setText(a.rank_line or "Highlight a unit to see where it ranks.")
        lead = f"Units inspected under {a.framework_id}, lowest first; dashed lines are the band edges. "
        self.across_note.setText((lead if a.framework_id else "") + a.note)

    def _fill_counts(self) -> None:
        shown = [int(i) for i in self.shown.index]
        of = self.selection.count_of
        by = self.selection.counts_by
        self.counts_heading.setText(f"Ratings by {'region' if by == BY_REGION else 'year of publication'}")
        counts = counts_for(rating_counts([self.entries[i] for i in shown], by), of) if shown else pd.DataFrame()
        self.counts_frame = counts
        if counts.empty:
            self.counts_model.set_frame(pd.DataFrame())
            self.counts_chart.show_chart(empty_chart("No units shown"))
            return
        columns = list(counts.columns)

        def colours(row: int, col: int) -> tuple[str, str] | None:
            if columns[col] not in COUNT_RATINGS:
                return None
            return colours_for(match_rating(columns[col])[0]) if counts.iat[row, col] else palette.ZERO

        self.counts_model.set_frame(counts, colours=colours, bold_columns=("Total",))
        single = counts["Framework"].nunique() <= 1
        # Units equals Total when counting overall ratings; the export keeps both.
        # "not published" only when something is not published (the library's outcomes all give a rating)
        unpublished = (NOT_PUBLISHED,) if not counts[NOT_PUBLISHED].any() else ()
        fit_columns(self.counts_table, max_width=100,
                    hidden=(("Framework",) if single else ()) + (("Units",) if of == OVERALL else ()) + unpublished)
        for rating in COUNT_RATINGS:  # the names wrap in the header: every column, Total too, in view
            position = columns.index(rating)
            self.counts_table.setColumnWidth(position, min(self.counts_table.columnWidth(position), 88))
        self.counts_table.updateGeometry()
        labels = [r if single else f"{r} · {f}" for r, f in zip(counts[by], counts["Framework"])]
        what = "overall" if of == OVERALL else "standard" if of == ALL_STANDARDS else of
        self.counts_chart.show_chart(rating_counts_chart(labels, counts[COUNT_RATINGS].to_numpy().tolist(), what))
        self.counts_chart.setFixedHeight(110 + 40 * len(labels))
