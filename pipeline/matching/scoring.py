"""The one table that turns feature scores into a hit score, and the default alert threshold.

score = name + Σ weight × qualifier, clipped to 0..1, where a qualifier's weight is its
``agree`` weight when the qualifier is positive and its ``conflict`` weight when negative
(additive qualifiers as in nomenklatura logic-v2). A document number that matches exactly
while the name scores at least ``DOCUMENT_SHORTCUT_NAME`` lifts the score to at least
``DOCUMENT_SHORTCUT_SCORE``. The threshold is calibrated in ``bench/bench_matching_quality.py``
to at most 1 false alert per 1,000 unlisted travellers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Weight:
    """How far a qualifier at +1 (``agree``) or −1 (``conflict``) moves the score."""

    agree: float
    conflict: float


WEIGHTS: dict[str, Weight] = {
    "date_of_birth": Weight(agree=0.10, conflict=0.25),
    "nationality": Weight(agree=0.03, conflict=0.08),
    "gender": Weight(agree=0.02, conflict=0.10),
    "document": Weight(agree=0.30, conflict=0.05),
}
FEATURE_ORDER: tuple[str, ...] = ("name", *WEIGHTS)

DEFAULT_THRESHOLD = 0.88
"""The score at or above which a hit alerts (``prescreen run`` and ``prescreen match``)."""

DOCUMENT_SHORTCUT_NAME = 0.5
DOCUMENT_SHORTCUT_SCORE = 0.99
CANDIDATE_FLOOR = 0.5
"""Hits below this score are never reported, whatever threshold is asked for."""


OTHER_AGREE = sum(w.agree for k, w in WEIGHTS.items() if k != "document")
"""What every qualifier but the document adds in full agreement."""


def best_possible(name: float, document: float) -> float:
    """The highest score reachable once name and document are known: every other qualifier
    assumed in full agreement. Lets the matcher skip hopeless candidates early."""
    doc = document * (WEIGHTS["document"].agree if document > 0 else WEIGHTS["document"].conflict)
    score = name + doc + OTHER_AGREE
    if document >= 1.0 and name >= DOCUMENT_SHORTCUT_NAME:
        score = max(score, DOCUMENT_SHORTCUT_SCORE)
    return min(1.0, score)


def best_without_document(date_of_birth: float) -> float:
    """The highest score of a candidate whose date of birth scores ``date_of_birth`` and whose
    document cannot agree: full name, every other qualifier in agreement."""
    return combine({"name": 1.0, **{k: 1.0 for k in WEIGHTS if k not in ("date_of_birth", "document")},
                    "date_of_birth": date_of_birth})


def combine(features: dict[str, float]) -> float:
    """The hit score, 0..1, from ``{"name": 0..1, qualifier: -1..1, ...}``."""
    name = features["name"]
    score = name
    for key, w in WEIGHTS.items():
        value = features.get(key, 0.0)
        score += value * (w.agree if value > 0 else w.conflict)
    if features.get("document", 0.0) >= 1.0 and name >= DOCUMENT_SHORTCUT_NAME:
        score = max(score, DOCUMENT_SHORTCUT_SCORE)
    return min(1.0, max(0.0, score))
