"""Country codes to one form: ISO 3166 alpha-3, with ICAO 9303 specials kept or mapped."""

from __future__ import annotations

from functools import lru_cache

import pycountry

# ICAO Doc 9303 Part 3 codes that are not ISO 3166 alpha-3 (or are, with another meaning).
ICAO_SPECIAL: dict[str, str] = {
    "D": "DEU",  # Germany in the MRZ
    "GBD": "GBD", "GBN": "GBN", "GBO": "GBO", "GBP": "GBP", "GBS": "GBS",  # British nationality classes
    "UNO": "UNO", "UNA": "UNA", "UNK": "UNK",  # United Nations, agency, Kosovo (UNMIK)
    "XXA": "XXA", "XXB": "XXB", "XXC": "XXC", "XXX": "XXX",  # stateless, refugee, unspecified
    "XOM": "XOM", "XPO": "XPO", "XES": "XES", "XMP": "XMP", "XDC": "XDC", "XCC": "XCC", "XBA": "XBA",
    "XIM": "XIM", "XCE": "XCE", "XEC": "XEC", "XCO": "XCO", "EUE": "EUE", "RKS": "RKS",
}


@lru_cache(maxsize=4096)
def country_alpha3(code: str | None) -> str | None:
    """Normalise a country code to alpha-3.

    Accepts ISO alpha-3, alpha-2 (``KR`` → ``KOR``) and ICAO specials (``D`` → ``DEU``,
    ``GBD`` kept). Returns None for empty input; an unrecognised code is returned upper-cased
    so that nothing the sender wrote is lost (``is_known_country`` tells them apart).
    """
    if code is None:
        return None
    c = code.strip().upper()
    if not c:
        return None
    if c in ICAO_SPECIAL:
        return ICAO_SPECIAL[c]
    if len(c) == 3 and pycountry.countries.get(alpha_3=c) is not None:
        return c
    if len(c) == 2:
        country = pycountry.countries.get(alpha_2=c)
        if country is not None:
            return str(country.alpha_3)
    return c


def is_known_country(code: str | None) -> bool:
    """True when ``code`` normalises to an ISO alpha-3 or ICAO special code."""
    norm = country_alpha3(code)
    return norm is not None and (norm in ICAO_SPECIAL.values() or pycountry.countries.get(alpha_3=norm) is not None)
