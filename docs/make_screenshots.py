"""Render the main window on the bundled sample, one PNG per tab, into docs/ (run: make screenshots)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


def main() -> int:
    app = create_application()
    from viewer.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "screenshots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, interactive=False)
    window.resize(1440, 900)
    window.show()
    if window.open_files([str(sample_path())]):
        return 1
    write_printed_pages(window, app)
    for index in range(window.tabs.count() - 1):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):
            app.processEvents()
        slug = window.tabs.tabText(index).lower().replace(" and ", "-").replace(" ", "-")
        path = DOCS / f"tab-{slug}.png"
        window.grab().save(str(path))
        print(path.relative_to(DOCS.parent))
    window.open_files(fictional_copies())
    window.inspection_list.setCurrentRow(0)
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(DOCS / "tab-compare.png"))
    print("docs/tab-compare.png")
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
