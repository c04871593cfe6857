"""The traffic generator: flights, travellers, bookings, API and PNR files, watchlists, truth.

In: a ``GenerateConfig`` (flights, seed, rates) and an output directory. Out: the files
described in ``docs/synthetic-traffic.md`` and a ``GenerateSummary``. Flights are generated
and written one at a time (memory holds one flight plus the watchlist entries), each from
its own ``random.Random`` derived from the seed, so the same seed gives byte-identical output.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline.edifact.separators import DEFAULT
from pipeline.synth import quirks as q
from pipeline.synth.bookings import (WATCHED_HUBS, Booking, Payment, card_number, make_booking, party_sizes,
                                     seat_map)
from pipeline.synth.flights import SyntheticFlight, make_flight
from pipeline.synth.lifecycle import Outgoing, api_messages, pnr_messages
from pipeline.synth.names import NamePools
from pipeline.synth.people import Person, make_person
from pipeline.synth.truth import TruthWriter
from pipeline.synth.watchlist import HARD_NEGATIVE_CAUSES, ListedEntry, Planter, native_csv, opensanctions_csv

RISK_PATTERNS = ("one_way_cash_late_booking", "shared_contact_with_listed", "watched_transit_hub")
OUTPUTS = ("api", "pnr", "watchlists", "truth.jsonl", "manifest.json")


@dataclass(frozen=True, slots=True)
class GenerateConfig:
    """What to generate. Rates are per traveller (listed, hard negatives, risk) or per file (quirks)."""

    flights: int = 10
    seed: int = 1
    first_day: str = "2026-03-02"
    days: int = 7
    max_seats: int | None = None
    watchlist_size: int = 1000
    listed_rate: float = 0.002
    hard_negative_rate: float = 0.002
    risk_rate: float = 0.002
    quirk_rate: float = 0.05
    garbage_rate: float = 0.01
    cancel_rate: float = 0.03
    part_size: int = 120
    pnr: bool = True


@dataclass(slots=True)
class GenerateSummary:
    """Counts of what was written."""

    flights: int = 0
    travellers: int = 0
    passengers: int = 0
    crew: int = 0
    bookings: int = 0
    api_files: int = 0
    pnr_files: int = 0
    garbage_files: int = 0
    bytes: int = 0
    watchlist_entries: int = 0
    truth: dict[str, int] = field(default_factory=dict)


class OutputError(ValueError):
    """The output directory cannot be used (says which path and why)."""


def prepare_output(out: str | os.PathLike[str], overwrite: bool) -> Path:
    """The output directory, created if missing. A non-empty directory is used only with
    ``overwrite`` and only when it holds a previous generation (``manifest.json``); then the
    generator's own outputs in it are removed, nothing else."""
    text = os.fspath(out)
    if not text or "\x00" in text:
        raise OutputError(f"output directory {text!r}: expected a non-empty path without NUL characters")
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise OutputError(f"output directory {text}: exists and is not a directory")
    if path.is_dir() and any(path.iterdir()):
        if not overwrite:
            raise OutputError(f"output directory {text}: not empty (use --overwrite to replace a previous generation)")
        if not (path / "manifest.json").is_file():
            raise OutputError(f"output directory {text}: not empty and holds no manifest.json of a previous "
                              "generation; refusing to overwrite")
        for name in OUTPUTS:
            target = path / name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
    path.mkdir(parents=True, exist_ok=True)
    return path


class Generator:
    """Generates flight after flight into ``root``; ``run()`` writes everything and returns the summary."""

    def __init__(self, config: GenerateConfig, root: Path) -> None:
        self.config = config
        self.root = root
        self.pools = NamePools(config.seed)
        self.planter = Planter(self.pools)
        self.entries: list[ListedEntry] = []
        self.summary = GenerateSummary()
        self.first_day = date.fromisoformat(config.first_day)
        self.used_keys: set[str] = set()
        self.listed_contacts: list[tuple[str, str, str, Payment]] = []  # person, entry, phone, card
        self._people = 0

    def person_id(self) -> str:
        self._people += 1
        return f"P{self._people:08d}"

    def run(self) -> GenerateSummary:
        with open(self.root / "truth.jsonl", "w", encoding="utf-8", newline="\n") as fh:
            self.truth = TruthWriter(fh)
            for index in range(self.config.flights):
                self.flight(index)
            rng = random.Random(f"{self.config.seed}:watchlist")
            for _ in range(self.config.watchlist_size):
                self.entries.append(self.planter.filler(rng, self.first_day))
        self.write_watchlists()
        self.summary.truth = dict(sorted(self.truth.counts.items()))
        self.write_manifest()
        return self.summary

    # -- one flight -------------------------------------------------------------------------
    def _unique_flight(self, rng: random.Random) -> SyntheticFlight:
        cfg = self.config
        flight = make_flight(rng, self.first_day, cfg.days, cfg.max_seats)
        while flight.key in self.used_keys:
            flight = replace(flight, number=str(int(flight.number) + 1))
        self.used_keys.add(flight.key)
        return flight

    def _nationality(self, rng: random.Random, flight: SyntheticFlight) -> str:
        r = rng.random()
        if r < 0.45:
            return flight.origin.country
        if r < 0.8:
            return flight.destination.country
        return rng.choice((flight.carrier.country, "GBR", "USA", "IND", "CHN", "DEU", "NGA", "FRA", "PAK", "BRA"))

    def _party(self, rng: random.Random, flight: SyntheticFlight, size: int, on: date) -> list[Person]:
        lead = make_person(rng, self.pools, self.person_id(), self._nationality(rng, flight), on)
        party = [lead]
        family = rng.random() < 0.6
        for _ in range(size - 1):
            if family:
                member = make_person(rng, self.pools, self.person_id(), lead.nationality, on, source=lead.name.source)
                member = replace(member, name=replace(member.name, surname=lead.name.surname),
                                 sent_surname=lead.sent_surname, residence=lead.residence, address=lead.address,
                                 phone=lead.phone)
            else:
                member = make_person(rng, self.pools, self.person_id(), self._nationality(rng, flight), on)
            party.append(member)
        return party

    def flight(self, index: int) -> None:
        cfg = self.config
        rng = random.Random(f"{cfg.seed}:flight:{index}")
        flight = self._unique_flight(rng)
        on = flight.departure_local.date()
        seats = seat_map(rng, flight)
        rng.shuffle(seats)
        bookings: list[Booking] = []
        planted_ids: set[str] = set()
        for size in party_sizes(rng, flight.passengers):
            party = self._party(rng, flight, size, on)
            if size == 1 and rng.random() < cfg.risk_rate * 3:
                booking = self._risk_booking(rng, flight, party, seats)
                if booking is not None:
                    bookings.append(booking)
                    continue
            for k, person in enumerate(party):
                if rng.random() < cfg.listed_rate:
                    planted = self.planter.plant(rng, person.person_id, [flight.origin.country,
                                                                         flight.destination.country], on)
                    party[k] = planted.person
                    planted_ids.add(planted.person.person_id)
                    self.entries.append(planted.entry)
                    self.truth.watchlist_match(planted.person.person_id, planted.entry.id, planted.entry.list,
                                               planted.causes, flight.key)
                elif rng.random() < cfg.hard_negative_rate:
                    cause = rng.choice(HARD_NEGATIVE_CAUSES)
                    entry = self.planter.hard_negative(rng, person, cause, on)
                    self.entries.append(entry)
                    self.truth.hard_negative(person.person_id, entry.id, entry.list, cause, flight.key)
            booking = make_booking(rng, flight, party, seats)
            for person in party:
                if person.person_id in planted_ids:
                    self.listed_contacts.append((person.person_id, "", booking.phone, booking.payment))
            bookings.append(booking)
        cancelled = self._cancelled_bookings(rng, flight, on)
        crew = [make_person(rng, self.pools, self.person_id(), flight.carrier.country, on,
                            birth=None) for _ in range(flight.crew)]
        api, status = api_messages(rng, flight, bookings, crew, interchange_base=f"{index:07d}1",
                                   part_size=cfg.part_size)
        self._write(rng, "api", flight, api, planted_ids)
        if cfg.pnr:
            pnr = pnr_messages(rng, flight, bookings + cancelled, interchange_base=f"{index:07d}2")
            self._write(rng, "pnr", flight, pnr, planted_ids)
        if rng.random() < cfg.garbage_rate:
            rel = f"api/{flight.slug}/99_garbage.edi"
            data = q.garbage(rng)
            self._store(rel, data)
            self.summary.garbage_files += 1
            expected, reason = q.EXPECTED["garbage"]
            self.truth.quirk(rel, "garbage", expected, reason)
        s = self.summary
        s.flights += 1
        passengers = sum(len(b.travellers) for b in bookings)
        s.passengers += passengers
        s.crew += len(crew)
        s.travellers += passengers + len(crew)
        s.bookings += len(bookings) + len(cancelled)
        del status

    def _cancelled_bookings(self, rng: random.Random, flight: SyntheticFlight, on: date) -> list[Booking]:
        """Bookings made before T-72 h and cancelled between T-72 h and T-24 h: PNR only."""
        out = []
        for _ in range(round(flight.passengers * self.config.cancel_rate / 1.6)):
            party = self._party(rng, flight, rng.choice((1, 1, 2, 3)), on)
            created = flight.departure_utc - timedelta(days=rng.randrange(4, 60))
            cancelled_at = flight.departure_utc - timedelta(hours=rng.uniform(25, 71))
            booking = make_booking(rng, flight, party, [], created_utc=created)
            out.append(replace(booking, cancelled_at=cancelled_at))
        return out

    def _risk_booking(self, rng: random.Random, flight: SyntheticFlight, party: list[Person],
                      seats: list[str]) -> Booking | None:
        """A single traveller's booking shaped to trigger a starter risk rule, recorded in truth."""
        person = party[0]
        pattern = rng.choice(RISK_PATTERNS)
        if pattern == "one_way_cash_late_booking":
            hours = rng.uniform(2, 10)
            created = flight.departure_utc - timedelta(hours=hours)
            booking = make_booking(rng, flight, party, seats, created_utc=created, payment_type="CA", one_way=True,
                                   channel="agency")
            booking = replace(booking, payment=replace(booking.payment, type="CA"))
            details: dict[str, Any] = {"locator": booking.locator, "hours_before_departure": round(hours, 2),
                                       "payment": "CA", "one_way": True, "flight": flight.key}
        elif pattern == "shared_contact_with_listed":
            if not self.listed_contacts:
                return None
            listed_id, _, phone, card = rng.choice(self.listed_contacts)
            shared = rng.choice(("phone", "card")) if card.card_number else "phone"
            booking = make_booking(rng, flight, party, seats, phone=phone if shared == "phone" else None,
                                   card=card if shared == "card" else None)
            details = {"locator": booking.locator, "shared": shared, "listed_person_id": listed_id,
                       "flight": flight.key}
        else:
            hubs = [h for h in WATCHED_HUBS if h not in (flight.origin.iata, flight.destination.iata)]
            hub = rng.choice(hubs)
            booking = make_booking(rng, flight, party, seats, via_from=hub)
            details = {"locator": booking.locator, "hub": hub, "flight": flight.key,
                       "itinerary": [f"{leg.origin}-{leg.destination}" for leg in booking.itinerary]}
        self.truth.risk_pattern(person.person_id, pattern, details)
        return booking

    # -- files ------------------------------------------------------------------------------
    def _store(self, rel: str, data: bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.summary.bytes += len(data)

    def _write(self, rng: random.Random, kind: str, flight: SyntheticFlight, items: list[Outgoing],
               planted: set[str]) -> None:
        for item in items:
            protected = kind == "pnr" or bool(item.person_ids & planted)
            name = q.choose(rng, self.config.quirk_rate, protected)
            seps = q.custom_separators(rng) if name == "custom_una" else DEFAULT
            text = item.render(seps)
            rel = f"{kind}/{flight.slug}/{item.name}.edi"
            self._store(rel, q.apply(rng, name, text, seps, item.flight_tag) if name else text.encode("utf-8"))
            if name:
                found = q.quirk(name)
                self.truth.quirk(rel, found.name, found.expected, found.reason)
            if kind == "api":
                self.summary.api_files += 1
            else:
                self.summary.pnr_files += 1

    def write_watchlists(self) -> None:
        self._store("watchlists/synthetic.csv", native_csv(self.entries).encode("utf-8"))
        self._store("watchlists/opensanctions.simple.csv", opensanctions_csv(self.entries).encode("utf-8"))
        self.summary.watchlist_entries = len(self.entries)

    def write_manifest(self) -> None:
        manifest = {
            "generator": "prescreen fixtures generate",
            "seed": self.config.seed,
            "parameters": asdict(self.config),
            "watched_hubs": list(WATCHED_HUBS),
            "counts": asdict(self.summary),
        }
        text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        (self.root / "manifest.json").write_text(text, encoding="utf-8")


def generate(config: GenerateConfig, out: str | os.PathLike[str], overwrite: bool = False) -> GenerateSummary:
    """Generate ``config.flights`` flights of traffic into ``out`` (see ``prepare_output``)."""
    root = prepare_output(out, overwrite)
    return Generator(config, root).run()
