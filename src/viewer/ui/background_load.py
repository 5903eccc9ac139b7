"""Opening off the GUI thread (a folder, a PDF report), with progress and cancel.

A worker thread runs the workspace's ``open_paths`` (the same code ``check`` runs) and hands the
results to the GUI thread in batches at most every 50 ms, so the window stays responsive with
thousands of files.

Whatever happens, a load ends: the worker reports every failure (a bug in a reader included, logged
by the workspace) and always says it has finished. Cancel ends the load at once for the window, even
while a reader is still busy with one file: the worker stops before the next file and what it still
sends is dropped. The worker is a daemon Python thread rather than a QThread, so a reader that never
returns cannot keep the application from quitting, nor abort it at exit ("QThread: Destroyed while
thread is still running").
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot

from viewer.workspace import OpenResult, open_paths
from viewer.workspace.collector import collector_paused
from viewer.workspace.opening import unexpected_failure

BATCH_SECONDS = 0.05  # hand results over at most this often: fewer, larger updates of the window


class LoadWorker(QObject):
    """Runs ``run`` in the worker thread. It lives (as a QObject) in the GUI thread, so whatever its
    signals reach there is called on the GUI thread, through Qt's queued connections."""

    progress = Signal(int, int, str)  # done, total, current file
    batch = Signal(object)  # OpenResult
    finished = Signal(bool)  # cancelled?

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths
        self.cancel_requested = threading.Event()
        self.lock = threading.Lock()  # held while results are handed over, so a cancel can take what is left
        self._pending = OpenResult()
        self._last = 0.0

    def run(self) -> None:
        self._last = time.monotonic()
        try:
            with collector_paused(freeze=True):  # what was loaded is moved out of the collector's reach after
                open_paths(self.paths, self.cancel_requested.is_set, self._on_file)
        except Exception as error:  # noqa: BLE001 (a bug outside any one file, say in listing a folder: reported, and the load ends)
            self._pending.failed.append(unexpected_failure(", ".join(self.paths), error))
        finally:
            with self.lock:
                self._hand_over()
            self.finished.emit(self.cancel_requested.is_set())

    def _on_file(self, done: int, total: int, path: str, one: OpenResult) -> None:
        with self.lock:
            self._pending.extend(one)
            now = time.monotonic()
            if now - self._last >= BATCH_SECONDS or done == total:
                self.progress.emit(done, total, Path(path).name)
                self._hand_over()
                self._last = now

    def _hand_over(self) -> None:
        pending = self.take_pending()
        if pending.opened or pending.failed or pending.notes or pending.passed_over:
            self.batch.emit(pending)

    def take_pending(self) -> OpenResult:
        """What was read and not yet handed over (the caller holds ``lock``)."""
        pending, self._pending = self._pending, OpenResult()
        return pending


class BackgroundLoad(QObject):
    """One load, as the window sees it: its own ``progress``, ``batch`` and ``finished`` signals, which
    fall silent once it has finished or been cancelled. ``files`` is True when the person opened files
    (File ▸ Open, Open Recent, drag and drop) rather than a folder."""

    progress = Signal(int, int, str)
    batch = Signal(object)  # OpenResult
    finished = Signal(bool)  # cancelled?

    def __init__(self, paths: list[str], files: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files = files
        self.result = OpenResult()  # everything handed over so far
        self.done = False
        self.worker = LoadWorker(paths)
        queued = Qt.ConnectionType.QueuedConnection  # the worker emits from its thread; these run on the GUI thread
        self.worker.progress.connect(self._progress, queued)
        self.worker.batch.connect(self._batch, queued)
        self.worker.finished.connect(self._finish, queued)
        # The thread holds the worker until it returns, so the worker outlives this object if need be.
        self.worker_thread = threading.Thread(target=self.worker.run, name="inspection-viewer load", daemon=True)

    def start(self) -> None:
        self.worker_thread.start()

    def cancel(self) -> None:
        """Stop now: the worker stops before its next file, and the window hears ``finished(True)`` at once,
        after every file read before the cancel (the one being read is dropped)."""
        self.worker.cancel_requested.set()
        with self.worker.lock:  # the worker hands over under this lock: nothing is lost or counted twice
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # what it has sent, still on its way
            self._batch(self.worker.take_pending())  # and what it has read but not sent
        self._finish(True)

    def stop(self, seconds: float = 2.0) -> bool:
        """Cancel and wait a little for the worker to put down the file it is reading (the window is
        closing); True if it has stopped. One that is still busy is left behind: it holds nothing of the
        window's and, being a daemon, never keeps the application from quitting."""
        self.cancel()
        self.worker_thread.join(seconds)
        return not self.worker_thread.is_alive()

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, name: str) -> None:
        if not self.done:
            self.progress.emit(done, total, name)

    @Slot(object)
    def _batch(self, batch: OpenResult) -> None:
        if not self.done:
            self.result.extend(batch)
            self.batch.emit(batch)

    @Slot(bool)
    def _finish(self, cancelled: bool) -> None:
        if not self.done:
            self.done = True
            self.finished.emit(cancelled)
