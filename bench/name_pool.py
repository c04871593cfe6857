"""Which list entries brute force must score for one traveller: a cheap, conservative name filter.

``NamePool(names)`` is built once from every entry's name tokens (``listed_tokens``);
``pool(given_names, surname)`` gives the entry numbers (sorted ``np.int64``) whose name could
score ``NAME_FLOOR`` or more against the traveller's. ``NAME_FLOOR`` is the lowest name score
a hit can have when the traveller's document cannot agree with the entry's (the bench's
travellers carry random ``Z…`` passports): the default threshold 0.88 minus every other
qualifier's agree weight (0.10 + 0.03 + 0.02, ``pipeline/matching/scoring.py``).

Why the filter loses nothing, from the name feature (``pipeline/matching/features.py``): a name
score is Σ w·s over one-to-one token pairs divided by Σ w of the paired tokens plus the unpaired
ones (a traveller token left unpaired counts in full while the entry also has unpaired tokens,
0.35 beyond those; an extra entry token 0.2); a pair needs s ≥ 0.5; w is the traveller token's
role weight (surname 1.3, given 1.0). The pair scorer gives s ≥ 0.5 only to tokens equal,
variant or nickname spellings of one root, equal up to ICAO digraphs or a leading particle, one
a prefix or end of the other (4+ letters), an initial and its name, phonetically equal, or at
Jaro-Winkler ≥ 0.79 (below 0.85 it is cubed). ``pool`` calls a token pair *close* when one of
these holds (roots, digraph folds and particle-free forms via ``pipeline.normalise``,
the matcher's own ``phonetic_key``; Jaro-Winkler ≥ ``JW_CLOSE`` on comparable forms, a
margin) and keeps an entry when the best name score it allows — every close pair at 1.0, no
other pair, penalties at the slightly lower ``EXTRA_TRAVELLER`` and ``EXTRA_LISTED`` — reaches
``NAME_FLOOR``; or when its blank-free name is at ``ratio`` ≥ ``MERGED_CLOSE`` (the merged/split
token path needs Indel ≥ 0.92). The bench checks the filter against exact brute force at 10k
entries on every run, so a change in the matcher's pair scorer shows up there.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Postfix, Prefix

from pipeline.matching.features import ROLE_WEIGHT
from pipeline.matching.keys import phonetic_key
from pipeline.matching.scoring import DEFAULT_THRESHOLD, OTHER_AGREE
from pipeline.normalise.name_forms import comparable, fold_digraphs, name_tokens, strip_particles
from pipeline.normalise.name_variants import variant_root
from pipeline.watchlist.model import ListedName

NAME_FLOOR = round(DEFAULT_THRESHOLD - OTHER_AGREE, 6)  # 0.73
JW_CLOSE = 0.7
AFFIX_MIN = 4
MERGED_CLOSE = 90
SURNAME_WEIGHT, GIVEN_WEIGHT = ROLE_WEIGHT["surname"], ROLE_WEIGHT["given"]
EXTRA_TRAVELLER, EXTRA_LISTED = 0.3, 0.15


def listed_tokens(name: ListedName) -> list[str]:
    """A listed name's comparable tokens as the matcher reads them (structured parts when known)."""
    if name.surname or name.given_names:
        return [comparable(t) for t in (*name_tokens(name.given_names), *name_tokens(name.surname))]
    return [comparable(t) for t in name_tokens(name.full)]


def _forms(token: str) -> tuple[str, ...]:
    """Exact-equality forms of a comparable token: variant root, digraph fold, particle-free form
    and phonetic key (3+ letters)."""
    forms = ("r:" + variant_root(token)[0], "d:" + fold_digraphs(token), "p:" + strip_particles(token))
    return forms + ("k:" + phonetic_key(token),) if len(token) >= 3 else forms


def best_name_score(weights: list[float], close: int, listed: int) -> float:
    """Upper bound of the name score of a traveller with token ``weights`` against a name of
    ``listed`` tokens when only the traveller tokens in bit mask ``close`` can be paired."""
    closed = [k for k in range(len(weights)) if close >> k & 1]
    best = 0.0
    for m in range(1, min(len(closed), listed) + 1):
        for paired in combinations(closed, m):
            left = sorted(weights[k] for k in range(len(weights)) if k not in paired)
            full = min(len(left), listed - m)
            num = sum(weights[k] for k in paired)
            den = num + sum(left[:full]) + EXTRA_TRAVELLER * sum(left[full:]) + EXTRA_LISTED * (listed - m - full)
            best = max(best, num / den)
    return best


class NamePool:
    """Token postings over every entry's name (one name per entry), for ``pool``."""

    def __init__(self, names: list[list[str]]):
        vocab: dict[str, int] = {}
        owners: list[int] = []
        token_ids: list[int] = []
        for i, tokens in enumerate(names):
            for t in set(tokens):
                token_ids.append(vocab.setdefault(t, len(vocab)))
                owners.append(i)
        self.vocab = list(vocab)
        self._lengths = np.array([len(t) for t in self.vocab])
        self._firsts = np.array([t[0] for t in self.vocab])
        ids = np.asarray(token_ids)
        order = np.argsort(ids, kind="stable")
        self._postings = np.asarray(owners, dtype=np.int64)[order]
        self._starts = np.searchsorted(ids[order], np.arange(len(vocab) + 1))
        self._by_form: dict[str, list[int]] = {}
        for k, t in enumerate(self.vocab):
            for f in _forms(t):
                self._by_form.setdefault(f, []).append(k)
        self._counts = np.array([len(tokens) for tokens in names], dtype=np.int64)
        self._compacts = ["".join(tokens) for tokens in names]

    def _close_vocab(self, query: list[str]) -> np.ndarray:
        """Bool (query token × vocabulary token): the pair is close (see the module doc)."""
        close = process.cdist(query, self.vocab, scorer=JaroWinkler.normalized_similarity,
                              dtype=np.float32) >= JW_CLOSE
        shortest = np.minimum(np.array([len(t) for t in query])[:, None], self._lengths[None, :])
        for affix in (Prefix, Postfix):
            shared = process.cdist(query, self.vocab, scorer=affix.similarity, dtype=np.int32)
            close |= (shared == shortest) & (shortest >= AFFIX_MIN)
        for q, t in enumerate(query):
            close[q] |= (self._firsts == t[0]) & ((self._lengths == 1) | (len(t) == 1))
            for f in _forms(t):
                close[q, self._by_form.get(f, [])] = True
        return close

    def pool(self, given_names: str | None, surname: str | None) -> np.ndarray:
        """Entry numbers whose name may score ``NAME_FLOOR`` or more against the traveller's, sorted."""
        giv = [comparable(t) for t in name_tokens(given_names)]
        sur = [comparable(t) for t in name_tokens(surname)]
        query = giv + sur
        if not query:
            return np.zeros(0, dtype=np.int64)
        weights = [GIVEN_WEIGHT] * len(giv) + [SURNAME_WEIGHT] * len(sur)
        masks = np.zeros(len(self._counts), dtype=np.int64)
        for q, row in enumerate(self._close_vocab(query)):
            parts = [self._postings[self._starts[k]:self._starts[k + 1]] for k in np.nonzero(row)[0]]
            if parts:
                masks[np.concatenate(parts)] |= 1 << q
        found = np.nonzero(masks)[0]
        keys = masks[found] * 64 + np.minimum(self._counts[found], 63)
        kept = [key for key in np.unique(keys)
                if best_name_score(weights, int(key) // 64, int(key) % 64) >= NAME_FLOOR]
        merged = process.cdist(["".join(query)], self._compacts, scorer=fuzz.ratio,
                               score_cutoff=MERGED_CLOSE, dtype=np.uint8)[0]
        return np.union1d(found[np.isin(keys, kept)], np.nonzero(merged)[0])
