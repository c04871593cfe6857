"""Read a payload (a file, a queue message) into EDIFACT messages ready for a domain parser.

bytes → text (fallback decoding) → interchanges (each with its own UNA) → messages (UNH…UNT).
Nothing raises on bad input: problems become warnings, or failures that the caller turns
into dead letters.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.edifact.decode import decode_payload, encode_like
from pipeline.edifact.envelope import Envelope, split_messages
from pipeline.edifact.segment import Segment
from pipeline.edifact.separators import Separators, find_interchange_start, read_service_string
from pipeline.edifact.tokenizer import Tokens, tokenize


# Blanks and teletype control bytes (SOH, STX, ETX, EOT, SUB) around an interchange carry no data.
_TRANSPORT_BYTES = " \t\r\n\x00\x01\x02\x03\x04\x1a"


class TextLines:
    """Maps character offsets of a decoded payload to 1-based line numbers, lazily."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._breaks: list[int] | None = None

    def line(self, offset: int) -> int:
        if self._breaks is None:
            newline = "\n" if "\n" in self._text else "\r"
            self._breaks = [i for i, ch in enumerate(self._text) if ch == newline]
        return bisect_right(self._breaks, offset - 1) + 1


@dataclass(slots=True)
class RawMessage:
    """One UNH…UNT message with its envelope, warnings and the text it came from."""

    file: str | None
    index: int
    envelope: Envelope
    segments: list[Segment]
    warnings: list[str]
    text: str
    encoding: str
    lines: TextLines

    @property
    def unh(self) -> Segment:
        return self.segments[0]

    @property
    def message_type(self) -> str:
        return self.unh.code(1, 0)

    @property
    def version(self) -> str | None:
        version, release = self.unh.code(1, 1), self.unh.code(1, 2)
        if not version:
            return self.envelope.group_version
        return f"{version}:{release}" if release else version

    def raw(self) -> bytes:
        """The message's own bytes as received: UNH to UNT, or, for a view holding a subset of
        the segments (one PNR of a push), each run of consecutive segments."""
        runs: list[str] = []
        start = prev = self.segments[0]
        for seg in self.segments[1:]:
            if seg.number != prev.number + 1:
                runs.append(self.text[start.offset : prev.end])
                start = seg
            prev = seg
        runs.append(self.text[start.offset : prev.end])
        return encode_like("".join(runs), self.encoding)

    def view(self, segments: list[Segment]) -> RawMessage:
        """The same message restricted to ``segments`` (a unit of a multi-record message)."""
        return RawMessage(self.file, self.index, self.envelope, segments, list(self.warnings), self.text,
                          self.encoding, self.lines)

    def where(self, segment: Segment) -> str:
        """``file:line, segment N (TAG)`` for error messages; never the segment's content."""
        name = self.file or "<payload>"
        return f"{name}:{self.lines.line(segment.offset)}, segment {segment.number} ({segment.tag})"


@dataclass(slots=True)
class PayloadFailure:
    """A part of a payload that holds no readable message."""

    reason: str
    raw: bytes
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Payload:
    """Everything read from one payload: its messages and the parts that could not be read."""

    messages: list[RawMessage] = field(default_factory=list)
    failures: list[PayloadFailure] = field(default_factory=list)


def read_payload(raw: bytes, file: str | None = None) -> Payload:
    """Split ``raw`` into messages. Every byte ends up in a message or in a failure."""
    text, encoding = decode_payload(raw)
    lines = TextLines(text)
    payload = Payload()
    common: list[str] = []
    if encoding != "utf-8":
        common.append(f"payload is not valid UTF-8; decoded as {encoding}")
    start = find_interchange_start(text, 0)
    if start < 0:
        payload.failures.append(
            PayloadFailure("no EDIFACT interchange: no UNA or UNB segment found", raw, list(common))
        )
        return payload
    header = text[:start].strip(_TRANSPORT_BYTES)
    if header:
        common.append(f"ignored {len(header)} characters before the interchange (transport header)")
    number = 0
    while start >= 0:
        seps, body, warnings = read_service_string(text, start)
        warnings = common + warnings
        tokens, cut = interchange_tokens(text, seps, body)
        segments = tokens.segments[:cut]
        stop = segments[-1].end if segments else len(text)
        last = segments[-1].number if segments else 0
        warnings.extend(w for n, w in tokens.warnings if n < last)
        if tokens.unterminated_tail and cut == len(tokens.segments):
            warnings.append("last segment has no terminator")
        spans, env_warnings, unb, ung = split_messages(segments)
        warnings.extend(env_warnings)
        envelope = Envelope.from_segments(seps, unb, ung)
        next_start = find_interchange_start(text, stop)
        junk = text[stop : next_start if next_start >= 0 else len(text)].strip(_TRANSPORT_BYTES)
        if junk:
            warnings.append(f"ignored {len(junk)} characters after the interchange trailer")
        if not spans:
            chunk = text[start:stop]
            payload.failures.append(
                PayloadFailure(
                    "interchange holds no message (no UNH segment)", encode_like(chunk, encoding), warnings
                )
            )
        for span in spans:
            payload.messages.append(
                RawMessage(file, number, envelope, span.segments, warnings + span.warnings, text, encoding, lines)
            )
            number += 1
        start = next_start
    return payload


def interchange_tokens(text: str, seps: Separators, body: int) -> tuple[Tokens, int]:
    """The tokens from ``body`` on, far enough to hold the whole interchange, and how many of
    them belong to it (``_interchange_end``): the same as tokenizing to the end of ``text``.

    Tokenizing to the end for every interchange made a payload of many interchanges quadratic.
    Instead the window ends at a candidate interchange start and grows (at least doubling)
    until the segment that ends the interchange — its UNZ, or the UNA/UNB after it — is
    terminated inside the window, so that no text after the window can change the result.
    """
    end = find_interchange_start(text, body + 1)
    while True:
        if end < 0:
            end = len(text)
        tokens = tokenize(text, seps, body, end)
        cut = _interchange_end(tokens.segments)
        if end == len(text) or _settled(tokens, cut):
            return tokens, cut
        end = find_interchange_start(text, max(end + 1, 2 * end - body))


def _settled(tokens: Tokens, cut: int) -> bool:
    """Whether the segment that decided ``cut`` has its terminator inside the window."""
    segments = tokens.segments
    deciding = cut - 1 if cut and segments[cut - 1].tag == "UNZ" else cut
    return deciding < len(segments) - tokens.unterminated_tail


def _interchange_end(segments: list[Segment]) -> int:
    """Number of segments that belong to the interchange starting at ``segments[0]``."""
    for i, seg in enumerate(segments):
        if seg.tag == "UNZ":
            return i + 1
        if i > 0 and seg.tag in ("UNA", "UNB"):
            return i
    return len(segments)
