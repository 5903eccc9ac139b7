"""File ▸ Open Folder… on 1,000 inspection files, in the real window (offscreen).

Prints the time from the request to the last inspection listed, the longest time the GUI thread
went without handling events (a 5 ms timer measures the gaps), and the process's peak memory.
Targets: under 2 s, GUI thread never blocked over 100 ms, under 300 MB.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402

from viewer.resource_files import sample_path  # noqa: E402
from viewer.ui.app import create_application  # noqa: E402

COUNT = int(os.environ.get("BENCH_FILES", "1000"))


def make_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="iv-folder-"))
    data = json.loads(sample_path().read_text(encoding="utf-8"))
    for n in range(COUNT):
        data["unit"]["name"] = f"Bench PDU {n:04d}"
        data["standards"][3]["key_questions"][2]["percent_yes"] = n % 101
        (folder / f"inspection-{n:04d}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def main() -> int:
    folder = make_folder()
    app = create_application()
    from viewer.ui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat), interactive=False)
    window.show()
    app.processEvents()
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gaps = QElapsedTimer()
    worst = [0]

    def beat() -> None:
        worst[0] = max(worst[0], gaps.restart())

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    start = time.perf_counter()
    gaps.start()
    heartbeat.start()
    window.open_folder(str(folder))
    during = 0
    while window.background_load is not None:
        during = max(during, worst[0])  # the gaps seen before the load's last step
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - start
    worst[0] = 0
    shown = time.perf_counter()
    for _ in range(5):  # let the first inspection be filled in and painted
        app.processEvents()
    window.repaint()
    shown = time.perf_counter() - shown
    heartbeat.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    loaded = len(window.open_inspections)
    shutil.rmtree(folder)
    print(f"open folder of {COUNT} inspection files: {elapsed:.2f} s, {loaded} listed (target < 2 s) "
          f"{'OK' if elapsed < 2 else 'OVER'}")
    print(f"longest the GUI thread went without handling events while loading: {during} ms (target <= 100 ms) "
          f"{'OK' if during <= 100 else 'OVER'}")
    print(f"then showing the first inspection (Ratings tab filled and painted): {shown * 1000:.0f} ms")
    print(f"peak memory of the whole viewer process: {peak_mb:.0f} MB (target < 300 MB) "
          f"{'OK' if peak_mb < 300 else 'OVER'}; the window alone: {before_mb:.0f} MB, so the "
          f"{loaded} inspections add {peak_mb - before_mb:.0f} MB")
    return 0 if loaded == COUNT else 1


if __name__ == "__main__":
    sys.exit(main())
