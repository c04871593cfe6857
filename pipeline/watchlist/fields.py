"""Field values of watchlist entries, checked and cleaned the same way in every format.

Each parser takes the text a list gives and returns the cleaned value, or None when the
text is not of the expected form (the ``*_FORM`` constants say which form, for errors).
``build_entry`` assembles one ``WatchlistEntry`` from the fields of the native columns
(native CSV and YAML) and reports every bad field of it at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache

from pipeline.normalise.countries import country_alpha3, is_known_country
from pipeline.normalise.dates import dob_parts
from pipeline.watchlist.errors import WatchlistIssue
from pipeline.watchlist.model import SEVERITIES, ListedDocument, ListedName, Severity, WatchlistEntry

DATE_FORM = "YYYY-MM-DD, YYYY-MM or YYYY"
COUNTRY_FORM = "an ISO 3166 alpha-3 or alpha-2 country code"
DOCUMENT_FORM = "NUMBER or TYPE:COUNTRY:NUMBER (e.g. P:GBR:123456789)"
GENDER_FORM = "M, F, U or X"
SEVERITY_FORM = "low, medium, high or critical"
ID_FORM = "a non-empty id"

_GENDERS = {"M": "M", "F": "F", "X": "X", "U": None}
_SEVERITY: dict[str, Severity] = {s: s for s in SEVERITIES}


def clean_text(value: str | None) -> str | None:
    """Whitespace collapsed; None for empty text."""
    if not value:
        return None
    v = " ".join(value.split())
    return v or None


def split_multi(value: str | None) -> list[str]:
    """The non-empty parts of a ``|``-separated multi-value cell."""
    if not value:
        return []
    if "|" not in value:
        v = value.strip()
        return [v] if v else []
    return [p for p in map(str.strip, value.split("|")) if p]


@lru_cache(maxsize=65536)
def partial_date(value: str) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as given, or None (``dob_parts``, strictly).

    A ``00`` month or day means unknown and is dropped (``1971-00-00`` → ``1971``), as lists
    publish it; any other impossible date (``1971-13-02``, ``1971-02-30``) is None.
    """
    parts = dob_parts(value, strict=True)
    if parts is None:
        return None
    year, month, day = parts
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """An alpha-3, alpha-2 or ICAO code as alpha-3 (``gb`` → ``GBR``, ``D`` → ``DEU``), or None."""
    norm = country_alpha3(value)
    return norm if norm is not None and is_known_country(norm) else None


def severity_level(value: str) -> Severity | None:
    """One of low, medium, high, critical (any case), or None."""
    return _SEVERITY.get(value.strip().lower())


def document_number(number: str, type_: str | None = None, country: str | None = None) -> ListedDocument | None:
    """A document from its parts: number upper-cased with blanks collapsed, type upper-cased,
    country as alpha-3. None when the number has no letter or digit, or the type or country
    is not a code."""
    num = number.upper()
    if not num.isalnum():
        num = " ".join(num.split())
        if not any(c.isalnum() for c in num):
            return None
    t = sys.intern(type_.strip().upper()) if type_ else ""
    if t and not (t.isalnum() and len(t) <= 10):
        return None
    c: str | None = None
    if country and country.strip():
        c = country_code(country)
        if c is None:
            return None
    return ListedDocument(number=num, type=t or None, country=c)


def parse_document(value: str) -> ListedDocument | None:
    """``NUMBER`` or ``TYPE:COUNTRY:NUMBER`` (type and country may be empty), or None."""
    parts = value.split(":")
    if len(parts) == 1:
        return document_number(parts[0])
    if len(parts) == 3:
        return document_number(parts[2], parts[0], parts[1])
    return None


def build_entry(
    issues: list[WatchlistIssue],
    *,
    file: str,
    line: int | None,
    id: str | None,
    list_name: str | None,
    name: str | None = None,
    surname: str | None = None,
    given_names: str | None = None,
    aliases: Sequence[str] = (),
    dates_of_birth: Sequence[str] = (),
    nationalities: Sequence[str] = (),
    gender: str | None = None,
    documents: Sequence[str] = (),
    notes: str | None = None,
    category: str | None = None,
    severity: str | None = None,
    default_severity: Severity = "high",
) -> WatchlistEntry | None:
    """One entry from native-column values, or None after appending every problem to ``issues``.

    The full name is ``name`` when given, else ``given_names surname``; ``surname`` alone is
    enough (people listed under one name). Column names in issues are the native ones.
    """
    bad: list[tuple[str, str, str | None]] = []  # (column, expected, got)
    entry_id = clean_text(id)
    if entry_id is None:
        bad.append(("id", ID_FORM, None))
    list_ = clean_text(list_name)
    if list_ is not None:
        list_ = sys.intern(list_)  # one string per list, not per entry
    else:
        bad.append(("list", "a non-empty list name", None))
    full, sur, given = clean_text(name), clean_text(surname), clean_text(given_names)
    if full is None:
        if sur is not None:
            full = f"{given} {sur}" if given else sur
        elif given is not None:
            bad.append(("surname", "a surname next to given_names (or a full name in 'name')", None))
        else:
            bad.append(("name", "a name, or surname and given_names", None))
    names = [ListedName(full, sur, given)] if full is not None else []
    for alias in aliases:
        a = clean_text(alias)
        if a is not None:
            names.append(ListedName(a))
    dobs: list[str] = []
    for d in dates_of_birth:
        iso = partial_date(d)
        if iso is None:
            bad.append(("date_of_birth", DATE_FORM, d))
        elif iso not in dobs:
            dobs.append(iso)
    nats: list[str] = []
    for n in nationalities:
        code = country_code(n)
        if code is None:
            bad.append(("nationality", COUNTRY_FORM, n))
        elif code not in nats:
            nats.append(code)
    sex = None
    if gender:
        g = gender.strip().upper()
        if g not in _GENDERS and g:
            bad.append(("gender", GENDER_FORM, gender))
        sex = _GENDERS.get(g)
    docs: list[ListedDocument] = []
    for d in documents:
        doc = parse_document(d)
        if doc is None:
            bad.append(("documents", DOCUMENT_FORM, d))
        else:
            docs.append(doc)
    level = default_severity
    if severity:
        parsed = _SEVERITY.get(severity.strip().lower())
        if parsed is not None:
            level = parsed
        elif severity.strip():
            bad.append(("severity", SEVERITY_FORM, severity))
    if bad or entry_id is None or list_ is None:
        issues.extend(WatchlistIssue(file, line, column, expected, got) for column, expected, got in bad)
        return None
    cat = clean_text(category)
    return WatchlistEntry(entry_id, list_, tuple(names), sys.intern(cat) if cat else None, level, tuple(dobs),
                          tuple(nats), sex, tuple(docs), clean_text(notes))
