"""The handout for people who cannot see it well: metadata, language, an outline of its
sections, text that extracts in reading order, and a large print with body text at 14 pt.

Read back with pypdf, as a screen reader's PDF layer or a text-to-speech tool would.
"""

from __future__ import annotations

import io
from collections import Counter

import pypdf
import pytest

from mgdesk import cli
from mgdesk.report import styles
from mgdesk.report.handout import AUTHOR, SUBJECT, TITLE
from tests.unit.test_report_handout import FULL, Handout, render

SECTIONS = (
    "Symptoms: what the evidence says",
    "Magnesium forms compared",
    "How the medicines and magnesium interact",
    "Questions and answers",
    "References",
)


@pytest.fixture(scope="module")
def full(content) -> Handout:  # type: ignore[no-untyped-def]
    return render(content, FULL)


@pytest.fixture(scope="module")
def large(content) -> Handout:  # type: ignore[no-untyped-def]
    return render(content, FULL, large_print=True)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def text_sizes(reader: pypdf.PdfReader) -> Counter[float]:
    """Characters of text by the point size they are drawn at, outside header and footer."""
    sizes: Counter[float] = Counter()
    for page in reader.pages:
        height = float(page.mediabox.height)

        def visit(text, cm, tm, _font, size, height=height) -> None:  # type: ignore[no-untyped-def]
            y = tm[5] * cm[3] + cm[5]
            if not text.strip() or y < styles.MARGIN_BOTTOM or y > height - styles.MARGIN_TOP:
                return
            sizes[round(size * tm[0] * cm[0], 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
    return sizes


def test_metadata_names_title_author_subject_and_language(full: Handout) -> None:
    meta = full.reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (TITLE, AUTHOR, SUBJECT)
    assert AUTHOR == "mgdesk"
    assert full.reader.trailer["/Root"]["/Lang"] == "en"


def test_the_outline_lists_the_sections_in_order(full: Handout) -> None:
    titles = outline_titles(full.reader)
    assert titles[0] == TITLE
    positions = [titles.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert full.reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_each_bookmark_opens_the_page_its_section_is_on(full: Handout) -> None:
    for item in full.reader.outline:
        if isinstance(item, list) or item.title not in SECTIONS:
            continue
        page = full.reader.get_destination_page_number(item)
        assert item.title in full.text[page], item.title


def test_text_extracts_in_reading_order(full: Handout) -> None:
    text = full.all
    order = [TITLE, "Questions I want to ask", "Medicines and conditions", *SECTIONS[:2]]
    positions = [text.index(needle) for needle in order]
    assert positions == sorted(positions)
    # Within a paragraph the words come out as printed, not column by column.
    assert "Take Fosamax at least 4 hours before or at least 4 hours after magnesium" in text


def test_large_print_sets_body_text_at_14_points(large: Handout, full: Handout) -> None:
    sizes = text_sizes(large.reader)
    body = sum(n for size, n in sizes.items() if size >= styles.LARGE_PRINT_BODY)
    assert body / sum(sizes.values()) > 0.6, sorted(sizes.items())
    assert min(sizes) >= styles.LARGE_PRINT_CELL - 1.01, sorted(sizes.items())
    usual = text_sizes(full.reader)
    assert max(usual, key=lambda s: usual[s]) < styles.LARGE_PRINT_BODY
    assert large.pages > full.pages


def test_large_print_leaves_the_styles_as_they_were(content) -> None:  # type: ignore[no-untyped-def]
    before = styles.BODY.fontSize
    render(content, FULL, large_print=True)
    assert styles.BODY.fontSize == before
    assert render(content, FULL).data.count(b"/Page") == render(content, FULL).data.count(b"/Page")


def test_the_cli_takes_large_print(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "large.pdf"
    code = cli.main(
        [
            "handout",
            "--age",
            "40",
            "--sex",
            "female",
            "--symptom",
            "sleep",
            "--large-print",
            "-o",
            str(target),
        ]
    )
    assert code == 0
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    sizes = text_sizes(reader)
    assert max(sizes, key=lambda s: sizes[s]) >= styles.LARGE_PRINT_BODY
    assert "wrote" in capsys.readouterr().out
