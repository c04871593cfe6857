"""Checked bags: tag ranges and weights."""

from __future__ import annotations

LB_TO_KG = 0.45359237


def pounds_to_kg(pounds: float) -> float:
    """Pounds to kilograms, rounded to 0.1 kg."""
    return round(pounds * LB_TO_KG, 1)


def expand_bag_tags(first: str, count: str) -> list[str]:
    """``FTX+BAG+++UA123456:3`` → ``UA123456``, ``UA123457``, ``UA123458``.

    The trailing digits of the first tag are incremented, keeping their width. A missing or
    non-numeric count means one tag; an empty first tag gives no tags.
    """
    tag = "".join(first.upper().split())
    if not tag:
        return []
    n = int(count) if count.strip().isdecimal() and int(count) > 0 else 1
    n = min(n, 99)
    digits = len(tag) - len(tag.rstrip("0123456789"))
    if digits == 0 or n == 1:
        return [tag]
    prefix, start = tag[:-digits], int(tag[-digits:])
    return [f"{prefix}{start + i:0{digits}d}" for i in range(n)]
