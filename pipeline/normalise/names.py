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


# Titles that AIRIMP glues to the end of the last given name in a TIF (JOHNMR, KELLYMRS).
# DR, PROF and REV are not among them: ALEXANDR, ISIDR and similar names end in them.
GLUED_TITLES = ("MSTR", "MISS", "MRS", "MR", "MS")
_VOWELS = frozenset("AEIOUY")


def _plausible_name(value: str) -> bool:
    return len(value) >= 2 and any(ch in _VOWELS for ch in value)


def split_glued_title(token: str) -> tuple[str, str | None]:
    """``JOHNMR`` → ``("JOHN", "MR")``; ``DREW`` → ``("DREW", None)``.

    A title is cut off the end of a token only when the rest is a plausible name (two letters
    or more, with a vowel): ``KAYLAMS`` → ``KAYLA``, ``JOHNMR`` → ``JOHN``. DR/PROF/REV are never
    cut (``ALEXANDR``). Known limit: a given name that really ends in MS (``ADAMS``) loses it
    in the TIF form; the DOCS form, preferred when present, is not touched this way.
    """
    for title in GLUED_TITLES:
        if token.endswith(title) and len(token) > len(title):
            rest = token[: -len(title)]
            if _plausible_name(rest):
                return rest, title
    return token, None


def tif_given_names(value: str | None) -> tuple[str | None, str | None]:
    """Given names of a TIF (reservation form) without the title, and the title found.

    A whole-token title anywhere is removed (``ISABELLE MRS``, ``NINA MS``); otherwise a title
    glued to the end of the LAST token is cut by ``split_glued_title`` (``JOHNMR`` → ``JOHN``,
    ``KONG CHUN MRS`` → ``KONG CHUN``, ``DREW`` and ``ALEXANDR`` unchanged). Nothing is ever
    cut from the start of a token.
    """
    v = clean_name(value)
    if v is None:
        return None, None
    tokens = v.split(" ")
    titles = [t for t in tokens if t in TITLES]
    kept = [t for t in tokens if t not in TITLES]
    if titles:
        return (" ".join(kept) or None), titles[0]
    last, title = split_glued_title(kept[-1])
    kept[-1] = last
    return " ".join(kept), title


# Prefix titles recognised in document-form names: MRJONATHON (seen in a DOCS), MRSJANE.
_PREFIX_TITLES = ("MRS", "MR")


def docs_given_names(value: str | None, tif_title: str | None = None) -> str | None:
    """Given names of a DOCS (document form), titles removed only where clearly a title.

    Removed: whole-token titles (``TESTNAMEONE MRS``); a prefix ``MR``/``MRS`` glued to the
    FIRST token when a consonant follows and a plausible name remains (``MRJONATHON`` →
    ``JONATHON``; ``MRINAL`` stays); a suffix title glued to the first token only when the TIF
    of the same traveller had that very title glued on (``tif_title``; ``STACYMR`` →
    ``STACY`` when the TIF read ``STACYMR``). Everything else is kept in document form.
    """
    v = clean_name(value)
    if v is None:
        return None
    tokens = [t for t in v.split(" ") if t not in TITLES]
    if not tokens:
        return None
    first = tokens[0]
    for title in _PREFIX_TITLES:
        rest = first[len(title):]
        if first.startswith(title) and rest and rest[0] not in _VOWELS and _plausible_name(rest) and len(rest) >= 3:
            first = rest
            break
    if tif_title is not None:
        cut, title = split_glued_title(first)
        if title == tif_title:
            first = cut
    tokens[0] = first
    return " ".join(tokens)


def tif_surname(value: str | None) -> str | None:
    """A TIF surname in document form: AIRIMP doubles single-letter surnames (``YY`` → ``Y``)."""
    v = clean_name(value)
    if v is not None and len(v) == 2 and v[0] == v[1] and v.isalpha():
        return v[0]
    return v
