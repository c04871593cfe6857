"""Traveller names in document form: upper case, collapsed blanks, titles removed safely."""

from __future__ import annotations

TITLES = frozenset({"MR", "MRS", "MS", "MISS", "MSTR", "MSTER", "MASTER", "DR", "PROF", "REV", "SIR", "CHD", "INF"})


def clean_name(value: str | None) -> str | None:
    """Upper-case and collapse whitespace; None for an empty name."""
    if value is None:
        return None
    v = " ".join(value.upper().split())
    return v or None


def strip_title_tokens(value: str | None) -> str | None:
    """Remove titles that stand as whole tokens (``JOHN MR`` → ``JOHN``; ``DREW`` stays ``DREW``)."""
    v = clean_name(value)
    if v is None:
        return None
    kept = [t for t in v.split(" ") if t not in TITLES]
    return " ".join(kept) or None


def given_names_from_parts(parts: list[str]) -> str | None:
    """Join the given-name components of a document-form name, without titles."""
    return strip_title_tokens(" ".join(p for p in parts if p and p.strip()))
