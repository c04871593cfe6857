"""Payload → parsed messages and dead letters: detects the message type by content and routes it.

``messages_in = parsed + dead_lettered`` holds for every payload: each UNH…UNT message and
each part of a payload that holds no message yields exactly one result.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.edifact.reader import RawMessage, read_payload
from pipeline.errors import MessageError
from pipeline.model import DeadLetter, Message, MessageSource, ParseResult
from pipeline.paxlst import parse_paxlst
from pipeline.source import message_source

PARSERS: dict[str, Callable[[RawMessage], Message]] = {
    "PAXLST": parse_paxlst,
}


def parse_message(msg: RawMessage) -> ParseResult:
    """Parse one EDIFACT message with the parser its UNH names, or dead-letter it."""
    parser = PARSERS.get(msg.message_type)
    if parser is None:
        known = " or ".join(sorted(PARSERS))
        return DeadLetter(
            stage="route",
            reason=f"{msg.where(msg.unh)}: unsupported message type {msg.message_type or '(empty)'!r} "
            f"(expected {known})",
            raw=msg.raw(),
            source=message_source(msg),
            warnings=tuple(msg.warnings),
        )
    try:
        return parser(msg)
    except MessageError as exc:
        return DeadLetter(msg.message_type.lower(), str(exc), msg.raw(), message_source(msg), tuple(msg.warnings))
    except Exception as exc:  # noqa: BLE001 - one bad message must never stop the pipeline
        return DeadLetter(
            msg.message_type.lower(),
            f"{msg.where(msg.unh)}: parser failed with {type(exc).__name__}; message kept for analysis",
            msg.raw(),
            message_source(msg),
            tuple(msg.warnings),
        )


def parse_payload(raw: bytes, file: str | None = None) -> list[ParseResult]:
    """Every message in ``raw`` parsed, and every unreadable part as a dead letter."""
    payload = read_payload(raw, file)
    results: list[ParseResult] = [
        DeadLetter("edifact", f"{file or '<payload>'}: {f.reason}", f.raw, MessageSource(file=file), tuple(f.warnings))
        for f in payload.failures
    ]
    results.extend(parse_message(m) for m in payload.messages)
    return results
