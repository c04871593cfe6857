"""The traffic generator: flights, travellers, bookings, API and PNR files, watchlists, truth.

In: a ``GenerateConfig`` (flights, seed, rates) and an output directory. Out: the files
described in ``docs/synthetic-traffic.md`` and a ``GenerateSummary``. Flights are generated
and written one at a time (memory holds one flight plus the watchlist entries), each from
its own ``random.Random`` derived from the seed, so the same seed gives byte-identical output.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline.edifact.separators import DEFAULT
from pipeline.synth import quirks as q
from pipeline.synth.bookings import WATCHED_HUBS, Booking, Payment, make_booking, party_sizes, seat_map
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


def store(root: Path, rel: str, data: bytes) -> int:
    """Write ``data`` to ``root/rel`` (creating folders); returns the number of bytes written."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


@dataclass(slots=True)
class FlightResult:
    """What one flight produced besides its files: truth lines, watchlist entries, counts."""

    truth_text: str
    truth_counts: dict[str, int]
    entries: list[ListedEntry]
    summary: GenerateSummary


def schedule(config: GenerateConfig) -> Iterator[SyntheticFlight]:
    """The flights, in order, with unique ``<carrier><number>/<date>`` keys (a cheap sequential pass)."""
    first_day = date.fromisoformat(config.first_day)
    used: set[str] = set()
    for index in range(config.flights):
        rng = random.Random(f"{config.seed}:schedule:{index}")
        flight = make_flight(rng, first_day, config.days, config.max_seats)
        while flight.key in used:
            flight = replace(flight, number=str(int(flight.number) + 1))
        used.add(flight.key)
        yield flight


class FlightBuilder:
    """Builds and writes one flight's traffic; independent of every other flight, so flights can
    be built in any order or process and give the same bytes."""

    def __init__(self, config: GenerateConfig, root: Path) -> None:
        self.config = config
        self.root = root
        self.pools = NamePools(config.seed)

    def build(self, index: int, flight: SyntheticFlight) -> FlightResult:
        return _FlightRun(self, index, flight).run()


class _FlightRun:
    """The state of one flight being built (person and entry numbering, truth, listed contacts)."""

    def __init__(self, builder: FlightBuilder, index: int, flight: SyntheticFlight) -> None:
        self.config = builder.config
        self.root = builder.root
        self.pools = builder.pools
        self.index = index
        self.flight = flight
        self.planter = Planter(self.pools, prefix=f"SYN-{index:06d}-")
        self.entries: list[ListedEntry] = []
        self.summary = GenerateSummary()
        self.buffer = io.StringIO()
        self.truth = TruthWriter(self.buffer)
        self.listed_contacts: list[tuple[str, Payment, str]] = []  # person id, card, phone
        self.rng = random.Random(f"{self.config.seed}:flight:{index}")
        self._people = 0

    def person_id(self) -> str:
        self._people += 1
        return f"P{self.index:06d}{self._people:04d}"

    def _nationality(self) -> str:
        flight, r = self.flight, self.rng.random()
        if r < 0.45:
            return flight.origin.country
        if r < 0.8:
            return flight.destination.country
        return self.rng.choice((flight.carrier.country, "GBR", "USA", "IND", "CHN", "DEU", "NGA", "FRA", "PAK", "BRA"))

    def _party(self, size: int) -> list[Person]:
        rng, on = self.rng, self.flight.departure_local.date()
        lead = make_person(rng, self.pools, self.person_id(), self._nationality(), on)
        party = [lead]
        family = rng.random() < 0.6
        for _ in range(size - 1):
            if family:
                member = make_person(rng, self.pools, self.person_id(), lead.nationality, on, source=lead.name.source)
                member = replace(member, name=replace(member.name, surname=lead.name.surname),
                                 sent_surname=lead.sent_surname, residence=lead.residence, address=lead.address,
                                 phone=lead.phone)
            else:
                member = make_person(rng, self.pools, self.person_id(), self._nationality(), on)
            party.append(member)
        return party

    def _plant(self, party: list[Person], k: int) -> None:
        flight = self.flight
        planted = self.planter.plant(self.rng, party[k].person_id, [flight.origin.country, flight.destination.country],
                                     flight.departure_local.date())
        party[k] = planted.person
        self.planted_ids.add(planted.person.person_id)
        self.truth_ids.add(planted.person.person_id)
        self.entries.append(planted.entry)
        entry, person = planted.entry, planted.person
        listed = {"surname": entry.surname, "given_names": entry.given_names,
                  "date_of_birth": list(entry.date_of_birth), "documents": list(entry.documents)}
        sent = {"surname": person.sent_surname, "given_names": person.sent_given, "date_of_birth": person.sent_birth,
                "document": f"{person.document.type}:{person.document.country}:{person.document.number}"}
        self.truth.watchlist_match(person.person_id, entry.id, entry.list, planted.causes, flight.key, listed, sent)

    def _booking(self, party: list[Person], seats: list[str]) -> Booking:
        booking = make_booking(self.rng, self.flight, party, seats)
        for person in party:
            if person.person_id in self.planted_ids:
                self.listed_contacts.append((person.person_id, booking.payment, booking.phone))
        return booking

    def run(self) -> FlightResult:
        cfg, rng, flight = self.config, self.rng, self.flight
        on = flight.departure_local.date()
        seats = seat_map(rng, flight)
        rng.shuffle(seats)
        bookings: list[Booking] = []
        self.planted_ids: set[str] = set()
        self.truth_ids: set[str] = set()  # every person in truth.jsonl: their files lose no data
        for size in party_sizes(rng, flight.passengers):
            party = self._party(size)
            if size == 1 and rng.random() < cfg.risk_rate:
                pattern = rng.choice(RISK_PATTERNS)
                if pattern == "shared_contact_with_listed" and not self.listed_contacts:
                    accomplice = self._party(1)  # the listed traveller, booked separately on the same flight
                    self._plant(accomplice, 0)
                    bookings.append(self._booking(accomplice, seats))
                bookings.append(self._risk_booking(pattern, party, seats))
                continue
            for k, person in enumerate(party):
                if rng.random() < cfg.listed_rate:
                    self._plant(party, k)
                elif rng.random() < cfg.hard_negative_rate:
                    cause = rng.choice(HARD_NEGATIVE_CAUSES)
                    entry = self.planter.hard_negative(rng, person, cause, on)
                    self.entries.append(entry)
                    self.truth.hard_negative(person.person_id, entry.id, entry.list, cause, flight.key)
                    self.truth_ids.add(person.person_id)
            bookings.append(self._booking(party, seats))
        cancelled = self._cancelled_bookings()
        crew = [make_person(rng, self.pools, self.person_id(), flight.carrier.country, on) for _ in range(flight.crew)]
        api, _ = api_messages(rng, flight, bookings, crew, interchange_base=f"{self.index:07d}1",
                              part_size=cfg.part_size)
        self._write("api", api)
        if cfg.pnr:
            self._write("pnr", pnr_messages(rng, flight, bookings + cancelled, interchange_base=f"{self.index:07d}2"))
        if rng.random() < cfg.garbage_rate:
            rel = f"api/{flight.slug}/99_garbage.edi"
            self._store(rel, q.garbage(rng))
            self.summary.garbage_files += 1
            expected, reason = q.EXPECTED["garbage"]
            self.truth.quirk(rel, "garbage", expected, reason)
        s = self.summary
        s.flights = 1
        s.passengers = sum(len(b.travellers) for b in bookings)
        s.crew = len(crew)
        s.travellers = s.passengers + s.crew
        s.bookings = len(bookings) + len(cancelled)
        return FlightResult(self.buffer.getvalue(), self.truth.counts, self.entries, s)

    def _cancelled_bookings(self) -> list[Booking]:
        """Bookings made before T-72 h and cancelled between T-72 h and T-24 h: PNR only."""
        rng, flight = self.rng, self.flight
        out = []
        count = sum(rng.random() < self.config.cancel_rate / 1.6 for _ in range(flight.passengers))
        for _ in range(count):
            party = self._party(rng.choice((1, 1, 2, 3)))
            created = flight.departure_utc - timedelta(days=rng.randrange(4, 60))
            cancelled_at = flight.departure_utc - timedelta(hours=rng.uniform(25, 71))
            booking = make_booking(rng, flight, party, [], created_utc=created)
            out.append(replace(booking, cancelled_at=cancelled_at))
        return out

    def _risk_booking(self, pattern: str, party: list[Person], seats: list[str]) -> Booking:
        """A single traveller's booking shaped to trigger a starter risk rule, recorded in truth."""
        rng, flight, person = self.rng, self.flight, party[0]
        details: dict[str, Any]
        if pattern == "one_way_cash_late_booking":
            hours = rng.uniform(2, 10)
            created = flight.departure_utc - timedelta(hours=hours)
            booking = make_booking(rng, flight, party, seats, created_utc=created, payment_type="CA", one_way=True,
                                   channel="agency", connections=False)
            details = {"locator": booking.locator, "hours_before_departure": round(hours, 2), "payment": "CA",
                       "one_way": True, "flight": flight.key}
        elif pattern == "shared_contact_with_listed":
            listed_id, card, phone = rng.choice(self.listed_contacts)
            shared = rng.choice(("phone", "card")) if card.card_number else "phone"
            booking = make_booking(rng, flight, party, seats, phone=phone if shared == "phone" else None,
                                   card=card if shared == "card" else None)
            details = {"locator": booking.locator, "shared": shared, "listed_person_id": listed_id,
                       "flight": flight.key}
        else:
            hub = rng.choice([h for h in WATCHED_HUBS if h not in (flight.origin.iata, flight.destination.iata)])
            booking = make_booking(rng, flight, party, seats, via_from=hub)
            details = {"locator": booking.locator, "hub": hub, "flight": flight.key,
                       "itinerary": [f"{leg.origin}-{leg.destination}" for leg in booking.itinerary]}
        self.truth.risk_pattern(person.person_id, pattern, details)
        self.truth_ids.add(person.person_id)
        return booking

    def _store(self, rel: str, data: bytes) -> None:
        self.summary.bytes += store(self.root, rel, data)

    def _write(self, kind: str, items: list[Outgoing]) -> None:
        rng = self.rng
        for item in items:
            protected = bool(item.person_ids & self.truth_ids)
            names = q.allowed(kind, protected) if item.suffix == ".edi" else ()
            name = q.choose(rng, self.config.quirk_rate, names) if names else None
            seps = q.custom_separators(rng) if name == "custom_una" else DEFAULT
            text = item.render(seps)
            rel = f"{kind}/{self.flight.slug}/{item.name}{item.suffix}"
            self._store(rel, q.apply(rng, name, text, seps, item.flight_tag) if name else text.encode("utf-8"))
            if name:
                found = q.quirk(name)
                self.truth.quirk(rel, found.name, found.expected, found.reason)
            if kind == "api":
                self.summary.api_files += 1
            else:
                self.summary.pnr_files += 1


_WORKER: FlightBuilder | None = None


def _init_worker(config: GenerateConfig, root: Path) -> None:
    global _WORKER
    _WORKER = FlightBuilder(config, root)


def _build_in_worker(task: tuple[int, SyntheticFlight]) -> FlightResult:
    assert _WORKER is not None
    return _WORKER.build(*task)


class Generator:
    """Generates every flight into ``root`` (in ``workers`` processes), then the watchlists,
    ``truth.jsonl`` (in flight order) and ``manifest.json``."""

    def __init__(self, config: GenerateConfig, root: Path, workers: int = 1) -> None:
        self.config = config
        self.root = root
        self.workers = max(1, workers)
        self.summary = GenerateSummary()

    def _results(self) -> Iterator[FlightResult]:
        tasks = enumerate(schedule(self.config))
        if self.workers == 1 or self.config.flights < 4:
            builder = FlightBuilder(self.config, self.root)
            yield from (builder.build(i, f) for i, f in tasks)
            return
        with ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.config, self.root)) as pool:
            yield from pool.map(_build_in_worker, tasks, chunksize=8)

    def run(self) -> GenerateSummary:
        entries: list[ListedEntry] = []
        counts: dict[str, int] = {}
        s = self.summary
        with open(self.root / "truth.jsonl", "w", encoding="utf-8", newline="\n") as fh:
            for result in self._results():
                fh.write(result.truth_text)
                entries.extend(result.entries)
                for key, value in result.truth_counts.items():
                    counts[key] = counts.get(key, 0) + value
                r = result.summary
                s.flights += r.flights
                s.travellers += r.travellers
                s.passengers += r.passengers
                s.crew += r.crew
                s.bookings += r.bookings
                s.api_files += r.api_files
                s.pnr_files += r.pnr_files
                s.garbage_files += r.garbage_files
                s.bytes += r.bytes
        rng = random.Random(f"{self.config.seed}:watchlist")
        planter = Planter(NamePools(self.config.seed), prefix="SYN-F")
        first_day = date.fromisoformat(self.config.first_day)
        entries.extend(planter.filler(rng, first_day) for _ in range(self.config.watchlist_size))
        self.write_watchlists(entries)
        s.truth = dict(sorted(counts.items()))
        self.write_manifest()
        return s

    def _store(self, rel: str, data: bytes) -> None:
        self.summary.bytes += store(self.root, rel, data)

    def write_watchlists(self, entries: list[ListedEntry]) -> None:
        self._store("watchlists/synthetic.csv", native_csv(entries).encode("utf-8"))
        self._store("watchlists/opensanctions.simple.csv", opensanctions_csv(entries).encode("utf-8"))
        self.summary.watchlist_entries = len(entries)

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


def generate(config: GenerateConfig, out: str | os.PathLike[str], overwrite: bool = False,
             workers: int = 1) -> GenerateSummary:
    """Generate ``config.flights`` flights of traffic into ``out`` (see ``prepare_output``) using
    ``workers`` processes; the output does not depend on ``workers``."""
    root = prepare_output(out, overwrite)
    return Generator(config, root, workers).run()
