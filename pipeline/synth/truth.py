"""``truth.jsonl``: one JSON object per line for every planted fact the generator knows.

Types (keys are stable; new keys may be added): ``watchlist_match`` (person_id, entry_id, list,
causes, flight; plus ``listed`` and ``sent`` forms), ``hard_negative`` (person_id, entry_id, list, cause, flight), ``risk_pattern``
(person_id, pattern, details), ``quirk`` (file, quirk, expected, reason). In: the records as
they are planted. Out: a file written line by line in generation order (bounded memory).
"""

from __future__ import annotations

import json
from typing import IO, Any


class TruthWriter:
    """Appends ground-truth records to an open text file and counts them by type."""

    def __init__(self, fh: IO[str]) -> None:
        self._fh = fh
        self.counts: dict[str, int] = {}

    def _write(self, record: dict[str, Any]) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        self.counts[record["type"]] = self.counts.get(record["type"], 0) + 1

    def watchlist_match(self, person_id: str, entry_id: str, list_name: str, causes: tuple[str, ...],
                        flight: str, listed: dict[str, Any] | None = None, sent: dict[str, Any] | None = None) -> None:
        """``listed``/``sent``: the name, date of birth and document as listed and as the airline sent them."""
        record: dict[str, Any] = {"type": "watchlist_match", "person_id": person_id, "entry_id": entry_id,
                                  "list": list_name, "causes": list(causes), "flight": flight}
        if listed is not None:
            record["listed"] = listed
        if sent is not None:
            record["sent"] = sent
        self._write(record)

    def hard_negative(self, person_id: str, entry_id: str, list_name: str, cause: str, flight: str) -> None:
        self._write({"type": "hard_negative", "person_id": person_id, "entry_id": entry_id, "list": list_name,
                     "cause": cause, "flight": flight})

    def risk_pattern(self, person_id: str, pattern: str, details: dict[str, Any]) -> None:
        self._write({"type": "risk_pattern", "person_id": person_id, "pattern": pattern, "details": details})

    def quirk(self, file: str, quirk: str, expected: str, reason: str) -> None:
        self._write({"type": "quirk", "file": file, "quirk": quirk, "expected": expected, "reason": reason})


def read_truth(lines: IO[str]) -> list[dict[str, Any]]:
    """Every record of a ``truth.jsonl`` stream."""
    return [json.loads(line) for line in lines if line.strip()]
