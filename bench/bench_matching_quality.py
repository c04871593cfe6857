"""Matching quality: recall per variation cause at fixed alert budgets, against two baselines.

Reproduce:  python bench/bench_matching_quality.py [--seed 7] [--list 5000] [--per-cause 200] [--negatives 20000]
            python bench/bench_matching_quality.py --generated DIR   (DIR from ``prescreen fixtures generate``)

Data: ``bench/labelled_names.py`` (seeded, labelled single-cause variations of list entries,
negatives from a differently seeded generator with 10 % same-surname hard negatives), or with
``--generated`` the traffic generator's output: travellers parsed from its API/PNR messages
(person id in ``references["ABO"]``/``["REF"]``), its watchlists, and ``truth.jsonl``
(``watchlist_match`` lines give positives and their causes; every other traveller, hard
negatives included, is unlisted). A positive with several causes counts under each.
Methods, all in this one run on the same data:
  prescreen   pipeline.matching.Matcher (index candidates + features + weights table);
  tsr         brute-force rapidfuzz ``token_sort_ratio`` on whole names (cdist over the list);
  gtas        GTAS-style whole-string Jaro-Winkler (first middle last), DOB year within ±3.
Each method's threshold is calibrated on the negatives' per-traveller maximum score (first
half) to 1 and 10 false alerts per 1,000 travellers; the observed rate on the held-out half
is printed too. A positive counts when its own entry scores at or above the threshold. The
last column and row: prescreen at ``scoring.DEFAULT_THRESHOLD``, the threshold the pipeline
alerts at (false alerts over all negatives).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labelled_names import CAUSES, Dataset, make_dataset, plain  # noqa: E402

from pipeline.ingest import parse_payload  # noqa: E402
from pipeline.matching.matcher import Matcher  # noqa: E402
from pipeline.matching.scoring import CANDIDATE_FLOOR, DEFAULT_THRESHOLD  # noqa: E402
from pipeline.model import Message, Traveller  # noqa: E402
from pipeline.watchlist.loader import load_watchlists  # noqa: E402
from pipeline.watchlist.model import Watchlist, WatchlistEntry  # noqa: E402

BUDGETS = (1.0, 10.0)


def calibrate(neg_max: np.ndarray, per_1000: float) -> float:
    """Smallest threshold with at most ``per_1000`` negatives per 1,000 scoring at or above it."""
    s = np.sort(neg_max)[::-1]
    k = int(np.floor(len(s) * per_1000 / 1000))
    return float(np.nextafter(s[k], np.inf)) if k < len(s) else float(s[-1])


def whole(t: Traveller, order: str = "given_first") -> str:
    sur, giv = plain(t.surname or ""), plain(t.given_names or "")
    return " ".join(x for x in ((giv, sur) if order == "given_first" else (sur, giv)) if x)


def entry_string(e: WatchlistEntry) -> str:
    return plain(e.names[0].full)


def years(e: WatchlistEntry) -> list[int]:
    return [int(d[:4]) for d in e.dates_of_birth if d[:4].isdigit()]


class Baselines:
    """Brute-force baselines over every entry."""

    def __init__(self, entries: list[WatchlistEntry]):
        self.entries = entries
        self.names = [entry_string(e) for e in entries]
        self.year_lo = np.array([min(years(e), default=-10_000) for e in entries])
        self.year_hi = np.array([max(years(e), default=10_000) for e in entries])
        self.by_id = {e.id: i for i, e in enumerate(entries)}

    def _gate(self, yrs: np.ndarray) -> np.ndarray:
        """(queries × entries) True where some listed year is within ±3 of the traveller's."""
        return (yrs[:, None] >= self.year_lo[None, :] - 3) & (yrs[:, None] <= self.year_hi[None, :] + 3)

    def max_scores(self, travellers: list[Traveller], method: str, chunk: int = 1000) -> np.ndarray:
        out = np.zeros(len(travellers))
        for start in range(0, len(travellers), chunk):
            part = travellers[start:start + chunk]
            q = [whole(t) for t in part]
            if method == "tsr":
                m = process.cdist(q, self.names, scorer=fuzz.token_sort_ratio, dtype=np.float32, workers=2) / 100
            else:
                m = process.cdist(q, self.names, scorer=JaroWinkler.normalized_similarity, dtype=np.float32,
                                  workers=2)
                yrs = np.array([int((t.date_of_birth or "0")[:4]) for t in part])
                m = np.where(self._gate(yrs), m, 0.0)
            out[start:start + chunk] = m.max(axis=1)
        return out

    def pair_score(self, t: Traveller, entry_id: str, method: str) -> float:
        i = self.by_id[entry_id]
        q = whole(t)
        if method == "tsr":
            return fuzz.token_sort_ratio(q, self.names[i]) / 100
        y = int((t.date_of_birth or "0")[:4])
        if not (self.year_lo[i] - 3 <= y <= self.year_hi[i] + 3):
            return 0.0
        return JaroWinkler.normalized_similarity(q, self.names[i])


def load_generated(directory: str) -> tuple[Dataset, list[Watchlist], list[str]]:
    """Positives (one row per cause) and negatives from a generator output folder."""
    root = Path(directory)
    lists = load_watchlists([str(root / "watchlists")])
    truth: dict[str, tuple[str, list[str]]] = {}
    with open(root / "truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["type"] == "watchlist_match":
                truth[row["person_id"]] = (row["entry_id"], row["causes"] or ["exact"])
    people: dict[str, Traveller] = {}
    for path in sorted(p for sub in ("api", "pnr") if (root / sub).is_dir() for p in (root / sub).rglob("*.edi")):
        for result in parse_payload(path.read_bytes(), str(path)):
            if not isinstance(result, Message):
                continue
            for t in result.travellers:
                refs = dict(t.references)
                pid = refs.get("ABO") or refs.get("REF")
                if pid and pid not in people and t.role != "crew":
                    people[pid] = t
    data = Dataset(entries=[e for wl in lists for e in wl.entries])
    causes_seen: list[str] = []
    for pid, t in people.items():
        if pid in truth:
            entry_id, causes = truth[pid]
            for cause in causes:
                data.positives.append((cause, entry_id, t))
                if cause not in causes_seen:
                    causes_seen.append(cause)
        else:
            data.negatives.append(t)
    return data, lists, sorted(causes_seen)


def prescreen_scores(matcher: Matcher, travellers: list[Traveller], truth: list[str] | None) -> np.ndarray:
    """Max score per traveller (negatives) or the score of the true entry (positives)."""
    out = np.zeros(len(travellers))
    for n, t in enumerate(travellers):
        hits = matcher.match(t, threshold=CANDIDATE_FLOOR)
        if truth is None:
            out[n] = hits[0].score if hits else 0.0
        else:
            out[n] = next((h.score for h in hits if h.entry_id == truth[n]), 0.0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--list", type=int, default=5000)
    ap.add_argument("--per-cause", type=int, default=200)
    ap.add_argument("--negatives", type=int, default=20000)
    ap.add_argument("--generated", metavar="DIR", help="use a traffic generator output folder instead")
    a = ap.parse_args()
    t0 = time.perf_counter()
    if a.generated:
        data, lists, causes_order = load_generated(a.generated)
    else:
        data = make_dataset(a.seed, a.list, a.per_cause, a.negatives)
        lists, causes_order = [Watchlist("bench", tuple(data.entries), "bench")], list(CAUSES)
    print(f"data: {len(data.entries)} entries, {len(data.positives)} positives, {len(data.negatives)} negatives "
          f"({time.perf_counter() - t0:.1f} s)")
    t0 = time.perf_counter()
    matcher = Matcher(lists)
    print(f"index built in {time.perf_counter() - t0:.2f} s")
    base = Baselines(data.entries)
    pos_t = [t for _, _, t in data.positives]
    pos_e = [e for _, e, _ in data.positives]
    causes = [c for c, _, _ in data.positives]
    rng = np.random.default_rng(a.seed)
    half = rng.permutation(len(data.negatives)) < len(data.negatives) // 2
    results: dict[str, dict[str, np.ndarray]] = {}
    timings: dict[str, float] = {}
    for method in ("prescreen", "tsr", "gtas"):
        t0 = time.perf_counter()
        if method == "prescreen":
            neg = prescreen_scores(matcher, data.negatives, None)
            pos = prescreen_scores(matcher, pos_t, pos_e)
        else:
            neg = base.max_scores(data.negatives, method)
            pos = np.array([base.pair_score(t, e, method) for t, e in zip(pos_t, pos_e)])
        timings[method] = time.perf_counter() - t0
        results[method] = {"neg": neg, "pos": pos}
    cand_hit = np.mean([e in {matcher.index.entries[i].id for i in matcher.candidate_entries(t)}
                        for t, e in zip(pos_t, pos_e)])
    print(f"prescreen candidate retrieval recall (true entry among candidates): {cand_hit:.4f}")
    header = ["cause", "n"]
    thresholds: dict[tuple[str, float], float] = {}
    for budget in BUDGETS:
        for method in results:
            header.append(f"{method} @{budget:g}/1000")
            thresholds[(method, budget)] = calibrate(results[method]["neg"][half], budget)
    header.append(f"prescreen @default {DEFAULT_THRESHOLD:g}")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    cause_arr = np.array(causes)
    worst: dict[tuple[str, float], float] = {}
    for cause in causes_order:
        mask = cause_arr == cause
        row = [cause, str(int(mask.sum()))]
        for budget in BUDGETS:
            for method in results:
                r = float((results[method]["pos"][mask] >= thresholds[(method, budget)]).mean()) if mask.any() else 0
                worst[(method, budget)] = min(worst.get((method, budget), 1.0), r)
                row.append(f"{r:.2f}")
        r = float((results["prescreen"]["pos"][mask] >= DEFAULT_THRESHOLD).mean()) if mask.any() else 0
        worst[("prescreen", None)] = min(worst.get(("prescreen", None), 1.0), r)
        row.append(f"{r:.2f}")
        print("| " + " | ".join(row) + " |")
    print()
    print("| method | budget /1000 | threshold | observed FA/1000 (held-out half) | min recall over causes | "
          "time (s) |")
    print("|---|---|---|---|---|---|")
    for budget in BUDGETS:
        for method in results:
            th = thresholds[(method, budget)]
            observed = float((results[method]["neg"][~half] >= th).mean() * 1000)
            print(f"| {method} | {budget:g} | {th:.4f} | {observed:.2f} | {worst[(method, budget)]:.2f} | "
                  f"{timings[method]:.1f} |")
    observed = float((results["prescreen"]["neg"] >= DEFAULT_THRESHOLD).mean() * 1000)
    print(f"| prescreen at the default threshold | – | {DEFAULT_THRESHOLD:.4f} | {observed:.2f} (all negatives) | "
          f"{worst[('prescreen', None)]:.2f} | {timings['prescreen']:.1f} |")
    if a.generated:
        print(f"\ncommand: python bench/bench_matching_quality.py --generated {a.generated}")
    else:
        print(f"\ncommand: python bench/bench_matching_quality.py --seed {a.seed} --list {a.list} "
              f"--per-cause {a.per_cause} --negatives {a.negatives}")


if __name__ == "__main__":
    main()
