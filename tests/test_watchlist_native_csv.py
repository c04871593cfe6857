"""Native CSV watchlists: columns, cleaning, and every error class with file:line/column/expected."""

from __future__ import annotations

import csv
import gc
from pathlib import Path

import pytest

from pipeline.watchlist.errors import WatchlistError
from pipeline.watchlist.loader import load_watchlist
from pipeline.watchlist.model import ListedDocument, ListedName

DATA = Path(__file__).parent / "data" / "watchlists"


def write_csv(tmp_path: Path, rows: list[list[str]], name: str = "list.csv") -> Path:
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_native_csv_loads_expected_entries() -> None:
    wl = load_watchlist(DATA / "native.csv")
    assert [e.id for e in wl.entries] == ["NAT-0001", "NAT-0002", "NAT-0003", "NAT-0004"]
    assert wl.name == "native"  # two lists in one file: named after the file
    assert wl.skipped_rows == 0
    first = wl.entries[0]
    assert first.list == "National Watchlist"
    assert first.names == (
        ListedName("Oleksandr Petrovych KOVALENKO", "KOVALENKO", "Oleksandr Petrovych"),
        ListedName("Aleksandr Kovalenko"),
        ListedName("Sasha Kovalenko"),
    )
    assert first.severity == "critical" and first.category == "terrorism"
    assert first.dates_of_birth == ("1971-03-14", "1971")
    assert first.nationalities == ("UKR", "RUS")
    assert first.gender == "M"
    assert first.documents == (ListedDocument("FX482913", "P", "UKR"), ListedDocument("UA4419920", "ID", None))
    assert first.notes == 'Listed 2019; uses "Sasha"'
    second = wl.entries[1]
    assert second.names[0] == ListedName("Maria del Carmen Ortega Ruiz", "ORTEGA RUIZ", "Maria del Carmen")
    assert second.dates_of_birth == ("1984-11",)
    assert second.documents == (ListedDocument("X7731029"),)
    third = wl.entries[2]
    assert third.severity == "high"  # default
    assert third.gender == "M" and third.dates_of_birth == ("1965", "1966", "1967")
    fourth = wl.entries[3]
    assert fourth.list == "Interpol Notices"
    assert fourth.names == (ListedName("NAKAMURA", "NAKAMURA", None),)
    assert fourth.dates_of_birth == ("1990",)  # 00 month and day = unknown
    assert fourth.nationalities == ("DEU",)  # ICAO D
    assert fourth.gender is None  # U = unknown
    assert fourth.notes == "multi-line note"


def test_bad_rows_are_all_reported_with_line_column_and_expected_form() -> None:
    with pytest.raises(WatchlistError) as info:
        load_watchlist(DATA / "native_bad.csv")
    err = info.value
    text = str(err)
    f = str(DATA / "native_bad.csv")
    expected = [
        f"{f}:2: column 'date_of_birth': expected YYYY-MM-DD, YYYY-MM or YYYY, got '1971-13-02'",
        f"{f}:3: column 'severity': expected low, medium, high or critical, got 'severe'",
        f"{f}:4: column 'surname': expected a surname next to given_names",
        f"{f}:5: column 'date_of_birth': expected YYYY-MM-DD, YYYY-MM or YYYY, got '1975-02-30'",
        f"{f}:5: column 'nationality': expected an ISO 3166 alpha-3 or alpha-2 country code, got 'XYZ'",
        f"{f}:5: column 'gender': expected M, F, U or X, got 'Q'",
        f"{f}:5: column 'documents': expected NUMBER or TYPE:COUNTRY:NUMBER",
        f"{f}:7: column 'id': expected an id unique within list 'National Watchlist' (first on line 2), got 'BAD-1'",
        f"{f}:8: column 'id': expected a non-empty id",
        f"{f}:9: expected 10 fields as in the header, found 11",
    ]
    for line in expected:
        assert line in text
    assert len(err.issues) == len(expected)
    assert f"{f}: {len(expected)} errors; the list is not loaded" in text
    assert (err.file, err.line, err.column) == (f, 2, "date_of_birth")


def test_skip_bad_rows_loads_the_good_rows_and_counts_the_rest() -> None:
    wl = load_watchlist(DATA / "native_bad.csv", skip_bad_rows=True)
    # line 7 repeats the id of the bad row on line 2: still a duplicate, still skipped
    assert [e.id for e in wl.entries] == ["BAD-5"]
    assert wl.skipped_rows == 7
    assert wl.name == "National Watchlist"


def test_unknown_column_is_an_error_even_when_skipping_bad_rows() -> None:
    with pytest.raises(WatchlistError) as info:
        load_watchlist(DATA / "native_unknown_column.csv", skip_bad_rows=True)
    assert info.value.column == "passport"
    assert str(info.value).startswith(f"{DATA / 'native_unknown_column.csv'}:1: column 'passport': expected a known column (id, list,")


@pytest.mark.parametrize(("header", "column"), [
    (["list", "name"], "id"),
    (["id", "name"], "list"),
    (["id", "list", "given_names"], "name"),
])
def test_missing_required_column(tmp_path: Path, header: list[str], column: str) -> None:
    path = write_csv(tmp_path, [header])
    with pytest.raises(WatchlistError) as info:
        load_watchlist(path)
    assert info.value.column == column and info.value.line == 1


def test_duplicate_ids_are_rejected_within_a_list_but_not_across_lists(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["id", "list", "name"], ["A1", "L1", "Ann Lee"], ["A1", "L2", "Ann Lee"],
                                ["A1", "L1", "Anne Lee"]])
    with pytest.raises(WatchlistError) as info:
        load_watchlist(path)
    assert (info.value.line, info.value.column) == (4, "id")
    assert len(info.value.issues) == 1


def test_header_only_is_an_empty_list_and_empty_file_is_an_error(tmp_path: Path) -> None:
    assert load_watchlist(write_csv(tmp_path, [["id", "list", "name"]])).entries == ()
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(WatchlistError, match="empty.csv:1: expected a header row"):
        load_watchlist(empty)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"id,list,name\nA1,L,Ann Lee\nA2,L,J\xfcrgen Schmidt\n")
    with pytest.raises(WatchlistError, match=r"latin1.csv:3: expected UTF-8 text"):
        load_watchlist(path)


def test_settings_name_overrides_and_category_severity_are_defaults(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["id", "list", "name", "category", "severity"],
                                ["A1", "L1", "Ann Lee", "", ""], ["A2", "L1", "Bo Chen", "fraud", "low"]])
    wl = load_watchlist(path, name="Local", category="terrorism", severity="critical", threshold=0.85)
    assert (wl.name, wl.category, wl.severity, wl.threshold) == ("Local", "terrorism", "critical", 0.85)
    assert [(e.list, e.category, e.severity) for e in wl.entries] == [
        ("Local", "terrorism", "critical"), ("Local", "fraud", "low")]


def test_loading_leaves_the_garbage_collector_as_it_was() -> None:
    load_watchlist(DATA / "native.csv")
    assert gc.isenabled()
    gc.disable()
    try:
        load_watchlist(DATA / "native.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()
