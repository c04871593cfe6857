"""Same seed → byte-identical output, whatever the number of worker processes; another seed differs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.synth.generate import GenerateConfig, OutputError, generate


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


CONFIG = GenerateConfig(flights=6, seed=5, max_seats=30, listed_rate=0.05, quirk_rate=0.3, garbage_rate=0.3,
                        risk_rate=0.2, watchlist_size=50)


def test_same_seed_gives_byte_identical_output_with_any_worker_count(tmp_path: Path) -> None:
    generate(CONFIG, tmp_path / "a")
    generate(CONFIG, tmp_path / "b", workers=2)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(a) > 30 and a == b


def test_another_seed_gives_other_traffic(tmp_path: Path) -> None:
    generate(CONFIG, tmp_path / "a")
    generate(replace(CONFIG, seed=6), tmp_path / "b")
    assert _files(tmp_path / "a")["truth.jsonl"] != _files(tmp_path / "b")["truth.jsonl"]


def test_manifest_counts_what_was_written(tmp_path: Path) -> None:
    summary = generate(CONFIG, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 5 and manifest["parameters"]["flights"] == 6
    assert manifest["counts"]["travellers"] == summary.travellers > 0
    files = _files(tmp_path)
    assert sum(1 for f in files if f.startswith("api/")) == summary.api_files + summary.garbage_files
    assert sum(1 for f in files if f.startswith("pnr/")) == summary.pnr_files
    truth = [json.loads(line) for line in files["truth.jsonl"].decode().splitlines()]
    assert {t["type"]: sum(1 for x in truth if x["type"] == t["type"]) for t in truth} == manifest["counts"]["truth"]


def test_output_folder_is_never_clobbered(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="not empty"):
        generate(CONFIG, tmp_path)
    with pytest.raises(OutputError, match="no manifest.json"):
        generate(CONFIG, tmp_path, overwrite=True)
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_overwrite_replaces_only_a_previous_generation(tmp_path: Path) -> None:
    generate(CONFIG, tmp_path)
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    generate(GenerateConfig(flights=1, seed=1, max_seats=10, watchlist_size=5), tmp_path, overwrite=True)
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["counts"]["flights"] == 1
    assert len(list((tmp_path / "api").iterdir())) == 1
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_cli_generates_and_reports_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    assert main(["fixtures", "generate", "--flights", "2", "--seed", "3", "--max-seats", "20",
                 "--watchlist-size", "10", "--out", str(out)]) == 0
    assert "2 flights" in capsys.readouterr().err
    assert (out / "manifest.json").is_file() and (out / "watchlists" / "synthetic.csv").is_file()
    assert main(["fixtures", "generate", "--flights", "2", "--out", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["fixtures", "generate", "--flights", "1", "--first-day", "2026-02-30", "--out",
                 str(tmp_path / "x")]) == 2
    assert "--first-day" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["fixtures", "generate", "--flights", "1", "--quirk-rate", "2", "--out", str(tmp_path / "y")])
