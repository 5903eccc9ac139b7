"""Read one .xlsx workbook of 1,000 inspections with each engine. Target: under 2 s, under 300 MB.

Engines: "calamine" (python-calamine's rows made into pandas DataFrames: the default),
"pandas-calamine" and "pandas-openpyxl" (pandas.read_excel with that engine, which converts every
cell in Python before the workbook reader sees it).

The inspections are copies of the bundled sample with different unit names, months and percentages
(7 standards, 21 key questions, 95 figures, 11 service gaps and 7 recommendations each: about 141,000
rows). Each read runs in a fresh interpreter, so its time is a cold read of the file (imports not
counted) and its peak resident memory is the whole process, interpreter and pandas included (VmHWM on
Linux: ru_maxrss of a child can carry its parent's size across fork and exec). The time is the median
of 3 runs; the memory is the largest of them.

    python bench/workbook_io.py            # BENCH_INSPECTIONS=1000 BENCH_REPEATS=3 by default
"""

from __future__ import annotations

import dataclasses
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

COUNT = int(os.environ.get("BENCH_INSPECTIONS", "1000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
ENGINES = ("calamine", "pandas-calamine", "pandas-openpyxl")
TARGET_SECONDS, TARGET_MB = 2.0, 300


def make_inspections(count: int) -> list:
    from viewer.formats.inspection_file import load_inspection
    from viewer.resource_files import sample_path

    sample = load_inspection(sample_path())
    out = []
    for n in range(count):
        standards = tuple(
            dataclasses.replace(s, key_questions=tuple(dataclasses.replace(q, percent_yes=(q.percent_yes + n + i) % 101)
                                                       for i, q in enumerate(s.key_questions)))
            for s in sample.standards
        )
        out.append(dataclasses.replace(
            sample, unit=dataclasses.replace(sample.unit, name=f"Bench PDU {n:04d}"),
            report=dataclasses.replace(sample.report, published=f"{2020 + n % 5}-{n % 12 + 1:02d}"),
            standards=standards, source_path=None,
        ))
    return out


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    try:
        status = Path("/proc/self/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def measure(engine: str, path: str) -> None:
    """In a fresh interpreter: import, then time one read; print seconds and peak memory as JSON."""
    import pandas  # noqa: F401 - imported before the clock starts, as the app has it loaded already

    from viewer.formats.workbook import _read_workbook

    baseline = peak_mb()
    start = time.perf_counter()
    inspections = _read_workbook(path, engine)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "baseline_mb": baseline,
                      "inspections": len(inspections)}))


def run_child(engine: str, path: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--measure", engine, str(path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    from viewer.formats.workbook import DEFAULT_ENGINE, write_workbook

    folder = Path(tempfile.mkdtemp(prefix="iv-bench-workbook-"))
    try:
        book = folder / "inspections.xlsx"
        inspections = make_inspections(COUNT)
        start = time.perf_counter()
        write_workbook(inspections, book)
        del inspections
        print(f"{COUNT} inspections written to one .xlsx in {time.perf_counter() - start:.2f} s "
              f"({book.stat().st_size / 1e6:.1f} MB)")
        print(f"target: read under {TARGET_SECONDS:.0f} s, peak memory under {TARGET_MB} MB; default engine: "
              f"{DEFAULT_ENGINE}")
        for engine in ENGINES:
            runs = [run_child(engine, book) for _ in range(REPEATS)]
            assert all(r["inspections"] == COUNT for r in runs)
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = max(r["peak_mb"] for r in runs)
            baseline = max(r["baseline_mb"] for r in runs)
            verdict = "meets" if seconds < TARGET_SECONDS and peak < TARGET_MB else "MISSES"
            print(f"  {engine:15} read {seconds:6.2f} s (median of {REPEATS}), peak memory {peak:5.0f} MB "
                  f"({peak - baseline:.0f} MB above the {baseline:.0f} MB of interpreter and pandas): {verdict} target")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3])
    else:
        main()
