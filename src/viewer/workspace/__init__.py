"""Opening files, Qt-free: what the window, ``check``, ``summary`` and ``convert`` share."""

from viewer.workspace.opening import (
    EMPTY_FOLDER, ImportNotes, OpenedInspection, OpenResult, files_to_open, needs_background, open_file, open_paths,
)

__all__ = ["EMPTY_FOLDER", "ImportNotes", "OpenResult", "OpenedInspection", "files_to_open", "needs_background",
           "open_file", "open_paths"]
