"""Errors in watchlist files: every problem says file:line, column and the expected form.

A problem is a ``WatchlistIssue``; loaders collect all of them (pySigma-style) and raise one
``WatchlistError`` carrying the whole list. Listed people's values may appear (shortened): a
watchlist is the agency's own reference data, not passenger data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import PrescreenError

_MAX_GOT = 40  # characters of an offending value quoted in a message
_MAX_LISTED = 50  # issues spelled out in one exception message; all stay in ``issues``


def _short(value: str) -> str:
    return value if len(value) <= _MAX_GOT else value[: _MAX_GOT - 1] + "…"


@dataclass(frozen=True, slots=True)
class WatchlistIssue:
    """One problem: where it is (``file``, ``line`` 1-based, ``column``), what was expected, what was found."""

    file: str
    line: int | None
    column: str | None
    expected: str
    got: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        column = f" column '{self.column}':" if self.column else ""
        got = f", got {_short(self.got)!r}" if self.got is not None else ""
        return f"{where}:{column} expected {self.expected}{got}"


class WatchlistError(PrescreenError):
    """A watchlist that cannot be loaded, with every problem found in it.

    ``file``, ``line``, ``column`` and ``expected`` are those of the first issue; ``issues``
    holds them all. The message lists up to 50 and counts the rest.
    """

    def __init__(self, issues: Sequence[WatchlistIssue], *, skippable: bool = True) -> None:
        if not issues:
            raise ValueError("WatchlistError needs at least one issue")
        self.issues = tuple(issues)
        first = self.issues[0]
        self.file, self.line, self.column, self.expected = first.file, first.line, first.column, first.expected
        self.skippable = skippable
        super().__init__(self._message())

    @classmethod
    def at(cls, file: str, line: int | None, column: str | None, expected: str, got: str | None = None,
           *, skippable: bool = False) -> WatchlistError:
        """An error for one problem (by default one that skipping bad rows cannot get around)."""
        return cls([WatchlistIssue(file, line, column, expected, got)], skippable=skippable)

    def _message(self) -> str:
        if len(self.issues) == 1:
            return str(self.issues[0])
        lines = [f"{self.file}: {len(self.issues)} errors; the list is not loaded"
                 + (" (skip_bad_rows=true loads the good rows)" if self.skippable else "")]
        lines += [f"  {issue}" for issue in self.issues[:_MAX_LISTED]]
        if len(self.issues) > _MAX_LISTED:
            lines.append(f"  … and {len(self.issues) - _MAX_LISTED} more")
        return "\n".join(lines)
