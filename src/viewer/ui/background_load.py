"""Opening off the GUI thread (a folder, a PDF report), with progress and cancel.

A worker in a QThread runs the workspace's ``open_paths`` (the same code ``check`` runs) and hands
the results to the GUI thread in batches at most every 50 ms, so the window stays responsive with
thousands of files.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from viewer.workspace import OpenResult, open_paths
from viewer.workspace.collector import collector_paused

BATCH_SECONDS = 0.05  # hand results over at most this often: fewer, larger updates of the window


class LoadWorker(QObject):
    """Runs in its own thread; every signal is delivered to the GUI thread by Qt's queued connections."""

    progress = Signal(int, int, str)  # done, total, current file
    batch = Signal(object)  # OpenResult
    finished = Signal(bool)  # cancelled?

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.cancel_requested = threading.Event()
        self._pending = OpenResult()
        self._last = 0.0

    @Slot()
    def run(self) -> None:
        self._last = time.monotonic()
        with collector_paused(freeze=True):  # what was loaded is moved out of the collector's reach after
            open_paths(self.paths, self.cancel_requested.is_set, self._on_file)
        self._hand_over()
        self.finished.emit(self.cancel_requested.is_set())

    def _on_file(self, done: int, total: int, path: str, one: OpenResult) -> None:
        self._pending.extend(one)
        now = time.monotonic()
        if now - self._last >= BATCH_SECONDS or done == total:
            self.progress.emit(done, total, Path(path).name)
            self._hand_over()
            self._last = now

    def _hand_over(self) -> None:
        pending = self._pending
        if pending.opened or pending.failed or pending.notes or pending.passed_over:
            self._pending = OpenResult()
            self.batch.emit(pending)


class BackgroundLoad(QObject):
    """Owns the thread and the worker of one load; ``files`` is True when the person opened files
    (File ▸ Open, Open Recent, drag and drop) rather than a folder."""

    def __init__(self, paths: list[str], files: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files = files
        self.result = OpenResult()  # everything handed over so far
        self.thread = QThread(self)
        self.worker = LoadWorker(paths)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel_requested.set()

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms)
