"""Screening one traveller against loaded watchlists: candidates from the index, then scores.

``Matcher(watchlists).match(traveller)`` → the hits at or above each list's threshold (the
list's own, else ``scoring.DEFAULT_THRESHOLD``; ``threshold=`` overrides both), best first.
Every hit carries its per-feature scores and one explanation line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.matching.explain import explanation
from pipeline.matching.features import (
    FeatureScore,
    best_name_similarity,
    dob_agreement,
    document_agreement,
    gender_agreement,
    nationality_agreement,
)
from pipeline.matching.index import WatchlistIndex
from pipeline.matching.keys import PreparedName, document_keys, prepare_name, token_keys
from pipeline.matching.scoring import CANDIDATE_FLOOR, DEFAULT_THRESHOLD, combine
from pipeline.model import Traveller
from pipeline.watchlist.model import Watchlist, WatchlistEntry

DEFAULT_CANDIDATES = 40
"""How many candidates per traveller the index hands to the scorer."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A traveller scored at or above a list's threshold against one of its entries."""

    traveller_id: str | None
    entry_id: str
    list: str
    score: float
    features: dict[str, float]
    explanation: str
    category: str | None = None
    severity: str | None = None
    threshold: float = DEFAULT_THRESHOLD

    def to_json(self) -> dict[str, Any]:
        """The ``prescreen match`` line: stable keys, more may be added."""
        return {
            "traveller_id": self.traveller_id,
            "entry_id": self.entry_id,
            "list": self.list,
            "score": round(self.score, 4),
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "explanation": self.explanation,
            "category": self.category,
            "severity": self.severity,
        }


def traveller_name(t: Traveller) -> PreparedName:
    """The traveller's name prepared for comparison (given names, then surname)."""
    return prepare_name(None, t.surname, t.given_names)


def compare(traveller: Traveller, name: PreparedName, entry: WatchlistEntry,
            entry_names: Sequence[PreparedName]) -> dict[str, FeatureScore]:
    """All features of a traveller against one listed person."""
    return {
        "name": best_name_similarity(name, entry_names),
        "date_of_birth": dob_agreement(traveller.date_of_birth, entry.dates_of_birth),
        "nationality": nationality_agreement(
            [traveller.nationality, *(d.issuing_country for d in traveller.documents)],
            [*entry.nationalities, *(d.country for d in entry.documents)],
        ),
        "gender": gender_agreement(traveller.gender, entry.gender),
        "document": document_agreement(
            [(d.type, d.number, d.issuing_country) for d in traveller.documents],
            [(d.type, d.number, d.country) for d in entry.documents],
        ),
    }


class Matcher:
    """Screens travellers against watchlists through one ``WatchlistIndex`` built at construction."""

    def __init__(self, watchlists: Sequence[Watchlist], candidates: int = DEFAULT_CANDIDATES,
                 max_df: int | None = None):
        self.watchlists = list(watchlists)
        self.index = WatchlistIndex.build(self.watchlists, max_df=max_df)
        self.candidates = candidates
        self._entry_names = lru_cache(maxsize=100_000)(self._prepare_entry)

    def _prepare_entry(self, i: int) -> tuple[PreparedName, ...]:
        return tuple(prepare_name(n.full, n.surname, n.given_names) for n in self.index.entries[i].names)

    def _threshold(self, list_number: int, threshold: float | None) -> float:
        if threshold is not None:
            return threshold
        own = self.watchlists[list_number].threshold
        return own if own is not None else DEFAULT_THRESHOLD

    def candidate_entries(self, traveller: Traveller, name: PreparedName | None = None) -> list[int]:
        """Entry numbers the index proposes for ``traveller``, best first."""
        name = name or traveller_name(traveller)
        doc_keys: set[str] = set()
        for d in traveller.documents:
            doc_keys |= document_keys(d.number)
        found = self.index.candidates([token_keys(t) for t in name.tokens], doc_keys, self.candidates)
        return [int(i) for i in found]

    def score(self, traveller: Traveller, i: int, name: PreparedName | None = None) -> tuple[float, dict[str, FeatureScore]]:
        """Score and features of ``traveller`` against entry number ``i``."""
        name = name or traveller_name(traveller)
        features = compare(traveller, name, self.index.entries[i], self._entry_names(i))
        return combine({k: f.score for k, f in features.items()}), features

    def match(self, traveller: Traveller, threshold: float | None = None, top: int | None = None) -> list[Hit]:
        """Hits for ``traveller``, best first; at most ``top`` when given."""
        name = traveller_name(traveller)
        hits: list[Hit] = []
        for i in self.candidate_entries(traveller, name):
            score, features = self.score(traveller, i, name)
            number = int(self.index.list_numbers[i])
            limit = max(self._threshold(number, threshold), CANDIDATE_FLOOR if threshold is None else 0.0)
            if score < limit:
                continue
            entry = self.index.entries[i]
            wl = self.watchlists[number]
            hits.append(Hit(
                traveller_id=traveller.id,
                entry_id=entry.id,
                list=entry.list or wl.name,
                score=score,
                features={k: f.score for k, f in features.items()},
                explanation=explanation(features),
                category=entry.category or wl.category,
                severity=entry.severity or wl.severity,
                threshold=self._threshold(number, threshold),
            ))
        hits.sort(key=lambda h: (-h.score, h.list, h.entry_id))
        return hits[:top] if top is not None else hits
