"""The split-based tokenizer agrees with a plain character-by-character reading of the same rules.

The reference below walks the text one character at a time: a release character takes the next
character literally, an unescaped terminator ends a piece; leading blanks/control bytes are
skipped, CR/LF removed, and a piece whose tag is not three letters or digits becomes a warning.
``tokenize`` cuts with ``str.split`` and repairs escaped cuts instead; both must give the same
segments, numbers, offsets, warnings and unterminated-tail flag on any text.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.edifact import DEFAULT, Separators, tokenize
from pipeline.edifact.segment import Segment

JUNK = " \t\r\n\x00\x01\x02\x03\x04\x1a\x1c\x1d\x1e\x1f"
SEPARATOR_SETS = [DEFAULT, Separators(":", "*", ".", "?", " ", "$"), Separators(":", "+", ".", "\\", "*", "'"),
                  Separators("|", "~", ",", "!", "^", "#")]


def reference(text: str, seps: Separators, start: int, end: int, first: int):
    rel = seps.release
    pieces, i, begin = [], start, start
    while i < end:
        if text[i] == rel:
            i += 2
            continue
        if text[i] == seps.terminator:
            pieces.append((begin, i))
            begin = i + 1
        i += 1
    pieces.append((begin, end))
    segments, warnings, tail, number = [], [], False, first
    for b, e in pieces:
        body = text[b:e].lstrip(JUNK)
        if not body:
            continue
        offset = e - len(body)
        body = body.replace("\r", "").replace("\n", "")
        elements, comps, cur, j = [], [], [], 0
        while j < len(body):
            ch = body[j]
            if ch == rel and j + 1 < len(body):
                cur.append(body[j + 1])
                j += 2
                continue
            if ch == seps.element:
                elements.append((*comps, "".join(cur)))
                comps, cur = [], []
            elif ch == seps.component:
                comps.append("".join(cur))
                cur = []
            else:
                cur.append(ch)
            j += 1
        elements.append((*comps, "".join(cur)))
        tag = elements[0][0].strip().upper()
        if len(tag) != 3 or not tag.isalnum():
            warnings.append(number)
        else:
            segments.append(Segment(tag, tuple(elements[1:]), number, offset, e + 1 if e < end else end))
            tail = tail or e >= end
        number += 1
    return segments, warnings, tail


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, Separators, int, int]:
    seps = draw(st.sampled_from(SEPARATOR_SETS))
    pool = ["UNH", "NAD", "FTX", "ab", "É", "7", " ", "\r", "\n", "\x02", seps.component, seps.element,
            seps.release, seps.terminator, seps.release * 2, seps.release + seps.terminator, seps.repetition]
    text = "".join(draw(st.lists(st.sampled_from(pool), max_size=40)))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, seps, start, end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts(), st.integers(1, 5))
def test_tokenize_equals_character_by_character_reading(case: tuple[str, Separators, int, int], first: int) -> None:
    text, seps, start, end = case
    tokens = tokenize(text, seps, start, end, first)
    segments, warnings, tail = reference(text, seps, start, end, first)
    assert tokens.segments == segments
    assert [n for n, _ in tokens.warnings] == warnings
    assert tokens.unterminated_tail == tail


def test_segment_offsets_slice_the_segment_with_its_terminator() -> None:
    text = "UNB+A'\n  NAD+FL+++O?'BRIEN'\r\nFTX+X??'LOC+1"
    slices = [text[s.offset : s.end] for s in tokenize(text, DEFAULT).segments]
    assert slices == ["UNB+A'", "NAD+FL+++O?'BRIEN'", "FTX+X??'", "LOC+1"]


def test_a_release_character_that_is_also_a_separator_escapes_nothing() -> None:
    # only inferred separators can collide; the separator wins, so the text is still cut
    seps = Separators(":", "+", ".", "'", " ", "'")
    tokens = tokenize("UNB+X?'UNH+1'", seps)
    assert [(s.tag, s.elements) for s in tokens.segments] == [("UNB", (("X?",),)), ("UNH", (("1",),))]
    seps = Separators(":", "\\", ".", "\\", " ", "'")
    assert tokenize("UNB\\A\\B'", seps).segments[0].elements == (("A",), ("B",))
