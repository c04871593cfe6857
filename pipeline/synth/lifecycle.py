"""The message life cycle of one flight: API lists and PNR pushes, built in the canonical model.

In: a ``random.Random``, the ``SyntheticFlight``, its ``Booking``s and crew. Out:
``Outgoing`` items — a file name, the ground-truth person ids inside, and a ``render(seps)``
that writes the message with the project's writers (``pipeline.paxlst.writer``,
``pipeline.pnrgov.writer``). The caller chooses quirks and separators and stores the bytes.

API (PAXLST, D02B or D05B per flight): crew list ``250:C``; initial passenger list ``745``
(multi-part when long, UNH S010 ``01:C`` … ``nn:F`` with a common access reference); late
check-ins ``745:CP``; offloads ``745:XR``; a close-out ``266:CLOB`` (boarded) or
``266:CLNB`` (not boarded).

PNR (PNRGOV 11.1 or 13.1 per flight, EDIFACT or — for a fifth of the flights — XML): a full push (MSG 22) at T-72 h with the bookings
made by then, an update push (MSG 141) at T-24 h with new and changed bookings and the
cancelled ones (empty ORG), and an update push at departure with the bookings made after T-24 h.
Every booking is therefore pushed at least once.
"""

from __future__ import annotations

import hashlib

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pipeline.edifact.separators import Separators
from pipeline.model import Flight, Message, MessageSource, Role, TravelDocument, Traveller
from pipeline.paxlst.writer import write_paxlst
from pipeline.pnrgov import model as pnrmodel
from pipeline.pnrgov.writer import write_pnrgov
from pipeline.pnrgov.xml_writer import write_pnrgov_xml
from pipeline.synth.bookings import BookedTraveller, Booking
from pipeline.synth.flights import SyntheticFlight
from pipeline.synth.people import Person


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One file to write: its name within the flight's folder, the message kind, the person ids
    it carries and how to render it with given separators."""

    name: str
    kind: str
    person_ids: frozenset[str]
    render: Callable[[Separators], str]
    flight_tag: str = "TDT"
    suffix: str = ".edi"


@dataclass(slots=True)
class FlightStatus:
    """Who is on the flight when: initial list, late check-ins, offloads and no-shows."""

    initial: list[BookedTraveller] = field(default_factory=list)
    late: list[BookedTraveller] = field(default_factory=list)
    offloaded: list[BookedTraveller] = field(default_factory=list)
    no_show: list[BookedTraveller] = field(default_factory=list)


def iso_minutes(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M")


def api_flight(flight: SyntheticFlight) -> Flight:
    return Flight(flight.carrier.code, flight.number, flight.origin.iata, flight.destination.iata,
                  iso_minutes(flight.departure_local), iso_minutes(flight.arrival_local))


def travel_document(person: Person) -> TravelDocument:
    doc = person.document
    return TravelDocument(doc.type, doc.number, doc.country, doc.expiry.isoformat(), None)


def api_traveller(rng: random.Random, booked: BookedTraveller, booking: Booking, d05b: bool,
                  to_usa: bool) -> Traveller:
    """A booked passenger as the airline reports them in PAXLST."""
    p = booked.person
    legs = booking.itinerary
    pushed = booking.pushed_leg
    onward = len(legs) > pushed + 1 and legs[pushed + 1].origin == legs[pushed].destination \
        and legs[pushed + 1].destination != legs[0].origin
    role: Role = "transit_passenger" if onward else "passenger"
    journey_end = legs[pushed + 1].destination if onward else legs[pushed].destination
    tags: tuple[str, ...] = ()
    if d05b and booked.bags:
        first = rng.randrange(100000, 999000)
        tags = tuple(f"{booking.carrier}{first + i:06d}" for i in range(booked.bags))
    return Traveller(
        role=role, surname=p.sent_surname, given_names=p.sent_given or None, date_of_birth=p.sent_birth,
        gender=p.gender, nationality=p.nationality, residence_country=p.residence,
        embarkation=legs[0].origin, debarkation=journey_end, documents=(travel_document(p),),
        pnr_locator=booking.locator, seat=booked.seat or None,
        bags=booked.bags if d05b else None, bag_weight_kg=booked.bag_weight_kg if d05b and booked.bags else None,
        bag_tags=tags, verified=True if d05b else None,
        phones=(p.phone,) if d05b and rng.random() < 0.3 else (),
        address=p.address[0] if to_usa else None,
        references=(("ABO", p.person_id),),
    )


def crew_traveller(person: Person, function: str) -> Traveller:
    return Traveller(
        role="crew", surname=person.sent_surname, given_names=person.sent_given or None, date_of_birth=person.sent_birth,
        gender=person.gender, nationality=person.nationality, residence_country=person.residence,
        documents=(travel_document(person),), crew_function=function, birth_place=person.birth_country,
        references=(("ABO", person.person_id),),
    )


def flight_status(rng: random.Random, bookings: list[Booking]) -> FlightStatus:
    """Split the flying travellers: 3 % late check-ins (CP), 1 % offloaded (XR), 2 % no-shows."""
    status = FlightStatus()
    for booking in bookings:
        if booking.cancelled_at is not None:
            continue
        late = rng.random() < 0.03
        for booked in booking.travellers:
            (status.late if late else status.initial).append(booked)
    for booked in list(status.initial):
        r = rng.random()
        if r < 0.01:
            status.offloaded.append(booked)
        elif r < 0.03:
            status.no_show.append(booked)
    return status


def api_messages(rng: random.Random, flight: SyntheticFlight, bookings: list[Booking], crew: list[Person],
                 *, interchange_base: str, part_size: int = 120) -> tuple[list[Outgoing], FlightStatus]:
    """Every PAXLST file of the flight, in transmission order, and who flew."""
    d05b = rng.random() < 0.6
    version = "D:05B" if d05b else "D:02B"
    to_usa = flight.destination.country == "USA"
    owner = {id(t): b for b in bookings for t in b.travellers}
    status = flight_status(rng, bookings)
    leg = api_flight(flight)
    dep = flight.departure_utc.replace(tzinfo=None)
    common = f"{flight.designator}/{flight.departure_local:%y%m%d}/{flight.departure_local:%H%M}"
    sender, recipient = f"{flight.carrier.code}APIS", f"{flight.destination.country}PIU"
    out: list[Outgoing] = []
    counter = [0]

    def add(name: str, function: str, travellers: list[Traveller], sent: datetime,
            part: int | None = None, final: bool | None = None) -> None:
        counter[0] += 1
        ref = f"{interchange_base}{counter[0]:02d}"
        source = MessageSource(sender=sender, recipient=recipient, interchange_ref=ref, message_ref=ref,
                               sent_at=iso_minutes(sent), version=version, function=function,
                               common_access_ref=common if part is not None else None, part=part, final=final)
        message = Message(kind="api", source=source, flights=(leg,), travellers=tuple(travellers), primary_leg=0)
        group = d05b or rng.random() < 0.5
        ids = frozenset(dict(t.references)["ABO"] for t in travellers)

        def render(seps: Separators, message: Message = message, group: bool = group) -> str:
            return write_paxlst(message, seps=seps, two_digit_years=not d05b, group=group)
        out.append(Outgoing(name, "api", ids, render))

    reported = {id(t): api_traveller(rng, t, owner[id(t)], d05b, to_usa) for t in status.initial + status.late}

    def pax(items: list[BookedTraveller]) -> list[Traveller]:
        return [reported[id(t)] for t in items]

    crew_list = [crew_traveller(p, "CR1" if i < 2 else "CR2") for i, p in enumerate(crew)]
    add("01_crew", "250:C", crew_list, dep - timedelta(minutes=75))
    initial = pax(status.initial)
    parts = [initial[i:i + part_size] for i in range(0, len(initial), part_size)] or [[]]
    for n, chunk in enumerate(parts, start=1):
        if len(parts) == 1:
            add("02_pax", "745", chunk, dep - timedelta(minutes=45))
        else:
            add(f"02_pax_p{n:02d}", "745", chunk, dep - timedelta(minutes=45), part=n,
                final=True if n == len(parts) else (False if n == 1 else None))
    if status.late:
        add("03_pax_cp", "745:CP", pax(status.late), dep - timedelta(minutes=20))
    if status.offloaded:
        add("04_pax_xr", "745:XR", pax(status.offloaded), dep - timedelta(minutes=12))
    gone = {id(t) for t in status.offloaded + status.no_show}
    if status.no_show and rng.random() < 0.5:
        add("05_closeout", "266:CLNB", pax(status.no_show), dep + timedelta(minutes=15))
    else:
        boarded = [t for t in status.initial + status.late if id(t) not in gone]
        add("05_closeout", "266:CLOB", pax(boarded), dep + timedelta(minutes=15))
    return out, status


def _utc_iso(when: datetime) -> str:
    return iso_minutes(when.replace(tzinfo=None))


def pnr_traveller(booked: BookedTraveller, tid: str) -> Traveller:
    """A booked traveller as PNRGOV carries them (TIF, FTI, REF, SSR DOCS)."""
    p = booked.person
    return Traveller(
        surname=p.sent_surname, given_names=p.sent_given or None, date_of_birth=p.sent_birth, gender=p.gender,
        nationality=p.nationality, documents=(travel_document(p),),
        frequent_flyer=(f"{booked.frequent_flyer[:2]} {booked.frequent_flyer[2:]}",) if booked.frequent_flyer else (),
        references=(("REF", p.person_id), ("TID", tid)),
    )


def departure_control(booking: Booking, tids: list[str], checked_in_at: datetime
                      ) -> tuple[tuple[pnrmodel.CheckIn, ...], tuple[pnrmodel.BagInfo, ...]]:
    """Check-in records and checked bags (PNRGOV Gr6/Gr7: DAT+2, TRI, SSD, TBD) of the pushed leg.

    Bag tags are derived from the locator and traveller reference (no draw from the generator's
    random stream, so adding departure-control data changes nothing else in the output)."""
    pushed = booking.pushed_leg
    origin = booking.itinerary[pushed].origin
    checkins, bags = [], []
    for seq, (t, tid) in enumerate(zip(booking.travellers, tids, strict=True), start=1):
        checkins.append(pnrmodel.CheckIn(leg=pushed, traveller=tid, at=_utc_iso(checked_in_at), location=origin,
                                         sequence=str(seq), seat=t.seat or None, cabin="Y"))
        if t.bags:
            digest = int(hashlib.sha256(f"{booking.locator}/{tid}".encode()).hexdigest()[:8], 16)
            first = 100000 + digest % 899000
            bags.append(pnrmodel.BagInfo(leg=pushed, traveller=tid, count=t.bags, weight=t.bag_weight_kg, unit="700",
                                         tags=tuple(f"{booking.carrier}{first + i:06d}" for i in range(t.bags))))
    return tuple(checkins), tuple(bags)


def pnr_record(booking: Booking, cancelled: bool, modified: datetime | None, checked_in_at: datetime | None = None
               ) -> tuple[pnrmodel.Pnr, tuple[Traveller, ...]]:
    """The booking in the PNRGOV model (``pipeline.pnrgov.model``) with its travellers; with
    ``checked_in_at`` (the push at departure) also its check-in records and checked bags."""
    tids = [str(i + 1) for i in range(len(booking.travellers))]
    travellers = tuple(pnr_traveller(t, tid) for t, tid in zip(booking.travellers, tids, strict=True))
    legs = tuple(
        pnrmodel.Leg(
            flight=Flight(leg.carrier, leg.number, leg.origin, leg.destination, iso_minutes(leg.departure_local),
                          iso_minutes(leg.arrival_local)),
            booking_class=leg.booking_class, status="HK", party_size=len(booking.travellers), pushed=leg.pushed,
        )
        for leg in booking.itinerary
    )
    a = booking.agency
    agency = pnrmodel.Agency(crs="1A", iata_number=a.iata_number, office_id=a.office_id, location=a.city,
                             originator_type="T", country=a.country, currency="USD") if a else \
        pnrmodel.Agency(crs=booking.carrier, office_id=f"{booking.carrier}WEB", location="WEB", originator_type="E")
    pay = booking.payment
    payment = pnrmodel.Payment(type=pay.type, card_type=pay.card_type, card_number=pay.card_number, amount=pay.amount,
                               expiry=pay.card_expiry)
    tickets = tuple(pnrmodel.Ticket(number=t.ticket, type="T", traveller=tid, total_fare=pay.amount,
                                    currency=pay.currency, issued=_utc_iso(booking.created_utc))
                    for t, tid in zip(booking.travellers, tids, strict=True))
    pushed = booking.pushed_leg
    seats = tuple(pnrmodel.SeatRequest(leg=pushed, traveller=tid, seat=t.seat)
                  for t, tid in zip(booking.travellers, tids, strict=True) if t.seat)
    services = tuple(pnrmodel.Service(code=code, status="HK", traveller=tid, text=text or None)
                     for t, tid in zip(booking.travellers, tids, strict=True) for code, text in t.services)
    street, city, country = booking.address
    checkins, bags = departure_control(booking, tids, checked_in_at) if checked_in_at and not cancelled else ((), ())
    record = pnrmodel.Pnr(
        locator=booking.locator, carrier=booking.carrier, created=_utc_iso(booking.created_utc),
        last_modified=_utc_iso(modified) if modified else None, ticketed=_utc_iso(booking.created_utc),
        emails=(booking.email,), phones=(booking.phone,),
        addresses=(pnrmodel.Address(kind="700", street=street, city=city, country=country),),
        agency=agency, payment=(payment,), tickets=tickets, itinerary=legs, seats=seats, services=services,
        group_name=booking.group_name, cancelled=cancelled, checkins=checkins, bags=bags,
    )
    return record, travellers


def pnr_messages(rng: random.Random, flight: SyntheticFlight, bookings: list[Booking], *,
                 interchange_base: str, xml_share: float = 0.2) -> list[Outgoing]:
    """The PNRGOV pushes of the flight (T-72 h full, T-24 h update, departure update); a push with
    nothing to send is left out. With probability ``xml_share`` the carrier pushes PNRGOV XML."""
    version = rng.choice(("11:1", "13:1"))
    xml = rng.random() < xml_share
    dep = flight.departure_utc
    leg = api_flight(flight)
    t72, t24 = dep - timedelta(hours=72), dep - timedelta(hours=24)
    changed = {b.locator for b in bookings if rng.random() < 0.1}
    pushes: list[tuple[str, str, datetime, list[tuple[Booking, bool, datetime | None]]]] = [
        ("01_t72_full", "22", t72, [(b, False, None) for b in bookings if b.created_utc <= t72]),
        ("02_t24_update", "141", t24, [
            (b, b.cancelled_at is not None and b.cancelled_at <= t24,
             b.cancelled_at if b.cancelled_at is not None else (t24 - timedelta(hours=3)))
            for b in bookings
            if (t72 < b.created_utc <= t24 and b.cancelled_at is None) or (
                b.cancelled_at is not None and t72 < b.cancelled_at <= t24) or (
                b.created_utc <= t72 and b.locator in changed and b.cancelled_at is None)
        ]),
        ("03_t0_update", "141", dep, [(b, False, b.created_utc) for b in bookings
                                       if b.cancelled_at is None and b.created_utc > t24]),
    ]
    out: list[Outgoing] = []
    for n, (name, function, sent, chosen) in enumerate(pushes, start=1):
        if not chosen:
            continue
        checked_in_at = dep - timedelta(hours=2) if function == "141" and sent == dep else None
        records = [pnr_record(b, cancelled, modified, checked_in_at) for b, cancelled, modified in chosen]
        ids = frozenset(dict(t.references)["REF"] for _, travellers in records for t in travellers)
        ref = f"{interchange_base}{n:02d}"
        stamp = (f"{sent:%y%m%d}", f"{sent:%H%M}")

        def render(seps: Separators, records: list = records, function: str = function, ref: str = ref,
                   stamp: tuple[str, str] = stamp, sent: datetime = sent) -> str:  # type: ignore[type-arg]
            if xml:
                return write_pnrgov_xml(records, leg, function=function, version=version.replace(":", "."),
                                        timestamp=_utc_iso(sent), echo_token=ref)
            return write_pnrgov(records, leg, function=function, recipient=f"{flight.destination.country}PIU",
                                version=version, interchange_ref=ref, message_ref=ref, sent=stamp, seps=seps)
        out.append(Outgoing(name, "pnr", ids, render, flight_tag="TVL", suffix=".xml" if xml else ".edi"))
    return out
