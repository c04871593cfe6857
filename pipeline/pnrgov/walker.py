"""The segment walker of one PNR unit: which IG group each segment belongs to, and what it says.

Input: the segments of one unit (level-0 header + one Gr1, from EDIFACT or from the XML
reader). Output: the walker's fields — locators, dates, agency, contacts, travellers
(``Pax``), tickets, payments, legs, check-ins, bags, history and the SSRs still to be linked
to travellers (``resolve.SsrResolver``). The group a segment belongs to is decided by the
segments before it (the IG's group triggers SRC, TIF, TKT, FOP, TVL, DAT+2, TRI, EQN, MSG+8,
ABI, SAC), never by the version string. Warnings name segment numbers and fields, never
passenger values.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from pipeline.edifact.segment import Segment
from pipeline.model import Flight
from pipeline.normalise.dates import ddmmyy, reference_date
from pipeline.normalise.flights import flight_number
from pipeline.paxlst.bags import expand_bag_tags
from pipeline.pnrgov import ssr as layouts
from pipeline.pnrgov.airimp import contact_from_text, phone_digits
from pipeline.pnrgov.model import Address, Agency, BagInfo, Locator
from pipeline.pnrgov.people import Pax
from pipeline.pnrgov.sensitive import SensitiveFilter

PUSH_TYPES = {"22": "full", "141": "update"}
HISTORY = ("gr10", "gr11")
CHECKIN = ("gr6", "gr7")
LEG = ("gr5", "gr6", "gr7")
KNOWN_UNUSED = {"UNH", "FAR", "ERC"}


def _text(seg: Segment, first: int = 1) -> str:
    """Free text of elements ``first``… joined by blanks (wrap lines are separate elements)."""
    parts = [":".join(c.strip() for c in seg.components(i) if c.strip()) for i in range(first, len(seg.elements))]
    return " ".join(" ".join(p for p in parts if p).split())


def tvl_flight(seg: Segment, reference: dt.date | None = None) -> Flight:
    """A TVL as a ``Flight``: ``dep date:dep time:arr date:arr time`` (an arrival *time* in the
    third component when it has four digits; the arrival date is then the departure date),
    origin, destination, carrier, number."""
    dep_date, dep_time = seg.get(0, 0), seg.get(0, 1)
    arr_date, arr_time = seg.get(0, 2), seg.get(0, 3)
    if len(arr_date) == 4 and not arr_time:
        arr_date, arr_time = "", arr_date
    departure = ddmmyy(dep_date, dep_time, reference) if dep_date else None
    arrival = ddmmyy(arr_date or dep_date, arr_time, reference) if (arr_date or (arr_time and dep_date)) else None
    return Flight(
        carrier=seg.code(3, 0) or None,
        number=flight_number(seg.get(4, 0)) if seg.get(4, 0) else None,
        origin=seg.code(1, 0) or None,
        destination=seg.code(2, 0) or None,
        departure_local=departure,
        arrival_local=arrival,
    )


def _locator(comps: tuple[str, ...], reference: dt.date | None) -> Locator:
    c = [x.strip() for x in comps] + [""] * 5
    kind, date, time = c[2], c[3], c[4]
    if len(kind) == 6 and _int(kind) is not None:  # RCI+UA:80F4E3:110318:2220 — date in the type slot
        kind, date, time = "", kind, date
    time = time[:4] if len(time) == 6 and _int(time) is not None else time  # HHMMSS as in RCI+AM:ICOXXX::120413:175500
    created = ddmmyy(date, time, reference) if date else None
    return Locator(c[0].upper() or None, c[1].upper() or None, created, kind.upper() or None)


class Walker:
    """Walks the segments of one PNR unit, collecting the record, travellers and warnings."""

    def __init__(self, segments: list[Segment], reference: dt.date | None, sensitive: SensitiveFilter) -> None:
        self.segments = segments
        self.sensitive = sensitive
        self.warnings: list[str] = []
        self.reference = reference
        self.group = "header"
        self.function: str | None = None
        self.pushed: Flight | None = None
        self.src_seen = False
        self.locators: list[Locator] = []
        self.dates: dict[str, str | None] = {}
        self.agency: Agency | None = None
        self.cancelled = False
        self.addresses: list[Address] = []
        self.emails: list[str] = []
        self.phones: list[str] = []
        self.remarks: list[str] = []
        self.pax: list[Pax] = []
        self.tickets: list[dict[str, object]] = []
        self.payments: list[dict[str, object]] = []
        self.legs: list[dict[str, object]] = []
        self.checkins: list[dict[str, object]] = []
        self.checkin_context: dict[str, object] = {}
        self.bags: list[BagInfo] = []
        self.ssrs: list[tuple[layouts.Ssr, Segment, int | None, int | None]] = []
        self.history: list[dict[str, object]] = []
        self.split_pnrs: list[Locator] = []
        self.split_count: int | None = None
        self.removed = 0
        self.group_name: str | None = None

    def warn(self, seg: Segment, text: str) -> None:
        self.warnings.append(f"segment {seg.number} ({seg.tag}): {text}")

    @property
    def current_pax(self) -> int | None:
        return len(self.pax) - 1 if self.pax and self.group in ("gr2", "gr3", "gr4") else None

    @property
    def current_leg(self) -> int | None:
        return len(self.legs) - 1 if self.legs and self.group in LEG else None

    def walk(self) -> None:
        handlers = {
            "MSG": self.msg_, "ORG": self.org, "TVL": self.tvl, "EQN": self.eqn, "SRC": self.src, "RCI": self.rci,
            "DAT": self.dat, "IFT": self.ift, "ADD": self.add, "EBD": self.ebd, "TIF": self.tif, "FTI": self.fti,
            "REF": self.ref, "SSR": self.ssr, "TKT": self.tkt, "MON": self.mon, "PTK": self.ptk, "TXD": self.txd,
            "FOP": self.fop, "TRA": self.tra, "RPI": self.rpi, "APD": self.apd, "TRI": self.tri, "SSD": self.ssd,
            "TBD": self.tbd, "ABI": self.abi, "SAC": self.sac, "LTS": self.lts,
        }
        for seg in self.segments:
            handler = handlers.get(seg.tag)
            if handler is not None:
                handler(seg)
            elif seg.tag not in KNOWN_UNUSED:
                self.warn(seg, "segment not used in PNRGOV; ignored")

    # level 0 and Gr1 -------------------------------------------------------------------
    def msg_(self, seg: Segment) -> None:
        if not self.src_seen:
            self.function = seg.code(0, 1) or seg.code(0, 0) or None
            if self.function not in PUSH_TYPES:
                self.warn(seg, f"message function {self.function or '(empty)'!r} (expected 22 or 141)")
        elif seg.code(0, 0) == "8":
            self.group = "gr9"
        else:
            self.warn(seg, "field 1: expected 8 (non-air segment) inside a PNR; ignored")

    def src(self, seg: Segment) -> None:
        if self.src_seen:
            self.warn(seg, "second SRC in one PNR unit; data merged")
        self.src_seen = True
        self.group = "gr1"

    def eqn(self, seg: Segment) -> None:
        if not self.src_seen:
            return  # level-0 push total, checked by split_pnrs
        self.group = "gr8"
        value = seg.get(0)
        self.split_count = _int(value)
        if self.split_count is None:
            self.warn(seg, "field 1: expected the number of split PNRs")

    def rci(self, seg: Segment) -> None:
        locs = [_locator(seg.components(i), self.reference) for i in range(len(seg.elements))]
        locs = [x for x in locs if x.locator or x.carrier]
        if self.group == "gr8":
            self.split_pnrs.extend(locs)
        elif self.group in LEG:
            leg = self.legs[-1]
            if locs and not leg.get("operating_locator"):
                leg["operating_locator"] = f"{locs[0].carrier or ''}:{locs[0].locator or ''}"
        elif self.group in HISTORY:
            self._history_item(seg)
        elif not self.locators:
            if not locs:
                self.warn(seg, "field 1: expected carrier:record locator")
            self.locators.extend(locs)
        else:
            self.locators.extend(x for x in locs if x not in self.locators)

    def dat(self, seg: Segment) -> None:
        if not self.src_seen:
            return
        if self.group in HISTORY:
            if self.history:
                self.history[-1]["at"] = ddmmyy(seg.get(0, 1), seg.get(0, 2), self.reference)  # type: ignore
            return
        if self.group in ("gr3", "gr4") and self.tickets:
            for i in range(len(seg.elements)):
                if seg.code(i, 0) == "710":
                    self.tickets[-1]["issued"] = ddmmyy(seg.get(i, 1), seg.get(i, 2), self.reference)
            return
        if self.group in LEG and seg.code(0, 0) in ("2", ""):
            self.group = "gr6"
            at = ddmmyy(seg.get(0, 1), seg.get(0, 2), self.reference) if seg.get(0, 1) else None
            self.checkin_context = {"leg": len(self.legs) - 1, "at": at, "location": None}
            return
        for i in range(len(seg.elements)):
            qualifier, when = seg.code(i, 0), ddmmyy(seg.get(i, 1), seg.get(i, 2), self.reference)
            if qualifier == "700":
                self.dates["last_modified"] = when
            elif qualifier == "710":
                self.dates["ticketed"] = when
            elif qualifier:
                self.dates.setdefault(f"dat_{qualifier}", when)

    def org(self, seg: Segment) -> None:
        if not self.src_seen:
            return  # level-0 sender
        if self.group in CHECKIN:
            loc = ":".join(x for x in (seg.code(0, 0), seg.code(0, 1)) if x)
            self.checkin_context["location"] = loc or None
            return
        if self.group in HISTORY:
            self._history_item(seg)
            return
        if not any(c.strip() for e in seg.elements for c in e):
            self.cancelled = True
            return
        self.agency = Agency(
            crs=seg.code(0, 0) or None, crs_location=seg.code(0, 1) or None,
            iata_number=seg.get(1, 0) or None, office_id=seg.code(1, 1) or None, location=seg.code(2, 0) or None,
            company=seg.code(3, 0) or None, company_location=seg.code(3, 1) or None,
            originator_type=seg.code(4, 0) or None, country=seg.code(5, 0) or None,
            currency=seg.code(5, 1) or None, agent_code=seg.get(6, 0) or None,
        )

    def ift(self, seg: Segment) -> None:
        qualifier, text = seg.code(0, 1), _text(seg)
        if self.group in HISTORY:
            self._history_item(seg)
            return
        if self.group == "gr4" and qualifier == "43" and self.payments:
            pay = self.payments[-1]
            pay["payer"] = " ".join(seg.get(1).upper().split()) or None
            pay["payer_address"] = " ".join(seg.get(2).upper().split()) or None
            pay["payer_phone"] = phone_digits(seg.get(3)) if seg.get(3) else None
            return
        if qualifier == "15" or not text:
            return  # fare calculation line: priced by MON/TXD
        contact = contact_from_text(text.upper())
        if contact is not None:
            self._contact(contact, self.current_pax)
            return
        if self.sensitive.text_is_sensitive(text):
            self.removed += 1
            return
        self.remarks.append(" ".join(text.upper().split()))

    def _contact(self, contact: tuple[str, str], pax: int | None) -> None:
        kind, value = contact
        target = self.pax[pax] if pax is not None else None
        if kind == "email":
            (target.emails if target else self.emails).append(value)
        else:
            (target.phones if target else self.phones).append(value)

    def add(self, seg: Segment) -> None:
        if self.group in HISTORY:
            self._history_item(seg)
            return
        c = [x.strip() for x in seg.components(1)] + [""] * 9
        phone = phone_digits(c[7]) if c[7] else None
        if self.group == "gr4" and self.payments:
            self.payments[-1]["billing_address"] = Address(
                c[0] or None, " ".join(c[1].upper().split()) or None, c[2].upper() or None, c[3].upper() or None,
                c[5].upper() or None, c[6].upper() or None, phone)
            return
        pax = self.current_pax
        address = Address(c[0] or None, " ".join(c[1].upper().split()) or None, c[2].upper() or None,
                          c[3].upper() or None, c[5].upper() or None, c[6].upper() or None, phone,
                          self.pax[pax].tid if pax is not None else None)
        self.addresses.append(address)

    def ebd(self, seg: Segment) -> None:
        pax = self.current_pax
        count = seg.get(1, 0)
        charge = " ".join(x for x in (seg.code(0, 0), seg.get(0, 1)) if x) or None
        self.bags.append(BagInfo(
            leg=None, traveller=self.pax[pax].tid if pax is not None else None,
            count=_int(count), weight=_number(seg.get(1, 1)),
            unit=seg.code(1, 2) or None, excess_charge=charge,
        ))

    # Gr2 travellers ----------------------------------------------------------------------
    def tif(self, seg: Segment) -> None:
        if self.group in CHECKIN:
            self.group = "gr7"
            if self.checkins:
                self.checkins[-1]["tif"] = (seg.get(0, 0).upper(), seg.get(1, 0).upper(), seg.get(1, 2))
            return
        if self.group in HISTORY:
            self._history_item(seg)
            return
        if seg.code(0, 1) == "G" and not seg.get(1, 0):
            self.group = "gr1"
            self.group_name = " ".join(seg.get(0, 0).upper().split()) or None
            return  # a group booking's name (TIF+ACME TEAM PARTY:G), not a traveller
        self.group = "gr2"
        surname, given = seg.get(0, 0), seg.get(1, 0)
        if not surname:
            self.warn(seg, "field 1: traveller without a surname")
        self.pax.append(Pax(
            tif_surname=surname, tif_given=given, pax_type=seg.code(1, 1) or None, tid=seg.get(1, 2).upper() or None,
            infant_indicator=seg.get(1, 3) or None, surname_qualifier=seg.code(0, 1) or None,
        ))

    def fti(self, seg: Segment) -> None:
        pax = self.current_pax
        if pax is None:
            self.warn(seg, "frequent flyer outside a traveller group; ignored")
            return
        number = "".join(seg.get(0, 1).upper().split())
        if number:
            self.pax[pax].frequent_flyer.append(f"{seg.code(0, 0)} {number}".strip())

    def ref(self, seg: Segment) -> None:
        pax = self.current_pax
        if pax is None:
            self.warn(seg, "passenger reference outside a traveller group; ignored")
            return
        value = seg.get(0, 1) or seg.get(0, 0)
        if value:
            self.pax[pax].ref = value.upper()

    def ssr(self, seg: Segment) -> None:
        record = layouts.read_ssr(seg)
        if not record.code:
            self.warn(seg, "field 1: SSR without a code; ignored")
            return
        if self.sensitive.code_is_sensitive(record.code):
            self._removed()
            return
        if self.group in HISTORY:
            self._history_item(seg)
            return
        self.ssrs.append((record, seg, self.current_pax, self.current_leg))

    # Gr3/Gr4 tickets and payment -------------------------------------------------------------
    def tkt(self, seg: Segment) -> None:
        pax = self.current_pax if self.group != "gr1" else None
        self.group = "gr3"
        self.tickets.append({
            "number": seg.get(0, 0) or None, "type": seg.code(0, 1) or None, "coupons": seg.get(0, 2) or None,
            "traveller": self.pax[pax].tid if pax is not None else None,
        })

    def _ticket(self, seg: Segment) -> dict[str, object] | None:
        if self.group not in ("gr3", "gr4") or not self.tickets:
            self.warn(seg, "ticket data outside a ticket group; ignored")
            return None
        return self.tickets[-1]

    def mon(self, seg: Segment) -> None:
        ticket = self._ticket(seg)
        if ticket is None:
            return
        for i in range(len(seg.elements)):
            qualifier, amount, currency = seg.code(i, 0), seg.get(i, 1), seg.code(i, 2)
            if qualifier == "B":
                ticket["base_fare"] = amount or None
            elif qualifier == "T":
                ticket["total_fare"] = amount or None
            if currency:
                ticket["currency"] = currency

    def ptk(self, seg: Segment) -> None:
        ticket = self._ticket(seg)
        if ticket is None:
            return
        ticket["pricing"] = seg.code(0, 0) or None
        if seg.get(2, 0) and not ticket.get("issued"):
            ticket["issued"] = ddmmyy(seg.get(2, 0), seg.get(2, 1), self.reference)
        ticket["issuing_carrier"] = seg.code(3, 0) or None
        ticket["issuing_place"] = seg.code(5, 0) or None

    def txd(self, seg: Segment) -> None:
        ticket = self._ticket(seg)
        if ticket is None:
            return
        taxes = [(seg.code(i, 3), seg.get(i, 0)) for i in range(1, len(seg.elements)) if seg.get(i, 0)]
        ticket["taxes"] = tuple(taxes)

    def fop(self, seg: Segment) -> None:
        ticket = self.tickets[-1] if self.group in ("gr3", "gr4") and self.tickets else None
        self.group = "gr4"
        for i in range(len(seg.elements)):
            if not any(c.strip() for c in seg.components(i)):
                continue
            self.payments.append({
                "type": seg.code(i, 0) or None, "amount": seg.get(i, 2) or None, "card_type": seg.code(i, 3) or None,
                "card_number": seg.get(i, 4).upper() or None, "expiry": seg.get(i, 5) or None,
                "ticket": ticket.get("number") if ticket else None,
            })

    # Gr5–Gr7 itinerary and departure control ---------------------------------------------------
    def tvl(self, seg: Segment) -> None:
        if not self.src_seen:
            self.pushed = tvl_flight(seg, self.reference)
            if self.reference is None:
                self.reference = reference_date(self.pushed.departure_local)
            return
        if self.group in HISTORY:
            self._history_item(seg)
            return
        if self.group in LEG and self.legs and not seg.get(1, 0) and not seg.get(0, 0):
            leg = self.legs[-1]
            leg["operating_number"] = flight_number(seg.get(4, 0)) if seg.get(4, 0) else None
            leg["operating_class"] = seg.code(4, 1) or None
            return
        non_air = self.group == "gr9"
        self.group = "gr9" if non_air else "gr5"
        flight = tvl_flight(seg, self.reference)
        operating = seg.code(3, 1) or None
        if non_air:
            flight = replace(flight, number=seg.get(4, 0).upper() or None)
        self.legs.append({"flight": flight, "booking_class": seg.code(4, 1) or None,
                          "operating_carrier": operating, "non_air": non_air})

    def _leg(self, seg: Segment) -> dict[str, object] | None:
        if self.group not in LEG or not self.legs:
            self.warn(seg, "flight data outside an itinerary group; ignored")
            return None
        return self.legs[-1]

    def tra(self, seg: Segment) -> None:
        leg = self._leg(seg)
        if leg is not None:
            leg["operating_carrier"] = seg.code(0, 0) or None
            leg["operating_number"] = flight_number(seg.get(1, 0)) if seg.get(1, 0) else None
            leg["operating_class"] = seg.code(1, 1) or None

    def rpi(self, seg: Segment) -> None:
        leg = self._leg(seg) if self.group not in HISTORY else None
        if self.group in HISTORY:
            self._history_item(seg)
        elif leg is not None:
            size = seg.get(0, 0)
            leg["party_size"] = _int(size)
            leg["status"] = seg.code(1, 0) or None

    def apd(self, seg: Segment) -> None:
        leg = self._leg(seg)
        if leg is not None:
            leg["equipment"] = seg.code(0, 0) or None

    def tri(self, seg: Segment) -> None:
        if self.group not in CHECKIN:
            self.warn(seg, "TRI outside a check-in group (DAT+2); ignored")
            return
        self.group = "gr7"
        self.checkins.append({**self.checkin_context, "sequence": seg.get(1, 0) or None,
                              "traveller": seg.get(1, 3).upper() or None})

    def ssd(self, seg: Segment) -> None:
        if self.group != "gr7" or not self.checkins:
            self.warn(seg, "SSD outside a checked-in traveller group; ignored")
            return
        seat = seg.code(0, 0)
        self.checkins[-1]["seat"] = seat if seat and seat != "XXX" else None
        self.checkins[-1]["cabin"] = seg.code(4, 0) or None

    def tbd(self, seg: Segment) -> None:
        if self.group in HISTORY:
            self._history_item(seg)
            return
        checkin = self.checkins[-1] if self.group == "gr7" and self.checkins else None
        tags: list[str] = []
        destinations: list[str] = []
        for i in range(4, len(seg.elements)):
            carrier, number, count, dest = seg.code(i, 0), seg.get(i, 1), seg.get(i, 2), seg.code(i, 3)
            if number:
                tags.extend(f"{carrier}{t}" for t in expand_bag_tags(number, count if _int(count) else ""))
            if dest:
                destinations.append(dest)
        count = seg.get(1, 0)
        self.bags.append(BagInfo(
            leg=len(self.legs) - 1 if self.legs and self.group in LEG else None,
            traveller=checkin.get("traveller") if checkin else None,  # type: ignore[arg-type]
            count=_int(count), weight=_number(seg.get(1, 1)),
            unit=seg.code(1, 2) or None, pool=seg.code(3, 0) or None, tags=tuple(dict.fromkeys(tags)),
            destinations=tuple(destinations),
        ))
        if checkin is not None:
            checkin.setdefault("bags", []).append(len(self.bags) - 1)  # type: ignore[union-attr]

    # Gr8–Gr12 history ----------------------------------------------------------------------------
    def abi(self, seg: Segment) -> None:
        self.group = "gr10"
        self.history.append({"kind": "ABI", "office": seg.code(1, 1) or seg.code(1, 0) or None,
                             "text": " ".join(x for x in (seg.code(2, 0), seg.code(4, 0)) if x) or None})

    def sac(self, seg: Segment) -> None:
        self.group = "gr11"
        self.history.append({"kind": "SAC", "action": seg.code(2, 0) or None,
                             "at": self.history[-1].get("at") if self.history else None})

    def _history_item(self, seg: Segment) -> None:
        text = " ".join(
            ":".join(c.strip().upper() for c in e).strip(":") for e in seg.elements
        ).strip()
        if self.sensitive.text_is_sensitive(text):
            self._removed()
            return
        entry = self.history[-1] if self.history else None
        if entry is not None and entry["kind"] == "SAC" and entry.get("tag") is None:
            entry["tag"], entry["text"] = seg.tag, " ".join(text.split()) or None
        else:
            at = entry.get("at") if entry else None
            action = entry.get("action") if entry else None
            self.history.append({"kind": "SAC", "action": action, "at": at, "tag": seg.tag,
                                 "text": " ".join(text.split()) or None})

    def _removed(self) -> None:
        """Count one Art. 13(4) removal; a history change left without its item goes too."""
        self.removed += 1
        last = self.history[-1] if self.history else None
        if self.group in HISTORY and last is not None and last["kind"] == "SAC" and last.get("tag") is None:
            self.history.pop()

    def lts(self, seg: Segment) -> None:
        text = _text(seg, 0)
        if self.sensitive.text_is_sensitive(text):
            self.removed += 1
            return
        self.history.append({"kind": "LTS", "text": text.upper() or None})


def _int(value: str) -> int | None:
    """ASCII digits as an int, else None (``'¹3'.isdigit()`` is True but ``int`` refuses it)."""
    return int(value) if value.isascii() and value.isdigit() else None


def _number(value: str) -> float | None:
    """A decimal number such as a bag weight; None when empty, malformed or not finite."""
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None
