"""The PAXLST writer: options, envelope and the helpers that invert the parser's normalisers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.edifact import Separators, format_segment, read_payload, write_interchange
from pipeline.model import Flight, Message, MessageSource, TravelDocument, Traveller
from pipeline.paxlst import parse_paxlst
from pipeline.paxlst.bags import expand_bag_tags
from pipeline.paxlst.writer import bag_tag_runs, edifact_datetime, envelope_sent, paxlst_segments, write_paxlst

SOURCE = MessageSource(interchange_ref="IC7", message_ref="M7", sender="XY", recipient="GOV", version="D:05B",
                       sent_at="2026-03-01T09:00", function="745", message_type="PAXLST")
MESSAGE = Message(
    kind="api",
    source=SOURCE,
    flights=(Flight("XY", "101", "LHR", "JFK", "2026-03-01T10:30", "2026-03-01T13:45"),),
    travellers=(
        Traveller(role="passenger", surname="O'BRIEN", given_names="ANN MARIE", date_of_birth="1957-01-21",
                  documents=(TravelDocument("P", "X1", "IRL", "2031-01-01"),), pnr_locator="ABC123",
                  references=(("AVF", "ABC123"),)),
        Traveller(role="crew", surname="ROE", given_names="RICK", crew_function="CR1"),
    ),
    primary_leg=0,
)


def roundtrip(text: str) -> Message:
    [raw] = read_payload(text.encode("utf-8")).messages
    return parse_paxlst(raw)


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_a_complete_interchange_in_segment_order() -> None:
    text = write_paxlst(MESSAGE)
    assert [line[:3] for line in lines(text)] == [
        "UNA", "UNB", "UNG", "UNH", "BGM", "NAD", "TDT", "LOC", "DTM", "LOC", "DTM",
        "NAD", "DTM", "RFF", "DOC", "DTM", "LOC", "NAD", "EMP", "CNT", "CNT", "UNT", "UNE", "UNZ"]
    assert "NAD+FL+++O?'BRIEN:ANN:MARIE'" in lines(text)
    assert "UNH+M7+PAXLST:D:05B:UN:IATA'" in lines(text)
    assert "UNT+19+M7'" in lines(text)
    assert lines(text)[-2:] == ["UNE+1+IC7'", "UNZ+1+IC7'"]
    assert ["CNT+42:1'", "CNT+41:1'"] == [line for line in lines(text) if line.startswith("CNT")]
    assert roundtrip(text).warnings == ()


@pytest.mark.parametrize(
    ("part", "final", "s010"), [(1, False, "+01:C'"), (2, None, "+02'"), (10, True, "+10:F'")]
)
def test_multi_part_status_in_unh(part: int, final: bool | None, s010: str) -> None:
    text = write_paxlst(MESSAGE, part=part, final=final, common_access_ref="XY101/010326/1030")
    assert f"UNH+M7+PAXLST:D:05B:UN:IATA+XY101/010326/1030{s010}" in lines(text)
    source = roundtrip(text).source
    assert (source.part, source.final, source.common_access_ref) == (part, final, "XY101/010326/1030")


@pytest.mark.parametrize("function", ["745:CP", "745:XR", "250:C", "266:CLNB"])
def test_function_code_in_bgm(function: str) -> None:
    text = write_paxlst(MESSAGE, function=function)
    assert format_segment("BGM", function.split(":")).rstrip("\n") in lines(text)
    assert roundtrip(text).source.function == function


def test_version_without_group_and_on_one_line() -> None:
    text = write_paxlst(MESSAGE, version="D:02B", group=False, with_una=False, line_break="")
    assert "\n" not in text and text.startswith("UNB+") and "UNG" not in text
    assert "PAXLST:D:02B:UN:IATA" in text
    assert roundtrip(text).source.version == "D:02B"


def test_custom_separators_and_decimal_mark() -> None:
    seps = Separators(":", "*", ",", "!", " ", "$")
    message = replace(MESSAGE, travellers=(replace(MESSAGE.travellers[0], bag_weight_kg=18.5),))
    text = write_paxlst(message, seps=seps)
    assert text.startswith("UNA:*,! $")
    assert "MEA*WT**KGM:18,5$" in lines(text)
    assert roundtrip(text).travellers[0].bag_weight_kg == 18.5


def test_counts_can_be_given_for_a_part_of_a_longer_list() -> None:
    text = write_paxlst(MESSAGE, counts={"42": 260})
    assert [line for line in lines(text) if line.startswith("CNT")] == ["CNT+42:260'"]


def test_reporting_leg_uses_loc_125_87_and_other_legs_loc_92() -> None:
    legs = (Flight("XY", "1", "CDG", "LHR"), Flight("XY", "2", "LHR", "JFK", final_destination="BOS"))
    text = write_paxlst(replace(MESSAGE, flights=legs, primary_leg=1))
    assert [line for line in lines(text) if line.startswith("LOC")][:5] == [
        "LOC+92+CDG'", "LOC+92+LHR'", "LOC+125+LHR'", "LOC+87+JFK'", "LOC+130+BOS'"]
    parsed = roundtrip(text)
    assert (parsed.flights, parsed.primary_leg) == (legs, 1)


def test_two_digit_years_parse_back_when_the_century_is_clear() -> None:
    text = write_paxlst(MESSAGE, two_digit_years=True)
    assert "DTM+329:570121'" in lines(text) and "DTM+189:2603011030:201'" in lines(text)
    parsed = roundtrip(text)
    assert parsed.travellers[0].date_of_birth == "1957-01-21"
    assert parsed.flights == MESSAGE.flights


def test_paxlst_segments_build_multi_message_interchanges() -> None:
    second = replace(MESSAGE, source=replace(SOURCE, message_ref="M8"))
    text = write_interchange([paxlst_segments(MESSAGE), paxlst_segments(second)], sender="XY", recipient="GOV",
                             interchange_ref="IC9", sent=("260301", "0900"))
    messages = read_payload(text.encode()).messages
    assert [parse_paxlst(m).source.message_ref for m in messages] == ["M7", "M8"]
    assert all(m.warnings == [] for m in messages)


@pytest.mark.parametrize(
    ("iso", "short", "expected"),
    [
        ("2026-01-15T10:30", False, ("202601151030", "203")),
        ("2026-01-15", False, ("20260115", "102")),
        ("1980-05", False, ("19800500", "102")),
        ("1980", False, ("19800000", "102")),
        ("2026-01-15T10:30", True, ("2601151030", "201")),
        ("1980-05-02", True, ("800502", "")),
    ],
)
def test_edifact_datetime(iso: str, short: bool, expected: tuple[str, str]) -> None:
    assert edifact_datetime(iso, short) == expected


def test_envelope_sent() -> None:
    assert envelope_sent("2026-03-01T09:05") == ("260301", "0905")
    assert envelope_sent(None) == ("000101", "0000")


@pytest.mark.parametrize(
    "tags",
    [(), ("A1",), ("XY000998", "XY000999", "XY001000"), ("XY9", "XY10"), ("AB", "AB"), ("X1", "X3", "X4"),
     tuple(f"T{i:03d}" for i in range(150))],
)
def test_bag_tag_runs_invert_expand_bag_tags(tags: tuple[str, ...]) -> None:
    runs = bag_tag_runs(tags)
    assert all(count <= 99 for _, count in runs)
    assert [t for first, count in runs for t in expand_bag_tags(first, str(count))] == list(tags)


@pytest.mark.parametrize(("version", "expected"), [(None, "D:05B"), ("16B", "D:16B"), ("D:02B", "D:02B")])
def test_version_is_written_as_a_un_directory(version: str | None, expected: str) -> None:
    text = write_paxlst(replace(MESSAGE, source=replace(SOURCE, version=None)), version=version)
    assert f"PAXLST:{expected}:UN:IATA" in text and f"+UN+{expected}'" in text
    assert roundtrip(text).source.version == expected
