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

import numpy as np

from pipeline.matching.explain import explanation
from pipeline.matching.features import (
    FeatureScore,
    PreparedDocument,
    best_name_score,
    best_name_similarity,
    country_set,
    dob_agreement,
    dob_bound,
    document_agreement,
    gender_agreement,
    gender_code,
    nationality_agreement,
    prepare_documents,
)
from pipeline.matching.index import WatchlistIndex
from pipeline.matching.keys import PreparedName, form_keys, merged_keys, prepare_name, token_keys
from pipeline.matching.qualifier_bounds import TravellerQualifiers
from pipeline.matching.scoring import (
    CANDIDATE_FLOOR,
    DEFAULT_THRESHOLD,
    best_possible,
    best_without_document,
    combine,
)
from pipeline.model import Traveller
from pipeline.normalise.dates import PartialDob, parse_dob, parse_dobs
from pipeline.watchlist.model import Watchlist, WatchlistEntry

DEFAULT_CANDIDATES = 400
"""How many candidates per traveller the index proposes by name."""
DEFAULT_SHORTLIST = 32
"""How many of those, furthest above the name score they need by prescore, are name-scored
(plus every document-number candidate)."""
PRESCORE_GATE = 40.0
"""Candidates by name whose prescore (``WatchlistIndex.prescores``, 0..100) is below this are not scored."""
_SLACK = 1e-9
"""Rounding room when a name score is compared with the name score a candidate needs (the
score sums its terms in another order)."""


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


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison with everything the features need, prepared once: names,
    parsed dates of birth, countries (nationalities and document issuers) as alpha-3, gender
    code, documents."""

    names: tuple[PreparedName, ...]
    dates_of_birth: tuple[PartialDob, ...]
    countries: frozenset[str]
    gender: str | None
    documents: tuple[PreparedDocument, ...]

    @classmethod
    def of_traveller(cls, t: Traveller) -> Side:
        dob = parse_dob(t.date_of_birth)
        return cls((traveller_name(t),), (dob,) if dob is not None else (),
                   country_set((t.nationality, *(d.issuing_country for d in t.documents))), gender_code(t.gender),
                   prepare_documents((d.type, d.number, d.issuing_country) for d in t.documents))

    @classmethod
    def of_entry(cls, e: WatchlistEntry, names: tuple[PreparedName, ...] | None = None) -> Side:
        """The entry's side; ``names`` are its names already prepared (the index keeps them)."""
        if names is None:
            names = tuple(prepare_name(n.full, n.surname, n.given_names) for n in e.names)
        return cls(names, parse_dobs(e.dates_of_birth),
                   country_set((*e.nationalities, *(d.country for d in e.documents))), gender_code(e.gender),
                   prepare_documents((d.type, d.number, d.country) for d in e.documents))


def compare(traveller: Side, entry: Side, floor: float = 0.0,
            name_score: float | None = None) -> dict[str, FeatureScore] | None:
    """All features of a traveller against one listed person; None as soon as the score
    cannot reach ``floor``. ``name_score``: the name's score when already known. The name's
    explanation (the slower part) is only composed for a comparison that reaches the floor."""
    name = best_name_score(traveller.names[0], entry.names) if name_score is None else name_score
    document = document_agreement(traveller.documents, entry.documents)
    if floor > 0.0 and best_possible(name, document.score) < floor:
        return None
    qualifiers = {
        "date_of_birth": dob_agreement(traveller.dates_of_birth[0] if traveller.dates_of_birth else None,
                                       entry.dates_of_birth),
        "nationality": nationality_agreement(traveller.countries, entry.countries),
        "gender": gender_agreement(traveller.gender, entry.gender),
        "document": document,
    }
    if floor > 0.0 and combine({"name": name, **{k: f.score for k, f in qualifiers.items()}}) < floor:
        return None
    return {"name": best_name_similarity(traveller.names[0], entry.names), **qualifiers}


@lru_cache(maxsize=64)
def birth_year_reach(threshold: float) -> int | None:
    """How many years apart a traveller's and a listed birth year may be while a candidate
    sharing no document can still reach ``threshold`` (None: any gap can)."""
    for reach in range(4):
        if best_without_document(dob_bound(reach + 1)) < threshold:
            return reach
    return None


class Matcher:
    """Screens travellers against watchlists through one ``WatchlistIndex`` built at construction."""

    def __init__(self, watchlists: Sequence[Watchlist], candidates: int = DEFAULT_CANDIDATES,
                 shortlist: int = DEFAULT_SHORTLIST, max_df: int | None = None):
        self.watchlists = list(watchlists)
        self.index = WatchlistIndex.build(self.watchlists, max_df=max_df)
        self.candidates = candidates
        self.shortlist = shortlist
        self._entry_side = lru_cache(maxsize=200_000)(self._prepare_entry)
        self._lowest_threshold = min((max(self._threshold(i, None), CANDIDATE_FLOOR) for i in range(len(self.watchlists))),
                                     default=DEFAULT_THRESHOLD)

    def _prepare_entry(self, i: int) -> Side:
        return Side.of_entry(self.index.entries[i], self.index.names[i])

    def _threshold(self, list_number: int, threshold: float | None) -> float:
        if threshold is not None:
            return threshold
        own = self.watchlists[list_number].threshold
        return own if own is not None else DEFAULT_THRESHOLD

    def candidate_entries(self, traveller: Traveller) -> list[int]:
        """Entry numbers the index proposes for ``traveller``, in the order ``match`` scores
        them: the shortlist by name, then the others sharing a document number."""
        return self._candidates(Side.of_traveller(traveller), self._lowest_threshold)[0]

    def _candidates(self, side: Side, threshold: float) -> tuple[list[int], set[int], dict[int, float]]:
        """``(entries to score in order, those of them sharing a document key, the name scores
        already known)``: the shortlist by name, then the other document candidates by entry
        number. By name, only people born close enough to the traveller to reach ``threshold``
        (``birth_year_reach``)."""
        name = side.names[0]
        doc_keys = set().union(*(form_keys(d.forms) for d in side.documents))
        groups = [token_keys(t) for t in name.tokens] + [merged_keys(name)]
        year = side.dates_of_birth[0].year if side.dates_of_birth else None
        reach = birth_year_reach(threshold) if year is not None else None
        by_name, by_doc = self.index.candidates(groups, doc_keys, self.candidates,
                                                None if reach is None else (year, reach))
        shortlist, names = self._shortlist(side, by_name, threshold) if by_name.size else ([], {})
        documents = set(by_doc.tolist())
        return shortlist + sorted(documents.difference(shortlist)), documents, names

    def _shortlist(self, side: Side, found: np.ndarray, threshold: float) -> tuple[list[int], dict[int, float]]:
        """The entries of ``found`` worth scoring in full, with their name scores when known.

        Each entry's date of birth, gender and nationality bound the name score it needs to reach
        ``threshold`` without a document (``qualifier_bounds``): those that would need more than
        1 are dropped. When more than ``shortlist`` are left, the best ``shortlist`` by how far
        their prescore (``WatchlistIndex.prescores``, as a fraction) is above the name score
        they need are kept, those below ``PRESCORE_GATE`` dropped: a weak namesake born the
        same day goes before close names born another month. With the C name scorer
        (``WatchlistIndex.name_scores``) these are name-scored at once and only those whose name
        reaches what they need are kept, best name first."""
        name = side.names[0]
        need = threshold - self.index.qualifiers.best_qualifiers(
            TravellerQualifiers(side.dates_of_birth[0] if side.dates_of_birth else None, side.gender,
                                bool(side.countries)), found)
        possible = np.flatnonzero(need <= 1.0 + _SLACK)
        if possible.size > self.shortlist:
            best = self.index.prescores(name, found[possible])
            margin = best / 100.0 - need[possible]
            order = np.argsort(-margin, kind="stable")[: self.shortlist]
            possible = possible[order[best[order] >= PRESCORE_GATE]]
        found, need = found[possible], need[possible]
        scores = self.index.name_scores(name, found)
        if scores is None:
            return found.tolist(), {}
        keep = np.flatnonzero(scores >= need - _SLACK)
        keep = keep[np.argsort(-scores[keep], kind="stable")]
        chosen = found[keep].tolist()
        return chosen, dict(zip(chosen, scores[keep].tolist()))

    def score(self, traveller: Traveller | Side, i: int, floor: float = 0.0, shares_document: bool = True,
              name: float | None = None) -> tuple[float, dict[str, FeatureScore]] | None:
        """Score and features of ``traveller`` against entry number ``i``; None when below
        ``floor``. ``shares_document=False`` (no document key in common, so the document
        feature cannot be positive) lets a hopeless name end the comparison before the entry's
        other details are prepared; ``name``: the name score when already known."""
        side = traveller if isinstance(traveller, Side) else Side.of_traveller(traveller)
        if floor > 0.0:
            if name is None:
                name = best_name_score(side.names[0], self.index.names[i])
            if best_possible(name, 1.0 if shares_document else 0.0) < floor:
                return None
        features = compare(side, self._entry_side(i), floor, name)
        if features is None:
            return None
        return combine({k: f.score for k, f in features.items()}), features

    def match(self, traveller: Traveller, threshold: float | None = None, top: int | None = None) -> list[Hit]:
        """Hits for ``traveller``, best first; at most ``top`` when given. A hit scores at
        least its list's threshold (or ``threshold``) and never less than ``CANDIDATE_FLOOR``."""
        side = Side.of_traveller(traveller)
        lowest = self._lowest_threshold if threshold is None else max(threshold, CANDIDATE_FLOOR)
        candidates, by_doc, names = self._candidates(side, lowest)
        hits: list[Hit] = []
        for i in candidates:
            number = int(self.index.list_numbers[i])
            limit = max(self._threshold(number, threshold), CANDIDATE_FLOOR)
            scored = self.score(side, i, limit, shares_document=i in by_doc, name=names.get(i))
            if scored is None or scored[0] < limit:
                continue
            score, features = scored
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
