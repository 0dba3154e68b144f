"""Reading the user DB never imports SQLAlchemy: the window reads it while it starts.

Importing the ORM takes longer than building every tab, so opening a current DB and every read
the tabs make at start-up (the visit draft, saved visits, journal entries and series, pain maps,
try-it plans) go through plain sqlite3; only the first write loads SQLAlchemy. Each check runs
in a fresh interpreter, where `sys.modules` tells the truth.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mgdesk.domain.journal import new_entry
from mgdesk.domain.painmap import new_pain_map
from mgdesk.domain.trial import new_trial
from mgdesk.domain.visit import VisitPlan
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import open_user_db
from mgdesk.store.visits import VisitStore

READ_EVERYTHING = """
import json, sys
from mgdesk.store.journal import JournalStore
from mgdesk.store.user_db import open_user_db
from mgdesk.store.visits import VisitStore

db = open_user_db()
visits, journal = VisitStore(db), JournalStore(db)
saved = visits.list()
draft = visits.load_draft()
first = visits.get(saved[0].id)
trial = journal.current_trial()
print(json.dumps({
    "saved": [s.name for s in saved],
    "draft": draft.name if draft else None,
    "first": first.plan.name,
    "entries": [str(e) for e in journal.entries()],
    "series": str(journal.series()),
    "count": journal.count(),
    "pain_maps": [str(p) for p in journal.pain_maps()],
    "latest": str(journal.latest_pain_map()),
    "trials": [str(t) for t in journal.trials()],
    "trial": str(trial),
    "sqlalchemy": sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic")),
}))
"""


def test_every_start_up_read_works_without_sqlalchemy(data_dir: Path) -> None:
    db = open_user_db()
    visits, journal = VisitStore(db), JournalStore(db)
    visits.add(VisitPlan(name="Spring visit"))
    visits.save_draft(VisitPlan(name="Being written"))
    journal.add(new_entry("2025-06-01", "08:30", {"pain": 7}, {"malate": 200}, "note"))
    journal.add(new_entry("2025-06-02", None, {"pain": 5, "fatigue": 4}, {}, ""))
    journal.add_pain_map(new_pain_map("2025-06-01", ["neck"], {"fatigue": 2}, True, "map"))
    journal.add_pain_map(new_pain_map("2025-06-03", ["hip-left"], {}))
    journal.add_trial(
        new_trial("2025-06-01", "2025-06-14", "2025-06-15", "2025-07-12", "malate", 200)
    )
    expected = {
        "saved": ["Spring visit"],
        "draft": "Being written",
        "first": "Spring visit",
        "entries": [str(e) for e in journal.entries()],
        "series": str(journal.series()),
        "count": 2,
        "pain_maps": [str(p) for p in journal.pain_maps()],
        "latest": str(journal.latest_pain_map()),
        "trials": [str(t) for t in journal.trials()],
        "trial": str(journal.current_trial()),
        "sqlalchemy": [],
    }
    db.close()

    env = dict(os.environ, MGDESK_DATA_DIR=str(data_dir))
    result = subprocess.run(
        [sys.executable, "-c", READ_EVERYTHING],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
