"""Every font, size, colour and table style of the handout, in one place.

The handout is printed on office printers and photocopied, so it uses black and greys only:
severity and grades are words and letters, emphasis is weight and rules. Noto Sans is embedded
(static TTFs under resources/fonts, OFL) so that any name ("Zoë Ångström-Nguyễn") prints as
typed; it is registered the first time a handout is written, not on import.
"""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import TableStyle

from mgdesk import paths

FONT = "NotoSans"
FONT_BOLD = "NotoSans-Bold"
FONT_ITALIC = "NotoSans-Italic"
# Loading a face costs about as much as laying out a page, so only the three faces the styles
# use are shipped and loaded; bold italic (no style asks for it) falls back to bold.
FONT_FILES = {
    FONT: "NotoSans-Regular.ttf",
    FONT_BOLD: "NotoSans-Bold.ttf",
    FONT_ITALIC: "NotoSans-Italic.ttf",
}

PAGE_SIZES = {"letter": LETTER, "a4": A4}
MARGIN_X: float = 0.6 * inch
MARGIN_TOP: float = 0.55 * inch
MARGIN_BOTTOM: float = 0.95 * inch
FOOTER_GAP = 10.0
FOOTER_LAST_LINE = MARGIN_BOTTOM - 52

INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.55, 0.55, 0.55)
LIGHT_RULE = colors.Color(0.78, 0.78, 0.78)
SHADE = colors.Color(0.92, 0.92, 0.92)

# Characters some content or user text may use that Noto Sans has no glyph for: printed as
# their plain equivalents rather than as empty boxes.
_FALLBACK = {
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2713": "yes",
    "\u2717": "no",
    "\u2610": "[ ]",
    "\u2611": "[x]",
}
_FALLBACK_TABLE = str.maketrans(_FALLBACK)


@functools.cache
def register_fonts() -> None:
    """Load the Noto Sans faces into reportlab and tie them into one family (<b>, <i>).

    Called by `write_handout`, so that only a process that writes a handout pays for it.
    """
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics

    from mgdesk.report.font_cache import load_font

    # Page streams are compressed binary; the ASCII85 wrapping reportlab adds by default is for
    # 7-bit channels a PDF file never goes through, and costs time and size.
    rl_config.useA85 = 0

    for name, file_name in FONT_FILES.items():
        path = paths.resource("fonts", file_name)
        if not path.is_file():
            raise RuntimeError(f"the handout font is missing: {path}")
        pdfmetrics.registerFont(load_font(name, path, paths.cache_dir()))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def text(value: str) -> str:
    """Plain text (content or the patient's own) made safe for a Paragraph's markup."""
    return value.translate(_FALLBACK_TABLE).translate(_ESCAPES)


def _style(name: str, **kwargs: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": FONT,
        "fontSize": 9.5,
        "leading": 12.5,
        "textColor": INK,
        "alignment": TA_LEFT,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


TITLE = _style("Title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2)
SUBTITLE = _style("Subtitle", fontSize=9, leading=11.5, textColor=GREY, spaceAfter=8)
H1 = _style("H1", fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=6, spaceAfter=4)
H2 = _style("H2", fontName=FONT_BOLD, fontSize=10.5, leading=13.5, spaceBefore=6, spaceAfter=3)
SUMMARY_H = _style(
    "SummaryHeading", fontName=FONT_BOLD, fontSize=10.5, leading=13, spaceBefore=7, spaceAfter=3
)
BODY = _style("Body", spaceAfter=4)
NOTES = _style("Notes", spaceAfter=1)
BODY_SMALL = _style("BodySmall", fontSize=8.5, leading=11, spaceAfter=3)
NOTE = _style("Note", fontName=FONT_ITALIC, fontSize=8.5, leading=11, textColor=GREY, spaceAfter=3)
LABEL = _style("Label", fontName=FONT_BOLD, fontSize=7.5, leading=9.5, textColor=GREY)
VALUE = _style("Value", fontSize=10, leading=12.5)
CELL = _style("Cell", fontSize=9, leading=11.2)
# The glossary: back matter like the references, set a little smaller than the body.
GLOSSARY = _style("Glossary", fontSize=8.5, leading=10.2, spaceAfter=0.5)
CELL_SMALL = _style("CellSmall", fontSize=9, leading=11.2)
CELL_BOLD = _style("CellBold", fontName=FONT_BOLD, fontSize=9, leading=11.2)
CELL_HEAD = _style("CellHead", fontName=FONT_BOLD, fontSize=9, leading=11)
QUESTION = _style("Question", fontSize=9.5, leading=12.5, leftIndent=16, firstLineIndent=-16)
SUMMARY_QUESTION = _style(
    "SummaryQuestion", fontSize=9, leading=11.5, leftIndent=14, firstLineIndent=-14
)
REFERENCE = _style(
    "Reference", fontSize=8, leading=9.6, leftIndent=22, firstLineIndent=-22, spaceAfter=1
)
FOOTER = _style("Footer", fontSize=7.3, leading=9, textColor=INK)
HEADER = _style("Header", fontSize=7.5, leading=9, textColor=GREY)

WRITING_LINE_GAP = 20.0


def table_style(*, header: bool = True) -> TableStyle:
    """The one table look: hairline grid rows, a shaded bold header, cells aligned at the top."""
    commands: list[tuple[object, ...]] = [
        # Short cells (grades, yes/no, ratings) are plain strings drawn in this font: far cheaper
        # than a Paragraph each.
        ("FONT", (0, 0), (-1, -1), FONT, CELL.fontSize, CELL.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT_RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, INK),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
        ]
    return TableStyle(commands)


def key_value_style() -> TableStyle:
    """The identity block of page 1: small grey labels above the values, no grid."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, VALUE.fontSize, VALUE.leading),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ]
    )


# ----- large print

LARGE_PRINT_BODY = 14.0
# Table cells: their columns keep the page's widths, and short cells are unwrapped strings, so
# at 14 pt "grade D (very weak)" would run into the next column.
LARGE_PRINT_CELL = 12.0
# Every text style grows by the same factor (so the hierarchy stays) with a floor: body text
# at 14 pt, table cells at 12 pt; the page furniture (header, footer) keeps within its margin.
_LARGE_PRINT_FACTOR: float = LARGE_PRINT_BODY / float(BODY.fontSize)
_FURNITURE = (HEADER, FOOTER)
_CELLS = (LABEL, CELL, CELL_SMALL, CELL_BOLD, CELL_HEAD)


def large_print_size(style: ParagraphStyle) -> float:
    size = float(style.fontSize)
    if style in _FURNITURE:
        return size * 1.25
    if style in _CELLS:
        return max(LARGE_PRINT_CELL, size)
    return max(LARGE_PRINT_BODY, size * _LARGE_PRINT_FACTOR)


def text_styles() -> list[ParagraphStyle]:
    """Every paragraph style of the handout (what large print scales)."""
    return [value for value in globals().values() if isinstance(value, ParagraphStyle)]
