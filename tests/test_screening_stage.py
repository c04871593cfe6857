"""Screening outside the matcher: ``prescreen match``, the Beam stage and ``prescreen run``."""

from __future__ import annotations

import json

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.beam.batch import RunConfig, run_batch
from pipeline.beam.screen import ScreenAgainstWatchlists
from pipeline.cli import main
from pipeline.model import Message, MessageSource, Traveller
from tests.paxlst_samples import paxlst_payload

RUNNER = ["--runner=FnApiRunner"]
LIST_CSV = (
    "id,list,surname,given_names,date_of_birth,nationality,documents\n"
    "w1,demo,ALPHA,SAM,1980-01-01,GBR,\n"
    "w2,demo,NOBODY,SOMEONE,1950,FRA,\n"
)


def write_list(tmp_path) -> str:
    path = tmp_path / "demo.csv"
    path.write_text(LIST_CSV, encoding="utf-8")
    return str(path)


def test_match_command_prints_hits_and_reports_bad_lines(tmp_path, capsys) -> None:
    wl = write_list(tmp_path)
    travellers = tmp_path / "t.jsonl"
    travellers.write_text(
        json.dumps(Traveller(id="a", surname="ALPHA", given_names="SAM", date_of_birth="1980-01-01").to_json()) + "\n"
        + "{not json\n"
        + json.dumps(Traveller(id="b", surname="ZULU", given_names="YANKEE").to_json()) + "\n",
        encoding="utf-8",
    )
    assert main(["match", "--watchlist", wl, "--travellers", str(travellers)]) == 1
    out, err = capsys.readouterr()
    hits = [json.loads(line) for line in out.splitlines()]
    assert [(h["traveller_id"], h["entry_id"], h["list"]) for h in hits] == [("a", "w1", "demo")]
    assert set(hits[0]) >= {"traveller_id", "entry_id", "list", "score", "features", "explanation"}
    assert f"{travellers}:2: expected a JSON object" in err


def test_match_command_threshold_top_and_bad_list(tmp_path, capsys) -> None:
    wl = write_list(tmp_path)
    travellers = tmp_path / "t.jsonl"
    travellers.write_text(json.dumps({"id": "a", "surname": "ALPHA", "given_names": "SAM"}) + "\n", encoding="utf-8")
    assert main(["match", "--watchlist", wl, "--travellers", str(travellers), "--threshold", "0.0",
                 "--top", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("id,list,colour\nx,y,red\n", encoding="utf-8")
    assert main(["match", "--watchlist", str(bad), "--travellers", str(travellers)]) == 2
    assert str(bad) in capsys.readouterr().err


def message(*travellers: Traveller) -> Message:
    return Message(kind="api", source=MessageSource(file="m.edi", message_ref="M1"), travellers=travellers)


def test_screen_transform_loads_lists_in_setup_and_emits_hits(tmp_path) -> None:
    wl = write_list(tmp_path)
    msgs = [
        message(Traveller(id="a", surname="ALPHA", given_names="SAM", date_of_birth="1980-01-01"),
                Traveller(id="b", surname="ZULU", given_names="YANKEE")),
        message(Traveller(id="c", surname="NOBODY", given_names="SOMEONE", date_of_birth="1950-06-01")),
    ]
    with TestPipeline(options=PipelineOptions(RUNNER)) as p:
        hits, failed = p | beam.Create(msgs) | ScreenAgainstWatchlists([wl])
        assert_that(hits | beam.Map(lambda r: (r["traveller"]["id"], r["entry_id"])),
                    equal_to([("a", "w1"), ("c", "w2")]), label="hits")
        assert_that(failed, equal_to([]), label="failed")


def test_run_writes_hits_and_counts_them(tmp_path) -> None:
    wl = write_list(tmp_path)
    src = tmp_path / "in.edi"
    src.write_bytes(paxlst_payload("M1", ("ALPHA", "BRAVO")))
    out = tmp_path / "out"
    summary = run_batch(RunConfig(inputs=(str(src),), out_dir=str(out), watchlists=(wl,)), RUNNER)
    assert summary.hits == 1 and summary.travellers == 2
    rows = [json.loads(line) for line in (out / "hits.jsonl").read_text().splitlines()]
    assert [r["entry_id"] for r in rows] == ["w1"]
    assert rows[0]["traveller"]["surname"] == "ALPHA" and rows[0]["flight"]["number"] == "101"
    saved = json.loads((out / "summary.json").read_text())
    assert saved["hits"] == 1 and saved["messages_in"] == 1


def test_run_without_watchlists_screens_nothing(tmp_path, monkeypatch, capsys) -> None:
    src = tmp_path / "in.edi"
    src.write_bytes(paxlst_payload("M1", ("ALPHA",)))
    monkeypatch.chdir(tmp_path)
    assert main(["run", "--input", str(src), "--out", "out", "--runner=FnApiRunner"]) == 0
    assert "screening skipped" in capsys.readouterr().err
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["hits"] == 0
    assert (tmp_path / "out" / "hits.jsonl").read_text() == ""
