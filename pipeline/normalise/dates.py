"""EDIFACT dates to ISO text, with the century inferred from what the date is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

DateKind = Literal["birth", "expiry", "event"]

_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}


def _century(yy: int, kind: DateKind, reference: dt.date | None) -> int:
    """Four-digit year for a two-digit ``yy``.

    birth: the latest year not after the reference year; expiry: within −10/+20 years of the
    reference; event (flight, issue): the year nearest to the reference.
    """
    ref_year = (reference or dt.date(2000, 1, 1)).year
    base = ref_year - ref_year % 100
    candidates = (base - 100 + yy, base + yy, base + 100 + yy)
    if kind == "birth":
        return max(y for y in candidates if y <= ref_year)
    if kind == "expiry":
        for y in candidates:
            if ref_year - 10 <= y <= ref_year + 20:
                return y
    return min(candidates, key=lambda y: abs(y - ref_year))


def _partial(year: int, month: int, day: int) -> str | None:
    """ISO text for a date whose day or month may be 00 (unknown)."""
    if month == 0:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day == 0:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def edifact_date(value: str, kind: DateKind, reference: dt.date | None) -> str | None:
    """A PAXLST DTM value as ISO text (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, or with ``THH:MM``).

    The length decides, not the 2379 format code (feeds send ``:201`` with four-digit years):
    6 digits ``YYMMDD``, 8 ``CCYYMMDD``, 10 ``YYMMDDHHMM``, 12 ``CCYYMMDDHHMM``; a two-digit
    year gets its century from ``kind`` and ``reference``. ``00`` marks an unknown month or
    day. Returns None for anything else.
    """
    v = value.strip()
    if not (v.isascii() and v.isdigit()):  # '¹2'.isdigit() is True, int() refuses it
        return None
    if len(v) in (8, 12):
        year, rest = int(v[:4]), v[4:]
    elif len(v) in (6, 10):
        year, rest = _century(int(v[:2]), kind, reference), v[2:]
    else:
        return None
    if len(rest) not in (4, 8):
        return None
    date = _partial(year, int(rest[:2]), int(rest[2:4]))
    if date is None or len(rest) == 4:
        return date
    hh, mm = int(rest[4:6]), int(rest[6:8])
    if hh > 24 or mm > 59 or len(date) != 10:
        return date
    return f"{date}T{hh:02d}:{mm:02d}"


def ddmmmyy(value: str, kind: DateKind, reference: dt.date | None) -> str | None:
    """An AIRIMP date such as ``12JUL64`` (SSR DOCS) as ISO text, or None."""
    v = value.strip().upper()
    if not v.isascii():
        return None
    if len(v) == 9 and v[5:].isdecimal():  # 12JUL1964
        year = int(v[5:])
    elif len(v) == 7 and v[5:].isdecimal():
        year = _century(int(v[5:]), kind, reference)
    else:
        return None
    month = _MONTHS.get(v[2:5])
    if month is None or not v[:2].isdecimal():
        return None
    return _partial(year, month, int(v[:2]))


def ddmmyy(value: str, time: str = "", reference: dt.date | None = None) -> str | None:
    """A PNRGOV date ``DDMMYY`` (+ ``HHMM``) as ISO text, the year nearest to ``reference``."""
    v = value.strip()
    if len(v) != 6 or not (v.isascii() and v.isdigit()):
        return None
    year = _century(int(v[4:]), "event", reference)
    date = _partial(year, int(v[2:4]), int(v[:2]))
    t = time.strip()
    if date and len(date) == 10 and len(t) == 4 and t.isascii() and t.isdigit() and int(t[:2]) <= 24 and int(t[2:]) <= 59:
        return f"{date}T{t[:2]}:{t[2:]}"
    return date


def reference_date(*iso_values: str | None) -> dt.date | None:
    """The first parseable ISO date among ``iso_values`` (message or flight date), or None."""
    for value in iso_values:
        if value and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


@dataclass(frozen=True, slots=True)
class PartialDob:
    """A date of birth as far as it is known. ``placeholder`` marks a 1 January that is
    probably a dummy (lists and feeds write 01-01 when only the year is known)."""

    year: int
    month: int | None = None
    day: int | None = None
    placeholder: bool = False

    @property
    def precise(self) -> bool:
        """Day and month known and not a placeholder."""
        return self.day is not None and self.month is not None and not self.placeholder


def dob_parts(value: str, *, strict: bool) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of an ISO partial date of birth ``YYYY[-MM[-DD]]``, or None.

    The one reading of the form, with two policies. A month or day of ``00`` is unknown (None).
    ``strict`` (list input, where a bad value is an error to report): ASCII digits, two-digit
    month and day; a day without a month, a month over 12 or an impossible date give None.
    Lenient (matching, where an unreadable part is merely unknown): any decimal digits,
    one- or two-digit month and day, ``0`` and ``XX`` (any case) unknown too; an unknown or
    impossible month leaves the year, an impossible day leaves the year and month.
    """
    text = value.strip()
    if strict:
        if not text.isascii():
            return None
    else:
        text = text.upper()
    parts = text.split("-")
    n = len(parts)
    if n > 3 or len(parts[0]) != 4 or not parts[0].isdecimal():
        return None
    year = int(parts[0])
    if n == 1:
        return year, None, None
    widths = (2,) if strict else (1, 2)
    known: list[int | None] = []
    for p in parts[1:]:
        if p.isdecimal() and len(p) in widths:
            known.append(int(p) or None)
        elif p == "XX" and not strict:
            known.append(None)
        else:
            return None
    month = known[0]
    day = known[1] if n == 3 else None
    if month is None:
        return None if strict and day is not None else (year, None, None)
    if month > 12:
        return None if strict else (year, None, None)
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None if strict else (year, month, None)
    return year, month, day


@lru_cache(maxsize=100_000)
def parse_dob(value: str | None) -> PartialDob | None:
    """An ISO partial date of birth (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) → ``PartialDob``.

    Read leniently (``dob_parts``): ``00``, ``0`` or ``XX`` day/month mean unknown, an
    impossible month or day is unknown (not a conflict); ``YYYY-01-01`` is kept but flagged as
    a possible placeholder. Returns None when there is no four-digit year or the form is wrong.
    """
    parts = dob_parts(value, strict=False) if value else None
    if parts is None:
        return None
    year, month, day = parts
    return PartialDob(year, month, day, placeholder=month == 1 and day == 1)


@lru_cache(maxsize=100_000)
def parse_dobs(values: tuple[str, ...]) -> tuple[PartialDob, ...]:
    """Several dates of birth (a list entry's set) → the parseable ones, duplicates removed."""
    seen: dict[PartialDob, None] = {}
    for v in values:
        d = parse_dob(v)
        if d is not None:
            seen.setdefault(d, None)
    return tuple(seen)
