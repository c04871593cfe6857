"""The source metadata of a message, read from its envelope and UNH."""

from __future__ import annotations

from pipeline.edifact.reader import RawMessage
from pipeline.model import MessageSource


def message_source(msg: RawMessage) -> MessageSource:
    """Build ``MessageSource`` from the interchange envelope and the UNH segment.

    The function code is left empty: each parser sets it from BGM or MSG.
    """
    unh = msg.unh
    part_text, first_last = unh.get(3, 0), unh.code(3, 1)
    part = int(part_text) if part_text.isascii() and part_text.isdigit() else None  # not '¹0'
    final = True if first_last == "F" else (False if first_last == "C" else None)
    env = msg.envelope
    return MessageSource(
        file=msg.file,
        interchange_ref=env.interchange_ref,
        message_ref=unh.get(0) or None,
        sender=env.sender,
        recipient=env.recipient,
        version=msg.version,
        sent_at=env.sent_at,
        function=None,
        part=part,
        final=final,
        message_type=msg.message_type or None,
        common_access_ref=unh.get(2) or None,
        message_index=msg.index,
    )
