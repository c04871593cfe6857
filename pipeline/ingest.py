"""Payload → units of accounting → parsed messages and dead letters.

A *unit* is what ``messages_in`` counts: one PAXLST message, one PNR of a PNRGOV push, or one
part of a payload that holds no readable message. Each unit parses to exactly one result (a
``Message`` or a ``DeadLetter``), so ``messages_in = parsed + dead_lettered`` holds for every
payload. Message types are detected by content (the UNH message type), never by file name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline.edifact.reader import RawMessage, read_payload
from pipeline.errors import MessageError
from pipeline.model import DeadLetter, Message, MessageSource, ParseResult
from pipeline.paxlst import parse_paxlst
from pipeline.pnrgov import parse_pnr, split_pnrs
from pipeline.pnrgov.xml import XmlPayloadError, XmlPnr, looks_like_xml, parse_xml_pnr, read_xml_pnrs
from pipeline.source import message_source


@dataclass(frozen=True, slots=True)
class MessageFormat:
    """How one EDIFACT message type is cut into units and parsed.

    ``split`` returns views of the message (``RawMessage`` with a subset of its segments), one
    per unit; ``parse`` turns one unit into a ``Message`` or raises ``MessageError``.
    """

    split: Callable[[RawMessage], list[RawMessage]]
    parse: Callable[[RawMessage], Message]


def _whole(msg: RawMessage) -> list[RawMessage]:
    return [msg]


FORMATS: dict[str, MessageFormat] = {
    "PAXLST": MessageFormat(split=_whole, parse=parse_paxlst),
    "PNRGOV": MessageFormat(split=split_pnrs, parse=parse_pnr),
}


class Unit:
    """One unit of accounting; ``parse()`` never raises."""

    def parse(self) -> ParseResult:  # pragma: no cover - interface
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class FailedUnit(Unit):
    """A part of a payload already known to be unreadable."""

    dead: DeadLetter

    def parse(self) -> ParseResult:
        return self.dead


@dataclass(frozen=True, slots=True)
class EdifactUnit(Unit):
    """An EDIFACT message (or a PNR of one) with the parser for its type."""

    msg: RawMessage
    parser: Callable[[RawMessage], Message]

    def parse(self) -> ParseResult:
        msg = self.msg
        stage = msg.message_type.lower()
        try:
            return self.parser(msg)
        except MessageError as exc:
            return DeadLetter(stage, str(exc), msg.raw(), message_source(msg), tuple(msg.warnings))
        except Exception as exc:  # noqa: BLE001 - one bad message must never stop the pipeline
            reason = f"{msg.where(msg.unh)}: parser failed with {type(exc).__name__}; message kept for analysis"
            return DeadLetter(stage, reason, msg.raw(), message_source(msg), tuple(msg.warnings))


def _unsupported(msg: RawMessage) -> DeadLetter:
    known = " or ".join(sorted(FORMATS))
    return DeadLetter(
        stage="route",
        reason=f"{msg.where(msg.unh)}: unsupported message type {msg.message_type or '(empty)'!r} (expected {known})",
        raw=msg.raw(),
        source=message_source(msg),
        warnings=tuple(msg.warnings),
    )


def edifact_units(msg: RawMessage) -> list[Unit]:
    """The units of one EDIFACT message: split by its format, or one dead letter."""
    fmt = FORMATS.get(msg.message_type)
    if fmt is None:
        return [FailedUnit(_unsupported(msg))]
    try:
        parts = fmt.split(msg)
    except Exception as exc:  # noqa: BLE001
        reason = f"{msg.where(msg.unh)}: could not split the message ({type(exc).__name__})"
        return [FailedUnit(DeadLetter(msg.message_type.lower(), reason, msg.raw(), message_source(msg),
                                      tuple(msg.warnings)))]
    return [EdifactUnit(part, fmt.parse) for part in parts]


@dataclass(frozen=True, slots=True)
class XmlUnit(Unit):
    """One PNR of a PNRGOV XML push."""

    pnr: XmlPnr

    def parse(self) -> ParseResult:
        unit = self.pnr
        try:
            return parse_xml_pnr(unit)
        except MessageError as exc:
            return DeadLetter("pnrgov-xml", str(exc), unit.raw(), unit.source())
        except Exception as exc:  # noqa: BLE001 - one bad PNR must never stop the pipeline
            reason = f"{unit.file or '<payload>'}: PNR {unit.index + 1}: parser failed with {type(exc).__name__}"
            return DeadLetter("pnrgov-xml", reason, unit.raw(), unit.source())


def xml_units(raw: bytes, file: str | None = None) -> list[Unit]:
    """One unit per PNR of a PNRGOV XML payload, or one dead letter for an unreadable payload."""
    try:
        return [XmlUnit(p) for p in read_xml_pnrs(raw, file)]
    except XmlPayloadError as exc:
        return [FailedUnit(DeadLetter("pnrgov-xml", str(exc), raw, MessageSource(file=file, message_type="PNRGOV")))]


def read_units(raw: bytes, file: str | None = None) -> list[Unit]:
    """Every unit of a payload, in payload order. Never raises on bad input. A payload whose
    first non-blank character is ``<`` is read as PNRGOV XML, anything else as EDIFACT."""
    if looks_like_xml(raw):
        return xml_units(raw, file)
    payload = read_payload(raw, file)
    units: list[Unit] = [
        FailedUnit(DeadLetter("edifact", f"{file or '<payload>'}: {f.reason}", f.raw, MessageSource(file=file),
                              tuple(f.warnings)))
        for f in payload.failures
    ]
    for msg in payload.messages:
        units.extend(edifact_units(msg))
    return units


def parse_payload(raw: bytes, file: str | None = None) -> list[ParseResult]:
    """Every unit of ``raw`` parsed: messages, and dead letters for what could not be read."""
    return [unit.parse() for unit in read_units(raw, file)]
