"""The body figure of the pain map: outlines and the 19 WPI regions as plain coordinates.

One geometry serves both the window (Qt paints it and hit-tests clicks) and the handout
(reportlab draws the latest map), so a region is in the same place on screen and on paper.
Coordinates are in figure units, x to the right and y downwards (as on screen); the figure is
WIDTH x HEIGHT units with the front view on the left and the back view on the right. Drawers
scale uniformly and flip y where their y goes up.

On the front view the person's left is on the viewer's right; on the back view it is on the
viewer's left, as when looking at someone from behind. Each view is labelled "Front"/"Back" and
each side "Right"/"Left" (the person's), so nobody has to work that out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mgdesk.domain.painmap import AREA_IDS

WIDTH = 200.0
HEIGHT = 246.0
TOP = 14.0
"""Room above the bodies for the view and side labels."""

Point = tuple[float, float]


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]

    def centre(self) -> Point:
        """The centroid of the polygon's area (inside for the convex-ish shapes used here)."""
        area = cx = cy = 0.0
        pts = self.points
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        area /= 2
        return cx / (6 * area), cy / (6 * area)

    def contains(self, x: float, y: float) -> bool:
        """Even-odd point in polygon (what Qt's default fill rule does)."""
        inside = False
        pts = self.points
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
        return inside


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float

    def centre(self) -> Point:
        return self.cx, self.cy

    def contains(self, x: float, y: float) -> bool:
        return ((x - self.cx) / self.rx) ** 2 + ((y - self.cy) / self.ry) ** 2 <= 1.0


Shape = Polygon | Ellipse


@dataclass(frozen=True)
class View:
    """One side of the body: its label, where its midline is, and its outline."""

    id: str
    label: str
    centre_x: float
    outline: Polygon
    head: Ellipse
    left_sign: int
    """+1 when the person's left is on the viewer's right (front view), -1 when not (back)."""


@dataclass(frozen=True)
class Label:
    """A word drawn on the figure (view names, the person's sides), centred on (x, y)."""

    x: float
    y: float
    text: str
    bold: bool = False


# ----- the outline, from the midline outwards (dx, y); mirrored for the other half

_HALF: tuple[Point, ...] = (
    (5, 33), (5, 41), (14, 44), (22, 47), (27, 51), (29, 58), (31, 78), (33, 96), (35, 116),
    (36, 134), (37.5, 141), (35.5, 150), (31.5, 151), (29.5, 142), (29, 134), (27, 116),
    (25, 98), (22.5, 78), (21, 63), (20, 80), (17, 98), (19, 112), (20.5, 126), (18.5, 150),
    (15.5, 172), (14, 192), (11.5, 214), (14, 224), (11.5, 229), (4.5, 229), (4, 216),
    (4, 192), (4, 174), (3, 150), (1.5, 132), (0, 131),
)  # fmt: skip
_HEAD = (0.0, 20.0, 11.0, 13.5)


def _outline(cx: float) -> Polygon:
    right = [(cx + dx, y + TOP) for dx, y in _HALF]
    left = [(cx - dx, y + TOP) for dx, y in reversed(_HALF) if dx != 0]
    return Polygon(tuple(right + left))


def _head(cx: float) -> Ellipse:
    dx, y, rx, ry = _HEAD
    return Ellipse(cx + dx, y + TOP, rx, ry)


VIEWS: tuple[View, ...] = (
    View("front", "Front", 50.0, _outline(50.0), _head(50.0), +1),
    View("back", "Back", 150.0, _outline(150.0), _head(150.0), -1),
)
_VIEW = {v.id: v for v in VIEWS}

# ----- the regions, drawn on the person's left (+dx); the right side is the mirror image


def _both(shape: Shape) -> tuple[tuple[str, Shape], ...]:
    return (("front", shape), ("back", shape))


# In local units: dx from the midline on the person's left, y from the top of the body.
_SIDED: dict[str, tuple[tuple[str, Shape], ...]] = {
    "jaw": (("front", Ellipse(6.5, 28.5, 4.2, 3.6)),),
    "shoulder": _both(
        Polygon(((6, 43.5), (14, 45), (22, 48), (26.5, 52), (23.5, 56), (14, 52.5), (6, 50.5)))
    ),
    "upper-arm": _both(Polygon(((22.5, 59), (28.5, 59.5), (32.3, 93), (25.8, 95), (21.8, 66)))),
    "lower-arm": _both(Polygon(((26, 101), (33.2, 100), (35.3, 132), (29.5, 132)))),
    "hip": (
        ("front", Ellipse(16.6, 118.5, 2.8, 7.0)),
        ("back", Polygon(((1.5, 107), (17.8, 106), (19.8, 122), (13, 129), (2, 127.5)))),
    ),
    "upper-leg": _both(Polygon(((4, 136), (19.8, 133), (16, 168), (4.5, 168)))),
    "lower-leg": _both(Polygon(((4.6, 178), (14.8, 178), (12.3, 211), (4.6, 211)))),
}
_MIDDLE: dict[str, tuple[tuple[str, Shape], ...]] = {
    "neck": _both(Polygon(((-4.3, 33.5), (4.3, 33.5), (4.3, 42), (-4.3, 42)))),
    "chest": (("front", Polygon(((-15, 57), (15, 57), (17.2, 77), (-17.2, 77)))),),
    "abdomen": (("front", Polygon(((-15.2, 82), (15.2, 82), (16.3, 107), (-16.3, 107)))),),
    "upper-back": (("back", Polygon(((-16.5, 56), (16.5, 56), (17.8, 80), (-17.8, 80)))),),
    "lower-back": (("back", Polygon(((-16.3, 84), (16.3, 84), (16.3, 103), (-16.3, 103)))),),
}


def _place(view_id: str, shape: Shape, sign: int) -> Shape:
    """A local shape put on one view, on the person's left (`sign` +1) or right (-1)."""
    view = _VIEW[view_id]
    flip = sign * view.left_sign
    if isinstance(shape, Ellipse):
        return Ellipse(view.centre_x + flip * shape.cx, shape.cy + TOP, shape.rx, shape.ry)
    points = tuple((view.centre_x + flip * dx, y + TOP) for dx, y in shape.points)
    return Polygon(points if flip > 0 else tuple(reversed(points)))


def _regions() -> dict[str, tuple[Shape, ...]]:
    shapes: dict[str, tuple[Shape, ...]] = {}
    for stem, specs in _SIDED.items():
        for side, sign in (("left", +1), ("right", -1)):
            shapes[f"{stem}-{side}"] = tuple(_place(v, shape, sign) for v, shape in specs)
    for area, middle in _MIDDLE.items():
        shapes[area] = tuple(_place(v, shape, +1) for v, shape in middle)
    return {area: shapes[area] for area in AREA_IDS}


REGIONS: Mapping[str, tuple[Shape, ...]] = _regions()
"""Every WPI area id (in painmap.AREA_IDS order) -> its shapes, on one view or both."""


def labels() -> tuple[Label, ...]:
    """The view names above each body and the person's sides beside it."""
    out: list[Label] = []
    for view in VIEWS:
        out.append(Label(view.centre_x, 6.0, view.label, bold=True))
        for word, sign in (("Left", +1), ("Right", -1)):
            out.append(Label(view.centre_x + sign * view.left_sign * 38.0, TOP + 4.0, word))
    return tuple(out)


def region_centre(area_id: str) -> Point:
    """Where a click marks the area: the centre of its first shape (front view first)."""
    return REGIONS[area_id][0].centre()


def region_at(x: float, y: float) -> str | None:
    """The area whose shape holds the point, or None (outside every region)."""
    for area, shapes in REGIONS.items():
        if any(shape.contains(x, y) for shape in shapes):
            return area
    return None


def shapes_marked(areas: Iterable[str]) -> list[Shape]:
    """Every shape of the given areas, for a drawer that fills the marked ones."""
    chosen = set(areas)
    return [s for a, shapes in REGIONS.items() if a in chosen for s in shapes]
