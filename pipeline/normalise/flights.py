"""Flight designators: carrier code and flight number in one form for API and PNR alike."""

from __future__ import annotations

import re

# A carrier is two letters, a letter and a digit, a digit and a letter (IATA) or three letters (ICAO).
_DESIGNATOR = re.compile(r"^([A-Z]{2}|[A-Z][0-9]|[0-9][A-Z]|[A-Z]{3})([0-9]+)([A-Z]?)$")
_NUMBER = re.compile(r"^[0-9]+[A-Z]?$")


def flight_number(number: str | None) -> str | None:
    """A flight number without leading zeros, suffix letter kept (``0989`` → ``989``)."""
    if number is None:
        return None
    n = number.strip().upper().replace(" ", "")
    if not n:
        return None
    digits = n.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    suffix = n[len(digits):]
    if digits.isascii() and digits.isdigit():  # '12¹'.isdigit() is True, int() refuses it
        return str(int(digits)) + suffix
    return n


def split_designator(value: str, carrier: str | None = None) -> tuple[str | None, str | None]:
    """Split ``UA0989`` into ``("UA", "989")``; ``carrier`` (TDT C040) wins when given.

    A value that is only a number (``0989``) keeps ``carrier`` (or None) and is never cut
    into a made-up carrier; anything that is not a designator is returned as the number.
    """
    v = value.strip().upper().replace(" ", "")
    c = carrier.strip().upper() if carrier else None
    if not v:
        return c, None
    if c and v.startswith(c) and len(v) > len(c):
        return c, flight_number(v[len(c):])
    if _NUMBER.match(v):
        return c, flight_number(v)
    m = _DESIGNATOR.match(v)
    if m is None:
        return c, flight_number(v)
    return c or m.group(1), flight_number(m.group(2) + m.group(3))
