"""``prescreen run``: the batch job on the bundled defaults, or on ``--input``.

Any further argument is a Beam pipeline option (``--runner=FlinkRunner``, ``--direct_num_workers=2`` …).
"""

from __future__ import annotations

import argparse
import os
import sys

from rich.console import Console
from rich.table import Table

from pipeline.beam.batch import InvariantError, RunConfig, Summary, run_batch
from pipeline.cli.inputs import InputError, expand_inputs
from pipeline.errors import PrescreenError
from pipeline.watchlist.loader import list_files, load_watchlists

NAME = "run"
HELP = "Run the screening pipeline as a Beam batch job; write out/ (travellers, dead letters, summary)."
ACCEPTS_PIPELINE_OPTIONS = True
DEFAULT_INPUT = "fixtures"
DEFAULT_WATCHLISTS = "watchlists"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", action="append", metavar="PATH",
                        help=f"file, directory or glob of messages (repeatable; default: {DEFAULT_INPUT}/)")
    parser.add_argument("--out", default="out", metavar="DIR", help="output directory (default: out)")
    parser.add_argument("--watchlist", action="append", metavar="PATH",
                        help=f"watchlist file or directory to screen against, PATH[:name=…,threshold=…] "
                             f"(repeatable; default: {DEFAULT_WATCHLISTS}/)")


def watchlist_specs(given: list[str] | None) -> tuple[list[str], str | None]:
    """The specs to screen against and a note for the user when screening is skipped.

    Explicit specs are checked by loading them (``WatchlistError`` on a bad list). Without
    any, the bundled ``watchlists/`` directory is used when it holds list files.
    """
    if given:
        load_watchlists(given)
        return list(given), None
    if os.path.isdir(DEFAULT_WATCHLISTS) and list_files(DEFAULT_WATCHLISTS):
        specs = [os.path.abspath(DEFAULT_WATCHLISTS)]
        load_watchlists(specs)
        return specs, None
    return [], f"no watchlist files in {DEFAULT_WATCHLISTS}/ and no --watchlist given: screening skipped (0 hits)"


def summary_table(summary: Summary, out_dir: str) -> Table:
    table = Table(title=f"prescreen run → {out_dir}/")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("messages_in", "parsed", "dead_lettered", "travellers", "hits", "elapsed_s"):
        table.add_row(key, str(getattr(summary, key)))
    table.add_row("invariant", "ok" if summary.invariant_ok else "BROKEN")
    return table


def run(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    try:
        files = expand_inputs(args.input or [DEFAULT_INPUT])
    except InputError as exc:
        print(f"prescreen run: {exc}", file=sys.stderr)
        return 2
    try:
        specs, note = watchlist_specs(args.watchlist)
    except (PrescreenError, OSError) as exc:
        print(f"prescreen run: {exc}", file=sys.stderr)
        return 2
    if note:
        console.print(f"[yellow]{note}[/]")
    config = RunConfig(inputs=tuple(os.path.abspath(f) for f in files), out_dir=args.out, watchlists=tuple(specs))
    try:
        with console.status(f"Running the pipeline on {len(files)} files…", spinner="dots"):
            summary = run_batch(config, args.pipeline_args)
    except InvariantError as exc:
        console.print(f"[bold red]prescreen run: invariant broken: {exc}[/]")
        return 1
    console.print(summary_table(summary, args.out))
    return 0
