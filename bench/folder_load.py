"""File ▸ Open Folder… on 1,000 inspection files, in the real window (offscreen), against baselines
measured in the same run.

Each round runs four fresh processes, one after the other:
- json: reads and json.loads the same files (the floor any reader of them pays);
- workspace: what the window's worker runs, without a window (the readers' and the rules' share);
- bare: a bare PySide6 + pandas + pyqtgraph window (what any window of ours costs in memory);
- viewer: the viewer's window opens the folder; the event loop runs as it does for a person
  (app.exec), with a 5 ms timer whose gaps measure how long the GUI thread went without handling events.
Printed: the medians over the rounds of the time from the request to the last inspection listed, the
longest gap, the process's peak memory, and the ratios to the baselines.
Targets: 1.2 s, GUI thread never blocked over 100 ms, 250 MB.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COUNT = int(os.environ.get("BENCH_FILES", "1000"))
ROUNDS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET_S, TARGET_GAP_MS, TARGET_MB = 1.2, 100, 250


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """The processor time of the whole process, every thread: contention with other programs does not count."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def make_folder() -> Path:
    from viewer.resource_files import sample_path

    folder = Path(tempfile.mkdtemp(prefix="iv-folder-"))
    data = json.loads(sample_path().read_text(encoding="utf-8"))
    for n in range(COUNT):
        data["unit"]["name"] = f"Bench PDU {n:04d}"
        data["standards"][3]["key_questions"][2]["percent_yes"] = n % 101
        (folder / f"inspection-{n:04d}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def json_baseline(folder: Path) -> dict:
    start, cpu = time.perf_counter(), cpu_seconds()
    loaded = [json.loads(path.read_bytes()) for path in sorted(folder.glob("*.json"))]
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, "loaded": len(loaded), "mb": peak_mb()}


def workspace(folder: Path) -> dict:
    """What the window's worker runs, without the window: read and assess every file."""
    from viewer.workspace import open_paths
    from viewer.workspace.collector import collector_paused

    start, cpu = time.perf_counter(), cpu_seconds()
    with collector_paused(freeze=True):
        loaded = len(open_paths([str(folder)]).opened)
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, "loaded": loaded, "mb": peak_mb()}


def bare_window(_folder: Path) -> dict:
    import pandas  # noqa: F401
    import pyqtgraph  # noqa: F401
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1360, 860)
    window.show()
    app.processEvents()
    return {"mb": peak_mb()}


def viewer_window(folder: Path) -> dict:
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from viewer.ui.app import create_application, window_class

    app = create_application()
    window = window_class()(settings=QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat), interactive=False)
    window.show()
    app.processEvents()
    window_mb = peak_mb()
    gaps, worst = QElapsedTimer(), [0]
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: worst.__setitem__(0, max(worst[0], gaps.restart())))
    start, cpu = time.perf_counter(), cpu_seconds()
    gaps.start()
    heartbeat.start(5)
    window.open_folder(str(folder))
    window.background_load.finished.connect(app.quit)  # after the window has shown what it loaded
    app.exec()
    elapsed = time.perf_counter() - start
    heartbeat.stop()
    return {"seconds": elapsed, "cpu": cpu_seconds() - cpu, "gap_ms": worst[0], "loaded": len(window.open_inspections),
            "mb": peak_mb(), "window_mb": window_mb}


def measure(kind: str, folder: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run([sys.executable, __file__, kind, str(folder)], env=env, capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.splitlines()[-1])


def main() -> int:
    folder = make_folder()
    rounds: dict[str, list[dict]] = {"json": [], "workspace": [], "bare": [], "viewer": []}
    try:
        measure("json", folder)  # warm the file cache
        for _ in range(ROUNDS):
            for kind in rounds:
                rounds[kind].append(measure(kind, folder))
    finally:
        shutil.rmtree(folder)

    def median(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in rounds[kind])

    seconds, gap, mb = median("viewer", "seconds"), median("viewer", "gap_ms"), median("viewer", "mb")
    json_s, workspace_s = median("json", "seconds"), median("workspace", "seconds")
    bare_mb, window_mb = median("bare", "mb"), median("viewer", "window_mb")
    loaded = min(r["loaded"] for r in rounds["viewer"])
    print(f"open folder of {COUNT} inspection files, medians of {ROUNDS} rounds (each a fresh process)")
    print(f"  time to the last inspection listed: {seconds:.2f} s (target {TARGET_S} s) "
          f"{'OK' if seconds <= TARGET_S else 'OVER'}; {loaded} listed")
    print(f"    baseline, json.loads of the same files: {json_s:.2f} s; ratio {seconds / json_s:.1f}x "
          f"(rounds: {', '.join(format(r['seconds'], '.2f') for r in rounds['viewer'])} s)")
    print(f"    baseline, the same reading and assessing without a window (workspace.open_paths): {workspace_s:.2f} s; "
          f"ratio {seconds / workspace_s:.2f}x")
    cpu, json_cpu, workspace_cpu = median("viewer", "cpu"), median("json", "cpu"), median("workspace", "cpu")
    print(f"  processor time (all threads; other programs do not count): {cpu:.2f} s; json.loads {json_cpu:.2f} s "
          f"(ratio {cpu / json_cpu:.1f}x); without a window {workspace_cpu:.2f} s (ratio {cpu / workspace_cpu:.2f}x)")
    print(f"  longest the GUI thread went without handling events: {gap:.0f} ms (target {TARGET_GAP_MS} ms) "
          f"{'OK' if gap <= TARGET_GAP_MS else 'OVER'}")
    print(f"  peak memory: {mb:.0f} MB (target {TARGET_MB} MB) {'OK' if mb <= TARGET_MB else 'OVER'}")
    print(f"    baseline, a bare PySide6 + pandas + pyqtgraph window: {bare_mb:.0f} MB; ratio {mb / bare_mb:.2f}x; "
          f"the viewer's window before opening: {window_mb:.0f} MB, so the {loaded} inspections add "
          f"{mb - window_mb:.0f} MB")
    return 0 if loaded == COUNT else 1


if __name__ == "__main__":
    if len(sys.argv) == 3:  # one measurement, in this fresh process
        print(json.dumps({"json": json_baseline, "workspace": workspace, "bare": bare_window,
                          "viewer": viewer_window}[sys.argv[1]](
            Path(sys.argv[2]))))
    else:
        sys.exit(main())
