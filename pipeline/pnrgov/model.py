"""The booking record of one PNR (``Message.pnr`` for kind ``pnr``), as frozen dataclasses.

``Pnr.to_json()`` is part of the stable message contract: keys may be added, never renamed or
removed. Dates are ISO text (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``); DAT times are UTC, TVL
times local at the airport. Travellers are not in here: they are the message's ``travellers``
(``Traveller.references["TID"]`` is the PNR traveller reference that other parts point to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.model import Flight


@dataclass(frozen=True, slots=True)
class Locator:
    """A record locator (RCI): the airline's own or another carrier's / CRS's."""

    carrier: str | None = None
    locator: str | None = None
    created: str | None = None
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"carrier": self.carrier, "locator": self.locator, "created": self.created, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Agency:
    """The booking originator (Gr1 ORG), by element position of the IG."""

    crs: str | None = None
    crs_location: str | None = None
    iata_number: str | None = None
    office_id: str | None = None
    location: str | None = None
    company: str | None = None
    company_location: str | None = None
    originator_type: str | None = None
    country: str | None = None
    currency: str | None = None
    agent_code: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "crs": self.crs, "crs_location": self.crs_location, "iata_number": self.iata_number,
            "office_id": self.office_id, "location": self.location, "company": self.company,
            "company_location": self.company_location, "originator_type": self.originator_type,
            "country": self.country, "currency": self.currency, "agent_code": self.agent_code,
        }


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address (ADD, SSR DOCA). ``kind``: ADD purpose code (700 home, 702 …) or DOCA D/R."""

    kind: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    postcode: str | None = None
    phone: str | None = None
    traveller: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "street": self.street, "city": self.city, "state": self.state,
            "country": self.country, "postcode": self.postcode, "phone": self.phone, "traveller": self.traveller,
        }


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment (Gr4 FOP + IFT 4:43 payer + billing ADD). Card numbers as sent (masked)."""

    type: str | None = None
    card_type: str | None = None
    card_number: str | None = None
    amount: str | None = None
    expiry: str | None = None
    payer: str | None = None
    payer_address: str | None = None
    payer_phone: str | None = None
    billing_address: Address | None = None
    ticket: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type, "card_type": self.card_type, "card_number": self.card_number,
            "amount": self.amount, "expiry": self.expiry, "payer": self.payer,
            "payer_address": self.payer_address, "payer_phone": self.payer_phone,
            "billing_address": self.billing_address.to_json() if self.billing_address else None,
            "ticket": self.ticket,
        }


@dataclass(frozen=True, slots=True)
class Ticket:
    """A ticket (Gr3 TKT) with its fare (MON), pricing (PTK), taxes (TXD) and issue date (DAT 710);
    ``source`` ``TKNE`` for a ticket number known only from an SSR TKNE (``type`` INF: infant)."""

    number: str | None = None
    type: str | None = None
    coupons: str | None = None
    traveller: str | None = None
    base_fare: str | None = None
    total_fare: str | None = None
    currency: str | None = None
    taxes: tuple[tuple[str, str], ...] = ()
    issued: str | None = None
    issuing_carrier: str | None = None
    issuing_place: str | None = None
    pricing: str | None = None
    source: str = "TKT"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "type": self.type, "coupons": self.coupons, "traveller": self.traveller,
            "base_fare": self.base_fare, "total_fare": self.total_fare, "currency": self.currency,
            "taxes": [{"code": c, "amount": a} for c, a in self.taxes], "issued": self.issued,
            "issuing_carrier": self.issuing_carrier, "issuing_place": self.issuing_place, "pricing": self.pricing,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Leg:
    """One itinerary segment (Gr5 TVL): the marketing flight plus booking data.

    ``flight`` is the canonical ``Flight``; the JSON form is the FLIGHT form with extra keys.
    ``operating_*`` come from a second ``TVL+++++`` (before 14.1) or ``TRA`` (14.1 on).
    """

    flight: Flight
    booking_class: str | None = None
    operating_carrier: str | None = None
    operating_number: str | None = None
    operating_class: str | None = None
    status: str | None = None
    party_size: int | None = None
    equipment: str | None = None
    operating_locator: str | None = None
    pushed: bool = False
    non_air: bool = False

    def to_json(self) -> dict[str, Any]:
        return self.flight.to_json() | {
            "booking_class": self.booking_class, "operating_carrier": self.operating_carrier,
            "operating_number": self.operating_number, "operating_class": self.operating_class,
            "status": self.status, "party_size": self.party_size, "equipment": self.equipment,
            "operating_locator": self.operating_locator, "pushed": self.pushed, "non_air": self.non_air,
        }


@dataclass(frozen=True, slots=True)
class BagInfo:
    """Checked bags of one traveller on one leg (Gr7 TBD), or excess baggage (EBD: ``leg`` None,
    ``excess_charge`` such as ``GBP 40.00``, ``unit`` the EBD unit qualifier)."""

    leg: int | None = None
    traveller: str | None = None
    count: int | None = None
    weight: float | None = None
    unit: str | None = None
    pool: str | None = None
    tags: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    excess_charge: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "leg": self.leg, "traveller": self.traveller, "count": self.count, "weight": self.weight,
            "unit": self.unit, "pool": self.pool, "tags": list(self.tags), "destinations": list(self.destinations),
            "excess_charge": self.excess_charge,
        }


@dataclass(frozen=True, slots=True)
class CheckIn:
    """Departure-control data of one traveller on one leg (Gr6 DAT+2 / ORG, Gr7 TRI / SSD)."""

    leg: int | None = None
    traveller: str | None = None
    at: str | None = None
    location: str | None = None
    sequence: str | None = None
    seat: str | None = None
    cabin: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "leg": self.leg, "traveller": self.traveller, "at": self.at, "location": self.location,
            "sequence": self.sequence, "seat": self.seat, "cabin": self.cabin,
        }


@dataclass(frozen=True, slots=True)
class SeatRequest:
    """A booked seat (Gr5 SSR SEAT/RQST)."""

    leg: int | None = None
    traveller: str | None = None
    seat: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"leg": self.leg, "traveller": self.traveller, "seat": self.seat}


@dataclass(frozen=True, slots=True)
class Service:
    """A special service request that is neither a document, a contact nor sensitive data."""

    code: str
    status: str | None = None
    traveller: str | None = None
    leg: int | None = None
    text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "status": self.status, "traveller": self.traveller, "leg": self.leg,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One history item: an ``ABI`` header, a ``SAC`` change (action X/A/C + the changed
    segment's tag and values) or an ``LTS`` text line."""

    kind: str
    action: str | None = None
    at: str | None = None
    office: str | None = None
    tag: str | None = None
    text: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "action": self.action, "at": self.at, "office": self.office, "tag": self.tag,
                "text": self.text}


@dataclass(frozen=True, slots=True)
class Pnr:
    """One booking record. ``cancelled``: an update push sent it with an empty ORG (cancelled,
    or no longer on the pushed flight). ``push``: ``full`` (MSG 22), ``update`` (141) or None."""

    locator: str | None = None
    carrier: str | None = None
    created: str | None = None
    last_modified: str | None = None
    ticketed: str | None = None
    other_locators: tuple[Locator, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    agency: Agency | None = None
    payment: tuple[Payment, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    itinerary: tuple[Leg, ...] = ()
    bags: tuple[BagInfo, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    seats: tuple[SeatRequest, ...] = ()
    services: tuple[Service, ...] = ()
    remarks: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    split_pnrs: tuple[Locator, ...] = ()
    split_count: int | None = None
    co_travellers: int = 0
    group_name: str | None = None
    cancelled: bool = False
    push: str | None = None
    sensitive_removed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "locator": self.locator,
            "carrier": self.carrier,
            "created": self.created,
            "last_modified": self.last_modified,
            "ticketed": self.ticketed,
            "other_locators": [x.to_json() for x in self.other_locators],
            "emails": list(self.emails),
            "phones": list(self.phones),
            "addresses": [a.to_json() for a in self.addresses],
            "agency": self.agency.to_json() if self.agency else None,
            "payment": [p.to_json() for p in self.payment],
            "tickets": [t.to_json() for t in self.tickets],
            "itinerary": [leg.to_json() for leg in self.itinerary],
            "bags": [b.to_json() for b in self.bags],
            "checkins": [c.to_json() for c in self.checkins],
            "seats": [s.to_json() for s in self.seats],
            "services": [s.to_json() for s in self.services],
            "remarks": list(self.remarks),
            "history": [h.to_json() for h in self.history],
            "split_pnrs": [x.to_json() for x in self.split_pnrs],
            "split_count": self.split_count,
            "co_travellers": self.co_travellers,
            "group_name": self.group_name,
            "cancelled": self.cancelled,
            "push": self.push,
            "sensitive_removed": self.sensitive_removed,
        }
