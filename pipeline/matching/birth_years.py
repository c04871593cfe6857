"""Listed people's birth years as the candidate index reads them: the birth-year group each
entry's postings are filed under (from its earliest and latest listed year,
``qualifier_bounds.ListedQualifiers``).

A group (1..255) is an entry's earliest year counted from 1900 (clipped at both ends); group 0
holds entries with no readable year or with listed years more than ``YEAR_SPAN`` apart, which
every window reads. ``WatchlistIndex`` keeps each key's postings ordered by group, so the people
born near a traveller are a few contiguous runs.
"""

from __future__ import annotations

import numpy as np


YEAR_SPAN = 3
"""An entry whose listed birth years lie further apart than this is read in every window."""
_BEFORE_FIRST = 1899
"""Group g >= 1 is the year _BEFORE_FIRST + g."""


def year_group(year: int) -> int:
    """The birth-year group of ``year``, 1..255 (1: 1900 and before; 255: 2154 and after)."""
    return min(max(year - _BEFORE_FIRST, 1), 255)


def year_groups(earliest: np.ndarray, latest: np.ndarray) -> np.ndarray:
    """Each entry's birth-year group (uint8): its earliest year's ``year_group``, or 0 when
    no year is known or its years span more than ``YEAR_SPAN``."""
    groups = np.clip(earliest.astype(np.int32) - _BEFORE_FIRST, 1, 255).astype(np.uint8)
    groups[(earliest == 0) | (latest.astype(np.int32) - earliest > YEAR_SPAN)] = 0
    return groups
