"""File ▸ Open Folder…: load everything under a folder off the GUI thread, with progress and cancel.

A worker in a QThread walks the folder, loads and assesses each file (pure Python), and hands the
results to the GUI thread in small batches, so the window stays responsive with thousands of files.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from viewer.formats.any_file import discover, load_any
from viewer.workspace.collector import collector_paused
from viewer.formats.errors import LoadError
from viewer.model.framework import FrameworkError
from viewer.ui.open_inspection import OpenInspection, open_entries

BATCH_SECONDS = 0.05  # hand results over at most this often: fewer, larger updates of the window


@dataclass
class FolderResult:
    loaded: list[OpenInspection] = field(default_factory=list)
    failed: list[LoadError] = field(default_factory=list)


class FolderWorker(QObject):
    """Runs in its own thread; every signal is delivered to the GUI thread by Qt's queued connections."""

    progress = Signal(int, int, str)  # done, total, current file
    batch = Signal(object)  # FolderResult
    finished = Signal(bool)  # cancelled?

    def __init__(self, source: str | list[str]) -> None:
        super().__init__()
        self.source = source  # a folder, or a list of files (PDF reports take a second or two each)
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        with collector_paused(freeze=True):  # see bulk_load: no collector pauses holding the GUI thread
            self._load_all()

    def _load_all(self) -> None:
        files = list(discover(self.source)) if isinstance(self.source, str) else list(self.source)
        pending = FolderResult()
        last = time.monotonic()
        for done, path in enumerate(files, start=1):
            if self.cancel_requested.is_set():
                break
            try:
                pending.loaded.extend(open_entries(str(path), load_any(path)))
            except LoadError as err:
                pending.failed.append(err)
            except FrameworkError as err:  # a framework file shipped with the viewer is broken
                pending.failed.append(LoadError(str(path), str(err)))
            now = time.monotonic()
            if now - last >= BATCH_SECONDS or done == len(files):
                self.progress.emit(done, len(files), Path(path).name)
                self.batch.emit(pending)
                pending, last = FolderResult(), now
        if pending.loaded or pending.failed:
            self.batch.emit(pending)
        self.finished.emit(self.cancel_requested.is_set())


class FolderLoad(QObject):
    """Owns the thread and the worker of one folder load."""

    def __init__(self, source: str | list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = FolderWorker(source)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel_requested.set()

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms)
