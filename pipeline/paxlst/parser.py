"""PAXLST (API) messages into the canonical model, keyed on segment content, any D-release.

Input: a ``RawMessage`` whose UNH names PAXLST. Output: a ``Message`` of kind ``api``.
Unknown segments and qualifiers become warnings; a message that names no flight raises
``MessageError`` (the caller dead-letters it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from pipeline.edifact.reader import RawMessage
from pipeline.edifact.segment import Segment
from pipeline.errors import MessageError
from pipeline.model import Flight, Message, Role, TravelDocument, Traveller
from pipeline.normalise.countries import country_alpha3
from pipeline.normalise.dates import edifact_date, reference_date
from pipeline.normalise.flights import split_designator
from pipeline.normalise.names import clean_name, given_names_from_parts
from pipeline.paxlst.bags import expand_bag_tags, pounds_to_kg
from pipeline.source import message_source

ROLES: dict[str, Role] = {"FL": "passenger", "FM": "crew", "DDU": "transit_passenger", "DDT": "transit_crew"}
GENDERS = {"M": "M", "F": "F", "U": "U", "X": "X", "MI": "M", "FI": "F"}
KNOWN_RFF = {"AVF", "ABO", "AEA", "CR", "SEA", "AGK", "AGU", "YZY", "TN", "ACD", "AGP"}
BGM_SUBCODES: dict[str, set[str]] = {
    "745": {"CP", "XR", "RP", "CLOB"},
    "250": {"C", "CC", "B", "BC", "A", "D", "E", "EC", "F", "FC"},
    "266": {"CL", "CLOB", "CLNB", "XF", "CF"},
    "336": {"G", "H", "I"},
    "655": set(),
}
FLIGHT_LOC = {"125", "87", "92", "130", "188", "172"}
TRAVELLER_LOC = {"22", "174", "178", "179", "180"}
HEADER_ONLY = {"BGM", "CTA"}


def _shown(code: str) -> str:
    """A code for a warning: quoted when it looks like a code (up to four letters or digits),
    otherwise only its length — a misplaced value may be a name or a document number."""
    if not code:
        return "(empty)"
    if len(code) <= 4 and code.isalnum():
        return repr(code)
    return f"(a value of {len(code)} characters)"


@dataclass(slots=True)
class _Leg:
    carrier: str | None = None
    number: str | None = None
    origin: str | None = None
    destination: str | None = None
    departure: str | None = None
    arrival: str | None = None
    final_destination: str | None = None
    crosses_border: bool = False
    last_loc: str = ""

    def freeze(self) -> Flight:
        return Flight(
            self.carrier, self.number, self.origin, self.destination, self.departure, self.arrival,
            self.final_destination,
        )


@dataclass(slots=True)
class _Person:
    role: Role
    surname: str | None
    given_names: str | None
    address: str | None
    values: dict[str, object] = field(default_factory=dict)
    documents: list[dict[str, str | None]] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    bag_tags: list[str] = field(default_factory=list)


class _Walker:
    """Walks the segments of one PAXLST message, collecting legs, travellers and warnings."""

    def __init__(self, msg: RawMessage) -> None:
        self.msg = msg
        self.warnings: list[str] = []
        self.function: str | None = None
        self.legs: list[_Leg] = []
        self.people: list[_Person] = []
        self.counts: dict[str, int] = {}
        self.reference = reference_date(msg.envelope.sent_at)

    def warn(self, seg: Segment, text: str) -> None:
        self.warnings.append(f"segment {seg.number} ({seg.tag}): {text}")

    @property
    def person(self) -> _Person | None:
        return self.people[-1] if self.people else None

    def walk(self) -> None:
        handlers = {
            "BGM": self.bgm, "TDT": self.tdt, "LOC": self.loc, "DTM": self.dtm, "NAD": self.nad,
            "ATT": self.att, "NAT": self.nat, "RFF": self.rff, "DOC": self.doc, "MEA": self.mea,
            "GEI": self.gei, "FTX": self.ftx, "COM": self.com, "EMP": self.emp, "CNT": self.cnt,
        }
        ignored = {"UNH", "UNT", "CTA"}
        for seg in self.msg.segments:
            handler = handlers.get(seg.tag)
            if handler is not None:
                handler(seg)
            elif seg.tag not in ignored:
                self.warn(seg, "segment not used in PAXLST; ignored")

    def bgm(self, seg: Segment) -> None:
        code, sub = seg.code(0), seg.code(1)
        if code not in BGM_SUBCODES:
            self.warn(seg, f"unknown document name code {_shown(code)} (expected 745, 250, 266, 336 or 655)")
        elif sub and sub not in BGM_SUBCODES[code]:
            self.warn(seg, f"document identifier {_shown(sub)} is unusual for document name code {code}")
        self.function = f"{code}:{sub}" if sub else code

    def tdt(self, seg: Segment) -> None:
        carrier, number = split_designator(seg.get(1), seg.get(4) or None)
        if seg.get(1) == "":
            self.warn(seg, "TDT without a flight identification")
        self.legs.append(_Leg(carrier=carrier, number=number))

    def loc(self, seg: Segment) -> None:
        qualifier = seg.code(0)
        place = seg.code(1) or None
        if qualifier in FLIGHT_LOC and self.person is None:
            self._flight_loc(seg, qualifier, place)
        elif qualifier == "91":
            doc = self._document(seg)
            if doc is not None:
                doc["issuing_country"] = country_alpha3(place)
        elif qualifier in TRAVELLER_LOC and self.person is not None:
            key = {"22": "clearance_airport", "174": "residence_country", "178": "embarkation",
                   "179": "debarkation", "180": "birth_place"}[qualifier]
            if qualifier == "174":
                self.person.values[key] = country_alpha3(place)
            elif qualifier == "180":
                self.person.values[key] = clean_name(place or seg.get(1, 3))
            else:
                self.person.values[key] = place
        else:
            self.warn(seg, f"unexpected location qualifier {_shown(qualifier)} here; ignored")

    def _flight_loc(self, seg: Segment, qualifier: str, place: str | None) -> None:
        if not self.legs:
            self.warn(seg, "flight location before any TDT; ignored")
            return
        leg = self.legs[-1]
        if qualifier == "125":
            leg.origin, leg.crosses_border = place, True
        elif qualifier == "87":
            leg.destination, leg.crosses_border = place, True
        elif qualifier == "92":
            if leg.last_loc in ("", "92-to", "130"):
                leg.origin = place
                qualifier = "92-from"
            else:
                leg.destination = place
                qualifier = "92-to"
        elif qualifier == "130":
            leg.final_destination = place
        leg.last_loc = qualifier

    def dtm(self, seg: Segment) -> None:
        qualifier, value = seg.code(0), seg.get(0, 1)
        if qualifier in ("189", "232", "554"):
            if not self.legs or self.person is not None:
                self.warn(seg, "flight date outside a flight group; ignored")
                return
            when = edifact_date(value, "event", self.reference)
            if when is None:
                self.warn(seg, f"field 2: expected a date YYMMDDHHMM or CCYYMMDDHHMM ({len(value)} characters)")
            elif qualifier == "189":
                self.legs[-1].departure = when
                self._refine_reference(when)
            elif qualifier == "232":
                self.legs[-1].arrival = when
        elif qualifier == "329":
            if self.person is None:
                self.warn(seg, "date of birth before any traveller; ignored")
                return
            dob = edifact_date(value, "birth", self.reference)
            if dob is None and value:
                self.warn(seg, f"field 2: expected a date of birth YYMMDD or CCYYMMDD ({len(value)} characters)")
            self.person.values["date_of_birth"] = dob
        elif qualifier in ("36", "182"):
            doc = self._document(seg)
            if doc is not None:
                kind = "expiry" if qualifier == "36" else "event"
                when = edifact_date(value, kind, self.reference)
                if when is None and value:
                    self.warn(seg, f"field 2: expected a date YYMMDD or CCYYMMDD ({len(value)} characters)")
                doc["expiry" if qualifier == "36" else "issue_date"] = when
        elif self.person is None and not self.legs:
            pass  # message date/time (Gr0 DTM): informative only
        else:
            self.warn(seg, f"unknown date qualifier {_shown(qualifier)}; ignored")

    def _refine_reference(self, when: str) -> None:
        if self.reference is None:
            self.reference = reference_date(when)

    def nad(self, seg: Segment) -> None:
        qualifier = seg.code(0)
        if qualifier == "MS":
            return  # reporting party (Gr1)
        role = ROLES.get(qualifier)
        if role is None:
            self.warn(seg, f"unknown party qualifier {_shown(qualifier)} (expected FL, FM, DDU or DDT); "
                           "kept as a passenger")
            role = "passenger"
        if not self.legs:
            self.warn(seg, "traveller before any TDT flight segment")
        name = seg.components(3)
        surname = clean_name(name[0]) if name else None
        given = given_names_from_parts(list(name[1:])) if len(name) > 1 else None
        if surname is None and given is None:
            self.warn(seg, "field 4: traveller without a name")
        street = [seg.get(i) for i in range(4, 9) if seg.get(i)]
        address = ", ".join(" ".join(p.upper().split()) for p in street) or None
        self.people.append(_Person(role, surname, given, address))

    def _need_person(self, seg: Segment) -> _Person | None:
        if self.person is None:
            self.warn(seg, "traveller data before any NAD traveller segment; ignored")
        return self.person

    def att(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is None:
            return
        value = seg.code(2)
        gender = GENDERS.get(value)
        if gender is None and value:
            self.warn(seg, f"field 3: unknown gender code {_shown(value)} (expected M, F, U or X)")
        person.values["gender"] = gender

    def nat(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is not None:
            person.values["nationality"] = country_alpha3(seg.get(1))

    def rff(self, seg: Segment) -> None:
        qualifier, value = seg.code(0), seg.get(0, 1).upper()
        if qualifier not in KNOWN_RFF:
            self.warn(seg, f"unknown reference qualifier {_shown(qualifier)}; kept")
        if self.person is None:
            return  # message-level reference (RFF+TN transaction reference)
        if not value:
            return
        self.person.references[qualifier] = value
        if qualifier == "AVF":
            self.person.values["pnr_locator"] = value
        elif qualifier == "SEA":
            self.person.values["seat"] = value

    def doc(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is None:
            return
        number = "".join(seg.get(1).upper().split()) or None
        if number is None:
            self.warn(seg, "field 2: document without a number")
        person.documents.append({"type": seg.code(0) or None, "number": number, "issuing_country": None,
                                 "expiry": None, "issue_date": None})

    def _document(self, seg: Segment) -> dict[str, str | None] | None:
        if self.person is None or not self.person.documents:
            self.warn(seg, "document detail before any DOC segment; ignored")
            return None
        return self.person.documents[-1]

    def mea(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is None:
            return
        qualifier = seg.code(0)
        comps = [c.strip() for c in seg.components(2)]
        if qualifier == "CT":
            count = next((c for c in reversed(comps) if c), "")
            if count.isdecimal():
                person.values["bags"] = int(count)
            else:
                self.warn(seg, "field 3: expected a bag count")
        elif qualifier == "WT":
            unit = comps[0].upper() if comps else ""
            value = comps[1] if len(comps) > 1 else ""
            decimal = self.msg.envelope.separators.decimal
            try:
                weight = float(value.replace(decimal, ".").replace(",", "."))
            except ValueError:
                self.warn(seg, "field 3: expected a weight unit KGM or LBR and a number")
                return
            person.values["bag_weight_kg"] = pounds_to_kg(weight) if unit == "LBR" else weight
        else:
            self.warn(seg, f"unknown measurement qualifier {_shown(qualifier)}; ignored")

    def gei(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is None:
            return
        code = seg.code(1)
        if code in ("173", "ZZZ"):
            person.values["verified"] = True
        elif code == "174":
            person.values["verified"] = False
        else:
            self.warn(seg, f"unknown processing indicator {_shown(code)}; ignored")

    def ftx(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is None:
            return
        if seg.code(0) != "BAG":
            self.warn(seg, f"free text with subject {_shown(seg.code(0))}; ignored")
            return
        tags = expand_bag_tags(seg.get(3, 0), seg.get(3, 1))
        if not tags:
            self.warn(seg, "field 4: expected a bag tag number and a count")
        person.bag_tags.extend(tags)

    def com(self, seg: Segment) -> None:
        if self.person is None:
            return  # reporting party contact (Gr1)
        for element in seg.elements:
            value = element[0].strip() if element else ""
            kind = element[1].strip().upper() if len(element) > 1 else ""
            if not value:
                continue
            if kind == "EM":
                self.person.emails.append(value.upper())
            elif kind in ("TE", "FX", "MB", ""):
                self.person.phones.append(value)
            else:
                self.warn(seg, f"unknown communication channel {_shown(kind)}; ignored")

    def emp(self, seg: Segment) -> None:
        person = self._need_person(seg)
        if person is not None:
            person.values["crew_function"] = seg.code(1) or None

    def cnt(self, seg: Segment) -> None:
        qualifier, value = seg.code(0), seg.get(0, 1)
        if not value and seg.get(1):
            value = seg.get(1)  # CNT+41+8: count in the wrong element
            self.warn(seg, "count in field 2 instead of field 1 component 2")
        if value.isdecimal():
            self.counts[qualifier] = int(value)
        else:
            self.warn(seg, "field 1: expected qualifier:count")


def _freeze(person: _Person, traveller_id: str) -> Traveller:
    v = person.values
    documents = tuple(TravelDocument(**d) for d in person.documents)
    return Traveller(
        role=person.role,
        surname=person.surname,
        given_names=person.given_names,
        date_of_birth=v.get("date_of_birth"),  # type: ignore[arg-type]
        gender=v.get("gender"),  # type: ignore[arg-type]
        nationality=v.get("nationality"),  # type: ignore[arg-type]
        residence_country=v.get("residence_country"),  # type: ignore[arg-type]
        embarkation=v.get("embarkation"),  # type: ignore[arg-type]
        debarkation=v.get("debarkation"),  # type: ignore[arg-type]
        documents=documents,
        pnr_locator=v.get("pnr_locator"),  # type: ignore[arg-type]
        seat=v.get("seat"),  # type: ignore[arg-type]
        bags=v.get("bags") if v.get("bags") is not None else (len(person.bag_tags) or None),  # type: ignore[arg-type]
        emails=tuple(person.emails),
        phones=tuple(person.phones),
        id=traveller_id,
        clearance_airport=v.get("clearance_airport"),  # type: ignore[arg-type]
        birth_place=v.get("birth_place"),  # type: ignore[arg-type]
        bag_weight_kg=v.get("bag_weight_kg"),  # type: ignore[arg-type]
        bag_tags=tuple(person.bag_tags),
        verified=v.get("verified"),  # type: ignore[arg-type]
        crew_function=v.get("crew_function"),  # type: ignore[arg-type]
        address=person.address,
        references=tuple(sorted(person.references.items())),
    )


def _check_counts(walker: _Walker) -> None:
    crew = sum(1 for p in walker.people if p.role in ("crew", "transit_crew"))
    passengers = len(walker.people) - crew
    for qualifier, actual, what in (("42", passengers, "passengers"), ("41", crew, "crew")):
        declared = walker.counts.get(qualifier)
        if declared is not None and declared != actual:
            walker.warnings.append(
                f"CNT {qualifier} declares {declared} {what}, message lists {actual} (a part of a longer list?)"
            )


def parse_paxlst(msg: RawMessage) -> Message:
    """Parse one PAXLST message. Raises ``MessageError`` when it names no flight."""
    walker = _Walker(msg)
    walker.walk()
    if not walker.legs:
        first_traveller = next((s for s in msg.segments if s.tag == "NAD" and s.code(0) != "MS"), msg.segments[-1])
        raise MessageError("no TDT segment: expected the flight (TDT + LOC + DTM) before the travellers",
                           msg.where(first_traveller))
    if walker.function is None:
        walker.warnings.append("no BGM segment: message function unknown")
    _check_counts(walker)
    digest = hashlib.sha256(msg.raw()).hexdigest()[:16]
    travellers = tuple(_freeze(p, f"{digest}-{i}") for i, p in enumerate(walker.people))
    legs = walker.legs
    primary = next((i for i, leg in enumerate(legs) if leg.crosses_border), len(legs) - 1)
    source = replace(message_source(msg), function=walker.function)
    return Message(
        kind="api",
        source=source,
        flights=tuple(leg.freeze() for leg in legs),
        primary_leg=primary,
        travellers=travellers,
        pnr=None,
        warnings=tuple(msg.warnings) + tuple(walker.warnings),
    )
