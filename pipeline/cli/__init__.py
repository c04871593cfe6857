"""The ``prescreen`` command line: one module per sub-command, registered in ``COMMANDS``.

Each command module exposes ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args) -> int``.
Exit codes: 0 when all input was read (dead letters are data), 2 for usage errors and
unreadable paths.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType


class _QuietOptionalBeamDeps(logging.Filter):
    """Drop the import-time warning Beam prints about optional Google Cloud clients."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


logging.getLogger().addFilter(_QuietOptionalBeamDeps())

from pipeline.cli import conformance_cmd, fixtures_cmd, match_cmd, parse_cmd, run_cmd  # noqa: E402 - after the log filter

COMMANDS: tuple[ModuleType, ...] = (run_cmd, parse_cmd, conformance_cmd, match_cmd, fixtures_cmd)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = argparse.ArgumentParser(prog="prescreen", description="Passenger pre-arrival screening pipeline.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    by_name: dict[str, ModuleType] = {}
    for module in COMMANDS:
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.configure(p)
        by_name[module.NAME] = module
    return parser, by_name


def main(argv: Sequence[str] | None = None) -> int:
    parser, by_name = build_parser()
    args, extra = parser.parse_known_args(argv)
    module = by_name[args.command]
    if extra and not getattr(module, "ACCEPTS_PIPELINE_OPTIONS", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.pipeline_args = extra
    return int(module.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
