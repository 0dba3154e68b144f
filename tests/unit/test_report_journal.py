"""The handout's "Since my last visit" section read back with pypdf, and `handout --from`."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest

from mgdesk.cli import main
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.journal import BEFORE_AFTER_HEADING, DIARY_CAUTION
from mgdesk.domain.journal_report import JournalReport
from mgdesk.domain.painmap import CLINICIAN_JUDGES
from mgdesk.domain.text import NOT_A_DIAGNOSIS
from mgdesk.domain.visit import SECTION_IDS, VisitPlan
from mgdesk.report.handout import write_handout
from mgdesk.report.journal_section import TITLE
from mgdesk.store.journal import JournalStore
from mgdesk.store.journal_report import load_journal_report
from mgdesk.store.user_db import open_user_db
from tests.unit.journal_seed import END, RANGE, START, STARTED, seed_journal

VISIT: dict[str, Any] = {
    "version": 1,
    "name": "Ann",
    "symptoms": ["pain", "sleep"],
    "forms": ["glycinate"],
    "journal": RANGE,
}


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(data: bytes) -> list[str]:
    return [flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pages_of(data))


@pytest.fixture
def seeded(data_dir: Path) -> Iterator[Path]:
    db = open_user_db()
    seed_journal(JournalStore(db))
    db.close()
    yield data_dir


def report_for(document: dict[str, Any]) -> JournalReport | None:
    db = open_user_db()
    try:
        return load_journal_report(db, VisitPlan.from_dict(document))
    finally:
        db.close()


def render_pages(content, document: dict[str, Any]) -> list[str]:  # type: ignore[no-untyped-def]
    plan = resolve_visit(VisitPlan.from_dict(document), content)
    stream = io.BytesIO()
    write_handout(plan, content, stream, journal=report_for(document))
    return pages_of(stream.getvalue())


FOOTER = r"Self-reported by the patient\..*?generated \d{4}-\d\d-\d\d"
HEADER = re.escape(
    " · ".join(
        ["Magnesium and fibromyalgia: notes for my visit"]
        + [VISIT[k] for k in ("name", "date") if VISIT.get(k)]
    )
)


def render(content, document: dict[str, Any]) -> str:  # type: ignore[no-untyped-def]
    return " ".join(render_pages(content, document))


def test_the_section_shows_trends_doses_averages_caution_and_the_pain_map(content, seeded) -> None:
    text = render(content, VISIT)
    section = text[text.index(TITLE) :]
    assert f"From my journal, {START.isoformat()} to {END.isoformat()}: 60 journal entries" in (
        section
    )
    pain = content.symptom("pain").name
    assert pain in section and content.symptom("sleep").name in section  # the chart's legend
    assert "Magnesium glycinate 30 of 60 days 9,000 mg 300 mg a day on average" in section
    assert (
        f"{pain}: 7.5 on average before {STARTED.isoformat()} (30 ratings), "
        "4.5 since (30 ratings): 3.0 points lower."
    ) in section
    assert "6.0 since (30 ratings): 2.0 points lower." in section
    assert BEFORE_AFTER_HEADING in section  # the window's words for the same comparison
    assert flat(DIARY_CAUTION) in section
    assert f"My latest pain map ({(END - dt.timedelta(days=1)).isoformat()})" in section
    assert "WPI 7 of 19 · SSS 6 of 12 · total 13 of 31" in section
    assert flat(NOT_A_DIAGNOSIS) in section
    assert "Painful areas: Shoulder girdle, left; Shoulder girdle, right;" in section
    assert "you meet" not in section.casefold()
    assert flat(CLINICIAN_JUDGES) not in section  # that line speaks to the patient, not here


def test_without_a_range_the_section_is_absent(content, seeded) -> None:
    document = {**VISIT, "journal": None}
    assert TITLE not in render(content, document)


def test_with_the_section_unticked_it_is_absent(content, seeded) -> None:
    document = {**VISIT, "sections": [s for s in SECTION_IDS if s != "journal"]}
    assert report_for(document) is not None
    assert TITLE not in render(content, document)


def test_an_empty_range_has_no_section(content, seeded) -> None:
    document = {**VISIT, "journal": {"from": "2001-01-01", "to": "2001-02-01"}}
    assert report_for(document) is None
    assert TITLE not in render(content, document)


def test_the_rest_of_the_handout_is_unchanged_by_the_section(content, seeded) -> None:
    def unnumbered(pages: list[str]) -> list[str]:
        return [re.sub(r"Page \d+ of \d+", "", page) for page in pages]

    def body_words(pages: list[str]) -> list[str]:
        """The words of the document without the furniture repeated on every page."""
        words: list[str] = []
        for page in unnumbered(pages):
            for furniture in (FOOTER, HEADER):
                page = re.sub(furniture, " ", page)
            words += page.split()
        return words

    with_section = render_pages(content, VISIT)
    without = render_pages(content, {**VISIT, "journal": None})
    assert TITLE not in " ".join(with_section[0])  # page 1 is the doctor's summary
    assert TITLE in " ".join(with_section)
    # The detail flows on from page 1 (#22), so page breaks move; the words do not.
    extra = iter(body_words(with_section))
    assert all(word in extra for word in body_words(without))


# ----- the command line


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def visit_file(tmp_path: Path) -> Path:
    path = tmp_path / "visit.json"
    path.write_text(json.dumps(VISIT), encoding="utf-8")
    return path


def test_cli_handout_from_a_visit_with_a_journal_range(capsys, seeded, visit_file, tmp_path):
    target = tmp_path / "visit.pdf"
    code, out, err = run(capsys, "handout", "--from", str(visit_file), "-o", str(target))
    assert (code, err) == (0, "")
    text = pdf_text(target.read_bytes())
    assert TITLE in text and "WPI 7 of 19 · SSS 6 of 12 · total 13 of 31" in text
    assert out.startswith("wrote ")


def test_cli_without_saved_data_makes_the_handout_and_says_why(
    capsys, data_dir, visit_file, tmp_path
) -> None:
    target = tmp_path / "visit.pdf"
    code, _, err = run(capsys, "handout", "--from", str(visit_file), "-o", str(target))
    assert code == 0
    assert err == (
        'mgdesk: note: the handout has no "Since my last visit" section: '
        "there is no saved journal yet\n"
    )
    assert TITLE not in pdf_text(target.read_bytes())
    assert not (data_dir / "user.sqlite").exists()  # a handout only reads


def test_cli_with_an_unusable_user_db_makes_the_handout_and_says_why(
    capsys, seeded, visit_file, tmp_path
) -> None:
    (seeded / "user.sqlite").write_bytes(b"this is not a database" * 100)
    target = tmp_path / "visit.pdf"
    code, _, err = run(capsys, "handout", "--from", str(visit_file), "-o", str(target))
    assert code == 0
    assert err.count("\n") == 1
    assert err.startswith('mgdesk: note: the handout has no "Since my last visit" section: ')
    assert TITLE not in pdf_text(target.read_bytes())
    assert "Ann" in pdf_text(target.read_bytes())
