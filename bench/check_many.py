"""`inspection-viewer check` on 1,000 inspection files, on one core. Target: under 2 s in all.

The files are copies of the bundled sample with different unit names and percentages, written to
a temporary folder. The time includes the interpreter's start-up, as a user would see it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from viewer.resource_files import sample_path

COUNT = int(os.environ.get("BENCH_FILES", "1000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))  # this machine is a noisy VM: report the median


def make_files(folder: Path) -> list[str]:
    sample = json.loads(sample_path().read_text(encoding="utf-8"))
    paths = []
    for n in range(COUNT):
        sample["unit"]["name"] = f"Bench PDU {n:04d}"
        sample["standards"][3]["key_questions"][2]["percent_yes"] = n % 101
        path = folder / f"inspection-{n:04d}.json"
        path.write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="iv-bench-"))
    try:
        paths = make_files(folder)
        size = sum(os.path.getsize(p) for p in paths) / 1e6
        one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        for as_json in (False, True):
            args = one_core + [sys.executable, "-m", "viewer", "check"] + (["--json"] if as_json else []) + paths
            times = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                result = subprocess.run(args, capture_output=True)
                times.append(time.perf_counter() - start)
            elapsed = statistics.median(times)
            label = "check --json" if as_json else "check"
            print(f"{label:<13} {COUNT} files ({size:.1f} MB) on one core, median of {REPEATS}: {elapsed:.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}; {elapsed / COUNT * 1000:.2f} ms/file, "
                  f"exit {result.returncode}) target < 2 s {'OK' if elapsed < 2 else 'OVER TARGET'}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
