"""The handout PDF read back with pypdf: page 1, the detail, footers, sections, fonts, metadata.

Every handout is built into a BytesIO, as the window does for its preview.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pypdf
import pytest

from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.errors import InputError
from mgdesk.domain.text import DISCLAIMER, HANDOUT_FOOTER_PREFIX, PLAN_DRAFT
from mgdesk.domain.visit import SECTION_IDS, VisitPlan
from mgdesk.report import styles
from mgdesk.report.handout import TITLE, write_handout

GENERATED = dt.date(2026, 11, 30)
NAME = "Zoë Ångström-Nguyễn"
FULL: dict[str, Any] = {
    "version": 1,
    "name": NAME,
    "date": "2026-12-01",
    "clinician": "Dr. Okafor",
    "age": 44,
    "sex": "female",
    "symptoms": [
        {"id": "pain", "rating": 7},
        {"id": "sleep", "rating": 8},
        {"id": "fatigue", "rating": 6},
        "brain-fog",
    ],
    "forms": ["glycinate", "citrate"],
    "medicines": ["Fosamax", "levothyroxine", "gabapentin", "duloxetine", "Notamedicine"],
    "conditions": ["kidney-disease"],
    "questions": [
        "Is magnesium worth a try for my sleep?",
        {"text": "Which form would suit me?", "checked": True},
        {"text": "A question I decided not to ask", "checked": False},
    ],
    "notes": "Sleep has been worse since October.\n\nI already take a multivitamin.",
    "plan": {"form": "glycinate", "target_mg": 300, "doses_per_day": 2},
}


def flat(text: str) -> str:
    return " ".join(text.split())


class Handout:
    """A written handout and its text, page by page (whitespace folded)."""

    def __init__(self, data: bytes, pages: int) -> None:
        self.data = data
        self.pages = pages
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.text = [flat(page.extract_text()) for page in self.reader.pages]

    @property
    def all(self) -> str:
        return " ".join(self.text)

    def page_of(self, needle: str) -> int:
        return next(i for i, t in enumerate(self.text, start=1) if needle in t)


def render(content, document: dict[str, Any], **options: Any) -> Handout:
    plan = resolve_visit(VisitPlan.from_dict(document), content)
    stream = io.BytesIO()
    pages = write_handout(plan, content, stream, generated=GENERATED, **options)
    return Handout(stream.getvalue(), pages)


@pytest.fixture(scope="module")
def full(content) -> Handout:
    return render(content, FULL)


# ----- page 1: the doctor's summary


def test_page_one_says_who_and_when(full) -> None:
    page = full.text[0]
    assert TITLE in page
    for text in (NAME, "2026-12-01", "Dr. Okafor", "44 years, female"):
        assert text in page


def test_page_one_lists_the_checked_questions_only(full) -> None:
    page = full.text[0]
    assert "1. Is magnesium worth a try for my sleep?" in page
    assert "2. Which form would suit me?" in page
    assert "A question I decided not to ask" not in full.all


def test_page_one_lists_every_interaction_with_severity_and_spacing(full, content) -> None:
    page = full.text[0]
    assert "Kidney disease" in page and "High" in page
    assert "Take Fosamax at least 4 h before or 4 h after magnesium." in page
    assert "Take levothyroxine at least 4 h before or 4 h after magnesium." in page
    assert "Take gabapentin at least 2 h after magnesium." in page
    assert "None known" in page
    assert "Notamedicine" in page and "not in mgdesk's list" in page
    # What to do is the content's clinician wording, with its sources numbered.
    clinician = content.medicine_index.check("Fosamax").clinician
    assert flat(clinician)[:60] in page
    # The most serious first.
    assert page.index("Kidney disease") < page.index("Fosamax") < page.index("duloxetine")


def test_page_one_shows_the_magnesium_against_the_reference(full) -> None:
    page = full.text[0]
    assert "Magnesium glycinate (14.1% magnesium, grade" in page
    assert f"{PLAN_DRAFT}: 300 mg elemental magnesium a day as Magnesium glycinate in 2 doses" in (
        page
    )
    assert "Recommended intake (RDA, 31–50 years, female): 320 mg a day" in page
    assert "Upper limit for supplemental magnesium: 350 mg a day" in page


def test_page_one_lists_symptoms_with_ratings_and_grades(full, content) -> None:
    page = full.text[0]
    pain = content.symptom("pain")
    assert f"{pain.name} 7 / 10 grade {pain.grade}" in page
    assert f"{content.symptom('brain-fog').name} not rated" in page


# ----- the detail


def test_symptom_detail_has_clinician_text_grade_and_studies(full, content) -> None:
    text = full.all
    sleep = content.symptom("sleep")
    assert "Symptoms: what the evidence says" in text
    assert f"{sleep.name} · evidence grade {sleep.grade}" in text
    assert flat(sleep.clinician)[:80] in text
    study = content.study(sleep.studies[0])
    assert study.citation.split(",")[0].split(" ")[0] in text


def test_forms_are_compared(full, content) -> None:
    text = full.all
    assert "Magnesium forms compared" in text
    glycinate = content.form("glycinate")
    assert "14.1%" in text and "16.2%" in text
    assert flat(glycinate.absorption)[:60] in text
    assert flat(glycinate.gi_tolerance)[:60] in text


def test_interactions_in_clinician_wording(full, content) -> None:
    """Each medicine is advised once, on page 1; the detail adds only why it matters (#22)."""
    text = full.all
    fosamax = content.medicine_index.check("Fosamax")
    assert "Take Fosamax at least 4 h before or 4 h after magnesium." in full.text[0]
    assert text.count("Take Fosamax at least 4 h before or 4 h after magnesium.") == 1
    assert "How the medicines and magnesium interact" in text
    assert f"Fosamax: {flat(fosamax.mechanism)[:60]}" in text
    assert "Notamedicine" in full.text[0] and "not in mgdesk's list" in full.text[0]
    assert "mgdesk's medicine list is not complete" in text


def test_questions_have_room_for_answers(full) -> None:
    page = full.page_of("Questions and answers")
    streams = [p.get_contents().get_data() for p in full.reader.pages[page - 1 : page + 1]]
    # The lines are drawn in the question's own coordinates, indented 16 points.
    ruled = re.findall(rb"n 16 [\d.]+ m [\d.]+ [\d.]+ l S", b"".join(streams))
    assert len(ruled) == 2 * 3  # three ruled lines under each of the two questions


def test_notes_keep_their_paragraphs(full) -> None:
    assert "My notes Sleep has been worse since October. I already take a multivitamin." in (
        full.all
    )


def test_the_grade_scale_is_explained_once(full, content) -> None:
    text = full.all
    assert text.count("How to read the evidence grades") == 1
    for grade in content.meta.grades:
        assert flat(grade.meaning) in text


def test_references_are_numbered_and_every_number_is_listed(full) -> None:
    text = full.all
    references = text[text.index("References [1]") :]
    listed = [int(n) for n in re.findall(r"\[(\d+)\]", references)]
    assert listed == list(range(1, len(listed) + 1))
    body = text[: text.index("References [1]")]
    cited: set[int] = set()
    for group in re.findall(r"\[([\d,– ]+)\]", body):
        for part in group.split(","):
            low, _, high = part.strip().partition("–")
            cited.update(range(int(low), int(high or low) + 1))
    assert cited == set(listed)
    assert "Evidence grade" in references


# ----- every page


def test_footer_and_page_numbers_on_every_page(full, content) -> None:
    assert full.pages == len(full.text) >= 3
    footer = flat(f"{HANDOUT_FOOTER_PREFIX} {DISCLAIMER}")
    for number, text in enumerate(full.text, start=1):
        assert footer in text, number
        assert f"Page {number} of {full.pages}" in text
        assert f"content version {content.meta.content_version}" in text
        assert "generated 2026-11-30" in text


def test_unicode_name_survives(full) -> None:
    assert full.text[0].count(NAME) >= 1
    assert NAME in full.text[1]  # the running header of later pages


def test_the_font_is_embedded(full) -> None:
    fonts = set()
    for page in full.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("NotoSans" in name for name in fonts), fonts


def test_metadata_holds_no_personal_data(full) -> None:
    meta = full.reader.metadata
    assert meta.title == "Magnesium and fibromyalgia: notes for my visit"
    assert meta.author == "mgdesk"
    for value in meta.values():
        for private in ("Zoë", "Ångström", "Nguy", "Okafor", "2026-12-01"):
            assert private not in str(value)


# ----- other visits


def test_an_empty_visit_is_one_honest_page(content) -> None:
    handout = render(content, {"version": 1})
    assert handout.pages == 1
    page = handout.text[0]
    for text in (
        "not given",
        "No questions listed.",
        "No medicines or conditions listed.",
        "none chosen yet",
        "not shown, because age and sex were not both given",
        "No symptoms listed.",
        "Page 1 of 1",
        flat(DISCLAIMER),
    ):
        assert text in page


def test_forty_medicines_keep_page_one_and_number_every_page(content) -> None:
    names = [m.generic for m in content.medicines][:40]
    assert len(names) == 40
    handout = render(content, {**FULL, "medicines": names})
    first = handout.text[0]
    assert "Questions I want to ask" in first and "Symptoms and my own ratings" in first
    match = re.search(r"… and (\d+) more \(.*?\), see page (\d+)", first)
    assert match, first
    hidden, page = int(match.group(1)), int(match.group(2))
    assert 0 < hidden < 41
    assert handout.page_of("How the medicines and magnesium interact") == page
    for number, text in enumerate(handout.text, start=1):
        assert f"Page {number} of {handout.pages}" in text
    for name in names:
        assert name in handout.all


def test_a_long_list_without_its_detail_section_continues_after_page_one(content) -> None:
    names = [m.generic for m in content.medicines][:40]
    sections = [s for s in SECTION_IDS if s != "interactions"]
    handout = render(content, {**FULL, "medicines": names, "sections": sections})
    match = re.search(r"… and \d+ more \(.*?\), see page (\d+)", handout.text[0])
    assert match
    page = int(match.group(1))
    assert "Medicines and conditions (continued from page 1)" in handout.text[page - 1]
    for name in names:
        assert name in handout.all


@pytest.mark.parametrize(
    ("section", "marker"),
    [
        ("summary", "Questions I want to ask"),
        ("symptoms", "Symptoms: what the evidence says"),
        ("forms", "Magnesium forms compared"),
        ("interactions", "How the medicines and magnesium interact"),
        ("questions", "Questions and answers"),
        ("notes", "My notes"),
        ("references", "References [1]"),
        ("plan", PLAN_DRAFT),
    ],
)
def test_a_section_left_unticked_is_left_out(content, full, section, marker) -> None:
    assert marker in full.all
    sections = [s for s in SECTION_IDS if s != section]
    handout = render(content, {**FULL, "sections": sections})
    assert marker not in handout.all
    assert flat(DISCLAIMER) in handout.text[0]


def test_without_references_no_numbers_are_printed(content) -> None:
    sections = [s for s in SECTION_IDS if s != "references"]
    handout = render(content, {**FULL, "sections": sections})
    assert not re.search(r"\[\d+(–\d+)?\]", handout.all)


def test_a4_and_letter(content) -> None:
    a4 = render(content, FULL, page_size="a4")
    letter = render(content, FULL, page_size="letter")
    assert [round(float(v)) for v in a4.reader.pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(v)) for v in letter.reader.pages[0].mediabox[2:]] == [612, 792]
    for handout in (a4, letter):
        for number in range(1, handout.pages + 1):
            assert f"Page {number} of {handout.pages}" in handout.text[number - 1]


def test_an_unknown_page_size_is_input_error(content) -> None:
    with pytest.raises(InputError, match="page size"):
        write_handout(VisitPlan(), content, io.BytesIO(), page_size="legal")


def test_the_same_visit_gives_the_same_document(content) -> None:
    assert render(content, FULL).text == render(content, FULL).text


def test_writes_to_a_real_file_too(content, tmp_path) -> None:
    plan = resolve_visit(VisitPlan.from_dict(FULL), content)
    target = tmp_path / "handout.pdf"
    with target.open("wb") as stream:
        pages = write_handout(plan, content, stream, generated=GENERATED)
    assert len(pypdf.PdfReader(target).pages) == pages


def test_markup_in_user_text_is_printed_as_typed(content) -> None:
    handout = render(
        content, {"version": 1, "name": "A <b>bold</b> & co", "notes": "x < y & <i>z</i>"}
    )
    assert "A <b>bold</b> & co" in handout.text[0]


def test_every_character_of_the_content_has_a_glyph(content) -> None:
    styles.register_fonts()
    from reportlab.pdfbase import pdfmetrics

    covered = set(pdfmetrics.getFont(styles.FONT).face.charToGlyph)
    records: list[object] = [
        *content.symptoms,
        *content.forms,
        *content.studies,
        *content.sources,
        *content.groups,
        *content.conditions,
        *content.meta.grades,
    ]
    missing = set()
    for record in records:
        for value in vars(record).values():
            for text in value if isinstance(value, tuple) else (value,):
                if isinstance(text, str):
                    printed = styles.text(text)
                    missing |= {ch for ch in printed if ord(ch) not in covered}
    assert not missing, sorted(missing)


@pytest.mark.parametrize(
    "document",
    [
        {"name": "X" * 200, "clinician": "Y" * 200},
        {"notes": "N" * 20_000},
        {"notes": "a line of notes\n" * 1_000},
        {"questions": ["Q" * 1_000] * 20},
        {"name": "漢字 😀 \u202e ≤ 5 mg <b>"},
    ],
    ids=["long names", "one long word", "many lines", "long questions", "odd characters"],
)
def test_extreme_input_still_makes_a_numbered_document(content, document) -> None:
    handout = render(content, {"version": 1, **document})
    for number, text in enumerate(handout.text, start=1):
        assert f"Page {number} of {handout.pages}" in text
        assert flat(DISCLAIMER) in text


# ----- the plan (products, total against the limit, timetable)

PLANNED: dict[str, Any] = {
    **FULL,
    "medicines": [{"name": "Fosamax", "times": ["07:00"]}],
    "products": ["Magnesium (as glycinate) 200 mg", "magnesium hydroxide 400 mg per 5 mL, 5 mL"],
    "plan": {"form": "glycinate", "target_mg": 100, "doses_per_day": 1},
}


def test_plan_section_shows_the_total_and_the_timetable(content) -> None:
    handout = render(content, PLANNED)
    page = handout.page_of("My magnesium plan")
    assert page <= 2  # right after the summary, which no longer ends with a page break (#22)
    text = " ".join(handout.text[page - 1 : page + 1])
    assert "a draft to agree with your doctor" in text
    assert "Magnesium from my products: 366.8 mg a day" in text
    assert "above the upper limit" in text
    assert "magnesium hydroxide 400 mg per 5 mL, 5 mL" in text
    assert "07:00" in text and "Fosamax (alendronate)" in text
    assert "My target: 100 mg a day as Magnesium glycinate" in text


def test_plan_section_left_out_when_unticked(content) -> None:
    sections = [s for s in SECTION_IDS if s != "plan"]
    handout = render(content, {**PLANNED, "sections": sections})
    assert "My magnesium plan" not in handout.all


def test_a_bad_product_label_is_bad_input(content) -> None:
    with pytest.raises(InputError, match="products"):
        render(content, {**PLANNED, "products": ["two spoonfuls of something"]})


def test_one_product_and_no_target_prints_that_product_and_no_study_dose(content) -> None:
    """#22: the handout's day holds the product taken; no dose is invented anywhere."""
    label = "Magnesium (as glycinate) 200 mg"
    handout = render(
        content,
        {"version": 1, "age": 45, "sex": "female", "products": [label]},
    )
    text = handout.all
    day = text[text.index("My day") :]
    assert day.count(label) == 1 and "200 mg of magnesium" in day
    for invented in ("Bagis", "300 mg", "tudy dose", "500 mg"):
        assert invented not in text


# ----- a typical visit: short, nothing twice, readable tables (#22, point 4)

TYPICAL: dict[str, Any] = {
    "version": 1,
    "name": "Ana Example",
    "date": "2026-12-05",
    "age": 45,
    "sex": "female",
    "symptoms": [
        {"id": "pain", "rating": 7},
        {"id": "sleep", "rating": 6},
        {"id": "fatigue", "rating": 5},
    ],
    "medicines": [{"name": "levothyroxine", "times": ["07:00"]}, "gabapentin", "duloxetine"],
    "products": ["Magnesium (as glycinate) 200 mg"],
    "questions": ["Is magnesium worth a try for my sleep?"],
}


def text_runs(handout: Handout) -> list[tuple[int, str, float]]:
    """(page, text, font size in points) of every text run drawn, from the PDF itself."""
    runs: list[tuple[int, str, float]] = []
    for number, page in enumerate(handout.reader.pages, start=1):

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, number: int = number
        ) -> None:
            if text.strip():
                scale = abs(float(tm[0]) * float(cm[0])) or 1.0
                runs.append((number, flat(text), round(size * scale, 1)))

        page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def typical(content) -> Handout:
    return render(content, TYPICAL)


def test_a_typical_visit_fits_four_pages(typical) -> None:
    assert typical.pages <= 4


def test_page_one_has_the_current_product_total(typical) -> None:
    assert "Magnesium from my products now: 200 mg a day" in typical.text[0]
    assert "within the upper limit of 350 mg" in typical.text[0]


def test_no_section_heading_is_printed_twice(typical) -> None:
    headings = [text for _, text, size in text_runs(typical) if size >= styles.SUMMARY_H.fontSize]
    headings = [h for h in headings if h != TITLE]
    assert "Medicines and conditions" in headings
    assert len(headings) == len(set(headings)), sorted(headings)


def test_each_medicine_is_advised_once(typical, content) -> None:
    for name in ("levothyroxine", "gabapentin", "duloxetine"):
        advice = flat(content.medicine_index.check(name).clinician)[:50]
        assert typical.all.count(advice) == 1, name


def test_table_text_is_at_least_nine_points(content) -> None:
    from reportlab.platypus import Table

    from mgdesk.report import handout as layout

    plan = resolve_visit(VisitPlan.from_dict(FULL | {"products": TYPICAL["products"]}), content)
    styles.register_fonts()
    data = layout.assemble(plan, content, GENERATED)
    document = layout._Handout(data, content, styles.PAGE_SIZES["letter"])
    tables: list[Table] = []

    def walk(flowables: Any) -> None:
        for item in flowables:
            if isinstance(item, Table):
                tables.append(item)
            walk(getattr(item, "_content", []))

    walk(document._story())
    assert len(tables) >= 5
    for table in tables:
        for row in table._cellvalues:
            for cell in row:
                if hasattr(cell, "style"):
                    assert cell.style.fontSize >= 9, cell.text[:40]
                    sizes = re.findall(r"size=([\d.]+)", cell.text)
                    assert all(float(s) >= 9 for s in sizes), cell.text[:60]
    # Short cells (grades, yes/no) are plain strings in the table style's font.
    fonts = [c for c in styles.table_style().getCommands() if c[0] == "FONT"]
    assert fonts and all(float(c[4]) >= 9 for c in fonts)


def test_without_the_symptom_detail_page_one_rows_carry_the_key_points(content, full) -> None:
    sections = [s for s in SECTION_IDS if s != "symptoms"]
    handout = render(content, {**FULL, "sections": sections})
    page_one = handout.text[0]
    for symptom_id in ("pain", "sleep"):
        opening = flat(content.symptom(symptom_id).key_points)[:40]
        assert opening in page_one
        # With the detail section ticked, the detail says it: page 1 keeps its short rows.
        assert opening not in full.text[0]


def test_forms_cut_from_page_one_without_their_detail_show_their_key_points(content) -> None:
    forms = [f.id for f in content.forms]
    names = [m.generic for m in content.medicines][:40]
    sections = [s for s in SECTION_IDS if s != "forms"]
    handout = render(content, {**FULL, "forms": forms, "medicines": names, "sections": sections})
    page = handout.page_of("Forms being considered (continued from page 1)")
    continued = " ".join(handout.text[page - 1 :])
    forms_line = handout.text[0].split("Forms: ", 1)[1].split(PLAN_DRAFT, 1)[0]
    cut = [f for f in content.forms if f"{f.name} (" not in forms_line]
    assert cut
    for form in cut:
        assert flat(form.key_points)[:40] in continued
