"""Printable summaries from the command line: one, and 100 in one run. Target < 0.5 s a summary after start-up.

Runs `inspection-viewer summary` on the sample, then on 100 copies of it (different unit names),
each as one process; "after start-up" subtracts the one-summary run's time from the 100-summary run's
and divides by the 99 extra summaries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from viewer.resource_files import sample_path

COUNT = int(os.environ.get("BENCH_SUMMARIES", "100"))


def timed(args: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="iv-summaries-"))
    try:
        sample = json.loads(sample_path().read_text(encoding="utf-8"))
        inputs = []
        for n in range(COUNT):
            sample["unit"]["name"] = f"Bench PDU {n:03d}"
            path = folder / f"in-{n:03d}.json"
            path.write_text(json.dumps(sample), encoding="utf-8")
            inputs.append(str(path))
        command = [sys.executable, "-m", "viewer", "summary"]
        one = timed(command + [inputs[0], "-o", str(folder / "one.pdf")])
        many = timed(command + inputs + ["-o", str(folder / "out") + "/"])
        per = (many - one) / (COUNT - 1)
        written = len(list((folder / "out").glob("*.pdf")))
        print(f"one summary (PDF, 6 pages), whole command:  {one:.2f} s")
        print(f"{COUNT} summaries in one command:            {many:.2f} s ({written} PDFs written)")
        print(f"per summary after start-up:                {per:.3f} s (target < 0.5 s) {'OK' if per < 0.5 else 'OVER'}")
        html = timed(command + inputs + ["-o", str(folder / "html") + "/", "--format", "html"])
        print(f"{COUNT} summaries as HTML in one command:    {html:.2f} s")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
