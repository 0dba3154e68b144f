"""Generated user data for the scale benchmarks: years of daily journal entries and many visits.

`make_user_db(folder, years)` fills `folder/user.sqlite` through mgdesk's own stores (so the rows
are exactly what the window and the CLI write): one entry a day for `years` x 365 days rating 8
symptoms, a dose of the visit's form each morning and a short note every third day; 500 saved
visits; and one visit (the draft) naming 30 medicines and 20 products. The numbers are #18's.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mgdesk.domain.journal import new_entry
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import open_user_db
from mgdesk.store.visits import VisitStore

SYMPTOMS = ("pain", "muscle-pain", "fatigue", "brain-fog", "depression", "anxiety", "sleep", "ibs")
LAST_DAY = dt.date(2026, 11, 30)
VISITS = 500
MEDICINES = (
    "Fosamax", "levothyroxine", "doxycycline", "ciprofloxacin", "furosemide",
    "hydrochlorothiazide", "spironolactone", "omeprazole", "gabapentin", "pregabalin",
    "amitriptyline", "duloxetine", "sertraline", "fluoxetine", "bupropion", "zolpidem",
    "cyclobenzaprine", "tizanidine", "tramadol", "ibuprofen", "naproxen", "acetaminophen",
    "lisinopril", "amlodipine", "metformin", "atorvastatin", "alendronate", "risedronate",
    "minocycline", "pantoprazole",
)  # fmt: skip
PRODUCTS = tuple(
    f"Magnesium (as {form}) {mg} mg"
    for form, mg in (
        ("glycinate", 100), ("citrate", 150), ("malate", 120), ("oxide", 250), ("chloride", 60),
        ("taurate", 125), ("lactate", 84), ("threonate", 48), ("glycinate", 200),
        ("citrate", 100), ("malate", 100), ("oxide", 400), ("chloride", 100), ("taurate", 100),
        ("lactate", 42), ("threonate", 144), ("glycinate", 120), ("citrate", 200),
        ("malate", 60), ("oxide", 100),
    )
)  # fmt: skip


def journal_entries(years: int) -> list:
    days = years * 365
    first = LAST_DAY - dt.timedelta(days=days - 1)
    entries = []
    for n in range(days):
        day = first + dt.timedelta(days=n)
        ratings = {s: (n * 7 + i * 3) % 11 for i, s in enumerate(SYMPTOMS)}
        note = "Slept badly after a long day." if n % 3 == 0 else ""
        entries.append(new_entry(day, "08:30", ratings, {"glycinate": 200}, note, today=LAST_DAY))
    return entries


def big_visit() -> VisitPlan:
    return VisitPlan.from_dict(
        {
            "name": "Scale",
            "age": 45,
            "sex": "female",
            "symptoms": list(SYMPTOMS),
            "forms": ["glycinate"],
            "medicines": list(MEDICINES),
            "products": list(PRODUCTS),
        }
    )


def make_user_db(folder: Path, years: int, visits: int = VISITS) -> Path:
    """A user DB in `folder` with `years` of daily entries and `visits` saved visits."""
    folder.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get("MGDESK_DATA_DIR")
    os.environ["MGDESK_DATA_DIR"] = str(folder)
    try:
        db = open_user_db(folder)
        try:
            if years:
                JournalStore(db).import_entries(journal_entries(years), today=LAST_DAY)
            store = VisitStore(db)
            plan = big_visit()
            for number in range(visits):
                store.add(
                    VisitPlan.from_dict(
                        {**plan.to_dict(), "name": f"Visit {number:03d}", "date": "2026-01-01"}
                    )
                )
            store.save_draft(plan)
        finally:
            db.close()
    finally:
        if previous is None:
            os.environ.pop("MGDESK_DATA_DIR", None)
        else:
            os.environ["MGDESK_DATA_DIR"] = previous
    return folder / "user.sqlite"
