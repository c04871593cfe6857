"""The candidate index: blocking keys of every listed person, built once, queried per traveller.

Keys (``pipeline.matching.keys``) are numbered and their postings (entry numbers) stored as one
sorted NumPy array with offsets, so a million entries fit in a few hundred MB. A query sums,
per entry, the inverse document frequency of the keys it shares with the traveller and keeps
the best ``limit`` entries; entries sharing a document key are always kept. Keys shared by
more than ``max_df`` entries (JOHN, MOHAMMED at scale), and keys past a budget of postings
read from the rarest up, only bring candidates intersected with another such key (and rank
the candidates found otherwise), so common names cannot flood the scorer and a query costs
about the same at 10k and 1M entries. Each key's postings are kept a second time ordered by
birth-year group (``birth_years``), so a query told the traveller's year reads only the people
born near it. The index also holds every name ready for scoring: prepared (``names``), as
ranking strings for the prescore, and as a token table for the C name scorer (``token_table``);
and each entry's birth years, date and gender for the shortlist (``qualifiers``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, repeat

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from pipeline.matching.features import EXTRA_LISTED_TOKEN, EXTRA_TRAVELLER_TOKEN, MERGED_FACTOR, MERGED_MIN, ROLE_WEIGHT
from pipeline.matching.birth_years import YEAR_SPAN, year_group, year_groups
from pipeline.matching.keys import PreparedName, Token, document_keys, listed_token_keys, merged_keys, prepare_name
from pipeline.matching.qualifier_bounds import ListedQualifiers
from pipeline.matching.token_table import token_forms, token_table
from pipeline.watchlist.collect import paused_gc
from pipeline.watchlist.model import Watchlist, WatchlistEntry

try:  # the candidate ranking in C (pipeline/matching/_postings.c); same results, optional
    from pipeline.matching import _postings as _speedups
except ImportError:  # pragma: no cover - built by pip install when a C compiler is present
    _speedups = None
try:  # the name scorer in C (pipeline/matching/_align.c); same results, optional
    from pipeline.matching import _align
except ImportError:  # pragma: no cover
    _align = None


POSTINGS_BUDGET = 3_000
"""Postings read per query from the rarest keys up; keys past it only count intersected or
to break a tie at the candidate cut."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    """Size of a built index."""

    entries: int
    keys: int
    postings: int


class WatchlistIndex:
    """Blocking-key index over the entries of one or more watchlists."""

    def __init__(self, entries: Sequence[WatchlistEntry], list_numbers: Sequence[int], max_df: int | None = None):
        self.entries = list(entries)
        self.list_numbers = np.asarray(list_numbers, dtype=np.int32)
        n = len(self.entries)
        self.max_df = max_df if max_df is not None else max(2_000, n // 200)
        self.budget = POSTINGS_BUDGET
        self.names: list[tuple[PreparedName, ...]] = []
        """``names[i]``: entry i's names and aliases, prepared once at build for the scorer."""
        with paused_gc(freeze=True):  # millions of acyclic objects, kept as long as the index
            self._build(n)

    def _build(self, n: int) -> None:
        key_ids: dict[str, int] = {}
        ks, es, name_tokens, name_ends = array("i"), array("i"), array("i"), array("q", [0])
        tokens: list[Token] = []
        self._collect(key_ids, ks, es, tokens, name_tokens, name_ends)
        kk = np.frombuffer(ks, dtype=np.int32) if len(ks) else np.zeros(0, np.int32)
        ee = np.frombuffer(es, dtype=np.int32) if len(es) else np.zeros(0, np.int32)
        self.qualifiers = ListedQualifiers.of(self.entries)
        """Each entry's dates of birth and gender, for ``qualifier_bounds.best_qualifiers``."""
        self._birth_years = (np.ascontiguousarray(self.qualifiers.earliest), np.ascontiguousarray(self.qualifiers.latest))
        """Earliest and latest listed birth year of each entry (int16), 0 when none is known."""
        # postings grouped by key, entries ascending: one sort of (key << 32 | entry); and again
        # with each key's entries in birth-year groups (``birth_years.year_groups``) for windowed reads
        self._postings, kk = _by_key(kk, ee)
        self._by_year, self._groups = _by_key_and_group(kk, self._postings,
                                                        year_groups(*self._birth_years)[self._postings])
        self._spans = (self._birth_years[1] - self._birth_years[0]).clip(0, YEAR_SPAN).astype(np.uint8)[self._by_year]
        """For each of ``_by_year``: how many years its entry's listed birth years span (0..YEAR_SPAN)."""
        self._df = np.bincount(kk, minlength=len(key_ids)).astype(np.int64)
        self._offsets = np.concatenate([[0], np.cumsum(self._df)]).astype(np.int64)
        self._idf = np.log1p(max(n, 1) / np.maximum(self._df, 1))
        self._df_list: list[int] = self._df.tolist()  # Python ints: per-query look-ups without NumPy scalars
        self._idf_list: list[float] = self._idf.tolist()
        self._key_ids = key_ids
        counts = np.fromiter((len(p) for p in self.names), dtype=np.int32, count=n)
        self._first_name = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
        roots = [m.root_string for p in self.names for m in p]
        compacts = [m.compact for p in self.names for m in p]
        self._root_strings = np.array(roots, dtype=object)
        self._compacts = np.array(compacts, dtype=object)
        self._ranking_buffers = _ascii_buffers(roots, compacts)
        """The same forms as ASCII buffers with offsets, for the C prescore (None: not ASCII)."""
        self._token_table = token_table(tokens, name_tokens, name_ends, self._first_name, self._ranking_buffers)
        """The names' tokens for the C name scorer (``name_scores``) and their forms' numbers;
        None when not ASCII."""

    def _collect(self, key_ids: dict[str, int], ks: array, es: array, tokens: list[Token], name_tokens: array,
                 name_ends: array) -> None:
        """Number every entry's keys: ``ks[i]`` is a key number, ``es[i]`` its entry (a pair may
        repeat: ``_by_key`` drops repeats); fill ``names``, the distinct ``tokens`` of all names,
        each name's token numbers (``name_tokens``) and the end of each name's numbers there
        (``name_ends``). The same keys as ``name_keys`` and ``document_keys``; a token's key
        numbers are looked up once per distinct token (tokens are shared between names), not per
        occurrence."""
        def number(k: str) -> int:
            kid = key_ids.get(k)
            if kid is None:
                kid = key_ids[k] = len(key_ids)
            return kid

        by_token: dict[int, tuple[int, list[int]]] = {}  # id(Token) -> (its number, its key numbers)
        for e, entry in enumerate(self.entries):
            prepared = tuple(prepare_name(n.full, n.surname, n.given_names) for n in entry.names)
            self.names.append(prepared)
            kids: list[int] = []
            for name in prepared:
                for t in name.tokens:
                    known = by_token.get(id(t))
                    if known is None:
                        known = by_token[id(t)] = (len(tokens), [number(k) for k in listed_token_keys(t)])
                        tokens.append(t)
                    name_tokens.append(known[0])
                    kids += known[1]
                name_ends.append(len(name_tokens))
                kids += map(number, merged_keys(name))
            for doc in entry.documents:
                kids += map(number, document_keys(doc.number))
            ks.extend(kids)
            es.extend(repeat(e, len(kids)))

    @classmethod
    def build(cls, watchlists: Sequence[Watchlist], max_df: int | None = None) -> WatchlistIndex:
        """Index every entry of ``watchlists``; ``list_numbers[i]`` is the position of entry i's list."""
        entries: list[WatchlistEntry] = []
        numbers: list[int] = []
        for i, wl in enumerate(watchlists):
            entries.extend(wl.entries)
            numbers.extend([i] * len(wl.entries))
        return cls(entries, numbers, max_df=max_df)

    @property
    def stats(self) -> IndexStats:
        return IndexStats(len(self.entries), len(self._key_ids), int(self._postings.size))

    def prescores(self, name: PreparedName, found: np.ndarray) -> np.ndarray:
        """For each entry of ``found``: how close its closest name is to ``name``, 0..100, as
        float32: the better of a ratio over the sorted variant roots (order-free, spelling-free)
        whose letters outside the longest common subsequence weigh as the name score weighs
        unpaired tokens — as many on both sides in full, the rest of the traveller's
        ``EXTRA_TRAVELLER_TOKEN``, the rest of the listed name's ``EXTRA_LISTED_TOKEN`` (ALI
        TAHA is 87 against ALI ABDUL RAHMAN TAHA, where ``fuzz.ratio`` gives 57; equal to
        ``fuzz.ratio`` when both have as many letters left) — and ``fuzz.ratio`` over the
        blank-free written form (merged or split tokens). In C over the index's buffers when
        the extension is built, else with rapidfuzz and NumPy."""
        if (_speedups is not None and self._ranking_buffers is not None and name.root_string.isascii()
                and name.compact.isascii()):
            roots, root_offsets, compacts, compact_offsets = self._ranking_buffers
            return np.frombuffer(_speedups.prescore(name.root_string, name.compact, EXTRA_TRAVELLER_TOKEN,
                                                    EXTRA_LISTED_TOKEN, roots, root_offsets, compacts, compact_offsets,
                                                    self._first_name, found), dtype=np.float32)
        roots, compacts, owner = self._name_forms(found)
        common = process.cdist([name.root_string], roots, scorer=LCSseq.similarity, dtype=np.int64)[0]
        lengths = np.fromiter(map(len, roots), dtype=np.int64, count=len(roots))
        left_t, left_l = len(name.root_string) - common, lengths - common
        both = np.minimum(left_t, left_l)
        den = 2.0 * common + (2.0 * both + (left_t - both) * EXTRA_TRAVELLER_TOKEN
                              + (left_l - both) * EXTRA_LISTED_TOKEN)
        lenient = np.divide(100.0 * (2.0 * common), den, out=np.full(den.size, 100.0), where=den > 0)
        scores = np.maximum(lenient, process.cdist([name.compact], compacts, scorer=fuzz.ratio,
                                                   dtype=np.float32)[0].astype(np.float64)).astype(np.float32)
        if owner is None:
            return scores
        best = np.zeros(found.size, dtype=np.float32)
        np.maximum.at(best, owner, scores)
        return best

    def name_scores(self, name: PreparedName, found: np.ndarray) -> np.ndarray | None:
        """For each entry of ``found``: ``features.best_name_score`` of ``name`` against the
        entry's names (float64), in one C call with each token pair scored once; None when the
        extension is not built or a name is not ASCII (then score entries one by one)."""
        if _align is None or self._token_table is None or not name.compact.isascii():
            return None
        table, numbers = self._token_table
        forms = array("i", [numbers.get(f, -1) for t in name.tokens for f in token_forms(t)])
        scores = _align.name_scores(name.tokens, forms, name.compact, ROLE_WEIGHT, EXTRA_TRAVELLER_TOKEN,
                                    EXTRA_LISTED_TOKEN, MERGED_MIN, MERGED_FACTOR, table, found)
        return None if scores is None else np.frombuffer(scores, dtype=np.float64)

    def _born_within(self, entries: np.ndarray, year: int, reach: int) -> np.ndarray:
        """For each of ``entries``: True when a listed birth year is within ``reach`` of ``year``
        or none is known (the test the C ``window`` makes; ``_windowed_numpy``)."""
        lo, hi = (y[entries].astype(np.int64) for y in self._birth_years)
        return (lo == 0) | ((lo - reach <= year) & (year <= hi + reach))

    def _name_forms(self, found: np.ndarray) -> tuple[list[str], list[str], np.ndarray | None]:
        """The ranking forms of every name of the entries ``found``: ``(root strings, compact
        forms, owner)`` where ``owner[k]`` is the position in ``found`` of name k's entry, or
        None when each entry has exactly one name (owner k is k)."""
        first = self._first_name[found]
        counts = self._first_name[found + 1] - first
        if int(counts.sum()) == found.size:
            names = first
            owner = None
        else:
            owner = np.repeat(np.arange(found.size), counts)
            names = first[owner] + (np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts))
        return self._root_strings[names].tolist(), self._compacts[names].tolist(), owner

    def _posting(self, kid: int) -> np.ndarray:
        return self._postings[self._offsets[kid]:self._offsets[kid + 1]]

    def _window(self, born: tuple[int, int] | None) -> tuple[int, int, int, int] | None:
        """``(first, last, year, reach)`` for ``born`` = ``(year, reach)``: the birth-year groups
        an entry born within ``reach`` of ``year`` may be in, besides group 0 (no known year,
        or years too far apart)."""
        if born is None:
            return None
        year, reach = born
        return year_group(year - reach - YEAR_SPAN), year_group(year + reach), year, reach

    def _window_sizes(self, kids: list[int], window: tuple[int, int, int, int]) -> list[int]:
        """For each key of ``kids``, how many of its postings are in the groups of ``window``
        (an upper bound of its ``_windowed`` size)."""
        if _speedups is not None:
            keys = np.array(kids, dtype=np.int64)
            return np.frombuffer(_speedups.window_sizes(self._groups, self._offsets, keys, *window[:2]),
                                 dtype=np.int64).tolist()
        return [int(self._in_groups(k, window).sum()) for k in kids]

    def _windowed(self, kid: int, window: tuple[int, int, int, int] | None) -> np.ndarray:
        """Key ``kid``'s postings (ascending) of entries born within ``reach`` of ``year`` or
        with no known year (``window``, read in its birth-year groups only); all of them when
        ``window`` is None."""
        if window is None:
            return self._posting(kid)
        first, last, year, reach = window
        if _speedups is not None:
            return np.frombuffer(_speedups.window(self._by_year, self._groups, self._spans, self._offsets, kid, first,
                                                  last, (*self._birth_years, year, reach)), dtype=np.int32)
        return self._windowed_numpy(kid, window)

    def _in_groups(self, kid: int, window: tuple[int, int, int, int]) -> np.ndarray:
        """For each of key ``kid``'s postings in ``_by_year``: True when in group 0 or the
        groups of ``window``."""
        groups = self._groups[self._offsets[kid]:self._offsets[kid + 1]]
        return (groups == 0) | ((groups >= window[0]) & (groups <= window[1]))

    def _windowed_numpy(self, kid: int, window: tuple[int, int, int, int]) -> np.ndarray:
        """``_windowed`` in NumPy (the reference of the C ``window``)."""
        entries = self._by_year[self._offsets[kid]:self._offsets[kid + 1]][self._in_groups(kid, window)]
        _, _, year, reach = window
        return np.sort(entries[self._born_within(entries, year, reach)])

    def candidates(self, token_keys: Iterable[Sequence[str]], doc_keys: Iterable[str] = (),
                   limit: int = 40, born: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Entry numbers worth scoring for a traveller: ``(by name, best first; by document)``.

        ``token_keys`` holds the keys of each name token (one group per token, its ``t:`` root
        key first); ``doc_keys`` the traveller's document keys; ``born``: ``(year, reach)``
        when only entries born within ``reach`` years of ``year`` (or with no known year) can
        be hits by name (``Matcher`` knows from the thresholds). A token's edit keys (``e:``)
        are only used when its root is not in the index: a spelling no entry has is likely a
        typing error of one that some entry has. Candidates are the entries of the rare keys
        (read up to the postings budget) and of intersections of frequent keys of two tokens;
        with ``born``, a key's postings are read in that birth-year window only, so a common
        name counts as rare among those born the same years. ``rank_candidates`` keeps the best
        ``limit``: by the summed inverse document frequency of the rare keys they share (an
        intersection weighs both its keys), and on a tie at the cut by the other frequent keys
        too — among 400 entries tied on a common given name, the one that also shares the
        surname's sound is kept. Entries sharing a document key are returned whatever their year.
        """
        get = self._key_ids.get
        group_of: dict[int, int] = {}
        for g, group in enumerate(token_keys):
            known = bool(group) and group[0] in self._key_ids  # the token's own root is listed somewhere
            for k in group:
                if not (known and k[0] == "e") and (kid := get(k)) is not None:
                    group_of.setdefault(kid, g)
        window = self._window(born)
        if window is None:
            size = {kid: self._df_list[kid] for kid in group_of}
        else:
            size = dict(zip(group_of, self._window_sizes(list(group_of), window)))
        frequent: list[int] = []
        rare: list[int] = []
        total = 0
        for kid in sorted(size, key=size.__getitem__):
            df = size[kid]
            if df > self.max_df or (total + df > self.budget and len(rare) >= 2):
                frequent.append(kid)
                continue
            total += df
            rare.append(kid)
        postings = [self._windowed(k, window) for k in rare]
        weights = [self._idf_list[k] for k in rare]
        paired: set[int] = set()
        pairs = 1 if rare else 3  # intersections of two frequent keys of different tokens, rarest first
        for a, b in combinations(frequent, 2):
            if pairs == 0:
                break
            if group_of[a] != group_of[b]:
                postings.append(_intersect(self._windowed(a, window), self._windowed(b, window)))
                weights.append(self._idf_list[a] + self._idf_list[b])
                paired.update((a, b))
                pairs -= 1
        tie_keys = [k for k in frequent if k not in paired]
        found = rank_candidates(postings, weights, [self._posting(k) for k in tie_keys],
                                [self._idf_list[k] for k in tie_keys], limit)
        docs = [self._posting(kid) for kid in map(get, doc_keys) if kid is not None]
        by_doc = np.unique(np.concatenate(docs)) if docs else np.zeros(0, dtype=np.int32)
        return found, by_doc


def rank_candidates(postings: list[np.ndarray], weights: list[float], frequent: list[np.ndarray],
                    frequent_weights: list[float], limit: int) -> np.ndarray:
    """The best ``limit`` entries among those of the sorted int32 ``postings``, best first (in C
    when the extension is built; ``_rank_numpy`` is the reference).

    An entry scores the weights of the postings holding it, summed in the order given. When
    more than ``limit`` entries are found, only those scoring at least the ``limit``-th score
    may be kept, and if more than ``limit`` of them tie there, they also score the weights of
    the ``frequent`` postings holding them. Best first: highest score, then lowest entry number.
    """
    if _speedups is not None:
        return np.frombuffer(_speedups.rank(postings, weights, frequent, frequent_weights, limit), dtype=np.int32)
    return _rank_numpy(postings, weights, frequent, frequent_weights, limit)


def _rank_numpy(postings: list[np.ndarray], weights: list[float], frequent: list[np.ndarray],
                frequent_weights: list[float], limit: int) -> np.ndarray:
    """``rank_candidates`` in NumPy."""
    if not postings:
        return np.zeros(0, dtype=np.int32)
    uniq, inverse = np.unique(np.concatenate(postings), return_inverse=True)
    score = np.bincount(inverse, weights=np.repeat(np.asarray(weights, dtype=np.float64), [a.size for a in postings]),
                        minlength=uniq.size)
    chosen = np.arange(uniq.size)
    if uniq.size > limit:
        chosen = np.flatnonzero(score >= np.partition(score, uniq.size - limit)[uniq.size - limit])
        if chosen.size > limit:  # a tie at the cut
            for posting, weight in zip(frequent, frequent_weights):
                score[chosen] += _members(uniq[chosen], posting) * weight
    order = np.lexsort((uniq[chosen], -score[chosen]))[:limit]
    return uniq[chosen[order]].astype(np.int32, copy=False)


def _by_key(keys: np.ndarray, entries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings ordered by key, then entry, repeated pairs dropped: one sort of
    (key << 32 | entry). Returns ``(entries, their keys)``, both int32."""
    packed = (keys.astype(np.int64) << 32) | entries
    packed.sort()
    if packed.size:
        packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
    postings = (packed & 0xFFFFFFFF).astype(np.int32)
    return postings, (packed >> 32).astype(np.int32)


def _by_key_and_group(keys: np.ndarray, entries: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The postings ordered by key, then group (uint8), then entry: ``(entries as int32, their
    groups)``; one sort of (key << 40 | group << 32 | entry) while keys fit in 23 bits."""
    if keys.size and int(keys.max()) >= 1 << 23:
        order = np.lexsort((entries, groups, keys))
        return entries[order].astype(np.int32), groups[order]
    packed = (keys.astype(np.int64) << 40) | (groups.astype(np.int64) << 32) | entries
    packed.sort()
    return (packed & 0xFFFFFFFF).astype(np.int32), ((packed >> 32) & 0xFF).astype(np.uint8)


def _ascii_buffers(roots: list[str], compacts: list[str]) -> tuple[bytes, np.ndarray, bytes, np.ndarray] | None:
    """Strings joined into one ASCII buffer each, with int64 start offsets (one more than
    strings); None when a string is not ASCII."""
    try:
        root_buf, compact_buf = "".join(roots).encode("ascii"), "".join(compacts).encode("ascii")
    except UnicodeEncodeError:
        return None

    def offsets(strings: list[str]) -> np.ndarray:
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
        return np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)])

    return root_buf, offsets(roots), compact_buf, offsets(compacts)


def _members(values: np.ndarray, posting: np.ndarray) -> np.ndarray:
    """For each of the sorted ``values``, True when it is in the sorted ``posting``."""
    if posting.size == 0:
        return np.zeros(values.size, dtype=bool)
    at = np.searchsorted(posting, values)
    np.minimum(at, posting.size - 1, out=at)
    return posting[at] == values


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The common elements of two sorted postings (binary search of the shorter in the longer;
    in C when the extension is built)."""
    if _speedups is not None:
        return np.frombuffer(_speedups.intersect((a, b)), dtype=np.int32)
    short, long_ = (a, b) if a.size <= b.size else (b, a)
    return short[_members(short, long_)]
