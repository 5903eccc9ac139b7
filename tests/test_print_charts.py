"""Printed charts: every text at 8 pt or more, inside the chart and clear of every other text (measured
with Qt's own font metrics, not the printout's estimate), titles on the staffing charts, workload bars
coloured as on screen."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from viewer.formats.inspection_file import load_inspection
from viewer.model import palette
from viewer.model.charts import BarChart, BarRow, Segment, workload_chart
from viewer.model.framework import load_framework
from viewer.model.rating_rules import assess
from viewer.printout.summary import build_summary
from viewer.printout.svg_charts import ChartSvg, chart_svg

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Text:
    content: str
    size: float
    left: float
    right: float
    top: float
    bottom: float

    def overlaps(self, other: Text) -> bool:
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


def _texts(chart: ChartSvg) -> list[Text]:
    """Each text of the chart with its box in points, measured in DejaVu Sans as Qt sets it."""
    from PySide6.QtGui import QFont, QFontMetricsF, QImage

    device = QImage(1, 1, QImage.Format.Format_RGB32)
    device.setDotsPerMeterX(round(72 / 0.0254))  # one pixel a point
    device.setDotsPerMeterY(round(72 / 0.0254))
    found = []
    for node in ET.fromstring(chart.svg).iter(f"{SVG}text"):
        size = float(node.get("font-size"))
        font = QFont("DejaVu Sans")
        font.setPointSizeF(size)
        font.setBold(node.get("font-weight") == "bold")
        metrics = QFontMetricsF(font, device)
        width = metrics.horizontalAdvance(node.text)
        x, y = float(node.get("x")), float(node.get("y"))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[node.get("text-anchor")]
        found.append(Text(node.text, size, left, left + width, y - metrics.ascent(), y + metrics.descent()))
    return found


@pytest.fixture(scope="module")
def summary_charts(qapp_for_charts):
    from viewer.resource_files import sample_path

    inspection = load_inspection(sample_path())
    summary = build_summary(inspection, assess(inspection, load_framework(inspection.framework_id)), "sample")
    return summary.all_charts()


@pytest.fixture(scope="module")
def qapp_for_charts():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _crowded_chart() -> BarChart:
    """Long labels, a bar at the end of its axis with a long text after it, narrow bands with long names."""
    from viewer.model.charts import Band

    rows = (BarRow("A category label far longer than any the sample has, long enough to need more than three "
                   "lines in the label column", (Segment(100.0, palette.BAR),), "100%  ◀ deciding", emphasis=True),
            BarRow("Short", (Segment(3.0, palette.BAR),), "3%"))
    bands = (Band(0, 50, "Inadequate", "#eeeeee"), Band(50, 55, "Requires improvement", "#dddddd"),
             Band(55, 60, "Good", "#cccccc"), Band(60, 100, "Outstanding", "#bbbbbb"))
    return BarChart("crowded", "A crowded chart", "Percentage", rows, 100.0, (0.0, 50.0, 55.0, 60.0, 100.0), "%",
                    bands, (50.0, 55.0, 60.0))


def _check_legible(chart: ChartSvg) -> list[Text]:
    texts = _texts(chart)
    assert texts
    for text in texts:
        assert text.size >= 8, f"{text.content!r} is {text.size} pt"
        assert 0 <= text.left and text.right <= chart.width_pt, f"{text.content!r} is cut by the chart's side"
        assert 0 <= text.top and text.bottom <= chart.height_pt, f"{text.content!r} is cut by the chart's top or foot"
    for i, text in enumerate(texts):
        for other in texts[i + 1:]:
            assert not text.overlaps(other), f"{text.content!r} is written over {other.content!r}"
    return texts


def test_every_printed_chart_of_the_sample_is_legible(summary_charts):
    assert len(summary_charts) == 7  # four key-question charts, caseload, workload, staff survey
    for chart in summary_charts:
        texts = _check_legible(chart)
        label_column = chart.width_pt * 0.34
        labels = [t for t in texts if abs(t.right - label_column) < 0.5]  # category labels end at the column's edge
        assert labels and all(t.left >= 0 for t in labels)


def test_a_crowded_chart_still_keeps_its_texts_apart(qapp_for_charts):
    chart = chart_svg(_crowded_chart(), width_pt=420, title=True)
    texts = _check_legible(chart)
    contents = [t.content for t in texts]
    assert "100%  ◀ deciding" in contents, "the text after a full-length bar is kept whole"
    assert any(c.endswith("…") for c in contents), "a label longer than three lines ends with an ellipsis"
    assert {"Requires", "improvement", "Good", "Outstanding", "Inadequate"} <= set(contents)


def test_the_staffing_charts_have_their_titles_on_paper(summary_charts):
    titles = {c.chart.id: [t for t in _texts(c) if t.size >= 10] for c in summary_charts}
    assert [t.content for t in titles["caseload"]] == ["Caseload by type"]
    assert [t.content for t in titles["workload"]] == ["Workload against the measure"]
    assert [t.content for t in titles["staff-survey"]] == ["Staff survey"]


def test_workload_bars_are_blue_to_a_full_workload_and_red_beyond(summary_charts):
    chart = next(c for c in summary_charts if c.chart.id == "workload")
    bars = [(float(r.get("x")), float(r.get("width")), r.get("fill")) for r in ET.fromstring(chart.svg).iter(f"{SVG}rect")
            if r.get("fill") in (palette.BAR, palette.OVER_CAPACITY)]
    full = next(float(line.get("x1")) for line in ET.fromstring(chart.svg).iter(f"{SVG}line")
                if line.get("stroke") == palette.REFERENCE)
    # The sample's two workloads, 117 % and 150 %: each a blue bar ending at 100 % and a red one from there.
    assert [fill for _, _, fill in bars] == [palette.BAR, palette.OVER_CAPACITY] * 2
    for (x, width, fill) in bars:
        if fill == palette.BAR:
            assert x + width == pytest.approx(full, abs=0.2)
        else:
            assert x == pytest.approx(full, abs=0.2) and width > 0
    assert chart.values == (117.0, 150.0)


def test_a_workload_under_a_full_load_is_all_blue(qapp_for_charts, sample_path, tmp_path):
    import json

    data = json.loads(sample_path.read_text(encoding="utf-8"))
    for figure in data["figures"]:
        if figure.get("unit") == "percent" and figure["topic"] == "workload":
            figure["value"] = 90
    path = tmp_path / "light.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    chart = chart_svg(workload_chart(load_inspection(path)), title=True)
    fills = [r.get("fill") for r in ET.fromstring(chart.svg).iter(f"{SVG}rect")
             if r.get("fill") in (palette.BAR, palette.OVER_CAPACITY)]
    assert fills and set(fills) == {palette.BAR}
