"""Real-feed quirks applied to written messages, each with the outcome a reader must reach.

In: the text of one written interchange (or nothing, for garbage files) and a
``random.Random``. Out: the bytes to store and a ``Quirk`` record (name, expected outcome,
reason) for ``truth.jsonl``. Custom separators are chosen here but applied by the writers
(``custom_separators``); everything else is post-processing of the written text.

Expected outcomes: ``parsed`` (reads cleanly), ``parsed_with_warning`` (every unit parses,
with a warning), ``dead_letter`` (the file's units are dead-lettered).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from pipeline.edifact.separators import DEFAULT, Separators

# Non-destructive quirks keep every traveller readable; destructive ones lose data.
SAFE_QUIRKS = ("custom_una", "crlf", "typeb_wrap", "latin1", "wrong_unt")
DESTRUCTIVE_QUIRKS = ("truncated_tail", "truncated_head")
ALL_QUIRKS = SAFE_QUIRKS + DESTRUCTIVE_QUIRKS + ("garbage",)
EXPECTED = {
    "custom_una": ("parsed", "custom UNA service characters, honoured after the sanity check"),
    "crlf": ("parsed", "CRLF line ends, removed by the tokenizer"),
    "typeb_wrap": ("parsed", "Type-B teletype wraps at 64-69 characters inside tokens, removed by the tokenizer"),
    "latin1": ("parsed_with_warning", "Latin-1 bytes: payload is not valid UTF-8"),
    "wrong_unt": ("parsed_with_warning", "UNT segment count does not match the message"),
    "truncated_tail": ("parsed_with_warning", "transmission cut after the flight segments: no UNT/UNZ"),
    "truncated_head": ("dead_letter", "transmission cut before the flight segment (no TDT/TVL)"),
    "garbage": ("dead_letter", "no EDIFACT interchange in the file"),
}
# Separator sets seen in real feeds (messages.md §4) that pass the UNA sanity check.
CUSTOM_SEPARATORS = (
    Separators(":", "*", ".", "?", " ", "$"),
    Separators(":", "+", ".", "?", "*", "'"),
    Separators(":", "+", ".", "\\", "*", "'"),
    Separators(":", "-", ".", "?", " ", "*"),
)


@dataclass(frozen=True, slots=True)
class Quirk:
    """A quirk applied to one file: its name, the expected outcome and why."""

    name: str
    expected: str
    reason: str


def quirk(name: str) -> Quirk:
    expected, reason = EXPECTED[name]
    return Quirk(name, expected, reason)


def allowed(kind: str, protected: bool) -> tuple[str, ...]:
    """The quirks a file may get: PNR pushes and files holding planted travellers only quirks
    that lose no data; ``latin1`` needs the PAXLST reporting party to carry its byte."""
    if kind == "pnr":
        return tuple(n for n in SAFE_QUIRKS if n != "latin1")
    return SAFE_QUIRKS if protected else SAFE_QUIRKS + DESTRUCTIVE_QUIRKS


def choose(rng: random.Random, rate: float, names: tuple[str, ...]) -> str | None:
    """One of ``names`` with probability ``rate``, else None."""
    if rate <= 0 or rng.random() >= rate:
        return None
    return rng.choice(names)


def custom_separators(rng: random.Random) -> Separators:
    return rng.choice(CUSTOM_SEPARATORS)


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def typeb_wrap(rng: random.Random, text: str, release: str = DEFAULT.release) -> str:
    """The interchange on lines of 64-69 characters, cut anywhere except right after a release
    character (Type-B teletype), with CRLF line ends."""
    flat = text.replace("\n", "")
    lines: list[str] = []
    pos = 0
    while pos < len(flat):
        cut = min(len(flat), pos + rng.randrange(64, 70))
        while cut < len(flat) and flat[cut - 1] == release:
            cut += 1
        lines.append(flat[pos:cut])
        pos = cut
    return "\r\n".join(lines) + "\r\n"


REPORTING_PARTY = "PRESCREEN SYNTHETIC"  # pipeline.paxlst.writer's default NAD+MS name


def latin1(text: str, seps: Separators = DEFAULT) -> str:
    """The reporting party written with a non-ASCII letter (stored as one Latin-1 byte)."""
    marker = f"NAD{seps.element}MS{seps.element * 3}{REPORTING_PARTY}"
    if marker not in text:
        raise ValueError("latin1 quirk: no PAXLST reporting party to carry the Latin-1 byte")
    return text.replace(marker, marker.replace("SYNTHETIC", "SYNTHÉTIQUE"), 1)


def wrong_unt(rng: random.Random, text: str, seps: Separators = DEFAULT) -> str:
    """Every UNT segment count changed by 1-5."""
    el = re.escape(seps.element)
    pattern = re.compile(rf"(UNT{el})(\d+)")
    return pattern.sub(lambda m: m.group(1) + str(max(0, int(m.group(2)) + rng.choice((-1, 1)) * rng.randrange(1, 6))),
                       text)


def truncate_tail(rng: random.Random, text: str, after: str) -> str:
    """``text`` cut at a random point in the last third, but never before the first ``after`` tag."""
    start = max(text.find(after) + len(after) + 20, len(text) * 2 // 3)
    if start >= len(text) - 5:
        start = len(text) // 2
    return text[: rng.randrange(start, len(text) - 5)]


def truncate_head(text: str, before: str) -> str:
    """``text`` cut just before the first ``before`` tag (the flight segment), mid-transmission."""
    cut = text.find(before)
    return text[:cut] if cut > 0 else text[: len(text) // 3]


def garbage(rng: random.Random) -> bytes:
    """Bytes that hold no EDIFACT interchange: log noise, a routing header and stray binary.

    No ``U`` is ever written, so no ``UNA``/``UNB`` can occur."""
    words = ("ERROR", "QTY", "TIMEOUT", "RETRY", "ACK", "NAK", "HEARTBEAT", "SITA", "QK", "LHRKKXH", "PING", "EOF")
    lines = [" ".join(rng.choice(words) for _ in range(rng.randrange(3, 12))) for _ in range(rng.randrange(2, 20))]
    noise = bytes(rng.choice(b"\x00\x01\x02\x03\x17\x1a\xff\xfeABCDEFGHIJKLMNOPQRST0123456789") for _ in range(64))
    return ("\n".join(lines) + "\n").encode("ascii") + noise


def apply(rng: random.Random, name: str, text: str, seps: Separators, flight_tag: str) -> bytes:
    """The stored bytes of ``text`` with quirk ``name`` applied (``custom_una`` is applied by the writer).

    ``flight_tag`` is the flight segment's tag (``TDT`` for PAXLST, ``TVL`` for PNRGOV)."""
    if name in ("custom_una", "none"):
        return text.encode("utf-8")
    if name == "crlf":
        return crlf(text).encode("utf-8")
    if name == "typeb_wrap":
        return typeb_wrap(rng, text, seps.release).encode("utf-8")
    if name == "latin1":
        return latin1(text, seps).encode("latin-1", errors="replace")
    if name == "wrong_unt":
        return wrong_unt(rng, text, seps).encode("utf-8")
    if name == "truncated_tail":
        return truncate_tail(rng, text, flight_tag).encode("utf-8")
    if name == "truncated_head":
        return truncate_head(text, flight_tag + seps.element).encode("utf-8")
    raise ValueError(f"unknown quirk {name!r} (expected one of {', '.join(ALL_QUIRKS)})")
