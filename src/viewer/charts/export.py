"""Charts to files: PNG at twice the on-screen size, or SVG with text kept as text; written atomically."""

from __future__ import annotations

import os

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from viewer.formats.files import atomic_path

PNG_SCALE = 2  # exported pictures at twice the on-screen size, sharp in a slide or a document


def export_png(plot: pg.PlotWidget, path: str | os.PathLike, scale: int = PNG_SCALE) -> None:
    """The chart as a PNG at ``scale`` times its size on screen, written atomically."""
    exporter = ImageExporter(plot.getPlotItem())
    exporter.parameters()["width"] = max(1, int(plot.getPlotItem().sceneBoundingRect().width() * scale))
    image = exporter.export(toBytes=True)
    with atomic_path(path) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"could not write a PNG image to {path}")


def export_svg(plot: pg.PlotWidget, path: str | os.PathLike) -> None:
    """The chart as SVG (vectors, text kept as text), written atomically."""
    try:
        data = bytes(SVGExporter(plot.getPlotItem()).export(toBytes=True))
    except ValueError:
        # pyqtgraph 0.14's SVGExporter cannot read the "Z" (close path) that Qt 6.10+ writes
        # (pyqtgraph issue #3485): draw the chart through Qt's own SVG generator instead.
        data = _qt_svg(plot)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def _qt_svg(plot: pg.PlotWidget) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(plot.size())
    generator.setViewBox(QRect(QPoint(0, 0), plot.size()))
    generator.setResolution(plot.logicalDpiX())  # the same scale as on screen, for text and shapes alike
    generator.setTitle("Inspection Viewer chart")
    painter = QPainter(generator)
    try:
        plot.render(painter)
    finally:
        painter.end()
    return bytes(buffer.data())


CHART_FORMATS = {".png": export_png, ".svg": export_svg}


def export_chart(plot: pg.PlotWidget, path: str | os.PathLike) -> None:
    """PNG or SVG by the file's extension (ValueError for anything else)."""
    suffix = os.path.splitext(str(path))[1].lower()
    if suffix not in CHART_FORMATS:
        raise ValueError(f"charts export as PNG or SVG, not '{suffix or 'no extension'}'")
    CHART_FORMATS[suffix](plot, path)
