"""Synthetic flights: a carrier, a real international route, a schedule, an aircraft and a load.

In: a ``random.Random`` and the first day of the schedule. Out: ``SyntheticFlight`` records
whose local times come from the bundled airport time zones (block time from great-circle
distance) and whose aircraft size suits the distance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from pipeline.synth.airports import Airport, airport, airports, distance_km, to_local, to_utc
from pipeline.synth.carriers import CARRIERS, Carrier


@dataclass(frozen=True, slots=True)
class Aircraft:
    """An aircraft type with its typical seat count and the stage lengths it serves (km)."""

    type: str
    seats: int
    min_km: float
    max_km: float


AIRCRAFT: tuple[Aircraft, ...] = (
    Aircraft("E190", 100, 0, 3500),
    Aircraft("A220", 130, 0, 5000),
    Aircraft("A320", 174, 0, 5500),
    Aircraft("B738", 186, 0, 5500),
    Aircraft("A321", 200, 0, 6500),
    Aircraft("B788", 248, 3000, 14000),
    Aircraft("A332", 260, 2500, 13000),
    Aircraft("B789", 290, 3000, 14500),
    Aircraft("A359", 320, 3000, 16000),
    Aircraft("B77W", 360, 4000, 15000),
    Aircraft("A388", 480, 5000, 15500),
)


@dataclass(frozen=True, slots=True)
class SyntheticFlight:
    """One scheduled international leg with its aircraft and the number of booked seats."""

    carrier: Carrier
    number: str
    origin: Airport
    destination: Airport
    departure_local: datetime
    arrival_local: datetime
    departure_utc: datetime
    aircraft: Aircraft
    load_factor: float

    @property
    def designator(self) -> str:
        return f"{self.carrier.code}{self.number}"

    @property
    def key(self) -> str:
        """``<carrier><number>/<YYYY-MM-DD>`` (local departure date): the ground-truth flight key."""
        return f"{self.designator}/{self.departure_local.date().isoformat()}"

    @property
    def slug(self) -> str:
        """A file-system safe name: ``BA0117_2026-03-02_LHR-JFK``."""
        return f"{self.carrier.code}{self.number.zfill(4)}_{self.departure_local.date().isoformat()}_" \
               f"{self.origin.iata}-{self.destination.iata}"

    @property
    def passengers(self) -> int:
        return max(1, round(self.aircraft.seats * self.load_factor))

    @property
    def crew(self) -> int:
        return 2 + max(2, self.aircraft.seats // 40)


# Airports that many carriers serve from far away (capitals and big hubs): drawn more often.
MAJOR = frozenset({
    "LHR", "CDG", "FRA", "AMS", "MAD", "FCO", "IST", "DXB", "DOH", "JFK", "LAX", "ORD", "ATL", "MIA", "YYZ", "MEX",
    "GRU", "BOG", "LIM", "SCL", "EZE", "JNB", "NBO", "ADD", "LOS", "CAI", "CMN", "DEL", "BOM", "SIN", "BKK", "HKG",
    "PEK", "PVG", "ICN", "NRT", "HND", "SYD", "MEL", "KUL", "CGK", "MNL", "SVO", "RUH", "JED", "TLV", "KHI", "DAC",
})


@cache
def _destinations_from(hub: str) -> tuple[tuple[Airport, ...], tuple[float, ...]]:
    """Foreign airports reachable from ``hub`` and their draw weights: short and medium routes are
    much more frequent than long ones, except to major airports."""
    origin = airport(hub)
    out, weights = [], []
    for a in airports().values():
        if a.country == origin.country:
            continue
        km = distance_km(origin, a)
        out.append(a)
        weights.append((4.0 if a.iata in MAJOR else 1.0) / (1.0 + (km / 3500.0) ** 2))
    return tuple(out), tuple(weights)


def block_minutes(km: float) -> int:
    """Scheduled block time for a stage length: taxi allowance plus cruise at ~820 km/h, 5-minute steps."""
    minutes = 35 + km / 820 * 60
    return int(round(minutes / 5) * 5)


def pick_aircraft(rng: random.Random, km: float, max_seats: int | None = None) -> Aircraft:
    """An aircraft able to fly ``km``; ``max_seats`` caps the size (small test traffic)."""
    fitting = [a for a in AIRCRAFT if a.min_km <= km <= a.max_km] or [AIRCRAFT[-1]]
    if max_seats is not None:
        capped = [a for a in fitting if a.seats <= max_seats]
        if not capped:
            return Aircraft(fitting[0].type, max_seats, fitting[0].min_km, fitting[0].max_km)
        fitting = capped
    return rng.choice(fitting)


def make_flight(rng: random.Random, first_day: date, days: int, max_seats: int | None = None) -> SyntheticFlight:
    """One random international flight from a carrier hub (outbound or inbound), departing within
    ``days`` days of ``first_day`` between 05:00 and 23:55 local time."""
    carrier = rng.choice(CARRIERS)
    hub = airport(rng.choice(carrier.hubs))
    candidates, weights = _destinations_from(hub.iata)
    other = rng.choices(candidates, weights)[0]
    origin, destination = (hub, other) if rng.random() < 0.5 else (other, hub)
    km = distance_km(origin, destination)
    day = first_day + timedelta(days=rng.randrange(days))
    dep_local = datetime.combine(day, time(rng.randrange(5, 24), rng.randrange(0, 60, 5)))
    dep_utc = to_utc(dep_local, origin)
    arr_local = to_local(dep_utc + timedelta(minutes=block_minutes(km)), destination)
    number = str(rng.randrange(1, 1000) if km > 2500 else rng.randrange(100, 3000))
    return SyntheticFlight(
        carrier=carrier,
        number=number,
        origin=origin,
        destination=destination,
        departure_local=dep_local,
        arrival_local=arr_local,
        departure_utc=dep_utc,
        aircraft=pick_aircraft(rng, km, max_seats),
        load_factor=round(rng.uniform(0.62, 0.97), 3),
    )
