"""What a listed person's date of birth, gender and nationality can add to a traveller's score,
for many candidates at once.

A hit's score is its name score plus the weighted qualifiers (``scoring.combine``), so the name
score a candidate needs depends on them: at 0.88 a namesake born the same day needs a name of
0.73, one born the same year and month on another day 0.93, one born another month of that year
(both dates known) cannot reach it without a document. The matcher shortlists candidates by how
far their names are above what they need, so that a weak namesake born the same day is not
crowded out by close names that cannot be hits.

``ListedQualifiers.of(entries)`` keeps, per entry, its earliest and latest listed birth year and
one code for the month and day of its listed date (when it lists exactly one) and its gender, in
NumPy arrays. ``best_qualifiers(traveller, found)`` gives, for each entry number of ``found``, the
highest Σ weight × qualifier it can reach without a document — the date of birth exactly as
``features.dob_agreement`` scores it when the entry lists one date (``dob_bound`` of the nearest
listed year when it lists several), the gender exactly, the nationality in agreement whenever the
traveller has a country (``nationality_agreement`` cannot do better) — by looking each entry up in
a table of every code and years apart, built once per traveller's month, day and gender
(``features.dob_pair_scores``, cached).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pipeline.matching.features import dob_bound, dob_pair_scores, gender_agreement, gender_code
from pipeline.matching.scoring import WEIGHTS
from pipeline.normalise.dates import PartialDob, parse_dobs
from pipeline.watchlist.model import WatchlistEntry

_GENDERS: tuple[str | None, ...] = (None, "M", "F")
"""Gender codes as stored: 0 unknown, 1 M, 2 F."""
_FAR = 4
"""Years apart from which every date scores the same (``dob_bound``)."""
_DAYS = 32
_SEVERAL = 13 * _DAYS
"""Date code of an entry listing several dates (codes below: month × 32 + day of its one date)."""
_NONE = _SEVERAL + 1
"""Date code of an entry listing no readable date."""
_REFERENCE_YEAR = 2000
"""The traveller's year in ``_qualifier_table`` (the date feature only reads how many years apart)."""


@dataclass(frozen=True, slots=True)
class TravellerQualifiers:
    """The traveller's side of ``best_qualifiers``: date of birth, gender code, and whether
    any nationality or document issuer is known."""

    date_of_birth: PartialDob | None
    gender: str | None
    has_country: bool


_MONTHS = np.arange(_SEVERAL) // _DAYS
_DAYS_OF = np.arange(_SEVERAL) % _DAYS
_COLUMNS = (_NONE + 1) * len(_GENDERS)
"""Columns of a ``_qualifier_table``: every date code for each gender code."""


def _weighted(scores: np.ndarray, key: str) -> np.ndarray:
    """Feature scores −1..1 as what they add to a hit score (``scoring.WEIGHTS``)."""
    return scores * np.where(scores > 0, WEIGHTS[key].agree, WEIGHTS[key].conflict)


@lru_cache(maxsize=1024)
def _date_table(month: int | None, day: int | None, known: bool) -> np.ndarray:
    """What the date of birth adds to the score of a traveller born on ``month``/``day`` (a date
    is ``known`` at all) against every date code (columns) for years apart 0.._FAR (rows):
    ``features.dob_pair_scores`` of the one listed date, ``dob_bound`` (the best any of them can
    score) for several dates, 0 for none; all 0 when no date is known. One table per traveller's
    month and day (the date feature only reads how many years apart), whatever the gender."""
    table = np.zeros((_FAR + 1, _NONE + 1))
    if known:
        t = PartialDob(_REFERENCE_YEAR, month, day, placeholder=month == 1 and day == 1)
        for apart in range(_FAR + 1):
            table[apart, :_SEVERAL] = dob_pair_scores(t, apart, _MONTHS, _DAYS_OF)
            table[apart, _SEVERAL] = dob_bound(apart)
    return _weighted(table, "date_of_birth")


@lru_cache(maxsize=4096)
def _qualifier_table(month: int | None, day: int | None, known: bool, gender: str | None) -> np.ndarray:
    """What date of birth and gender add to the score of a traveller born on ``month``/``day``
    (``_date_table``) of ``gender``, flattened: row = years apart 0.._FAR, column = date code × 3
    + gender code."""
    genders = _weighted(np.array([gender_agreement(gender, g).score for g in _GENDERS]), "gender")
    return (_date_table(month, day, known)[:, :, None] + genders[None, None, :]).ravel()


@dataclass(frozen=True, slots=True)
class ListedQualifiers:
    """Per entry, one row of ``rows`` (int16, n × 4, so that an entry is one memory read):
    earliest and latest listed birth year (0 when none can be read), ``code`` — its date code
    (month × 32 + day of its one listed date, 0 for unknown parts; ``_SEVERAL``; ``_NONE``) × 3 +
    its gender code (0 unknown, 1 M, 2 F) — and 0."""

    rows: np.ndarray

    @property
    def earliest(self) -> np.ndarray:
        return self.rows[:, 0]

    @property
    def latest(self) -> np.ndarray:
        return self.rows[:, 1]

    @classmethod
    def of(cls, entries: Sequence[WatchlistEntry]) -> ListedQualifiers:
        """The rows of ``entries``, each distinct set of dates parsed once (``parse_dobs``, as
        the date feature reads them)."""
        row_of: dict[tuple[str, ...], tuple[int, int, int]] = {}
        gender_of: dict[str | None, int] = {}
        rows: list[tuple[int, int, int, int]] = []
        for e in entries:
            row = row_of.get(e.dates_of_birth)
            if row is None:
                dates = parse_dobs(e.dates_of_birth)
                years = [d.year for d in dates]
                code = (_NONE if not dates else _SEVERAL if len(dates) > 1
                        else (dates[0].month or 0) * _DAYS + (dates[0].day or 0))
                row = row_of[e.dates_of_birth] = (min(years, default=0), max(years, default=0), code * len(_GENDERS))
            gender = gender_of.get(e.gender)
            if gender is None:
                gender = gender_of[e.gender] = _GENDERS.index(gender_code(e.gender))
            rows.append((row[0], row[1], row[2] + gender, 0))
        return cls(np.array(rows, dtype=np.int16).reshape(len(rows), 4))

    def best_qualifiers(self, traveller: TravellerQualifiers, found: np.ndarray) -> np.ndarray:
        """For each entry of ``found``: the highest Σ weight × qualifier (date of birth, gender,
        nationality; no document) it can add to a name score against ``traveller``, as float64."""
        t = traveller.date_of_birth
        table = _qualifier_table(t.month, t.day, True, traveller.gender) if t is not None else \
            _qualifier_table(None, None, False, traveller.gender)
        rows = self.rows.take(found, axis=0)
        at = rows[:, 2]
        if t is not None:  # years apart, 0.._FAR, from the nearest listed year (int16 throughout: years fit)
            apart = np.maximum(rows[:, 0] - t.year, t.year - rows[:, 1])
            np.minimum(np.maximum(apart, 0, out=apart), _FAR, out=apart)
            apart *= _COLUMNS
            at = apart + at
        best = table.take(at)
        if traveller.has_country:
            best += WEIGHTS["nationality"].agree
        return best
