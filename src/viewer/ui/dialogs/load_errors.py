"""The one dialog that tells a person which files could not be opened, where, and why."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer.formats.errors import LoadError

SHOWN = 5  # the rest are in "Show Details…"


def load_errors_dialog(parent: QWidget, failures: list[LoadError], passed_over: Sequence[str] = ()) -> QMessageBox:
    """A warning box listing the failures; opened window-modal without blocking (``box.open()``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Could not open file" if len(failures) == 1 else "Could not open files")
    box.setText(f"Could not open {Path(failures[0].path).name}" if len(failures) == 1
                else f"{len(failures)} files could not be opened.")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        "\n\n".join(f"{Path(e.path).name}" + (f" ({e.place})" if e.place else "") + f":\n{e.message}"
                    for e in failures[:SHOWN])
        + (f"\n\n… and {len(failures) - SHOWN} more (Show Details…)" if len(failures) > SHOWN else "")
        + "\n\nThe inspections already open are unchanged."
    )
    details = [str(e) for e in failures]
    if passed_over:
        details += ["", "Passed over (not an inspection, workbook or report):", *passed_over]
    box.setDetailedText("\n".join(details))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
