"""Cold start to the first painted window: the viewer on the sample vs a bare PySide6 window.

The baseline imports PySide6, pandas and pyqtgraph and shows an empty QMainWindow, painted once;
the viewer runs `python -m viewer --exit-after-load` (loads the sample, builds all tabs, paints once).
Both are run alternately in one session, each as a fresh process, and the medians compared: the wall
time from start to exit, and the processor time the process used (which other programs running at the
same time do not inflate). Target: viewer <= 1.0 x baseline.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

RUNS = int(os.environ.get("BENCH_RUNS", "11"))
BASELINE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "import pandas, pyqtgraph\n"
    "app = QApplication([]); w = QMainWindow(); w.resize(1360, 860); w.show()\n"
    "app.processEvents(); w.repaint(); app.processEvents()\n"
)


TARGET = 1.0


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and processor time (user + system) of one fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    bare_args = [sys.executable, "-c", BASELINE]
    viewer_args = [sys.executable, "-m", "viewer", "--exit-after-load"]
    baseline, viewer = [], []
    timed(bare_args)  # warm the OS file cache for both
    timed(viewer_args)
    for _ in range(RUNS):
        baseline.append(timed(bare_args))
        viewer.append(timed(viewer_args))
    (b, bc), (v, vc) = ([statistics.median(x) for x in zip(*runs)] for runs in (baseline, viewer))
    print(f"start-up, median of {RUNS} runs each (QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')})")
    print(f"  bare PySide6+pandas+pyqtgraph window: {b:.3f} s, processor {bc:.3f} s")
    print(f"  viewer with the sample, painted:      {v:.3f} s, processor {vc:.3f} s")
    print(f"  ratio: {v / b:.2f}x, processor {vc / bc:.2f}x (target <= {TARGET:.1f}x) "
          f"{'OK' if v / b <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
