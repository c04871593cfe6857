"""``prescreen fixtures generate``: seeded synthetic traffic (API, PNR, watchlists, ground truth).

See ``docs/synthetic-traffic.md`` for the output layout and ``pipeline.synth`` for the model.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date

from pipeline.synth.generate import GenerateConfig, OutputError, generate

NAME = "fixtures"
HELP = "Generate synthetic traffic with ground truth (flights, API and PNR messages, watchlists)."


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a rate between 0 and 1, got {text}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a count of 0 or more, got {text}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="fixtures_command", metavar="ACTION")
    sub.required = True
    gen = sub.add_parser("generate", help="write synthetic traffic into a folder (same seed, same bytes)",
                         description="Write synthetic traffic into DIR; the same seed gives byte-identical output.")
    d = GenerateConfig()
    gen.add_argument("--flights", type=_positive, default=d.flights, help=f"number of flights ({d.flights})")
    gen.add_argument("--seed", type=int, default=d.seed, help=f"random seed ({d.seed})")
    gen.add_argument("--out", required=True, metavar="DIR", help="output folder (created; must be empty)")
    gen.add_argument("--overwrite", action="store_true",
                     help="replace a previous generation in DIR (only its own outputs are removed)")
    gen.add_argument("--first-day", default=d.first_day, help=f"first day of the schedule, YYYY-MM-DD ({d.first_day})")
    gen.add_argument("--days", type=_positive, default=d.days, help=f"days the schedule spans ({d.days})")
    gen.add_argument("--max-seats", type=_positive, default=None, help="cap aircraft size (small test traffic)")
    gen.add_argument("--watchlist-size", type=_positive, default=d.watchlist_size,
                     help=f"watchlist entries that match nobody ({d.watchlist_size})")
    gen.add_argument("--listed-rate", type=_rate, default=d.listed_rate,
                     help=f"share of travellers planted as listed persons ({d.listed_rate})")
    gen.add_argument("--hard-negative-rate", type=_rate, default=d.hard_negative_rate,
                     help=f"share of travellers given a look-alike watchlist entry ({d.hard_negative_rate})")
    gen.add_argument("--risk-rate", type=_rate, default=d.risk_rate,
                     help=f"share of single-traveller bookings shaped as risk patterns ({d.risk_rate})")
    gen.add_argument("--quirk-rate", type=_rate, default=d.quirk_rate,
                     help=f"share of message files given a real-feed quirk ({d.quirk_rate})")
    gen.add_argument("--garbage-rate", type=_rate, default=d.garbage_rate,
                     help=f"share of flights with a garbage file ({d.garbage_rate})")
    gen.add_argument("--part-size", type=_positive, default=d.part_size,
                     help=f"travellers per PAXLST part before a list is split ({d.part_size})")
    gen.add_argument("--no-pnr", action="store_true", help="write API messages only")
    gen.add_argument("--workers", type=_positive, default=1,
                     help="processes to build flights in (output does not depend on it; default 1)")


def run(args: argparse.Namespace) -> int:
    try:
        date.fromisoformat(args.first_day)
    except ValueError:
        print(f"prescreen fixtures generate: --first-day: expected YYYY-MM-DD, got {args.first_day!r}",
              file=sys.stderr)
        return 2
    config = GenerateConfig(
        flights=args.flights, seed=args.seed, first_day=args.first_day, days=max(1, args.days),
        max_seats=args.max_seats or None, watchlist_size=args.watchlist_size, listed_rate=args.listed_rate,
        hard_negative_rate=args.hard_negative_rate, risk_rate=args.risk_rate, quirk_rate=args.quirk_rate,
        garbage_rate=args.garbage_rate, part_size=max(1, args.part_size), pnr=not args.no_pnr,
    )
    started = time.perf_counter()
    try:
        summary = generate(config, args.out, overwrite=args.overwrite, workers=max(1, args.workers or 1))
    except OutputError as exc:
        print(f"prescreen fixtures generate: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"{summary.flights} flights, {summary.travellers} travellers ({summary.passengers} passengers, "
          f"{summary.crew} crew), {summary.api_files} API + {summary.pnr_files} PNR + {summary.garbage_files} "
          f"garbage files, {summary.watchlist_entries} watchlist entries, truth {summary.truth} "
          f"in {elapsed:.1f} s → {os.path.abspath(args.out)}", file=sys.stderr)
    return 0
