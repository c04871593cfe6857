"""``ScreenAgainstWatchlists``: the Beam stage that screens every traveller of parsed messages.

The DoFn loads the lists and builds the index once per worker, in ``setup()``, from the list
specs (paths), never from a pickled index; each element then costs only candidate retrieval
and scoring (``pipeline.matching.matcher``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.metrics import Metrics

from pipeline.beam.transforms import NAMESPACE
from pipeline.matching.matcher import Hit, Matcher
from pipeline.model import DeadLetter, Message, Traveller
from pipeline.watchlist.loader import load_watchlists

SCREEN_DEAD_LETTER = "screen_dead_letter"


def hit_record(hit: Hit, traveller: Traveller, msg: Message) -> dict[str, Any]:
    """The ``out/hits.jsonl`` row: the hit with the traveller and the flight it was found on."""
    flight = msg.primary_flight
    record = hit.to_json()
    record["traveller"] = traveller.to_json()
    record["flight"] = flight.to_json() if flight is not None else None
    record["source"] = msg.source.to_json()
    return record


class _ScreenFn(beam.DoFn):
    """``Message`` → hit records (main output); a message that fails screening → ``DeadLetter``."""

    def __init__(self, specs: Sequence[str], threshold: float | None) -> None:
        self.specs = list(specs)
        self.threshold = threshold
        self.matcher: Matcher | None = None
        self.screened = Metrics.counter(NAMESPACE, "screened")
        self.hits = Metrics.counter(NAMESPACE, "hits")
        self.failed = Metrics.counter(NAMESPACE, "screen_failed")

    def setup(self) -> None:
        self.matcher = Matcher(load_watchlists(self.specs) if self.specs else [])  # lists and index frozen for GC

    def process(self, msg: Message) -> Iterator[Any]:
        assert self.matcher is not None
        try:
            records = [hit_record(h, t, msg) for t in msg.travellers for h in self.matcher.match(t, self.threshold)]
        except Exception as exc:  # noqa: BLE001 - one bad message must not stop the job
            self.failed.inc()
            reason = f"screening failed with {type(exc).__name__} (message {msg.source.message_ref or '?'})"
            raw = json.dumps(msg.to_json(), ensure_ascii=False).encode("utf-8")
            yield pvalue.TaggedOutput(SCREEN_DEAD_LETTER, DeadLetter("screen", reason, raw, msg.source))
            return
        self.screened.inc(len(msg.travellers))
        self.hits.inc(len(records))
        yield from records


class ScreenAgainstWatchlists(beam.PTransform):
    """``PCollection[Message]`` → ``(hits, dead_letters)``.

    ``hits`` holds ``hit_record`` dicts; ``dead_letters`` the messages whose screening failed.
    ``specs`` are watchlist specs for ``load_watchlists`` (an empty list screens against nothing).
    """

    def __init__(self, specs: Sequence[str], threshold: float | None = None) -> None:
        super().__init__()
        self.specs = list(specs)
        self.threshold = threshold

    def expand(self, messages: beam.PCollection) -> tuple[beam.PCollection, beam.PCollection]:
        results = messages | "Screen" >> beam.ParDo(_ScreenFn(self.specs, self.threshold)).with_outputs(
            SCREEN_DEAD_LETTER, main="hits")
        return results.hits, results[SCREEN_DEAD_LETTER]
