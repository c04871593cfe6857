"""Composite PTransforms of the first stages: read payloads, parse them, format outputs.

The domain logic lives in ``pipeline.ingest`` and the parsers; these transforms only wire it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.io import fileio
from apache_beam.metrics import Metrics

from pipeline.ingest import FailedUnit, read_units
from pipeline.model import DeadLetter, Message, MessageSource

NAMESPACE = "prescreen"
DEAD_LETTER = "dead_letter"


class _ParsePayloadFn(beam.DoFn):
    """``(name, bytes)`` → ``Message`` (main output) and ``DeadLetter`` (tagged output).

    ``messages_in`` counts the units the reader found (``pipeline.ingest``) before any parsing,
    so that ``messages_in = parsed + dead_lettered`` checks the parsers too.
    """

    def __init__(self) -> None:
        self.messages_in = Metrics.counter(NAMESPACE, "messages_in")
        self.parsed = Metrics.counter(NAMESPACE, "parsed")
        self.dead_lettered = Metrics.counter(NAMESPACE, "dead_lettered")
        self.travellers = Metrics.counter(NAMESPACE, "travellers")

    def process(self, element: tuple[str, bytes]) -> Iterator[Any]:
        name, raw = element
        try:
            units = read_units(raw, name)
        except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the payload
            reason = f"{name}: EDIFACT reader failed with {type(exc).__name__}; payload kept for analysis"
            units = [FailedUnit(DeadLetter("edifact", reason, raw, MessageSource(file=name)))]
        self.messages_in.inc(len(units))
        for unit in units:
            result = unit.parse()
            if isinstance(result, DeadLetter):
                self.dead_lettered.inc()
                yield pvalue.TaggedOutput(DEAD_LETTER, result)
            else:
                self.parsed.inc()
                self.travellers.inc(len(result.travellers))
                yield result


class ParseMessages(beam.PTransform):
    """``PCollection[(name, bytes)]`` of raw payloads → parsed messages and dead letters.

    Returns a tuple ``(parsed, dead_letters)``: ``PCollection[Message]`` and
    ``PCollection[DeadLetter]``. A payload may hold several messages (several UNH…UNT, several
    interchanges); every one of them ends up in exactly one of the two outputs. Works on
    bounded and unbounded input alike.
    """

    def expand(self, payloads: beam.PCollection) -> tuple[beam.PCollection, beam.PCollection]:
        results = payloads | "Parse" >> beam.ParDo(_ParsePayloadFn()).with_outputs(DEAD_LETTER, main="parsed")
        return results.parsed, results[DEAD_LETTER]


class ReadPayloads(beam.PTransform):
    """``PBegin`` → ``PCollection[(path, bytes)]``: one element per file matching ``patterns``.

    Patterns are file paths or globs understood by Beam's file systems (local, gs://, …).
    """

    def __init__(self, patterns: list[str]) -> None:
        super().__init__()
        self.patterns = patterns

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        return (
            pbegin
            | "Patterns" >> beam.Create(self.patterns)
            | "Match" >> fileio.MatchAll()
            | "Open" >> fileio.ReadMatches()
            | "Read" >> beam.Map(_read_file)
        )


def _read_file(readable: fileio.ReadableFile) -> tuple[str, bytes]:
    return readable.metadata.path, readable.read()


def traveller_records(msg: Message) -> Iterator[dict[str, Any]]:
    """One output record per traveller: the traveller with its flight and message source."""
    flight = msg.primary_flight
    source = msg.source.to_json()
    flights = [f.to_json() for f in msg.flights]
    for t in msg.travellers:
        record = t.to_json()
        record["kind"] = msg.kind
        record["flight"] = flight.to_json() if flight is not None else None
        record["flights"] = flights
        record["source"] = source
        yield record


def to_json_line(record: Any) -> str:
    """A JSON Lines row: a ``to_json()`` object or a plain mapping, keys in a stable order."""
    obj = record.to_json() if hasattr(record, "to_json") else record
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


class WriteJsonLines(beam.PTransform):
    """``PCollection`` of ``to_json()`` objects or mappings → one JSON Lines file ``<path>.jsonl``."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def expand(self, records: beam.PCollection) -> beam.pvalue.PDone:
        return (
            records
            | "ToJson" >> beam.Map(to_json_line)
            | "Write" >> beam.io.WriteToText(self.path, file_name_suffix=".jsonl", shard_name_template="", num_shards=1)
        )
