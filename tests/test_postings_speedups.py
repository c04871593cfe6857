"""The index's C code (ranking, intersections, birth-year windows, prescore) gives exactly what
its NumPy/rapidfuzz reference gives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.matching import index

pytestmark = pytest.mark.skipif(index._speedups is None, reason="C speedups not built (no compiler)")


@contextmanager
def python_only() -> Iterator[None]:
    """The index without its C extension (the NumPy/rapidfuzz reference) inside the block."""
    saved, index._speedups = index._speedups, None
    try:
        yield
    finally:
        index._speedups = saved


POSTING = st.sets(st.integers(0, 60), max_size=25).map(lambda s: np.array(sorted(s), dtype=np.int32))
WEIGHT = st.sampled_from([0.5, 1.0, 1.5, 2.25, 3.1])  # few values: many ties at the cut


@settings(max_examples=500, deadline=None)
@given(rare=st.lists(st.tuples(POSTING, WEIGHT), max_size=6),
       frequent=st.lists(st.tuples(POSTING, WEIGHT), max_size=4), limit=st.integers(1, 30))
def test_c_ranking_equals_numpy_ranking(rare: list, frequent: list, limit: int) -> None:
    args = ([p for p, _ in rare], [w for _, w in rare], [p for p, _ in frequent], [w for _, w in frequent], limit)
    fast = np.frombuffer(index._speedups.rank(*args), dtype=np.int32)
    assert fast.tolist() == index._rank_numpy(*args).tolist()


def test_ranking_rule() -> None:
    a, b, c = (np.array(x, dtype=np.int32) for x in ([1, 2, 3, 4], [2, 3], [3, 9]))
    # 3 is in all three rare postings, 2 in two; 1, 4, 9 tie at the cut and the frequent posting decides
    frequent = [np.array([9], dtype=np.int32)]
    for rank in (index._rank_numpy, index.rank_candidates):
        assert rank([a, b, c], [1.0, 1.0, 1.0], frequent, [0.5], 3).tolist() == [3, 2, 9]
        assert rank([a, np.array([7], dtype=np.int32)], [1.0, 0.0], [], [], 10).tolist() == [1, 2, 3, 4, 7]


def test_non_int32_postings_are_refused() -> None:
    with pytest.raises(TypeError):
        index._speedups.rank([np.array([1, 2], dtype=np.int64)], [1.0], [], [], 5)


@settings(max_examples=300, deadline=None)
@given(a=POSTING, b=st.sets(st.integers(0, 400), max_size=200).map(lambda s: np.array(sorted(s), dtype=np.int32)))
def test_c_intersection_equals_numpy(a: np.ndarray, b: np.ndarray) -> None:
    expected = np.intersect1d(a, b).tolist()
    assert np.frombuffer(index._speedups.intersect((a, b)), dtype=np.int32).tolist() == expected
    assert np.frombuffer(index._speedups.intersect((b, a)), dtype=np.int32).tolist() == expected


NAME_PIECES = st.sampled_from(["ANNA", "ANA", "SMITH", "SMYTH", "OMAR", "FAROUK", "OMARFAROUK", "LI", "X", "ALRASHID",
                               "SALMA", "OSAMA", "MOHAMED", "A" * 70, "ABDUL" * 14])
NAME = st.lists(NAME_PIECES, max_size=4).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(listed=st.lists(st.lists(NAME, min_size=1, max_size=3), min_size=1, max_size=8), query=NAME,
       data=st.data())
def test_c_prescore_equals_rapidfuzz(listed: list[list[str]], query: str, data: st.DataObject) -> None:
    from pipeline.matching.keys import prepare_name
    from pipeline.watchlist.model import ListedName, Watchlist, WatchlistEntry

    wl = Watchlist("t", tuple(WatchlistEntry(f"e{i}", "t", tuple(ListedName(n or "X") for n in names))
                              for i, names in enumerate(listed)), "t.csv")
    ix = index.WatchlistIndex.build([wl])
    found = np.array(data.draw(st.lists(st.integers(0, len(listed) - 1), max_size=10)), dtype=np.int32)
    name = prepare_name(query or "Y")
    fast = ix.prescores(name, found)
    with python_only():
        slow = ix.prescores(name, found)
    assert fast.dtype == slow.dtype == np.float32
    assert fast.tolist() == slow.tolist()


@settings(max_examples=100, deadline=None)
@given(people=st.lists(st.tuples(st.sampled_from(["ANNA SMITH", "ANA SMYTH", "OMAR FAROUK", "JOHN SMITH"]),
                                 st.lists(st.sampled_from(["1890", "1950", "1951-02-03", "1954", "1961", "2200"]),
                                          max_size=2)), min_size=1, max_size=30),
       year=st.integers(1880, 2210), reach=st.integers(0, 3))
def test_c_birth_year_windows_equal_numpy(people: list, year: int, reach: int) -> None:
    from pipeline.watchlist.model import ListedName, Watchlist, WatchlistEntry

    wl = Watchlist("t", tuple(WatchlistEntry(f"e{i}", "t", (ListedName(name),), dates_of_birth=tuple(dobs))
                              for i, (name, dobs) in enumerate(people)), "t.csv")
    ix = index.WatchlistIndex.build([wl])
    window = ix._window((year, reach))
    kids = list(range(len(ix._key_ids)))
    sizes = ix._window_sizes(kids, window)
    with python_only():
        assert ix._window_sizes(kids, window) == sizes
    for kid, size in zip(kids, sizes):
        fast = ix._windowed(kid, window).tolist()
        assert fast == ix._windowed_numpy(kid, window).tolist() and len(fast) <= size
        # exactly the entries with the key born within reach, or of unknown birth
        assert fast == [e for e in ix._posting(kid).tolist() if ix._birth_years[0][e] == 0
                        or ix._birth_years[0][e] - reach <= year <= ix._birth_years[1][e] + reach]
