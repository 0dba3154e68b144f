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
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from mgdesk.domain.journal import RATING_MAX, RATING_MIN, JournalSeries
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
SYMPTOM_MARKS: tuple[tuple[str, str], ...] = (
    ("circle", "●"),
    ("square", "■"),
    ("triangle", "▲"),
    ("diamond", "◆"),
)
DOSE_MARKS: tuple[tuple[Shape, str], ...] = (
    (Shape.MarkerShapeStar, "★"),
    (Shape.MarkerShapePentagon, "⬟"),
    (Shape.MarkerShapeRotatedRectangle, "◆"),
)
_DASHES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)
MARKER_SIZE = 9.0
MAX_MARKED_POINTS = 45
"""Above this many points a line is drawn without markers (its dash still tells it apart)."""
LEGEND_COLUMNS = 2


def _theme() -> str:
    colours = current_colours()
    if colours is HIGH_CONTRAST:
        return "high-contrast"
    return "dark" if colours is DARK else "light"


def _msecs(when: dt.datetime) -> float:
    """Local time as milliseconds since the epoch, as QDateTimeAxis counts."""
    return when.timestamp() * 1000.0


def _marker_image(shape: str, colour: QColor, size: int) -> QImage:
    """A point marker drawn once: the same shape on the line and in the legend."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#000000") if _theme() == "light" else QColor("#111111"), 1))
    painter.setBrush(colour)
    r = size - 1.0
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(0.5, 0.5, r - 0.5, r - 0.5)
    elif shape == "square":
        path.addRect(1.0, 1.0, r - 1.5, r - 1.5)
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(r / 2, 0.5), QPointF(r, r), QPointF(0.5, r)]))
        path.closeSubpath()
    else:
        half = r / 2
        points = [QPointF(half, 0), QPointF(r, half), QPointF(half, r), QPointF(0, half)]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    painter.drawPath(path)
    painter.end()
    return image


def _line_icon(pen: QPen, marker: QImage) -> QPixmap:
    """A legend swatch: a stretch of the line with its marker in the middle."""
    pixmap = QPixmap(34, marker.height() + 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    middle = pixmap.height() / 2
    painter.drawLine(QPointF(0, middle), QPointF(pixmap.width(), middle))
    painter.drawImage(QPointF((pixmap.width() - marker.width()) / 2, 1), marker)
    painter.end()
    return pixmap


def _scatter_icon(scatter: QScatterSeries) -> QPixmap:
    """A legend swatch for a set of dose markers, drawn as the chart draws them."""
    size = int(scatter.markerSize()) + 2
    pixmap = QPixmap(34, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(scatter.borderColor(), 1))
    painter.setBrush(scatter.color())
    centre = QPointF(pixmap.width() / 2, size / 2)
    radius = (size - 2) / 2
    painter.drawPolygon(_star_or_polygon(scatter.markerShape(), centre, radius))
    painter.end()
    return pixmap


def _star_or_polygon(shape: Shape, centre: QPointF, radius: float) -> QPolygonF:
    corners = {Shape.MarkerShapeStar: 10, Shape.MarkerShapePentagon: 5}.get(shape, 4)
    points = []
    for k in range(corners):
        angle = -math.pi / 2 + 2 * math.pi * k / corners
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
        self._drawn: tuple[JournalSeries, list[str], dict[str, str], dict[str, str]] | None = None
        self._range: tuple[dt.datetime, dt.datetime] | None = None
        self._theme = ""

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
        self._chart.removeAllSeries()
        for axis in self._chart.axes():
            self._chart.removeAxis(axis)
        self.symptom_series.clear()
        self.dose_series.clear()
        self.legend_items = []
        clear_layout(self._legend_grid)

    def _draw(self) -> None:
        self._clear()
        if self._drawn is None or self._range is None:
            return
        series, symptoms, symptom_names, form_names = self._drawn
        theme = self._theme = _theme()
        lines, doses = _LINE_COLOURS[theme], _DOSE_COLOURS[theme]
        first, last = self._range

        self.time_axis = QDateTimeAxis()
        self.time_axis.setTitleText("Date")
        span = last - first
        self.time_axis.setFormat("d MMM yyyy" if span > dt.timedelta(days=200) else "d MMM")
        self.time_axis.setTickCount(6 if span > dt.timedelta(days=5) else 3)
        self.time_axis.setRange(_to_qdatetime(first), _to_qdatetime(last))
        self.rating_axis = QValueAxis()
        self.rating_axis.setTitleText("Rating (10 = worst)")
        self.rating_axis.setRange(RATING_MIN, RATING_MAX)
        self.rating_axis.setTickCount(6)
        self.rating_axis.setLabelFormat("%d")
        self._chart.addAxis(self.time_axis, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self.rating_axis, Qt.AlignmentFlag.AlignLeft)
        self._draw_symptoms(series, symptoms, symptom_names, lines)
        drew_doses = self._draw_doses(series, form_names, doses, theme)
        empty = not symptoms and not drew_doses
        self._chart.setTitle("No entries in this range yet" if empty else "")
        self._paint_theme()

    def _draw_symptoms(
        self,
        series: JournalSeries,
        symptoms: Sequence[str],
        symptom_names: Mapping[str, str],
        lines: Sequence[str],
    ) -> None:
        for i, symptom in enumerate(symptoms):
            points = series.symptoms[symptom]
            colour = QColor(lines[i % len(lines)])
            shape, symbol = SYMPTOM_MARKS[i % len(SYMPTOM_MARKS)]
            name = symptom_names.get(symptom, symptom)
            line = QLineSeries()
            line.setName(f"{symbol} {name}")
            pen = QPen(colour, 2)
            pen.setStyle(_DASHES[i % len(_DASHES)])
            line.setPen(pen)
            marker = _marker_image(shape, colour, int(MARKER_SIZE) + 2)
            if len(points) <= MAX_MARKED_POINTS:
                line.setLightMarker(marker)
                line.setMarkerSize(MARKER_SIZE)
            line.replace([QPointF(_msecs(p.when), p.value) for p in points])
            self._chart.addSeries(line)
            line.attachAxis(self.time_axis)
            line.attachAxis(self.rating_axis)
            self.symptom_series[symptom] = line
            self.legend_items.append(ChartLegendItem(symptom, name, symbol, len(points)))
            self._add_legend_entry(_line_icon(pen, marker), f"{symbol} {name}")

    def _draw_doses(
        self,
        series: JournalSeries,
        form_names: Mapping[str, str],
        colours: Sequence[str],
        theme: str,
    ) -> bool:
        """One set of markers per form on the mg axis; False when the range has no doses."""
        by_form: dict[str, list[QPointF]] = {}
        top = 0.0
        for dose in series.doses:
            by_form.setdefault(dose.form, []).append(QPointF(_msecs(dose.when), dose.mg))
            top = max(top, dose.mg)
        if by_form:
            self.dose_axis = QValueAxis()
            self.dose_axis.setTitleText("Magnesium (mg)")
            self.dose_axis.setRange(0, _nice_ceiling(top * 1.1))
            self.dose_axis.setTickCount(6)
            self.dose_axis.setLabelFormat("%d")
            self._chart.addAxis(self.dose_axis, Qt.AlignmentFlag.AlignRight)
        for i, (form, points) in enumerate(by_form.items()):
            shape, symbol = DOSE_MARKS[i % len(DOSE_MARKS)]
            colour = QColor(colours[i % len(colours)])
            name = form_names.get(form, form)
            scatter = QScatterSeries()
            scatter.setName(f"{symbol} {name} (mg, right axis)")
            scatter.setMarkerShape(shape)
            scatter.setMarkerSize(MARKER_SIZE + 4)
            scatter.setColor(colour)
            scatter.setBorderColor(QColor("#000000") if theme == "light" else QColor("#111111"))
            scatter.replace(points)
            self._chart.addSeries(scatter)
            scatter.attachAxis(self.time_axis)
            scatter.attachAxis(self.dose_axis)
            self.dose_series[form] = scatter
            self.legend_items.append(ChartLegendItem(form, name, symbol, len(points)))
            self._add_legend_entry(_scatter_icon(scatter), f"{symbol} {name} (mg, right axis)")
        return bool(by_form)

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
        if event.type() == QEvent.Type.PaletteChange and self._drawn is not None:
            if _theme() != self._theme:
                self._draw()  # marker images and line colours belong to the theme
            else:
                self._paint_theme()


def _nice_ceiling(value: float) -> float:
    """A round top for the mg axis (100, 200, 500, 1000, ...)."""
    for step in (50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return float(step)
    return float(value)


def _to_qdatetime(when: dt.datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(_msecs(when)))
