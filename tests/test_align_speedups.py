"""The C name alignment gives the pure-Python alignment's score, on any names."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import JaroWinkler

from pipeline.matching import features
from pipeline.matching.features import EXTRA_LISTED_TOKEN, EXTRA_TRAVELLER_TOKEN, ROLE_WEIGHT
from pipeline.matching.keys import PreparedName, name_token, prepare_name

pytestmark = pytest.mark.skipif(features._speedups is None, reason="C speedups not built (no compiler)")
c_align = features._speedups

# Pieces that reach every branch of the pair score: variant spellings and nicknames, particles,
# ICAO digraphs, prefixes and short forms, initials, sound-alikes (a few edits apart or not),
# doubled letters.
PIECES = ["MOHAMMED", "MUHAMMAD", "MOHAMED", "BILL", "WILLIAM", "ABDUL", "AL", "RAHMAN", "ABDULRAHMAN", "MUELLER",
          "MULLER", "MÜLLER", "TOPE", "TEMITOPE", "J", "JOHN", "JON", "SMITH", "SMYTH", "ALEKSANDR", "ALEXANDER",
          "VAN", "DER", "BILT", "TELLEZ", "TESLEZ", "HADDAD", "YUSUF", "YOUSSEF", "KATHERINE", "KATE", "O'NEIL",
          "DE LA CRUZ", "ZHANG", "CHANG", "ANNA", "ANNE", "X", "AA", "RENEE", "GRENIER", "BOYER", "BARRY", "HAMDAN",
          "ABDULLAH", "ABDULAZIZ", "CHEN", "COHEN", "TEHA", "TAHA", "JANET", "ANNETTE", "MULER"]
WORDS = st.one_of(st.sampled_from(PIECES), st.text(alphabet="ABDEHIKLMNORSTUYZ", min_size=1, max_size=9))
NAMES = st.lists(WORDS, max_size=5).map(" ".join)


def _prepared(full: str, structured: bool) -> PreparedName:
    if structured and " " in full:
        given, surname = full.rsplit(" ", 1)
        return prepare_name(None, surname, given)
    return prepare_name(full)


@settings(max_examples=400, deadline=None)
@given(NAMES, NAMES, st.booleans(), st.booleans())
def test_c_alignment_equals_python_alignment(a: str, b: str, sa: bool, sb: bool) -> None:
    trav, listed = _prepared(a, sa), _prepared(b, sb)
    fast = c_align.align_score(trav.tokens, listed.tokens, ROLE_WEIGHT, EXTRA_TRAVELLER_TOKEN, EXTRA_LISTED_TOKEN)
    assert fast == pytest.approx(features._align(trav, listed).score, abs=1e-12)


LONG = "ABCDEFGHIJ" * 7


@pytest.mark.parametrize(("a", "b"), [
    ("LOUIS RENEE", "LOUIS GRENIER"), ("GEORGES BOYER", "BARRY GEORGE"), ("ABDULLAH TEHA", "ABDUL AZIZ TAHA"),
    # alike by Jaro-Winkler, longer than the C edit distance's stack rows: 1 and 15 edits in 70 letters
    (LONG, LONG[:35] + "K" + LONG[36:]), (LONG, LONG[:30] + "KLMNOPQRSTUVWXY" + LONG[45:]),
])
def test_c_alignment_gates_sound_and_jaro_winkler_on_edits_as_python_does(a: str, b: str) -> None:
    trav, listed = _prepared(a, False), _prepared(b, False)
    fast = c_align.align_score(trav.tokens, listed.tokens, ROLE_WEIGHT, EXTRA_TRAVELLER_TOKEN, EXTRA_LISTED_TOKEN)
    assert fast == pytest.approx(features._align(trav, listed).score, abs=1e-12)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ABCDEHIJKLMNORSTUY", max_size=14), st.text(alphabet="ABCDEHIJKLMNORSTUY", max_size=14))
def test_c_jaro_winkler_equals_rapidfuzz(a: str, b: str) -> None:
    assert c_align.jaro_winkler(a, b) == pytest.approx(JaroWinkler.normalized_similarity(a, b), abs=1e-12)


def test_non_ascii_tokens_are_left_to_python() -> None:
    token = name_token("MÜLLER", "surname")  # never produced by name_tokens, which folds to ASCII
    assert c_align.align_score((token,), (token,), ROLE_WEIGHT, EXTRA_TRAVELLER_TOKEN, EXTRA_LISTED_TOKEN) is None


LISTED_NAMES = st.lists(st.sampled_from(["MOHAMMED AL HASSAN", "MUHAMMAD ALHASSAN", "ANNA MARIA SMITH", "ANA SMYTH",
                                         "BILL JONES", "WILLIAM JONES", "OMARFAROUK", "OMAR FAROUK ALI", "J SMITH",
                                         "SE JOON PARK", "SEJOON PARK", "TOPE BELLO", "TEMITOPE BELLO", "X",
                                         "ABDUL " * 13 + "RAHMAN", "LOUIS GRENIER", "AHMED HADDAD", "BARRY GEORGE",
                                         "ABDUL AZIZ TAHA", "SYLVIA ANNETTE MORTON"]), min_size=1, max_size=3)


@settings(max_examples=200, deadline=None)
@given(people=st.lists(LISTED_NAMES, min_size=1, max_size=6),
       surname=st.sampled_from(["SMITH", "AL-HASSAN", "", "JONES", "PARK", "BELLO", "FAROUK", "RENEE", "HAMDAN",
                                "BOYER", "TEHA", "SILVA"]),
       given_names=st.sampled_from(["ANNA", "MOHAMED", "WILLIAM", "SEJOON", "OMAR", "", "T", "LOUIS", "ABDULLAH",
                                    "JANET"]), data=st.data())
def test_c_name_scores_equal_best_name_score(people: list, surname: str, given_names: str, data: st.DataObject) -> None:
    from pipeline.matching import index as index_module
    from pipeline.matching.features import best_name_score
    from pipeline.matching.keys import prepare_name
    from pipeline.watchlist.model import ListedName, Watchlist, WatchlistEntry

    wl = Watchlist("t", tuple(WatchlistEntry(f"e{i}", "t", tuple(ListedName(n) for n in names))
                              for i, names in enumerate(people)), "t.csv")
    ix = index_module.WatchlistIndex.build([wl])
    found = np.array(data.draw(st.lists(st.integers(0, len(people) - 1), max_size=8)), dtype=np.int32)
    name = prepare_name(None, surname, given_names)
    fast = ix.name_scores(name, found)
    assert fast is not None
    assert fast.tolist() == [best_name_score(name, ix.names[e]) for e in found.tolist()]
