"""The visit handout as a PDF: a pure function from a VisitPlan and the content to a byte stream.

Page 1 is the doctor's summary and always fits on one page: long lists are cut to what fits,
ending with "… and N more, see page X". Where a detail section is left out, the symptom rows and
the forms continued from page 1 carry each item's key points, the short form of what it would
have said. The detail follows (symptoms, forms, interactions,
questions with room for answers, notes), then the evidence scale and numbered references for
every source cited anywhere. The footer of every page carries the disclaimer, the content
version, the date generated and "Page N of M" (counted by a canvas that holds pages back until
the end). The window and the command line both call `write_handout`, so they print the same
document for the same VisitPlan.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
)

from mgdesk import __version__
from mgdesk.domain.catalog import Catalog
from mgdesk.domain.content import Source, Study, Symptom
from mgdesk.domain.errors import InputError
from mgdesk.domain.interactions import ConditionResult, InteractionResult, severity_rank
from mgdesk.domain.text import COVERAGE_NOTE, DISCLAIMER, HANDOUT_FOOTER_PREFIX, PLAN_DRAFT
from mgdesk.domain.upper_limit import ABOVE_LIMIT_ADVICE
from mgdesk.domain.visit import VisitPlan
from mgdesk.report import styles as st
from mgdesk.report.assemble import (
    GROUP_WORDS,
    Citations,
    FormEntry,
    HandoutData,
    SymptomEntry,
    assemble,
    spacing_text,
)
from mgdesk.report.flowables import Anchor, Deferred, PageReference, Para, WritingLines
from mgdesk.report.flowables import large_print as large_print_styles
from mgdesk.report.outline import add_outline

if TYPE_CHECKING:
    from mgdesk.domain.journal_report import JournalReport

TITLE = "Magnesium and fibromyalgia: notes for my visit"
SUBJECT = "Visit handout made with mgdesk"
AUTHOR = "mgdesk"
NOT_GIVEN = "not given"
WRITING_LINES = 3

# The order in which page 1 shortens its lists when they do not fit, and how many rows each
# keeps before the next list is shortened: interactions are the safety information, so they
# are shortened last and keep the most.
_FLOORS = {"symptoms": 3, "forms": 2, "questions": 3, "medicines": 4}
# Which detail section lists each summary list in full.
_DETAIL_OF = {
    "questions": "questions",
    "medicines": "interactions",
    "forms": "forms",
    "symptoms": "symptoms",
}
_MORE_NAMES_LENGTH = 170
_OVERFLOW_TITLES = {
    "questions": "Questions (continued from page 1)",
    "medicines": "Medicines and conditions (continued from page 1)",
    "forms": "Forms being considered (continued from page 1)",
    "symptoms": "Symptoms (continued from page 1)",
}


def write_handout(
    plan: VisitPlan,
    catalog: Catalog,
    stream: BinaryIO,
    *,
    page_size: str = "letter",
    generated: dt.date | None = None,
    journal: JournalReport | None = None,
    large_print: bool = False,
) -> int:
    """Write the handout for `plan` to `stream` and return its page count.

    `plan` must already name content ids (see `catalog.resolve_visit`); the stream receives a
    complete PDF and nothing else. Raises InputError for a page size other than letter or a4.
    `journal` (from `store.journal_report.load_journal_report`) adds the "Since my last visit"
    section when the plan's "journal" section is ticked. `large_print` sets the body text at
    14 pt or more (`flowables.large_print`).
    """
    if page_size not in st.PAGE_SIZES:
        raise InputError(f"page size must be one of {', '.join(st.PAGE_SIZES)}, not {page_size!r}")
    st.register_fonts()
    data = assemble(plan, catalog, generated)
    with large_print_styles(large_print):
        return _Handout(data, catalog, st.PAGE_SIZES[page_size], journal).write(stream)


# ----- page furniture


def _numbered_canvas(result: dict[str, int], deferred: list[Deferred]) -> type[Canvas]:
    """A canvas class that holds every page until the end, then stamps "Page N of M" and the
    "see page X" lines on each (the standard reportlab recipe for a total page count)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            result["pages"] = total
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                for item in deferred:
                    if item.page == number:
                        item.line.draw_later(self, item)
                self.setFont(st.FONT_BOLD, 7.5)
                self.setFillColor(st.INK)
                self.drawRightString(
                    self._pagesize[0] - st.MARGIN_X, st.FOOTER_LAST_LINE, _page_of(number, total)
                )
                super().showPage()
            super().save()

    return NumberedCanvas


class _Geometry(NamedTuple):
    page_width: float
    page_height: float

    @property
    def frame_width(self) -> float:
        return self.page_width - 2 * st.MARGIN_X

    @property
    def frame_height(self) -> float:
        return self.page_height - st.MARGIN_TOP - st.MARGIN_BOTTOM


class _SummaryList(NamedTuple):
    """One list of page 1 as the fitting step sees it: how tall it is with its first k rows."""

    total: int
    rows: list[float]
    fixed: float
    more: Callable[[int], float]

    def height(self, limit: int) -> float:
        shown = self.fixed + sum(self.rows[:limit])
        return shown + (self.more(limit) if limit < self.total else 0.0)


# ----- the document


class _Handout:
    """One handout being laid out: the story, then one build."""

    def __init__(
        self,
        data: HandoutData,
        catalog: Catalog,
        page_size: tuple[float, float],
        journal: JournalReport | None = None,
    ):
        self.data = data
        self.catalog = catalog
        self.geometry = _Geometry(*page_size)
        self.width = self.geometry.frame_width
        self.pages: dict[str, int] = {}
        self.deferred: list[Deferred] = []
        self._parts: dict[str, list[Flowable]] = {}
        self.journal = journal
        # The same on every page: made (and line-broken) once.
        who = " · ".join(p for p in (data.person.name, data.person.visit_date) if p)
        self._header = Para(st.text(TITLE + (f" · {who}" if who else "")), st.HEADER)
        self._footer = Para(
            f"<b>{st.text(HANDOUT_FOOTER_PREFIX)}</b> {st.text(DISCLAIMER)}", st.FOOTER
        )

    # ----- building

    def write(self, stream: BinaryIO) -> int:
        result: dict[str, int] = {}
        geometry = self.geometry
        doc = BaseDocTemplate(
            stream,
            pagesize=(geometry.page_width, geometry.page_height),
            leftMargin=st.MARGIN_X,
            rightMargin=st.MARGIN_X,
            topMargin=st.MARGIN_TOP,
            bottomMargin=st.MARGIN_BOTTOM,
            title=TITLE,
            author=AUTHOR,
            subject=SUBJECT,
            creator=f"mgdesk {__version__}",
            keywords=[],
            lang="en",
            initialFontName=st.FONT,
        )
        frame = Frame(
            st.MARGIN_X,
            st.MARGIN_BOTTOM,
            geometry.frame_width,
            geometry.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._on_page)])
        add_outline(
            doc,
            ((st.TITLE, 0), (st.H1, 0)),
            self.deferred,
            lambda page, bookmark: Deferred(page, 0, 0, 0, 0, bookmark),
        )
        doc.build(self._story(), canvasmaker=_numbered_canvas(result, self.deferred))
        return result["pages"]

    def _on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Header (from page 2 on) and footer, drawn on every page as it is laid out."""
        data = self.data
        height = self.geometry.page_height
        left = st.MARGIN_X
        right = self.geometry.page_width - st.MARGIN_X
        canvas.saveState()
        if doc.page > 1:
            self._header.wrap(right - left, 30)
            self._header.drawOn(canvas, left, height - st.MARGIN_TOP + 10)
            canvas.setStrokeColor(st.RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left, height - st.MARGIN_TOP + 6, right, height - st.MARGIN_TOP + 6)
        top = st.MARGIN_BOTTOM - st.FOOTER_GAP
        canvas.setStrokeColor(st.INK)
        canvas.setLineWidth(0.6)
        canvas.line(left, top, right, top)
        _, footer_height = self._footer.wrap(right - left, 40)
        self._footer.drawOn(canvas, left, top - 3 - footer_height)
        canvas.setFont(st.FONT, 7.3)
        canvas.setFillColor(st.INK)
        canvas.drawString(
            left,
            st.FOOTER_LAST_LINE,
            f"mgdesk content version {data.content_version} (reviewed {data.review_date})"
            f" · generated {data.generated.isoformat()}",
        )
        canvas.restoreState()

    # ----- the story

    def _story(self) -> list[Flowable]:
        data = self.data
        cites = Citations(self.catalog)
        cites.enabled = data.includes("references")
        story: list[Flowable] = [self._title()]
        truncated: dict[str, int] = {}
        if data.includes("summary"):
            summary, truncated = self._fitted_summary(cites)
            story += summary
        detail: list[Flowable] = []
        for kind, shown in truncated.items():
            if not data.includes(_DETAIL_OF[kind]):
                detail += self._overflow(kind, shown, cites)
        if not data.includes("summary") and data.plan is not None:
            detail += self._considered_section(cites)
        if data.magnesium is not None:
            detail += self._magnesium_plan()
        if data.includes("journal") and self.journal is not None:
            from mgdesk.report.journal_section import journal_section

            detail += journal_section(self.journal, self.catalog, self.width, self.pages)
        if data.includes("symptoms") and data.symptoms:
            detail += self._symptoms(cites)
        if data.includes("forms") and data.forms:
            detail += self._forms(cites)
        if data.includes("interactions") and (data.medicines or data.conditions):
            shown = truncated.get("medicines", self._totals()["medicines"])
            detail += self._interactions(cites, shown if data.includes("summary") else 0)
        if data.includes("questions") and data.questions:
            detail += self._questions()
        if data.includes("notes") and data.notes.strip():
            detail += self._notes()
        if self._shows_grades():
            detail += self._grade_scale()
        # The glossary explains these pages (not the reference list, which stays last).
        detail += self._glossary([*story, *detail])
        if data.includes("references") and cites.entries():
            detail += self._references(cites)
        if detail:
            # The detail follows page 1's summary on the same page: no blank lower third.
            if data.includes("summary"):
                story.append(Spacer(1, 8))
            story += detail
        elif len(story) == 1:
            story.append(Para(st.text("Nothing was chosen for this visit."), st.BODY))
        return story

    def _shows_grades(self) -> bool:
        data = self.data
        return bool(
            (data.symptoms and (data.includes("summary") or data.includes("symptoms")))
            or (data.forms and (data.includes("summary") or data.includes("forms")))
        )

    def _title(self) -> Flowable:
        return Para(st.text(TITLE), st.TITLE)

    def _anchor(self, key: str) -> Anchor:
        return Anchor(key, self.pages)

    # ----- page 1

    def _fitted_summary(self, cites: Citations) -> tuple[list[Flowable], dict[str, int]]:
        """Page 1, its lists shortened until it fits; also returns the lists that were cut.

        Each list's rows are measured once and the shortening is done on those numbers, since
        laying page 1 out again for every row tried costs more than the whole document.
        """
        totals = self._totals()
        available = self.geometry.frame_height - _height([self._title()], self.width)
        trial_cites = cites.copy()
        full = self._summary(trial_cites, totals)
        full_height = _height(full, self.width)
        if full_height <= available:
            cites.adopt(trial_cites)
            return full, {}
        lists = self._measure_lists(totals)
        limits = dict(totals)

        def estimate() -> float:
            return full_height - sum(
                lists[k].height(totals[k]) - lists[k].height(limits[k]) for k in lists
            )

        _shorten(limits, totals, lambda: estimate() <= available)
        while True:
            trial_cites = cites.copy()
            summary = self._summary(trial_cites, limits)
            if _height(summary, self.width) <= available or not _cut_one(limits, totals):
                break  # fits (or one row of each still does not: page 1 runs over)
        cites.adopt(trial_cites)
        return summary, {k: limits[k] for k in limits if limits[k] < totals[k]}

    def _totals(self) -> dict[str, int]:
        data = self.data
        return {
            "questions": len(data.questions),
            "medicines": len(data.medicines) + len(data.conditions),
            "forms": len(data.forms),
            "symptoms": len(data.symptoms),
        }

    def _measure_lists(self, totals: dict[str, int]) -> dict[str, _SummaryList]:
        """Row heights of each page-1 list, read from the full summary just wrapped."""
        lists: dict[str, _SummaryList] = {}
        questions = self._parts.get("questions", [])
        if questions:
            lists["questions"] = _SummaryList(
                totals["questions"],
                [_height([q], self.width) for q in questions],
                0.0,
                lambda k: _height([self._more_line("questions", k, st.NOTE)], self.width),
            )
        for kind in ("medicines", "symptoms"):
            tables = self._parts.get(kind, [])
            if tables and isinstance(tables[0], Table):
                heights = list(getattr(tables[0], "_rowHeights", []))
                if len(heights) == totals[kind] + 1:
                    lists[kind] = _SummaryList(
                        totals[kind],
                        heights[1:],
                        heights[0],
                        functools.partial(self._more_row_height, kind),
                    )
        if totals["forms"]:
            lists["forms"] = _SummaryList(
                totals["forms"],
                [0.0] * totals["forms"],
                0.0,
                lambda k: (
                    _height([self._forms_line(k), self._more_line("forms", k, st.NOTE)], self.width)
                    - _height([self._forms_line(totals["forms"])], self.width)
                ),
            )
        return lists

    def _more_row_height(self, kind: str, limit: int) -> float:
        line = self._more_line(kind, limit, st.NOTE)
        _, height = line.wrap(self.width - 7, 1000)
        return height + 5.5

    def _summary(self, cites: Citations, limits: dict[str, int]) -> list[Flowable]:
        """Page 1 with the first `limits[kind]` rows of each list (self._parts: those rows)."""
        data = self.data
        self._parts = {}
        flow: list[Flowable] = [self._identity()]
        flow += self._summary_questions(limits["questions"])
        flow += self._summary_medicines(cites, limits["medicines"])
        flow += self._considered(cites, limits["forms"])
        flow += self._summary_symptoms(cites, limits["symptoms"])
        if self._shows_grades():
            scale = " · ".join(f"{g.letter} {g.label.lower()}" for g in data.grades)
            flow.append(
                Para(
                    st.text(f"Evidence grades: {scale} (each explained in full after the detail)."),
                    st.NOTE,
                )
            )
        return flow

    def _identity(self) -> Flowable:
        person = self.data.person
        cells = [
            ("Patient", person.name or NOT_GIVEN),
            ("Visit date", person.visit_date or NOT_GIVEN),
            ("Clinician", person.clinician or NOT_GIVEN),
            ("Age, sex", person.age_sex or NOT_GIVEN),
        ]
        row = [
            [Para(st.text(label.upper()), st.LABEL), Para(st.text(value), st.VALUE)]
            for label, value in cells
        ]
        widths = [w * self.width for w in (0.34, 0.18, 0.26, 0.22)]
        table = Table([row], colWidths=widths)
        table.setStyle(st.key_value_style())
        return table

    def _more_line(self, kind: str, limit: int, style: ParagraphStyle) -> PageReference:
        """ "… and 2 more (omeprazole: moderate; …), see page 4": what page 1 had no room for.

        The rows left out are named as far as a line or two allows, so the doctor still sees
        every medicine's name and severity on page 1 in all but extreme cases.
        """
        data = self.data
        hidden: list[str]
        if kind == "medicines":
            hidden = [f"{_item_name(i)}: {i.severity}" for i in self._medicine_items()[limit:]]
        elif kind == "symptoms":
            hidden = [
                f"{e.symptom.name}: {'not rated' if e.rating is None else f'{e.rating}/10'}"
                for e in data.symptoms[limit:]
            ]
        elif kind == "forms":
            hidden = [e.form.name for e in data.forms[limit:]]
        else:
            hidden = list(data.questions[limit:])
        text = f"… and {len(hidden)} more"
        if kind != "questions":
            listed: list[str] = []
            for name in hidden:
                if listed and sum(len(n) + 2 for n in listed) + len(name) > _MORE_NAMES_LENGTH:
                    listed.append("…")
                    break
                listed.append(name)
            text += f" ({'; '.join(listed)})"
        detail = _DETAIL_OF[kind]
        key = detail if data.includes(detail) else f"overflow-{kind}"
        return PageReference(text, key, style, self.pages, self.deferred)

    def _summary_questions(self, limit: int) -> list[Flowable]:
        questions = self.data.questions
        flow: list[Flowable] = [Para("Questions I want to ask", st.SUMMARY_H)]
        if not questions:
            flow.append(Para(st.text("No questions listed."), st.NOTE))
            return flow
        for number, question in enumerate(questions[:limit], start=1):
            line = Para(f"{number}.&nbsp;&nbsp;{st.text(question)}", st.SUMMARY_QUESTION)
            self._parts.setdefault("questions", []).append(line)
            flow.append(line)
        if limit < len(questions):
            flow.append(self._more_line("questions", limit, st.NOTE))
        return flow

    def _medicine_cell(self, result: InteractionResult) -> Para:
        name = st.text(result.input)
        if result.generic is None:
            detail = "not in mgdesk's list"
        elif result.generic.casefold() == result.input.casefold():
            detail = result.group or ""
        else:
            detail = f"{result.generic} · {result.group}"
        return Para(
            f'<b>{name}</b><br/><font color="#595959" size={st.CELL.fontSize - 1:g}>'
            f"{st.text(detail)}</font>",
            st.CELL,
        )

    def _medicine_items(self) -> list[InteractionResult | ConditionResult]:
        items: list[InteractionResult | ConditionResult] = [
            *self.data.medicines,
            *self.data.conditions,
        ]
        items.sort(key=_severity_key)
        return items

    def _medicine_table(
        self,
        items: Sequence[InteractionResult | ConditionResult],
        cites: Citations,
        more: Flowable | None = None,
    ) -> Table:
        """Severity as a word, the spacing hours in bold at the head of what to do."""
        rows: list[list[Any]] = [_head("Medicine or condition", "Severity", "What to do")]
        for item in items:
            if isinstance(item, InteractionResult):
                first = self._medicine_cell(item)
                advice = st.text(item.clinician)
                spacing = spacing_text(item)
                if spacing:
                    advice = f"<b>{st.text(f'Take {item.input} {spacing}.')}</b> {advice}"
            else:
                small = st.CELL.fontSize - 1
                first = Para(
                    f'<b>{st.text(item.name)}</b><br/><font color="#595959" size={small:g}>'
                    "condition</font>",
                    st.CELL,
                )
                advice = st.text(item.advice)
            rows.append(
                [
                    first,
                    Para(st.text(_severity(item.severity)), st.CELL_BOLD),
                    Para(advice + _marker(cites, item.sources), st.CELL_SMALL),
                ]
            )
        return self._table(rows, (0.2, 0.1, 0.7), more)

    def _table(
        self, rows: list[list[Any]], fractions: Sequence[float], more: Flowable | None = None
    ) -> Table:
        """A table in the house style; `more` adds a last row spanning every column."""
        style = st.table_style()
        if more is not None:
            rows.append([more, *([""] * (len(fractions) - 1))])
            style.add("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1))
        table = Table(rows, colWidths=[f * self.width for f in fractions], repeatRows=1)
        table.setStyle(style)
        return table

    def _summary_medicines(self, cites: Citations, limit: int) -> list[Flowable]:
        flow: list[Flowable] = [Para("Medicines and conditions", st.SUMMARY_H)]
        items = self._medicine_items()
        if not items:
            flow.append(Para(st.text("No medicines or conditions listed."), st.NOTE))
            return flow
        more = self._more_line("medicines", limit, st.NOTE) if limit < len(items) else None
        table = self._medicine_table(items[:limit], cites, more)
        self._parts["medicines"] = [table]
        flow.append(table)
        return flow

    def _forms_line(self, limit: int) -> Para:
        data = self.data
        if not data.forms:
            return Para("<b>Forms:</b> none chosen yet.", st.BODY_SMALL)
        parts = [
            f"{st.text(e.form.name)} ({e.form.elemental_percent:g}% magnesium, "
            f"grade {st.text(data.grade_label(e.form.grade))})"
            for e in data.forms[:limit]
        ]
        return Para("<b>Forms:</b> " + "; ".join(parts), st.BODY_SMALL)

    def _considered(self, cites: Citations, limit: int) -> list[Flowable]:
        """The forms being considered, the draft plan and the intake reference."""
        data = self.data
        flow: list[Flowable] = [
            Para("The magnesium being considered", st.SUMMARY_H),
            self._forms_line(limit),
        ]
        if limit < len(data.forms):
            flow.append(self._more_line("forms", limit, st.NOTE))
        lines: list[str] = []
        if data.products_mg is not None:
            lines.append(self._products_line())
        if data.plan is not None:
            lines.append(self._plan_line())
        lines += self._intake_lines(cites)
        flow += [Para(line, st.BODY_SMALL) for line in lines]
        return flow

    def _products_line(self) -> str:
        """The magnesium the patient takes now, against the limit: the figure a doctor checks."""
        data = self.data
        count = data.products_count
        total = data.products_mg or 0.0
        text = (
            f"<b>Magnesium from my products now: {total:g} mg a day</b> "
            f"({count} product{'s' if count != 1 else ''} listed)"
        )
        limit = data.intake.dose.supplement_ul_mg if data.intake is not None else None
        if limit is not None:
            where = "<b>above</b>" if total > limit else "within"
            text += f", {where} the upper limit of {limit} mg a day"
        return text + "."

    def _plan_line(self) -> str:
        plan = self.data.plan
        assert plan is not None
        parts = []
        if plan.target_mg is not None:
            parts.append(f"{plan.target_mg:g} mg elemental magnesium a day")
        if plan.form is not None:
            parts.append(f"as {plan.form.name}")
        if plan.doses_per_day > 1:
            parts.append(f"in {plan.doses_per_day} doses")
        text = f"<b>{st.text(PLAN_DRAFT)}:</b> {st.text(' '.join(parts))}"
        if plan.above_upper_limit:
            text += " (<b>above the upper limit for supplemental magnesium</b>)"
        return text

    def _intake_lines(self, cites: Citations) -> list[str]:
        intake = self.data.intake
        if intake is None:
            return [
                st.text("Intake reference: not shown, because age and sex were not both given.")
            ]
        dose = intake.dose
        marker = _marker(cites, intake.sources)
        who = f"{dose.intake_kind}, {dose.life_stage}, {GROUP_WORDS.get(dose.group, dose.group)}"
        lines = [
            f"<b>Recommended intake ({st.text(who)}):</b> {dose.intake_mg} mg a day "
            f"from food, water and supplements together{marker}"
        ]
        if dose.supplement_ul_mg is None:
            lines.append(
                "<b>Upper limit for supplemental magnesium:</b> none set. "
                f"{st.text(dose.ul_note)}{marker}"
            )
        else:
            lines.append(
                f"<b>Upper limit for supplemental magnesium:</b> {dose.supplement_ul_mg} mg a day "
                f"(supplements and medicines only, not food){marker}"
            )
        return lines

    def _symptom_table(
        self, entries: Sequence[SymptomEntry], cites: Citations, more: Flowable | None = None
    ) -> Table:
        """One row per symptom; its key points under the name when the detail section is left
        out, since then this row is all the handout says about the symptom."""
        data = self.data
        short = not data.includes("symptoms")
        rows: list[list[Any]] = [
            _head("Symptom", "My rating (0–10)", "Evidence for magnesium", "Studied in FM?")
        ]
        for entry in entries:
            rating = "not rated" if entry.rating is None else f"{entry.rating} / 10"
            rows.append(
                [
                    _symptom_cell(entry.symptom, cites, short),
                    rating,
                    f"grade {data.grade_label(entry.symptom.grade)}",
                    "yes" if entry.symptom.fm_evidence else "no",
                ]
            )
        widths = (0.52, 0.16, 0.18, 0.14) if short else (0.4, 0.22, 0.22, 0.16)
        return self._table(rows, widths, more)

    def _summary_symptoms(self, cites: Citations, limit: int) -> list[Flowable]:
        symptoms = self.data.symptoms
        flow: list[Flowable] = [Para("Symptoms and my own ratings", st.SUMMARY_H)]
        if not symptoms:
            flow.append(Para(st.text("No symptoms listed."), st.NOTE))
            return flow
        more = self._more_line("symptoms", limit, st.NOTE) if limit < len(symptoms) else None
        table = self._symptom_table(symptoms[:limit], cites, more)
        self._parts["symptoms"] = [table]
        flow.append(table)
        return flow

    def _overflow(self, kind: str, shown: int, cites: Citations) -> list[Flowable]:
        """The rest of a summary list whose detail section was left out."""
        data = self.data
        heading = [self._anchor(f"overflow-{kind}"), Para(_OVERFLOW_TITLES[kind], st.H1)]
        body: list[Flowable]
        if kind == "questions":
            body = [
                Para(f"{n}.&nbsp;&nbsp;{st.text(q)}", st.QUESTION)
                for n, q in enumerate(data.questions, start=1)
                if n > shown
            ]
        elif kind == "medicines":
            body = [self._medicine_table(self._medicine_items()[shown:], cites)]
        elif kind == "forms":
            # The forms detail is left out: each form's key points are its short form.
            body = [
                Para(
                    f"<b>{st.text(e.form.name)}</b> ({e.form.elemental_percent:g}% magnesium, "
                    f"grade {st.text(data.grade_label(e.form.grade))})"
                    + (
                        f": {st.text(e.form.key_points)}" + _marker(cites, e.form.key_point_sources)
                        if e.form.key_points
                        else ""
                    ),
                    st.BODY,
                )
                for e in data.forms[shown:]
            ]
        else:
            body = [self._symptom_table(data.symptoms[shown:], cites)]
        return [KeepTogether([*heading, *body[:1]]), *body[1:]]

    def _considered_section(self, cites: Citations) -> list[Flowable]:
        flow = self._considered(cites, len(self.data.forms))
        flow[0] = Para("The magnesium being considered", st.H1)
        return [KeepTogether(flow)]

    # ----- detail

    def _magnesium_plan(self) -> list[Flowable]:
        """Products counted against the upper limit and the day's timetable: all a draft."""
        plan = self.data.magnesium
        assert plan is not None
        flow: list[Flowable] = [
            self._anchor("plan"),
            Para(f"My magnesium plan: {st.text(PLAN_DRAFT.lower())}", st.H1),
        ]
        limit = (
            f"the upper limit for supplemental magnesium is {plan.upper_limit_mg} mg a day "
            f"({st.text(plan.upper_limit_label)})"
            if plan.upper_limit_mg is not None
            else "no upper limit is set for this age"
        )
        verdict = (
            f" — <b>above the upper limit</b>. {st.text(ABOVE_LIMIT_ADVICE)}"
            if plan.above_upper_limit
            else ""
        )
        flow.append(
            Para(
                f"<b>Magnesium from my products: {plan.total_supplemental_mg:g} mg a day</b>; "
                f"{limit}. The limit counts supplements and medicines only, not food{verdict}",
                st.BODY,
            )
        )
        if plan.target_mg is not None:
            form = self.catalog.form(plan.form).name if plan.form else ""
            flow.append(
                Para(
                    f"<b>My target: {plan.target_mg:g} mg a day</b>"
                    + (f" as {st.text(form)}" if form else "")
                    + ", as I set it; not added to the products above.",
                    st.BODY,
                )
            )
        for warning in plan.warnings:
            # The total's line already says when it is above the limit: said once.
            if warning.level in ("strong", "caution") and warning.code != "above-upper-limit":
                mark = "<b>Important:</b> " if warning.level == "strong" else ""
                flow.append(Para(mark + st.text(warning.text), st.BODY_SMALL))
        if plan.products:
            rows: list[list[Any]] = [_head("Product, as labeled", "Counted a day", "How")]
            rows += [
                [
                    Para(st.text(p.label), st.CELL),
                    f"{p.elemental_mg_per_day:g} mg",
                    Para(st.text(p.explanation), st.CELL_SMALL),
                ]
                for p in plan.products
            ]
            flow.append(self._table(rows, (0.34, 0.14, 0.52)))
            flow.append(Spacer(1, 6))
        if plan.timetable:
            rows = [_head("Time", "What", "Why this time")]
            rows += [
                [
                    row.time + (" (assumed)" if row.assumed else ""),
                    Para(
                        st.text(row.item),
                        st.CELL_BOLD if row.kind == "magnesium" else st.CELL,
                    ),
                    Para(st.text(row.why), st.CELL_SMALL),
                ]
                for row in plan.timetable
            ]
            flow += _starting([Para("My day", st.SUMMARY_H), self._table(rows, (0.14, 0.3, 0.56))])
        for conflict in plan.conflicts:
            flow.append(
                Para(f"<b>No time fits every rule:</b> {st.text(conflict.text)}", st.BODY_SMALL)
            )
        return [KeepTogether(flow[:3]), *flow[3:]]

    def _symptoms(self, cites: Citations) -> list[Flowable]:
        data = self.data
        flow: list[Flowable] = []
        for index, entry in enumerate(data.symptoms):
            block: list[Flowable] = []
            if index == 0:
                block += [
                    self._anchor("symptoms"),
                    Para("Symptoms: what the evidence says", st.H1),
                ]
            block += self._symptom(entry, cites)
            # The text stays together; the study table may run on to the next page.
            tables = [i for i, f in enumerate(block) if isinstance(f, Table)]
            cut = tables[0] if tables else len(block)
            flow += _starting([KeepTogether(block[:cut]), *block[cut:]])
        return flow

    def _symptom(self, entry: SymptomEntry, cites: Citations) -> list[Flowable]:
        data = self.data
        symptom = entry.symptom
        rating = "not rated" if entry.rating is None else f"{entry.rating} of 10"
        certainty = symptom.mechanism_certainty
        flow: list[Flowable] = [
            Para(
                st.text(f"{symptom.name} · evidence grade {data.grade_label(symptom.grade)}"),
                st.H2,
            ),
            Para(
                st.text(
                    f"My rating: {rating} · studied in people with fibromyalgia: "
                    f"{'yes' if symptom.fm_evidence else 'no'} · mechanism: "
                    f"{certainty}"
                ),
                st.NOTE,
            ),
            Para(st.text(symptom.clinician) + _marker(cites, symptom.sources), st.BODY),
        ]
        if entry.studies:
            rows: list[list[Any]] = [
                _head("Key study", "Participants", "In FM", "Duration", "Grade")
            ]
            for study in entry.studies:
                rows.append(
                    [
                        Para(
                            st.text(study.short_name) + _marker(cites, [study.id]),
                            st.CELL_BOLD,
                        ),
                        Para(st.text(study.size), st.CELL_SMALL),
                        "yes" if study.fibromyalgia else "no",
                        Para(st.text(study.duration or "—"), st.CELL_SMALL),
                        data.grade_label(study.grade),
                    ]
                )
            flow += [self._table(rows, (0.2, 0.36, 0.08, 0.22, 0.14)), Spacer(1, 4)]
        return flow

    def _forms(self, cites: Citations) -> list[Flowable]:
        data = self.data
        rows: list[list[Any]] = [
            _head(
                "Form",
                "Magnesium by weight",
                "Laxative effect",
                "Suggested for (my symptoms)",
                "Evidence",
            )
        ]
        for entry in data.forms:
            form = entry.form
            rows.append(
                [
                    Para(st.text(form.name), st.CELL_BOLD),
                    Para(
                        f"{form.elemental_percent:g}%" + _marker(cites, form.elemental_sources),
                        st.CELL,
                    ),
                    form.laxative,
                    Para(st.text(", ".join(entry.suggested_for) or "—"), st.CELL),
                    f"grade {data.grade_label(form.grade)}",
                ]
            )
        table = self._table(rows, (0.24, 0.16, 0.14, 0.28, 0.18))
        flow: list[Flowable] = [
            KeepTogether([self._anchor("forms"), Para("Magnesium forms compared", st.H1), table])
        ]
        for entry in data.forms:
            flow.append(KeepTogether(self._form(entry, cites)))
        return flow

    def _form(self, entry: FormEntry, cites: Citations) -> list[Flowable]:
        form = entry.form
        grade = self.data.grade_label(form.grade)
        flow: list[Flowable] = [
            Para(f"{st.text(form.name)} · evidence grade {st.text(grade)}", st.H2),
            _labelled("Compound", form.compound, cites, form.elemental_sources),
            _labelled("Absorption", form.absorption, cites, form.absorption_sources),
            _labelled("Digestive tolerance", form.gi_tolerance, cites, form.gi_sources),
        ]
        if form.cautions:
            flow.append(_labelled("Cautions", form.cautions, cites, form.sources))
        return flow

    def _interactions(self, cites: Citations, shown: int = 0) -> list[Flowable]:
        """Each medicine and condition once: the first `shown` were advised on page 1, so only
        why they matter is added here; the rest (cut from page 1, or no summary) in full."""
        data = self.data
        flow: list[Flowable] = []
        title = "How the medicines and magnesium interact" if shown else "Medicines and conditions"
        for index, item in enumerate(self._medicine_items()):
            block: list[Flowable] = []
            if index == 0:
                block += [self._anchor("interactions"), Para(title, st.H1)]
            if index < shown:
                block.append(self._why_line(item, cites))
            elif isinstance(item, InteractionResult):
                block += self._medicine(item, cites)
            else:
                block += self._condition(item, cites)
            flow.append(KeepTogether(block))
        if data.medicines:
            flow.append(Para(st.text(COVERAGE_NOTE), st.NOTE))
        return flow

    def _why_line(self, item: InteractionResult | ConditionResult, cites: Citations) -> Para:
        """Why a medicine or condition advised on page 1 matters, in one paragraph."""
        if isinstance(item, InteractionResult):
            why = item.mechanism or "No mechanism is recorded in mgdesk's sources."
            extra = (
                f" Close names in the list: {', '.join(item.suggestions)}."
                if item.suggestions
                else ""
            )
            return Para(
                f"<b>{st.text(item.input)}:</b> {st.text(why + extra)}"
                + _marker(cites, item.sources),
                st.BODY_SMALL,
            )
        return Para(
            f"<b>{st.text(item.name)}:</b> {st.text(item.meaning)}" + _marker(cites, item.sources),
            st.BODY_SMALL,
        )

    def _medicine(self, result: InteractionResult, cites: Citations) -> list[Flowable]:
        if result.generic is None:
            title = f"{result.input} · not in mgdesk's medicine list"
        else:
            name = result.input
            if result.generic.casefold() != result.input.casefold():
                name += f" ({result.generic})"
            title = f"{name} · {result.group} · severity: {_severity(result.severity).lower()}"
        flow: list[Flowable] = [Para(st.text(title), st.H2)]
        spacing = spacing_text(result)
        if spacing:
            flow.append(Para(f"<b>Spacing:</b> take the medicine {st.text(spacing)}.", st.BODY))
        flow.append(Para(st.text(result.clinician) + _marker(cites, result.sources), st.BODY))
        if result.mechanism:
            flow.append(_labelled("Why", result.mechanism, cites, result.sources, st.BODY_SMALL))
        if result.suggestions:
            flow.append(
                Para(st.text(f"Close names in the list: {', '.join(result.suggestions)}."), st.NOTE)
            )
        return flow

    def _condition(self, result: ConditionResult, cites: Citations) -> list[Flowable]:
        title = f"{result.name} · condition · severity: {_severity(result.severity).lower()}"
        return [
            Para(st.text(title), st.H2),
            Para(st.text(result.advice) + _marker(cites, result.sources), st.BODY),
            _labelled("What it means", result.meaning, cites, result.sources, st.BODY_SMALL),
        ]

    def _questions(self) -> list[Flowable]:
        flow: list[Flowable] = []
        for number, question in enumerate(self.data.questions, start=1):
            block: list[Flowable] = []
            if number == 1:
                block += [self._anchor("questions"), Para("Questions and answers", st.H1)]
            block += [
                Para(f"<b>{number}.</b>&nbsp;&nbsp;{st.text(question)}", st.QUESTION),
                WritingLines(WRITING_LINES),
                Spacer(1, 6),
            ]
            flow.append(KeepTogether(block))
        return flow

    def _notes(self) -> list[Flowable]:
        """The patient's notes line by line: one paragraph per line keeps long notes cheap to
        split across pages, and a blank line stays a gap."""
        flow: list[Flowable] = [Para("My notes", st.H1)]
        for line in self.data.notes.strip().splitlines():
            if line.strip():
                flow.append(Para(st.text(line), st.NOTES))
            else:
                flow.append(Spacer(1, st.NOTES.leading / 2))
        return [KeepTogether(flow[:2]), *flow[2:]]

    def _glossary(self, pages: list[Flowable]) -> list[Flowable]:
        """The glossary of the words these pages use, last (see report.glossary_section)."""
        from mgdesk.report.glossary_section import glossary_section

        return glossary_section(pages, self.catalog.glossary, self.width)

    def _grade_scale(self) -> list[Flowable]:
        """The four grades, each a line of its own in two balanced columns (a table of them
        took a fifth of a page)."""
        from reportlab.platypus.flowables import BalancedColumns

        lines = [
            Para(f"<b>{g.letter} · {st.text(g.label)}</b>: {st.text(g.meaning)}", st.CELL)
            for g in self.data.grades
        ]
        heading = Para("How to read the evidence grades", st.H1)
        return _starting([heading, BalancedColumns(lines, nCols=2, innerPadding=8)])

    def _references(self, cites: Citations) -> list[Flowable]:
        flow: list[Flowable] = []
        for index, (number, record) in enumerate(cites.entries()):
            paragraph = Para(f"[{number}]&nbsp;&nbsp;{_reference(record, self.data)}", st.REFERENCE)
            if index == 0:
                flow.append(KeepTogether([Para("References", st.H1), paragraph]))
            else:
                flow.append(paragraph)
        return flow


# ----- helpers


def _starting(flow: list[Flowable], room: float = 72.0) -> list[Flowable]:
    """`flow` on this page when at least `room` points are left, else on the next: a heading
    keeps some of what follows without pushing a long table (and a blank half page) ahead."""
    return [CondPageBreak(room), *flow]


def _page_of(number: int, total: int) -> str:
    return f"Page {number} of {total}"


def _head(*labels: str) -> list[Any]:
    return [Para(st.text(label), st.CELL_HEAD) for label in labels]


def _cut_one(limits: dict[str, int], totals: dict[str, int]) -> bool:
    """Drop one row from the list page 1 can best spare; False when nothing is left to cut."""
    cuttable = [k for k in _FLOORS if limits[k] > min(_FLOORS[k], totals[k])]
    cuttable = cuttable or [k for k in _FLOORS if limits[k] > 1]
    if not cuttable:
        return False
    limits[cuttable[0]] -= 1
    return True


def _shorten(limits: dict[str, int], totals: dict[str, int], fits: Callable[[], bool]) -> None:
    """Cut rows in the order of _FLOORS until `fits`, then give back rows that were cut
    without need (most important list first) while it still fits."""
    while not fits() and _cut_one(limits, totals):
        pass
    if not fits():
        return
    for kind in reversed(_FLOORS):
        while limits[kind] < totals[kind]:
            limits[kind] += 1
            if not fits():
                limits[kind] -= 1
                break


def _marker(cites: Citations, ids: Sequence[str]) -> str:
    marker = cites.marker(ids)
    return f"&nbsp;{marker}" if marker else ""


def _labelled(
    label: str,
    value: str,
    cites: Citations,
    sources: Sequence[str],
    style: Any = None,
) -> Para:
    return Para(
        f"<b>{st.text(label)}:</b> {st.text(value)}{_marker(cites, sources)}",
        style or st.BODY_SMALL,
    )


def _symptom_cell(symptom: Symptom, cites: Citations, key_points: bool) -> Para:
    """The symptom's name in bold and, when `key_points`, its key points (cited) below it."""
    if not (key_points and symptom.key_points):
        return Para(st.text(symptom.name), st.CELL_BOLD)
    return Para(
        f"<b>{st.text(symptom.name)}</b><br/>{st.text(symptom.key_points)}"
        + _marker(cites, symptom.key_point_sources),
        st.CELL,
    )


def _item_name(item: InteractionResult | ConditionResult) -> str:
    return item.input if isinstance(item, InteractionResult) else item.name


def _severity(severity: str) -> str:
    return severity[:1].upper() + severity[1:]


def _severity_key(item: InteractionResult | ConditionResult) -> int:
    return severity_rank(item.severity)


def _reference(record: Source | Study, data: HandoutData) -> str:
    ids = []
    if record.pmid:
        ids.append(f"PMID {record.pmid}")
    if record.doi:
        ids.append(f"doi:{record.doi}")
    if isinstance(record, Study):
        where = f" {'; '.join(ids)}." if ids else ""
        fm = "in people with fibromyalgia" if record.fibromyalgia else "not in fibromyalgia"
        return (
            f"{st.text(record.citation)}{st.text(where)} "
            f"<b>Evidence grade {st.text(data.grade_label(record.grade))}</b>; {fm}."
        )
    parts = [record.title.rstrip(".") + ".", f"{record.publisher}, {record.year}."]
    if ids:
        parts.append("; ".join(ids) + ".")
    if record.url:
        parts.append(record.url)
    return st.text(" ".join(parts))


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """The height the frame will give these flowables, spacing collapsed as reportlab does."""
    total = 0.0
    previous_after = 0.0
    for index, flowable in enumerate(flowables):
        _, height = flowable.wrap(width, 100_000)
        before = flowable.getSpaceBefore() if index else 0.0
        total += max(before - previous_after, 0.0) + height
        previous_after = flowable.getSpaceAfter()
        total += previous_after
    return total
