"""One line an analyst can read for each hit, from the features' details.

``"name 0.94 (MUHAMMAD≈MOHAMMED, order swapped); born 1971 on both; passport differs"``:
the name first, then every qualifier that carried evidence (missing values are left out).
"""

from __future__ import annotations

from pipeline.matching.features import FeatureScore
from pipeline.matching.scoring import FEATURE_ORDER


def explanation(features: dict[str, FeatureScore]) -> str:
    """Join the details of the name and of every qualifier whose score is not 0."""
    parts = []
    for key in FEATURE_ORDER:
        fs = features.get(key)
        if fs is None:
            continue
        if key == "name" or fs.score != 0.0:
            parts.append(fs.detail)
    return "; ".join(parts)
