"""Time against size: accepted inputs of 1x, 4x and 16x a size take time in proportion to it.

For each kind of input, prints the median time of each size, the time per unit of size, and how that
compares with the smallest (1.00 means exactly proportional; a quadratic step would show about 4 and 16).
All sizes are measured in the same run, alternately, as medians of the processor time spent:

- the report's text (``parse_report_text``): the seed report repeated;
- a report of many sections of one name, each with a figure (figure ids were quadratic: 175 KB took 4 s);
- a report whose figures share one long sentence of "1 out of 2" (each figure copied the rest of it);
- an inspection file checked (``load_inspection`` and the framework's rules): the sample's figures repeated.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from viewer.formats.inspection_file import load_inspection
from viewer.formats.published_report import parse_report_text
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.resource_files import sample_path

REPO = Path(__file__).resolve().parents[1]
SEED = (REPO / "tests" / "data" / "hmip-hertfordshire-pdu-2024.txt").read_text(encoding="utf-8")
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
SCALES = (1, 4, 16)


def _median_times(runs: dict[int, Callable[[], object]]) -> dict[int, float]:
    times: dict[int, list[float]] = {scale: [] for scale in runs}
    for _ in range(REPEATS):
        for scale, run in runs.items():
            gc.collect()
            start = time.process_time()  # processor time: wall-clock varies by half on this shared VM
            run()
            times[scale].append(time.process_time() - start)
    return {scale: statistics.median(t) for scale, t in times.items()}


def report(title: str, unit: str, sizes: dict[int, float], runs: dict[int, Callable[[], object]]) -> None:
    medians = _median_times(runs)
    base = medians[SCALES[0]] / sizes[SCALES[0]]
    print(title)
    previous = None
    for scale in SCALES:
        per_unit = medians[scale] / sizes[scale]
        step = "" if previous is None else \
            f"   {medians[scale] / medians[previous]:5.2f}x the time for {sizes[scale] / sizes[previous]:.2f}x the size"
        print(f"  {scale:>2}x  {sizes[scale]:>10,.0f} {unit:<8} {medians[scale] * 1000:8.1f} ms   "
              f"{per_unit * 1e6:8.2f} us per {unit[:-1] if unit.endswith('s') else unit}   "
              f"{per_unit / base:5.2f}x the 1x rate{step}")
        previous = scale


def _report_text(scale: int) -> str:
    return "\n\n".join([SEED] * scale)


def _headings(scale: int) -> str:
    return SEED[:3000] + "\n\n" + "Foreword\n\nThere were 5 people here.\n\n" * (150 * scale)  # 2,400 figures at 16x


def _long_sentence(scale: int) -> str:
    # one sentence of 25, 100 and 400 figures (4,800 characters: a sentence may have 5,000)
    return SEED[:3000] + "\n\nForeword\n\nWe found " + "1 out of 2, " * (25 * scale) + "in all.\n"


def _inspection_files(folder: Path) -> dict[int, Path]:
    sample = json.loads(sample_path().read_text(encoding="utf-8"))
    paths = {}
    for scale in SCALES:
        figures = [{**f, "id": f"{f['id']}-{copy}"} for copy in range(scale) for f in sample["figures"]]
        path = folder / f"inspection-{scale}x.json"
        path.write_text(json.dumps({**sample, "figures": figures}, ensure_ascii=False, indent=2), encoding="utf-8")
        paths[scale] = path
    return paths


def _check(path: Path) -> None:
    inspection = load_inspection(path)
    assess(inspection, load_framework(inspection.framework_id))


def main() -> None:
    parse_report_text(SEED)  # patterns compiled, framework files read
    for title, make, unit, size in (
            ("report text, the seed report repeated (parse_report_text)", _report_text, "KB", lambda t: len(t) / 1000),
            ("report of many 'Foreword' sections with one figure each", _headings, "KB", lambda t: len(t) / 1000),
            ("report with one sentence of 25, 100 and 400 '1 out of 2' figures", _long_sentence, "figures",
             lambda t: t.count("1 out of 2"))):
        texts = {scale: make(scale) for scale in SCALES}
        report(title, unit, {s: size(t) for s, t in texts.items()},
               {s: (lambda t=t: parse_report_text(t)) for s, t in texts.items()})
    with tempfile.TemporaryDirectory(prefix="iv-growth-") as folder:
        paths = _inspection_files(Path(folder))
        _check(paths[1])
        report("inspection file checked (load_inspection and the rules), the sample's figures repeated", "KB",
               {s: p.stat().st_size / 1000 for s, p in paths.items()},
               {s: (lambda p=p: _check(p)) for s, p in paths.items()})


if __name__ == "__main__":
    main()
