"""Collecting one list's entries and problems into a ``Watchlist`` or one ``WatchlistError``.

Every format reader feeds its rows to an ``EntryCollector``: it keeps the good entries,
rejects duplicate ids within a list, counts bad rows, and at the end either returns the
list or raises a ``WatchlistError`` with every issue (unless bad rows are to be skipped).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pipeline.watchlist.errors import WatchlistError, WatchlistIssue
from pipeline.watchlist.fields import clean_text
from pipeline.watchlist.model import Severity, Watchlist, WatchlistEntry


@contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large list is read or indexed.

    Loading allocates millions of small containers that form no cycles; the collector's
    repeated full passes over them doubled the time of a 1M-entry load. Reference counting
    still frees everything as usual; the collector is resumed (if it was on) afterwards.
    ``freeze``: first move every object alive to the collector's permanent generation
    (``gc.freeze``), as a worker does for data it keeps until it ends — else the first pass
    after resuming walks all the new objects at once (about a second per million).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class ListSettings:
    """What the user says about a list when loading it (all optional).

    ``name`` renames the list and every entry's ``list``; ``category`` and ``severity`` are
    the defaults for entries that do not set their own; ``threshold`` is the alert score.
    """

    name: str | None = None
    category: str | None = None
    severity: Severity | None = None
    threshold: float | None = None


class EntryCollector:
    """Accumulates the rows of one list file; ``issues`` is appended to by the field parsers."""

    def __init__(self, file: str, settings: ListSettings, skip_bad_rows: bool) -> None:
        self.file = file
        self.settings = settings
        self.skip_bad_rows = skip_bad_rows
        self.entries: list[WatchlistEntry] = []
        self.issues: list[WatchlistIssue] = []
        self.bad_rows = 0
        self.dropped_values = 0
        self._first_line: dict[tuple[str, str], int | None] = {}

    def add(self, entry: WatchlistEntry | None, line: int | None, list_name: str | None, entry_id: str | None) -> None:
        """Keep ``entry``, the row of ``entry_id`` in ``list_name`` (as the file gives them).

        None (a row whose issues were recorded) counts as bad, and so does an id seen before in
        the same list, whether or not that earlier row was good.
        """
        if entry is not None:
            key = (entry.list, entry.id)
        else:
            key = (clean_text(list_name) or "", clean_text(entry_id) or "")
        first = self._first_line.get(key, 0) if all(key) else 0
        if first != 0:
            seen = f" (first on line {first})" if first is not None else ""
            self.issues.append(WatchlistIssue(
                self.file, line, "id", f"an id unique within list '{key[0]}'{seen}", key[1]))
        elif all(key):
            self._first_line[key] = line
        if entry is None or first != 0:
            self.bad_rows += 1
            return
        self.entries.append(entry)

    def finish(self, default_name: str, *, threshold: float | None = None) -> Watchlist:
        """The loaded list, or a ``WatchlistError`` listing every issue when rows were bad and
        are not to be skipped. The list's name: the setting, else the one ``list`` all entries
        share, else ``default_name``. ``threshold``: one the file itself declares."""
        if self.issues and not self.skip_bad_rows:
            raise WatchlistError(self.issues)
        s = self.settings
        names = {e.list for e in self.entries}
        name = s.name or (next(iter(names)) if len(names) == 1 else default_name)
        return Watchlist(
            name=name,
            entries=tuple(self.entries),
            source=self.file,
            category=s.category,
            severity=s.severity or "high",
            threshold=s.threshold if s.threshold is not None else threshold,
            skipped_rows=self.bad_rows,
            dropped_values=self.dropped_values,
        )
