"""Release-aware EDIFACT tokenizer, lenient with what real feeds contain.

CR and LF are removed wherever they occur (Type-B line wraps can fall inside a token);
spaces are kept. The repetition separator is never split on. All cutting is done by
``str.split``; a cut right after an odd run of release characters is undone (the separator
was escaped), and only segments that hold a release character are unescaped. A release
character that is also a separator (possible only with inferred separators) escapes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.edifact.segment import Segment
from pipeline.edifact.separators import Separators

try:  # the C segment loop, built by setup.py when a compiler is available
    from pipeline.edifact import _speedups
except ImportError:  # pragma: no cover - exercised on machines without a C compiler
    _speedups = None

_new_tuple = tuple.__new__
_LEADING_JUNK = " \t\r\n\x00\x01\x02\x03\x04\x1a\x1c\x1d\x1e\x1f"


@dataclass(slots=True)
class Tokens:
    """The segments read from one stretch of text; warnings are ``(segment number, text)``."""

    segments: list[Segment] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    unterminated_tail: bool = False


@lru_cache(maxsize=64)
def _unescape_pattern(release: str) -> re.Pattern[str]:
    return re.compile(re.escape(release) + "(.)", re.DOTALL)


def split_released(text: str, sep: str, release: str) -> list[str]:
    """Split ``text`` at ``sep`` except where the release character escapes it (escapes kept).

    ``str.split`` does the cutting; a part that ends in an odd run of release characters had
    the separator after it escaped, so it is joined with the part after it.
    """
    parts = text.split(sep)
    if release + sep not in text:
        return parts
    last = len(parts) - 1
    for i in reversed([i for i, part in enumerate(parts) if part.endswith(release)]):
        part = parts[i]
        if i < last and (len(part) - len(part.rstrip(release))) % 2:
            parts[i : i + 2] = [part + sep + parts[i + 1]]
    return parts


def unescape(value: str, release: str) -> str:
    """Remove each release character and keep the character it escapes."""
    if release not in value:
        return value
    return _unescape_pattern(release).sub(r"\1", value)


def _released_elements(body: str, seps: Separators) -> list[tuple[str, ...]]:
    """The elements of a segment text that holds release characters, unescaped."""
    rel, component = seps.release, seps.component
    return [
        tuple([unescape(c, rel) for c in split_released(e, component, rel)]) if rel in e else tuple(e.split(component))
        for e in split_released(body, seps.element, rel)
    ]


def _bad_tag_warning(number: int, length: int) -> tuple[int, str]:
    return (number, f"segment {number}: not a segment (tag of {length} characters, expected 3 letters; "
                    "an unescaped terminator in the segment before?); skipped")


def tokenize(text: str, seps: Separators, start: int = 0, end: int | None = None, first_number: int = 1) -> Tokens:
    """Tokenize ``text[start:end]`` into segments.

    Blank pieces are skipped; a piece whose tag is not three letters or digits is skipped
    with a warning that gives its segment number (never its content, which may hold
    personal data). A last piece without terminator is kept and flagged. Uses the C segment
    loop when it is built and the separators are distinct; results are identical.
    """
    if end is None:
        end = len(text)
    release = seps.release
    if _speedups is not None and release not in (seps.element, seps.component, seps.terminator):
        segments, bad, unterminated = _speedups.tokenize(
            text, start, end, seps.element, seps.component, release, seps.terminator, first_number, Segment
        )
        return Tokens(segments, [_bad_tag_warning(n, length) for n, length in bad], unterminated)
    return tokenize_python(text, seps, start, end, first_number)


def tokenize_python(text: str, seps: Separators, start: int = 0, end: int | None = None,
                    first_number: int = 1) -> Tokens:
    """The pure-Python segment loop (the reference for the C one, and the fallback)."""
    if end is None:
        end = len(text)
    tokens = Tokens()
    append = tokens.segments.append
    element, component, release = seps.element, seps.component, seps.release
    number = first_number
    stop = start - 1
    composites: dict[str, tuple[str, ...]] = {}  # element text → components; values repeat a lot

    def composite(text: str) -> tuple[str, ...]:
        value = composites[text] = tuple(text.split(component))
        return value

    for piece in split_released(text[start:end], seps.terminator, release):
        offset = stop + 1
        stop = offset + len(piece)  # the terminator's offset (== end for an unterminated last piece)
        body = piece.lstrip(_LEADING_JUNK)
        if not body:
            continue
        offset = stop - len(body)
        if "\r" in body or "\n" in body:
            body = body.replace("\r", "").replace("\n", "")
        released = release in body
        if released:
            unescaped = _released_elements(body, seps)
            tag = unescaped[0][0]
        else:
            texts = body.split(element)
            tag = texts[0].partition(component)[0]
        tag = tag.strip().upper()
        if len(tag) != 3 or not tag.isalnum():
            tokens.warnings.append(_bad_tag_warning(number, len(tag)))
            number += 1
            continue
        if released:
            values = tuple(unescaped[1:])
        else:
            del texts[0]
            values = tuple([composites[e] if e in composites else composite(e) for e in texts])
        # tuple.__new__ skips NamedTuple's Python-level __new__: this line runs once per segment
        if stop < end:
            append(_new_tuple(Segment, (tag, values, number, offset, stop + 1)))
        else:
            tokens.unterminated_tail = True
            append(_new_tuple(Segment, (tag, values, number, offset, end)))
        number += 1
    return tokens
