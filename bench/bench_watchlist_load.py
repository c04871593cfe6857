"""Benchmark: loading native-CSV watchlists of 100k and 1M synthetic entries.

Compares ``load_watchlist`` (parse + validate + typed entries) with a baseline of
``pandas.read_csv`` of the same file into DataFrame rows (``to_dict("records")``) without any
validation. Each measurement runs in its own subprocess so peak memory is that run's own;
the table gives medians over the repeats (wall and CPU seconds: the machine is shared), entries
per wall and per CPU second, peak memory above the process's memory before loading, and the ratios to the baseline
in the same run (runs of the two loaders are interleaved).

    python bench/bench_watchlist_load.py [--sizes 100000 1000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

COUNTRIES = ["GBR", "FR", "DEU", "UA", "RUS", "YEM", "IRN", "PAK", "ESP", "NG", "BRA", "CHN", "IND", "US"]
GIVEN = ["Mohammed", "Oleksandr", "Maria", "Ahmed", "John", "Wei", "Fatima", "Ivan", "Ana", "Yusuf", "Ali", "Olga"]
FAMILY = ["Al-Haddad", "Kovalenko", "Ortega Ruiz", "Smith", "Wang", "Khan", "Ivanova", "van der Berg", "Nakamura"]
HEADER = ["id", "list", "category", "severity", "name", "surname", "given_names", "aliases", "date_of_birth",
          "nationality", "gender", "documents", "notes"]


def write_list(path: str, size: int, seed: int = 7) -> None:
    """A native CSV of ``size`` plausible entries (some with aliases, several DOBs, documents)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(size):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            structured = rng.random() < 0.5
            aliases = "|".join(f"{rng.choice(GIVEN)} {family}" for _ in range(rng.randint(0, 2)))
            year = rng.randint(1940, 2005)
            dobs = rng.choice([f"{year}", f"{year}-{rng.randint(1, 12):02d}",
                               f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}|{year + 1}"])
            docs = rng.choice(["", f"P:{rng.choice(COUNTRIES)}:{rng.randint(10**7, 10**9)}", f"X{rng.randint(10**6, 10**7)}"])
            w.writerow([f"B{i:07d}", "Bench List", rng.choice(["", "terrorism", "fraud"]),
                        rng.choice(["", "low", "high", "critical"]),
                        "" if structured else f"{given} {family}", family if structured else "",
                        given if structured else "", aliases, dobs,
                        "|".join(rng.sample(COUNTRIES, rng.randint(0, 2))), rng.choice(["M", "F", ""]), docs, ""])


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_one(kind: str, path: str) -> dict[str, float]:
    """Time one load in this process; peak memory above the memory before it."""
    if kind == "prescreen":
        from pipeline.watchlist.loader import load_watchlist
    else:
        import pandas as pd
    before = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    if kind == "prescreen":
        n = len(load_watchlist(path).entries)
    else:
        n = len(pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records"))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "cpu": cpu, "entries": n, "peak_mb": peak - before}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = os.path.join(tmp, f"list_{size}.csv")
            write_list(path, size)
            mb = os.path.getsize(path) / 2**20
            results: dict[str, list[dict[str, float]]] = {"prescreen": [], "pandas": []}
            for _ in range(args.repeats):
                for kind in results:  # interleaved, so machine noise hits both alike
                    out = subprocess.run([sys.executable, __file__, "--one", kind, path], check=True,
                                         capture_output=True, text=True).stdout
                    results[kind].append(json.loads(out))
            med = {k: statistics.median(r["seconds"] for r in v) for k, v in results.items()}
            cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in results.items()}
            for kind, runs in results.items():
                rows.append((f"{size:,}", f"{mb:.0f}", kind, f"{med[kind]:.2f}", f"{cpu[kind]:.2f}",
                             f"{size / med[kind]:,.0f}", f"{size / cpu[kind]:,.0f}",
                             f"{max(r['peak_mb'] for r in runs):,.0f}",
                             f"{med[kind] / med['pandas']:.2f}", f"{cpu[kind] / cpu['pandas']:.2f}"))
    head = ("entries", "file MB", "loader", "median s", "median cpu s", "entries/s", "entries/cpu-s", "peak MB",
            "time / pandas", "cpu / pandas")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(c).rjust(w) for c, w in zip(r, widths)))
    print(f"\nreproduce: python bench/bench_watchlist_load.py --sizes {' '.join(map(str, args.sizes))} "
          f"--repeats {args.repeats}   (python {sys.version.split()[0]}, {os.cpu_count()} cpus)")


if __name__ == "__main__":
    main()
