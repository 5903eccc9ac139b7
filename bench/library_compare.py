"""The library of published outcomes, first shown: how much it adds, and that it adds nothing at start-up.

Each run is a fresh process that opens the window on the sample, paints it, then switches to Compare:
- baseline: Compare of two open inspections only (the sample twice), no library;
- library: Compare of the sample against every published outcome (the default with one file open), which
  reads the library (231 inspection files), assesses each and fills the heat map, place and counts.
Also measured: start-up to the first paint in both (the library must not be read before Compare is shown).
Target: the library adds <= 0.3 s when Compare is first shown, and nothing at start-up.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SCRIPT = r"""
import json, sys, tempfile, time
from pathlib import Path
start = time.perf_counter()
from PySide6.QtCore import QSettings
from viewer.resource_files import sample_path
from viewer.ui.app import create_application
app = create_application()
from viewer.ui.main_window import MainWindow
win = MainWindow(settings=QSettings(str(Path(tempfile.mkdtemp()) / "b.ini"), QSettings.Format.IniFormat),
                 interactive=False)
win.resize(1280, 800); win.show()
files = [str(sample_path())]
if sys.argv[1] == "baseline":  # a second, different inspection: the sample under another unit's name
    data = json.loads(sample_path().read_text(encoding="utf-8"))
    data["unit"]["name"] = "Kent PDU"
    other = Path(tempfile.mkdtemp()) / "kent.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    files.append(str(other))
win.open_files(files)
app.processEvents(); win.repaint(); app.processEvents()
painted = time.perf_counter()
read_at_start = "viewer.library.load" in sys.modules
win.tabs.setCurrentIndex(win.tabs.count() - 1)
if sys.argv[1] == "baseline":
    from viewer.model.compare_selection import OPEN
    win.page(win.tabs.count() - 1).set_source(OPEN)
app.processEvents(); win.repaint(); app.processEvents()
shown = time.perf_counter()
rows = win.page(win.tabs.count() - 1).units_model.rowCount()
print(json.dumps({"startup": painted - start, "compare": shown - painted, "rows": rows, "read_at_start": read_at_start}))
"""


def run(kind: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run([sys.executable, "-c", SCRIPT, kind], check=True, env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    run("baseline"), run("library")  # warm the file cache
    results: dict[str, list[dict]] = {"baseline": [], "library": []}
    for _ in range(RUNS):
        for kind in results:
            results[kind].append(run(kind))
    med = {kind: {k: statistics.median(r[k] for r in rs) for k in ("startup", "compare")} for kind, rs in results.items()}
    b, lib = med["baseline"], med["library"]
    print(f"library of published outcomes, median of {RUNS} fresh processes each")
    print(f"  start-up to first paint: baseline {b['startup']:.3f} s, library build {lib['startup']:.3f} s "
          f"(ratio {lib['startup'] / b['startup']:.2f}x); library read at start-up: "
          f"{any(r['read_at_start'] for rs in results.values() for r in rs)}")
    print(f"  Compare first shown: 2 open files {b['compare']:.3f} s ({results['baseline'][0]['rows']} rows); "
          f"sample + library {lib['compare']:.3f} s ({results['library'][0]['rows']} rows)")
    added = lib["compare"] - b["compare"]
    print(f"  added by the library when first shown: {added:.3f} s (target <= 0.3 s) "
          f"{'OK' if added <= 0.3 else 'OVER TARGET'}; {lib['compare'] / b['compare']:.2f}x the two-file Compare")


if __name__ == "__main__":
    main()
