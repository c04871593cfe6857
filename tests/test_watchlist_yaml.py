"""YAML watchlists: native fields as keys, values as written, errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.watchlist.errors import WatchlistError
from pipeline.watchlist.loader import load_watchlist
from pipeline.watchlist.model import ListedDocument, ListedName

DATA = Path(__file__).parent / "data" / "watchlists"


def test_yaml_list_loads_entries_and_its_settings() -> None:
    wl = load_watchlist(DATA / "national.yaml")
    assert (wl.name, wl.category, wl.severity, wl.threshold) == ("National Watchlist", "terrorism", "high", 0.88)
    a, b, c = wl.entries
    assert a.id == "Y-001" and a.list == "National Watchlist" and a.category == "terrorism"
    assert a.names[0] == ListedName("Oleksandr Petrovych KOVALENKO", "KOVALENKO", "Oleksandr Petrovych")
    assert [n.full for n in a.names[1:]] == ["Aleksandr Kovalenko", "Sasha Kovalenko"]
    assert a.dates_of_birth == ("1971-03-14",) and a.nationalities == ("UKR", "RUS")
    assert a.documents == (ListedDocument("FX482913", "P", "UKR"), ListedDocument("UA4419920", "ID", None))
    assert [n.full for n in b.names] == ["Maria del Carmen Ortega Ruiz", "Mari Ortega", "Carmen Ortega"]
    assert (b.severity, b.category, b.dates_of_birth) == ("critical", "fraud", ("1984-11", "1985"))
    # NO stays Norway (no YAML 1.1 boolean), 1990 stays a year
    assert c.nationalities == ("NOR",) and c.dates_of_birth == ("1990",)


def test_caller_settings_win_over_the_file() -> None:
    wl = load_watchlist(DATA / "national.yaml", name="Local", severity="low", threshold=0.7)
    assert (wl.name, wl.severity, wl.threshold) == ("Local", "low", 0.7)
    assert {e.list for e in wl.entries} == {"Local"}
    assert wl.entries[0].severity == "low" and wl.entries[1].severity == "critical"


def test_yaml_errors_carry_lines_and_all_are_reported() -> None:
    f = str(DATA / "national_bad.yaml")
    with pytest.raises(WatchlistError) as info:
        load_watchlist(f)
    text = str(info.value)
    assert f"{f}:3: column 'date_of_birth': expected YYYY-MM-DD, YYYY-MM or YYYY, got '1971-13-02'" in text
    assert f"{f}:8: column 'passport': expected a key among id, list," in text
    assert f"{f}:12: column 'gender': expected each key once (first on line 11)" in text
    assert f"{f}:16: column 'id': expected an id unique within list 'National Watchlist' (first on line 3)" in text
    assert len(info.value.issues) == 4
    wl = load_watchlist(f, skip_bad_rows=True)
    assert [e.id for e in wl.entries] == ["Y-104"] and wl.skipped_rows == 4


def test_aliases_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match=r"alias_bomb.yaml:3: expected well-formed YAML \(aliases"):
        load_watchlist(DATA / "alias_bomb.yaml")


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("name: X\n", 1, "a key 'entries:'"),
    ("entries:\n  - id: A\n    name: x: y\n", 3, "well-formed YAML (mapping values are not allowed here)"),
    ("entries: 3\n", 1, "a sequence of entries"),
    ("threshold: high\nentries: []\n", 1, "a score between 0 and 1"),
    ("colour: red\nentries: []\n", 1, "a key among name, category"),
    ("- a\n- b\n", 1, "the list as a mapping"),
])
def test_bad_list_structure_is_fatal(tmp_path: Path, text: str, line: int, expected: str) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(text)
    with pytest.raises(WatchlistError) as info:
        load_watchlist(path, skip_bad_rows=True)
    assert info.value.line == line
    assert expected in str(info.value)
