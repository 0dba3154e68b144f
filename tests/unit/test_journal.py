"""The journal's domain rules: entry validation, chart series, before/after, CSV and JSON files."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mgdesk.domain import journal_io
from mgdesk.domain.errors import InputError
from mgdesk.domain.journal import (
    DIARY_CAUTION,
    MIN_COMPARE_ENTRIES,
    Dose,
    JournalEntry,
    Rating,
    before_after,
    build_series,
    daily_means,
    entry_key,
    new_entry,
    parse_mg,
    sort_key,
    split_dose_arg,
    split_rate_arg,
    validate_entry,
)

TODAY = dt.date(2026, 11, 23)


def entry(day: str, time: str | None = None, note: str = "", **ratings: int) -> JournalEntry:
    return new_entry(day, time, ratings, note=note, today=TODAY)


# ----- validation


def test_a_valid_entry_is_normalised() -> None:
    e = new_entry(
        "2026-11-01",
        "08:30",
        {"pain": 7, "fatigue": 5},
        [("malate", 200), ("glycinate", "187.5")],
        "  slept badly\r\n  ",
        today=TODAY,
    )
    assert e.date == dt.date(2026, 11, 1) and e.time == dt.time(8, 30)
    assert e.ratings == (Rating("fatigue", 5), Rating("pain", 7))
    assert e.doses == (Dose("glycinate", 187.5), Dose("malate", 200.0))
    assert e.note == "slept badly"
    assert e.id is None and e.rating("pain") == 7 and e.dose("oxide") is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"date": "2026-11-24"}, "in the future"),
        ({"date": "1899-12-31"}, "before 1900-01-01"),
        ({"date": "2026-02-30"}, "not a real date"),
        ({"date": "23/11/2026"}, "YYYY-MM-DD"),
        ({"date": ""}, "YYYY-MM-DD"),
        ({"time": "24:00"}, "HH:MM"),
        ({"time": "8:30"}, "HH:MM"),
        ({"time": "08:60"}, "HH:MM"),
        ({"ratings": {}}, "at least one symptom rating"),
        ({"ratings": {"pain": 11}}, "from 0 to 10"),
        ({"ratings": {"pain": -1}}, "from 0 to 10"),
        ({"ratings": {"pain": 5.5}}, "from 0 to 10"),
        ({"ratings": {"pain": True}}, "from 0 to 10"),
        ({"ratings": {"pain": "seven"}}, "from 0 to 10"),
        ({"ratings": {"Pain!": 3}}, "not a symptom id"),
        ({"ratings": [("pain", 3), ("pain", 4)]}, "rated twice"),
        ({"doses": {"malate": 0}}, "above 0"),
        ({"doses": {"malate": 5000.5}}, "at most 5000"),
        ({"doses": {"malate": float("nan")}}, "above 0"),
        ({"doses": {"malate": float("inf")}}, "above 0"),
        ({"doses": {"malate": 0.001}}, "two decimals"),
        ({"doses": [("malate", 100), ("malate", 100)]}, "listed twice"),
        ({"note": "x" * 2001}, "at most 2000"),
        ({"note": "bad\x00byte"}, "cannot be saved"),
        ({"note": "lone \udcff surrogate"}, "cannot be saved"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "date": "2026-11-01",
        "time": None,
        "ratings": {"pain": 3},
        "doses": {},
        "note": "",
    }
    args.update(kwargs)
    with pytest.raises(InputError, match=message) as caught:
        new_entry(**args, today=TODAY)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


def test_today_and_limits_are_accepted() -> None:
    e = new_entry(
        "2026-11-23", "23:59", {"pain": 0, "sleep": 10}, {"oxide": 5000}, "x" * 2000, today=TODAY
    )
    assert e.doses == (Dose("oxide", 5000.0),)
    assert new_entry("1900-01-01", "00:00", {"pain": 0}, today=TODAY).date.year == 1900


def test_validate_entry_rechecks_a_hand_built_entry() -> None:
    bad = JournalEntry(dt.date(2026, 1, 1), None, (Rating("pain", 12),))
    with pytest.raises(InputError, match="from 0 to 10"):
        validate_entry(bad, TODAY)
    with pytest.raises(InputError, match="at least one"):
        validate_entry(JournalEntry(dt.date(2026, 1, 1), None, ()), TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fatigue=6", ("fatigue", 6)),
        (" Brain fog = 10 ", ("Brain fog", 10)),
        ("pain=0", ("pain", 0)),
    ],
)
def test_rate_argument(text: str, expected: tuple[str, int]) -> None:
    assert split_rate_arg(text) == expected


@pytest.mark.parametrize("text", ["fatigue", "=5", "fatigue=", "fatigue=11", "fatigue=½", "a=٣"])
def test_bad_rate_argument(text: str) -> None:
    with pytest.raises(InputError):
        split_rate_arg(text)


def test_dose_argument() -> None:
    assert split_dose_arg("magnesium glycinate:200") == ("magnesium glycinate", 200.0)
    assert split_dose_arg("malate:187.5") == ("malate", 187.5)
    for bad in ("malate", ":200", "malate:", "malate:-5", "malate:1e3", "malate:5001"):
        with pytest.raises(InputError):
            split_dose_arg(bad)
    assert parse_mg("0.25") == 0.25


# ----- several entries a day, series


def test_several_entries_on_one_day_keep_their_order_in_the_series() -> None:
    entries = [
        new_entry("2026-11-02", "20:00", {"pain": 6}, {"malate": 100}, today=TODAY).with_id(3),
        new_entry("2026-11-02", "08:00", {"pain": 4, "sleep": 7}, today=TODAY).with_id(2),
        new_entry("2026-11-02", None, {"pain": 5}, today=TODAY).with_id(4),
        new_entry("2026-11-01", "09:15", {"sleep": 3}, {"malate": 200}, today=TODAY).with_id(1),
    ]
    series = build_series(entries)
    assert series.symptom_ids() == ["pain", "sleep"]
    pain = series.symptoms["pain"]
    assert [(p.when, p.value, p.entry_id) for p in pain] == [
        (dt.datetime(2026, 11, 2, 8, 0), 4, 2),
        (dt.datetime(2026, 11, 2, 12, 0), 5, 4),  # no time: counted as midday
        (dt.datetime(2026, 11, 2, 20, 0), 6, 3),
    ]
    assert [(p.value, p.entry_id) for p in series.symptoms["sleep"]] == [(3, 1), (7, 2)]
    assert [(d.form, d.mg, d.entry_id) for d in series.doses] == [
        ("malate", 200.0, 1),
        ("malate", 100.0, 3),
    ]
    assert daily_means(pain) == [(dt.date(2026, 11, 2), 5.0)]


# ----- before / after


def _journal() -> list[JournalEntry]:
    """Ten days at pain 7, then malate from day 11 and ten days at pain 4 (fatigue unrated)."""
    out = []
    for day in range(1, 21):
        doses = {"malate": 200} if day >= 11 else {}
        out.append(
            new_entry(
                f"2026-10-{day:02d}", "09:00", {"pain": 7 if day <= 10 else 4}, doses, today=TODAY
            )
        )
    out.append(new_entry("2026-10-21", "09:00", {"fatigue": 5}, {"malate": 200}, today=TODAY))
    return out


def test_before_after_splits_at_the_first_dose() -> None:
    result = before_after(_journal(), "malate")
    assert result.started is not None and result.started.date == dt.date(2026, 10, 11)
    pain = next(c for c in result.changes if c.symptom == "pain")
    assert (pain.before_mean, pain.before_count, pain.after_mean, pain.after_count) == (
        7.0,
        10,
        4.0,
        10,
    )
    assert pain.change == -3.0
    fatigue = next(c for c in result.changes if c.symptom == "fatigue")
    assert fatigue.change is None and not fatigue.enough
    lines = result.lines({"pain": "Pain"}, "magnesium malate")
    assert lines[0].startswith("You first recorded magnesium malate on 2026-10-11")
    assert (
        "Pain: 7.0 on average before 2026-10-11 (10 ratings), 4.0 since (10 ratings): "
        "3.0 points lower." in lines
    )
    assert any("too few ratings" in line and str(MIN_COMPARE_ENTRIES) in line for line in lines)
    assert lines[-1] == DIARY_CAUTION
    assert "not a trial" in DIARY_CAUTION and "regression to the mean" in DIARY_CAUTION


def test_before_after_without_the_form() -> None:
    result = before_after(_journal(), "oxide")
    assert result.started is None and result.changes == ()
    assert "nothing to compare" in result.lines()[0]


# ----- files


def _tricky() -> list[JournalEntry]:
    return [
        new_entry("2026-01-01", None, {"pain": 3}, note='comma, "quotes"\nand a line', today=TODAY),
        new_entry(
            "2026-01-01", "07:05", {"pain": 0, "brain-fog": 10}, {"malate": 187.5}, today=TODAY
        ),
        new_entry(
            "2026-01-02",
            "23:59",
            {"sleep": 4},
            {"glycinate": 0.25, "malate": 5000},
            "Ünïcødé ✓ — 睡眠",
            today=TODAY,
        ),
    ]


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_files_round_trip_exactly(kind: str) -> None:
    write = journal_io.to_csv if kind == "csv" else journal_io.to_json
    read = journal_io.parse_csv if kind == "csv" else journal_io.parse_json
    text = write(_tricky())
    again = read(text, today=TODAY)
    assert again == sorted(_tricky(), key=sort_key)  # an entry without a time counts as midday
    assert write(again) == text


def test_csv_layout() -> None:
    lines = journal_io.to_csv(_tricky()).split("\r\n")
    assert (
        lines[0] == "date,time,rate:brain-fog,rate:pain,rate:sleep,dose:glycinate,dose:malate,note"
    )
    assert lines[1] == "2026-01-01,07:05,10,0,,,187.5,"


def test_json_keys() -> None:
    import json

    doc = json.loads(journal_io.to_json(_tricky()))
    assert doc["format"] == "mgdesk-journal" and doc["version"] == 1
    assert doc["entries"][0] == {
        "date": "2026-01-01",
        "time": "07:05",
        "ratings": {"brain-fog": 10, "pain": 0},
        "doses": {"malate": 187.5},
        "note": "",
    }
    assert journal_io.parse_json(journal_io.to_json([])) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,time,rate:pain\n2026-01-01,,3\n2026-01-02,,11\n", "line 3: the rating of pain"),
        ("date,time,rate:pain\n2026-01-01,,3\n\n2026-01-02,25:00,1\n", "line 4: time"),
        ('date,rate:pain,note\n2026-01-01,3,"two\nlines"\n2026-13-01,2,\n', "line 4: date"),
        ("date,time,rate:pain\n2026-01-01,,3,9\n", "line 2: the row has 4 cells"),
        ("date,time,rate:pain\n2026-01-01,,\n", "line 2: an entry needs at least one"),
        ("date,time,rate:unicorn\n2026-01-01,,3\n", "line 1: the column 'rate:unicorn'"),
        ("date,mood\n", "line 1: unknown column 'mood'"),
        ("time,rate:pain\n", 'line 1: the first line must be the header, with a "date"'),
        ("date,date\n", "line 1: the column 'date' appears twice"),
        ("date,time,rate:pain,dose:malate\n2026-01-01,,3,lots\n", "line 2: the dose of malate"),
        ("date,time,rate:pain,dose:gold\n", "line 1: the column 'dose:gold'"),
        ("", "the file is empty"),
        ('date,note\n2026-01-01,"unclosed\n', "line 2: not valid CSV"),
    ],
)
def test_bad_csv_names_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        journal_io.parse_csv(text, today=TODAY, symptoms={"pain", "sleep"}, forms={"malate"})


def test_blank_rows_are_skipped_and_a_bom_is_read() -> None:
    text = "\ufeffdate,time,rate:pain\r\n2026-01-01,,3\r\n,,\r\n\r\n"
    assert journal_io.parse_csv(text, today=TODAY) == [entry("2026-01-01", pain=3)]


def _doc(*rows: str) -> str:
    body = ",\n".join(f"    {r}" for r in rows)
    return f'{{\n  "format": "mgdesk-journal",\n  "version": 1,\n  "entries": [\n{body}\n  ]\n}}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _doc(
                '{"date": "2026-01-01", "ratings": {"pain": 3}}',
                '{"date": "2026-01-02", "ratings": {"pain": 30}}',
            ),
            r"line 6 \(entry 2\): the rating",
        ),
        (_doc('{"date": "2026-01-01", "ratings": {"pain": 3}, "mood": 1}'), "line 5 .*unknown key"),
        (_doc('{"ratings": {"pain": 3}}'), 'line 5 .*needs a "date"'),
        (_doc('{"date": "2026-01-01", "ratings": [3]}'), 'line 5 .*"ratings" must be'),
        (
            _doc('{"date": "2026-01-01", "ratings": {"pain": 3}, "doses": {"gold": 1}}'),
            "unknown form 'gold'",
        ),
        (_doc('{"date": "2026-01-01", "ratings": {"pain": 3, "pain": 4}}'), "appears twice"),
        (_doc('{"date": "2026-01-01", "ratings": {"pain": NaN}}'), "not a journal file"),
        ('{"entries": [], "version": 2}', '"version" must be 1'),
        ('{"entries": [], "version": 1, "format": "other"}', '"format"'),
        ('{"entries": [], "version": 1, "extra": 1}', "unknown key 'extra'"),
        ("[1, 2]", '"entries" list'),
        ('{"version": 1,\n "entries": [\n', r"line 3: not valid JSON"),
        ("[" * 100_000, "not"),
    ],
)
def test_bad_json_names_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        journal_io.parse_json(text, today=TODAY, symptoms={"pain"}, forms={"malate"})


def test_entry_key_ignores_the_id_only() -> None:
    a = entry("2026-01-01", "08:00", pain=3)
    assert entry_key(a) == entry_key(a.with_id(9))
    assert entry_key(a) != entry_key(entry("2026-01-01", "08:01", pain=3))
    assert entry_key(a) != entry_key(entry("2026-01-01", "08:00", note="x", pain=3))


# ----- any valid journal survives a round trip

_ids = st.sampled_from(["pain", "fatigue", "brain-fog", "sleep", "ibs"])
_forms = st.sampled_from(["malate", "glycinate", "citrate", "oxide"])
_entries = st.builds(
    lambda day, minutes, ratings, doses, note: new_entry(
        dt.date(2020, 1, 1) + dt.timedelta(days=day),
        None if minutes is None else dt.time(minutes // 60, minutes % 60),
        ratings,
        {f: cents / 100 for f, cents in doses.items()},
        note,
        today=TODAY,
    ),
    st.integers(0, 2000),
    st.one_of(st.none(), st.integers(0, 24 * 60 - 1)),
    st.dictionaries(_ids, st.integers(0, 10), min_size=1),
    st.dictionaries(_forms, st.integers(1, 500_000)),
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n\t"),
        max_size=40,
    ).map(str.strip),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_entries, max_size=8))
def test_any_journal_round_trips(entries: list[JournalEntry]) -> None:
    for write, read in (
        (journal_io.to_csv, journal_io.parse_csv),
        (journal_io.to_json, journal_io.parse_json),
    ):
        text = write(entries)
        again = read(text, today=TODAY)
        assert write(again) == text
        assert sorted(map(entry_key, again)) == sorted(map(entry_key, entries))


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(
            st.lists(
                st.sampled_from(["date", "time", "rate:pain", "2026-01-01", "3", "", '"', "x"])
            ).map(",".join),
            max_size=5,
        ).map("\n".join),
    )
)
def test_any_text_is_a_journal_or_an_input_error(text: str) -> None:
    for parse in (journal_io.parse_csv, journal_io.parse_json):
        try:
            parse(text, today=TODAY)
        except InputError as exc:
            assert "\n" not in str(exc)
