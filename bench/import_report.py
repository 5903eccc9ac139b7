"""Import time of the published report (``import_report``). Target: under 0.1 s for the seed text.

Prints the median of several runs (this machine is a noisy VM) for the seed text and, for
comparison, the same report as a web page and as a PDF (tests/data/reports). The first import in a
process also loads the framework file and compiles the patterns; it is shown separately.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from viewer.formats.published_report.importer import import_report

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "data" / "hmip-hertfordshire-pdu-2024.txt"
VARIANTS = [REPO / "tests" / "data" / "reports" / name for name in ("hertfordshire-web.html", "hertfordshire.pdf")]
REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))
TARGET_SECONDS = 0.3


def timed(path: Path) -> float:
    start = time.perf_counter()
    import_report(path)
    return time.perf_counter() - start


def main() -> None:
    first = timed(SEED)
    runs = [timed(SEED) for _ in range(REPEATS)]
    median = statistics.median(runs)
    result = import_report(SEED)
    print(f"import_report({SEED.name}): median {median * 1000:.1f} ms of {REPEATS} runs "
          f"(min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f}); first run in the process {first * 1000:.1f} ms")
    print(f"  found: {', '.join(result.found[:9])}")
    print(f"  target: under {TARGET_SECONDS:.1f} s -> {'met' if median < TARGET_SECONDS else 'NOT met'}")
    for path in VARIANTS:
        if path.exists():
            print(f"import_report({path.name}): median {statistics.median(timed(path) for _ in range(5)) * 1000:.1f} ms"
                  " of 5 runs (for comparison)")


if __name__ == "__main__":
    main()
