"""Interchange envelopes: UNB/UNG/UNH…UNT/UNE/UNZ, with control counts checked as warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.edifact.segment import Segment
from pipeline.edifact.separators import Separators


def envelope_datetime(date: str, time: str = "") -> str | None:
    """UNB/UNG S004 date (YYMMDD or CCYYMMDD) and time (HHMM) as ISO text, or None."""
    date = date.strip()
    if not (date.isascii() and date.isdigit()) or len(date) not in (6, 8):  # not '¹60101'
        return None
    if len(date) == 6:
        yy = int(date[:2])
        date = ("20" if yy < 70 else "19") + date
    iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}"
    time = time.strip()
    if len(time) >= 4 and time[:4].isascii() and time[:4].isdigit():
        iso += f"T{time[:2]}:{time[2:4]}"
    return iso


@dataclass(frozen=True, slots=True)
class Envelope:
    """What the UNB (and UNG) say about an interchange."""

    separators: Separators
    sender: str | None = None
    recipient: str | None = None
    interchange_ref: str | None = None
    sent_at: str | None = None
    syntax: str | None = None
    application_ref: str | None = None
    group_ref: str | None = None
    group_version: str | None = None

    @classmethod
    def from_segments(cls, seps: Separators, unb: Segment | None, ung: Segment | None) -> Envelope:
        if unb is None:
            return cls(seps)
        group_version = None
        if ung is not None and ung.get(6, 0):
            group_version = ":".join(c for c in ung.components(6) if c.strip())
        return cls(
            separators=seps,
            sender=unb.get(1) or None,
            recipient=unb.get(2) or None,
            interchange_ref=unb.get(4) or None,
            sent_at=envelope_datetime(unb.get(3, 0), unb.get(3, 1)),
            syntax=unb.get(0) or None,
            application_ref=unb.get(6) or None,
            group_ref=ung.get(4) if ung is not None and ung.get(4) else None,
            group_version=group_version,
        )


@dataclass(slots=True)
class MessageSpan:
    """The segments of one message (UNH … UNT; UNT may be missing) and its own warnings."""

    segments: list[Segment]
    group: Segment | None
    warnings: list[str] = field(default_factory=list)


def _same_ref(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def split_messages(segments: list[Segment]) -> tuple[list[MessageSpan], list[str], Segment | None, Segment | None]:
    """Group an interchange's segments into messages and check its control counts.

    Returns ``(messages, interchange_warnings, unb, first_ung)``. Wrong or missing counts and
    references are warnings; segments outside any message are reported and ignored.
    """
    warnings: list[str] = []
    messages: list[MessageSpan] = []
    unb: Segment | None = None
    ung: Segment | None = None
    first_ung: Segment | None = None
    unz: Segment | None = None
    current: list[Segment] | None = None
    group_messages = 0
    groups = 0

    def close(why: str | None) -> None:
        nonlocal current
        if current is None:
            return
        span = MessageSpan(current, ung)
        if why is not None:
            span.warnings.append(f"segment {current[-1].number}: message {why} without UNT (truncated?)")
        messages.append(span)
        current = None

    for seg in segments:
        tag = seg.tag
        if tag == "UNH":
            close("ends at the next UNH")
            current = [seg]
            group_messages += 1
        elif tag == "UNT":
            if current is None:
                warnings.append(f"segment {seg.number}: UNT outside a message; ignored")
                continue
            current.append(seg)
            span = MessageSpan(current, ung)
            _check_unt(span)
            messages.append(span)
            current = None
        elif current is not None and tag not in ("UNE", "UNZ", "UNB", "UNG"):
            current.append(seg)
        elif tag == "UNB":
            if unb is None:
                unb = seg
            else:
                warnings.append(f"segment {seg.number}: second UNB inside one interchange; ignored")
        elif tag == "UNG":
            close("ends at UNG")
            ung = seg
            first_ung = first_ung or seg
            groups += 1
            group_messages = 0
        elif tag == "UNE":
            close("ends at UNE")
            _check_count_and_ref(seg, group_messages, ung.get(4) if ung else None, "UNE", "UNG", warnings)
        elif tag == "UNZ":
            close("ends at UNZ")
            unz = seg
        else:
            warnings.append(f"segment {seg.number} ({tag}): outside any message; ignored")
    close("ends at the end of the interchange")
    if unb is None:
        warnings.append("interchange has no UNB header")
    if unz is None:
        warnings.append("interchange has no UNZ trailer")
    else:
        expected = groups if groups else len(messages)
        _check_count_and_ref(unz, expected, unb.get(4) if unb else None, "UNZ", "UNB", warnings)
    return messages, warnings, unb, first_ung


def _check_unt(span: MessageSpan) -> None:
    unh, unt = span.segments[0], span.segments[-1]
    count = unt.get(0)
    actual = len(span.segments)
    if not (count.isascii() and count.isdigit()):
        span.warnings.append(f"segment {unt.number}: UNT has no segment count (expected {actual})")
    elif int(count) != actual:
        span.warnings.append(f"segment {unt.number}: UNT counts {int(count)} segments, message has {actual}")
    ref = unt.get(1)
    if not ref:
        span.warnings.append(f"segment {unt.number}: UNT has no message reference")
    elif not _same_ref(ref, unh.get(0)):
        span.warnings.append(f"segment {unt.number}: UNT reference differs from UNH reference")


def _check_count_and_ref(
    seg: Segment, expected: int, header_ref: str | None, tag: str, header: str, warnings: list[str]
) -> None:
    count = seg.get(0)
    if not (count.isascii() and count.isdigit()):
        warnings.append(f"segment {seg.number}: {tag} has no count (expected {expected})")
    elif int(count) != expected:
        warnings.append(f"segment {seg.number}: {tag} counts {int(count)}, found {expected}")
    ref = seg.get(1)
    if header_ref is not None and not _same_ref(ref, header_ref):
        warnings.append(f"segment {seg.number}: {tag} reference differs from {header} reference")
