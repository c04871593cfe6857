"""Property tests: booking record → ``write_pnrgov`` (EDIFACT, any UNA, any version 10.1–16.1)
or ``write_pnrgov_xml`` → parser gives the same record back; names and free text hold
separators and release characters; sensitive SSRs are removed and counted; any segment soup
parses or becomes a dead letter with a reason, never a parser crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.edifact.separators import Separators
from pipeline.edifact.writer import write_interchange
from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Flight, Message, TravelDocument, Traveller
from pipeline.normalise.names import GLUED_TITLES, TITLES
from pipeline.pnrgov.airimp import contact_from_text
from pipeline.pnrgov.model import (
    Address, Agency, BagInfo, CheckIn, HistoryEntry, Leg, Locator, Payment, Pnr, SeatRequest, Service, Ticket,
)
from pipeline.pnrgov.sensitive import SensitiveFilter
from pipeline.pnrgov.writer import pnr_record, write_pnrgov
from pipeline.pnrgov.xml_writer import write_pnrgov_xml
from tests.strategies import separators

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILTER = SensitiveFilter()
SENT = dt.date(2026, 5, 1)



def _word(min_size: int = 2, max_size: int = 8) -> st.SearchStrategy[str]:
    return st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=min_size, max_size=max_size)


@st.composite
def name(draw: st.DrawFn, seps: Separators | None) -> str:
    """One or two name tokens; a token may hold an apostrophe, a hyphen or a service character."""
    specials = ["'", "-"] + ([seps.component, seps.element, seps.release, seps.terminator] if seps else [])
    specials = [c for c in specials if c not in "/ "]
    tokens = []
    for _ in range(draw(st.integers(1, 2))):
        token = draw(_word(3, 8).filter(lambda t: not t.startswith("MR") and not t.endswith(GLUED_TITLES)
                                        and t not in TITLES))
        if draw(st.booleans()):
            cut = draw(st.integers(1, len(token) - 1))
            token = token[:cut] + draw(st.sampled_from(specials)) + token[cut:]
        tokens.append(token)
    return " ".join(tokens)


@st.composite
def free_text(draw: st.DrawFn, seps: Separators | None) -> str:
    specials = [":", "'", "+", "?", ".", "-"] + ([seps.component, seps.element, seps.release, seps.terminator]
                                                   if seps else [])
    words = draw(st.lists(st.one_of(_word(1, 6), st.text(alphabet="0123456789", min_size=1, max_size=4),
                                    st.sampled_from(specials)), min_size=1, max_size=5))
    text = " ".join(" ".join(words).split())
    return text if (not FILTER.text_is_sensitive(text) and contact_from_text(text) is None and text) else "REMARK"


@st.composite
def email(draw: st.DrawFn) -> str:
    local = draw(st.lists(st.text(alphabet="ABCXYZ019", min_size=1, max_size=5), min_size=1, max_size=3))
    joins = [draw(st.sampled_from("._-")) for _ in local[1:]]
    user = local[0] + "".join(j + part for j, part in zip(joins, local[1:]))
    domain = ".".join(draw(st.lists(st.text(alphabet="ABCDEFG", min_size=1, max_size=6), min_size=2, max_size=3)))
    return f"{user}@{domain}"


def _day(draw: st.DrawFn, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=draw(st.integers(0, span)))


def _minute(draw: st.DrawFn, day: dt.date) -> str:
    return f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.sampled_from([0, 5, 30, 59])):02d}"


COUNTRIES = ["GBR", "DEU", "NOR", "PRT", "KOR", "USA", "NGA", "COL"]


@st.composite
def traveller(draw: st.DrawFn, seps: Separators | None, tid: str, flight: Flight, infant_of: str | None) -> Traveller:
    surname, given_name = draw(name(seps)), draw(name(seps))
    docs = tuple(
        TravelDocument("P", draw(st.text(alphabet="ABC0123456789", min_size=6, max_size=9)),
                       draw(st.sampled_from(COUNTRIES)), _day(draw, dt.date(2027, 1, 1), 3000).isoformat())
        for _ in range(draw(st.integers(0, 1)))
    )
    with_docs = bool(docs) or draw(st.booleans())
    dob = _day(draw, dt.date(1935, 1, 1) if infant_of is None else dt.date(2024, 6, 1), 30000 if infant_of
               is None else 600).isoformat()
    refs = {"TID": tid, "TIF_SURNAME": surname, "TIF_GIVEN": given_name, "PAX_TYPE": "IN" if infant_of else "A"}
    if infant_of:
        refs["INFANT_OF"] = infant_of
    elif draw(st.booleans()):
        refs["TITLE"] = draw(st.sampled_from(["MR", "MRS", "MS", "MISS"]))
    if draw(st.booleans()):
        refs["REF"] = draw(st.text(alphabet="ABC0123456789", min_size=4, max_size=10))
    return Traveller(
        role="infant" if infant_of else "passenger", surname=surname, given_names=given_name,
        date_of_birth=dob if with_docs else None, gender=draw(st.sampled_from(["M", "F"])) if with_docs else None,
        nationality=draw(st.sampled_from(COUNTRIES)) if with_docs else None, documents=docs,
        frequent_flyer=tuple(f"ZZ {n}" for n in draw(st.lists(st.text(alphabet="0123456789", min_size=5,
                                                                        max_size=9), max_size=1))),
        emails=tuple(draw(st.lists(email(), max_size=1, unique=True))),
        phones=tuple(draw(st.lists(st.text(alphabet="0123456789", min_size=6, max_size=12), max_size=1))),
        embarkation=flight.origin, debarkation=flight.destination, references=tuple(sorted(refs.items())),
    )


@st.composite
def push(draw: st.DrawFn, seps: Separators | None) -> tuple[Pnr, tuple[Traveller, ...], Flight, int]:
    """A booking record, its travellers, the pushed flight and the number of sensitive SSRs added."""
    day = _day(draw, dt.date(2026, 5, 2), 200)
    flight = Flight("ZZ", str(draw(st.integers(1, 9999))), "AAA", "BBB", _minute(draw, day), _minute(draw, day))
    back = Flight("ZZ", str(draw(st.integers(1, 9999))), "BBB", "AAA", _minute(draw, day + dt.timedelta(days=3)),
                  None)
    n = draw(st.integers(1, 3))
    people = [draw(traveller(seps, str(i + 1), flight, None)) for i in range(n)]
    if draw(st.booleans()):
        people.insert(1, draw(traveller(seps, "1I", flight, "1")))
    adult_tids = [dict(t.references)["TID"] for t in people if t.role == "passenger"]
    legs = (Leg(flight, "Y", status="HK", party_size=n, equipment="320", pushed=True),
            Leg(back, "M", operating_carrier=draw(st.sampled_from([None, "QQ"])),
                operating_number=draw(st.sampled_from([None, "77"])), status="HK", party_size=n))
    seats = tuple(SeatRequest(0, tid, f"{i + 10}A") for i, tid in enumerate(adult_tids))
    checkins = (CheckIn(0, adult_tids[0], _minute(draw, day), "ZZ:AAA", "AAA-001", "10A", "Y"),)
    bags = (BagInfo(0, adult_tids[0], 2, 23.5, "700", "HP", ("0999000100", "0999000101"), ("BBB",)),)
    services = tuple(sorted((Service(draw(st.sampled_from(["OTHS", "CKIN", "PETC"])), "HK", draw(st.sampled_from(
        [None, adult_tids[0]])), None, draw(free_text(seps))) for _ in range(draw(st.integers(0, 2)))),
                            key=lambda s: s.traveller is not None))  # PNR-level SSRs come first (Gr1)
    history = (HistoryEntry("ABI", None, _minute(draw, day - dt.timedelta(days=9)), "OFFICE1", None, "AAA ZZ"),
               HistoryEntry("SAC", "X", None, None, "TIF", "OLDNAME GIVENMR"))
    cancelled = draw(st.booleans())
    pnr = Pnr(
        locator=draw(st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=6, max_size=6)), carrier="ZZ",
        created=_minute(draw, day - dt.timedelta(days=10)), last_modified=_minute(draw, day - dt.timedelta(days=1)),
        other_locators=(Locator("1A", "ABC123"),) if draw(st.booleans()) else (),
        emails=tuple(draw(st.lists(email(), max_size=2, unique=True))),
        addresses=(Address("700", draw(free_text(seps)), "CITY", None, "GB", "AB12CD"),),
        agency=None if cancelled else Agency("1A", "MUC", "12345678", None, "MUC", None, None, "T", "DE", "EUR"),
        payment=(Payment("CC", "VI", "XXXXXXXXXXXX1234", "100.00", "0130", draw(name(seps)), None, None, None,
                         "9990000000001"),),
        tickets=(Ticket("9990000000001", "T", "1", adult_tids[0], "80.00", "100.00", "EUR", (("YQ", "20.00"),),
                        day.isoformat(), "ZZ", "LON", "NR"),),
        itinerary=legs, bags=bags, checkins=checkins, seats=seats, services=services,
        remarks=tuple(draw(st.lists(free_text(seps), max_size=2))), history=history,
        split_pnrs=(Locator("ZZ", "SPLIT1"),) if draw(st.booleans()) else (), cancelled=cancelled,
    )
    return pnr, tuple(people), flight, 0


def _comparable(m: Message) -> dict[str, Any]:
    d = m.to_json()
    for t in d["travellers"]:
        t["id"] = None
    d["pnr"]["sensitive_removed"] = 0
    d["warnings"] = []
    d["source"] = None
    return d


def _check(record: tuple[Pnr, tuple[Traveller, ...]], first: Message) -> None:
    pnr, people = record
    got = first.pnr
    assert isinstance(got, Pnr)
    assert (got.locator, got.created, got.last_modified, got.cancelled) == (pnr.locator, pnr.created,
                                                                            pnr.last_modified, pnr.cancelled)
    assert got.agency == pnr.agency and got.remarks == pnr.remarks and got.services == pnr.services
    assert [leg.flight for leg in got.itinerary] == [leg.flight for leg in pnr.itinerary]
    assert set(pnr.emails) <= set(got.emails)
    assert [(p.card_number, p.amount, p.payer) for p in got.payment] == [
        (p.card_number, p.amount, " ".join(p.payer.split()) if p.payer else None) for p in pnr.payment]
    assert [(t.surname, t.given_names, t.date_of_birth, t.gender, t.documents, t.frequent_flyer, t.emails, t.role)
            for t in first.travellers] == [
        (t.surname, t.given_names, t.date_of_birth, t.gender, t.documents, t.frequent_flyer, t.emails, t.role)
        for t in people]
    assert first.travellers[0].seat == "10A" and first.travellers[0].bags == 2


@SETTINGS
@given(st.data())
def test_edifact_round_trip(data: st.DataObject) -> None:
    seps = data.draw(separators())
    pnr, people, flight, _ = data.draw(push(seps))
    version = data.draw(st.sampled_from(["10:1", "11:1", "13:1", "15:1", "16:1"]))
    function = "141" if pnr.cancelled else "22"
    text = write_pnrgov([(pnr, people)], flight, function=function, version=version, seps=seps,
                        sent=(SENT.strftime("%y%m%d"), "0000"))
    [first] = parse_payload(text.encode("utf-8"), "gen.edi")
    assert isinstance(first, Message), getattr(first, "reason", "")
    assert not [w for w in first.warnings if "UNT" in w or "not used" in w], first.warnings
    _check((pnr, people), first)
    again = write_pnrgov([pnr_record(first)], flight, function=function, version=version, seps=seps,
                         sent=(SENT.strftime("%y%m%d"), "0000"))
    [second] = parse_payload(again.encode("utf-8"), "gen.edi")
    assert isinstance(second, Message)
    assert _comparable(second) == _comparable(first)


@SETTINGS
@given(st.data())
def test_xml_round_trip(data: st.DataObject) -> None:
    pnr, people, flight, _ = data.draw(push(None))
    function = "141" if pnr.cancelled else "22"
    text = write_pnrgov_xml([(pnr, people)], flight, function=function, timestamp=f"{SENT.isoformat()}T00:00")
    [first] = parse_payload(text.encode("utf-8"), "gen.xml")
    assert isinstance(first, Message), getattr(first, "reason", "")
    _check((pnr, people), first)
    again = write_pnrgov_xml([pnr_record(first)], flight, function=function, timestamp=f"{SENT.isoformat()}T00:00")
    [second] = parse_payload(again.encode("utf-8"), "gen.xml")
    assert isinstance(second, Message)
    assert _comparable(second) == _comparable(first)


@SETTINGS
@given(st.data())
def test_sensitive_ssrs_are_removed_and_counted(data: st.DataObject) -> None:
    pnr, people, flight, _ = data.draw(push(None))
    codes = data.draw(st.lists(st.sampled_from(sorted(FILTER.codes)), min_size=1, max_size=4))
    tid = dict(people[0].references)["TID"]
    sensitive = tuple(Service(code, "HK", tid, None, None) for code in codes)
    record = Pnr(**{**{f: getattr(pnr, f) for f in pnr.__dataclass_fields__}, "services": pnr.services + sensitive})
    text = write_pnrgov([(record, people)], flight, sent=(SENT.strftime("%y%m%d"), "0000"))
    [msg] = parse_payload(text.encode("utf-8"), "gen.edi")
    assert isinstance(msg, Message)
    assert msg.pnr.sensitive_removed == len(codes)
    assert not any(code in str(msg.to_json()) for code in codes)


_TAGS = ["MSG", "ORG", "TVL", "EQN", "SRC", "RCI", "DAT", "IFT", "ADD", "EBD", "TIF", "FTI", "REF", "SSR", "TKT",
         "MON", "PTK", "TXD", "FOP", "TRA", "RPI", "APD", "TRI", "SSD", "TBD", "ABI", "SAC", "LTS", "FAR"]
_VALUES = st.one_of(st.sampled_from(
    ["", "1", "22", "141", "2", "700", "710", "DOCS", "INFT", "SEAT", "CTCE", "TKNE", "FOID", "DOCA", "DOCO", "PSPT",
     "FQTV", "MOML", "G", "IN", "MI", "FI", "1I", "/P/GBR/1/GBR/12JUL64/MI/1JAN30/A/B", "A/B 12JAN20", "X//Y.Z",
     "010126", "0930", "1230", "XXX", "HP"]), st.text(max_size=6))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_TAGS), st.lists(st.lists(_VALUES, min_size=1, max_size=10), max_size=6)),
                max_size=40))
def test_any_segment_soup_parses_or_is_dead_lettered_with_a_reason(segments: list) -> None:  # type: ignore[type-arg]
    head = [("UNH", [["1"], ["PNRGOV", "13", "1", "IA"]]), ("MSG", [["", "22"]]),
            ("TVL", [["010126", "1000"], "AAA", "BBB", "ZZ", "1"]), ("SRC", [])]
    text = write_interchange([head + segments], sender="S", recipient="R", interchange_ref="1",
                             sent=("260101", "0000"))
    for result in parse_payload(text.encode("utf-8"), "soup.edi"):
        assert not (isinstance(result, DeadLetter) and "parser failed" in result.reason)


_FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "pnrgov").glob("*.*"))
_INSERTS = [b"'", b"+", b":", b"?", b"/", b"\n", b"SSR+DOCS:HK:1", b"TIF+A+B:IN:1I'", b"<", b">", b"\xb9"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_FIXTURES), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 2), st.sampled_from(_INSERTS)),
                                            min_size=1, max_size=8))
def test_mutated_fixtures_never_crash_the_parser(path: Path, edits: list[tuple[float, int, bytes]]) -> None:
    data = bytearray(path.read_bytes())
    for where, op, insert in edits:
        pos = int(where * (len(data) - 1))
        if op == 0:
            del data[pos:pos + 3]
        elif op == 1:
            data[pos:pos] = insert
        else:
            data[pos] = insert[0]
    for result in parse_payload(bytes(data), path.name):
        assert not (isinstance(result, DeadLetter) and "parser failed" in result.reason), result.reason


def test_text_after_a_pnr_element_in_an_xml_push_loses_nothing() -> None:
    # found by the mutation test: a stray "+" after </PNR> is the element's tail, which made its
    # canonical form (the dead letter's and the message's raw bytes) unreadable XML
    path = next(p for p in _FIXTURES if p.name == "xml_update_push_cancelled.xml")
    data = path.read_bytes().replace(b"</PNR>\n  </PNRs>", b"</PNR>\n+  </PNRs>")
    assert b"</PNR>\n+" in data
    clean = parse_payload(path.read_bytes(), path.name)
    damaged = parse_payload(data, path.name)
    assert [type(r) for r in damaged] == [type(r) for r in clean] and all(isinstance(r, Message) for r in clean)
    assert [r.travellers for r in damaged] == [r.travellers for r in clean]  # their ids hash the canonical bytes
