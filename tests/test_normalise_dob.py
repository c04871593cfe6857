"""Partial ISO dates of birth: the strict list reading (``partial_date``) and the lenient
matching reading (``parse_dob``), both ``dob_parts`` under two policies."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalise.dates import PartialDob, parse_dob, parse_dobs
from pipeline.watchlist.fields import partial_date

PART = st.one_of(st.integers(0, 99).map(lambda i: f"{i:02d}"), st.integers(0, 9).map(str),
                 st.sampled_from(["XX", "xx", "", "٠٥", "1a", "001"]))
YEAR = st.one_of(st.integers(0, 9999).map(lambda i: f"{i:04d}"), st.sampled_from(["١٩٧١", "197", "19711"]))


@st.composite
def date_like(draw: st.DrawFn) -> str:
    """Text shaped like ``YYYY[-MM[-DD]]``, valid or not, with blanks around it at times."""
    parts = [draw(YEAR), *draw(st.lists(PART, max_size=3))]
    blank = st.sampled_from(["", " ", "\t"])
    return draw(blank) + "-".join(parts) + draw(blank)


@pytest.mark.parametrize(("value", "expected"), [
    ("1971", PartialDob(1971)),
    ("1971-00-00", PartialDob(1971)),
    ("1971-XX-XX", PartialDob(1971)),
    ("1971-xx-xx", PartialDob(1971)),
    ("1971-0-0", PartialDob(1971)),
    ("1971-00-15", PartialDob(1971)),
    ("1971-05", PartialDob(1971, 5)),
    ("1971-05-00", PartialDob(1971, 5)),
    ("1971-05-XX", PartialDob(1971, 5)),
    ("1971-5-2", PartialDob(1971, 5, 2)),
    (" 1971-05-02\n", PartialDob(1971, 5, 2)),
    ("١٩٧١-٠٥-٠٢", PartialDob(1971, 5, 2)),
    ("1971-01-01", PartialDob(1971, 1, 1, placeholder=True)),
    ("1971-02-30", PartialDob(1971, 2)),
    ("1971-13-01", PartialDob(1971)),
    ("1971-13-ZZ", None),
    ("1971-005", None),
    ("1971-", None),
    ("1971-05-02-01", None),
    ("1971/05/02", None),
    ("71-05-01", None),
    ("", None),
    (None, None),
])
def test_parse_dob(value: str | None, expected: PartialDob | None) -> None:
    assert parse_dob(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("1971", "1971"),
    ("1971-05", "1971-05"),
    ("1971-05-02", "1971-05-02"),
    (" 1971-05-02\n", "1971-05-02"),
    ("1972-02-29", "1972-02-29"),
    ("1971-00", "1971"),
    ("1971-00-00", "1971"),
    ("1971-05-00", "1971-05"),
    ("1971-01-01", "1971-01-01"),
    ("1971-00-15", None),
    ("1971-13", None),
    ("1971-13-02", None),
    ("1971-02-29", None),
    ("1971-02-30", None),
    ("1971-5-2", None),
    ("1971-XX", None),
    ("١٩٧١", None),
    ("1971-", None),
    ("1971-05-02-01", None),
    ("1971/05/02", None),
    ("71-05-01", None),
    ("", None),
])
def test_partial_date(value: str, expected: str | None) -> None:
    assert partial_date(value) == expected


@given(st.one_of(date_like(), st.text(max_size=12)))
def test_what_lists_may_give_matching_reads_alike(value: str) -> None:
    iso = partial_date(value)
    if iso is not None:
        dob = parse_dob(value)
        assert dob is not None and parse_dob(iso) == dob
        assert [int(p) for p in iso.split("-")] == [n for n in (dob.year, dob.month, dob.day) if n is not None]
        assert partial_date(iso) == iso


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_every_real_date_parses_precisely_unless_1_january(d: dt.date) -> None:
    parsed = parse_dob(d.isoformat())
    assert parsed is not None and (parsed.year, parsed.month, parsed.day) == (d.year, d.month, d.day)
    assert parsed.precise == ((d.month, d.day) != (1, 1))
    assert partial_date(d.isoformat()) == d.isoformat()


def test_parse_dobs_keeps_parseable_distinct_dates() -> None:
    assert parse_dobs(("1970", "1970", "bad", "1971-05-02")) == (PartialDob(1970), PartialDob(1971, 5, 2))
