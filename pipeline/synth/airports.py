"""The bundled airport table (``pipeline/data/airports.csv``): IATA code → country, time zone, position.

In: nothing (the table ships with the package). Out: ``Airport`` records, great-circle
distances and local ↔ UTC conversions used to build realistic schedules.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Airport:
    """A real airport: IATA and ICAO codes, city, ISO alpha-3 country, IANA time zone, position."""

    iata: str
    icao: str
    city: str
    country: str
    tz: str
    lat: float
    lon: float

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self.tz)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def airports() -> dict[str, Airport]:
    """Every bundled airport keyed by IATA code, in file order."""
    text = resources.files("pipeline").joinpath("data", "airports.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return {
        r["iata"]: Airport(r["iata"], r["icao"], r["city"], r["country"], r["tz"], float(r["lat"]), float(r["lon"]))
        for r in rows
    }


def airport(iata: str) -> Airport:
    """The airport with IATA code ``iata``; ``KeyError`` names the unknown code."""
    try:
        return airports()[iata]
    except KeyError:
        raise KeyError(f"airport {iata!r} is not in the bundled table") from None


def distance_km(a: Airport, b: Airport) -> float:
    """Great-circle distance between two airports in kilometres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def to_local(utc: datetime, where: Airport) -> datetime:
    """A UTC datetime (timezone-aware) as naive local time at ``where``."""
    return utc.astimezone(where.zone).replace(tzinfo=None)


def to_utc(local: datetime, where: Airport) -> datetime:
    """A naive local time at ``where`` as an aware UTC datetime."""
    return local.replace(tzinfo=where.zone).astimezone(ZoneInfo("UTC"))
