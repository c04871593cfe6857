"""The command line: exit codes, JSON Lines form, conformance accounting, run's outputs."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from tests.paxlst_samples import paxlst_payload, unsupported_payload


def test_parse_json_prints_one_object_per_message_including_dead_letters(tmp_path, capsys) -> None:
    good = tmp_path / "good.edi"
    good.write_bytes(paxlst_payload("M1", ("ALPHA",)) + paxlst_payload("M2", ("BRAVO", "CHARLIE")))
    bad = tmp_path / "bad.edi"
    bad.write_bytes(unsupported_payload())
    assert main(["parse", "--json", str(good), str(bad)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [m["kind"] for m in lines] == ["api", "api", "dead_letter"]
    assert [len(m["travellers"]) for m in lines] == [1, 2, 0]
    assert lines[0]["source"]["function"] == "745" and lines[0]["source"]["version"] == "D:05B"
    assert lines[0]["source"]["part"] == 1 and lines[0]["source"]["final"] is True
    assert "unsupported message type 'CUSRES'" in lines[2]["reason"]
    for key in ("kind", "source", "flights", "travellers", "pnr", "warnings"):
        assert key in lines[0]


def test_parse_table_and_exit_code_for_missing_path(tmp_path, capsys) -> None:
    good = tmp_path / "good.edi"
    good.write_bytes(paxlst_payload())
    assert main(["parse", str(good)]) == 0
    assert "XY101" in capsys.readouterr().out
    assert main(["parse", str(tmp_path / "missing.edi")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_parse_reads_directories_and_globs(tmp_path, capsys) -> None:
    (tmp_path / "a.edi").write_bytes(paxlst_payload("M1"))
    (tmp_path / "b.edi").write_bytes(paxlst_payload("M2"))
    (tmp_path / "notes.md").write_text("not a message")
    assert main(["parse", "--json", str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["parse", "--json", str(tmp_path / "*.edi")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["parse", str(tmp_path / "*.nothing")]) == 2


def test_conformance_reports_each_file_and_fails_on_dead_letters(tmp_path, capsys) -> None:
    (tmp_path / "a.edi").write_bytes(paxlst_payload("M1", ("ALPHA", "BRAVO")))
    assert main(["conformance", "--json", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["file"], report["messages"], report["travellers"], report["ok"]) == ("a.edi", 1, 2, True)
    (tmp_path / "b.edi").write_bytes(b"garbage")
    assert main(["conformance", "--json", str(tmp_path)]) == 1
    reports = {r["file"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert reports["b.edi"]["ok"] is False and "no UNA or UNB" in reports["b.edi"]["dead_letters"][0]
    assert main(["conformance", str(tmp_path / "nowhere")]) == 2


def test_run_rejects_unknown_options_only_for_other_commands(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["parse", "--json", "--runner=FnApiRunner", "x.edi"])


def test_run_writes_out_directory(tmp_path) -> None:
    (tmp_path / "a.edi").write_bytes(paxlst_payload("M1", ("ALPHA", "BRAVO")))
    out = tmp_path / "out"
    assert main(["run", "--input", str(tmp_path / "a.edi"), "--out", str(out), "--runner=FnApiRunner"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert (summary["messages_in"], summary["parsed"], summary["dead_lettered"], summary["travellers"]) == (1, 1, 0, 2)
    assert main(["run", "--input", str(tmp_path / "missing"), "--out", str(out)]) == 2
