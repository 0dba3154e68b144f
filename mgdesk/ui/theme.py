"""Themes, text size and the optional hyperlegible font, applied to the whole application.

Colours are tables here (light, dark, high contrast) and reach widgets as palettes; a widget's
role (heading, muted, error, badge, ...) is a palette and a font set by `style_widget`. Only
the high-contrast theme adds a stylesheet (`resources/styles/high-contrast.qss`). Text size
scales the application font and the headings with it; layouts then make room.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QWidget

from mgdesk import paths
from mgdesk.ui import settings as keys
from mgdesk.ui.settings import TEXT_SCALES, THEMES, Settings

HYPERLEGIBLE_FAMILY = "Atkinson Hyperlegible"
_BASE_FONT_PROPERTY = "mgdesk_base_font"
_THEME_PROPERTY = "mgdesk_theme"
_FUSION_PROPERTY = "mgdesk_fusion"
# Qt's own command-line option for the style: the style is then made in C++. Asking Python for
# the application's style instead makes the bindings build their QStyle type, about a hundred
# enums (5-8 ms before the first paint, measured).
FUSION_ARGUMENTS = ("-style", "Fusion")


@dataclass(frozen=True)
class Colours:
    """One theme's colours, by the role they play."""

    window: str
    base: str
    alt_base: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    muted: str
    focus: str
    card_bg: str
    card_border: str
    note_bg: str
    note_fg: str
    note_border: str
    error_bg: str
    error_fg: str
    error_border: str
    warn_bg: str
    warn_fg: str
    warn_border: str
    badge_fg: str
    grade_a: str
    grade_b: str
    grade_c: str
    grade_d: str
    sev_high: str
    sev_moderate: str
    sev_low: str
    sev_none: str
    sev_unknown: str
    mark_bg: str


LIGHT = Colours(
    window="#f4f4f2",
    base="#ffffff",
    alt_base="#f0f0ec",
    text="#1a1a1a",
    button="#e8e8e4",
    highlight="#2a5d9f",
    highlighted_text="#ffffff",
    link="#1c4f8f",
    muted="#4d4d4d",
    focus="#1c4f8f",
    card_bg="#ffffff",
    card_border="#8a8a82",  # 3.48:1 on cards (was #b8b8b0, 2.00:1)
    note_bg="#fff6d6",
    note_fg="#1a1a1a",
    note_border="#c9a227",
    error_bg="#fde8e8",
    error_fg="#7a1010",
    error_border="#b42323",
    warn_bg="#fff0d9",
    warn_fg="#6b3a00",
    warn_border="#b86e00",
    badge_fg="#1a1a1a",
    grade_a="#9fdcaa",
    grade_b="#b7d7f2",
    grade_c="#f7df9c",
    grade_d="#dedede",
    sev_high="#f4b4b4",
    sev_moderate="#f7d79c",
    sev_low="#d9e8b0",
    sev_none="#dfe8ee",
    sev_unknown="#e4dcef",
    mark_bg="#fff2b3",
)

DARK = Colours(
    window="#202124",
    base="#2b2c30",
    alt_base="#333439",
    text="#ececec",
    button="#3a3b40",
    highlight="#357ab0",  # white on it 4.60:1 (was #4f86c6, 3.78:1)
    highlighted_text="#ffffff",
    link="#9cc4ff",
    muted="#bdbdbd",
    focus="#9cc4ff",
    card_bg="#2a2b2e",
    card_border="#75777d",  # 3.16:1 on cards (was #55575c, 1.96:1)
    note_bg="#3a3420",
    note_fg="#f3ecd2",
    note_border="#a8892a",
    error_bg="#4a1f1f",
    error_fg="#ffd6d6",
    error_border="#e06666",
    warn_bg="#47330f",
    warn_fg="#ffe2b0",
    warn_border="#e0a040",
    badge_fg="#111111",
    grade_a="#8fd19e",
    grade_b="#9cc4ea",
    grade_c="#f0d37e",
    grade_d="#c8c8c8",
    sev_high="#f09a9a",
    sev_moderate="#f0c27e",
    sev_low="#c6dc92",
    sev_none="#c4d3de",
    sev_unknown="#d2c6e6",
    mark_bg="#4a4420",
)

HIGH_CONTRAST = Colours(
    window="#000000",
    base="#000000",
    alt_base="#000000",
    text="#ffffff",
    button="#000000",
    highlight="#ffff00",
    highlighted_text="#000000",
    link="#ffff00",
    muted="#ffffff",
    focus="#00ffff",
    card_bg="#000000",
    card_border="#ffffff",
    note_bg="#000000",
    note_fg="#ffffff",
    note_border="#ffffff",
    error_bg="#000000",
    error_fg="#ffffff",
    error_border="#ffffff",
    warn_bg="#000000",
    warn_fg="#ffff00",
    warn_border="#ffff00",
    badge_fg="#ffffff",
    grade_a="#000000",
    grade_b="#000000",
    grade_c="#000000",
    grade_d="#000000",
    sev_high="#000000",
    sev_moderate="#000000",
    sev_low="#000000",
    sev_none="#000000",
    sev_unknown="#000000",
    mark_bg="#000000",
)

COLOURS = {"light": LIGHT, "dark": DARK, "high-contrast": HIGH_CONTRAST}


def current_colours() -> Colours:
    """The colour table in force (light until a theme has been applied)."""
    app = QApplication.instance()
    name = app.property(_THEME_PROPERTY) if app is not None else None
    return COLOURS.get(str(name), LIGHT)


@cache
def high_contrast_stylesheet() -> str:
    return paths.resource("styles", "high-contrast.qss").read_text(encoding="utf-8")


ROLE_PROPERTY = "role"
HEADING_SCALE = {"h1": 1.5, "h2": 1.2, "h3": 1.0}
_BOXES = {
    # role: (background, text, frame width); the frame is drawn in the text colour
    "disclaimer": ("note_bg", "note_fg", 1),
    "error": ("error_bg", "error_fg", 2),
    "warning": ("warn_bg", "warn_fg", 2),
    "ok": ("card_bg", "text", 1),
    "badge": ("", "badge_fg", 2),
}
_GRADE_BG = {"A": "grade_a", "B": "grade_b", "C": "grade_c", "D": "grade_d"}
_SEVERITY_BG = {
    "high": "sev_high",
    "moderate": "sev_moderate",
    "low": "sev_low",
    "none known": "sev_none",
    "unknown": "sev_unknown",
}


def style_widget(widget: QWidget) -> None:
    """Give a widget the look of its role (heading, muted, error, badge, link, ...).

    Roles are palettes and fonts, not a stylesheet: an application stylesheet makes every
    widget slower to create and lay out. `Appearance.apply` restyles all of them when the
    theme or text size changes.
    """
    role = widget.property(ROLE_PROPERTY)
    if not isinstance(role, str):
        return
    colours = current_colours()
    app_font = QApplication.font()
    font = QFont()  # an empty font inherits everything from the parent
    pal = QPalette()
    pal.setResolveMask(0)
    if role in HEADING_SCALE:
        font.setBold(True)
        if role != "h3":
            font.setPointSizeF(app_font.pointSizeF() * HEADING_SCALE[role])
    elif role == "muted":
        pal.setColor(QPalette.ColorRole.WindowText, QColor(colours.muted))
    elif role == "link":
        font.setUnderline(True)
        pal.setColor(QPalette.ColorRole.ButtonText, QColor(colours.link))
        if isinstance(widget, QPushButton):
            widget.setFlat(True)
    elif role in _BOXES:
        background, foreground, width = _BOXES[role]
        if role == "badge":
            key = _GRADE_BG.get(str(widget.property("grade")), "") or _SEVERITY_BG.get(
                str(widget.property("severity")), "card_bg"
            )
            background = key
        if role in ("warning", "badge"):
            font.setBold(True)
        pal.setColor(QPalette.ColorRole.Window, QColor(getattr(colours, background)))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(getattr(colours, foreground)))
    boxed = role in _BOXES
    widget.setAutoFillBackground(boxed)
    if isinstance(widget, QLabel):
        widget.setFrameShape(QFrame.Shape.Box if boxed else QFrame.Shape.NoFrame)
        widget.setFrameShadow(QFrame.Shadow.Plain)
        widget.setLineWidth(_BOXES[role][2] if boxed else 1)
        widget.setMargin(4 if boxed else 0)
    widget.setFont(font)
    widget.setPalette(pal)


def restyle_all() -> None:
    """Restyle every widget that has a role (after a theme or text size change)."""
    for widget in QApplication.allWidgets():
        if widget.property(ROLE_PROPERTY) is not None:
            style_widget(widget)


def palette(colours: Colours) -> QPalette:
    """A full palette from a colour table: every group, so disabled text stays readable."""
    # Built from the button and window colours, so Qt derives the frame shades (light, mid,
    # dark, shadow) that Fusion draws check boxes and fields with.
    pal = QPalette(QColor(colours.button), QColor(colours.window))
    roles = {
        QPalette.ColorRole.Window: colours.window,
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.Base: colours.base,
        QPalette.ColorRole.AlternateBase: colours.alt_base,
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.Button: colours.button,
        QPalette.ColorRole.ButtonText: colours.text,
        QPalette.ColorRole.BrightText: colours.highlight,
        QPalette.ColorRole.Highlight: colours.highlight,
        QPalette.ColorRole.HighlightedText: colours.highlighted_text,
        QPalette.ColorRole.Link: colours.link,
        QPalette.ColorRole.LinkVisited: colours.link,
        QPalette.ColorRole.ToolTipBase: colours.card_bg,
        QPalette.ColorRole.ToolTipText: colours.text,
        QPalette.ColorRole.PlaceholderText: colours.muted,
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    disabled = QColor(colours.muted)
    if colours is not HIGH_CONTRAST:
        disabled.setAlpha(170)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def hyperlegible_available() -> bool:
    """True when the Atkinson Hyperlegible package is installed (nothing is loaded yet)."""
    return importlib.util.find_spec("fontpkg_atkinson_hyperlegible") is not None


@cache
def load_hyperlegible() -> bool:
    """Load Atkinson Hyperlegible into the application's font list, once; False if missing."""
    try:
        import fontpkg_atkinson_hyperlegible as package
    except ImportError:
        return False
    from PySide6.QtGui import QFontDatabase  # its bindings' enums cost ~2 ms at start-up

    loaded = [
        QFontDatabase.addApplicationFont(str(path))
        for path in sorted((package.ROOT / "files").glob("*.ttf"))
    ]
    return any(font_id >= 0 for font_id in loaded)


def mark_fusion(app: QApplication) -> None:
    """Record that `app` runs the Fusion style (made with FUSION_ARGUMENTS, or set once)."""
    app.setProperty(_FUSION_PROPERTY, True)


class Appearance(QObject):
    """The View menu's state (theme, text size, font) and applying it to the application."""

    changed = Signal()

    def __init__(self, app: QApplication, settings: Settings) -> None:
        super().__init__()
        self._app = app
        self._settings = settings
        base = app.property(_BASE_FONT_PROPERTY)
        if not isinstance(base, QFont):
            # Remember the platform's font once, so that scaling never compounds.
            base = QFont(app.font())
            app.setProperty(_BASE_FONT_PROPERTY, base)
        self._base_font: QFont = base
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_scheme)

    # ----- state

    @property
    def theme(self) -> str:
        return self._settings.get(keys.THEME)

    @property
    def text_scale(self) -> int:
        return self._settings.get(keys.TEXT_SCALE)

    @property
    def hyperlegible(self) -> bool:
        return self._settings.get(keys.HYPERLEGIBLE_FONT) and hyperlegible_available()

    def _font_family_loaded(self) -> bool:
        return self.hyperlegible and load_hyperlegible()

    def effective_theme(self) -> str:
        """light, dark or high-contrast: what "follow the system" resolves to right now."""
        if self.theme != "system":
            return self.theme
        scheme = QGuiApplication.styleHints().colorScheme()
        return "dark" if scheme == Qt.ColorScheme.Dark else "light"

    def base_point_size(self) -> float:
        size = self._base_font.pointSizeF()
        return (size if size > 0 else 10.0) * self.text_scale / 100.0

    # ----- changes

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        self._settings.set(keys.THEME, theme)
        self.apply()

    def set_text_scale(self, scale: int) -> None:
        scale = min(TEXT_SCALES, key=lambda s: abs(s - scale))
        self._settings.set(keys.TEXT_SCALE, scale)
        self.apply()

    def zoom_in(self) -> None:
        bigger = [s for s in TEXT_SCALES if s > self.text_scale]
        self.set_text_scale(bigger[0] if bigger else TEXT_SCALES[-1])

    def zoom_out(self) -> None:
        smaller = [s for s in TEXT_SCALES if s < self.text_scale]
        self.set_text_scale(smaller[-1] if smaller else TEXT_SCALES[0])

    def reset_zoom(self) -> None:
        self.set_text_scale(100)

    def set_hyperlegible(self, on: bool) -> None:
        self._settings.set(keys.HYPERLEGIBLE_FONT, bool(on))
        self.apply()

    def apply(self) -> None:
        """Put the current theme, text size and font on the whole application."""
        if not self._app.property(_FUSION_PROPERTY):
            # One style everywhere, so the palettes and the high-contrast theme look the same
            # on every platform.
            if self._app.style().name().casefold() != "fusion":
                self._app.setStyle("Fusion")
            mark_fusion(self._app)
        colours = COLOURS[self.effective_theme()]
        font = QFont(self._base_font)
        font.setPointSizeF(self.base_point_size())
        if self._font_family_loaded():
            font.setFamilies([HYPERLEGIBLE_FAMILY, *self._base_font.families()])
        self._app.setProperty(_THEME_PROPERTY, self.effective_theme())
        self._app.setPalette(palette(colours))
        self._app.setFont(font)
        sheet = high_contrast_stylesheet() if colours is HIGH_CONTRAST else ""
        if self._app.styleSheet() != sheet:
            self._app.setStyleSheet(sheet)
        restyle_all()
        self.changed.emit()

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme == "system":
            self.apply()
