"""PNRGOV building blocks: title removal, AIRIMP contacts, SSR layouts, the sensitive-data
filter, per-PNR splitting and XML payload safety."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.edifact.segment import Segment
from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Message
from pipeline.normalise.names import docs_given_names, split_glued_title, tif_given_names, tif_surname
from pipeline.pnrgov.airimp import contact_from_text, decode_email, encode_email, phone_digits
from pipeline.pnrgov.sensitive import SensitiveConfigError, SensitiveFilter, load_filter
from pipeline.pnrgov.ssr import docs_fields, fqtv_number, inft_fields, pspt_fields, read_ssr, seat_list, tkne_number

ROOT = Path(__file__).resolve().parents[1]


# Title removal (messages.md §3.4) -------------------------------------------------------------
@pytest.mark.parametrize(("tif", "given", "title"), [
    ("JOHNMR", "JOHN", "MR"),
    ("KELLYMRS", "KELLY", "MRS"),
    ("KAYLAMS", "KAYLA", "MS"),
    ("MOANMISS", "MOAN", "MISS"),
    ("SEJOONMR", "SEJOON", "MR"),
    ("ISABELLE MRS", "ISABELLE", "MRS"),
    ("NINA MS", "NINA", "MS"),
    ("KONG CHUN MRS", "KONG CHUN", "MRS"),
    ("TESTNAMETWO MR", "TESTNAMETWO", "MR"),
    ("DREW", "DREW", None),  # GTAS strips a leading DR: EW
    ("ALEXANDR", "ALEXANDR", None),  # DR is never cut from the end
    ("MRINAL", "MRINAL", None),  # nothing is cut from the start in a TIF
    ("TOMMR", "TOM", "MR"),
    ("MR", None, "MR"),
])
def test_tif_given_names(tif: str, given: str | None, title: str | None) -> None:
    assert tif_given_names(tif) == (given, title)


def test_glued_title_needs_a_plausible_rest() -> None:
    assert split_glued_title("XMR") == ("XMR", None)  # one letter left: not a name
    assert split_glued_title("BRMS") == ("BRMS", None)  # no vowel left


@pytest.mark.parametrize(("docs", "tif_title", "expected"), [
    ("MRJONATHON ROBERT", None, "JONATHON ROBERT"),  # prefix title, consonant follows
    ("MRINAL", None, "MRINAL"),  # a vowel follows: a name, not a title
    ("TESTNAMEONE MRS", None, "TESTNAMEONE"),  # whole-token title
    ("STACYMR CHARLES", "MR", "STACY CHARLES"),  # the TIF had the same glued title
    ("STACYMR CHARLES", None, "STACYMR CHARLES"),  # no TIF evidence: document form kept
    ("DREW", None, "DREW"),
])
def test_docs_given_names(docs: str, tif_title: str | None, expected: str) -> None:
    assert docs_given_names(docs, tif_title) == expected


def test_doubled_single_letter_surname() -> None:
    assert tif_surname("YY") == "Y"
    assert tif_surname("LEE") == "LEE"


# AIRIMP contacts -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "email"), [
    ("REUBEN..SERIO//GMAIL.COM", "REUBEN_SERIO@GMAIL.COM"),
    ("CHRISTOPHER.RAVAL//HOTMAIL.COM", "CHRISTOPHER.RAVAL@HOTMAIL.COM"),
    ("MARY..O./NEIL//EXAMPLE.TEST", "MARY_O-NEIL@EXAMPLE.TEST"),
    ("A.B@C.D", "A.B@C.D"),
    ("NO AT SIGN HERE", None),
])
def test_decode_email(text: str, email: str | None) -> None:
    assert decode_email(text) == email


def test_encode_email_is_the_inverse() -> None:
    assert decode_email(encode_email("mary_o-neil@example.test")) == "MARY_O-NEIL@EXAMPLE.TEST"


@pytest.mark.parametrize(("text", "contact"), [
    ("CTCE A..B//X.COM", ("email", "A_B@X.COM")),
    ("AM CTCP MEX52 55 4446 0000 FAX", ("phone", "525544460000")),
    ("CTCH MEX01 81 8336 6900 H", ("phone", "018183366900")),
    ("CTCR 00115555555555", ("phone", "00115555555555")),
    ("PASSENGER PREFERS AISLE", None),
    ("CTCM 12", None),
])
def test_contact_from_text(text: str, contact: tuple[str, str] | None) -> None:
    assert contact_from_text(text) == contact


def test_phone_digits_keeps_digits_only() -> None:
    assert phone_digits("+44 (0)20 7946 0000") == "440207946" + "0000"


# SSR layouts ---------------------------------------------------------------------------------
def test_read_ssr_joins_free_text_split_by_an_unescaped_colon() -> None:
    seg = Segment("SSR", (("OTHS", "HK", "1", "ZZ", "", "", "", "", "CALL AT 10", "30"), ("", "", "2")))
    ssr = read_ssr(seg)
    assert (ssr.code, ssr.text, ssr.traveller_refs) == ("OTHS", "CALL AT 10:30", ("2",))


@pytest.mark.parametrize(("text", "number", "dob", "surname", "shift"), [
    ("/P/GBR/123/GBR/12JUL64/M/23AUG19/SMITH/JOHN", "123", "12JUL64", "SMITH", 0),
    ("P/GBR/123/GBR/12JUL64/M/23AUG19/SMITH/JOHN", "123", "12JUL64", "SMITH", 0),  # no leading slash
    ("/////05FEB53/F//DORON/NINA", "", "05FEB53", "DORON", 0),  # omitted fields
    ("/GBR/123/GBR/12JUL64/M/23AUG19/SMITH/JOHN", "123", "12JUL64", "SMITH", -1),  # type omitted: realigned
    ("/P/GBR/123//GBR/12JUL64/M/23AUG19/SMITH/JOHN", "123", "12JUL64", "SMITH", 1),  # extra empty field
    ("/P/GBR/1 23/GBR/12JU L64/M/23AUG19/SMI TH/JOHN", "123", "12JUL64", "SMI TH", 0),  # wrap spaces
])
def test_docs_fields(text: str, number: str, dob: str, surname: str, shift: int) -> None:
    fields, found = docs_fields(text)
    assert (fields["number"], fields["dob"], fields["surname"], found) == (number, dob, surname, shift)


def test_docs_type_omitted_puts_issuer_and_number_in_place() -> None:
    fields, _ = docs_fields("/GBR/123/GBR/12JUL64/M/23AUG19/SMITH/JOHN")
    assert (fields["type"], fields["issuer"], fields["number"]) == ("", "GBR", "123")


def test_inft_fqtv_tkne() -> None:
    assert inft_fields("BELT/SOPHY 20SEP12") == {"surname": "BELT", "given": "SOPHY", "dob": "20SEP12"}
    assert inft_fields("OKAFOR/ADAEZE/15JAN26")["dob"] == "15JAN26"
    assert fqtv_number("DL1234567890") == "DL 1234567890"
    assert tkne_number("INF1392178947000C2") == ("1392178947000", "2", True)
    assert tkne_number("TKT NBR 03751019954019 26AUG19") is not None
    assert tkne_number("NONE") is None


def test_seat_free_text_and_pspt() -> None:
    assert seat_list(".03BN03AN") == ["03B", "03A"]
    assert seat_list("15A") == ["15A"]
    assert seat_list("WINDOW PLEASE") == []
    fields = pspt_fields("/123456789/GBR/12JUL64/SMITH/JOHN/M")
    assert (fields["number"], fields["nationality"], fields["surname"], fields["gender"]) == (
        "123456789", "GBR", "SMITH", "M")


# Sensitive data (EU PNR Directive Art. 13(4)) --------------------------------------------------
def test_default_filter() -> None:
    f = SensitiveFilter()
    assert f.code_is_sensitive("moml") and f.code_is_sensitive("MEDA") and not f.code_is_sensitive("DOCS")
    assert f.text_is_sensitive("PAX REQUESTS HALAL MEAL")
    assert f.text_is_sensitive("0/O/SSR VGML HK1")
    assert not f.text_is_sensitive("VIP GUEST OF CHAIRMAN")
    assert not f.text_is_sensitive("UNIONSTREET 4")  # whole words only


def test_filter_configuration(tmp_path: Path) -> None:
    path = tmp_path / "sensitive.yaml"
    path.write_text("codes: [xyzm]\nwords: [secretword]\n", encoding="utf-8")
    f = load_filter(str(path))
    assert f.code_is_sensitive("XYZM") and f.code_is_sensitive("MOML") and f.text_is_sensitive("A SECRETWORD")
    path.write_text("codes: [xyzm]\nreplace_defaults: true\n", encoding="utf-8")
    assert not load_filter(str(path)).code_is_sensitive("MOML")
    path.write_text("codes: ['(a+)+$']\n", encoding="utf-8")
    with pytest.raises(SensitiveConfigError):
        load_filter(str(path))
    with pytest.raises(SensitiveConfigError):
        load_filter(str(tmp_path / "missing.yaml"))


def test_removed_data_never_reaches_the_output() -> None:
    [msg] = parse_payload((ROOT / "fixtures/pnrgov/v13_sensitive_data.edi").read_bytes(), "s.edi")
    assert isinstance(msg, Message)
    text = str(msg.to_json())
    for word in ("HALAL", "MOML", "MEDA", "OXYGEN", "PREGNANT", "WCHR", "KSML", "VGML"):
        assert word not in text
    assert msg.pnr.sensitive_removed == 7


# Splitting and accounting --------------------------------------------------------------------------
PUSH = (
    "UNB+IATA:1+ZZ+GOV+260101:0000+1'UNH+1+PNRGOV:13:1:IA'MSG+:22'ORG+ZZ'TVL+020126:1000:020126:1200+AAA+BBB+ZZ+1'"
    "EQN+{eqn}'{pnrs}UNT+9+1'UNZ+1+1'"
)
PNR = "SRC'RCI+ZZ:L{n}'TIF+DOE+JOHN:A:1'TVL+020126:1000:020126:1200+AAA+BBB+ZZ+1'"


def test_one_message_per_pnr_and_eqn_checked() -> None:
    raw = PUSH.format(eqn=3, pnrs=PNR.format(n=1) + PNR.format(n=2)).encode()
    results = parse_payload(raw, "push.edi")
    assert [r.pnr.locator for r in results if isinstance(r, Message)] == ["L1", "L2"]
    assert any("EQN declares 3 PNRs, the message holds 2" in w for w in results[0].warnings)
    assert not any("EQN" in w for w in results[1].warnings)


def test_traveller_without_docs_is_a_traveller() -> None:
    [msg] = parse_payload(PUSH.format(eqn=1, pnrs=PNR.format(n=1)).encode(), "push.edi")
    assert isinstance(msg, Message)
    assert [(t.surname, t.given_names, t.pnr_locator) for t in msg.travellers] == [("DOE", "JOHN", "L1")]


def test_push_without_pushed_flight_is_dead_lettered_with_a_reason() -> None:
    raw = PUSH.format(eqn=1, pnrs=PNR.format(n=1)).replace("TVL+020126:1000:020126:1200+AAA+BBB+ZZ+1'EQN", "EQN")
    [dead] = parse_payload(raw.encode(), "push.edi")
    assert isinstance(dead, DeadLetter)
    assert "no level-0 TVL segment" in dead.reason and "push.edi:1" in dead.reason


# XML payload safety ----------------------------------------------------------------------------------
def test_xml_with_entities_is_refused() -> None:
    raw = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
           b'<IATA_PNRGOV_NotifRQ>&b;</IATA_PNRGOV_NotifRQ>')
    [dead] = parse_payload(raw, "bomb.xml")
    assert isinstance(dead, DeadLetter) and "DTD or entities" in dead.reason


def test_xml_with_another_root_is_dead_lettered() -> None:
    [dead] = parse_payload(b"<Other/>", "other.xml")
    assert isinstance(dead, DeadLetter) and "expected 'IATA_PNRGOV_NotifRQ'" in dead.reason


def test_xml_with_an_unknown_encoding_is_dead_lettered() -> None:
    # expat raises LookupError, not ParseError, for an encoding it cannot look up (found by
    # test_mutated_fixtures_never_crash_the_parser: 'UTF-8' mutated into 'UTF-S').
    [dead] = parse_payload(b'<?xml version="1.0" encoding="UTF-S"?><IATA_PNRGOV_NotifRQ/>', "odd.xml")
    assert isinstance(dead, DeadLetter) and "odd.xml:1: XML declares an unknown character encoding" in dead.reason


def test_interchange_without_date_takes_the_reference_from_the_pushed_flight() -> None:
    raw = PUSH.format(eqn=1, pnrs=PNR.format(n=1)).replace("+260101:0000+1'", "++1'")
    raw = raw.replace("TIF+DOE+JOHN:A:1'", "TIF+DOE+JOHN:A:1'SSR+DOCS:HK:1:ZZ:::::/P/GBR/1/GBR/12JUL64/M/1JAN30/DOE/JOHN+::1'")
    [msg] = parse_payload(raw.encode(), "push.edi")
    assert isinstance(msg, Message)
    assert msg.travellers[0].date_of_birth == "1964-07-12"
    assert msg.flights[0].departure_local == "2026-01-02T10:00"
