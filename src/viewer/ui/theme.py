"""Light or dark, as the system is: Qt 6.5+ tells the scheme (``styleHints().colorScheme()``). In the dark
the window takes a dark palette (Fusion, which follows palettes on every platform); the viewer's own
colours go through :func:`tone`, so a note or a "differs" mark stays readable on either. Rating colours
never change: each is a background with its own text colour, and its label is always written too.
Charts stay white panels, as on paper."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# (light, dark) pairs for the few colours the viewer writes itself on the window's background
NOTE = ("#505050", "#b4b4b4")
ALERT = ("#8a0a1f", "#ff8f9f")
OK = ("#1b5e20", "#8fd694")


def is_dark() -> bool:
    app = QGuiApplication.instance()
    return app is not None and QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def tone(pair: tuple[str, str]) -> str:
    """The light or the dark colour of a pair, for the scheme in use."""
    return pair[1] if is_dark() else pair[0]


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#1f1f1f"), (QPalette.ColorRole.AlternateBase, "#2f2f2f"),
                         (QPalette.ColorRole.Text, "#eeeeee"), (QPalette.ColorRole.Button, "#3a3a3a"),
                         (QPalette.ColorRole.ButtonText, "#eeeeee"), (QPalette.ColorRole.ToolTipBase, "#3a3a3a"),
                         (QPalette.ColorRole.ToolTipText, "#eeeeee"), (QPalette.ColorRole.Highlight, "#3a6ea5"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
                         (QPalette.ColorRole.Link, "#8cb4e8"), (QPalette.ColorRole.Mid, "#555555")):
        palette.setColor(role, QColor(colour))
    return palette


def follow_system(app: QApplication) -> None:
    """Take the system's scheme now (the window is built after this; a change while it runs applies to
    what is drawn from then on)."""
    if is_dark():
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
