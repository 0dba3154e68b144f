"""The Qt half of `mgdesk self-test`: platform plugin, SVG icon, QtPdf, QtCharts, printing.

These are the parts a bundle most often loses (a plugin or library left out of the spec), and
they fail only when the window or the PDF preview first needs them. Nothing is shown: with no
display (no DISPLAY or WAYLAND_DISPLAY on Linux) the offscreen platform stands in, and with one
the desktop's own plugin is loaded and started, as the window would. Before Qt starts, the
plugin's library is loaded on its own, so that a missing system library is reported as one
line instead of Qt aborting the process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mgdesk import paths
from mgdesk.commands.selfcheck import Check, CheckFailed, SelfTest, expect

# The desktop's own platform plugins, as Qt would pick them when nothing is set.
NATIVE_PLATFORMS = {"win32": ["windows"], "darwin": ["cocoa"]}
# The application the checks start, kept for the life of the process: widgets must never
# outlive it.
_started: list[object] = []


def platform_candidates(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """The platform plugins Qt will try, in order (QT_QPA_PLATFORM may list several, `;`)."""
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [name.split(":")[0].strip() for name in chosen.split(";") if name.strip()]
    if sys.platform in NATIVE_PLATFORMS:
        return NATIVE_PLATFORMS[sys.platform]
    if environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    if environ.get("DISPLAY"):
        return ["xcb"]
    return ["offscreen"]


def plugin_folders() -> list[Path]:
    """Where Qt looks for `platforms/` (in a bundle: inside _internal/PySide6)."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    found = [Path(p) for p in QCoreApplication.libraryPaths()]
    found.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)))
    return [folder for folder in dict.fromkeys(found) if (folder / "platforms").is_dir()]


def print_plugins(folders: list[Path]) -> list[Path]:
    """The print-support plugins shipped (on Linux, CUPS's)."""
    return [
        path
        for folder in folders
        if (folder / "printsupport").is_dir()
        for path in sorted((folder / "printsupport").iterdir())
    ]


def plugin_file(name: str, folders: list[Path]) -> Path | None:
    """The platform plugin `name` (`libqxcb.so`, `qwindows.dll`, `libqcocoa.dylib`)."""
    for folder in folders:
        for path in sorted((folder / "platforms").iterdir()):
            stem = path.name.split(".")[0]
            if stem in {f"libq{name}", f"q{name}"}:
                return path
    return None


def load_error(path: Path) -> str | None:
    """Why the plugin's library cannot be loaded here (a missing system library), or None."""
    from PySide6.QtCore import QPluginLoader

    loader = QPluginLoader(str(path))
    return None if loader.load() else loader.errorString()


def check_platform(state: SelfTest) -> str:
    """The first plugin of the candidates that loads is the one Qt starts, as Qt would."""
    from PySide6.QtWidgets import QApplication

    folders = plugin_folders()
    expect(bool(folders), "no Qt plugin folder holds platforms/")
    problems = []
    usable = None
    for name in platform_candidates():
        path = plugin_file(name, folders)
        error = "not shipped" if path is None else load_error(path)
        if error is None:
            usable = name
            break
        problems.append(f"{name}: {error}")
    if usable is None:
        raise CheckFailed("no platform plugin can load: " + "; ".join(problems))
    app = QApplication.instance()
    if app is None:
        os.environ["QT_QPA_PLATFORM"] = usable
        app = QApplication([sys.argv[0] if sys.argv else paths.APP_NAME])
        _started.append(app)
    shipped = sorted(
        path.name.split(".")[0].removeprefix("lib").removeprefix("q")
        for folder in folders
        for path in (folder / "platforms").iterdir()
    )
    started = QApplication.platformName()
    return f"{started} started ({', '.join(shipped)} shipped)"


def check_icon(state: SelfTest) -> str:
    """The window icon is an SVG: this needs the SVG icon engine and image format plugins."""
    from PySide6.QtGui import QIcon

    path = paths.resource("icons", "mgdesk.svg")
    expect(path.is_file(), f"missing {path}")
    image = QIcon(str(path)).pixmap(64, 64).toImage()
    expect(not image.isNull(), f"Qt cannot draw {path.name} (no SVG plugin?)")
    centre = image.pixelColor(32, 32)
    expect(centre.alpha() > 0, f"{path.name} draws as an empty image")
    return f"{path.name} drawn at 64 px"


def check_pdf(state: SelfTest) -> str:
    """QtPdf reads and draws the handout, as the My visit tab's preview does."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    expect(state.pdf.startswith(b"%PDF-"), "no handout to read")
    buffer = QBuffer()
    buffer.setData(QByteArray(state.pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    expect(pages >= 1, f"QtPdf cannot read the handout ({document.error().name})")
    image = document.render(0, QSize(200, 260))
    expect(not image.isNull(), "QtPdf cannot draw the handout's first page")
    view = QPdfView()
    view.setDocument(document)
    return f"reads and draws the handout ({pages} page(s)); QPdfView ready"


def check_charts(state: SelfTest) -> str:
    """A line chart draws, as the Journal tab's does."""
    from PySide6.QtCharts import QChart, QChartView, QLineSeries

    series = QLineSeries()
    for day, rating in enumerate((6, 5, 5, 4)):
        series.append(day, rating)
    chart = QChart()
    chart.addSeries(series)
    chart.createDefaultAxes()
    view = QChartView(chart)
    view.resize(240, 160)
    image = view.grab().toImage()
    expect(not image.isNull(), "QtCharts drew nothing")
    return f"a line chart drawn at {image.width()}x{image.height()}"


def check_printing(state: SelfTest) -> str:
    """Whether Print reaches the system's printers, or only a PDF file (never a failure).

    On Linux the bundle takes the CUPS client library from the system, as Chromium and
    Firefox do; without it Qt's CUPS plugin does not load and the print dialog can still
    print to a PDF file. The plugin is only loaded, never asked for printers, so nothing
    connects to the print service. On Windows and macOS print support is part of Qt itself.
    """
    import PySide6.QtPrintSupport  # noqa: F401  (the module itself must load)

    if not sys.platform.startswith("linux"):
        return "system printers, through Qt's own print support on this platform"
    plugins = print_plugins(plugin_folders())
    if not plugins:
        return "the print dialog prints to a PDF file only (no print plugin shipped)"
    errors = {path.name: load_error(path) for path in plugins}
    loaded = [name for name, error in errors.items() if error is None]
    if not loaded:
        problems = "; ".join(f"{name}: {error}" for name, error in errors.items())
        return "the print dialog prints to a PDF file only: " + problems
    return f"system printers through {', '.join(loaded)}"


CHECKS: list[tuple[str, Check]] = [
    ("Qt platform plugin", check_platform),
    ("application icon", check_icon),
    ("QtPdf", check_pdf),
    ("QtCharts", check_charts),
    ("printing", check_printing),
]
