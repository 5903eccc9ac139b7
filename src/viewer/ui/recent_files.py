"""File ▸ Open Recent, kept in QSettings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from viewer.ui.plain_text import tooltip

MAX_RECENT = 10
KEY = "recentFiles"


class RecentFiles:
    def __init__(self, settings: QSettings, menu: QMenu, open_paths: Callable[[list[str]], object]) -> None:
        self.settings, self.menu, self.open_paths = settings, menu, open_paths
        menu.aboutToShow.connect(self.fill_menu)
        self.fill_menu()

    def paths(self) -> list[str]:
        value = self.settings.value(KEY, [])
        if isinstance(value, str):  # QSettings gives back a lone string for a one-item list
            value = [value]
        return [str(v) for v in value or []]

    def remember(self, path: str) -> None:
        self.settings.setValue(KEY, ([path] + [p for p in self.paths() if p != path])[:MAX_RECENT])

    def clear(self) -> None:
        self.settings.setValue(KEY, [])
        self.fill_menu()

    def fill_menu(self) -> None:
        self.menu.clear()
        recent = self.paths()
        for number, path in enumerate(recent, start=1):
            action = self.menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(tooltip(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_paths([p]))
        if not recent:
            self.menu.addAction("No recent files").setEnabled(False)
        else:
            self.menu.addSeparator()
            self.menu.addAction("Clear list", self.clear)
