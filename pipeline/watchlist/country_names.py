"""Country names as lists print them (``Iran (Islamic Republic of)``) to ISO alpha-3.

Exact, case-insensitive matching against pycountry's name, official and common names (no
fuzzy guessing: a wrong country is worse than none), after two rewrites lists need: the UN
style ``A (B of)`` read as pycountry's ``A, B of``, then without the parenthesis
(``Indonesia (as at Dec. 2003)``). ``ALIASES`` covers the few UN names pycountry lacks.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

ALIASES: dict[str, str] = {
    "republic of korea": "KOR",
    "south korea": "KOR",
    "north korea": "PRK",
    "democratic republic of the congo": "COD",
    "state of palestine": "PSE",
    "occupied palestinian territory": "PSE",
    "kosovo": "RKS",  # ICAO 9303 code
    "turkey": "TUR",
    "russia": "RUS",
    "syria": "SYR",
    "iran": "IRN",
    "united kingdom": "GBR",
    "united states": "USA",
}
_PAREN = re.compile(r"^([^()]+?)\s*\(([^()]*)\)\s*$")


def _lookup(name: str) -> str | None:
    key = name.strip().rstrip(".").strip()
    if not key:
        return None
    alias = ALIASES.get(key.casefold())
    if alias is not None:
        return alias
    if len(key) <= 3:  # codes are not names here
        return None
    try:
        return str(pycountry.countries.lookup(key).alpha_3)
    except LookupError:
        return None


@lru_cache(maxsize=1024)
def country_from_name(name: str) -> str | None:
    """Alpha-3 for a country name, or None when it names no country unambiguously."""
    found = _lookup(name)
    if found is not None:
        return found
    m = _PAREN.match(name.strip())
    if m is None:
        return None
    return _lookup(f"{m.group(1)}, {m.group(2)}") or _lookup(m.group(1))
