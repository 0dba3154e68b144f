"""The VisitPlan: everything the user picked for one doctor visit, as one versioned document.

The window fills it, the command line reads it from `visit.json`, the store saves it and the
report renders it, so every handout the window makes the command line can make too. Parsing is
strict: an unknown key or a bad value is an InputError naming the field, and nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from mgdesk.domain.errors import InputError

VERSION = 1
SECTION_IDS = (
    "summary",
    "symptoms",
    "forms",
    "interactions",
    "plan",
    "questions",
    "notes",
    "journal",
    "references",
)
MAX_TEXT = 200
MAX_NOTES = 20_000
MAX_QUESTION = 1_000
MAX_ITEMS = 200
TOLERANCES = ("none", "diarrhoea", "constipation")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DOCUMENT_KEYS = (  # every key a visit.json may hold
    "version",
    "name",
    "date",
    "clinician",
    "age",
    "months",
    "sex",
    "pregnant",
    "lactating",
    "symptoms",
    "forms",
    "medicines",
    "conditions",
    "products",
    "questions",
    "notes",
    "sections",
    "plan",
    "journal",
)

T = TypeVar("T")


@dataclass(frozen=True)
class SymptomChoice:
    """A symptom to discuss, with the user's own 0-10 rating when given."""

    id: str
    rating: int | None = None


@dataclass(frozen=True)
class MedicineChoice:
    """A medicine the user takes, as they name it, with its usual times of day."""

    name: str
    times: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductChoice:
    """A product carrying magnesium, as its label reads, and how many units a day."""

    label: str
    per_day: float = 1.0


@dataclass(frozen=True)
class QuestionItem:
    """A question for the doctor; `origin` is a content question id or "own"."""

    text: str
    checked: bool = True
    origin: str = "own"


@dataclass(frozen=True)
class PlanChoice:
    """The magnesium being considered: a form and a daily target (reserved in version 1)."""

    form: str = ""
    target_mg: float | None = None
    doses_per_day: int = 1
    tolerance: str = "none"


@dataclass(frozen=True)
class JournalRange:
    """Which journal entries the handout shows, both ends included."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class VisitPlan:
    """One visit. Build it with `VisitPlan.from_dict` (checked) or edit it with `replace`."""

    name: str = ""
    date: str = ""
    clinician: str = ""
    age: int | None = None
    months: int | None = None
    sex: str | None = None
    pregnant: bool = False
    lactating: bool = False
    symptoms: tuple[SymptomChoice, ...] = ()
    forms: tuple[str, ...] = ()
    medicines: tuple[MedicineChoice, ...] = ()
    conditions: tuple[str, ...] = ()
    products: tuple[ProductChoice, ...] = ()
    questions: tuple[QuestionItem, ...] = ()
    notes: str = ""
    sections: tuple[str, ...] = SECTION_IDS
    plan: PlanChoice | None = None
    journal: JournalRange | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    # ----- reading

    @classmethod
    def from_json(cls, text: str) -> VisitPlan:
        """Parse a visit.json document; any defect is an InputError naming the field."""
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InputError(f"not a valid JSON document ({_json_reason(exc)})") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: object) -> VisitPlan:
        if not isinstance(data, dict):
            raise InputError("a visit must be a JSON object")
        unknown = sorted(str(k) for k in data if k not in DOCUMENT_KEYS)
        if unknown:
            raise InputError(
                f"unknown key {unknown[0]!r}; a visit has only: {', '.join(DOCUMENT_KEYS)}"
            )
        version = data.get("version", VERSION)
        if isinstance(version, bool) or version != VERSION:
            raise InputError(f"version: this mgdesk reads visit version {VERSION}, not {version!r}")
        return cls(
            name=_text(data, "name", MAX_TEXT),
            date=_date_text(data.get("date", ""), "date"),
            clinician=_text(data, "clinician", MAX_TEXT),
            age=_optional_int(data.get("age"), "age", 0, 120),
            months=_optional_int(data.get("months"), "months", 0, 11),
            sex=_sex(data.get("sex")),
            pregnant=_bool(data.get("pregnant", False), "pregnant"),
            lactating=_bool(data.get("lactating", False), "lactating"),
            symptoms=_unique_ids(_list(data, "symptoms", _symptom), "symptoms"),
            forms=_unique_strings(_list(data, "forms", _form), "forms"),
            medicines=_list(data, "medicines", _medicine),
            conditions=_unique_strings(_list(data, "conditions", _condition), "conditions"),
            products=_list(data, "products", _product),
            questions=_list(data, "questions", _question),
            notes=_text(data, "notes", MAX_NOTES, multiline=True),
            sections=_sections(data.get("sections", list(SECTION_IDS))),
            plan=_plan(data.get("plan")),
            journal=_journal(data.get("journal")),
        )

    # ----- writing

    def to_dict(self) -> dict[str, Any]:
        """The document as visit.json holds it: objects for every list, so nothing is lost."""
        return {
            "version": VERSION,
            "name": self.name,
            "date": self.date,
            "clinician": self.clinician,
            "age": self.age,
            "months": self.months,
            "sex": self.sex,
            "pregnant": self.pregnant,
            "lactating": self.lactating,
            "symptoms": [{"id": s.id, "rating": s.rating} for s in self.symptoms],
            "forms": list(self.forms),
            "medicines": [{"name": m.name, "times": list(m.times)} for m in self.medicines],
            "conditions": list(self.conditions),
            "products": [{"label": p.label, "per_day": p.per_day} for p in self.products],
            "questions": [
                {"text": q.text, "checked": q.checked, "origin": q.origin} for q in self.questions
            ],
            "notes": self.notes,
            "sections": list(self.sections),
            "plan": None
            if self.plan is None
            else {
                "form": self.plan.form,
                "target_mg": self.plan.target_mg,
                "doses_per_day": self.plan.doses_per_day,
                "tolerance": self.plan.tolerance,
            },
            "journal": None
            if self.journal is None
            else {"from": self.journal.start.isoformat(), "to": self.journal.end.isoformat()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    # ----- small conveniences for the front ends

    def with_changes(self, **changes: Any) -> VisitPlan:
        """A copy with some fields replaced, checked as a whole by a JSON round trip."""
        return VisitPlan.from_dict(replace(self, **changes).to_dict())

    def journal_range(self, today: dt.date) -> JournalRange:
        """The chosen journal range, by default the last 90 days up to `today`."""
        if self.journal is not None:
            return self.journal
        return JournalRange(today - dt.timedelta(days=89), today)

    def includes(self, section: str) -> bool:
        return section in self.sections


# ----- field checkers: each raises InputError naming the field


def _json_reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return "nested too deeply"


def _clean(text: str, multiline: bool) -> str:
    allowed = {"\n", "\t"} if multiline else set()
    return "".join(ch for ch in text if ch in allowed or (ch >= " " and ch != "\x7f")).strip()


def _text(data: Mapping[str, Any], key: str, limit: int, multiline: bool = False) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    return _string(value, key, limit, multiline)


def _string(value: object, where: str, limit: int, multiline: bool = False) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where} must be text")
    if len(value) > limit:
        raise InputError(f"{where} is too long: at most {limit:,} characters")
    return _clean(value, multiline)


def _date_text(value: object, where: str) -> str:
    if value in (None, ""):
        return ""
    return _date(value, where).isoformat()


def _date(value: object, where: str) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise InputError(f"{where} must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}: {value} is not a real date") from None


def _optional_int(value: object, where: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    return _int(value, where, low, high)


def _int(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where} must be a whole number from {low} to {high}")
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        raise InputError(f"{where} must be a whole number from {low} to {high}")
    number = int(value)
    if not low <= number <= high:
        raise InputError(f"{where} must be a whole number from {low} to {high}, not {number}")
    return number


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{where} must be true or false")
    return value


def _sex(value: object) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value.strip().casefold() not in ("female", "male"):
        raise InputError('sex must be "female" or "male"')
    return value.strip().casefold()


def _list(data: Mapping[str, Any], key: str, item: Callable[[object, str], T]) -> tuple[T, ...]:
    value = data.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(f"{key} must be a list")
    if len(value) > MAX_ITEMS:
        raise InputError(f"{key} has too many entries: at most {MAX_ITEMS}")
    return tuple(item(entry, f"{key}[{index}]") for index, entry in enumerate(value))


def _object(value: object, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{where} must be text or an object")
    unknown = sorted(str(k) for k in value if k not in keys)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(keys)}")
    return value


def _name(value: object, where: str) -> str:
    text = _string(value, where, MAX_TEXT)
    if not text:
        raise InputError(f"{where} must not be empty")
    return text


def _symptom(value: object, where: str) -> SymptomChoice:
    if isinstance(value, str):
        return SymptomChoice(_name(value, where))
    obj = _object(value, where, ("id", "rating"))
    if "id" not in obj:
        raise InputError(f'{where}: an "id" is required')
    rating = _optional_int(obj.get("rating"), f"{where}.rating", 0, 10)
    return SymptomChoice(_name(obj["id"], f"{where}.id"), rating)


def _form(value: object, where: str) -> str:
    if isinstance(value, str):
        return _name(value, where)
    obj = _object(value, where, ("id",))
    return _name(obj.get("id"), f"{where}.id")


def _condition(value: object, where: str) -> str:
    if isinstance(value, str):
        return _name(value, where)
    obj = _object(value, where, ("id", "name"))
    return _name(obj.get("id", obj.get("name")), f"{where}.id")


def _medicine(value: object, where: str) -> MedicineChoice:
    if isinstance(value, str):
        return MedicineChoice(_name(value, where))
    obj = _object(value, where, ("name", "times"))
    times = obj.get("times", [])
    if not isinstance(times, list) or len(times) > 12:
        raise InputError(f"{where}.times must be a list of at most 12 times HH:MM")
    checked: list[str] = []
    for index, time in enumerate(times):
        if not isinstance(time, str) or not _TIME.match(time):
            raise InputError(f"{where}.times[{index}] must be a time of day HH:MM (00:00-23:59)")
        checked.append(time)
    return MedicineChoice(_name(obj.get("name"), f"{where}.name"), tuple(checked))


def _product(value: object, where: str) -> ProductChoice:
    if isinstance(value, str):
        return ProductChoice(_name(value, where))
    obj = _object(value, where, ("label", "per_day"))
    per_day = obj.get("per_day", 1)
    if isinstance(per_day, bool) or not isinstance(per_day, int | float):
        raise InputError(f"{where}.per_day must be a number from 0.25 to 24")
    if not math.isfinite(per_day) or not 0.25 <= per_day <= 24:
        raise InputError(f"{where}.per_day must be a number from 0.25 to 24")
    return ProductChoice(_name(obj.get("label"), f"{where}.label"), float(per_day))


def _question(value: object, where: str) -> QuestionItem:
    if isinstance(value, str):
        text = _string(value, where, MAX_QUESTION)
        if not text:
            raise InputError(f"{where} must not be empty")
        return QuestionItem(text)
    obj = _object(value, where, ("text", "checked", "origin"))
    text = _string(obj.get("text"), f"{where}.text", MAX_QUESTION)
    if not text:
        raise InputError(f"{where}.text must not be empty")
    return QuestionItem(
        text,
        _bool(obj.get("checked", True), f"{where}.checked"),
        _string(obj.get("origin", "own"), f"{where}.origin", MAX_TEXT) or "own",
    )


def _sections(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"sections must be a list of: {', '.join(SECTION_IDS)}")
    unknown = [v for v in value if v not in SECTION_IDS]
    if unknown:
        raise InputError(
            f"sections: unknown section {unknown[0][:40]!r}; known: {', '.join(SECTION_IDS)}"
        )
    return tuple(s for s in SECTION_IDS if s in value)


def _plan(value: object) -> PlanChoice | None:
    if value is None:
        return None
    obj = _object(value, "plan", ("form", "target_mg", "doses_per_day", "tolerance"))
    form = _string(obj.get("form", ""), "plan.form", MAX_TEXT)
    target = obj.get("target_mg")
    if target is not None and (
        isinstance(target, bool)
        or not isinstance(target, int | float)
        or not math.isfinite(target)
        or not 0 < target <= 5000
    ):
        raise InputError("plan.target_mg must be a number of mg from 1 to 5000")
    doses = _int(obj.get("doses_per_day", 1), "plan.doses_per_day", 1, 6)
    tolerance = obj.get("tolerance", "none")
    if tolerance not in TOLERANCES:
        raise InputError(f"plan.tolerance must be one of: {', '.join(TOLERANCES)}")
    return PlanChoice(form, None if target is None else float(target), doses, str(tolerance))


def _journal(value: object) -> JournalRange | None:
    if value is None:
        return None
    obj = _object(value, "journal", ("from", "to"))
    if "from" not in obj or "to" not in obj:
        raise InputError('journal needs both "from" and "to" dates (YYYY-MM-DD)')
    start = _date(obj["from"], "journal.from")
    end = _date(obj["to"], "journal.to")
    if end < start:
        raise InputError('journal: "to" must not be before "from"')
    return JournalRange(start, end)


def _unique_ids(items: tuple[SymptomChoice, ...], where: str) -> tuple[SymptomChoice, ...]:
    seen: set[str] = set()
    for item in items:
        key = item.id.casefold()
        if key in seen:
            raise InputError(f"{where}: {item.id!r} is listed twice")
        seen.add(key)
    return items


def _unique_strings(items: tuple[str, ...], where: str) -> tuple[str, ...]:
    seen: set[str] = set()
    for item in items:
        if item.casefold() in seen:
            raise InputError(f"{where}: {item!r} is listed twice")
        seen.add(item.casefold())
    return items
