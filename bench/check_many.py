"""`inspection-viewer check` on 1,000 inspection files against `json.loads` of the same files, side by side.

Target: check takes at most 2x the time json.loads takes to parse the files. Both are measured twice in
the same run, alternately, on one core (``taskset -c 0``), as medians of the processor time spent (user and
system: on this VM, shared with other work, wall-clock times of the same run vary by half):

- whole commands, interpreter start-up included, as a user would see them: ``python -m viewer check
  FILES`` against ``python -c`` reading and ``json.loads``-ing each file;
- in one process, without start-up: ``run_check`` (discovery, reading, checking, rating, the printed
  report) against reading and ``json.loads``-ing each file.

The files are copies of the bundled sample with different unit names and percentages, written to a
temporary folder.
"""

from __future__ import annotations

import gc
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from viewer.resource_files import sample_path

COUNT = int(os.environ.get("BENCH_FILES", "1000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))
TARGET = 2.0
BASELINE = "import json, sys\nfor p in sys.argv[1:]:\n    with open(p, 'rb') as f:\n        json.loads(f.read())\n"


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


def _cpu() -> float:
    """Processor time of this process and of the commands it ran and waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run) -> float:
    start = _cpu()
    run()
    return _cpu() - start


def _side_by_side(runs: dict, repeats: int) -> dict[str, list[float]]:
    """Each run ``repeats`` times, alternately, so that the machine's mood falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            gc.collect()
            times[name].append(_timed(run))
    return times


def _line(label: str, times: list[float], baseline: list[float]) -> str:
    ratio = statistics.median(times) / statistics.median(baseline)
    return (f"  {label:<24} median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}), "
            f"{statistics.median(times) / COUNT * 1000:.2f} ms a file: {ratio:.2f}x json.loads")


def main() -> None:
    from viewer.cli.check import run_check

    folder = Path(tempfile.mkdtemp(prefix="iv-bench-"))
    try:
        paths = make_files(folder)
        size = sum(os.path.getsize(p) for p in paths) / 1e6
        one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []

        def command(*args: str):
            return lambda: subprocess.run(one_core + [sys.executable, *args], capture_output=True, check=False)

        print(f"{COUNT} files ({size:.1f} MB), median of {REPEATS}, alternately")
        whole = _side_by_side({"json": command("-c", BASELINE, *paths), "check": command("-m", "viewer", "check", *paths),
                               "check --json": command("-m", "viewer", "check", "--json", *paths)}, REPEATS)
        print("whole commands on one core, interpreter start-up included:")
        print(f"  {'json.loads':<24} median {statistics.median(whole['json']):.3f} s")
        for name in ("check", "check --json"):
            print(_line(name, whole[name], whole["json"]))

        def loads() -> None:
            for path in paths:
                with open(path, "rb") as handle:
                    json.loads(handle.read())

        inside = _side_by_side({"json": loads, "check": lambda: run_check(paths, out=io.StringIO())}, REPEATS)
        print("in one process, no start-up:")
        print(f"  {'json.loads':<24} median {statistics.median(inside['json']):.3f} s")
        print(_line("run_check", inside["check"], inside["json"]))
        worst = max(statistics.median(whole["check"]) / statistics.median(whole["json"]),
                    statistics.median(inside["check"]) / statistics.median(inside["json"]))
        print(f"target: at most {TARGET:g}x json.loads -> {'met' if worst <= TARGET else 'NOT met'} (worst {worst:.2f}x)")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
