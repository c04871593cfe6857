"""The ``prescreen run`` batch job: read messages, parse, write travellers, dead letters and a summary.

Later stages (screening, rules, alerts) are added here as further steps of the same job.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import apache_beam as beam
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pipeline.beam.screen import ScreenAgainstWatchlists
from pipeline.beam.transforms import NAMESPACE, ParseMessages, ReadPayloads, WriteJsonLines, traveller_records

DEFAULT_RUNNER = "FnApiRunner"  # Beam's in-process direct runner for batch; no download attempted


class InvariantError(RuntimeError):
    """``messages_in != parsed + dead_lettered``: a stage lost or duplicated messages."""


@dataclass(frozen=True, slots=True)
class RunConfig:
    """What the job reads and where it writes."""

    inputs: tuple[str, ...]
    out_dir: str = "out"
    watchlists: tuple[str, ...] = ()  # list specs to screen against (empty: no screening, 0 hits)


@dataclass(slots=True)
class Summary:
    """The content of ``out/summary.json``."""

    messages_in: int = 0
    parsed: int = 0
    dead_lettered: int = 0
    travellers: int = 0
    hits: int = 0
    screen_failed: int = 0
    watchlists: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    inputs: list[str] = field(default_factory=list)
    runner: str = DEFAULT_RUNNER
    invariant_ok: bool = True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def pipeline_options(pipeline_args: list[str]) -> PipelineOptions:
    """Standard Beam options from the command line, with the local batch runner as default."""
    options = PipelineOptions(pipeline_args)
    std = options.view_as(StandardOptions)
    if not std.runner:
        std.runner = DEFAULT_RUNNER
    return options


def build(p: beam.Pipeline, config: RunConfig) -> None:
    """Add the job's steps to ``p``."""
    out = config.out_dir
    payloads = p | "ReadPayloads" >> ReadPayloads(list(config.inputs))
    parsed, dead = payloads | "ParseMessages" >> ParseMessages()
    hits, screen_failed = parsed | "ScreenAgainstWatchlists" >> ScreenAgainstWatchlists(list(config.watchlists))
    _ = (
        parsed
        | "TravellerRecords" >> beam.FlatMap(traveller_records)
        | "WriteTravellers" >> WriteJsonLines(os.path.join(out, "travellers"))
    )
    _ = hits | "WriteHits" >> WriteJsonLines(os.path.join(out, "hits"))
    _ = screen_failed | "WriteScreenFailures" >> WriteJsonLines(os.path.join(out, "deadletter", "screen_failures"))
    _ = dead | "WriteDeadLetters" >> WriteJsonLines(os.path.join(out, "deadletter", "dead_letters"))


def _counter(result: beam.runners.runner.PipelineResult, name: str) -> int:
    query = result.metrics().query(MetricsFilter().with_namespace(NAMESPACE).with_name(name))
    return int(sum(c.committed or 0 for c in query["counters"]))


def run_batch(config: RunConfig, pipeline_args: list[str]) -> Summary:
    """Run the job to completion and write ``summary.json``.

    Raises ``InvariantError`` (after writing the summary) when the message counts disagree.
    """
    options = pipeline_options(pipeline_args)
    os.makedirs(os.path.join(config.out_dir, "deadletter"), exist_ok=True)
    started = time.monotonic()
    p = beam.Pipeline(options=options)
    build(p, config)
    result = p.run()
    result.wait_until_finish()
    summary = Summary(
        messages_in=_counter(result, "messages_in"),
        parsed=_counter(result, "parsed"),
        dead_lettered=_counter(result, "dead_lettered"),
        travellers=_counter(result, "travellers"),
        hits=_counter(result, "hits"),
        screen_failed=_counter(result, "screen_failed"),
        watchlists=list(config.watchlists),
        elapsed_s=round(time.monotonic() - started, 3),
        inputs=list(config.inputs),
        runner=str(options.view_as(StandardOptions).runner),
    )
    summary.invariant_ok = summary.messages_in == summary.parsed + summary.dead_lettered
    with open(os.path.join(config.out_dir, "summary.json"), "w", encoding="utf-8") as fh:
        json.dump(summary.to_json(), fh, indent=2)
        fh.write("\n")
    check_invariant(summary)
    return summary


def check_invariant(summary: Summary) -> None:
    """Raise ``InvariantError`` unless every message read was parsed or dead-lettered."""
    if summary.messages_in != summary.parsed + summary.dead_lettered:
        raise InvariantError(
            f"messages_in ({summary.messages_in}) != parsed ({summary.parsed}) + dead_lettered "
            f"({summary.dead_lettered})"
        )
