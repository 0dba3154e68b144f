"""The clickable front/back body figure of the pain map.

Drawn from `domain.body_figure` (the same coordinates the handout prints) with the palette's
colours, so it follows the theme, and with the widget's font, so its labels follow the text
size. A marked region is filled, hatched and ticked: it never depends on colour alone. The
mouse toggles a region; with the keyboard, the arrow keys move a focus ring from region to
region and Space or Enter toggles it. The labelled check boxes beside the figure do the same
for screen-reader users; the page keeps both in step.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mgdesk.domain import body_figure as fig
from mgdesk.domain.painmap import AREA_IDS, area_label

_NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up)
_TOGGLE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def shape_path(shape: fig.Shape) -> QPainterPath:
    path = QPainterPath()
    if isinstance(shape, fig.Ellipse):
        path.addEllipse(QPointF(shape.cx, shape.cy), shape.rx, shape.ry)
    else:
        path.moveTo(*shape.points[0])
        for point in shape.points[1:]:
            path.lineTo(*point)
        path.closeSubpath()
    return path


class BodyFigure(QWidget):
    """Front and back views with the 19 WPI regions; `toggled(area, marked)` on a click."""

    toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marked: set[str] = set()
        self._hover: str | None = None
        self._focus_index = 0
        self._bodies = [
            shape_path(view.outline).united(shape_path(view.head)) for view in fig.VIEWS
        ]
        self._regions = {
            area: [shape_path(s) for s in shapes] for area, shapes in fig.REGIONS.items()
        }
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Body figure, front and back")
        self._describe()

    # ----- state

    @property
    def marked(self) -> frozenset[str]:
        return frozenset(self._marked)

    def set_marked(self, areas: Iterable[str]) -> None:
        marked = set(areas) & set(AREA_IDS)
        if marked != self._marked:
            self._marked = marked
            self._describe()
            self.update()

    @property
    def focus_area(self) -> str:
        return AREA_IDS[self._focus_index]

    def _describe(self) -> None:
        chosen = [area_label(a) for a in AREA_IDS if a in self._marked]
        self.setAccessibleDescription(
            "Use the arrow keys to move between areas and Space to mark one. Marked: "
            + ("; ".join(chosen) if chosen else "none")
            + "."
        )

    # ----- geometry

    def _transform(self) -> QTransform:
        """Figure units to widget pixels: uniform scale, centred."""
        scale = min(self.width() / fig.WIDTH, self.height() / fig.HEIGHT)
        dx = (self.width() - fig.WIDTH * scale) / 2
        dy = (self.height() - fig.HEIGHT * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_point(self, area_id: str) -> QPoint:
        """The widget point at the centre of an area's first shape (for tests and tooltips)."""
        x, y = fig.region_centre(area_id)
        return self._transform().map(QPointF(x, y)).toPoint()

    def area_at(self, point: QPointF) -> str | None:
        inverted, ok = self._transform().inverted()
        if not ok:
            return None
        where = inverted.map(point)
        return fig.region_at(where.x(), where.y())

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        height = 30 * line
        return QSize(int(height * fig.WIDTH / fig.HEIGHT), height)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        height = 18 * line
        return QSize(int(height * fig.WIDTH / fig.HEIGHT), height)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(width * fig.HEIGHT / fig.WIDTH)

    # ----- input

    def toggle(self, area_id: str) -> None:
        marked = area_id not in self._marked
        if marked:
            self._marked.add(area_id)
        else:
            self._marked.discard(area_id)
        self._describe()
        self.update()
        self.toggled.emit(area_id, marked)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        area = self.area_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and area is not None:
            self._focus_index = AREA_IDS.index(area)
            self.toggle(area)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        area = self.area_at(event.position())
        if area != self._hover:
            self._hover = area
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if area else Qt.CursorShape.ArrowCursor
            )
            self.setToolTip(area_label(area) if area else "")
            if area is None:
                QToolTip.hideText()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _NEXT_KEYS or key in _PREVIOUS_KEYS:
            step = 1 if key in _NEXT_KEYS else -1
            self._focus_index = (self._focus_index + step) % len(AREA_IDS)
            self.setToolTip(area_label(self.focus_area))
            self.update()
            event.accept()
        elif key in _TOGGLE_KEYS:
            self.toggle(self.focus_area)
            event.accept()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()

    # ----- painting

    def paintEvent(self, _event: QPaintEvent) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        base = pal.color(QPalette.ColorRole.Base)
        accent = pal.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self._transform()
        scale = transform.m11()
        painter.setTransform(transform)

        body_pen = QPen(ink, 1.6 / scale)
        for body in self._bodies:
            painter.fillPath(body, base)
            painter.strokePath(body, body_pen)

        soft = QColor(ink)
        soft.setAlpha(110)
        quiet_pen = QPen(soft, 1.0 / scale, Qt.PenStyle.DotLine)
        fill = QColor(accent)
        fill.setAlpha(150)
        hover_fill = QColor(accent)
        hover_fill.setAlpha(55)
        hatch = QBrush(ink, Qt.BrushStyle.BDiagPattern)
        hatch.setTransform(QTransform.fromScale(1 / scale * 1.3, 1 / scale * 1.3))
        marked_pen = QPen(ink, 1.8 / scale)
        for area, paths in self._regions.items():
            marked = area in self._marked
            for path in paths:
                if marked:
                    painter.fillPath(path, fill)
                    painter.fillPath(path, hatch)
                    painter.strokePath(path, marked_pen)
                else:
                    if area == self._hover:
                        painter.fillPath(path, hover_fill)
                    painter.strokePath(path, quiet_pen)
        for area in self._marked:
            self._tick(painter, area, ink, base, scale)
        if self._hover is not None:
            hover_pen = QPen(accent, 2.0 / scale)
            for path in self._regions[self._hover]:
                painter.strokePath(path, hover_pen)
        if self.hasFocus():
            focus_pen = QPen(accent, 2.6 / scale, Qt.PenStyle.DashLine)
            painter.setPen(focus_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for path in self._regions[self.focus_area]:
                painter.drawRoundedRect(path.boundingRect().adjusted(-1.5, -1.5, 1.5, 1.5), 2, 2)
        self._labels(painter, transform, ink)
        painter.end()

    def _tick(self, painter: QPainter, area: str, ink: QColor, base: QColor, scale: float) -> None:
        """A check mark on each shape of a marked area, drawn over a halo so it always shows."""
        for shape in fig.REGIONS[area]:
            x, y = shape.centre()
            size = 3.0
            tick = QPainterPath()
            tick.moveTo(x - size, y)
            tick.lineTo(x - size / 3, y + size * 0.75)
            tick.lineTo(x + size, y - size)
            halo = QPen(base, 3.4 / scale * 1.6)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(tick, halo)
            pen = QPen(ink, 1.9 / scale * 1.2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.strokePath(tick, pen)

    def _labels(self, painter: QPainter, transform: QTransform, ink: QColor) -> None:
        """View and side names in screen pixels, at the widget's own font size."""
        painter.resetTransform()
        painter.setPen(ink)
        for label in fig.labels():
            font = QFont(self.font())
            font.setBold(label.bold)
            painter.setFont(font)
            centre = transform.map(QPointF(label.x, label.y))
            box = QRectF(centre.x() - 60, centre.y() - 20, 120, 40)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label.text)
