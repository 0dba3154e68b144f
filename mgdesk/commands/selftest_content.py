"""The self-test's checks of the shipped content, the user DB and the handout (no Qt).

They run in the order a user's first minute touches them: the content DB, each tab's queries,
the plan, a user DB made in a temporary folder, the PDF fonts and a handout.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
from pathlib import Path

from mgdesk import paths
from mgdesk.commands.selfcheck import Check, CheckFailed, SelfTest, expect
from mgdesk.domain.catalog import resolve_visit
from mgdesk.domain.conversion import compound_from_elemental
from mgdesk.domain.dosage import MAX_AGE_YEARS, lookup, make_person
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.content_db import ContentDB, select_db
from mgdesk.store.content_meta import meta_value

# What the handout and plan checks render: one of each kind of entry a real visit holds.
SAMPLE_VISIT = {
    "name": "Self-test",
    "age": 40,
    "sex": "female",
    "symptoms": [{"id": "sleep", "rating": 6}, "Brain fog"],
    "forms": ["glycinate"],
    "medicines": [{"name": "Fosamax", "times": ["07:00"]}, "levothyroxine"],
    "conditions": ["kidney disease"],
    "products": ["Magnesium (as glycinate) 200 mg, 2 tablets"],
    "questions": ["Is magnesium safe with my medicines?"],
}


def check_content_db(state: SelfTest) -> str:
    """Present, readable, and of the layout this code reads (an older build would misread)."""
    from mgdesk.store.content_build import FORMAT

    path, installed = select_db()  # an installed pack, else the bundled DB (built if stale)
    expect(path.is_file(), f"missing: {path}")
    state.content = ContentDB(path)
    try:
        found = meta_value(path, "format") or "none"
    except sqlite3.Error as exc:
        raise CheckFailed(f"{path} has no readable format ({exc})") from None
    expect(found == str(FORMAT), f"{path} has format {found}, this mgdesk reads format {FORMAT}")
    meta = state.db.meta
    expect(bool(meta.content_version), "the content has no version")
    origin = "installed pack" if installed is not None else "bundled"
    return (
        f"content {meta.content_version} ({origin}, format {FORMAT}), reviewed {meta.review_date}"
    )


def _cited(content: ContentDB, ids: tuple[str, ...], what: str) -> None:
    found = {item.id for item in content.citations(ids)}
    missing = [ident for ident in ids if ident not in found]
    expect(not missing, f"{what} cites unknown sources: {', '.join(missing)}")


def check_symptoms(state: SelfTest) -> str:
    content = state.db
    expect(bool(content.symptoms), "no symptoms in the content")
    for symptom in content.symptoms:
        expect(content.symptom(symptom.id) == symptom, f"symptom {symptom.id} not found by id")
        _cited(content, symptom.sources, symptom.id)
        for suggestion in symptom.forms:
            content.form(suggestion.form)
    return f"{len(content.symptoms)} symptoms, their sources and suggested forms"


def check_forms(state: SelfTest) -> str:
    content = state.db
    expect(bool(content.forms), "no forms in the content")
    for form in content.forms:
        expect(content.resolve_form(form.name).id == form.id, f"form {form.name} not found")
        expect(compound_from_elemental(100, form.elemental_percent) > 100, f"{form.id}: bad %")
        _cited(content, form.sources, form.id)
        for symptom_id in form.suggested_for:
            content.symptom(symptom_id)
    return f"{len(content.forms)} forms, their conversions and sources"


def check_dosage(state: SelfTest) -> str:
    """Every age the table covers answers, for both sexes and (where covered) both life stages."""
    table = state.db.dosage
    people = [make_person(table, 0, m, sex) for m in range(12) for sex in ("female", "male")]
    ages = range(1, MAX_AGE_YEARS + 1)
    people += [make_person(table, y, None, s) for y in ages for s in ("female", "male")]
    low, high = table.reproductive_range()
    for years in range(low // 12, high // 12):
        people += [make_person(table, years, None, "female", pregnant=True)]
        people += [make_person(table, years, None, "female", lactating=True)]
    answers = [lookup(table, person) for person in people]
    expect(all(a.intake_mg > 0 for a in answers), "an intake of 0 mg")
    return f"{len(answers)} ages and life stages answer"


def check_interactions(state: SelfTest) -> str:
    content = state.db
    for medicine in content.medicines:
        expect(content.medicine_index.check(medicine.generic).known, f"{medicine.generic}?")
    for condition in content.conditions:
        content.condition_index.check(condition.name)
    fosamax = content.medicine_index.check("Fosamax")
    expect(fosamax.group_id == "bisphosphonates", "Fosamax is not found as a bisphosphonate")
    expect(not content.medicine_index.check("no such medicine").known, "an unknown name matched")
    return f"{len(content.medicines)} medicines and {len(content.conditions)} conditions"


def check_search(state: SelfTest) -> str:
    content = state.db
    hits = content.search("glycin").hits
    expect(any(hit.id == "glycinate" for hit in hits), "'glycin' does not find glycinate")
    near = content.search("magnesim glycinat")
    expect(bool(near.hits) or near.did_you_mean is not None, "a near miss finds nothing")
    content.search('"*) OR NEAR( ^')  # any text is a safe query
    return f"prefix, near miss and odd queries ({len(hits)} hits for 'glycin')"


def check_plan(state: SelfTest) -> str:
    from mgdesk.domain.plan import make_plan

    plan = make_plan(resolve_visit(VisitPlan.from_dict(SAMPLE_VISIT), state.db), state.db)
    summary = plan.to_json()
    expect(summary["total_supplemental_mg"] == 400, "the products do not add up to 400 mg")
    expect(bool(summary["timetable"]), "the plan has no timetable")
    return f"{summary['total_supplemental_mg']} mg counted, {len(summary['timetable'])} times"


def check_user_db(state: SelfTest) -> str:
    """Created and migrated from nothing in a temporary folder; a visit and an entry round-trip."""
    import datetime as dt

    from mgdesk.domain.journal import JournalEntry, Rating
    from mgdesk.store.journal import JournalStore
    from mgdesk.store.user_db import head_revision, inspect, open_user_db
    from mgdesk.store.visits import VisitStore

    with tempfile.TemporaryDirectory(prefix="mgdesk-self-test-") as folder:
        db = open_user_db(Path(folder))
        try:
            revision = inspect(db.path)
            expect(revision == head_revision(), f"migrated to {revision}, not {head_revision()}")
            visits = VisitStore(db)
            visit_id = visits.add(VisitPlan(name="self-test"))
            expect(visits.get(visit_id).plan.name == "self-test", "a saved visit reads back wrong")
            journal = JournalStore(db)
            day = dt.date.today()
            journal.add(JournalEntry(day, None, (Rating("sleep", 5),)), today=day)
            expect(journal.count() == 1, "a journal entry was not saved")
        finally:
            db.close()
    return f"created and migrated to schema {head_revision()} in a temporary folder"


def check_fonts(state: SelfTest) -> str:
    """Each face is present and reportlab can read it (a truncated file fails here)."""
    from reportlab.pdfbase.ttfonts import TTFont

    from mgdesk.report.styles import FONT_FILES

    folder = paths.resource("fonts")
    for name, file_name in FONT_FILES.items():
        path = folder / file_name
        expect(path.is_file(), f"missing {path}")
        TTFont(f"self-test-{name}", str(path))
    return f"{len(FONT_FILES)} Noto Sans faces in {folder}"


def check_handout(state: SelfTest) -> str:
    from mgdesk.report.handout import write_handout

    stream = io.BytesIO()
    plan = resolve_visit(VisitPlan.from_dict(SAMPLE_VISIT), state.db)
    pages = write_handout(plan, state.db, stream)
    state.pdf = stream.getvalue()
    expect(state.pdf.startswith(b"%PDF-"), "the handout is not a PDF")
    return f"{pages} page(s), {len(state.pdf):,} bytes"


CHECKS: list[tuple[str, Check]] = [
    ("content database", check_content_db),
    ("symptoms", check_symptoms),
    ("forms", check_forms),
    ("dosage", check_dosage),
    ("interactions", check_interactions),
    ("search", check_search),
    ("plan", check_plan),
    ("user database", check_user_db),
    ("PDF fonts", check_fonts),
    ("handout", check_handout),
]
