"""Generated text in every free-text field of the reference tabs: never an exception, always a
valid visit, and a rejected entry leaves the visit as it was.

pytest-qt turns an exception raised inside a Qt slot into a test failure, so "no traceback" is
checked by simply driving the widgets. Each field gets unicode, digits of other scripts,
huge numbers, control characters and 10 000-character strings.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from mgdesk.domain.visit import VisitPlan
from mgdesk.ui.dosage.tab import DosageTab
from mgdesk.ui.interactions.tab import InteractionsTab
from mgdesk.ui.main_window import MainWindow
from mgdesk.ui.symptoms.tab import SymptomsTab
from mgdesk.ui.visit_session import VisitSession

EXAMPLES = 60
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Zs", "Cc", "Po"]), max_size=20),
    st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{0,10})?", fullmatch=True),
    st.sampled_from(["", " ", "1e308", "NaN", "-0", "٣٥", "１２", "50\x00", "🙂" * 3]),
    st.just("9" * 10_000),
    st.just("x" * 10_000),
)


def _valid(plan: VisitPlan) -> None:
    """The visit still round-trips through its own JSON check."""
    assert VisitPlan.from_json(plan.to_json()) == plan


@FUZZ
@given(age=nasty_text, mg=nasty_text, tablet=nasty_text)
def test_dosage_fields(
    loaded_window: MainWindow, visit: VisitSession, age: str, mg: str, tablet: str
) -> None:
    tab = loaded_window.tab("dosage")
    assert isinstance(tab, DosageTab)
    tab.female.setChecked(True)
    tab.age.setText(age)
    tab.elemental.setText(mg)
    tab.tablet.setEditText(tablet)
    assert tab.message.text()  # something is always said: a result or what to fix
    _valid(visit.plan)
    if visit.plan.age is not None:
        assert 0 <= visit.plan.age <= 130


@FUZZ
@given(name=nasty_text)
def test_medicine_entry(loaded_window: MainWindow, visit: VisitSession, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    tab = loaded_window.tab("interactions")
    assert isinstance(tab, InteractionsTab)
    before = visit.plan
    tab.entry.setText(name)
    qtbot.keyClick(tab.entry, Qt.Key.Key_Return)
    _valid(visit.plan)
    added = len(visit.plan.medicines) - len(before.medicines)
    assert added in (0, 1)
    if added == 0:
        assert visit.plan.medicines == before.medicines


@FUZZ
@given(text=nasty_text)
def test_filters_and_search(loaded_window: MainWindow, visit: VisitSession, text: str) -> None:
    before = visit.plan
    symptoms = loaded_window.tab("symptoms")
    assert isinstance(symptoms, SymptomsTab)
    symptoms.filter.setText(text)
    forms = loaded_window.tab("forms")
    forms.filter.setText(text)  # type: ignore[attr-defined]
    loaded_window.search_field.setText(text)
    assert visit.plan == before  # looking things up never changes the visit


@FUZZ
@given(rating=st.integers(min_value=-1000, max_value=1000))
def test_symptom_rating(loaded_window: MainWindow, visit: VisitSession, rating: int) -> None:
    tab = loaded_window.tab("symptoms")
    assert isinstance(tab, SymptomsTab)
    tab.show_symptom("sleep")
    tab.rating.setValue(rating)  # the spin box clamps; the visit only ever holds 0-10
    tab.rating.editingFinished.emit()
    _valid(visit.plan)
    for choice in visit.plan.symptoms:
        assert choice.rating is None or 0 <= choice.rating <= 10
