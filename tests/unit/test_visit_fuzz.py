"""Generated visit documents: a VisitPlan or one clear InputError, never anything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mgdesk.cli import main
from mgdesk.domain.errors import InputError
from mgdesk.domain.visit import DOCUMENT_KEYS, VisitPlan

KEYS = [*DOCUMENT_KEYS, "other"]  # and one key no visit has

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(KEYS + ["id", "rating", "times", "text"]), inner, max_size=4
        ),
    ),
    max_leaves=12,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)


@settings(max_examples=400, deadline=None)
@given(document=documents)
def test_any_document_parses_or_says_why(document: dict[str, object]) -> None:
    try:
        plan = VisitPlan.from_dict(document)
    except InputError as exc:
        assert str(exc)
        return
    assert VisitPlan.from_json(plan.to_json()) == plan


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents)
def test_a_rejected_file_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: dict[str, object]
) -> None:
    path = tmp_path / "visit.json"
    path.write_text(json.dumps(document, allow_nan=True), encoding="utf-8")
    before = _count(capsys)
    code = main(["visit", "save", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code in (0, 2), err
    assert "Traceback" not in err
    after = _count(capsys)
    assert after == before + (1 if code == 0 else 0)


def _count(capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["visit", "list", "--json"]) == 0
    return len(json.loads(capsys.readouterr().out))
