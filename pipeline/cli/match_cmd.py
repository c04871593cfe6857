"""``prescreen match --watchlist PATH... --travellers FILE.jsonl [--threshold X] [--top K]``.

Screens TRAVELLER objects (one JSON object per line, e.g. ``out/travellers.jsonl``) against
the lists and prints one JSON line per hit on stdout:
``{"traveller_id", "entry_id", "list", "score", "features": {name: score}, "explanation"}``
(more keys may follow). The default threshold is the one ``prescreen run`` alerts at (each
list's own threshold, else ``pipeline.matching.scoring.DEFAULT_THRESHOLD``).

Exit codes: 0 all travellers screened; 1 some traveller lines were unreadable (each reported
on stderr as FILE:LINE, the others screened); 2 usage errors, unreadable files, bad lists.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from pipeline.errors import PrescreenError
from pipeline.matching.matcher import Matcher
from pipeline.model import Traveller
from pipeline.watchlist.loader import load_watchlists

NAME = "match"
HELP = "Screen travellers (JSON Lines) against watchlists; print hits as JSON Lines."


def _score(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score between 0 and 1, got {value!r}") from None
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a score between 0 and 1, got {value!r}")
    return x


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {value!r}")
    return int(value)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--watchlist", action="append", required=True, metavar="PATH",
                        help="list file or directory, optionally PATH:name=…,threshold=… (repeatable)")
    parser.add_argument("--travellers", required=True, metavar="FILE.jsonl", help="TRAVELLER objects, one per line")
    parser.add_argument("--threshold", type=_score, default=None,
                        help="report hits at or above this score (default: each list's alert threshold)")
    parser.add_argument("--top", type=_positive, default=None, metavar="K", help="at most K hits per traveller")


class TravellerLineError(ValueError):
    """A line of the travellers file that is not a TRAVELLER object; ``where`` is FILE:LINE."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where


def read_travellers(path: str) -> Iterator[Traveller | TravellerLineError]:
    """Each non-blank line as a ``Traveller``, or the error saying where and what was expected."""
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield TravellerLineError(where, f"expected a JSON object (column {exc.colno}: {exc.msg})")
                continue
            try:
                yield Traveller.from_json(obj)
            except (ValueError, TypeError) as exc:
                yield TravellerLineError(where, f"expected a TRAVELLER object: {exc}")


def run(args: argparse.Namespace) -> int:
    try:
        matcher = Matcher(load_watchlists(args.watchlist))
    except (PrescreenError, OSError) as exc:
        print(f"prescreen match: {exc}", file=sys.stderr)
        return 2
    bad = 0
    try:
        for item in read_travellers(args.travellers):
            if isinstance(item, TravellerLineError):
                bad += 1
                print(f"prescreen match: {item}", file=sys.stderr)
                continue
            for hit in matcher.match(item, threshold=args.threshold, top=args.top):
                sys.stdout.write(json.dumps(hit.to_json(), ensure_ascii=False) + "\n")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"prescreen match: cannot read {args.travellers}: {type(exc).__name__}", file=sys.stderr)
        return 2
    if bad:
        print(f"prescreen match: {bad} traveller lines unreadable and skipped", file=sys.stderr)
        return 1
    return 0
