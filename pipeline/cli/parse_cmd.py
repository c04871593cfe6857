"""``prescreen parse FILE... [--json]``: parse messages and print them.

With ``--json``: one JSON object per message (JSON Lines, the stable message form; dead
letters have kind ``dead_letter``). Without: a table with one row per message.
"""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from pipeline.cli.inputs import InputError, expand_inputs
from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Message, ParseResult

NAME = "parse"
HELP = "Parse API (PAXLST) and PNR (PNRGOV) messages; print a table or JSON Lines."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="message files, directories or globs")
    parser.add_argument("--json", action="store_true", help="print JSON Lines in the stable message form")


def parse_files(files: list[str]) -> list[ParseResult]:
    """Every message of every file, in file order. Raises ``OSError`` on an unreadable file."""
    results: list[ParseResult] = []
    for path in files:
        with open(path, "rb") as fh:
            raw = fh.read()
        results.extend(parse_payload(raw, path))
    return results


def _flight(result: ParseResult) -> str:
    if isinstance(result, Message) and result.primary_flight is not None:
        f = result.primary_flight
        return f"{f.carrier or '?'}{f.number or '?'} {f.origin or '?'}→{f.destination or '?'} {f.departure_local or ''}"
    return ""


def _table(results: list[ParseResult]) -> Table:
    table = Table(title=f"{len(results)} messages")
    for column in ("file", "#", "kind", "type", "function", "flight", "travellers", "warnings", "reason"):
        table.add_column(column, overflow="fold")
    for r in results:
        src = r.source
        travellers = str(len(r.travellers)) if isinstance(r, Message) else ""
        reason = r.reason if isinstance(r, DeadLetter) else ""
        table.add_row(
            src.file or "", str(src.message_index), r.kind,
            f"{src.message_type or ''} {src.version or ''}".strip(), src.function or "",
            _flight(r), travellers, str(len(r.warnings)), reason,
        )
    return table


def run(args: argparse.Namespace) -> int:
    try:
        files = expand_inputs(args.files)
        results = parse_files(files)
    except (InputError, OSError) as exc:
        print(f"prescreen parse: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = sys.stdout
        for r in results:
            out.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        return 0
    Console(width=None if sys.stdout.isatty() else 200).print(_table(results))
    return 0
