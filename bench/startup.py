"""Cold start to the first painted window: the viewer on the sample vs a bare PySide6 window.

The baseline imports PySide6, pandas and pyqtgraph and shows an empty QMainWindow, painted once;
the viewer runs `python -m viewer --exit-after-load` (loads the sample, builds all tabs, paints once).
Both are run alternately in one session, each as a fresh process, and the medians compared.
Target: viewer <= 1.3 x baseline.
"""

from __future__ import annotations

import os
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


def timed(args: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    baseline, viewer = [], []
    timed([sys.executable, "-c", BASELINE])  # warm the OS file cache for both
    timed([sys.executable, "-m", "viewer", "--exit-after-load"])
    for _ in range(RUNS):
        baseline.append(timed([sys.executable, "-c", BASELINE]))
        viewer.append(timed([sys.executable, "-m", "viewer", "--exit-after-load"]))
    b, v = statistics.median(baseline), statistics.median(viewer)
    print(f"start-up, median of {RUNS} runs each (QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')})")
    print(f"  bare PySide6+pandas+pyqtgraph window: {b:.3f} s")
    print(f"  viewer with the sample, painted:      {v:.3f} s")
    print(f"  ratio: {v / b:.2f}x (target <= 1.30x) {'OK' if v / b <= 1.3 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
