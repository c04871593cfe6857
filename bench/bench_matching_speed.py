"""Matching speed: travellers screened per second against 10k, 100k and 1M entries.

Reproduce:  python bench/bench_matching_speed.py [--sizes 10000 100000 1000000] [--travellers 20000] [--workers 2]

For each list size, in a fresh process: build a synthetic list (name pools from faker locales
and an Arabic pool, random combinations, partial/multiple DOBs, passports for 60 %), build the
``Matcher`` (index build time; peak RSS of the process and its growth during the build), then
screen travellers (20 % derived from entries with a typo, swap or exact name, 80 % unlisted)
with ``--workers`` forked processes sharing the built index, at the default threshold.
Baseline in the same run: brute force ``rapidfuzz.process.cdist`` with ``token_sort_ratio``
over every entry name (``workers`` threads, chunks of 200 queries) on a sample of the same
travellers. Retrieval loss: on the first ``--loss-sample`` travellers planted from entries
(ids ``L…-kind``; each gives brute force at least its own entry to find), hits that
brute-force scoring of every entry with the same scorer finds and the index-based matcher
misses, each miss printed to stderr (exact at 10k; at larger sizes brute force is restricted
to entries with token_sort_ratio ≥ 40 on the whole name, and at 1M the sample is a tenth of
``--loss-sample``: scoring every entry of such a pool takes seconds per traveller).
Median of ``--repeat`` timed runs; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labelled_names import ARABIC_GIVEN, ARABIC_SURNAME, FAKER_LOCALES, plain  # noqa: E402

from pipeline.matching.matcher import Matcher  # noqa: E402
from pipeline.matching.scoring import DEFAULT_THRESHOLD  # noqa: E402
from pipeline.model import TravelDocument, Traveller  # noqa: E402
from pipeline.watchlist.model import ListedDocument, ListedName, Watchlist, WatchlistEntry  # noqa: E402

NATS = ("USA", "GBR", "DEU", "FRA", "ESP", "ITA", "TUR", "POL", "BRA", "NLD", "RUS", "SAU", "EGY", "IRQ", "SYR")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pools(seed: int) -> tuple[list[list[str]], list[list[str]]]:
    """Given-name and surname pools per culture (faker locales + the Arabic pool), upper ASCII."""
    from faker import Faker

    givens, surnames = [list(ARABIC_GIVEN)], [list(ARABIC_SURNAME)]
    for i, loc in enumerate(FAKER_LOCALES):
        f = Faker(loc)
        f.seed_instance(seed + i)
        givens.append(sorted({plain(f.first_name()) for _ in range(600)}))
        surnames.append(sorted({plain(f.last_name()) for _ in range(600)}))
    return givens, surnames


def make_list(n: int, seed: int) -> list[WatchlistEntry]:
    rng = random.Random(seed)
    givens, surnames = pools(seed)
    out = []
    for i in range(n):
        c = rng.randrange(len(givens))
        giv = " ".join(rng.choice(givens[c]) for _ in range(rng.choice((1, 2, 2, 3))))
        sur = rng.choice(surnames[c])
        year = rng.randrange(1940, 2006)
        r = rng.random()
        dobs = ((f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",) if r < 0.7 else
                (str(year),) if r < 0.85 else (str(year), str(year + 2)))
        name = ListedName(f"{giv} {sur}", sur, giv) if rng.random() < 0.7 else ListedName(f"{giv} {sur}")
        docs = (ListedDocument(f"{rng.choice('ABCDEFGH')}{rng.randrange(10**7, 10**8)}", "P"),) \
            if rng.random() < 0.6 else ()
        out.append(WatchlistEntry(f"E{i:07d}", "speed", (name,), dates_of_birth=dobs,
                                  nationalities=(NATS[c % len(NATS)],), gender=rng.choice("MF"), documents=docs))
    return out


def make_travellers(entries: list[WatchlistEntry], n: int, seed: int) -> list[Traveller]:
    rng = random.Random(seed + 1)
    givens, surnames = pools(seed + 99)
    out = []
    for i in range(n):
        planted = rng.random() < 0.2
        kind = ""
        if planted:
            e = rng.choice(entries)
            tokens = e.names[0].full.split()
            sur, giv = tokens[-1], " ".join(tokens[:-1])
            kind = rng.choice(("exact", "typo", "swap"))
            if kind == "typo" and len(sur) > 3:
                k = rng.randrange(1, len(sur) - 1)
                sur = sur[:k] + rng.choice("AEIOURSTN") + sur[k + 1:]
            elif kind == "swap":
                sur, giv = giv, sur
            dob = e.dates_of_birth[0] if len(e.dates_of_birth[0]) == 10 else f"{e.dates_of_birth[0][:4]}-06-15"
        else:
            c = rng.randrange(len(givens))
            giv = " ".join(rng.choice(givens[c]) for _ in range(rng.choice((1, 2, 2, 3))))
            sur = rng.choice(surnames[c])
            dob = f"{rng.randrange(1940, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        out.append(Traveller(id=f"L{i}-{kind}" if planted else f"T{i}", surname=sur, given_names=giv,
                             date_of_birth=dob, gender=rng.choice("MF"),
                             documents=(TravelDocument("P", f"Z{rng.randrange(10**7, 10**8)}", None),)))
    return out


_MATCHER: Matcher | None = None


def _screen(travellers: list[Traveller]) -> tuple[int, float]:
    assert _MATCHER is not None
    t0 = time.process_time()
    hits = sum(len(_MATCHER.match(t)) for t in travellers)
    return hits, time.process_time() - t0


def screen_parallel(travellers: list[Traveller], workers: int) -> tuple[float, int, float]:
    """(wall seconds, hits, CPU seconds) screening ``travellers`` with ``workers`` forked processes."""
    parts = [travellers[i::workers] for i in range(workers)]
    ctx = mp.get_context("fork")
    t0 = time.perf_counter()
    with ctx.Pool(workers) as pool:
        results = pool.map(_screen, parts)
    return time.perf_counter() - t0, sum(h for h, _ in results), sum(c for _, c in results)


def brute_force_rate(entries: list[WatchlistEntry], travellers: list[Traveller], workers: int) -> float:
    names = [e.names[0].full for e in entries]
    queries = [f"{t.given_names} {t.surname}" for t in travellers]
    t0 = time.perf_counter()
    for start in range(0, len(queries), 200):
        process.cdist(queries[start:start + 200], names, scorer=fuzz.token_sort_ratio, score_cutoff=80,
                      dtype=np.uint8, workers=workers)
    return len(queries) / (time.perf_counter() - t0)


def retrieval_loss(matcher: Matcher, entries: list[WatchlistEntry], travellers: list[Traveller],
                   exact: bool) -> tuple[int, int]:
    """(hits brute force finds, of those missed by the index)."""
    names = [e.names[0].full for e in entries]
    found = missed = 0
    for t in travellers:
        if exact:
            pool = range(len(entries))
        else:
            row = process.cdist([f"{t.given_names} {t.surname}"], names, scorer=fuzz.token_sort_ratio,
                                score_cutoff=40, dtype=np.uint8, workers=2)[0]
            pool = np.nonzero(row)[0].tolist()
        brute = set()
        for i in pool:
            scored = matcher.score(t, i, floor=DEFAULT_THRESHOLD)
            if scored is not None and scored[0] >= DEFAULT_THRESHOLD:
                brute.add(entries[i].id)
        indexed = {h.entry_id for h in matcher.match(t)}
        found += len(brute)
        missed += len(brute - indexed)
        for entry_id in sorted(brute - indexed):
            print(f"retrieval miss: traveller {t.id} entry {entry_id}", file=sys.stderr)
    return found, missed


def one_size(size: int, n_trav: int, workers: int, repeat: int, loss_sample: int, seed: int) -> dict:
    global _MATCHER
    base_rss = rss_mb()
    t0 = time.perf_counter()
    entries = make_list(size, seed)
    travellers = make_travellers(entries, n_trav, seed)
    gen_s = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    _MATCHER = Matcher([Watchlist("speed", tuple(entries), "synthetic")])
    build_s = time.perf_counter() - t0
    gc.freeze()  # as ScreenAgainstWatchlists does after building the index in setup()
    peak = rss_mb()
    walls, cpus, hits = [], [], 0
    for _ in range(repeat):
        wall, hits, cpu = screen_parallel(travellers, workers)
        walls.append(wall)
        cpus.append(cpu)
    sample = travellers[: max(50, min(n_trav, 400_000_000 // size))]
    brute = statistics.median(brute_force_rate(entries, sample, workers) for _ in range(repeat))
    planted = [t for t in travellers if t.id.startswith("L")]
    listed = planted[: loss_sample if size <= 100_000 else max(20, loss_sample // 10)]
    found, missed = retrieval_loss(_MATCHER, entries, listed, exact=size <= 10_000)
    wall = statistics.median(walls)
    return {
        "size": size, "travellers": n_trav, "workers": workers, "generate_s": round(gen_s, 1),
        "build_s": round(build_s, 2), "rss_before_build_mb": round(before), "peak_rss_mb": round(peak),
        "index_growth_mb": round(peak - before), "base_rss_mb": round(base_rss),
        "travellers_per_s": round(n_trav / wall), "cpu_ms_per_traveller": round(statistics.median(cpus) / n_trav * 1e3, 3),
        "hits": hits, "brute_force_per_s": round(brute, 1), "ratio": round(n_trav / wall / brute, 1),
        "loss_found": found, "loss_missed": missed, "loss_exact": size <= 10_000,
        "keys": _MATCHER.index.stats.keys, "postings": _MATCHER.index.stats.postings,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--travellers", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--loss-sample", type=int, default=600)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_size(a.one, a.travellers, a.workers, a.repeat, a.loss_sample, a.seed)))
        return
    rows = []
    for size in a.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--travellers", str(a.travellers), "--workers",
               str(a.workers), "--repeat", str(a.repeat), "--loss-sample", str(a.loss_sample), "--seed", str(a.seed)]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    print("| entries | index build (s) | peak RSS (MB) | index growth (MB) | travellers/s "
          f"({a.workers} workers, median of {a.repeat}) | CPU ms/traveller | brute-force cdist tsr travellers/s | "
          "ratio | retrieval loss |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        loss = r["loss_missed"] / r["loss_found"] if r["loss_found"] else 0.0
        kind = "exact" if r["loss_exact"] else "tsr≥40 pool"
        print(f"| {r['size']:,} | {r['build_s']} | {r['peak_rss_mb']} | {r['index_growth_mb']} | "
              f"{r['travellers_per_s']:,} | {r['cpu_ms_per_traveller']} | {r['brute_force_per_s']:,} | "
              f"{r['ratio']}× | {r['loss_missed']}/{r['loss_found']} = {loss:.2%} ({kind}) |")
    print(f"\ncommand: python bench/bench_matching_speed.py --sizes {' '.join(map(str, a.sizes))} "
          f"--travellers {a.travellers} --workers {a.workers} --repeat {a.repeat} --loss-sample {a.loss_sample} "
          f"--seed {a.seed}")


if __name__ == "__main__":
    main()
