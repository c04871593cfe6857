"""Bookings (PNRs) for one flight: parties, channels, payment, contacts, itineraries, seats, bags.

In: a ``random.Random``, a ``SyntheticFlight`` and the people who fly on it (grouped into
parties by the caller). Out: ``Booking`` records — the generator's own view of a PNR, which
``pipeline.synth.lifecycle`` turns into PNRGOV pushes and API lists. Booking times are UTC,
relative to the flight's departure; no wall clock.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from pipeline.synth.airports import Airport, airport, airports, distance_km, to_local
from pipeline.synth.flights import SyntheticFlight, block_minutes
from pipeline.synth.people import Person

# Transit hubs that normal itineraries never connect through; the watched_transit_hub risk
# pattern plants connections through them. Also written to manifest.json.
WATCHED_HUBS = ("KBL", "MGQ", "MJI", "BGW", "KRT")
CONNECTING_HUBS = ("IST", "DXB", "DOH", "FRA", "AMS", "CDG", "LHR", "ADD", "SIN", "ICN", "ATL", "MAD", "JNB", "PTY")
PAYMENT_TYPES = ("CC", "CA", "MS", "INV")  # card, cash, miles, invoice
CARD_TYPES = ("VI", "CA", "AX")
MEALS = ("VGML", "MOML", "KSML", "HNML", "DBML", "GFML")
LOCATOR_CHARS = "".join(ch for ch in string.ascii_uppercase + string.digits if ch not in "01OI")


@dataclass(frozen=True, slots=True)
class ItineraryLeg:
    """One booked segment; times local at the airports. ``pushed``: the flight being reported."""

    carrier: str
    number: str
    origin: str
    destination: str
    departure_local: datetime
    arrival_local: datetime
    pushed: bool = False
    booking_class: str = "Y"


@dataclass(frozen=True, slots=True)
class Agency:
    """A travel agency (IATA number, office id, city, country) or None for a direct booking."""

    iata_number: str
    office_id: str
    name: str
    city: str
    country: str


@dataclass(frozen=True, slots=True)
class Payment:
    """How the booking was paid: type (CC, CA, MS, INV), card type and number, amount."""

    type: str
    amount: str
    currency: str
    card_type: str | None = None
    card_number: str | None = None
    card_expiry: str | None = None


@dataclass(frozen=True, slots=True)
class BookedTraveller:
    """A person on a booking with their seat, bags, ticket, frequent-flyer number and SSRs."""

    person: Person
    seat: str
    bags: int
    bag_weight_kg: float
    ticket: str
    frequent_flyer: str | None = None
    services: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Booking:
    """A PNR: locator, creation time (UTC), channel, payment, contact, itinerary, travellers.

    ``cancelled_at`` (UTC) is set for a booking cancelled before departure; ``group_name``
    for group bookings (ten travellers or more).
    """

    locator: str
    carrier: str
    created_utc: datetime
    agency: Agency | None
    payment: Payment
    email: str
    phone: str
    address: tuple[str, str, str]
    itinerary: tuple[ItineraryLeg, ...]
    travellers: tuple[BookedTraveller, ...]
    group_name: str | None = None
    cancelled_at: datetime | None = None

    @property
    def one_way(self) -> bool:
        return len(self.itinerary) == 1

    @property
    def pushed_leg(self) -> int:
        return next(i for i, leg in enumerate(self.itinerary) if leg.pushed)


def locator(rng: random.Random) -> str:
    """A six-character record locator without the look-alikes 0/O and 1/I."""
    return "".join(rng.choice(LOCATOR_CHARS) for _ in range(6))


def luhn_complete(prefix: str) -> str:
    """``prefix`` with the Luhn check digit appended."""
    total = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return prefix + str((10 - total % 10) % 10)


def card_number(rng: random.Random, card_type: str) -> str:
    """A Luhn-valid synthetic card number in the test range of its network."""
    prefix = {"VI": "4000", "CA": "5100", "AX": "3700"}[card_type]
    length = 15 if card_type == "AX" else 16
    return luhn_complete(prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1)))


def make_agency(rng: random.Random, near: Airport) -> Agency:
    number = f"{rng.randrange(10, 99)}{rng.randrange(100000, 999999)}"
    office = f"{near.iata}{rng.choice(('1A', '1S', '1G', '1P'))}{rng.randrange(1000, 9999)}"
    name = rng.choice(("GLOBAL", "SUNRISE", "ATLAS", "CROWN", "PEARL", "NOMAD", "HORIZON", "SKYLINE", "ORIENT")) \
        + " " + rng.choice(("TRAVEL", "TOURS", "VOYAGES", "HOLIDAYS", "AGENCY"))
    return Agency(number, office, name, near.city.upper(), near.country)


def make_payment(rng: random.Random, kind: str, fare: float, currency: str) -> Payment:
    if kind == "CC":
        card_type = rng.choice(CARD_TYPES)
        return Payment("CC", f"{fare:.2f}", currency, card_type, card_number(rng, card_type),
                       f"{rng.randrange(1, 13):02d}{rng.randrange(27, 32)}")
    return Payment(kind, f"{fare:.2f}" if kind != "MS" else f"{int(fare * 80)}", currency if kind != "MS" else "MLS")


def _leg(carrier: str, number: str, origin: Airport, destination: Airport, dep_utc: datetime, pushed: bool = False,
         booking_class: str = "Y") -> ItineraryLeg:
    arr_utc = dep_utc + timedelta(minutes=block_minutes(distance_km(origin, destination)))
    return ItineraryLeg(carrier, number, origin.iata, destination.iata, to_local(dep_utc, origin),
                        to_local(arr_utc, destination), pushed, booking_class)


def pushed_leg(flight: SyntheticFlight, booking_class: str = "Y") -> ItineraryLeg:
    return ItineraryLeg(flight.carrier.code, flight.number, flight.origin.iata, flight.destination.iata,
                        flight.departure_local, flight.arrival_local, True, booking_class)


def inbound_connection(rng: random.Random, flight: SyntheticFlight, via_from: str | None = None) -> ItineraryLeg | None:
    """A feeder leg arriving at the flight's origin 1.5-5 h before departure (from ``via_from`` when given)."""
    if via_from is None:
        candidates = [a for a in CONNECTING_HUBS if a not in (flight.origin.iata, flight.destination.iata)]
        if flight.origin.iata in WATCHED_HUBS or not candidates:
            return None
        via_from = rng.choice(candidates)
    start = airport(via_from)
    block = block_minutes(distance_km(start, flight.origin))
    dep_utc = flight.departure_utc - timedelta(minutes=block + rng.randrange(90, 300, 5))
    return _leg(flight.carrier.code, str(rng.randrange(100, 3000)), start, flight.origin, dep_utc)


def onward_connection(rng: random.Random, flight: SyntheticFlight) -> ItineraryLeg | None:
    """A leg leaving the flight's destination 1.5-6 h after arrival to another country's airport."""
    if flight.destination.iata in WATCHED_HUBS:
        return None
    others = [a for a in airports().values() if a.country != flight.destination.country
              and a.iata not in WATCHED_HUBS and a.iata != flight.origin.iata]
    end = rng.choice(others)
    arr_utc = flight.departure_utc + timedelta(minutes=block_minutes(distance_km(flight.origin, flight.destination)))
    return _leg(flight.carrier.code, str(rng.randrange(100, 3000)), flight.destination, end,
                arr_utc + timedelta(minutes=rng.randrange(90, 360, 5)))


def return_leg(rng: random.Random, flight: SyntheticFlight) -> ItineraryLeg:
    """The return flight 2-30 days later, same carrier."""
    dep = flight.departure_utc + timedelta(days=rng.randrange(2, 31), minutes=rng.randrange(-300, 300, 5))
    number = str(int(flight.number) + 1)
    return _leg(flight.carrier.code, number, flight.destination, flight.origin, dep)


def seat_map(rng: random.Random, flight: SyntheticFlight) -> list[str]:
    """Seat labels of the aircraft in a shuffled block order (parties take consecutive labels)."""
    letters = "ABCDEFGHJK"[: 10 if flight.aircraft.seats > 250 else 6]
    rows = flight.aircraft.seats // len(letters) + 1
    return [f"{row}{letter}" for row in range(1, rows + 1) for letter in letters]


def make_booking(rng: random.Random, flight: SyntheticFlight, party: list[Person], seats: list[str], *,
                 created_utc: datetime | None = None, payment_type: str | None = None, one_way: bool | None = None,
                 via_from: str | None = None, phone: str | None = None, card: Payment | None = None,
                 channel: str | None = None, connections: bool = True) -> Booking:
    """A booking for ``party`` (lead first) on ``flight``; keyword arguments force the draws that
    risk patterns rely on (``connections=False``: no feeder or onward leg). ``seats`` is consumed
    from its end. Cash is drawn only for bookings made more than 72 h before departure."""
    lead = party[0]
    if created_utc is None:
        hours = min(24 * 330, max(73.0, rng.lognormvariate(6.2, 1.0)))
        if rng.random() < 0.06:
            hours = rng.uniform(4, 72)
        created_utc = flight.departure_utc - timedelta(hours=hours, minutes=rng.randrange(60))
    agency = make_agency(rng, flight.origin) if (channel or ("agency" if rng.random() < 0.45 else "direct")) \
        == "agency" else None
    late = created_utc > flight.departure_utc - timedelta(hours=72)
    if payment_type is None:
        payment_type = rng.choices(("CC", "MS", "INV", "CA"), (80, 8, 10, 2))[0]
        if (payment_type == "INV" and agency is None) or (payment_type == "CA" and late):
            payment_type = "CC"  # late cash bookings are left to the planted risk pattern
    legs: list[ItineraryLeg] = []
    feeder = None
    if connections and (via_from or rng.random() < 0.22):
        feeder = inbound_connection(rng, flight, via_from)
    if feeder is not None:
        legs.append(feeder)
    legs.append(pushed_leg(flight, rng.choice("YYYYBMHKQJC")))
    if one_way is None:
        one_way = rng.random() < 0.3
    if not one_way:
        if connections and via_from is None and rng.random() < 0.12:
            onward = onward_connection(rng, flight)
            if onward is not None:
                legs.append(onward)
        legs.append(return_leg(rng, flight))
    fare = rng.uniform(90, 2400) * len(party)
    payment = card or make_payment(rng, payment_type, fare, "USD")
    travellers = []
    for person in party:
        bags = rng.choices((0, 1, 2, 3), (25, 50, 20, 5))[0]
        services: list[tuple[str, str]] = []
        if rng.random() < 0.05:
            services.append((rng.choice(MEALS), ""))
        if rng.random() < 0.01:
            services.append(("WCHR", ""))
        ff = f"{flight.carrier.code}{rng.randrange(10**8, 10**9)}" if rng.random() < 0.3 else None
        travellers.append(BookedTraveller(
            person=person, seat=seats.pop() if seats else "", bags=bags,
            bag_weight_kg=float(bags * rng.randrange(12, 24)) if bags else 0.0,
            ticket=f"{rng.randrange(100, 999)}{rng.randrange(10**9, 10**10)}", frequent_flyer=ff,
            services=tuple(services),
        ))
    group = f"GRP{lead.sent_surname.split()[0][:10]}" if len(party) >= 10 else None
    return Booking(
        locator=locator(rng), carrier=flight.carrier.code, created_utc=created_utc, agency=agency, payment=payment,
        email=lead.email, phone=phone or lead.phone, address=lead.address, itinerary=tuple(legs),
        travellers=tuple(travellers), group_name=group,
    )


def party_sizes(rng: random.Random, total: int) -> list[int]:
    """Party sizes summing to ``total``: mostly singles and couples, some families, a few groups."""
    sizes: list[int] = []
    left = total
    while left > 0:
        if left >= 20 and rng.random() < 0.03:
            n = rng.randrange(10, 21)
        else:
            n = rng.choices((1, 2, 3, 4, 5, 6), (52, 26, 9, 8, 3, 2))[0]
        n = min(n, left)
        sizes.append(n)
        left -= n
    return sizes
