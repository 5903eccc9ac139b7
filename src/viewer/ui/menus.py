"""The main window's menus, with the platform's standard shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from viewer.ui.recent_files import RecentFiles


def _action(window: QMainWindow, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action


def build_menus(window) -> None:
    """File and Help menus; the actions are kept on ``window`` (``window.open_action`` …)."""
    keys = QKeySequence.StandardKey
    file_menu = window.menuBar().addMenu("&File")
    window.open_action = _action(window, "&Open…", window.choose_files, keys.Open)
    window.open_folder_action = _action(window, "Open &Folder…", window.choose_folder, QKeySequence("Ctrl+Shift+O"))
    file_menu.addAction(window.open_action)
    file_menu.addAction(window.open_folder_action)
    window.recent = RecentFiles(window.settings, file_menu.addMenu("Open &Recent"), window.open_files)
    file_menu.addSeparator()
    window.save_as_action = _action(window, "Save &As…", window.save_current_as, keys.SaveAs)
    file_menu.addAction(window.save_as_action)
    file_menu.addSeparator()
    window.print_action = _action(window, "&Print…", window.print_current, keys.Print)
    window.preview_action = _action(window, "Print Pre&view…", window.preview_current)
    window.export_pdf_action = _action(window, "&Export PDF…", window.export_current_pdf, QKeySequence("Ctrl+Shift+E"))
    for action in (window.print_action, window.preview_action, window.export_pdf_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    window.close_action = _action(window, "&Close", window.close_current, keys.Close)
    file_menu.addAction(window.close_action)
    file_menu.addSeparator()
    quit_action = _action(window, "&Quit", window.close, keys.Quit)
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.addAction(quit_action)
    help_menu = window.menuBar().addMenu("&Help")
    about = _action(window, "&About Inspection Viewer", window.show_about)
    about.setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(about)
    # Actions that need a selected inspection.
    window.selection_actions = (window.save_as_action, window.print_action, window.preview_action,
                                window.export_pdf_action, window.close_action)
