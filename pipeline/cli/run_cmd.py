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

NAME = "run"
HELP = "Run the screening pipeline as a Beam batch job; write out/ (travellers, dead letters, summary)."
ACCEPTS_PIPELINE_OPTIONS = True
DEFAULT_INPUT = "fixtures"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--input", action="append", metavar="PATH",
                        help=f"file, directory or glob of messages (repeatable; default: {DEFAULT_INPUT}/)")
    parser.add_argument("--out", default="out", metavar="DIR", help="output directory (default: out)")


def summary_table(summary: Summary, out_dir: str) -> Table:
    table = Table(title=f"prescreen run → {out_dir}/")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in ("messages_in", "parsed", "dead_lettered", "travellers", "elapsed_s"):
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
    config = RunConfig(inputs=tuple(os.path.abspath(f) for f in files), out_dir=args.out)
    try:
        with console.status(f"Running the pipeline on {len(files)} files…", spinner="dots"):
            summary = run_batch(config, args.pipeline_args)
    except InvariantError as exc:
        console.print(f"[bold red]prescreen run: invariant broken: {exc}[/]")
        return 1
    console.print(summary_table(summary, args.out))
    return 0
