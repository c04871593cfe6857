"""SSR segments and the AIRIMP free-text layouts of DOCS, DOCO, DOCA, FOID, PSPT, INFT, FQTV, TKNE.

``read_ssr(seg)`` gives the coded parts; the ``*_fields`` functions read one free text into a
plain dict. All of them tolerate omitted fields, a missing leading slash, a DOCS shifted by
one field and Type-B wrap spaces inside dates, codes and numbers (removed) or names (kept —
name matching builds joined/split variants).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.edifact.segment import Segment

_DATE = re.compile(r"^\d{2}[A-Z]{3}\d{2}(\d{2})?$")
GENDERS = {"M": "M", "F": "F", "U": "U", "X": "X", "MI": "M", "FI": "F"}
DOCS_FIELDS = ("type", "issuer", "number", "nationality", "dob", "gender", "expiry", "surname", "given",
               "middle", "holder")


@dataclass(frozen=True, slots=True)
class Ssr:
    """One SSR: code, status, quantity, airline, board/off points, free text and the
    (seat, traveller reference) pairs of its further elements."""

    code: str
    status: str
    quantity: str
    airline: str
    board: str
    off: str
    text: str
    refs: tuple[tuple[str, str], ...]

    @property
    def traveller_refs(self) -> tuple[str, ...]:
        return tuple(ref for _, ref in self.refs if ref)


def read_ssr(seg: Segment) -> Ssr:
    """The parts of ``SSR+code:status:qty:airline:::board:off:text+seat::ref+…``.

    Free text split by an unescaped component separator is joined back with ``:``.
    """
    comps = seg.components(0)
    text = ":".join(comps[8:]) if len(comps) > 8 else ""
    refs = tuple(
        (seg.get(i, 0).upper(), seg.get(i, 2).upper()) for i in range(1, len(seg.elements))
        if seg.get(i, 0) or seg.get(i, 2)
    )
    return Ssr(seg.code(0, 0), seg.code(0, 1), seg.get(0, 2), seg.code(0, 3), seg.code(0, 6), seg.code(0, 7),
               text, refs)


def compact(value: str) -> str:
    """Upper case without any blank (wrap spaces in codes, dates and numbers)."""
    return "".join(value.upper().split())


def _fields(text: str) -> list[str]:
    t = text.strip()
    if t.startswith("/"):
        t = t[1:]
    return t.split("/")


def is_airimp_date(value: str) -> bool:
    """``12JUL64`` or ``12JUL1964`` (blanks ignored)."""
    return bool(_DATE.match(compact(value)))


def docs_fields(text: str) -> tuple[dict[str, str], int]:
    """A DOCS free text as a dict keyed by ``DOCS_FIELDS`` and the shift that was corrected.

    The date of birth belongs in field 5; when it is found one or two fields later (an extra
    field) the surplus fields before it are dropped (empty ones first), when one field earlier
    (an omitted field, usually the document type) an empty field is put in front.
    """
    fields = _fields(text)
    shift = 0
    if not (len(fields) > 4 and is_airimp_date(fields[4])):
        found = next((i for i in (3, 5, 6) if i < len(fields) and is_airimp_date(fields[i])), None)
        if found is not None:
            shift = found - 4
            if shift < 0:
                fields = [""] * -shift + fields
            else:
                for _ in range(shift):
                    empties = [i for i in range(found) if not fields[i].strip()]
                    del fields[empties[0] if empties else found - 1]
                    found -= 1
    out = {name: (fields[i] if i < len(fields) else "") for i, name in enumerate(DOCS_FIELDS)}
    for key in ("type", "issuer", "number", "nationality", "dob", "gender", "expiry", "holder"):
        out[key] = compact(out[key])
    return out, shift


def doco_fields(text: str) -> dict[str, str]:
    """DOCO: place of birth / doc type / number / place of issue / issue date / applicable country / I."""
    names = ("birth_place", "type", "number", "issue_place", "issue_date", "country", "infant")
    fields = _fields(text)
    out = {name: (fields[i].strip() if i < len(fields) else "") for i, name in enumerate(names)}
    for key in ("type", "number", "issue_date", "country", "infant"):
        out[key] = compact(out[key])
    return out


def doca_fields(text: str) -> dict[str, str]:
    """DOCA: D|R / country / street / city / state / postcode / I."""
    names = ("kind", "country", "street", "city", "state", "postcode", "infant")
    fields = _fields(text)
    out = {name: (" ".join(fields[i].split()) if i < len(fields) else "") for i, name in enumerate(names)}
    for key in ("kind", "country", "postcode", "infant"):
        out[key] = compact(out[key])
    return out


FOID_DOCUMENTS = {"PP": "P", "NI": "I", "ID": "I", "DL": "DL"}


def foid_fields(text: str) -> tuple[str, str] | None:
    """FOID ``/PP12345678`` → ``("PP", "12345678")``; None when not shaped so."""
    t = compact(text).lstrip("/")
    if len(t) < 3 or not t[:2].isalpha():
        return None
    return t[:2], t[2:]


def pspt_fields(text: str) -> dict[str, str]:
    """PSPT (pre-DOCS): number / nationality / DOB / surname / given / gender / H."""
    names = ("number", "nationality", "dob", "surname", "given", "gender", "holder")
    fields = _fields(text)
    out = {name: (fields[i] if i < len(fields) else "") for i, name in enumerate(names)}
    for key in ("number", "nationality", "dob", "gender", "holder"):
        out[key] = compact(out[key])
    return out


def inft_fields(text: str) -> dict[str, str]:
    """INFT ``SURNAME/GIVEN DDMMMYY`` or ``SURNAME/GIVEN/DDMMMYY`` → surname, given, dob."""
    fields = [f.strip() for f in _fields(text)]
    surname = fields[0] if fields else ""
    rest = " ".join(fields[1:]).split()
    dob = ""
    if rest and is_airimp_date(rest[-1]):
        dob = compact(rest.pop())
    return {"surname": surname, "given": " ".join(rest), "dob": dob}


def fqtv_number(text: str, airline: str = "") -> str | None:
    """FQTV free text ``DL1234567890`` (or ``DL 1234567890``) → ``DL 1234567890``."""
    t = compact(text).lstrip("/")
    if not t:
        return None
    if len(t) > 2 and t[:2].isalnum() and not t[:2].isdigit() and any(ch.isdigit() for ch in t[2:]):
        return f"{t[:2]} {t[2:]}"
    return f"{airline} {t}" if airline else t


_TICKET = re.compile(r"(\d{13})(?:C(\d))?")


def tkne_number(text: str) -> tuple[str, str | None, bool] | None:
    """TKNE text → (13-digit ticket number, coupon, infant ticket) or None."""
    t = compact(text)
    m = _TICKET.search(t)
    if m is None:
        return None
    return m.group(1), m.group(2), t.startswith("INF")


_SEAT = re.compile(r"(\d{1,3}[A-HJ-K])[NS]?")


def seat_list(text: str) -> list[str]:
    """Seats written in SSR SEAT free text, AIRIMP style: ``.03BN03AN`` → ``["03B", "03A"]``
    (N/S: non-smoking/smoking); empty when the text is not only seats."""
    t = compact(text).lstrip(".")
    seats = _SEAT.findall(t)
    return seats if t and "".join(_SEAT.sub("", t)) == "" else []
