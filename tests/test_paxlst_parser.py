"""The PAXLST parser, segment by segment, on tiny inline messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.edifact import read_payload
from pipeline.errors import MessageError
from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Message, Traveller
from pipeline.paxlst import parse_paxlst

FLIGHT = "TDT+20+XY0101+++XY'LOC+125+LHR'DTM+189:2603011030:201'LOC+87+JFK'DTM+232:2603011345:201'"


def parse(body: str, *, header: str = "BGM+745'", flight: str = FLIGHT, sent: str = "260301:0900") -> Message:
    text = (f"UNB+UNOA:4+SND+RCV+{sent}+IC1'UNH+M1+PAXLST:D:05B:UN:IATA'{header}{flight}{body}"
            "UNT+99+M1'UNZ+1+IC1'")
    [raw] = read_payload(text.encode("utf-8"), "p.edi").messages
    return parse_paxlst(raw)


def traveller(body: str, **kwargs: str) -> Traveller:
    [t] = parse("NAD+FL+++DOE:JANE'" + body, **kwargs).travellers
    return t


def own_warnings(msg: Message) -> list[str]:
    """Warnings of the parser (the UNT count of these sketches is deliberately not right)."""
    return [w for w in msg.warnings if "UNT counts" not in w]


# --- header and flight ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("bgm", "function"),
    [("BGM+745'", "745"), ("BGM+745+CP'", "745:CP"), ("BGM+745+XR'", "745:XR"), ("BGM+745+RP'", "745:RP"),
     ("BGM+250'", "250"), ("BGM+250+C'", "250:C"), ("BGM+266+CLOB'", "266:CLOB"), ("BGM+266+CLNB'", "266:CLNB"),
     ("BGM+266+XF'", "266:XF"), ("BGM+266+CL'", "266:CL"), ("BGM+266+CF'", "266:CF"), ("bgm+745+cp'", "745:CP")],
)
def test_bgm_is_the_message_function(bgm: str, function: str) -> None:
    msg = parse("", header=bgm)
    assert msg.source.function == function
    assert own_warnings(msg) == []


def test_odd_bgm_pairs_are_kept_with_a_warning() -> None:
    msg = parse("", header="BGM+745+C'")
    assert msg.source.function == "745:C"
    assert own_warnings(msg) == ["segment 3 (BGM): document identifier 'C' is unusual for document name code 745"]


def test_missing_bgm_is_a_warning() -> None:
    assert "no BGM segment: message function unknown" in parse("", header="").warnings


def test_unh_part_and_first_final_flags() -> None:
    def source(s010: str):
        text = (f"UNB+UNOA:4+S+R+260301:0900+IC1'UNH+M1+PAXLST:D:02B:UN:IATA+XY101/010326{s010}'BGM+745'"
                f"{FLIGHT}UNT+8+M1'UNZ+1+IC1'")
        return parse_paxlst(read_payload(text.encode()).messages[0]).source

    assert (source("+01:C").part, source("+01:C").final) == (1, False)
    assert (source("+02").part, source("+02").final) == (2, None)
    assert (source("+10:F").part, source("+10:F").final) == (10, True)
    assert source("").part is None
    assert source("+03:F").common_access_ref == "XY101/010326"
    assert source("").version == "D:02B"


def test_flight_legs_from_tdt_loc_dtm() -> None:
    flight = ("TDT+20+XY0101+++XY'LOC+92+CDG'DTM+189:2603010700:201'LOC+92+LHR'DTM+232:2603010720:201'"
              + FLIGHT.replace("XY0101", "XY0102") + "LOC+130+BOS'")
    msg = parse("", flight=flight)
    first, second = msg.flights
    assert (first.carrier, first.number, first.origin, first.destination) == ("XY", "101", "CDG", "LHR")
    assert (first.departure_local, first.arrival_local) == ("2026-03-01T07:00", "2026-03-01T07:20")
    assert (second.number, second.origin, second.destination, second.final_destination) == ("102", "LHR", "JFK", "BOS")
    assert msg.primary_leg == 1  # the leg with LOC 125/87 crosses into the reporting state
    assert msg.primary_flight == second


def test_routing_legs_only_make_the_last_leg_primary() -> None:
    flight = "TDT+20+XY7+++XY'LOC+92+AAA'LOC+92+BBB'TDT+20+XY8+++XY'LOC+92+BBB'LOC+92+CCC'"
    msg = parse("", flight=flight)
    assert [(f.origin, f.destination) for f in msg.flights] == [("AAA", "BBB"), ("BBB", "CCC")]
    assert msg.primary_leg == 1


def test_routing_pair_with_an_empty_origin_keeps_the_destination_in_place() -> None:
    msg = parse("", flight="TDT+20+XY7+++XY'LOC+92'LOC+92+BBB'")
    assert (msg.flights[0].origin, msg.flights[0].destination) == (None, "BBB")


def test_flight_designator_without_carrier_element() -> None:
    msg = parse("", flight="TDT+20+KQ0077'LOC+125+NBO'LOC+87+CDG'")
    assert (msg.flights[0].carrier, msg.flights[0].number) == ("KQ", "77")


def test_flight_dates_in_every_format() -> None:
    flight = "TDT+20+XY1+++XY'LOC+125+LHR'DTM+189:202603011030:203'LOC+87+JFK'DTM+232:260301'"
    leg = parse("", flight=flight).flights[0]
    assert (leg.departure_local, leg.arrival_local) == ("2026-03-01T10:30", "2026-03-01")


def test_flight_segments_after_a_traveller_are_warned_about() -> None:
    msg = parse("NAD+FL+++DOE:JANE'DTM+189:2603011030:201'")
    assert "segment 10 (DTM): flight date outside a flight group; ignored" in msg.warnings


def test_no_tdt_is_a_message_error_naming_the_first_traveller() -> None:
    text = "UNB+UNOA:4+S+R+260301:0900+IC1'UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++DOE:JANE'UNT+4+M1'UNZ+1+IC1'"
    [raw] = read_payload(text.encode(), "p.edi").messages
    with pytest.raises(MessageError) as err:
        parse_paxlst(raw)
    assert err.value.where == "p.edi:1, segment 4 (NAD)"
    assert "DOE" not in str(err.value)
    [dead] = parse_payload(text.encode(), "p.edi")
    assert isinstance(dead, DeadLetter)
    assert (dead.stage, dead.reason) == ("paxlst", str(err.value))
    assert dead.raw == text.encode()[text.index("UNH") : text.index("UNZ")]


# --- travellers -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("qualifier", "role"), [("FL", "passenger"), ("FM", "crew"), ("DDU", "transit_passenger"), ("DDT", "transit_crew")]
)
def test_nad_qualifier_is_the_role(qualifier: str, role: str) -> None:
    assert parse(f"NAD+{qualifier}+++DOE:JANE'").travellers[0].role == role


def test_unknown_party_is_kept_as_a_passenger_with_a_warning() -> None:
    msg = parse("NAD+COT+++DOE:JANE'")
    assert msg.travellers[0].role == "passenger"
    assert own_warnings(msg) == [
        "segment 9 (NAD): unknown party qualifier 'COT' (expected FL, FM, DDU or DDT); kept as a passenger"
    ]


def test_reporting_party_is_not_a_traveller() -> None:
    msg = parse("", header="BGM+745'NAD+MS+++OPS DESK'COM+555-0100:TE'")
    assert msg.travellers == ()
    assert own_warnings(msg) == []


def test_names_in_document_form() -> None:
    t = parse("NAD+FL+++ van der  Berg :Anna: Maria MRS :'").travellers[0]
    assert (t.surname, t.given_names) == ("VAN DER BERG", "ANNA MARIA")


def test_address_elements_are_joined() -> None:
    t = parse("NAD+FL+++DOE:JANE+1 Main St+Springfield++12345+USA'").travellers[0]
    assert t.address == "1 MAIN ST, SPRINGFIELD, 12345, USA"


@pytest.mark.parametrize(("code", "gender"), [("M", "M"), ("f", "F"), ("U", "U"), ("X", "X"), ("MI", "M"), ("", None)])
def test_att_gender(code: str, gender: str | None) -> None:
    assert traveller(f"ATT+2++{code}'").gender == gender


@pytest.mark.parametrize(
    ("dtm", "dob"),
    [
        ("DTM+329:570121'", "1957-01-21"),
        ("DTM+329:250101'", "2025-01-01"),  # not after the message date: an infant
        ("DTM+329:270101'", "1927-01-01"),  # would be in the future: a century earlier
        ("DTM+329:19350919:102'", "1935-09-19"),
        ("DTM+329:19350919'", "1935-09-19"),
        ("DTM+329:800000'", "1980"),
        ("DTM+329:801200'", "1980-12"),
        ("DTM+329:19620500:102'", "1962-05"),
    ],
)
def test_date_of_birth_with_century_inference(dtm: str, dob: str) -> None:
    assert traveller(dtm).date_of_birth == dob


def test_century_inference_follows_the_message_date() -> None:
    assert traveller("DTM+329:100101'", sent="090101:0000").date_of_birth == "1910-01-01"
    assert traveller("DTM+329:100101'", sent="260101:0000").date_of_birth == "2010-01-01"


def test_bad_date_of_birth_is_a_warning_without_the_value() -> None:
    msg = parse("NAD+FL+++DOE:JANE'DTM+329:19801332:102'")
    assert msg.travellers[0].date_of_birth is None
    assert own_warnings(msg) == ["segment 10 (DTM): field 2: expected a date of birth YYMMDD or CCYYMMDD (8 characters)"]


def test_locations_of_a_traveller() -> None:
    t = traveller("LOC+22+JFK'LOC+174+CA'LOC+178+YVR'LOC+179+ATL'LOC+180+:::Hartford  usa'")
    assert (t.clearance_airport, t.residence_country, t.embarkation, t.debarkation, t.birth_place) == (
        "JFK", "CAN", "YVR", "ATL", "HARTFORD USA")
    assert traveller("LOC+180+GBR'").birth_place == "GBR"


def test_nationality_is_alpha3() -> None:
    assert traveller("NAT+2+KR'").nationality == "KOR"
    assert traveller("NAT+2+D'").nationality == "DEU"
    assert traveller("NAT+2+GBD'").nationality == "GBD"


def test_references() -> None:
    t = traveller("RFF+AVF:abc123'RFF+SEA:23c'RFF+ABO:X1'RFF+AEA:R1'RFF+CR:K1'RFF+YZY:T1'")
    assert (t.pnr_locator, t.seat) == ("ABC123", "23C")
    assert dict(t.references) == {"AVF": "ABC123", "SEA": "23C", "ABO": "X1", "AEA": "R1", "CR": "K1", "YZY": "T1"}


def test_message_level_transaction_reference_is_not_a_traveller_reference() -> None:
    msg = parse("NAD+FL+++DOE:JANE'", header="BGM+745'RFF+TN:BA123:::1'")
    assert msg.travellers[0].references == ()
    assert own_warnings(msg) == []


def test_bags_count_weight_and_tags() -> None:
    t = traveller("MEA+CT++:3'MEA+WT++KGM:31.5'FTX+BAG+++XY000998:3'")
    assert (t.bags, t.bag_weight_kg) == (3, 31.5)
    assert t.bag_tags == ("XY000998", "XY000999", "XY001000")
    assert traveller("MEA+CT++1'MEA+WT++LBR:44'").bag_weight_kg == 20.0
    assert traveller("FTX+BAG+++XY1:2'").bags == 2  # no MEA count: the tags say how many


def test_verification_flag() -> None:
    assert traveller("GEI+4+173'").verified is True
    assert traveller("GEI+4+ZZZ'").verified is True
    assert traveller("GEI+4+174'").verified is False


def test_contacts_and_crew_function() -> None:
    t = traveller("COM+502-555-1234:TE+a@b.example:EM+555-9:FX'EMP+1+cr2:110:111'")
    assert (t.phones, t.emails, t.crew_function) == (("502-555-1234", "555-9"), ("A@B.EXAMPLE",), "CR2")


def test_several_documents_with_their_dates_and_issuing_country() -> None:
    t = traveller("DOC+P:110:111+mb 140 2411'DTM+36:310101'DTM+182:210102'LOC+91+CAN'"
                  "DOC+V+V99'DTM+36:20270101:102'LOC+91+US'DOC++X1'")
    passport, visa, untyped = t.documents
    assert (passport.type, passport.number, passport.expiry, passport.issue_date, passport.issuing_country) == (
        "P", "MB1402411", "2031-01-01", "2021-01-02", "CAN")
    assert (visa.type, visa.number, visa.expiry, visa.issuing_country) == ("V", "V99", "2027-01-01", "USA")
    assert (untyped.type, untyped.number) == (None, "X1")


def test_document_dates_before_any_document_are_warned_about() -> None:
    msg = parse("NAD+FL+++DOE:JANE'DTM+36:310101'LOC+91+CAN'")
    assert own_warnings(msg) == ["segment 10 (DTM): document detail before any DOC segment; ignored",
                                 "segment 11 (LOC): document detail before any DOC segment; ignored"]


def test_travellers_get_stable_ids_from_the_raw_message() -> None:
    a = parse("NAD+FL+++DOE:JANE'NAD+FL+++ROE:RICHARD'")
    b = parse("NAD+FL+++DOE:JANE'NAD+FL+++ROE:RICHARD'")
    assert [t.id for t in a.travellers] == [t.id for t in b.travellers]
    assert a.travellers[0].id != a.travellers[1].id


# --- counts and unknown content ---------------------------------------------------------------

def test_cnt_matching_the_list_gives_no_warning() -> None:
    assert own_warnings(parse("NAD+FL+++DOE:JANE'NAD+FM+++ROE:RICK'CNT+42:1'CNT+41:1'")) == []


def test_cnt_mismatch_and_malformed_cnt_are_warnings() -> None:
    assert own_warnings(parse("NAD+FL+++DOE:JANE'CNT+42:9'")) == [
        "CNT 42 declares 9 passengers, message lists 1 (a part of a longer list?)"]
    assert own_warnings(parse("NAD+FM+++DOE:JANE'CNT+41+1'")) == [
        "segment 10 (CNT): count in field 2 instead of field 1 component 2"]


@pytest.mark.parametrize(
    ("segment", "warning"),
    [
        ("LOC+999+XYZ'", "segment 10 (LOC): unexpected location qualifier '999' here; ignored"),
        ("DTM+999:20260101:102'", "segment 10 (DTM): unknown date qualifier '999'; ignored"),
        ("RFF+XYZ:1'", "segment 10 (RFF): unknown reference qualifier 'XYZ'; kept"),
        ("MEA+HT++CMT:170'", "segment 10 (MEA): unknown measurement qualifier 'HT'; ignored"),
        ("MEA+CT++many'", "segment 10 (MEA): field 3: expected a bag count"),
        ("GEI+4+999'", "segment 10 (GEI): unknown processing indicator '999'; ignored"),
        ("FTX+AAI+++TEXT'", "segment 10 (FTX): free text with subject 'AAI'; ignored"),
        ("COM+X:ZZ'", "segment 10 (COM): unknown communication channel 'ZZ'; ignored"),
        ("ATT+2++Q'", "segment 10 (ATT): field 3: unknown gender code 'Q' (expected M, F, U or X)"),
        ("QTY+1:2'", "segment 10 (QTY): segment not used in PAXLST; ignored"),
        ("DOC+P'", "segment 10 (DOC): field 2: document without a number"),
    ],
)
def test_unknown_qualifiers_become_warnings_never_failures(segment: str, warning: str) -> None:
    msg = parse("NAD+FL+++DOE:JANE'" + segment)
    assert own_warnings(msg) == [warning]
    assert len(msg.travellers) == 1


def test_traveller_data_before_any_traveller_is_ignored_with_a_warning() -> None:
    msg = parse("ATT+2++M'NAD+FL+++DOE:JANE'")
    assert own_warnings(msg) == ["segment 9 (ATT): traveller data before any NAD traveller segment; ignored"]
    assert msg.travellers[0].gender is None


SECRET_NAME = "QUIXOTEVANDERMEER"
SECRET_DOC = "ZX99887766"


def test_warnings_never_contain_a_name_or_document_number() -> None:
    misplaced = [
        f"BGM+{SECRET_NAME}+{SECRET_DOC}'", f"NAD+{SECRET_NAME}+++{SECRET_NAME}:{SECRET_NAME}'",
        f"ATT+2++{SECRET_NAME}'", f"DTM+{SECRET_NAME}:{SECRET_DOC}'", f"DTM+329:{SECRET_DOC}'",
        f"LOC+{SECRET_DOC}+{SECRET_NAME}'", f"RFF+{SECRET_NAME}:{SECRET_DOC}'", f"MEA+{SECRET_NAME}++{SECRET_DOC}'",
        f"MEA+WT++KGM:{SECRET_DOC}'", f"GEI+4+{SECRET_DOC}'", f"FTX+{SECRET_NAME}+++{SECRET_DOC}'",
        f"FTX+BAG+++{SECRET_NAME}'", f"COM+{SECRET_DOC}:{SECRET_NAME}'", f"CNT+{SECRET_NAME}'",
        f"DOC+{SECRET_NAME}+{SECRET_DOC}'", f"DTM+36:{SECRET_DOC}'", f"{SECRET_NAME}+{SECRET_DOC}'",
        f"{SECRET_DOC[:3]}+{SECRET_NAME}'",
    ]
    msg = parse("".join(misplaced))
    assert len(msg.warnings) > 10
    for warning in msg.warnings:
        assert SECRET_NAME not in warning and SECRET_DOC not in warning


PAXLST_TAGS = ["BGM", "TDT", "LOC", "DTM", "NAD", "ATT", "NAT", "RFF", "DOC", "MEA", "GEI", "FTX", "COM", "EMP", "CNT",
               "QTY", "ZZZ"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PAXLST_TAGS),
                          st.lists(st.lists(st.sampled_from(["", "2", "FL", "329", "125", "P", "CT", "BAG", "SECRETNAME7"]),
                                            max_size=4), max_size=5)), max_size=15))
def test_no_arrangement_of_segments_crashes_the_parser_or_puts_a_value_into_a_warning(segments: list) -> None:
    body = "".join(tag + "".join("+" + ":".join(e) for e in els) + "'" for tag, els in segments)
    [result] = parse_payload(
        f"UNB+UNOA:4+S+R+260301:0900+IC1'UNH+M1+PAXLST:D:05B:UN:IATA'{body}UNT+2+M1'UNZ+1+IC1'".encode())
    for warning in result.warnings:
        assert "SECRETNAME7" not in warning
    if isinstance(result, DeadLetter):
        assert "SECRETNAME7" not in result.reason
        assert "parser failed" not in result.reason  # only "no TDT" may dead-letter a PAXLST


def test_superscript_digits_are_not_numbers() -> None:
    # '¹'.isdigit() is True but int('¹') raises: counts and dates must not crash on it.
    from pipeline.normalise.dates import ddmmmyy
    from pipeline.paxlst.bags import expand_bag_tags

    assert expand_bag_tags("AB123", "¹2") == ["AB123"]
    assert ddmmmyy("1¹JUL64", "birth", None) is None
