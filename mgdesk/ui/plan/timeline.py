"""The day at a glance: a 06:00-23:00 axis with medicine times, magnesium doses and the hours
around each medicine when magnesium is kept away.

Markers differ in shape as well as colour (▼ medicine above the axis, ● magnesium below it),
bands are hatched and labelled in words (in rows of their own above the bands, never over the
hatching), and a legend says what each sign means, so nothing is
told by colour alone. Every size comes from the font, and every colour from the palette, so
the view follows the text size and the dark and high-contrast themes. The same facts are in
the timetable table beside it for screen readers; this widget only draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mgdesk.domain.plan import DAY_END, DAY_START, hhmm
from mgdesk.domain.plan_input import KeepAway

HOUR_STEPS = (1, 2, 3, 4, 6)
LEGEND = (
    ("▼", "medicine"),
    ("●", "magnesium dose"),
    ("▨", "keep magnesium away"),
)


@dataclass(frozen=True)
class Marker:
    """One thing at one time of day: a medicine or a magnesium dose, with its short label."""

    minute: int
    label: str


class DayTimeline(QWidget):
    """A painted day: medicines above the axis, magnesium below, keep-away bands between."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Day timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.medicines: tuple[Marker, ...] = ()
        self.magnesium: tuple[Marker, ...] = ()
        self.windows: tuple[KeepAway, ...] = ()
        # Where the last paint put each band and each piece of text (for tests and a11y checks).
        self.drawn_bands: list[QRectF] = []
        self.drawn_labels: list[QRectF] = []

    def set_day(
        self,
        medicines: Sequence[Marker],
        magnesium: Sequence[Marker],
        windows: Sequence[KeepAway],
    ) -> None:
        self.medicines = tuple(medicines)
        self.magnesium = tuple(magnesium)
        self.windows = tuple(windows)
        parts = [f"medicine {m.label} at {hhmm(m.minute)}" for m in self.medicines]
        parts += [f"magnesium {m.label} at {hhmm(m.minute)}" for m in self.magnesium]
        self.setAccessibleDescription(
            "; ".join(parts) + ". The timetable table below has the same times."
            if parts
            else "Nothing placed yet."
        )
        self.update()

    # ----- geometry, all from the font

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:
        return QSize(40 * self._line(), self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        line = self._line()
        return QSize(20 * line, int(11.8 * line))

    def _x(self, minute: float, left: float, width: float) -> float:
        clamped = min(max(minute, DAY_START), DAY_END)
        return left + (clamped - DAY_START) / (DAY_END - DAY_START) * width

    # ----- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        margin = metrics.horizontalAdvance("00:00") / 2 + line / 2
        left, width = margin, max(1.0, self.width() - 2 * margin)
        med_top = line * 0.25
        band_label_top = med_top + 2 * line
        band_top = band_label_top + 2.2 * line
        axis_y = band_top + 2.2 * line
        mg_top = axis_y + 1.6 * line
        legend_y = mg_top + 2.2 * line
        self.drawn_bands, self.drawn_labels = [], []

        self._paint_bands(painter, pal, metrics, left, width, band_label_top, band_top, axis_y)
        painter.setPen(QPen(text, max(1.0, line / 12)))
        painter.drawLine(QPointF(left, axis_y), QPointF(left + width, axis_y))
        self._paint_hours(painter, metrics, left, width, axis_y)
        self._paint_markers(
            painter, metrics, self.medicines, left, width, med_top, axis_y, above=True
        )
        self._paint_markers(
            painter, metrics, self.magnesium, left, width, mg_top, axis_y, above=False
        )
        self._paint_legend(painter, metrics, left, legend_y)
        painter.end()

    def _paint_bands(
        self,
        painter: QPainter,
        pal: QPalette,
        metrics: QFontMetrics,
        left: float,
        width: float,
        label_top: float,
        top: float,
        bottom: float,
    ) -> None:
        """Hatched bands from `top` to `bottom`; their names in two rows from `label_top`,
        each starting at its band's left edge (a third name at the same place is left to the
        tooltip and the timetable)."""
        fill = QColor(pal.color(QPalette.ColorRole.Mid))
        fill.setAlpha(70)
        hatch = QColor(pal.color(QPalette.ColorRole.WindowText))
        hatch.setAlpha(90)
        line = metrics.height()
        labels: list[tuple[float, str]] = []
        for window in self.windows:
            spans = [(window.start, window.end)]
            # A band past midnight also covers the early morning (times repeat daily).
            spans += [(window.start - 24 * 60, window.end - 24 * 60)]
            spans += [(window.start + 24 * 60, window.end + 24 * 60)]
            for start, end in spans:
                if end <= DAY_START or start >= DAY_END:
                    continue
                x1, x2 = self._x(start, left, width), self._x(end, left, width)
                rect = QRectF(x1, top, max(1.0, x2 - x1), bottom - top)
                painter.fillRect(rect, fill)
                painter.fillRect(rect, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(hatch, 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x1, top), QPointF(x1, bottom))
                painter.drawLine(QPointF(x2, top), QPointF(x2, bottom))
                self.drawn_bands.append(rect)
                labels.append((x1, f"no Mg: {window.medicine}"))
        rows: list[float] = []
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        for x1, label in sorted(labels):
            row = next((i for i, end_x in enumerate(rows) if x1 > end_x), len(rows))
            if row >= 2:
                continue  # the tooltip and the timetable name every band
            if row == len(rows):
                rows.append(0.0)
            room = self.width() - x1 - line / 4
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(max(room, 0)))
            if not shown or shown == "…":
                continue
            text_width = metrics.horizontalAdvance(shown)
            rows[row] = x1 + text_width + line / 2
            box = QRectF(x1, label_top + row * line, text_width + 1, line)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), shown)
            self.drawn_labels.append(box)

    def _paint_hours(
        self, painter: QPainter, metrics: QFontMetrics, left: float, width: float, axis: float
    ) -> None:
        line = metrics.height()
        label_width = metrics.horizontalAdvance("00:00") + line
        hours = (DAY_END - DAY_START) // 60
        step = next((s for s in HOUR_STEPS if width / hours * s >= label_width), HOUR_STEPS[-1])
        for hour in range(DAY_START // 60, DAY_END // 60 + 1):
            x = self._x(hour * 60, left, width)
            labelled = (hour * 60 - DAY_START) // 60 % step == 0
            tick = line / 3 if labelled else line / 6
            painter.drawLine(QPointF(x, axis - tick), QPointF(x, axis + tick))
            if labelled:
                text = f"{hour:02d}:00"
                half = metrics.horizontalAdvance(text) / 2
                painter.drawText(
                    QRectF(x - half, axis + line / 3, 2 * half, line),
                    int(Qt.AlignmentFlag.AlignCenter),
                    text,
                )

    def _paint_markers(
        self,
        painter: QPainter,
        metrics: QFontMetrics,
        markers: Sequence[Marker],
        left: float,
        width: float,
        top: float,
        axis: float,
        above: bool,
    ) -> None:
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        line = metrics.height()
        size = line / 2.4
        rights: list[float] = [-1e9, -1e9]
        for marker in sorted(markers, key=lambda m: m.minute):
            x = self._x(marker.minute, left, width)
            painter.setPen(QPen(text_colour, max(1.0, line / 14)))
            if above:
                painter.setBrush(QBrush(text_colour))
                painter.drawPolygon(
                    [
                        QPointF(x - size, axis - 2 * size),
                        QPointF(x + size, axis - 2 * size),
                        QPointF(x, axis),
                    ]
                )
            else:
                painter.setBrush(QBrush(pal.color(QPalette.ColorRole.Highlight)))
                painter.drawEllipse(QPointF(x, axis + size * 0.1), size, size)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            label = f"{hhmm(marker.minute)} {marker.label}"
            label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(12 * line))
            text_width = metrics.horizontalAdvance(label)
            x_text = min(max(x - text_width / 2, 0.0), self.width() - text_width)
            row = 0 if x_text > rights[0] else 1 if x_text > rights[1] else 0
            rights[row] = x_text + text_width + line / 2
            y = top + (row if not above else 1 - row) * line
            box = QRectF(x_text, y, text_width + 1, line)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), label)
            self.drawn_labels.append(box)

    def _paint_legend(
        self, painter: QPainter, metrics: QFontMetrics, left: float, y: float
    ) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        x = left
        line = metrics.height()
        for sign, words in LEGEND:
            text = f"{sign} {words}"
            painter.drawText(
                QRectF(x, y, metrics.horizontalAdvance(text) + 1, line),
                int(Qt.AlignmentFlag.AlignLeft),
                text,
            )
            x += metrics.horizontalAdvance(text) + 1.5 * line
