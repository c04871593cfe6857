"""Synthetic people: name, sex, date of birth, nationality and residence, passport, contacts.

In: a ``random.Random``, shared ``NamePools``, a nationality (usually drawn from the flight's
countries) and the travel date. Out: ``Person`` records whose name culture fits the
nationality, whose passport is valid on the travel date and whose ``person_id`` is the
ground-truth identity written into every message (``RFF+ABO`` / PNRGOV ``REF``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from pipeline.normalise.name_forms import fold_icao
from pipeline.synth.documents import SyntheticDocument, make_document
from pipeline.synth.names import FAKER_LOCALES, NamePools, PersonName

_T = "table:"
_F = "faker:"
# Nationality → name sources (bundled culture tables and faker locales), first ones most likely.
COUNTRY_SOURCES: dict[str, tuple[str, ...]] = {
    "GBR": (_F + "en_GB", _F + "en_GB", _T + "south_asian", _F + "en_IE"), "IRL": (_F + "en_IE",),
    "USA": (_F + "en_US", _F + "en_US", _F + "es_MX", _T + "chinese", _T + "south_asian"),
    "CAN": (_F + "en_CA", _F + "fr_CA", _T + "chinese"), "AUS": (_F + "en_AU", _T + "chinese"), "NZL": (_F + "en_NZ",),
    "FRA": (_F + "fr_FR", _F + "fr_FR", _T + "arabic", _T + "west_african"), "BEL": (_F + "nl_BE", _F + "fr_FR"),
    "DEU": (_F + "de_DE", _T + "european", _F + "tr_TR"), "AUT": (_F + "de_AT", _T + "european"),
    "CHE": (_F + "de_CH", _F + "fr_FR", _F + "it_IT"), "NLD": (_F + "nl_NL",), "LUX": (_F + "fr_FR", _F + "de_DE"),
    "ITA": (_F + "it_IT",), "ESP": (_T + "spanish", _F + "es_ES"), "PRT": (_F + "pt_PT", _T + "european"),
    "POL": (_F + "pl_PL", _T + "european"), "CZE": (_F + "cs_CZ", _T + "european"), "SVK": (_F + "sk_SK",),
    "HUN": (_F + "hu_HU", _T + "european"), "ROU": (_F + "ro_RO",), "HRV": (_F + "hr_HR",), "SVN": (_F + "sl_SI",),
    "SWE": (_F + "sv_SE", _T + "european"), "DNK": (_F + "da_DK", _T + "european"), "NOR": (_F + "no_NO",),
    "FIN": (_F + "fi_FI",), "ISL": (_F + "is_IS", _T + "european"), "EST": (_F + "et_EE",), "LTU": (_F + "lt_LT",),
    "LVA": (_F + "lv_LV",), "ALB": (_F + "sq_AL",), "TUR": (_F + "tr_TR", _T + "european"), "AZE": (_F + "az_AZ",),
    "RUS": (_T + "cyrillic",), "UKR": (_T + "cyrillic",), "KAZ": (_T + "cyrillic",), "UZB": (_T + "cyrillic",),
    "KGZ": (_T + "cyrillic",), "TJK": (_T + "cyrillic",), "GEO": (_T + "cyrillic",), "ARM": (_T + "cyrillic",),
    "BGR": (_T + "cyrillic",), "SRB": (_T + "cyrillic", _F + "hr_HR"), "MDA": (_F + "ro_RO", _T + "cyrillic"),
    "CHN": (_T + "chinese",), "HKG": (_T + "chinese",), "TWN": (_T + "chinese",), "SGP": (_T + "chinese", _T + "south_asian"),
    "MAC": (_T + "chinese",), "JPN": (_F + "ja_JP",), "VNM": (_F + "vi_VN",), "IDN": (_F + "id_ID",),
    "PHL": (_F + "fil_PH", _F + "en_PH"), "MYS": (_T + "chinese", _T + "arabic", _F + "id_ID"),
    "IND": (_T + "south_asian", _F + "en_IN"), "PAK": (_T + "south_asian",), "BGD": (_T + "south_asian",),
    "LKA": (_T + "south_asian",), "NPL": (_T + "south_asian",), "AFG": (_T + "arabic", _T + "south_asian"),
    "ARE": (_T + "arabic", _T + "south_asian"), "SAU": (_T + "arabic",), "QAT": (_T + "arabic",), "KWT": (_T + "arabic",),
    "BHR": (_T + "arabic",), "OMN": (_T + "arabic",), "JOR": (_T + "arabic",), "LBN": (_T + "arabic",),
    "IRQ": (_T + "arabic",), "IRN": (_T + "arabic",), "EGY": (_T + "arabic",), "MAR": (_T + "arabic", _F + "fr_FR"),
    "DZA": (_T + "arabic",), "TUN": (_T + "arabic",), "LBY": (_T + "arabic",), "SDN": (_T + "arabic",),
    "SOM": (_T + "arabic",), "DJI": (_T + "arabic",), "ISR": (_F + "en_US", _T + "cyrillic"),
    "NGA": (_T + "west_african", _F + "yo_NG", _F + "ig_NG", _F + "ha_NG", _F + "en_NG"),
    "GHA": (_T + "west_african", _F + "tw_GH"), "SEN": (_T + "west_african",), "CIV": (_T + "west_african",),
    "MLI": (_T + "west_african",), "BFA": (_T + "west_african",), "NER": (_T + "west_african",),
    "GIN": (_T + "west_african",), "SLE": (_T + "west_african",), "LBR": (_T + "west_african",),
    "TGO": (_T + "west_african",), "BEN": (_T + "west_african",), "CMR": (_T + "west_african", _F + "fr_FR"),
    "KEN": (_F + "en_KE",), "ZAF": (_F + "zu_ZA", _F + "en_GB"), "ETH": (_T + "arabic", _F + "en_KE"),
    "MEX": (_T + "spanish", _F + "es_MX"), "COL": (_T + "spanish", _F + "es_CO"), "ARG": (_T + "spanish", _F + "es_AR"),
    "CHL": (_T + "spanish",), "PER": (_T + "spanish",), "VEN": (_T + "spanish",), "ECU": (_T + "spanish",),
    "BOL": (_T + "spanish",), "URY": (_T + "spanish",), "PRY": (_T + "spanish",), "CUB": (_T + "spanish",),
    "DOM": (_T + "spanish",), "GTM": (_T + "spanish",), "PAN": (_T + "spanish",), "CRI": (_T + "spanish",),
    "SLV": (_T + "spanish",), "HND": (_T + "spanish",), "NIC": (_T + "spanish",), "BRA": (_F + "pt_BR",),
}
DEFAULT_SOURCES = (_F + "en_US", _F + "en_GB", _T + "spanish", _T + "arabic", _T + "south_asian", _T + "chinese")
# A few calling codes (E.164); other countries get a generic three-digit code.
CALLING_CODES = {"USA": "1", "CAN": "1", "GBR": "44", "FRA": "33", "DEU": "49", "ITA": "39", "ESP": "34",
                 "NLD": "31", "BEL": "32", "CHE": "41", "AUT": "43", "IRL": "353", "RUS": "7", "UKR": "380",
                 "TUR": "90", "ARE": "971", "SAU": "966", "QAT": "974", "EGY": "20", "IND": "91", "PAK": "92",
                 "CHN": "86", "HKG": "852", "JPN": "81", "KOR": "82", "SGP": "65", "AUS": "61", "NGA": "234",
                 "GHA": "233", "SEN": "221", "KEN": "254", "ZAF": "27", "MEX": "52", "BRA": "55", "COL": "57",
                 "ARG": "54", "POL": "48", "SWE": "46", "NOR": "47", "DNK": "45", "PRT": "351", "MAR": "212"}
MAIL_DOMAINS = ("GMAIL.COM", "YAHOO.COM", "OUTLOOK.COM", "HOTMAIL.COM", "ICLOUD.COM", "MAIL.RU", "QQ.COM",
                "YANDEX.RU", "GMX.DE", "ORANGE.FR", "PROTON.ME", "EXAMPLE.ORG")
STREETS = ("MAIN ST", "HIGH STREET", "STATION ROAD", "CHURCH LANE", "PARK AVENUE", "RUE DE LA PAIX", "HAUPTSTRASSE",
           "CALLE MAYOR", "KING ROAD", "AL WASL ROAD", "NELSON MANDELA AVE", "MG ROAD", "LENINA ST", "CENTRAL BLVD")


@dataclass(frozen=True, slots=True)
class Person:
    """A synthetic traveller. ``name`` is as the person writes it (diacritics kept);
    ``sent_surname``/``sent_given`` are what airlines transmit (document form, ICAO-folded),
    which a planted variation may change."""

    person_id: str
    name: PersonName
    sent_surname: str
    sent_given: str
    gender: str
    birth: date
    nationality: str
    residence: str
    birth_country: str
    document: SyntheticDocument
    email: str
    phone: str
    address: tuple[str, str, str]
    frequent_flyer: str | None = None

    @property
    def sent_birth(self) -> str:
        return self.birth.isoformat()

    def with_name(self, surname: str, given: str) -> Person:
        return replace(self, sent_surname=surname, sent_given=given)


def document_form(name: PersonName) -> tuple[str, str]:
    """``(surname, given names)`` as an MRZ-read document sends them: ICAO-folded upper-case Latin."""
    return " ".join(fold_icao(name.surname).split()), " ".join(fold_icao(name.given_names).split())


def pick_source(rng: random.Random, nationality: str) -> str:
    return rng.choice(COUNTRY_SOURCES.get(nationality, DEFAULT_SOURCES))


def phone_number(rng: random.Random, country: str) -> str:
    code = CALLING_CODES.get(country, str(rng.randrange(200, 999)))
    return f"+{code}{rng.randrange(10**8, 10**9)}"


def birth_date(rng: random.Random, on: date, minor_rate: float = 0.12) -> date:
    """A date of birth: 0-17 years before ``on`` with ``minor_rate``, else 18-85 (skewed to 25-60)."""
    if rng.random() < minor_rate:
        age_days = rng.randrange(200, 18 * 365)
    else:
        age = min(85.0, max(18.0, rng.gauss(42, 13)))
        age_days = int(age * 365.25) + rng.randrange(0, 365)
    return date.fromordinal(on.toordinal() - age_days)


def make_person(rng: random.Random, pools: NamePools, person_id: str, nationality: str, on: date,
                source: str | None = None, gender: str | None = None, birth: date | None = None) -> Person:
    """A person of ``nationality`` travelling on ``on``; ``source``/``gender``/``birth`` force those draws."""
    if gender is None:
        gender = "X" if rng.random() < 0.002 else rng.choice("MF")
    name = pools.name(rng, source or pick_source(rng, nationality), gender)
    birth = birth or birth_date(rng, on)
    residence = nationality if rng.random() < 0.85 else rng.choice(tuple(COUNTRY_SOURCES))
    surname, given = document_form(name)
    local = "".join(ch for ch in given.split(" ")[0] + "." + surname.replace(" ", "") if ch.isalnum() or ch == ".")
    email = f"{local}{rng.randrange(1, 999)}@{rng.choice(MAIL_DOMAINS)}"
    address = (f"{rng.randrange(1, 300)} {rng.choice(STREETS)}", f"CITY{rng.randrange(100, 999)}", residence)
    return Person(
        person_id=person_id, name=name, sent_surname=surname, sent_given=given, gender=gender, birth=birth,
        nationality=nationality, residence=residence,
        birth_country=nationality if rng.random() < 0.9 else rng.choice(tuple(COUNTRY_SOURCES)),
        document=make_document(rng, nationality, birth, on), email=email, phone=phone_number(rng, residence),
        address=address,
    )


def faker_sources() -> tuple[str, ...]:
    """Every faker-backed source used in ``COUNTRY_SOURCES`` (all are in ``FAKER_LOCALES``)."""
    used = {s for sources in COUNTRY_SOURCES.values() for s in sources + DEFAULT_SOURCES if s.startswith(_F)}
    return tuple(sorted(s for s in used if s[len(_F):] in FAKER_LOCALES))
