"""Traffic generator speed and memory: ``prescreen fixtures generate`` against baselines, one run.

Variants, each in a fresh child process (so peak memory is its own; workers are children of
the child and counted through RUSAGE_CHILDREN):

* ``full``        — the real generator: flights, people, bookings, API + PNR files, quirks,
                    watchlists, truth (``--workers`` processes).
* ``full 1 proc`` — the same with one process (the per-core speed).
* ``api only``    — the same without PNR pushes (``--no-pnr``): what the PNR life cycle costs.
* ``faker loop``  — the baseline: a naive loop that only asks a ``Faker`` per traveller for a
                    name and a date of birth and writes one JSON line each, nothing else. It is
                    the floor every "use faker and write records" generator pays; the ratio
                    shows what realistic messages, documents and truth cost on top of it. It
                    runs on at most ``--baseline-travellers`` travellers (it is linear), and the
                    ratio compares time per traveller.

Each variant generates the same number of flights with the same seed (the faker loop the same
number of travellers). Reported: wall and CPU seconds (median of ``--repeats``), flights/s,
travellers/s, files/s and MB/s on wall time, peak RSS (largest process), and the ratio to the
faker loop. The machine is shared and noisy: compare ratios within a run, not across runs.

Run from the repository root::

    python bench/bench_generate.py --flights 10000 --workers 2 --repeats 1
    python bench/bench_generate.py --flights 500 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = "--child"


def _child(variant: str, flights: int, seed: int, workers: int, out: str, travellers: int) -> None:
    """Run one variant in this process and print its measurements as JSON."""
    wall = time.perf_counter()
    if variant == "faker loop":
        from faker import Faker

        fake = Faker("en_US")
        fake.seed_instance(seed)
        Path(out).mkdir(parents=True, exist_ok=True)
        with open(Path(out) / "travellers.jsonl", "w", encoding="utf-8") as fh:
            for i in range(travellers):
                fh.write(json.dumps({"id": i, "name": fake.name(), "dob": fake.date_of_birth().isoformat()}) + "\n")
        counts = {"flights": 0, "travellers": travellers, "api_files": 0, "pnr_files": 0, "garbage_files": 0,
                  "bytes": (Path(out) / "travellers.jsonl").stat().st_size}
    else:
        from pipeline.synth.generate import GenerateConfig, generate

        config = GenerateConfig(flights=flights, seed=seed, pnr=variant != "api only")
        summary = generate(config, out, workers=workers if variant == "full" else 1)
        counts = {k: getattr(summary, k) for k in ("flights", "travellers", "api_files", "pnr_files",
                                                    "garbage_files", "bytes")}
    wall = time.perf_counter() - wall
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({**counts, "wall": wall, "cpu": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
                      "peak_rss_mb": max(own.ru_maxrss, kids.ru_maxrss) / 1024}))


def _measure(variant: str, args: argparse.Namespace, travellers: int) -> dict:
    out = tempfile.mkdtemp(prefix="bench_generate_")
    try:
        cmd = [sys.executable, __file__, CHILD, variant, str(args.flights), str(args.seed), str(args.workers), out,
               str(travellers)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"variant {variant!r} failed:\n{done.stderr[-4000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == CHILD:
        variant, flights, seed, workers, out, travellers = sys.argv[2:8]
        _child(variant, int(flights), int(seed), int(workers), out, int(travellers))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flights", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--variants", default="full,full 1 proc,api only,faker loop",
                        help="comma-separated subset of the variants")
    parser.add_argument("--baseline-travellers", type=int, default=200_000,
                        help="cap on the faker loop's travellers (it is linear; rates are compared)")
    args = parser.parse_args()
    variants = [v.strip() for v in args.variants.split(",")]
    results: dict[str, list[dict]] = {}
    travellers = 0
    for variant in [v for v in variants if v != "faker loop"] + [v for v in variants if v == "faker loop"]:
        runs = [_measure(variant, args, travellers) for _ in range(args.repeats)]
        results[variant] = runs
        travellers = travellers or min(runs[0]["travellers"], args.baseline_travellers)
        print(f"  measured {variant}: {[round(r['wall'], 1) for r in runs]} s wall", file=sys.stderr)
    base = results.get("faker loop")
    base_rate = statistics.median(r["travellers"] / r["wall"] for r in base) if base else None
    base_cpu_rate = statistics.median(r["travellers"] / r["cpu"] for r in base) if base else None
    print(f"\ncommand: python bench/bench_generate.py --flights {args.flights} --seed {args.seed} "
          f"--workers {args.workers} --repeats {args.repeats} --variants '{args.variants}'")
    print(f"machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end\n")
    header = (f"{'variant':<13} {'flights':>7} {'travellers':>10} {'files':>7} {'MB':>7} {'wall s':>8} "
              f"{'cpu s':>8} {'flights/s':>9} {'trav/s':>8} {'files/s':>8} {'MB/s':>6} {'peak MB':>8} {'x faker':>8} {'x cpu':>6}")
    print(header)
    print("-" * len(header))
    for variant, runs in results.items():
        r = runs[0]
        wall = statistics.median(x["wall"] for x in runs)
        cpu = statistics.median(x["cpu"] for x in runs)
        files = r["api_files"] + r["pnr_files"] + r["garbage_files"]
        mb = r["bytes"] / 1e6
        peak = max(x["peak_rss_mb"] for x in runs)
        ratio = f"{base_rate / (r['travellers'] / wall):.1f}" if base_rate else "-"
        cpu_ratio = f"{base_cpu_rate / (r['travellers'] / cpu):.1f}" if base_cpu_rate else "-"
        print(f"{variant:<13} {r['flights']:>7} {r['travellers']:>10} {files:>7} {mb:>7.0f} {wall:>8.1f} {cpu:>8.1f} "
              f"{r['flights'] / wall:>9.1f} {r['travellers'] / wall:>8.0f} {files / wall:>8.0f} {mb / wall:>6.1f} "
              f"{peak:>8.0f} {ratio:>8} {cpu_ratio:>6}")
    print("x faker / x cpu: wall / CPU time per traveller relative to the faker loop (CPU is the robust one "
          "on a shared machine)")


if __name__ == "__main__":
    main()
