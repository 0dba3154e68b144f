"""The journal's chart: each symptom's ratings over time, and the magnesium doses beside them.

One line per symptom on a 0-10 axis (left), one set of dose markers per form on an mg axis
(right), both on one time axis. Lines differ by colour, by marker shape and by dash, and every
legend label starts with its marker's symbol, so no line is told apart by colour alone. The
colours follow the theme; the whole chart is redrawn from a `JournalSeries` in one go (the
points are handed over as one list per line, which keeps a year of entries within a frame).

QtCharts is imported here only, and this module only by the Journal tab when it is built.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from mgdesk.domain.journal import RATING_MAX, RATING_MIN, JournalSeries, SeriesPoint
from mgdesk.ui.theme import DARK, HIGH_CONTRAST, current_colours
from mgdesk.ui.widgets import clear_layout

Shape = QScatterSeries.MarkerShape

# Colour-blind-safe lines (Okabe-Ito), lightened for dark backgrounds; doses in their own hues.
_LINE_COLOURS = {
    "light": ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8c6d00", "#56b4e9"),
    "dark": ("#6cb8ee", "#ff9a5c", "#3fd3a0", "#e9a5d0", "#f0c64c", "#b7dcf5"),
    "high-contrast": ("#ffff00", "#00ffff", "#ff80ff", "#80ff80", "#ffffff", "#ffb060"),
}
_DOSE_COLOURS = {
    "light": ("#5b3a8c", "#7a4a12", "#2f4f4f"),
    "dark": ("#c7a6ff", "#e8b27a", "#a8d0d0"),
    "high-contrast": ("#ffffff", "#00ff00", "#ff8080"),
}
SYMPTOM_MARKS: tuple[tuple[Shape, bool, str], ...] = (
    (Shape.MarkerShapeCircle, True, "●"),
    (Shape.MarkerShapeRectangle, True, "■"),
    (Shape.MarkerShapeTriangle, True, "▲"),
    (Shape.MarkerShapeRotatedRectangle, True, "◆"),
    (Shape.MarkerShapeCircle, False, "○"),
    (Shape.MarkerShapeRectangle, False, "□"),
    (Shape.MarkerShapeTriangle, False, "△"),
    (Shape.MarkerShapeRotatedRectangle, False, "◇"),
)
"""Shape, filled or hollow, and the symbol that names it in the legend, per symptom."""
DOSE_MARKS: tuple[tuple[Shape, str], ...] = (
    (Shape.MarkerShapeStar, "★"),
    (Shape.MarkerShapePentagon, "⬟"),
)
MARKER_SIZE = 9.0
MAX_MARKED_POINTS = 45
"""At most this many markers per line: a long line gets one on every n-th point. Lines are
solid: a dashed pen on a year of points takes longer to draw than a frame."""
LEGEND_COLUMNS = 2


def _theme() -> str:
    colours = current_colours()
    if colours is HIGH_CONTRAST:
        return "high-contrast"
    return "dark" if colours is DARK else "light"


@lru_cache(maxsize=8192)
def _msecs(when: dt.datetime) -> float:
    """Local time as milliseconds since the epoch, as QDateTimeAxis counts (the ratings of
    one entry share a moment, and converting local time is slow, so moments are cached)."""
    return when.timestamp() * 1000.0


MAX_LINE_POINTS = 600
"""A line drawn with more points than the chart is wide in pixels looks the same with fewer:
beyond this many (ten years of daily entries is 3,650), each stretch of the line keeps its
lowest and highest rating, so every peak and dip is still drawn."""
_RATING = itemgetter(1)  # SeriesPoint.value


def thinned(points: Sequence[SeriesPoint], most: int = MAX_LINE_POINTS) -> Sequence[SeriesPoint]:
    """At most about `most` points of a line, in time order, keeping the first, the last, and
    each stretch's lowest and highest rating (the line's envelope, as a screen can show it)."""
    if len(points) <= most:
        return points
    stretch = -(-len(points) // (most // 2))  # points per stretch, rounded up
    kept: list[SeriesPoint] = [points[0]]
    for start in range(0, len(points), stretch):
        part = points[start : start + stretch]
        low, high = min(part, key=_RATING), max(part, key=_RATING)
        if low is high:
            kept.append(low)
        else:
            kept += (low, high) if low.when <= high.when else (high, low)
    kept.append(points[-1])
    return kept


def _points(
    series: JournalSeries, symptoms: Sequence[str]
) -> tuple[dict[str, list[QPointF]], dict[str, list[QPointF]]]:
    """Chart points per symptom (in `symptoms` order) and per form (in order of first dose)."""
    ratings = {
        s: [QPointF(_msecs(p.when), p.value) for p in thinned(series.symptoms[s])] for s in symptoms
    }
    doses: dict[str, list[QPointF]] = {}
    for dose in series.doses:
        doses.setdefault(dose.form, []).append(QPointF(_msecs(dose.when), dose.mg))
    return ratings, doses


def _swatch(line: QPen | None, marker: QScatterSeries) -> QPixmap:
    """A legend swatch drawn as the chart draws the series: a stretch of line, a marker."""
    size = int(marker.markerSize()) + 2
    pixmap = QPixmap(34, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    centre = QPointF(pixmap.width() / 2, size / 2)
    if line is not None:
        painter.setPen(line)
        painter.drawLine(QPointF(0, centre.y()), QPointF(pixmap.width(), centre.y()))
    painter.setPen(marker.pen())
    painter.setBrush(marker.brush())
    radius = (size - 2) / 2
    if marker.markerShape() is Shape.MarkerShapeCircle:
        painter.drawEllipse(centre, radius, radius)
    else:
        painter.drawPolygon(_marker_polygon(marker.markerShape(), centre, radius))
    painter.end()
    return pixmap


def _marker_polygon(shape: Shape, centre: QPointF, radius: float) -> QPolygonF:
    if shape is Shape.MarkerShapeRectangle:
        r = radius * 0.8
        corners = [(-r, -r), (r, -r), (r, r), (-r, r)]
        return QPolygonF([centre + QPointF(x, y) for x, y in corners])
    count = {
        Shape.MarkerShapeStar: 10,
        Shape.MarkerShapePentagon: 5,
        Shape.MarkerShapeTriangle: 3,
    }.get(shape, 4)
    points = []
    for k in range(count):
        angle = -math.pi / 2 + 2 * math.pi * k / count
        reach = radius * (0.45 if shape is Shape.MarkerShapeStar and k % 2 else 1.0)
        points.append(centre + QPointF(math.cos(angle) * reach, math.sin(angle) * reach))
    return QPolygonF(points)


@dataclass(frozen=True)
class ChartLegendItem:
    """What one line or marker set stands for, in words (for tests and the text summary)."""

    key: str
    label: str
    symbol: str
    points: int


class JournalChart(QWidget):
    """Ratings over time per symptom (left axis) and doses per form (right axis, mg).

    The legend is a grid of labels under the chart rather than QChart's own legend, which
    lays out in one row and cuts long symptom names short; as labels it also wraps, follows
    the text size and is read by screen readers.
    """

    def __init__(self) -> None:
        super().__init__()
        self._chart = QChart()
        self.view = QChartView(self._chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName("Chart of your ratings and magnesium over time")
        self.view.viewport().setAccessibleName("Chart of your ratings and magnesium over time")
        self.view.setAccessibleDescription(
            "A picture of the entries; the same is said in words beside it."
        )
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.setMinimumSize(300, 200)
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._chart.legend().hide()
        self._chart.layout().setContentsMargins(0, 0, 0, 0)
        self._chart.setBackgroundRoundness(0)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self.legend = QWidget()
        self.legend.setAccessibleName("Chart legend")
        self._legend_grid = QGridLayout(self.legend)
        self._legend_grid.setContentsMargins(4, 0, 4, 0)
        self._legend_grid.setHorizontalSpacing(6)
        self._legend_grid.setVerticalSpacing(2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        self.symptom_series: dict[str, QLineSeries] = {}
        self.dose_series: dict[str, QScatterSeries] = {}
        self.legend_items: list[ChartLegendItem] = []
        self.time_axis = QDateTimeAxis()
        self.rating_axis = QValueAxis()
        self.dose_axis = QValueAxis()
        self._build_axes()
        self._drawn: tuple[JournalSeries, list[str], dict[str, str], dict[str, str]] | None = None
        self._range: tuple[dt.datetime, dt.datetime] | None = None
        self._theme = ""
        self._marks: dict[str, QScatterSeries] = {}
        self._symbols: dict[str, tuple[str, str]] = {}
        self._layout: tuple[object, ...] | None = None
        self._fit_minimums(self.width())

    @property
    def chart(self) -> QChart:
        return self._chart

    def show_series(
        self,
        series: JournalSeries,
        order: Sequence[str],
        symptom_names: Mapping[str, str],
        form_names: Mapping[str, str],
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> None:
        """Draw `series`: one line per symptom with ratings (those in `order` first)."""
        ranked = {s: i for i, s in enumerate(order)}
        symptoms = sorted(series.symptoms, key=lambda s: (ranked.get(s, len(ranked)), s))
        self._drawn = (series, symptoms, dict(symptom_names), dict(form_names))
        self._range = self._time_range(series, start, end)
        self._draw()

    @staticmethod
    def _time_range(
        series: JournalSeries, start: dt.date | None, end: dt.date | None
    ) -> tuple[dt.datetime, dt.datetime]:
        moments = [p.when for line in series.symptoms.values() for p in line]
        moments += [m.when for m in series.doses]
        first = dt.datetime.combine(start, dt.time()) if start else min(moments, default=None)
        last = dt.datetime.combine(end, dt.time(23, 59)) if end else max(moments, default=None)
        today = dt.datetime.combine(dt.date.today(), dt.time())
        first = first or today - dt.timedelta(days=30)
        last = last or today + dt.timedelta(hours=23, minutes=59)
        if last - first < dt.timedelta(days=1):
            first, last = first - dt.timedelta(hours=12), last + dt.timedelta(hours=12)
        return first, last

    def _clear(self) -> None:
        """Remove the lines and the legend; the axes stay. QtCharts draws a removed axis's labels,
        grid and title on until its deferred deletion runs, so removing the axes and adding new
        ones drew every axis twice after the first entry (the old set under the new)."""
        self._chart.removeAllSeries()
        self.symptom_series.clear()
        self.dose_series.clear()
        self._marks.clear()
        self._symbols.clear()
        self.legend_items = []
        self._layout = None
        clear_layout(self._legend_grid)

    def _draw(self) -> None:
        """Redraw; when the lines and marker sets are the same as last time (a new entry, a
        changed range), only their points and the axes change, which is several times faster
        than building the series again."""
        if self._drawn is None or self._range is None:
            self._clear()
            return
        series, symptoms, symptom_names, form_names = self._drawn
        ratings, doses = _points(series, symptoms)
        layout = (tuple(symptoms), tuple(doses), _theme(), tuple(symptom_names.items()))
        if layout != self._layout:
            self._clear()
            self._layout = layout
            self._theme = _theme()
            self._build_symptoms(symptoms, symptom_names, _LINE_COLOURS[self._theme])
            self._build_doses(list(doses), form_names, _DOSE_COLOURS[self._theme])
            self._paint_theme()
            self._apply_fonts()
        self._set_points(ratings, doses)
        self._set_ranges(max((p.y() for line in doses.values() for p in line), default=0.0))
        empty = not symptoms and not doses
        self._chart.setTitle("No entries in this range yet" if empty else "")

    def _build_axes(self) -> None:
        """The three axes, once for the chart's life; the mg axis shows only beside doses."""
        self.time_axis.setTitleText("Date")
        self.rating_axis.setTitleText("Rating (10 = worst)")
        self.rating_axis.setRange(RATING_MIN, RATING_MAX)
        self.rating_axis.setTickCount(6)
        self.rating_axis.setLabelFormat("%d")
        self.dose_axis.setTitleText("Magnesium (mg)")
        self.dose_axis.setTickCount(6)
        self.dose_axis.setLabelFormat("%d")
        self.dose_axis.setVisible(False)
        self._chart.addAxis(self.time_axis, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self.rating_axis, Qt.AlignmentFlag.AlignLeft)
        self._chart.addAxis(self.dose_axis, Qt.AlignmentFlag.AlignRight)

    def _set_ranges(self, top_mg: float) -> None:
        assert self._range is not None
        first, last = self._range
        span = last - first
        self.time_axis.setFormat("d MMM yyyy" if span > dt.timedelta(days=200) else "d MMM")
        self.time_axis.setRange(_to_qdatetime(first), _to_qdatetime(last))
        if self.dose_series:
            self.dose_axis.setRange(0, _nice_ceiling(top_mg * 1.1))
        self._fit_axes()

    def _fit_axes(self) -> None:
        """As many labels as fit the chart at the current text size, and the axis titles only
        where they fit whole: at large text a crowded axis is cut to "…", which helps no one."""
        if self._range is None:
            return
        first, last = self._range
        metrics = QFontMetrics(self.time_axis.labelsFont())
        date_text = _to_qdatetime(dt.datetime(2026, 12, 28)).toString(self.time_axis.format())
        fit = fit_axes(
            self.view.width(),
            self.view.height(),
            metrics.horizontalAdvance(date_text),
            metrics.height(),
            most_dates=6 if last - first > dt.timedelta(days=5) else 3,
        )
        self.time_axis.setTickCount(fit.dates)
        self.rating_axis.setTickCount(fit.ratings)
        self.dose_axis.setTickCount(fit.ratings)
        for axis in (self.rating_axis, self.dose_axis):
            title = QFontMetrics(axis.titleFont()).horizontalAdvance(axis.titleText())
            axis.setTitleVisible(title <= fit.plot_height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_minimums(event.size().width())
        self._fit_axes()

    def _fit_minimums(self, width: int) -> None:
        """Room for the axes' labels at any text size, and for every legend line once the
        labels wrap: the splitters around the chart then give it that much height."""
        self.view.setMinimumHeight(max(200, 10 * self.fontMetrics().height()))
        self.legend.setMinimumHeight(max(0, self.legend.heightForWidth(width)))

    def _build_symptoms(
        self, symptoms: Sequence[str], symptom_names: Mapping[str, str], lines: Sequence[str]
    ) -> None:
        edge = QColor("#000000") if self._theme == "light" else QColor("#111111")
        for i, symptom in enumerate(symptoms):
            colour = QColor(lines[i % len(lines)])
            shape, filled, symbol = SYMPTOM_MARKS[i % len(SYMPTOM_MARKS)]
            name = symptom_names.get(symptom, symptom)
            line = QLineSeries()
            line.setName(f"{symbol} {name}")
            pen = QPen(colour, 2)
            line.setPen(pen)
            marks = QScatterSeries()
            marks.setName(f"{symbol} {name}: markers")
            marks.setMarkerShape(shape)
            marks.setMarkerSize(MARKER_SIZE)
            marks.setPen(QPen(edge if filled else colour, 1 if filled else 2))
            marks.setBrush(QBrush(colour) if filled else QBrush(Qt.BrushStyle.NoBrush))
            for drawn in (line, marks):
                self._chart.addSeries(drawn)
                drawn.attachAxis(self.time_axis)
                drawn.attachAxis(self.rating_axis)
            self.symptom_series[symptom] = line
            self._marks[symptom] = marks
            self._symbols[symptom] = (name, symbol)
            self._add_legend_entry(_swatch(pen, marks), f"{symbol} {name}")

    def _build_doses(
        self, forms: Sequence[str], form_names: Mapping[str, str], colours: Sequence[str]
    ) -> None:
        """One set of markers per form, on the mg axis (right)."""
        self.dose_axis.setVisible(bool(forms))
        edge = QColor("#000000") if self._theme == "light" else QColor("#111111")
        for i, form in enumerate(forms):
            shape, symbol = DOSE_MARKS[i % len(DOSE_MARKS)]
            name = form_names.get(form, form)
            scatter = QScatterSeries()
            scatter.setName(f"{symbol} {name} (mg, right axis)")
            scatter.setMarkerShape(shape)
            scatter.setMarkerSize(MARKER_SIZE + 4)
            scatter.setPen(QPen(edge, 1))
            scatter.setBrush(QBrush(QColor(colours[i % len(colours)])))
            self._chart.addSeries(scatter)
            scatter.attachAxis(self.time_axis)
            scatter.attachAxis(self.dose_axis)
            self.dose_series[form] = scatter
            self._symbols[form] = (name, symbol)
            self._add_legend_entry(_swatch(None, scatter), f"{symbol} {name} (mg, right axis)")

    def _set_points(
        self, ratings: Mapping[str, list[QPointF]], doses: Mapping[str, list[QPointF]]
    ) -> None:
        assert self._drawn is not None
        counted = self._drawn[0].symptoms  # a long line is drawn thinned: say every rating
        items = []
        for symptom, xy in ratings.items():
            self.symptom_series[symptom].replace(xy)
            self._marks[symptom].replace(xy[:: -(-len(xy) // MAX_MARKED_POINTS)])
            items.append(ChartLegendItem(symptom, *self._symbols[symptom], len(counted[symptom])))
        for form, xy in doses.items():
            self.dose_series[form].replace(xy)
            items.append(ChartLegendItem(form, *self._symbols[form], len(xy)))
        self.legend_items = items

    def _add_legend_entry(self, icon: QPixmap, text: str) -> None:
        count = self._legend_grid.count() // 2
        row, col = divmod(count, LEGEND_COLUMNS)
        swatch = QLabel()
        swatch.setPixmap(icon)
        swatch.setAccessibleName(f"Legend mark for {text}")
        label = QLabel(text)
        label.setWordWrap(True)
        self._legend_grid.addWidget(swatch, row, col * 2)
        self._legend_grid.addWidget(label, row, col * 2 + 1)
        self._legend_grid.setColumnStretch(col * 2 + 1, 1)

    def _apply_fonts(self) -> None:
        """Axis labels and titles in the window's text size (QtCharts keeps the size the chart
        was made with, so Ctrl++ would otherwise leave the chart small)."""
        labels = QFont(self.font())
        titles = QFont(labels)
        titles.setBold(True)
        self._chart.setTitleFont(labels)
        for axis in self._chart.axes():
            axis.setLabelsFont(labels)
            axis.setTitleFont(titles)

    def _paint_theme(self) -> None:
        """Background, text and grid from the application's palette."""
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        base = pal.color(QPalette.ColorRole.Base)
        grid = QColor(current_colours().card_border)
        self._chart.setBackgroundBrush(QBrush(base))
        self._chart.setTitleBrush(QBrush(text))
        self._chart.legend().setLabelColor(text)
        self.view.setBackgroundBrush(QBrush(base))
        for axis in self._chart.axes():
            axis.setLabelsColor(text)
            axis.setTitleBrush(QBrush(text))
            axis.setGridLineColor(grid)
            axis.setLinePenColor(text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
            self._fit_minimums(self.width())
            self._fit_axes()
        if event.type() == QEvent.Type.PaletteChange and self._drawn is not None:
            if _theme() != self._theme:
                self._draw()  # marker images and line colours belong to the theme
            else:
                self._paint_theme()


@dataclass(frozen=True)
class AxisFit:
    """How many labels each axis shows, and the height the plot has for a rotated title."""

    dates: int
    ratings: int
    plot_height: int


def fit_axes(
    width: int, height: int, date_width: int, line_height: int, most_dates: int = 6
) -> AxisFit:
    """Label counts for a chart of `width` x `height` pixels whose date labels are
    `date_width` wide and whose text lines are `line_height` high.

    Each date needs its own width plus a gap of two line heights; ratings (0 to 10) are
    labeled every 2, 5 or 10 points, the finest that leaves two line heights between labels.
    The plot is what the axes' labels and titles leave: the width less eight line heights,
    the height less four.
    """
    plot_width = max(0, width - 8 * line_height)
    plot_height = max(0, height - 4 * line_height)
    dates = max(2, min(most_dates, plot_width // max(1, date_width + 2 * line_height) + 1))
    ratings = next((count for count in (6, 3) if plot_height >= (count - 1) * 2 * line_height), 2)
    return AxisFit(dates, ratings, plot_height)


def _nice_ceiling(value: float) -> float:
    """A round top for the mg axis (100, 200, 500, 1000, ...)."""
    for step in (50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return float(step)
    return float(value)


def _to_qdatetime(when: dt.datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(_msecs(when)))
