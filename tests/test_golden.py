"""Parser output equals the reviewed golden file of every fixture; a fixture without one fails.

Fixtures: ``fixtures/<subdir>/*.edi|*.xml``; goldens: ``tests/golden/<subdir>/<stem>.jsonl``,
written by ``tests/golden/regenerate.py`` and reviewed line by line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.golden.regenerate import ROOT, fixture_files, golden_path, render

FIXTURES = fixture_files()


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.as_posix())
def test_parser_output_equals_golden(fixture: Path) -> None:
    golden = ROOT / golden_path(fixture)
    assert golden.exists(), f"{fixture} has no golden file: run python tests/golden/regenerate.py {fixture} and review it"
    expected = [json.loads(line) for line in golden.read_text(encoding="utf-8").splitlines()]
    actual = [json.loads(line) for line in render(fixture).splitlines()]
    assert len(actual) == len(expected), "number of messages and dead letters"
    for i, (got, want) in enumerate(zip(actual, expected)):
        assert got == want, f"message {i} of {fixture}"


def test_golden_files_all_have_a_fixture() -> None:
    goldens = {p.relative_to(ROOT) for p in (ROOT / "tests/golden").glob("*/*.jsonl")}
    assert goldens == {golden_path(f) for f in FIXTURES}


def test_golden_equals_the_cli_output(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fixture = next(f for f in FIXTURES if f.name == "d05b_passenger_full.edi")
    monkeypatch.chdir(ROOT)
    assert main(["parse", "--json", fixture.as_posix()]) == 0
    assert capsys.readouterr().out == (ROOT / golden_path(fixture)).read_text(encoding="utf-8")
