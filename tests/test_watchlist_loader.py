"""Loading several lists from spec strings and directories, with per-list settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.watchlist.errors import WatchlistError
from pipeline.watchlist.loader import load_watchlist, load_watchlists, parse_spec

DATA = Path(__file__).parent / "data" / "watchlists"


def test_several_lists_each_with_its_own_settings() -> None:
    lists = load_watchlists([
        f"{DATA / 'national.yaml'}:name=NATIONAL,category=terrorism,severity=medium,threshold=0.8",
        f"{DATA / 'un_consolidated.xml'}:name=UN,severity=critical,threshold=0.9,skip_bad_rows=true",
        str(DATA / "persons.ftm.jsonl") + ":skip_bad_rows=yes",
    ])
    assert [(w.name, w.category, w.severity, w.threshold, w.skipped_rows) for w in lists] == [
        ("NATIONAL", "terrorism", "medium", 0.8, 0),
        ("UN", None, "critical", 0.9, 1),
        ("OpenSanctions", None, "high", None, 2),
    ]
    assert {e.list for e in lists[1].entries} == {"UN"}
    assert all(e.severity == "critical" for e in lists[1].entries)


@pytest.mark.parametrize(("name", "fmt"), [
    ("native.csv", "native"), ("targets.simple.csv", "opensanctions"),
    ("persons.ftm.jsonl", "ftm"), ("un_consolidated.xml", "un-xml"),
])
def test_format_is_detected_by_content_when_the_suffix_does_not_say(tmp_path: Path, name: str, fmt: str) -> None:
    plain = tmp_path / "list.txt"
    shutil.copy(DATA / name, plain)
    by_content = load_watchlist(plain, skip_bad_rows=True)
    by_name = load_watchlist(DATA / name, skip_bad_rows=True, fmt=fmt)
    assert by_content.entries == by_name.entries


def test_directory_loads_every_list_file_in_it(tmp_path: Path) -> None:
    for name in ("native.csv", "national.yaml", "un_consolidated.xml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "README.md").write_text("not a list")
    (tmp_path / ".hidden.csv").write_text("garbage")
    lists = load_watchlists([f"{tmp_path}:skip_bad_rows=true,threshold=0.75"])
    assert [Path(w.source).name for w in lists] == ["national.yaml", "native.csv", "un_consolidated.xml"]
    assert all(w.threshold == 0.75 for w in lists)


def test_spec_parsing() -> None:
    assert parse_spec("lists/un.xml").path == "lists/un.xml"
    spec = parse_spec("lists/un.xml:name=UN,severity=critical,threshold=0.9")
    assert (spec.path, spec.options) == ("lists/un.xml", {"name": "UN", "severity": "critical", "threshold": "0.9"})
    assert parse_spec("odd:dir/list.csv").path == "odd:dir/list.csv"  # not key=value: part of the path


@pytest.mark.parametrize(("suffix", "column", "expected"), [
    (":severity=severe", "severity", "low, medium, high or critical"),
    (":threshold=high", "threshold", "a score between 0 and 1"),
    (":threshold=1.5", "threshold", "a score between 0 and 1"),
    (":skip_bad_rows=maybe", "skip_bad_rows", "true or false"),
    (":format=pdf", "format", "one of native, yaml"),
    (":colour=red", None, "spec options among name, category"),
])
def test_bad_spec_options(suffix: str, column: str | None, expected: str) -> None:
    with pytest.raises(WatchlistError) as info:
        load_watchlists([str(DATA / "native.csv") + suffix])
    assert info.value.column == column and expected in str(info.value)


def test_missing_paths_and_named_directories_are_errors(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match="nowhere.csv: expected an existing watchlist file"):
        load_watchlists([str(tmp_path / "nowhere.csv")])
    with pytest.raises(WatchlistError, match="expected a directory holding list files"):
        load_watchlists([str(tmp_path)])
    with pytest.raises(WatchlistError, match="column 'name': expected a file path"):
        load_watchlists([f"{DATA}:name=X"])
