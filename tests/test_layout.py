"""The window on a laptop's screen: it fits, nothing is squeezed or clipped, charts keep every text inside,
and the colours follow the system's scheme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSettings, QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QScrollArea

from viewer.charts.bar_chart import ChartView
from viewer.ui import theme
from viewer.ui.main_window import MainWindow, first_run_size

from viewer.resource_files import sample_path

SIZES = [(1024, 640), (1280, 800)]


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), interactive=False)
    qtbot.addWidget(win)
    win.show()
    assert not win.open_files([str(sample_path())])
    return win


def visit(window, qtbot, width, height, index):
    window.resize(width, height)
    window.tabs.setCurrentIndex(index)
    qtbot.wait(100)  # layouts, the scroll areas and the charts settle in the event loop
    return window.page(index)


def test_first_run_size_follows_the_screen():
    assert first_run_size(QSize(1024, 768)) == QSize(921, 691)
    assert first_run_size(QSize(2560, 1440)) == QSize(1360, 860)
    assert first_run_size(None) == QSize(1360, 860)


def test_the_window_can_be_narrower_than_960_pixels(window, qtbot):
    for index in range(window.tabs.count()):
        visit(window, qtbot, 1024, 640, index)
        assert window.minimumSizeHint().width() <= 960, window.tabs.tabText(index)


@pytest.mark.parametrize("width, height", SIZES)
def test_every_tab_fits_its_width_and_scrolls_only_up_and_down(window, qtbot, width, height):
    for index in range(window.tabs.count()):
        page = visit(window, qtbot, width, height, index)
        assert window.size() == QSize(width, height), window.tabs.tabText(index)  # nothing forced it bigger
        for area in page.findChildren(QScrollArea):
            if area.isVisible() and area.widget() is not None:
                assert area.widget().width() <= area.viewport().width() + 1, window.tabs.tabText(index)


def _inside(view: ChartView, item) -> bool:
    item.updateTransform(force=True)  # a text item follows the plot's scale when painted: as on screen
    box = view.getPlotItem().vb.sceneBoundingRect()
    text = item.mapRectToScene(item.boundingRect())
    return box.adjusted(-2, -40, 2, 2).contains(QRectF(text))


@pytest.mark.parametrize("width, height", SIZES)
def test_every_chart_text_is_inside_its_chart(window, qtbot, width, height):
    checked = 0
    for index in range(window.tabs.count()):
        page = visit(window, qtbot, width, height, index)
        for view in page.findChildren(ChartView):
            if not view.isVisible() or view.chart is None or not view.chart.rows:
                continue
            view.grab()  # painted, as on screen: text items take the plot's final scale
            for item, text, *_ in view.drawn.values:
                assert _inside(view, item), (window.tabs.tabText(index), text)
                checked += 1
            for item, name, band_width in view.drawn.band_names:
                (low, high), _ = view.getPlotItem().vb.viewRange()
                room = view.getPlotItem().vb.width() * band_width / (high - low)
                assert item.boundingRect().width() <= room + 2, (name, room)
            if view.drawn.reference is not None:
                assert _inside(view, view.drawn.reference[0])
            ticks = view.getAxis("bottom")._tickLevels[0]
            if len(ticks) > 1:
                per_value = view.getPlotItem().vb.width() / (view.getPlotItem().vb.viewRange()[0][1]
                                                              - view.getPlotItem().vb.viewRange()[0][0])
                metrics = view.getAxis("bottom").style.get("tickFont")
                from PySide6.QtGui import QFont, QFontMetrics
                widest = max(QFontMetrics(metrics or QFont()).horizontalAdvance(t) for _, t in ticks)
                gaps = [(b - a) * per_value for (a, _), (b, _) in zip(ticks, ticks[1:])]
                assert min(gaps) >= widest, (window.tabs.tabText(index), ticks)  # labels never run together
    assert checked >= 10


def test_a_long_reference_label_goes_where_there_is_room(qtbot):
    from viewer.model.charts import BarChart, BarRow, Segment

    view = ChartView()
    qtbot.addWidget(view)
    view.resize(320, 200)
    view.show()
    chart = BarChart("w", "", "Workload", (BarRow("Average workload", (Segment(117, "#3a6ea5"),), "117%"),), 150.0,
                     (0.0, 50.0, 100.0, 150.0), "%", reference=(100.0, "100% = a full workload"))
    view.show_chart(chart)
    qtbot.wait(20)
    item = view.drawn.reference[0]
    assert _inside(view, item)
    assert " ".join(item.toPlainText().split()) == "100% = a full workload"  # said whole (on two lines), never cut


def test_a_rating_swatch_keeps_its_colour_when_its_row_is_selected(window):
    icon = window.inspection_list.item(0).icon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
        image = icon.pixmap(QSize(16, 16), mode).toImage()
        assert image.pixelColor(8, 8) == QColor("#f4b13e"), mode  # Requires improvement's orange


def test_the_key_questions_table_and_chart_fit_together_at_1280_by_800(window, qtbot):
    page = visit(window, qtbot, 1280, 800, 1)
    area = next(a for a in page.findChildren(QScrollArea) if a.isVisible())
    chart_bottom = page.chart.mapTo(area.widget(), page.chart.rect().bottomLeft()).y()
    assert chart_bottom <= area.viewport().height(), "the deciding bar needs no scrolling"
    question = list(page.model.frame.columns).index("Question")
    assert page.table.columnWidth(question) >= 200  # never squeezed to "Does assessm…"


def test_dark_scheme_gives_a_dark_window_and_readable_notes(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(theme, "is_dark", lambda: True)
    app = QApplication.instance()
    before_palette, before_style = app.palette(), app.style().name()
    try:
        win = MainWindow(settings=QSettings(str(tmp_path / "d.ini"), QSettings.Format.IniFormat), interactive=False)
        qtbot.addWidget(win)
        win.show()
        win.open_files([str(sample_path())])
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        note_style = win.page(0).bands_label.styleSheet()
        assert theme.NOTE[1] in note_style
        assert win.page(0).overall_badge.text() == "Requires improvement"  # a colour never stands alone
    finally:
        app.setPalette(before_palette)
        app.setStyle(before_style)


def test_the_tabs_titles_are_their_classes_and_the_chart_tabs_wait_to_be_shown():
    import subprocess
    import sys

    from viewer.ui.main_window import TAB_TITLES
    from viewer.ui.tabs.compare_tab import CompareTab
    from viewer.ui.tabs.key_questions_tab import KeyQuestionsTab
    from viewer.ui.tabs.ratings_tab import RatingsTab
    from viewer.ui.tabs.service_gaps_tab import ServiceGapsTab
    from viewer.ui.tabs.staffing_tab import StaffingTab

    assert TAB_TITLES == [c.TITLE for c in (RatingsTab, KeyQuestionsTab, StaffingTab, ServiceGapsTab, CompareTab)]
    # a fresh interpreter: the window's module brings neither pyqtgraph nor the chart tabs
    code = ("import sys, viewer.ui.main_window; "
            "print(any(m.startswith('pyqtgraph') or m.endswith(('staffing_tab', 'key_questions_tab')) "
            "for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert out.stdout.strip() == "False"
