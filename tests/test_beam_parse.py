"""ParseMessages and the batch job, run on Beam's in-process runner."""

from __future__ import annotations

import json
import os

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.beam.batch import InvariantError, RunConfig, Summary, check_invariant, run_batch
from pipeline.beam.transforms import ParseMessages, traveller_records
from tests.paxlst_samples import paxlst_payload, unsupported_payload

RUNNER = ["--runner=FnApiRunner"]


def test_parse_messages_routes_parsed_and_dead_letters() -> None:
    payloads = [
        ("a.edi", paxlst_payload("M1", ("ALPHA", "BRAVO"))),
        ("b.edi", paxlst_payload("M2", ("CHARLIE",)) + paxlst_payload("M3", ("DELTA",))),  # two interchanges
        ("garbage.edi", b"this is not EDIFACT at all"),
        ("cusres.edi", unsupported_payload()),
    ]
    with TestPipeline(options=PipelineOptions(RUNNER)) as p:
        parsed, dead = p | beam.Create(payloads) | ParseMessages()
        assert_that(
            parsed | "Refs" >> beam.Map(lambda m: (m.source.file, m.source.message_ref, len(m.travellers))),
            equal_to([("a.edi", "M1", 2), ("b.edi", "M2", 1), ("b.edi", "M3", 1)]),
            label="parsed",
        )
        assert_that(
            dead | "Stages" >> beam.Map(lambda d: (d.source.file, d.stage, d.raw != b"")),
            equal_to([("garbage.edi", "edifact", True), ("cusres.edi", "route", True)]),
            label="dead letters",
        )
        assert_that(
            dead | "Reasons" >> beam.Map(lambda d: "unsupported message type 'CUSRES'" in d.reason
                                         or "no UNA or UNB" in d.reason),
            equal_to([True, True]),
            label="reasons",
        )


def test_traveller_records_carry_flight_and_source() -> None:
    with TestPipeline(options=PipelineOptions(RUNNER)) as p:
        parsed, _ = p | beam.Create([("a.edi", paxlst_payload("M1", ("ALPHA",)))]) | ParseMessages()
        records = parsed | beam.FlatMap(traveller_records)
        assert_that(
            records | beam.Map(lambda r: (r["surname"], r["flight"]["carrier"], r["flight"]["number"],
                                          r["source"]["message_ref"], r["kind"])),
            equal_to([("ALPHA", "XY", "101", "M1", "api")]),
        )


def test_batch_job_writes_outputs_and_summary(tmp_path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.edi").write_bytes(paxlst_payload("M1", ("ALPHA", "BRAVO")))
    (inbox / "junk.edi").write_bytes(b"\x00\x01 garbage")
    out = tmp_path / "out"
    summary = run_batch(RunConfig(inputs=(str(inbox / "a.edi"), str(inbox / "junk.edi")), out_dir=str(out)), RUNNER)
    assert (summary.messages_in, summary.parsed, summary.dead_lettered, summary.travellers) == (2, 1, 1, 2)
    written = json.loads((out / "summary.json").read_text())
    for key in ("messages_in", "parsed", "dead_lettered", "travellers", "elapsed_s"):
        assert key in written
    assert written["messages_in"] == written["parsed"] + written["dead_lettered"]
    travellers = [json.loads(line) for line in (out / "travellers.jsonl").read_text().splitlines()]
    assert sorted(t["surname"] for t in travellers) == ["ALPHA", "BRAVO"]
    dead = [json.loads(line) for line in (out / "deadletter" / "dead_letters.jsonl").read_text().splitlines()]
    assert len(dead) == 1 and dead[0]["kind"] == "dead_letter" and dead[0]["source"]["file"].endswith("junk.edi")
    assert os.path.isdir(out / "deadletter")


def test_invariant_check_rejects_lost_messages() -> None:
    check_invariant(Summary(messages_in=3, parsed=2, dead_lettered=1))
    with pytest.raises(InvariantError, match=r"messages_in \(3\) != parsed \(2\) \+ dead_lettered \(0\)"):
        check_invariant(Summary(messages_in=3, parsed=2, dead_lettered=0))
