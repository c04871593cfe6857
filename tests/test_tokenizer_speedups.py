"""The C segment loop gives exactly the pure-Python loop's results, on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.edifact import tokenizer
from pipeline.edifact.separators import DEFAULT, Separators

pytestmark = pytest.mark.skipif(tokenizer._speedups is None, reason="C speedups not built (no compiler)")

SEPARATOR_SETS = [
    DEFAULT,
    Separators(":", "*", ".", "?", " ", "$"),
    Separators(":", "+", ".", "\\", "*", "'"),
    Separators("(", ")", ".", "!", " ", "-"),
]
ALPHABET = st.sampled_from(list("UNHBGMNADTFLabc 019'+:?*$\\!()-.\r\n\t\x02\x03é’Ö"))


def _same(text: str, seps: Separators, start: int = 0, end: int | None = None) -> None:
    fast = tokenizer.tokenize(text, seps, start, end, first_number=3)
    slow = tokenizer.tokenize_python(text, seps, start, end, first_number=3)
    assert fast.segments == slow.segments
    assert [type(s) for s in fast.segments] == [type(s) for s in slow.segments]
    assert fast.warnings == slow.warnings
    assert fast.unterminated_tail == slow.unterminated_tail


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=120), which=st.integers(0, len(SEPARATOR_SETS) - 1))
def test_c_loop_equals_python_loop(text: str, which: int) -> None:
    _same(text, SEPARATOR_SETS[which])


@settings(max_examples=100, deadline=None)
@given(text=st.text(ALPHABET, max_size=80), a=st.integers(0, 80), b=st.integers(0, 80))
def test_c_loop_equals_python_loop_on_a_window(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    _same(text, DEFAULT, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "UNH+1+PAXLST'NAD+FL+++O?'BRIEN:ANN'",  # escaped terminator
        "NAD+FL+++A??'BGM+745'",  # escaped release, then a real terminator
        "NAD+FL+++AB?\n'x'",  # release escapes the line break, not the terminator
        "FTX+A?\n+B'",  # CR/LF removed before elements: the release escapes '+'
        "  \r\n\x02UNB+UNOA:4'  \n",  # leading junk, trailing blank piece
        "NAD+FL+++END?",  # dangling release, no terminator
        "L'LT'nad+fl'",  # junk tags and a lower-case tag
    ],
)
def test_c_loop_equals_python_loop_on_edge_cases(text: str) -> None:
    _same(text, DEFAULT)
