"""The project's error hierarchy: every error says where (file:line, segment, field) and what was expected."""

from __future__ import annotations


class PrescreenError(ValueError):
    """Root of all errors raised on bad input."""


class MessageError(PrescreenError):
    """A message that cannot be understood; becomes a dead letter with this text as reason.

    ``where`` is a location such as ``flights.edi:12, segment 14 (TDT)``. Never put passenger
    values (names, document numbers) into the text: it ends up in logs and reports.
    """

    def __init__(self, reason: str, where: str | None = None) -> None:
        self.reason = reason
        self.where = where
        super().__init__(f"{where}: {reason}" if where else reason)
