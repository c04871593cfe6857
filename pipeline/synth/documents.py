"""Travel documents: ICAO Doc 9303 check digits, plausible numbers per issuing state, validity dates.

In: a ``random.Random``, the issuing country and dates. Out: ``SyntheticDocument`` records whose
number, MRZ line 2 and check digits are valid (Doc 9303 Part 3 §4.9, messages.md §7.1), plus
the OCR confusions that typed or badly scanned numbers show (messages.md §7.2).
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date

from pipeline.normalise.documents import mrz_check_digit

DIGITS = string.digits
LETTERS = string.ascii_uppercase
# One number shape per issuing state where it is well known; others get two letters + seven digits.
_SHAPES: dict[str, str] = {
    "USA": "999999999", "GBR": "999999999", "CAN": "AA999999", "AUS": "A9999999", "NZL": "AA999999",
    "DEU": "CXXXXXXXX", "FRA": "99AA99999", "ITA": "AA9999999", "ESP": "AAA999999", "NLD": "AAXXXXXX9",
    "CHN": "E99999999", "IND": "A9999999", "PAK": "AA9999999", "JPN": "AA9999999", "KOR": "M99999999",
    "RUS": "999999999", "UKR": "AA999999", "TUR": "U99999999", "BRA": "AA999999", "MEX": "A99999999",
    "NGA": "A99999999", "ARE": "999999999", "SAU": "A999999", "EGY": "A99999999", "IRL": "AA9999999",
}
# OCR confusions between letters and digits, both ways.
OCR_CONFUSIONS: dict[str, str] = {"O": "0", "0": "O", "I": "1", "1": "I", "S": "5", "5": "S", "B": "8", "8": "B",
                                  "Z": "2", "2": "Z", "G": "6", "6": "G"}


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def td3_line2(number: str, nationality: str, birth: date, sex: str, expiry: date, optional: str = "") -> str:
    """Line 2 of a passport (TD3) MRZ: 44 characters with its four check digits and the composite."""
    num = number.ljust(9, "<")[:9]
    opt = optional.ljust(14, "<")[:14]
    parts = [num + str(mrz_check_digit(num)), nationality.ljust(3, "<")[:3],
             _yymmdd(birth) + str(mrz_check_digit(_yymmdd(birth))), sex if sex in ("M", "F") else "<",
             _yymmdd(expiry) + str(mrz_check_digit(_yymmdd(expiry))), opt + str(mrz_check_digit(opt))]
    line = "".join(parts)
    composite = line[0:10] + line[13:20] + line[21:43]
    return line + str(mrz_check_digit(composite))


def mrz_name_field(surname: str, given_names: str, width: int = 39) -> str:
    """The MRZ name field ``SURNAME<<GIVEN<NAMES`` cut to ``width`` (39 on a passport, 30 on an ID card)."""
    field = surname.replace(" ", "<").replace("-", "<") + "<<" + given_names.replace(" ", "<").replace("-", "<")
    return field[:width].ljust(width, "<")


def names_from_mrz(field: str) -> tuple[str, str]:
    """``(surname, given names)`` read back from an MRZ name field (``<`` → space, trailing fill dropped)."""
    surname, _, given = field.rstrip("<").partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def document_number(rng: random.Random, country: str) -> str:
    """A plausible document number for ``country``: shape ``A`` letter, ``9`` digit, ``X`` either, ``C`` C-prefix."""
    shape = _SHAPES.get(country, "AA9999999")
    out = []
    for ch in shape:
        if ch == "A":
            out.append(rng.choice(LETTERS))
        elif ch == "9":
            out.append(rng.choice(DIGITS))
        elif ch == "X":
            out.append(rng.choice("CFGHJKLMNPRTVWXYZ0123456789"))
        else:
            out.append(ch)
    return "".join(out)


def ocr_confuse(rng: random.Random, number: str, changes: int = 1) -> str | None:
    """``number`` with ``changes`` characters swapped for their OCR look-alikes, or None when
    it has no confusable character."""
    positions = [i for i, ch in enumerate(number) if ch in OCR_CONFUSIONS]
    if not positions:
        return None
    chars = list(number)
    for i in rng.sample(positions, min(changes, len(positions))):
        chars[i] = OCR_CONFUSIONS[chars[i]]
    return "".join(chars)


@dataclass(frozen=True, slots=True)
class SyntheticDocument:
    """A passport (or ID card): type, number, issuing state, issue and expiry dates."""

    type: str
    number: str
    country: str
    issued: date
    expiry: date

    def mrz_line2(self, nationality: str, birth: date, sex: str) -> str:
        return td3_line2(self.number, nationality, birth, sex, self.expiry)


def add_years(d: date, years: int) -> date:
    """``d`` moved by whole years (29 February → 28 February)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def make_document(rng: random.Random, country: str, birth: date, on: date, kind: str = "P") -> SyntheticDocument:
    """A document valid on ``on``: issued up to ten years (five for minors) before, never before birth."""
    minor = (on - birth).days < 18 * 365
    validity = 5 if minor else 10
    earliest = max(birth.toordinal() + 30, add_years(on, -validity).toordinal() + 30)
    issued = date.fromordinal(rng.randrange(earliest, on.toordinal() - 1)) if earliest < on.toordinal() - 1 \
        else date.fromordinal(on.toordinal() - 1)
    return SyntheticDocument(kind, document_number(rng, country), country, issued, add_years(issued, validity))
