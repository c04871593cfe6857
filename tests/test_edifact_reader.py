"""EDIFACT reader edge cases on tiny inline payloads: tokenizer, service string, envelope."""

from __future__ import annotations

import pytest

from pipeline.edifact import DEFAULT, Separators, read_payload, tokenize

UNB = "UNB+UNOA:4+SND+RCV+260101:1200+IC1'"
UNZ = "UNZ+1+IC1'"


def one(text: str | bytes, file: str | None = "t.edi"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    payload = read_payload(raw, file)
    assert not payload.failures
    [msg] = payload.messages
    return msg


def body(msg) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
    return [(s.tag, s.elements) for s in msg.segments[1:-1]]


def message(*segments: str, unt: str | None = None) -> str:
    count = len(segments) + 2
    return "UNH+M1+PAXLST:D:05B:UN:IATA'" + "".join(segments) + (unt or f"UNT+{count}+M1'")


# --- tokenizer --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("NAD+FL+++O?'BRIEN:ANN'", (("FL",), ("",), ("",), ("O'BRIEN", "ANN"))),
        ("FTX+A?+B?:C'", (("A+B:C",),)),
        ("FTX+SMITH??'", (("SMITH?",),)),  # an escaped release character, then a real terminator
        ("FTX+X???''", (("X?'",),)),
        ("FTX+A B*C'", (("A B*C",),)),  # never split on the repetition separator
        ("FTX+::+'", (("", "", ""), ("",))),
    ],
)
def test_release_character_escapes_exactly_the_next_character(segment: str, expected: tuple) -> None:
    msg = one(UNB + message(segment) + UNZ)
    assert body(msg) == [("FTX" if segment.startswith("FTX") else "NAD", expected)]
    assert msg.warnings == []


def test_custom_una_separators_are_honoured() -> None:
    text = "UNA|~,!^#UNB~UNOA|4~S~R~260101|1200~IC1#UNH~M1~PAXLST|D|05B|UN|IATA#FTX~A+B:C'D!~E!#F!!#UNT~3~M1#UNZ~1~IC1#"
    msg = one(text)
    assert msg.envelope.separators == Separators("|", "~", ",", "!", "^", "#")
    assert body(msg) == [("FTX", (("A+B:C'D~E#F!",),))]
    assert msg.warnings == []


def test_lowercase_tags_are_upper_cased_and_values_kept() -> None:
    msg = one("unb+unoa:4+snd+rcv+260101:1200+ic1'unh+m1+paxlst:d:05b:un:iata'nad+fl+++doe'unt+3+m1'unz+1+ic1'")
    assert [s.tag for s in msg.segments] == ["UNH", "NAD", "UNT"]
    assert msg.message_type == "PAXLST"
    assert msg.version == "D:05B"
    assert msg.segments[1].elements[3] == ("doe",)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_breaks_are_removed_even_inside_tokens(newline: str) -> None:
    text = newline.join([UNB, "UNH+M1+PAXLST:D:05B:UN:IATA'", "NAD+FL+++KOWAL", "SKA:EWA'", "UNT+3+M1'", UNZ])
    msg = one(text)
    assert body(msg) == [("NAD", (("FL",), ("",), ("",), ("KOWALSKA", "EWA")))]
    assert msg.lines.line(msg.segments[1].offset) == 3


def test_indentation_and_blank_lines_before_tags_are_ignored() -> None:
    msg = one(UNB + "\n\n   UNH+M1+PAXLST:D:05B:UN:IATA'\n\t NAD+FL+++DOE'\n  UNT+3+M1'\n" + UNZ)
    assert [s.tag for s in msg.segments] == ["UNH", "NAD", "UNT"]


def test_tag_with_a_space_is_trimmed() -> None:
    tokens = tokenize("UNG *PAXLST*A$", Separators(":", "*", ".", "?", " ", "$"))
    assert tokens.segments[0].tag == "UNG"


def test_piece_that_is_not_a_segment_is_skipped_with_its_number_only() -> None:
    msg = one(UNB + message("NAD+FL+++O'NEILL:SEAN'", unt="UNT+3+M1'") + UNZ)
    assert [s.tag for s in msg.segments] == ["UNH", "NAD", "UNT"]
    [warning] = msg.warnings
    assert "segment 4" in warning and "NEILL" not in warning and "SEAN" not in warning


def test_release_character_as_the_very_last_character_is_kept() -> None:
    msg = read_payload((UNB + "UNH+M1+PAXLST:D:05B:UN:IATA'FTX+X?").encode()).messages[0]
    assert msg.segments[-1].elements == (("X?",),)


# --- service string advice (UNA) --------------------------------------------------------------

def test_no_una_means_default_separators() -> None:
    assert one(UNB + message() + UNZ).envelope.separators == DEFAULT


def test_una_with_five_characters_is_detected_and_defaults_used() -> None:
    msg = one("UNA:+?'\n" + UNB + message("FTX+A'") + UNZ)
    assert msg.envelope.separators == DEFAULT
    assert body(msg) == [("FTX", (("A",),))]
    assert msg.warnings == ["UNA declares 4 service characters instead of six; ignored it and used separators "
                            "observed in the envelope (UNA:+.? ')"]


def test_una_whose_terminator_never_occurs_falls_back_to_what_the_envelope_shows() -> None:
    msg = one("UNA:+.? !" + UNB + message("FTX+A'") + UNZ)
    assert msg.envelope.separators == DEFAULT
    assert body(msg) == [("FTX", (("A",),))]
    assert "segment terminator that never occurs" in msg.warnings[0]


def test_una_with_duplicate_characters_is_rejected() -> None:
    msg = one("UNA::.? '" + UNB + message() + UNZ)
    assert "same character for two roles" in msg.warnings[0]


def test_broken_una_with_custom_terminator_infers_it_from_the_envelope() -> None:
    text = "UNA:+.?$\nUNB+UNOA:4+S+R+260101:1200+IC1$UNH+M1+PAXLST:D:05B:UN:IATA$FTX+A$UNT+3+M1$UNZ+1+IC1$"
    msg = one(text)
    assert msg.envelope.separators.terminator == "$"
    assert body(msg) == [("FTX", (("A",),))]


# --- payload and envelope ---------------------------------------------------------------------

def test_text_before_the_interchange_is_a_transport_header() -> None:
    msg = one(b"\x01QU GOVXXXX\r\n.ABCDEF 010101\r\n\x02UNA:+.? '" + (UNB + message() + UNZ).encode() + b"\x03")
    assert msg.warnings == ["ignored 26 characters before the interchange (transport header)"]


def test_several_interchanges_each_with_its_own_una() -> None:
    first = "UNA:+.? '" + UNB + message("FTX+A'") + UNZ
    second = "UNA:*.? $UNB*UNOA:4*S*R*260101:1200*IC2$UNH*M2*PAXLST:D:05B:UN:IATA$FTX*B+C$UNT*3*M2$UNZ*1*IC2$"
    payload = read_payload((first + "\n" + second).encode())
    assert [m.envelope.interchange_ref for m in payload.messages] == ["IC1", "IC2"]
    assert [body(m) for m in payload.messages] == [[("FTX", (("A",),))], [("FTX", (("B+C",),))]]
    assert [m.index for m in payload.messages] == [0, 1]


def test_junk_after_unz_is_a_warning() -> None:
    msg = one(UNB + message() + UNZ + "\n13Nov09")
    assert msg.warnings == ["ignored 7 characters after the interchange trailer"]


def test_missing_final_terminator_is_accepted() -> None:
    msg = one(UNB + message() + "UNZ+1+IC1")
    assert msg.warnings == ["last segment has no terminator"]
    assert msg.envelope.interchange_ref == "IC1"


@pytest.mark.parametrize(
    ("trailer", "warning"),
    [
        ("UNT+9+M1'", "segment 4: UNT counts 9 segments, message has 3"),
        ("UNT+3+M2'", "segment 4: UNT reference differs from UNH reference"),
        ("UNT+3'", "segment 4: UNT has no message reference"),
        ("UNT++M1'", "segment 4: UNT has no segment count (expected 3)"),
    ],
)
def test_wrong_unt_is_a_warning(trailer: str, warning: str) -> None:
    msg = one(UNB + message("FTX+A'", unt=trailer) + UNZ)
    assert msg.warnings == [warning]


def test_wrong_une_and_unz_counts_and_references_are_warnings() -> None:
    text = UNB + "UNG+PAXLST+S+R+260101:1200+G1+UN+D:05B'" + message() + "UNE+2+G9'UNZ+3+IC9'"
    msg = one(text)
    assert msg.envelope.group_version == "D:05B"
    assert msg.warnings == [
        "segment 5: UNE counts 2, found 1",
        "segment 5: UNE reference differs from UNG reference",
        "segment 6: UNZ counts 3, found 1",
        "segment 6: UNZ reference differs from UNB reference",
    ]


def test_unz_reference_ignores_blanks_from_line_wraps() -> None:
    assert one(UNB + message() + "UNZ+1+I C1'").warnings == []


def test_segments_outside_messages_are_reported_and_ignored() -> None:
    msg = one(UNB + "FTX+LOST'" + message() + "FTX+AFTER'" + UNZ)
    assert msg.warnings == ["segment 2 (FTX): outside any message; ignored",
                            "segment 5 (FTX): outside any message; ignored"]


def test_truncated_messages_are_kept_with_a_warning() -> None:
    payload = read_payload((UNB + "UNH+M1+PAXLST:D:05B:UN:IATA'FTX+A'UNH+M2+PAXLST:D:05B:UN:IATA'FTX+B'").encode())
    first, second = payload.messages
    assert [s.tag for s in first.segments] == ["UNH", "FTX"]
    assert "segment 3: message ends at the next UNH without UNT (truncated?)" in first.warnings
    assert "segment 5: message ends at the end of the interchange without UNT (truncated?)" in second.warnings
    assert "interchange has no UNZ trailer" in second.warnings


def test_interchange_without_message_is_a_failure() -> None:
    payload = read_payload((UNB + UNZ).encode(), "e.edi")
    assert payload.messages == []
    [failure] = payload.failures
    assert failure.reason == "interchange holds no message (no UNH segment)"
    assert failure.raw == (UNB + UNZ).encode()


def test_no_interchange_at_all_is_a_failure_keeping_every_byte() -> None:
    raw = b"nothing to see\n"
    payload = read_payload(raw)
    assert payload.failures[0].raw == raw
    assert payload.failures[0].reason == "no EDIFACT interchange: no UNA or UNB segment found"


@pytest.mark.parametrize(("raw", "encoding"), [(b"GR\xc9GOIRE", "cp1252"), (b"GR\x81GOIRE", "latin-1")])
def test_8_bit_bytes_are_decoded_with_a_fallback_and_raw_bytes_kept(raw: bytes, encoding: str) -> None:
    payload = (UNB + "UNH+M1+PAXLST:D:05B:UN:IATA'NAD+FL+++").encode() + raw + b"'UNT+3+M1'" + UNZ.encode()
    msg = one(payload)
    assert msg.warnings == [f"payload is not valid UTF-8; decoded as {encoding}"]
    assert raw in msg.raw()
    assert msg.raw() == payload[payload.index(b"UNH") : payload.index(b"UNZ")]


def test_utf8_byte_order_mark_is_dropped() -> None:
    msg = one(b"\xef\xbb\xbf" + (UNB + message() + UNZ).encode())
    assert msg.warnings == []


def test_where_names_file_line_and_segment_number() -> None:
    msg = one("\n".join([UNB, "UNH+M1+PAXLST:D:05B:UN:IATA'", "FTX+A'", "UNT+3+M1'", UNZ]), "in/a.edi")
    assert msg.where(msg.segments[1]) == "in/a.edi:3, segment 3 (FTX)"


def test_version_falls_back_to_the_group_header() -> None:
    msg = one(UNB + "UNG+PAXLST+S+R+260101:1200+G1+UN+D:02B'UNH+M1+PAXLST'UNT+2+M1'UNE+1+G1'" + UNZ)
    assert msg.version == "D:02B"
