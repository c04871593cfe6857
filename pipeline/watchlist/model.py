"""Watchlists as typed records: what every loader produces and the matcher indexes.

Values are kept as the list publishes them (names in their own script, dates partial), but
already cleaned: codes upper-case, countries alpha-3 (``pipeline.normalise.countries``),
dates ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``. Matching keys are derived later by the
matcher with the same normalisers it applies to travellers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high", "critical")


@dataclass(frozen=True, slots=True)
class ListedName:
    """One name of a listed person: the full name as written, and its parts where known."""

    full: str
    surname: str | None = None
    given_names: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"full": self.full, "surname": self.surname, "given_names": self.given_names}


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """A document number of a listed person; type and country when the list gives them."""

    number: str
    type: str | None = None
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "type": self.type, "country": self.country}


@dataclass(frozen=True, slots=True)
class WatchlistEntry:
    """A listed person. ``names[0]`` is the primary name, the rest are aliases."""

    id: str
    list: str
    names: tuple[ListedName, ...]
    category: str | None = None
    severity: Severity = "high"
    dates_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    gender: str | None = None
    documents: tuple[ListedDocument, ...] = ()
    notes: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "list": self.list,
            "names": [n.to_json() for n in self.names],
            "category": self.category,
            "severity": self.severity,
            "dates_of_birth": list(self.dates_of_birth),
            "nationalities": list(self.nationalities),
            "gender": self.gender,
            "documents": [d.to_json() for d in self.documents],
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Watchlist:
    """One loaded list with its screening settings.

    ``threshold`` is the score at or above which a hit alerts for this list (None: the
    matcher's default). ``skipped_rows`` counts rows left out under ``skip_bad_rows``.
    ``dropped_values`` counts values of public-format lists (OpenSanctions, UN) left out of
    otherwise good entries because they are not of a usable form (e.g. a country code that
    ISO 3166 does not have); native and YAML lists reject such rows instead.
    """

    name: str
    entries: tuple[WatchlistEntry, ...]
    source: str
    category: str | None = None
    severity: Severity = "high"
    threshold: float | None = None
    skipped_rows: int = 0
    dropped_values: int = 0
