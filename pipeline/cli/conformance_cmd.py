"""``prescreen conformance DIR``: parse every file of a sample folder and account for each one."""

from __future__ import annotations

import argparse
import json
import os
import sys

from rich.console import Console
from rich.table import Table

from pipeline.cli.parse_cmd import parse_files
from pipeline.conformance import FileReport, report_file

NAME = "conformance"
HELP = "Parse every file in a folder of sample messages and report, per file, what was found."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", help="folder of sample messages (every file is read)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per file")


def run(args: argparse.Namespace) -> int:
    if not os.path.isdir(args.directory):
        print(f"prescreen conformance: {args.directory}: not a directory", file=sys.stderr)
        return 2
    paths = sorted(
        os.path.join(args.directory, name)
        for name in os.listdir(args.directory)
        if os.path.isfile(os.path.join(args.directory, name)) and not name.lower().startswith("readme")
    )
    reports: list[FileReport] = []
    for path in paths:
        try:
            reports.append(report_file(os.path.basename(path), parse_files([path])))
        except OSError as exc:
            print(f"prescreen conformance: {exc}", file=sys.stderr)
            return 2
    if args.json:
        for rep in reports:
            print(json.dumps(rep.to_json()))
    else:
        table = Table(title=f"conformance: {args.directory}")
        for column in ("file", "type", "messages", "PNRs", "travellers", "warnings", "dead letters", "status"):
            table.add_column(column, overflow="fold")
        for rep in reports:
            table.add_row(
                rep.file, ", ".join(rep.types), str(rep.messages), str(rep.pnrs), str(rep.travellers),
                str(rep.warnings), "; ".join(rep.dead_letters) or "0", "ok" if rep.ok else "FAIL",
            )
        console = Console(width=200)
        console.print(table)
    failed = [r.file for r in reports if not r.ok]
    print(f"{len(reports)} files, {len(reports) - len(failed)} ok, {len(failed)} failed"
          + (f": {', '.join(failed)}" if failed else ""), file=sys.stderr)
    return 1 if failed else 0
