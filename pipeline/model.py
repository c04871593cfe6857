"""The canonical model: what every parser produces and every later stage consumes.

All records are frozen dataclasses. ``to_json()`` gives the stable JSON form that
``prescreen parse --json``, ``out/travellers.jsonl`` and outside evaluations rely on;
keys may be added over time but never renamed or dropped.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

MessageKind = Literal["api", "pnr", "dead_letter"]
Role = Literal["passenger", "crew", "transit_passenger", "transit_crew", "infant"]


@dataclass(frozen=True, slots=True)
class MessageSource:
    """Where a message came from: file, envelope references and header codes.

    ``function`` is the message function: PAXLST BGM 1001[:1004] (``745``, ``745:CP``,
    ``266:CLNB``) or PNRGOV MSG 1225 (``22``, ``141``). ``part``/``final`` come from UNH S010
    (``01:C`` → part 1, final False; ``10:F`` → part 10, final True; ``01`` → part 1, final None).
    """

    file: str | None = None
    interchange_ref: str | None = None
    message_ref: str | None = None
    sender: str | None = None
    recipient: str | None = None
    version: str | None = None
    sent_at: str | None = None
    function: str | None = None
    part: int | None = None
    final: bool | None = None
    message_type: str | None = None
    common_access_ref: str | None = None
    message_index: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "interchange_ref": self.interchange_ref,
            "message_ref": self.message_ref,
            "sender": self.sender,
            "recipient": self.recipient,
            "version": self.version,
            "sent_at": self.sent_at,
            "function": self.function,
            "part": self.part,
            "final": self.final,
            "message_type": self.message_type,
            "common_access_ref": self.common_access_ref,
            "message_index": self.message_index,
        }


@dataclass(frozen=True, slots=True)
class Flight:
    """One flight leg. Times are local at the airport, ISO ``YYYY-MM-DDTHH:MM`` (or a date)."""

    carrier: str | None = None
    number: str | None = None
    origin: str | None = None
    destination: str | None = None
    departure_local: str | None = None
    arrival_local: str | None = None
    final_destination: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "carrier": self.carrier,
            "number": self.number,
            "origin": self.origin,
            "destination": self.destination,
            "departure_local": self.departure_local,
            "arrival_local": self.arrival_local,
            "final_destination": self.final_destination,
        }


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A travel document; ``number`` is upper-case with spaces removed, countries alpha-3."""

    type: str | None = None
    number: str | None = None
    issuing_country: str | None = None
    expiry: str | None = None
    issue_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "number": self.number,
            "issuing_country": self.issuing_country,
            "expiry": self.expiry,
            "issue_date": self.issue_date,
        }


@dataclass(frozen=True, slots=True)
class Traveller:
    """A passenger or crew member as reported in one message.

    Names are in document form: upper case, titles removed, whitespace collapsed.
    ``date_of_birth`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; countries ISO alpha-3
    (ICAO specials such as ``GBD`` kept); airports IATA.
    """

    role: Role = "passenger"
    surname: str | None = None
    given_names: str | None = None
    date_of_birth: str | None = None
    gender: str | None = None
    nationality: str | None = None
    residence_country: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    documents: tuple[TravelDocument, ...] = ()
    pnr_locator: str | None = None
    seat: str | None = None
    bags: int | None = None
    frequent_flyer: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    id: str | None = None
    clearance_airport: str | None = None
    birth_place: str | None = None
    bag_weight_kg: float | None = None
    bag_tags: tuple[str, ...] = ()
    verified: bool | None = None
    crew_function: str | None = None
    address: str | None = None
    references: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "surname": self.surname,
            "given_names": self.given_names,
            "date_of_birth": self.date_of_birth,
            "gender": self.gender,
            "nationality": self.nationality,
            "residence_country": self.residence_country,
            "embarkation": self.embarkation,
            "debarkation": self.debarkation,
            "documents": [d.to_json() for d in self.documents],
            "pnr_locator": self.pnr_locator,
            "seat": self.seat,
            "bags": self.bags,
            "frequent_flyer": list(self.frequent_flyer),
            "emails": list(self.emails),
            "phones": list(self.phones),
            "clearance_airport": self.clearance_airport,
            "birth_place": self.birth_place,
            "bag_weight_kg": self.bag_weight_kg,
            "bag_tags": list(self.bag_tags),
            "verified": self.verified,
            "crew_function": self.crew_function,
            "address": self.address,
            "references": dict(self.references),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Traveller:
        """The inverse of ``to_json()``: a TRAVELLER object (extra keys such as ``flight`` ignored).

        Raises ``ValueError`` naming the field when a value has the wrong shape.
        """
        if not isinstance(d, dict):
            raise ValueError("expected a JSON object")
        docs = d.get("documents") or []
        if not isinstance(docs, list) or not all(isinstance(x, dict) for x in docs):
            raise ValueError("field 'documents': expected a list of objects")
        refs = d.get("references") or {}
        if not isinstance(refs, dict):
            raise ValueError("field 'references': expected an object")
        kwargs: dict[str, Any] = {}
        for name in ("id", "surname", "given_names", "date_of_birth", "gender", "nationality", "residence_country",
                     "embarkation", "debarkation", "pnr_locator", "seat", "clearance_airport", "birth_place",
                     "crew_function", "address"):
            value = d.get(name)
            if value is not None and not isinstance(value, (str, int)):
                raise ValueError(f"field {name!r}: expected a string")
            kwargs[name] = None if value is None else str(value)
        for name in ("frequent_flyer", "emails", "phones", "bag_tags"):
            value = d.get(name) or []
            if not isinstance(value, list):
                raise ValueError(f"field {name!r}: expected a list")
            kwargs[name] = tuple(str(v) for v in value)
        return cls(
            role=d.get("role") or "passenger",
            documents=tuple(
                TravelDocument(type=x.get("type"), number=x.get("number"), issuing_country=x.get("issuing_country"),
                               expiry=x.get("expiry"), issue_date=x.get("issue_date"))
                for x in docs
            ),
            bags=d.get("bags"),
            bag_weight_kg=d.get("bag_weight_kg"),
            verified=d.get("verified"),
            references=tuple((str(k), str(v)) for k, v in refs.items()),
            **kwargs,
        )


@dataclass(frozen=True, slots=True)
class Message:
    """A parsed API or PNR message: its source, flight legs, travellers and warnings.

    ``pnr`` holds the booking record of a PNR message (``pipeline.pnrgov.model.Pnr``, whose
    ``to_json()`` is the ``pnr`` object of the JSON form) and is ``None`` for API messages.
    """

    kind: MessageKind
    source: MessageSource
    flights: tuple[Flight, ...] = ()
    travellers: tuple[Traveller, ...] = ()
    pnr: Any = None
    warnings: tuple[str, ...] = ()
    primary_leg: int | None = None

    @property
    def primary_flight(self) -> Flight | None:
        """The leg the message reports on (API: the leg crossing into the reporting state;
        PNR: the pushed flight); the last leg when the message does not say."""
        if not self.flights:
            return None
        if self.primary_leg is not None and 0 <= self.primary_leg < len(self.flights):
            return self.flights[self.primary_leg]
        return self.flights[-1]

    def to_json(self) -> dict[str, Any]:
        pnr = self.pnr.to_json() if hasattr(self.pnr, "to_json") else self.pnr
        return {
            "kind": self.kind,
            "source": self.source.to_json(),
            "flights": [f.to_json() for f in self.flights],
            "travellers": [t.to_json() for t in self.travellers],
            "pnr": pnr,
            "warnings": list(self.warnings),
            "primary_leg": self.primary_leg,
        }


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """What a stage could not process: the raw payload, the stage and a precise reason."""

    stage: str
    reason: str
    raw: bytes
    source: MessageSource = field(default_factory=MessageSource)
    warnings: tuple[str, ...] = ()
    kind: MessageKind = "dead_letter"

    @property
    def raw_sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source.to_json(),
            "flights": [],
            "travellers": [],
            "pnr": None,
            "warnings": list(self.warnings),
            "reason": self.reason,
            "stage": self.stage,
            "raw_sha256": self.raw_sha256,
            "raw_base64": base64.b64encode(self.raw).decode("ascii"),
        }


ParseResult = Message | DeadLetter
