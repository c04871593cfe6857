"""Conformance of the parsers on a folder of real-world sample messages.

For each file: how many messages, PNRs and travellers were found, how many warnings were
raised and which messages were dead-lettered (with their reasons). A file *fails* when one
of its messages is dead-lettered or when a passenger/crew list or a PNR push yields no
traveller at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.model import DeadLetter, Message, ParseResult

# Message functions that legitimately carry no traveller (PAXLST close-out without list, flight cancel).
NO_TRAVELLER_FUNCTIONS = {"266:CL", "266:XF", "266:CF"}


@dataclass(slots=True)
class FileReport:
    """What one file yielded."""

    file: str
    types: list[str] = field(default_factory=list)
    messages: int = 0
    pnrs: int = 0
    travellers: int = 0
    warnings: int = 0
    dead_letters: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.dead_letters and (self.travellers > 0 or self._travellerless_by_design())

    _functions: list[str] = field(default_factory=list)

    def _travellerless_by_design(self) -> bool:
        return bool(self._functions) and all(f in NO_TRAVELLER_FUNCTIONS for f in self._functions)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "types": self.types,
            "messages": self.messages,
            "pnrs": self.pnrs,
            "travellers": self.travellers,
            "warnings": self.warnings,
            "dead_letters": self.dead_letters,
            "ok": self.ok,
        }


def report_file(path: str, results: list[ParseResult]) -> FileReport:
    """Summarise the parse results of one file."""
    report = FileReport(path)
    for r in results:
        report.messages += 1
        report.warnings += len(r.warnings)
        label = f"{r.source.message_type or '?'} {r.source.version or ''}".strip()
        if label not in report.types:
            report.types.append(label)
        if isinstance(r, DeadLetter):
            report.dead_letters.append(r.reason)
            continue
        assert isinstance(r, Message)
        report.travellers += len(r.travellers)
        report.pnrs += 1 if r.pnr is not None else 0
        if r.source.function:
            report._functions.append(r.source.function)
    return report
