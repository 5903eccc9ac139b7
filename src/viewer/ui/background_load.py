"""Opening off the GUI thread (a folder, a PDF report), with progress and cancel.

A worker thread runs the workspace's ``open_paths`` (the same code ``check`` runs) and puts each file's
result aside; the GUI thread collects what has been put aside five times a second and shows it as one
batch. The worker never signals the GUI thread while it reads (only when it has finished), so a
thousand files cost the window a few updates rather than one per file, and the worker does not wait
for the GUI thread to hand its results over.

Whatever happens, a load ends: the worker reports every failure (a bug in a reader included, logged
by the workspace) and always says it has finished. Cancel ends the load at once for the window, even
while a reader is still busy with one file: every file read before it is shown, the worker stops
before the next file, and the file it was reading is dropped. The worker is a daemon Python thread
rather than a QThread, so a reader that never returns cannot keep the application from quitting, nor
abort it at exit ("QThread: Destroyed while thread is still running").
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from viewer.workspace import OpenResult, open_paths
from viewer.workspace.collector import collector_paused
from viewer.workspace.opening import unexpected_failure

COLLECT_MS = 200  # how often the window takes what the worker has read: fewer, larger updates of the window


class LoadWorker(QObject):
    """Its ``run`` runs in the worker thread. The object lives in the GUI thread, so ``finished`` reaches
    the GUI thread through a queued connection."""

    finished = Signal()

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.cancel_requested = threading.Event()
        self._lock = threading.Lock()  # the worker puts results aside and the GUI thread takes them
        self._pending = OpenResult()
        self._progress = (0, 0, "")  # done, total, the last file

    def run(self) -> None:
        try:
            with collector_paused(freeze=True):  # what was loaded is moved out of the collector's reach after
                open_paths(self.paths, self.cancel_requested.is_set, self._on_file)
        except Exception as error:  # noqa: BLE001 (a bug outside any one file, say in listing a folder: reported, and the load ends)
            with self._lock:
                self._pending.failed.append(unexpected_failure(", ".join(self.paths), error))
        finally:
            self.finished.emit()

    def _on_file(self, done: int, total: int, path: str, one: OpenResult) -> None:
        with self._lock:
            self._pending.extend(one)
            self._progress = (done, total, Path(path).name if path else self._progress[2])

    def take(self) -> tuple[OpenResult, tuple[int, int, str]]:
        """What was read since the last call, and how far the worker has got."""
        with self._lock:
            pending, self._pending = self._pending, OpenResult()
            return pending, self._progress


class BackgroundLoad(QObject):
    """One load, as the window sees it: its ``progress``, ``batch`` and ``finished`` signals, on the GUI
    thread, silent once it has finished or been cancelled. ``files`` is True when the person opened files
    (File ▸ Open, Open Recent, drag and drop) rather than a folder."""

    progress = Signal(int, int, str)  # done, total, the last file
    batch = Signal(object)  # OpenResult
    finished = Signal(bool)  # cancelled?

    def __init__(self, paths: list[str], files: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files = files
        self.result = OpenResult()  # everything shown so far
        self.done = False
        self.worker = LoadWorker(paths)
        self.worker.finished.connect(self._worker_finished, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._collect)
        # The thread holds the worker until it returns, so the worker outlives this object if need be.
        self.worker_thread = threading.Thread(target=self.worker.run, name="inspection-viewer load", daemon=True)

    def start(self) -> None:
        self.worker_thread.start()
        self._timer.start(COLLECT_MS)

    def cancel(self) -> None:
        """Stop now: the window hears about every file read so far, then ``finished(True)``; the worker
        stops before its next file and what it reads after this is dropped."""
        self.worker.cancel_requested.set()
        self._finish(cancelled=True)

    def stop(self, seconds: float = 2.0) -> bool:
        """Cancel and wait a little for the worker to put down the file it is reading (the window is
        closing); True if it has stopped. One that is still busy is left behind: it holds nothing of the
        window's and, being a daemon, never keeps the application from quitting."""
        self.cancel()
        self.worker_thread.join(seconds)
        return not self.worker_thread.is_alive()

    @Slot()
    def _collect(self) -> None:
        pending, (done, total, name) = self.worker.take()
        if total:
            self.progress.emit(done, total, name)
        if pending.opened or pending.failed or pending.notes or pending.passed_over:
            self.result.extend(pending)
            self.batch.emit(pending)

    @Slot()
    def _worker_finished(self) -> None:
        self._finish(cancelled=self.worker.cancel_requested.is_set())

    def _finish(self, cancelled: bool) -> None:
        if not self.done:
            self._timer.stop()
            self._collect()
            self.done = True
            self.finished.emit(cancelled)
