"""The handout's Para against reportlab's Paragraph: the same fragments and the same lines.

Para skips the markup parser for plain text; what it makes must be exactly what the parser
makes, or the handout would print differently.
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


def lines(paragraph: Paragraph) -> list[Any]:
    paragraph.wrap(WIDTH, 1000)
    broken = paragraph.blPara
    if broken.kind == 0:
        return [(line[0], line[1]) for line in broken.lines]
    return [(line.extraSpace, [f.text for f in line.words]) for line in broken.lines]


def assert_same(text: str, style: Any) -> None:
    ours, theirs = Para(text, style), Paragraph(text, style)
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
def test_any_plain_text_gives_the_parsers_fragments(pieces: list[str]) -> None:
    assert_same("".join(pieces), st.BODY_SMALL)


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
