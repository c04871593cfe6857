"""Matching speed: travellers screened per second against 10k, 100k and 1M entries.

Reproduce:  python bench/bench_matching_speed.py [--sizes 10000 100000 1000000] [--travellers 20000] [--workers 2]
            [--loss-sample 1000] [--unlisted-sample 300] [--build-only]

For each list size, in a fresh process: build a synthetic list (name pools from faker locales
and an Arabic pool, random combinations, partial/multiple DOBs, passports for 60 %), build the
``Matcher`` (index build time; peak RSS of the process and its growth during the build), then
screen travellers (20 % derived from entries with a typo, swap or exact name, 80 % unlisted)
with ``--workers`` forked processes sharing the built index, at the default threshold: the
same workers screen ``--travellers`` right after the fork (the cold rate: copy-on-write faults
on the shared index, empty caches), then ``--repeat`` times as many new travellers (the rate
reported: workers that have been screening for a while, as a pipeline's workers are).
Baseline in the same run: brute force ``rapidfuzz.process.cdist`` with ``token_sort_ratio``
over every entry name (``workers`` threads, chunks of 200 queries) on a sample of the same
travellers. Retrieval loss: for the first ``--loss-sample`` travellers planted from entries
(ids ``L…-kind``, drawn past ``--travellers`` when needed; each gives brute force at least its
own entry), hits at the default threshold that brute-force ``Matcher.score`` finds and
``Matcher.match`` misses, each miss printed to stderr (ids only), scored in ``--workers``
forked processes; the same for the first ``--unlisted-sample`` unlisted travellers (their hits
are namesakes of listed people, fewer but harder to find), counted apart. Up to 10k entries
brute force scores every entry; above, only the entries in the traveller's name pool
(``name_pool.py``: entries whose name can reach 0.73, the lowest name score of a hit when the
document cannot agree — every traveller carries a random ``Z…`` passport). At 10k the pool is
checked against exact brute force on the planted and unlisted travellers: entries outside the
pool that brute force finds or whose name reaches 0.73 are counted (``pool_outside``, should
be 0) and printed to stderr. The pool argument holds for the name variants the pair scorer
knows; the planted travellers are only exact, typo and swap, so initials, nicknames,
transliterations, dropped middle names and merged tokens are exercised only where list
entries happen to differ that way.
``--build-only`` stops after the index build (build time, peak RSS).
Rates are the median of the ``--repeat`` warm runs; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import argparse
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

from name_pool import NAME_FLOOR, NamePool, listed_tokens  # noqa: E402

from pipeline.matching.matcher import Matcher  # noqa: E402
from pipeline.matching.scoring import DEFAULT_THRESHOLD  # noqa: E402
from pipeline.model import TravelDocument, Traveller  # noqa: E402
from pipeline.watchlist.model import ListedDocument, ListedName, Watchlist, WatchlistEntry  # noqa: E402

EXACT_UP_TO = 10_000
"""Up to this list size, brute force scores every entry and checks the name pool against it."""
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


def screen_runs(travellers: list[Traveller], n: int, workers: int, repeat: int) -> list[tuple[float, int, float]]:
    """``(wall seconds, hits, CPU seconds)`` of ``repeat + 1`` runs of ``n`` travellers each by
    the same ``workers`` forked processes: the first on ``travellers[:n]`` right after the fork
    (cold: copy-on-write faults on the shared index, empty caches), then one on each next ``n``
    new travellers (warm: a worker that has been screening for a while, as a pipeline's is)."""
    runs = []
    with mp.get_context("fork").Pool(workers) as pool:
        for r in range(repeat + 1):
            batch = travellers[r * n:(r + 1) * n]
            t0 = time.perf_counter()
            results = pool.map(_screen, [batch[i::workers] for i in range(workers)], chunksize=1)
            runs.append((time.perf_counter() - t0, sum(h for h, _ in results), sum(c for _, c in results)))
    return runs


def brute_force_rate(entries: list[WatchlistEntry], travellers: list[Traveller], workers: int) -> float:
    names = [e.names[0].full for e in entries]
    queries = [f"{t.given_names} {t.surname}" for t in travellers]
    t0 = time.perf_counter()
    for start in range(0, len(queries), 200):
        process.cdist(queries[start:start + 200], names, scorer=fuzz.token_sort_ratio, score_cutoff=80,
                      dtype=np.uint8, workers=workers)
    return len(queries) / (time.perf_counter() - t0)


_NAMES: NamePool | None = None
_EXACT = False


def _brute_force(t: Traveller) -> tuple[str, list[str], list[str], list[str], int, float]:
    """One traveller against the forked ``_MATCHER``: (traveller id, entry ids brute force finds
    at the default threshold, of those the ones ``match`` misses, entry ids outside the name pool
    that brute force finds or whose name scores ``NAME_FLOOR`` or more (exact mode only), number
    of entries scored, CPU seconds). Exact mode (``_EXACT``) scores every entry, else the name pool."""
    assert _MATCHER is not None and _NAMES is not None
    c0 = time.process_time()
    entries = _MATCHER.index.entries
    named = _NAMES.pool(t.given_names, t.surname)
    pool = range(len(entries)) if _EXACT else named.tolist()
    inside = set(named.tolist())
    brute, outside = [], []
    for i in pool:
        scored = _MATCHER.score(t, i, floor=0.0 if _EXACT else DEFAULT_THRESHOLD)
        if scored is None:
            continue
        hit = scored[0] >= DEFAULT_THRESHOLD
        if hit:
            brute.append(entries[i].id)
        if i not in inside and (hit or scored[1]["name"].score >= NAME_FLOOR):
            outside.append(entries[i].id)
    indexed = {h.entry_id for h in _MATCHER.match(t)}
    return t.id, brute, sorted(set(brute) - indexed), outside, len(pool), time.process_time() - c0


def retrieval_loss(travellers: list[Traveller], names: NamePool, exact: bool, workers: int) -> dict:
    """Brute force vs ``_MATCHER.match`` on ``travellers`` with ``workers`` forked processes.

    Returns hits brute force finds for the planted travellers (``L…``) and of those the ones
    the index misses, the same for the unlisted ones (``T…``: namesakes of listed people), the
    name-pool check (exact mode: travellers checked, entries outside the
    pool that brute force finds or whose name reaches ``NAME_FLOOR``), the mean number of
    entries scored, wall and CPU seconds. Each miss is printed to stderr (ids only)."""
    global _NAMES, _EXACT
    _NAMES, _EXACT = names, exact
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        results = pool.map(_brute_force, travellers, chunksize=4)
    wall = time.perf_counter() - t0
    planted = [r for r in results if r[0].startswith("L")]
    unlisted = [r for r in results if not r[0].startswith("L")]
    for tid, _, misses, outside, _, _ in results:
        for entry_id in misses:
            print(f"retrieval miss: traveller {tid} entry {entry_id}", file=sys.stderr)
        for entry_id in outside:
            print(f"name-pool miss: traveller {tid} entry {entry_id}", file=sys.stderr)
    return {"loss_found": sum(len(r[1]) for r in planted), "loss_missed": sum(len(r[2]) for r in planted),
            "loss_travellers": len(planted),
            "unlisted_found": sum(len(r[1]) for r in unlisted), "unlisted_missed": sum(len(r[2]) for r in unlisted),
            "unlisted_travellers": len(unlisted), "pool_checked": len(results) if exact else 0,
            "pool_outside": sum(len(r[3]) for r in results),
            "scored_per_traveller": round(statistics.fmean(r[4] for r in results)),
            "loss_s": round(wall, 1), "loss_cpu_s": round(sum(r[5] for r in results), 1)}


def build(size: int, n_trav: int, seed: int) -> tuple[list[WatchlistEntry], list[Traveller], dict]:
    """The list, ``n_trav`` travellers, the built ``_MATCHER`` and the build measures (JSON keys)."""
    global _MATCHER
    base_rss = rss_mb()
    t0 = time.perf_counter()
    entries = make_list(size, seed)
    travellers = make_travellers(entries, n_trav, seed)
    gen_s = time.perf_counter() - t0
    before = rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    _MATCHER = Matcher([Watchlist("speed", tuple(entries), "synthetic")])
    build_s, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = rss_mb()
    return entries, travellers, {
        "size": size, "generate_s": round(gen_s, 1), "build_s": round(build_s, 2),
        "build_cpu_s": round(build_cpu, 2), "rss_before_build_mb": round(before), "peak_rss_mb": round(peak),
        "index_growth_mb": round(peak - before), "base_rss_mb": round(base_rss),
        "keys": _MATCHER.index.stats.keys, "postings": _MATCHER.index.stats.postings,
    }


def one_size(size: int, n_trav: int, workers: int, repeat: int, loss_sample: int, unlisted_sample: int,
             seed: int) -> dict:
    """Every measure for one list size (the ``--one`` JSON line)."""
    exact = size <= EXACT_UP_TO
    entries, travellers, row = build(size, max(n_trav * (repeat + 1), 6 * loss_sample + unlisted_sample), seed)
    screened = travellers[:n_trav]
    runs = screen_runs(travellers, n_trav, workers, repeat)
    (cold_wall, hits, cold_cpu), warm = runs[0], runs[1:]
    sample = screened[: max(50, min(n_trav, 400_000_000 // size))]
    brute = statistics.median(brute_force_rate(entries, sample, workers) for _ in range(repeat))
    checked = [t for t in travellers if t.id.startswith("L")][:loss_sample]
    checked += [t for t in travellers if t.id.startswith("T")][:unlisted_sample]
    t0 = time.perf_counter()
    names = NamePool([listed_tokens(e.names[0]) for e in entries])
    row["name_pool_build_s"] = round(time.perf_counter() - t0, 1)
    wall = statistics.median(w for w, _, _ in warm)
    row.update({
        "travellers": n_trav, "workers": workers,
        "travellers_per_s": round(n_trav / wall),
        "cpu_ms_per_traveller": round(statistics.median(c for _, _, c in warm) / n_trav * 1e3, 3),
        "cold_travellers_per_s": round(n_trav / cold_wall),
        "cold_cpu_ms_per_traveller": round(cold_cpu / n_trav * 1e3, 3),
        "hits": hits, "brute_force_per_s": round(brute, 1), "ratio": round(n_trav / wall / brute, 1),
        "loss_exact": exact, **retrieval_loss(checked, names, exact, workers),
    })
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--travellers", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--loss-sample", type=int, default=1000, help="planted travellers brute-forced per size")
    ap.add_argument("--unlisted-sample", type=int, default=300,
                    help="unlisted travellers brute-forced per size (and in the name-pool check at exact sizes)")
    ap.add_argument("--build-only", action="store_true", help="only generate the list and build the index")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        if a.build_only:
            print(json.dumps(build(a.one, 0, a.seed)[2]))
        else:
            print(json.dumps(one_size(a.one, a.travellers, a.workers, a.repeat, a.loss_sample, a.unlisted_sample,
                                      a.seed)))
        return
    rows = []
    for size in a.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--travellers", str(a.travellers), "--workers",
               str(a.workers), "--repeat", str(a.repeat), "--loss-sample", str(a.loss_sample),
               "--unlisted-sample", str(a.unlisted_sample), "--seed", str(a.seed)]
        out = subprocess.run(cmd + ["--build-only"] * a.build_only, check=True, stdout=subprocess.PIPE,
                             text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    command = (f"python bench/bench_matching_speed.py --sizes {' '.join(map(str, a.sizes))} --seed {a.seed}"
               + (" --build-only" if a.build_only else
                  f" --travellers {a.travellers} --workers {a.workers} --repeat {a.repeat} "
                  f"--loss-sample {a.loss_sample} --unlisted-sample {a.unlisted_sample}"))
    if a.build_only:
        print("| entries | index build (s, wall) | index build (s, CPU) | peak RSS (MB) | index growth (MB) | keys |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['size']:,} | {r['build_s']} | {r['build_cpu_s']} | {r['peak_rss_mb']} | "
                  f"{r['index_growth_mb']} | {r['keys']:,} |")
        print(f"\ncommand: {command}")
        return
    print("| entries | index build (s) | peak RSS (MB) | index growth (MB) | travellers/s "
          f"({a.workers} warm workers, median of {a.repeat}) | CPU ms/traveller | cold: travellers/s, CPU ms | "
          "brute-force cdist tsr travellers/s | ratio | retrieval loss, planted | retrieval loss, unlisted | "
          "loss step (s, wall) | name-pool check |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        loss = r["loss_missed"] / r["loss_found"] if r["loss_found"] else 0.0
        kind = "exact" if r["loss_exact"] else "name pool"
        check = (f"{r['pool_outside']} outside, {r['pool_checked']} travellers" if r["loss_exact"] else
                 f"{r['scored_per_traveller']:,} scored/traveller")
        print(f"| {r['size']:,} | {r['build_s']} | {r['peak_rss_mb']} | {r['index_growth_mb']} | "
              f"{r['travellers_per_s']:,} | {r['cpu_ms_per_traveller']} | {r['cold_travellers_per_s']:,}, "
              f"{r['cold_cpu_ms_per_traveller']} | {r['brute_force_per_s']:,} | "
              f"{r['ratio']}× | {r['loss_missed']}/{r['loss_found']} = {loss:.2%} ({kind}, "
              f"{r['loss_travellers']:,} planted) | {r['unlisted_missed']}/{r['unlisted_found']} "
              f"({r['unlisted_travellers']:,} unlisted) | {r['loss_s']} | {check} |")
    print(f"\ncommand: {command}")


if __name__ == "__main__":
    main()
