"""Property tests: the EDIFACT writer and reader are inverses under any service characters,
the PAXLST writer and parser are inverses on the canonical model, and the reader never
raises on arbitrary bytes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pycountry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.edifact import Separators, format_segment, read_payload, write_interchange
from pipeline.ingest import parse_payload
from pipeline.model import DeadLetter, Flight, Message, MessageSource, TravelDocument, Traveller
from pipeline.normalise.names import clean_name, strip_title_tokens
from pipeline.paxlst import parse_paxlst
from pipeline.paxlst.writer import write_paxlst
from tests.strategies import separators

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])




def _text(seps: Separators, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Printable text rich in the given service characters (no CR/LF: those are stripped)."""
    specials = st.sampled_from([seps.component, seps.element, seps.release, seps.terminator, seps.repetition,
                                seps.decimal, seps.release * 2, seps.release + seps.terminator, "UNA", "UNB",
                                "UNZ", " UNB"])
    ordinary = st.characters(blacklist_categories=("Cs", "Cc"))
    return st.lists(st.one_of(specials, ordinary), min_size=min_size, max_size=max_size).map("".join)


TAGS = st.sampled_from(["NAD", "FTX", "RFF", "LOC", "DTM", "ATT", "DOC", "QTY", "ABC", "X9Z"])


@st.composite
def segments_under(draw: st.DrawFn) -> tuple[Separators, list[tuple[str, list[list[str]]]]]:
    seps = draw(separators())
    element = st.lists(_text(seps), min_size=1, max_size=4)
    segs = draw(st.lists(st.tuples(TAGS, st.lists(element, max_size=5)), min_size=1, max_size=6))
    return seps, segs


def _as_read(elements: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """What a reader gives back for written elements: trailing empty elements are not written."""
    out = [tuple(e) for e in elements]
    while out and out[-1] == ("",):
        out.pop()
    return tuple(out)


@SETTINGS
@given(segments_under())
def test_written_segments_read_back_equal(case: tuple[Separators, list[tuple[str, list[list[str]]]]]) -> None:
    seps, segs = case
    unh = ("UNH", [["1"], ["PAXLST", "D", "05B", "UN", "IATA"]])
    text = write_interchange([[unh, *segs]], sender="S", recipient="R", interchange_ref="9",
                             sent=("260101", "0000"), seps=seps)
    payload = read_payload(text.encode("utf-8"))
    assert not payload.failures
    [msg] = payload.messages
    assert msg.envelope.separators == seps
    assert msg.warnings == []
    body = msg.segments[1:-1]
    assert [(s.tag, s.elements) for s in body] == [(tag, _as_read(els)) for tag, els in segs]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(segments_under(), min_size=2, max_size=4), st.sampled_from(["", "\n", "\r\n", " \n"]))
def test_several_interchanges_in_one_payload_read_back_equal(
    cases: list[tuple[Separators, list[tuple[str, list[list[str]]]]]], joiner: str
) -> None:
    texts = []
    for i, (seps, segs) in enumerate(cases):
        unh = ("UNH", [[f"M{i}"], ["PAXLST", "D", "05B", "UN", "IATA"]])
        texts.append(write_interchange([[unh, *segs]], sender="S", recipient="R", interchange_ref=f"I{i}",
                                       sent=("260101", "0000"), seps=seps, line_break=joiner))
    payload = read_payload(joiner.join(texts).encode("utf-8"))
    assert not payload.failures
    assert [m.envelope.interchange_ref for m in payload.messages] == [f"I{i}" for i in range(len(cases))]
    for msg, (seps, segs) in zip(payload.messages, cases):
        assert msg.envelope.separators == seps
        assert msg.warnings == []
        assert [(s.tag, s.elements) for s in msg.segments[1:-1]] == [(tag, _as_read(els)) for tag, els in segs]


@SETTINGS
@given(separators(), _text(Separators(), max_size=30))
def test_format_segment_escapes_every_service_character(seps: Separators, value: str) -> None:
    seg = format_segment("FTX", [value], seps)
    inner = seg[len("FTX") + 1 : -1] if value else ""
    unescaped = []
    i = 0
    while i < len(inner):
        if inner[i] == seps.release:
            unescaped.append(inner[i + 1])
            i += 2
            continue
        assert inner[i] not in (seps.component, seps.element, seps.terminator)
        unescaped.append(inner[i])
        i += 1
    assert "".join(unescaped) == value


# --- model -> write_paxlst -> parse_paxlst -------------------------------------------------------

COUNTRIES = sorted(c.alpha_3 for c in pycountry.countries)
AIRPORTS = ["LHR", "JFK", "FRA", "CDG", "DXB", "SIN", "YVR", "ATL", "IAD", "NRT"]
FUNCTIONS = ["745", "745:CP", "745:XR", "745:RP", "250", "250:C", "266:CLOB", "266:CLNB", "266:XF", "266:CL"]
REF_QUALIFIERS = ["AVF", "ABO", "AEA", "CR", "SEA", "YZY", "TN"]


def canonical(seps: Separators, normalise, letters: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ") -> st.SearchStrategy[str]:
    """Raw text (letters, blanks and every service character) in its normalised form."""
    pool = st.sampled_from(list(letters + "abcxyzÉÖßñ '-") + [seps.component, seps.element, seps.release,
                                                               seps.terminator, seps.repetition, seps.decimal])
    return st.lists(pool, min_size=1, max_size=14).map("".join).map(normalise).filter(lambda v: v is not None)


def _upper_token(value: str) -> str | None:
    return "".join(value.upper().split()) or None


def _collapse_upper(value: str) -> str | None:
    return " ".join(value.upper().split()) or None


def _stripped(value: str) -> str | None:
    return value.strip() or None


dates = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2060, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    d = draw(dates)
    return draw(st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]]))


@st.composite
def datetimes(draw: st.DrawFn) -> str:
    d = draw(dates)
    if draw(st.booleans()):
        return d.isoformat()
    return f"{d.isoformat()}T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"


def _opt(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


@st.composite
def documents(draw: st.DrawFn, seps: Separators) -> TravelDocument:
    return TravelDocument(
        type=draw(_opt(st.sampled_from(["P", "V", "I", "A", "C", "IP", "AC"]))),
        number=draw(canonical(seps, _upper_token, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789")),
        issuing_country=draw(_opt(st.sampled_from(COUNTRIES))),
        expiry=draw(_opt(dates.map(dt.date.isoformat))),
        issue_date=draw(_opt(dates.map(dt.date.isoformat))),
    )


@st.composite
def travellers(draw: st.DrawFn, seps: Separators) -> Traveller:
    references = draw(st.dictionaries(st.sampled_from(REF_QUALIFIERS), canonical(seps, _collapse_upper, "ABC0123"),
                                      max_size=3))
    tags = draw(st.lists(st.sampled_from(["AB0001", "AB0002", "AB0003", "XY9", "AB0099", "AB0100", "ZZ"]),
                         max_size=5))
    bags = draw(_opt(st.integers(0, 20)))
    if bags is None and tags:
        bags = len(tags)
    role = draw(st.sampled_from(["passenger", "crew", "transit_passenger", "transit_crew"]))
    return Traveller(
        role=role,
        surname=draw(canonical(seps, clean_name)),
        given_names=draw(_opt(canonical(seps, strip_title_tokens))),
        date_of_birth=draw(_opt(partial_dates())),
        gender=draw(_opt(st.sampled_from(["M", "F", "U", "X"]))),
        nationality=draw(_opt(st.sampled_from(COUNTRIES))),
        residence_country=draw(_opt(st.sampled_from(COUNTRIES))),
        embarkation=draw(_opt(st.sampled_from(AIRPORTS))),
        debarkation=draw(_opt(st.sampled_from(AIRPORTS))),
        documents=tuple(draw(st.lists(documents(seps), max_size=2))),
        pnr_locator=references.get("AVF"),
        seat=references.get("SEA"),
        bags=bags,
        emails=tuple(draw(st.lists(canonical(seps, _collapse_upper, "ABC@."), max_size=2))),
        phones=tuple(draw(st.lists(canonical(seps, _stripped, "0123456789"), max_size=2))),
        clearance_airport=draw(_opt(st.sampled_from(AIRPORTS))),
        birth_place=draw(_opt(canonical(seps, clean_name))),
        bag_weight_kg=draw(_opt(st.integers(0, 9999).map(lambda n: n / 10))),
        bag_tags=tuple(tags),
        verified=draw(_opt(st.booleans())),
        crew_function=draw(_opt(st.sampled_from(["CR1", "CR2", "CR3", "CR4", "CR5"]))) if "crew" in role else None,
        address=draw(_opt(canonical(seps, _collapse_upper))),
        references=tuple(sorted(references.items())),
    )


@st.composite
def flights(draw: st.DrawFn) -> Flight:
    return Flight(
        carrier=draw(st.sampled_from(["UA", "LH", "9W", "U2", "BAW", None])),
        number=draw(st.integers(1, 9999).map(str)) + draw(st.sampled_from(["", "A"])),
        origin=draw(_opt(st.sampled_from(AIRPORTS))),
        destination=draw(_opt(st.sampled_from(AIRPORTS))),
        departure_local=draw(_opt(datetimes())),
        arrival_local=draw(_opt(datetimes())),
        final_destination=draw(_opt(st.sampled_from(AIRPORTS))),
    )


@st.composite
def api_messages(draw: st.DrawFn) -> tuple[Separators, Message]:
    seps = draw(separators())
    legs = tuple(draw(st.lists(flights(), min_size=1, max_size=3)))
    part = draw(_opt(st.integers(1, 99)))
    sent = draw(st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2069, 12, 31)))
    source = MessageSource(
        file=None,
        interchange_ref=draw(st.text("ABC0123456789", min_size=1, max_size=14)),
        message_ref=draw(st.text("ABC0123456789", min_size=1, max_size=14)),
        sender=draw(st.text("ABCXYZ*", min_size=1, max_size=8).filter(lambda s: s.strip() == s)),
        recipient=draw(st.text("ABCXYZ", min_size=1, max_size=8)),
        version=draw(st.sampled_from(["D:02B", "D:05B", "D:12B"])),
        sent_at=sent.strftime("%Y-%m-%dT%H:%M"),
        function=draw(st.sampled_from(FUNCTIONS)),
        part=part,
        final=draw(_opt(st.booleans())) if part is not None else None,
        message_type="PAXLST",
        common_access_ref=draw(_opt(st.text("ABC0123456789/", min_size=1, max_size=14))),
        message_index=0,
    )
    message = Message(
        kind="api", source=source, flights=legs,
        travellers=tuple(draw(st.lists(travellers(seps), max_size=3))),
        primary_leg=draw(st.integers(0, len(legs) - 1)),
    )
    return seps, message


def _without_ids(message: Message) -> Message:
    return replace(message, travellers=tuple(replace(t, id=None) for t in message.travellers))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(api_messages(), st.sampled_from(["\n", "", "\r\n"]), st.booleans())
def test_paxlst_writer_is_the_inverse_of_the_parser(case: tuple[Separators, Message], line_break: str,
                                                     group: bool) -> None:
    seps, message = case
    text = write_paxlst(message, seps=seps, line_break=line_break, group=group)
    [raw] = read_payload(text.encode("utf-8")).messages
    parsed = parse_paxlst(raw)
    assert parsed.warnings == ()
    assert _without_ids(parsed) == message


# --- the reader never raises ------------------------------------------------------------------

EDIFACT_ISH = st.lists(
    st.sampled_from(["UNA", ":+.? '", "UNB", "UNG", "UNH", "UNT", "UNE", "UNZ", "+", ":", "'", "?", "??", "PAXLST",
                     "D:05B", "NAD", "FL", "TDT", "LOC", "125", "DTM", "189:2601011200:201", "CNT", "\r\n", "\r",
                     " ", "\x02", "\x03", "é", "\x87", "UNA:*.? $", "*", "$", "1", "CUSRES"]),
    max_size=60,
).map(lambda parts: "".join(parts).encode("cp1252", errors="replace"))


@SETTINGS
@given(st.one_of(st.binary(max_size=300), EDIFACT_ISH))
def test_reader_never_raises_and_accounts_for_every_unit(raw: bytes) -> None:
    payload = read_payload(raw, "fuzz.edi")
    assert payload.messages or payload.failures
    results = parse_payload(raw, "fuzz.edi")
    assert len(results) == len(payload.messages) + len(payload.failures)
    for result in results:
        assert isinstance(result, (Message, DeadLetter))
        if isinstance(result, DeadLetter):
            assert result.reason
            assert result.raw in raw  # the bytes as received, never re-encoded
