"""Drop-downs and buttons as the Compare tab uses them: a drop-down hands its chosen item's data to a slot,
and is refilled or set without telling anyone (the tab keeps its selection itself)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QBoxLayout, QComboBox, QLabel, QPushButton, QSizePolicy

def combo(label: str, row: QBoxLayout, slot: Callable[[Any], None]) -> QComboBox:
    """A drop-down whose choice is handed to ``slot`` as its item's data."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    row.addWidget(QLabel(label))
    row.addWidget(box)
    box.currentIndexChanged.connect(lambda _index: slot(box.currentData()))
    return box


def refill(box: QComboBox, items: Sequence[tuple[Any, str]], keep: Any = None) -> None:
    """Replace a combo's (data, text) items without signals, keeping ``keep`` selected when offered."""
    box.blockSignals(True)
    box.clear()
    for data, text in items:
        box.addItem(text, data)
    box.setCurrentIndex(next((i for i, (data, _) in enumerate(items) if data == keep), 0))
    box.blockSignals(False)


def choose_quietly(box: QComboBox, data: Any) -> None:
    """Show ``data``'s item without telling anyone (the caller updates the selection itself)."""
    box.blockSignals(True)
    box.setCurrentIndex(max(0, box.findData(data)))
    box.blockSignals(False)


def button(text: str, slot: Callable[[], object], row: QBoxLayout) -> QPushButton:
    button = QPushButton(text)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    button.clicked.connect(lambda: slot())
    row.addWidget(button)
    return button
