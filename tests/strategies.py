"""Hypothesis strategies shared by the EDIFACT, PAXLST and PNRGOV property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from pipeline.edifact.separators import Separators

# Characters a UNA may declare: punctuation, including some outside ASCII (feeds send them).
SERVICE_POOL = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + ["’", "§", "¤"]


@st.composite
def separators(draw: st.DrawFn) -> Separators:
    """Six distinct service characters; the repetition separator may be a space."""
    chars = draw(st.lists(st.sampled_from(SERVICE_POOL), min_size=6, max_size=6, unique=True))
    if draw(st.booleans()):
        chars[4] = " "
    return Separators(*chars)
