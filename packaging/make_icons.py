"""Draw the application icon: `resources/icons/mgdesk.svg`, its PNG sizes, and the Windows
and macOS icon files the spec builds with (`packaging/icons/mgdesk.ico`, `mgdesk.icns`).

The icon is a calm blue rounded square (the window's highlight colour) with "Mg" in white.
The letters are outlines taken from the bundled Noto Sans Bold, so the SVG looks the same on
every machine (an SVG <text> would depend on the fonts installed there). Every size is
rendered from the SVG with Qt's own renderer; Pillow (which reportlab brings) writes the .ico
and .icns. The results are committed, so this runs only when the design changes:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
PLATFORM_ICONS = ROOT / "packaging" / "icons"
FONT = ROOT / "resources" / "fonts" / "NotoSans-Bold.ttf"
SIZES = (16, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # the macOS sizes, @1x and @2x

BOX = 64.0  # the SVG's view box
MARGIN = 2.0  # a transparent rim, as desktop icon themes expect
RADIUS = 13.0
BACKGROUND = "#2a5d9f"
FOREGROUND = "#ffffff"
TEXT_WIDTH = 44.0  # how wide "Mg" may be inside the 60-wide square


def _glyph_path() -> QPainterPath:
    """ "Mg" as outlines, scaled and centred in the box (centred on its visible ink)."""
    family_id = QFontDatabase.addApplicationFont(str(FONT))
    if family_id < 0:
        raise SystemExit(f"cannot load {FONT}")
    font = QFont(QFontDatabase.applicationFontFamilies(family_id)[0])
    font.setPixelSize(100)
    font.setBold(True)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, "Mg")
    ink = path.boundingRect()
    scale = TEXT_WIDTH / ink.width()
    # Centre the letters' common height (cap height of M down to g's descender), nudged up a
    # little because the eye puts the middle of a word on its x-height, not its descender.
    transform = QTransform()
    transform.translate(BOX / 2, BOX / 2 - 1.0)
    transform.scale(scale, scale)
    transform.translate(-ink.center().x(), -ink.center().y())
    return transform.map(path)


def _svg_path_data(path: QPainterPath) -> str:
    """SVG path data for a QPainterPath (moves, lines and cubic curves)."""

    def point(x: float, y: float) -> str:
        return f"{x:.2f} {y:.2f}".replace(".00", "")

    parts: list[str] = []
    i = 0
    while i < path.elementCount():
        e = path.elementAt(i)
        if e.type == QPainterPath.ElementType.MoveToElement:
            if parts:
                parts.append("Z")
            parts.append("M" + point(e.x, e.y))
            i += 1
        elif e.type == QPainterPath.ElementType.LineToElement:
            parts.append("L" + point(e.x, e.y))
            i += 1
        else:  # CurveToElement followed by its two CurveToDataElements
            c2, end = path.elementAt(i + 1), path.elementAt(i + 2)
            parts.append("C" + " ".join((point(e.x, e.y), point(c2.x, c2.y), point(end.x, end.y))))
            i += 3
    parts.append("Z")
    return "".join(parts)


def make_svg() -> str:
    side = BOX - 2 * MARGIN
    square = f'x="{MARGIN:g}" y="{MARGIN:g}" width="{side:g}" height="{side:g}" rx="{RADIUS:g}"'
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <title>mgdesk</title>
  <rect {square} fill="{BACKGROUND}"/>
  <path fill="{FOREGROUND}" d="{_svg_path_data(_glyph_path())}"/>
</svg>
"""


def render(svg: str, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def render_png(svg: str, size: int, target: Path) -> None:
    if not render(svg, size).save(str(target), "PNG"):
        raise SystemExit(f"cannot write {target}")


def write_platform_icons(svg: str) -> None:
    """mgdesk.ico (Windows) and mgdesk.icns (macOS), each size drawn from the SVG."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    def pillow(size: int) -> Image.Image:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        render(svg, size).save(buffer, "PNG")
        return Image.open(io.BytesIO(bytes(buffer.data().data())))

    PLATFORM_ICONS.mkdir(parents=True, exist_ok=True)
    ico = [pillow(size) for size in SIZES]
    ico[-1].save(
        PLATFORM_ICONS / "mgdesk.ico", sizes=[(s, s) for s in SIZES], append_images=ico[:-1]
    )
    icns = [pillow(size) for size in ICNS_SIZES]
    icns[-1].save(PLATFORM_ICONS / "mgdesk.icns", append_images=icns[:-1])


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = make_svg()
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "mgdesk.svg").write_text(svg, encoding="utf-8")
    for size in SIZES:
        render_png(svg, size, ICONS / f"mgdesk-{size}.png")
    write_platform_icons(svg)
    print(
        f"wrote mgdesk.svg and {len(SIZES)} PNGs in {ICONS.relative_to(ROOT)}, "
        f"mgdesk.ico and mgdesk.icns in {PLATFORM_ICONS.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
