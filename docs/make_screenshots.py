"""Render the main window on the bundled sample, one PNG per tab, into docs/ (run: make screenshots)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from viewer.resource_files import sample_path  # noqa: E402
from viewer.ui.app import create_application  # noqa: E402

DOCS = Path(__file__).resolve().parent


def write_printed_pages(window, app) -> None:
    """The sample's printed summary, and its printed comparison with the published outcomes of its programme
    (the Compare tab with one file open), as PNG pages (needs pdftoppm, from poppler-utils)."""
    from viewer.printing.comparison import write_comparison_pdf
    from viewer.printing.summary import write_summary_pdf

    for old in [*DOCS.glob("summary-page-*.png"), *DOCS.glob("comparison-page-*.png")]:
        old.unlink()
    folder = Path(tempfile.mkdtemp())
    write_summary_pdf(window.current_summary(), folder / "summary.pdf")
    compare = window.tabs.count() - 1
    window.tabs.setCurrentIndex(compare)
    app.processEvents()
    write_comparison_pdf(window.page(compare).comparison(), folder / "comparison.pdf")
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): printed pages not rendered")
        return
    for name in ("summary", "comparison"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(folder / f"{name}.pdf"), str(DOCS / f"{name}-page")],
                       check=True)
        for page in sorted(DOCS.glob(f"{name}-page-*.png")):
            print(page.relative_to(DOCS.parent))


SIZES = ((1280, 800), (1024, 640))  # a laptop, and the smallest screen the viewer is made for


def tab_slug(window, index: int) -> str:
    return window.tabs.tabText(index).lower().replace(" and ", "-").replace(" ", "-")


def settle(app, seconds: float = 0.4) -> None:
    """Let the window finish what it does after painting (the unit's history comes 250 ms later)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def render_tabs(app, window, size: tuple[int, int], suffix: str) -> None:
    """Every tab, the sample open (Compare: against the published outcomes), at ``size``."""
    window.resize(*size)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(app)
        path = DOCS / f"tab-{tab_slug(window, index)}{suffix}.png"
        window.grab().save(str(path))
        print(path.relative_to(DOCS.parent))


def main() -> int:
    scale = os.environ.get("QT_SCALE_FACTOR")
    app = create_application()
    from viewer.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "screenshots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, interactive=False)
    window.resize(*SIZES[0])
    window.show()
    if window.open_files([str(sample_path())]):
        return 1
    if scale:  # the child run: the same window at scale 2, as on a high-resolution screen
        render_tabs(app, window, SIZES[0], f"-{SIZES[0][0]}x{SIZES[0][1]}-scale{scale}")
        return 0
    write_printed_pages(window, app)
    for width, height in SIZES:
        render_tabs(app, window, (width, height), f"-{width}x{height}")
    # scale 2 needs a new process: Qt takes the factor when it starts
    subprocess.run([sys.executable, __file__], env={**os.environ, "QT_SCALE_FACTOR": "2"}, check=True)
    # Compare of open files only: the sample and two fictional copies
    window.open_files(fictional_copies())
    window.inspection_list.setCurrentRow(0)
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    compare = window.page(window.tabs.count() - 1)
    from viewer.model.compare_selection import OPEN

    compare.set_source(OPEN)
    settle(app)
    window.grab().save(str(DOCS / "tab-compare-open-files.png"))
    print("docs/tab-compare-open-files.png")
    return 0


def fictional_copies() -> list[str]:
    """Two made-up units beside the real sample, so the Compare tab has something to compare.
    Their names say they are fictional; only Hertfordshire's figures are real."""
    import json

    folder = Path(tempfile.mkdtemp())
    paths = []
    for name, region, shift, overall in (("Northshire PDU (fictional)", "North West", 14, "Requires improvement"),
                                         ("Southshire PDU (fictional)", "South West", 30, "Good")):
        data = json.loads(sample_path().read_text(encoding="utf-8"))
        data["unit"].update(name=name, region=region)
        data["overall"]["rating"], data["overall"]["score"] = overall, None
        for standard in data["standards"]:
            for question in standard.get("key_questions", []):
                question["percent_yes"] = min(100, question["percent_yes"] + shift)
            standard["rating"] = None
        path = folder / f"{name.split()[0].lower()}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths


if __name__ == "__main__":
    sys.exit(main())
