"""The reader tokenizes each interchange in a growing window instead of to the end of the payload
(which made many-interchange payloads quadratic); the window must never change the result. The
window ends at candidates from ``find_interchange_start``, which must find what its regex finds."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.edifact import DEFAULT, read_payload, tokenize
from pipeline.edifact.reader import _interchange_end, interchange_tokens
from pipeline.edifact.separators import find_interchange_start

PARTS = ["UNA:+.? '", "UNB+UNOA:4+S+R+260101:1200+1'", "UNH+1+PAXLST:D:05B:UN:IATA'", "UNT+3+1'", "UNZ+1+1'",
         "UNZ+1+1", "FTX+SEE UNB'", "FTX+A?'UNB'", "UNB ", "UNA", "junk", " ", "\n", "'", "?", "+", "NAD+FL+++DOE'"]


def _interchange(tokens, cut):
    segments = tokens.segments[:cut]
    last = segments[-1].number if segments else 0
    return (segments, [w for n, w in tokens.warnings if n < last],
            tokens.unterminated_tail and cut == len(tokens.segments))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARTS), max_size=30).map("".join))
def test_window_gives_what_tokenizing_to_the_end_gives(text: str) -> None:
    start = find_interchange_start(text, 0)
    while start >= 0:
        full = tokenize(text, DEFAULT, start)
        expected = _interchange(full, _interchange_end(full.segments))
        assert _interchange(*interchange_tokens(text, DEFAULT, start)) == expected
        start = find_interchange_start(text, start + 1)


def test_many_interchanges_in_one_payload_are_all_read() -> None:
    one = "UNB+UNOA:4+S+R+260101:1200+{0}'UNH+{0}+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+{0}'UNZ+1+{0}'\n"
    payload = read_payload("".join(one.format(i) for i in range(300)).encode())
    assert not payload.failures
    assert [m.envelope.interchange_ref for m in payload.messages] == [str(i) for i in range(300)]
    assert all(m.warnings == [] for m in payload.messages)


START = re.compile(r"(?<![A-Za-z0-9])UN[AB](?![A-Za-z0-9])", re.IGNORECASE)
PIECES = ["UN", "un", "Un", "uN", "A", "B", "a", "b", "U", "N", "0", "É", "\u212a", " ", "'", "+", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), st.integers(0, 30))
def test_find_interchange_start_finds_what_the_regex_finds(text: str, pos: int) -> None:
    m = START.search(text, pos)
    assert find_interchange_start(text, pos) == (m.start() if m else -1)
