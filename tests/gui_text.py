"""Read back what a person would see in a widget: label texts, table cells, list and tree items."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QGroupBox, QLabel, QTextEdit, QWidget


def _model_texts(model, parent=QModelIndex()) -> list[str]:
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            value = model.data(index, Qt.ItemDataRole.DisplayRole)
            if value not in (None, ""):
                texts.append(str(value))
            # rowCount, not hasChildren: table and list models make hasChildren private in PySide6
            if column == 0 and model.rowCount(index) > 0:
                texts.extend(_model_texts(model, index))
    return texts


def visible_texts(widget: QWidget) -> list[str]:
    """Every text shown in ``widget`` and its children (labels, buttons, group titles, views' cells)."""
    texts: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QTextEdit):
            texts.append(child.toPlainText())
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            texts.extend(_model_texts(child.model()))
    return [t for t in texts if t]


def all_text(widget: QWidget) -> str:
    return "\n".join(visible_texts(widget))
