"""Service characters: the UNA string advice, its sanity check and the fallback when it lies."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Separators:
    """The six UNA service characters, in UNA order."""

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"
    repetition: str = " "
    terminator: str = "'"

    def una(self) -> str:
        """The UNA segment that declares these characters (``UNA:+.? '`` for the defaults)."""
        return (
            "UNA"
            + self.component
            + self.element
            + self.decimal
            + self.release
            + self.repetition
            + self.terminator
        )


DEFAULT = Separators()

# An interchange starts at UNA or UNB that is not glued to a preceding letter or digit
# (Type-B headers, STX/ETX bytes or another interchange's UNZ may come before it).
_START = re.compile(r"(?<![A-Za-z0-9])UN[AB](?![A-Za-z0-9])", re.IGNORECASE)
_UNB = re.compile(r"(?<![A-Za-z0-9])UNB(?![A-Za-z0-9])", re.IGNORECASE)
_UNH = re.compile(r"(?<![A-Za-z0-9])UNH(?![A-Za-z0-9])", re.IGNORECASE)


_GLUE = re.compile(r"[A-Za-z0-9]", re.IGNORECASE)  # the characters _START must not touch


def find_interchange_start(text: str, pos: int = 0) -> int:
    """Offset of the next ``UNA``/``UNB`` at or after ``pos``, or -1; the same as ``_START``.

    ``str.find`` for the four spellings of ``UN`` and a check of the characters around each
    hit: the regex, with its look-arounds and no literal prefix, took about 25 ns per
    character, a sixth of the time of tokenizing the same text.
    """
    found = -1
    for prefix in ("UN", "un", "Un", "uN"):
        stop = len(text) if found < 0 else found + 1  # only look before the best hit so far
        i = text.find(prefix, pos, stop)
        while i >= 0:
            if (text[i + 2 : i + 3] in ("A", "B", "a", "b") and not (i and _GLUE.match(text, i - 1, i))
                    and not _GLUE.match(text, i + 3, i + 4)):
                found = i
                break
            i = text.find(prefix, i + 1, stop)
    return found


def _is_service_char(ch: str) -> bool:
    return len(ch) == 1 and not ch.isalnum() and not ch.isspace() and ord(ch) >= 0x20


def _una_problem(text: str, start: int) -> str | None:
    """Why the UNA at ``start`` cannot be trusted, or None when it is sound."""
    chars = text[start + 3 : start + 9]
    unb = _UNB.search(text, start + 3, start + 12)
    declared = text[start + 3 : unb.start()].rstrip("\r\n") if unb else chars
    if len(chars) < 6 or len(declared) < 6:
        return f"declares {min(len(chars), len(declared))} service characters instead of six"
    for position, ch in enumerate(chars):
        if position == 4:  # repetition separator: space is the v3 'reserved' value
            if ch != " " and not _is_service_char(ch):
                return "declares a whitespace or control character as repetition separator"
        elif not _is_service_char(ch):
            return f"declares a letter, digit, whitespace or control character at position {position + 4}"
    if len(set(chars)) != 6:
        return "declares the same character for two roles"
    rest = text[start + 9 :]
    stripped = rest.lstrip()
    if not stripped[:3].upper() == "UNB":
        return "is not followed by UNB"
    if chars[5] not in stripped:
        return "declares a segment terminator that never occurs"
    return None


def _infer(text: str, unb: int, broken_una: str) -> Separators:
    """Separators observed around UNB/UNH when there is no trustworthy UNA."""
    element = DEFAULT.element
    after = text[unb + 3 : unb + 8].lstrip(" ")
    if after and _is_service_char(after[0]):
        element = after[0]
    terminator = DEFAULT.terminator
    m = _UNH.search(text, unb)
    if m:
        before = text[unb : m.start()].rstrip()
        if before and _is_service_char(before[-1]) and before[-1] != element:
            terminator = before[-1]
    release = DEFAULT.release
    if "\\" in broken_una and "?" not in broken_una:
        release = "\\"
    component = DEFAULT.component
    if broken_una and _is_service_char(broken_una[0]) and broken_una[0] not in (element, terminator, release):
        component = broken_una[0]
    return Separators(component, element, DEFAULT.decimal, release, DEFAULT.repetition, terminator)


def read_service_string(text: str, start: int) -> tuple[Separators, int, list[str]]:
    """Read the separators of the interchange that begins at ``start`` (a UNA or UNB).

    Returns ``(separators, body_start, warnings)`` where ``body_start`` is the offset of the
    UNB segment. A UNA is trusted only when it passes a sanity check (six distinct service
    characters, followed by UNB, terminator present); otherwise the separators are inferred
    from the UNB and UNH segments and a warning says why.
    """
    if text[start : start + 3].upper() != "UNA":
        return _infer(text, start, ""), start, []
    problem = _una_problem(text, start)
    if problem is None:
        body = start + 9
        while body < len(text) and text[body].isspace():
            body += 1
        return Separators(*text[start + 3 : start + 9]), body, []
    m = _UNB.search(text, start + 3)
    if m is None:
        return DEFAULT, start + 3, [f"UNA {problem} and no UNB follows; using default separators"]
    broken = text[start + 3 : m.start()].strip()
    seps = _infer(text, m.start(), broken)
    return (
        seps,
        m.start(),
        [f"UNA {problem}; ignored it and used separators observed in the envelope ({seps.una()})"],
    )
