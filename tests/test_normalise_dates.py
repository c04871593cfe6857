"""EDIFACT, AIRIMP and PNRGOV dates to ISO text, with century inference."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.edifact.envelope import envelope_datetime
from pipeline.normalise.dates import ddmmmyy, ddmmyy, edifact_date, reference_date
from pipeline.paxlst.writer import edifact_datetime

REF = dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("570121", "birth", "1957-01-21"),
        ("260301", "birth", "2026-03-01"),  # the reference year itself is not in the future
        ("270101", "birth", "1927-01-01"),
        ("19350919", "birth", "1935-09-19"),
        ("800000", "birth", "1980"),
        ("801200", "birth", "1980-12"),
        ("19620500", "birth", "1962-05"),
        ("351231", "expiry", "2035-12-31"),
        ("460101", "expiry", "2046-01-01"),  # +20 years is still an expiry
        ("170101", "expiry", "2017-01-01"),  # -10 years: expired documents are reported too
        ("991231", "event", "1999-12-31"),
        ("2603011030", "event", "2026-03-01T10:30"),
        ("202603011030", "event", "2026-03-01T10:30"),
        (" 260301 ", "event", "2026-03-01"),
    ],
)
def test_edifact_date(value: str, kind: str, expected: str) -> None:
    assert edifact_date(value, kind, REF) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["", "2603", "26030", "1980133", "19801332", "801301", "ABCDEF", "26-03-01",
                                   "2602301030", "1234567890123"])
def test_edifact_date_rejects_what_is_not_a_date(value: str) -> None:
    assert edifact_date(value, "birth", REF) is None


def test_impossible_time_keeps_the_date() -> None:
    assert edifact_date("2603019999", "event", REF) == "2026-03-01"


def test_without_reference_the_century_is_relative_to_2000() -> None:
    assert edifact_date("850101", "birth", None) == "1985-01-01"
    assert edifact_date("050101", "event", None) == "2005-01-01"


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(0, 23),
       st.integers(0, 59), st.sampled_from([10, 7, 4, 16]))
def test_four_digit_years_read_back_exactly(day: dt.date, hh: int, mm: int, width: int) -> None:
    iso = f"{day.isoformat()}T{hh:02d}:{mm:02d}"[:width]
    value, _ = edifact_datetime(iso)
    for kind in ("birth", "expiry", "event"):
        assert edifact_date(value, kind, REF) == iso  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1927, 3, 2), max_value=REF))
def test_two_digit_birth_dates_are_never_in_the_future(day: dt.date) -> None:
    value, _ = edifact_datetime(day.isoformat(), two_digit_years=True)
    assert edifact_date(value, "birth", REF) == day.isoformat()


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [("12JUL64", "birth", "1964-07-12"), ("12jul1964", "birth", "1964-07-12"), ("01JAN30", "expiry", "2030-01-01"),
     ("00JUL64", "birth", "1964-07"), ("12XXX64", "birth", None), ("1JUL64", "birth", None)],
)
def test_ddmmmyy(value: str, kind: str, expected: str | None) -> None:
    assert ddmmmyy(value, kind, REF) == expected  # type: ignore[arg-type]


def test_ddmmyy_with_time() -> None:
    assert ddmmyy("010326", "1030", REF) == "2026-03-01T10:30"
    assert ddmmyy("010326", "", REF) == "2026-03-01"
    assert ddmmyy("010326", "99xx", REF) == "2026-03-01"
    assert ddmmyy("320126") is None


def test_reference_date_takes_the_first_parseable() -> None:
    assert reference_date(None, "junk-value", "2026-03-01T09:00") == REF
    assert reference_date(None, "2026") is None


@pytest.mark.parametrize(
    ("date", "time", "expected"),
    [("260301", "0900", "2026-03-01T09:00"), ("20260301", "", "2026-03-01"), ("690101", "", "2069-01-01"),
     ("700101", "", "1970-01-01"), ("2603", "0900", None)],
)
def test_envelope_datetime(date: str, time: str, expected: str | None) -> None:
    assert envelope_datetime(date, time) == expected
