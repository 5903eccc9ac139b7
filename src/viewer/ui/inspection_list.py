"""The list of open inspections on the left of the window: one two-line row each, its rating's colour
beside it, opening a file again replaces its row, closing removes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from viewer.model.ratings import colours_for, label_or_missing
from viewer.model.tables import display_month
from viewer.ui.plain_text import tooltip
from viewer.ui.widgets import swatch_icon
from viewer.workspace import OpenedInspection


class InspectionList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[OpenedInspection] = []
        self._rows: dict[tuple[str, str], int] = {}
        self.setMinimumWidth(200)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Every entry is two lines: with uniform sizes the list does not measure every item again each
        # time a folder load adds a batch (which took hundreds of milliseconds at a thousand entries).
        self.setUniformItemSizes(True)

    def add(self, entries: list[OpenedInspection]) -> int:
        """Add entries, or replace those of a file (and part) already open; return the last row touched."""
        row = -1
        self.setUpdatesEnabled(False)
        for entry in entries:
            key = entry.key
            row = self._rows.get(key, -1)
            if row >= 0:
                self.entries[row] = entry
                item = self.item(row)
            else:
                row = len(self.entries)
                self._rows[key] = row
                self.entries.append(entry)
                item = QListWidgetItem()
                self.addItem(item)
            _describe(item, entry)
        self.setUpdatesEnabled(True)
        return row

    def remove(self, row: int) -> OpenedInspection:
        entry = self.entries.pop(row)
        self.takeItem(row)
        self._rows = {e.key: i for i, e in enumerate(self.entries)}
        return entry

    def current(self) -> OpenedInspection | None:
        row = self.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def files(self) -> list[str]:
        return [e.file for e in self.entries]


def _describe(item: QListWidgetItem, entry: OpenedInspection) -> None:
    """Line 1 the unit (cut with "…" when long: the tooltip has it whole), line 2 its rating and month, and
    a mark when the published and computed ratings disagree."""
    inspection = entry.inspection
    rating = inspection.overall.rating
    second = " · ".join(p for p in (label_or_missing(rating), display_month(inspection.report.published)) if p)
    if entry.assessment is not None and entry.assessment.disagreements:
        second += " · ⚠ rules differ"
    item.setText(f"{inspection.unit.shown_name}\n{second}")
    item.setToolTip(tooltip(f"{inspection.unit.shown_name}\n{second}\n{entry.shown_path}"))
    item.setIcon(swatch_icon(colours_for(rating)[0], 16))
