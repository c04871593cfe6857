"""EDIFACT writer: escaping, segment formatting and interchange control counts."""

from __future__ import annotations

from pipeline.edifact import DEFAULT, Separators, escape, format_segment, read_payload, write_interchange

CUSTOM = Separators(":", "*", ",", "!", "^", "$")


def test_escape_precedes_each_service_character_with_the_release_character() -> None:
    assert escape("O'BRIEN+SONS:?", DEFAULT) == "O?'BRIEN?+SONS?:??"
    assert escape("A B", DEFAULT) == "A B"  # the repetition separator is never escaped
    assert escape("12.5", DEFAULT) == "12.5"  # nor the decimal mark
    assert escape("A*B$C!D:E^F'G+H", CUSTOM) == "A!*B!$C!!D!:E^F'G+H"


def test_format_segment_drops_trailing_empty_elements_only() -> None:
    assert format_segment("NAD", ["FL", "", "", ["DOE", "JOHN"], "", ""]) == "NAD+FL+++DOE:JOHN'"
    assert format_segment("MEA", ["CT", "", ["", "3"]]) == "MEA+CT++:3'"
    assert format_segment("BGM", ["745", ""]) == "BGM+745'"
    assert format_segment("FTX", ["A", ["B", ""]], CUSTOM) == "FTX*A*B:$"


def test_interchange_control_counts_are_right() -> None:
    messages = [[("UNH", ["M1", ["PAXLST", "D", "05B", "UN", "IATA"]]), ("BGM", ["745"])],
                [("UNH", ["M2", ["PAXLST", "D", "05B", "UN", "IATA"]])]]
    text = write_interchange(messages, sender="S", recipient="R", interchange_ref="I1", sent=("260301", "0900"),
                             group=("PAXLST", "UN", "D:05B"))
    assert text.splitlines() == [
        "UNA:+.? '", "UNB+UNOA:4+S+R+260301:0900+I1'", "UNG+PAXLST+S+R+260301:0900+I1+UN+D:05B'",
        "UNH+M1+PAXLST:D:05B:UN:IATA'", "BGM+745'", "UNT+3+M1'",
        "UNH+M2+PAXLST:D:05B:UN:IATA'", "UNT+2+M2'",
        "UNE+2+I1'", "UNZ+1+I1'"]
    payload = read_payload(text.encode())
    assert [m.warnings for m in payload.messages] == [[], []]


def test_interchange_without_group_counts_messages_in_unz() -> None:
    text = write_interchange([[("UNH", ["M1", ["PAXLST"]])]], sender="S", recipient="R", interchange_ref="I1",
                             sent=("260301", "0900"), with_una=False, line_break="")
    assert text == "UNB+UNOA:4+S+R+260301:0900+I1'UNH+M1+PAXLST'UNT+2+M1'UNZ+1+I1'"
