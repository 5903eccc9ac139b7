"""Reading one .xlsx workbook of 1,000 inspections, against baselines measured in the same run.

Targets: read in at most 1.2 s and 250 MB on this machine (and under 2 s on one 30 % slower).

What is measured, each in a fresh interpreter (imports not timed; memory is the whole process's peak,
VmHWM on Linux):

- ``calamine rows``: the baseline — python-calamine reading the same six sheets into Python lists and
  nothing else; every other reader is reported as a ratio of it;
- ``viewer``: ``read_workbook`` — every sheet's XML streamed and checked against the limits
  (``workbook/scan.py``), the sheets read with python-calamine, every cell checked, the inspections built;
- ``pandas.read_excel`` with calamine and with openpyxl: the usual way, for comparison (sheets only).

The inspections are copies of the bundled sample with different unit names, months and percentages
(7 standards, 21 key questions, 95 figures, 11 service gaps and 7 recommendations each: about 141,000
rows). Times are medians of 3 runs; "cpu" is the process's CPU time, steadier than the clock when other
work shares the machine.

    python bench/workbook_io.py            # BENCH_INSPECTIONS=1000 BENCH_REPEATS=3 by default
    python bench/workbook_io.py --growth   # 1x, 4x and 16x BENCH_GROWTH_BASE=250 inspections: time per row
                                           # must stay flat (everything accepted is read in linear time)
    python bench/workbook_io.py --profile  # where the viewer's time goes (cProfile, by own time)
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
READERS = ("calamine rows", "viewer", "pandas-calamine", "pandas-openpyxl")
GROWTH_BASE = int(os.environ.get("BENCH_GROWTH_BASE", "250"))
GROWTH_FACTORS = (1, 4, 16)
TARGET_SECONDS, TARGET_MB = 1.2, 250
SHEETS = ("inspections", "standards", "key_questions", "figures", "service_gaps", "recommendations")


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


def _read(reader: str, path: str) -> int:
    if reader == "viewer":
        from viewer.formats.workbook import read_workbook

        return len(read_workbook(path))
    if reader == "calamine rows":
        from python_calamine import CalamineWorkbook

        with CalamineWorkbook.from_path(path) as book:
            return sum(len(book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in SHEETS)
    import pandas as pd

    with pd.ExcelFile(path, engine=reader.removeprefix("pandas-")) as book:
        return sum(len(book.parse(name, header=None, dtype=object)) for name in SHEETS)


def measure(reader: str, path: str) -> None:
    """In a fresh interpreter: import, then time one read; print seconds and peak memory as JSON."""
    if reader == "viewer":
        import viewer.formats.workbook.read  # noqa: F401 - imported before the clock starts
    elif reader.startswith("pandas"):
        import pandas  # noqa: F401
    baseline = peak_mb()
    cpu = time.process_time()
    start = time.perf_counter()
    count = _read(reader, path)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu, "peak_mb": peak_mb(),
                      "baseline_mb": baseline, "count": count}))


def run_child(reader: str, path: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--measure", reader, str(path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    from viewer.formats.workbook import write_workbook

    folder = Path(tempfile.mkdtemp(prefix="iv-bench-workbook-"))
    try:
        book = folder / "inspections.xlsx"
        inspections = make_inspections(COUNT)
        start = time.perf_counter()
        write_workbook(inspections, book)
        del inspections
        print(f"{COUNT} inspections written to one .xlsx in {time.perf_counter() - start:.2f} s "
              f"({book.stat().st_size / 1e6:.1f} MB)")
        print(f"target: the viewer reads it in at most {TARGET_SECONDS} s and {TARGET_MB} MB")
        medians, cpus = {}, {}
        for reader in READERS:
            runs = [run_child(reader, book) for _ in range(REPEATS)]
            seconds = medians[reader] = statistics.median(r["seconds"] for r in runs)
            cpu = cpus[reader] = statistics.median(r["cpu"] for r in runs)
            peak = max(r["peak_mb"] for r in runs)
            baseline = max(r["baseline_mb"] for r in runs)
            ratio = f" = {seconds / medians['calamine rows']:.2f}x calamine rows" if "calamine rows" in medians else ""
            print(f"  {reader:16} {seconds:6.2f} s, cpu {cpu:5.2f} s (median of {REPEATS}){ratio}, peak memory "
                  f"{peak:4.0f} MB ({peak - baseline:.0f} MB above the {baseline:.0f} MB after imports)")
        viewer, rows = medians["viewer"], medians["calamine rows"]
        print(f"viewer / calamine rows: {viewer / rows:.2f}x (cpu {cpus['viewer'] / cpus['calamine rows']:.2f}x); "
              f"the target of {TARGET_SECONDS} s is {TARGET_SECONDS / rows:.2f}x this run's calamine rows")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def growth() -> None:
    """Workbooks of growing size, each read in a fresh interpreter: seconds per 1,000 rows must stay flat."""
    from viewer.formats.workbook import write_workbook

    folder = Path(tempfile.mkdtemp(prefix="iv-bench-growth-"))
    try:
        first = None
        print(f"{'size':>4} {'inspections':>11} {'rows':>9} {'MB':>6} {'viewer s':>9} {'cpu s':>6} "
              f"{'calamine s':>10} {'ratio':>6} {'ms/1000 rows':>12} {'vs 1x':>6} {'peak MB':>8}")
        for factor in GROWTH_FACTORS:
            count = GROWTH_BASE * factor
            book = folder / f"growth-{factor}.xlsx"
            write_workbook(make_inspections(count), book)
            rows = count * 141  # 1 + 7 + 21 + 95 + 11 + 7 rows an inspection, headers aside
            runs = [run_child("viewer", book) for _ in range(REPEATS)]
            seconds = statistics.median(r["seconds"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            base = statistics.median(run_child("calamine rows", book)["seconds"] for _ in range(REPEATS))
            per_row = seconds / rows * 1e6
            first = first or per_row
            print(f"{factor:>3}x {count:>11,} {rows:>9,} {book.stat().st_size / 1e6:>6.1f} {seconds:>9.2f} {cpu:>6.2f} "
                  f"{base:>10.2f} {seconds / base:>6.2f} {per_row:>12.2f} {per_row / first:>6.2f} "
                  f"{max(r['peak_mb'] for r in runs):>8.0f}")
            book.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def profile() -> None:
    """Where the viewer's time goes, by own time (cProfile; the engine's calls are one line each)."""
    import cProfile
    import pstats

    from viewer.formats.workbook import read_workbook, write_workbook

    folder = Path(tempfile.mkdtemp(prefix="iv-bench-profile-"))
    try:
        book = folder / "inspections.xlsx"
        write_workbook(make_inspections(COUNT), book)
        profiler = cProfile.Profile()
        profiler.runcall(read_workbook, book)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure(sys.argv[2], sys.argv[3])
    elif sys.argv[1:] == ["--growth"]:
        growth()
    elif sys.argv[1:] == ["--profile"]:
        profile()
    else:
        main()
