"""WCAG 2.x contrast of every text and graphic colour pair in the light, dark and high-contrast
themes: 4.5:1 for text, 3:1 for large text and for graphics (borders, focus, chart grid).

Pairs are the ones the themes actually draw: palette roles (mgdesk/ui/theme.py `palette`),
the boxed roles (`_BOXES`), the rich-text classes (mgdesk/ui/rich.py) and every badge
background under the badge text colour.
"""

from __future__ import annotations

import pytest

from mgdesk.ui.theme import COLOURS, Colours

TEXT = 4.5
GRAPHIC = 3.0


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2.x) of an sRGB colour written #rrggbb."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def pairs(c: Colours) -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, required ratio) for one theme."""
    text_pairs = [
        ("text on window", c.text, c.window),
        ("text on base", c.text, c.base),
        ("text on alternate rows", c.text, c.alt_base),
        ("button text", c.text, c.button),
        ("text on cards and tooltips", c.text, c.card_bg),
        ("selected text", c.highlighted_text, c.highlight),
        ("link on window", c.link, c.window),
        ("link on base", c.link, c.base),
        ("muted on window", c.muted, c.window),
        ("muted (placeholder) on base", c.muted, c.base),
        ("muted on cards", c.muted, c.card_bg),
        ("disclaimer and notes", c.note_fg, c.note_bg),
        ("error", c.error_fg, c.error_bg),
        ("warning", c.warn_fg, c.warn_bg),
        ("search match", c.text, c.mark_bg),
        *[
            (f"badge on {name}", c.badge_fg, getattr(c, name))
            for name in (
                "grade_a",
                "grade_b",
                "grade_c",
                "grade_d",
                "sev_high",
                "sev_moderate",
                "sev_low",
                "sev_none",
                "sev_unknown",
            )
        ],
    ]
    graphic_pairs = [
        ("focus on window", c.focus, c.window),
        ("focus on base", c.focus, c.base),
        ("selection on base", c.highlight, c.base),
        ("card border", c.card_border, c.card_bg),
        ("error frame", c.error_fg, c.error_bg),
        ("warning frame", c.warn_fg, c.warn_bg),
    ]
    return [(w, f, b, TEXT) for w, f, b in text_pairs] + [
        (w, f, b, GRAPHIC) for w, f, b in graphic_pairs
    ]


def test_the_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", sorted(COLOURS))
def test_every_pair_meets_wcag(theme: str) -> None:
    failures = [
        f"{what}: {fg} on {bg} is {contrast(fg, bg):.2f}:1, needs {need}:1"
        for what, fg, bg, need in pairs(COLOURS[theme])
        if contrast(fg, bg) < need
    ]
    assert failures == []
