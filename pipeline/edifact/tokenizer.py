"""Release-aware EDIFACT tokenizer, lenient with what real feeds contain.

CR and LF are removed wherever they occur (Type-B line wraps can fall inside a token);
spaces are kept. The repetition separator is never split on. Segments whose text holds no
release character take a fast ``str.split`` path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.edifact.segment import Segment
from pipeline.edifact.separators import Separators

_LEADING_JUNK = " \t\r\n\x00\x01\x02\x03\x04\x1a\x1c\x1d\x1e\x1f"


@dataclass(slots=True)
class Tokens:
    """The segments read from one stretch of text; warnings are ``(segment number, text)``."""

    segments: list[Segment] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    unterminated_tail: bool = False


@lru_cache(maxsize=64)
def _piece_pattern(release: str, terminator: str) -> re.Pattern[str]:
    r = re.escape(release)
    return re.compile(f"(?:[^{r}{re.escape(terminator)}]|{r}.)*", re.DOTALL)


@lru_cache(maxsize=64)
def _unescape_pattern(release: str) -> re.Pattern[str]:
    return re.compile(re.escape(release) + "(.)", re.DOTALL)


def _pieces(text: str, start: int, end: int, seps: Separators) -> list[tuple[str, int, int, bool]]:
    """Cut ``text[start:end]`` at unescaped terminators: ``(piece, offset, end, terminated)``."""
    term = seps.terminator
    out: list[tuple[str, int, int, bool]] = []
    if text.find(seps.release, start, end) < 0:
        pos = start
        for piece in text[start:end].split(term):
            stop = pos + len(piece)
            out.append((piece, pos, min(stop + 1, end), stop < end))
            pos = stop + 1
        return out
    pattern = _piece_pattern(seps.release, term)
    pos = start
    while pos <= end:
        m = pattern.match(text, pos, end)
        stop = m.end() if m else pos
        if stop < end and text[stop] != term:  # a release character as the very last character
            stop = end
        out.append((text[pos:stop], pos, min(stop + 1, end), stop < end))
        pos = stop + 1
    return out


def split_released(text: str, sep: str, release: str) -> list[str]:
    """Split ``text`` at ``sep`` except where the release character escapes it (escapes kept)."""
    parts: list[str] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == release and i + 1 < n:
            buf.append(text[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return parts


def unescape(value: str, release: str) -> str:
    """Remove each release character and keep the character it escapes."""
    if release not in value:
        return value
    return _unescape_pattern(release).sub(lambda m: m.group(1), value)


def _elements(body: str, seps: Separators) -> list[tuple[str, ...]]:
    rel = seps.release
    if rel not in body:
        comp = seps.component
        return [tuple(e.split(comp)) for e in body.split(seps.element)]
    return [
        tuple(unescape(c, rel) for c in split_released(e, seps.component, rel))
        for e in split_released(body, seps.element, rel)
    ]


def tokenize(text: str, seps: Separators, start: int = 0, end: int | None = None, first_number: int = 1) -> Tokens:
    """Tokenize ``text[start:end]`` into segments.

    Blank pieces are skipped; a piece whose tag is not three letters or digits is skipped
    with a warning that gives its segment number (never its content, which may hold
    personal data). A last piece without terminator is kept and flagged.
    """
    if end is None:
        end = len(text)
    tokens = Tokens()
    number = first_number
    for piece, offset, stop, terminated in _pieces(text, start, end, seps):
        body = piece.lstrip(_LEADING_JUNK)
        if not body:
            continue
        offset += len(piece) - len(body)
        if "\r" in body or "\n" in body:
            body = body.replace("\r", "").replace("\n", "")
        elements = _elements(body, seps)
        tag = elements[0][0].strip().upper()
        if len(tag) != 3 or not tag.isalnum():
            tokens.warnings.append(
                (number, f"segment {number}: not a segment (tag of {len(tag)} characters, expected 3 letters); skipped")
            )
            number += 1
            continue
        tokens.segments.append(Segment(tag, tuple(elements[1:]), number, offset, stop))
        if not terminated:
            tokens.unterminated_tail = True
        number += 1
    return tokens
