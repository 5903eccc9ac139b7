"""When the viewer itself fails — a bug, not a bad file — its traceback goes to a log file in the user's
cache folder, and people are told in one sentence what happened and where the details are.

No Qt: the window, its background loader and the commands all log here. The folder is where
platformdirs' ``user_cache_dir("inspection-viewer")`` would put it.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from viewer import __version__

APP_FOLDER = "inspection-viewer"
_lock = threading.Lock()  # the worker thread and the GUI thread may both log at once
_session_name = ""  # one log per run: every failure of a session goes into the same file
_logged: set[tuple[Path, str]] = set()  # the stacks already written out in full, and where


def cache_folder() -> Path:
    """The viewer's folder in the user's cache: ~/.cache/inspection-viewer ($XDG_CACHE_HOME honoured),
    ~/Library/Caches/inspection-viewer on macOS, %LOCALAPPDATA%\\inspection-viewer\\Cache on Windows."""
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / APP_FOLDER / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / APP_FOLDER
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / APP_FOLDER


def log_crash(error: BaseException, doing: str) -> Path | None:
    """Append ``error``'s traceback, with what the viewer was doing, to this run's crash log
    (``crash-YYYYMMDD-HHMMSS.log``); the file, or None when no folder could be written."""
    global _session_name
    heading = f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} while {doing}\n"
    stack = "".join(traceback.format_tb(error.__traceback__)) + type(error).__name__
    full = (heading + f"Inspection Viewer {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
            + "".join(traceback.format_exception(error)) + "\n")
    with _lock:
        _session_name = _session_name or time.strftime("crash-%Y%m%d-%H%M%S.log")
        for folder in (cache_folder(), Path(tempfile.gettempdir()) / APP_FOLDER):  # a read-only home: the temp folder
            log = folder / _session_name
            # the same bug in a thousand files of a folder: its traceback once
            entry = f"{heading}{type(error).__name__}: {error} (the same traceback as above)\n\n" \
                if (log, stack) in _logged else full
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with open(log, "a", encoding="utf-8", errors="backslashreplace") as file:
                    file.write(entry)
            except OSError:
                continue
            _logged.add((log, stack))
            return log
    return None


def crash_message(error: BaseException, log: Path | None) -> str:
    """The sentence people read: that it is the viewer's fault, the error in brief, and what to do."""
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    what = what if len(what) <= 120 else what[:117] + "..."
    where = (f"The details are in {log}: please send that file to whoever looks after the viewer."
             if log else "The details could not be saved (the cache and temporary folders are not writable).")
    return f"the viewer failed because of a bug in it ({what}). {where}"
