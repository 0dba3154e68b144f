"""The handout's Para against reportlab's Paragraph: the same lines, the same words on them.

Para skips the markup parser for plain text and keeps "&nbsp;" as a character in one fragment
(the parser makes three, which reportlab then lays out and draws by its slower path); the lines
must come out exactly as the parser's would, or the handout would print differently.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as s
from reportlab.platypus import Paragraph

from mgdesk.report import styles as st
from mgdesk.report.flowables import Para

WIDTH = 140.0


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> None:
    st.register_fonts()


def fragments(paragraph: Paragraph) -> list[dict[str, Any]]:
    return [dict(vars(fragment)) for fragment in paragraph.frags]


def lines(paragraph: Paragraph) -> list[tuple[float, str]]:
    """Each line's text and the room left on it, however reportlab holds them."""
    paragraph.wrap(WIDTH, 1000)
    broken = paragraph.blPara
    if broken.kind == 0:
        return [(round(line[0], 6), " ".join(line[1])) for line in broken.lines]
    return [
        (round(line.extraSpace, 6), "".join(getattr(f, "text", "") for f in line.words))
        for line in broken.lines
    ]


def assert_same(text: str, style: Any) -> None:
    ours, theirs = Para(text, style), Paragraph(text, style)
    assert ours.getPlainText() == theirs.getPlainText()
    if "&nbsp;" not in text:
        assert ours.text == theirs.text
        assert fragments(ours) == fragments(theirs)
    assert lines(ours) == lines(theirs)


@pytest.mark.parametrize(
    "text",
    [
        "Plain words that run on long enough to need a second and a third line here",
        "Grade C.&nbsp;[23–32]",
        "1.&nbsp;&nbsp;Is magnesium worth a try?",
        "&nbsp;starts and ends with a no-break space&nbsp;",
        "  spaces\n  and   newlines\n\n collapse  ",
        "Zoë Ångström-Nguyễn",
        "magnesium" * 8 + "ZoëZoë&nbsp; " + "magnesium" * 3,  # found by hypothesis in CI
        "",
        "   ",
    ],
)
@pytest.mark.parametrize("style", [st.BODY, st.NOTE, st.CELL_BOLD, st.QUESTION, st.REFERENCE])
def test_plain_text_is_laid_out_as_the_parser_would(text: str, style: Any) -> None:
    assert_same(text, style)


@given(
    s.lists(s.sampled_from(["magnesium", "Zoë", "&nbsp;", " ", "\n", "[3]", "—", "a"]), max_size=30)
)
def test_any_plain_text_gives_the_parsers_lines(pieces: list[str]) -> None:
    assert_same("".join(pieces), st.BODY_SMALL)


def test_a_no_break_space_is_one_fragment_of_the_style() -> None:
    paragraph = Para("Grade C.&nbsp;[23–32]", st.BODY)
    assert [f.text for f in paragraph.frags] == ["Grade C.\xa0[23–32]"]
    assert paragraph.frags[0].fontName == st.FONT


def test_markup_still_goes_through_the_parser() -> None:
    paragraph = Para("<b>Bold:</b> then plain &amp; more", st.BODY)
    assert paragraph.frags[0].fontName == st.FONT_BOLD
    assert "".join(f.text for f in paragraph.frags) == "Bold: then plain & more"
    assert_same("<b>Bold:</b> then plain &amp; more", st.BODY)


def test_a_split_paragraph_keeps_its_lines() -> None:
    text = "Magnesium may help some people sleep.&nbsp;[4] " * 12
    ours, theirs = Para(text, st.BODY), Paragraph(text, st.BODY)
    ours.wrap(WIDTH, 1000)
    theirs.wrap(WIDTH, 1000)
    halves = [ours.split(WIDTH, 60), theirs.split(WIDTH, 60)]
    assert [len(h) for h in halves] == [2, 2]
    assert [lines(p) for p in halves[0]] == [lines(p) for p in halves[1]]
