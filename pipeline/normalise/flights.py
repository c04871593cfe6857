"""Flight designators: carrier code and flight number in one form for API and PNR alike."""

from __future__ import annotations

import re

_DESIGNATOR = re.compile(r"^([A-Z0-9]{2}|[A-Z]{3})(\d{1,4})([A-Z]?)$")


def flight_number(number: str | None) -> str | None:
    """A flight number without leading zeros, suffix letter kept (``0989`` → ``989``)."""
    if number is None:
        return None
    n = number.strip().upper().replace(" ", "")
    if not n:
        return None
    digits = n.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    suffix = n[len(digits):]
    if digits.isdigit():
        return str(int(digits)) + suffix
    return n


def split_designator(value: str, carrier: str | None = None) -> tuple[str | None, str | None]:
    """Split ``UA0989`` into ``("UA", "989")``; ``carrier`` (TDT C040) wins when given."""
    v = value.strip().upper().replace(" ", "")
    c = carrier.strip().upper() if carrier else None
    if c and v.startswith(c) and len(v) > len(c):
        return c, flight_number(v[len(c):])
    m = _DESIGNATOR.match(v)
    if m is None:
        return c, flight_number(v) if v else None
    return c or m.group(1), flight_number(m.group(2) + m.group(3))
