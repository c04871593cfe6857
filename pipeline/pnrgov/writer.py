"""Booking records → PNRGOV EDIFACT: the inverse of ``parse_pnr`` for every field it reads.

Used by the round-trip property tests and by the traffic generator. A record is a ``Pnr``
plus its ``Traveller``s (``pnr_record(message)`` takes them from a parsed message). What the
parser derives is not written twice: ``Pnr.emails``/``phones`` are written once, where they
belong (traveller, address, payer or PNR level); traveller seat/bags come from the seat,
check-in and bag entries; ``co_travellers`` from the number of travellers.

Travellers: the TIF is written from ``references`` TIF_SURNAME / TIF_GIVEN / TITLE /
PAX_TYPE / TID when present (else from the document-form name), REF from ``REF``. An infant
with ``INFANT_OF`` and no TIF_SURNAME is written as SSR INFT on its adult. A DOCS is written
when the traveller has a date of birth, gender, nationality, a non-visa document, or a name
that differs from the TIF; visas (type V) and documents with an issue date go to DOCO.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pipeline.edifact.separators import DEFAULT, Separators
from pipeline.edifact.writer import Element, write_interchange
from pipeline.model import Flight, Message, TravelDocument, Traveller
from pipeline.normalise.dates import DateKind, ddmmmyy
from pipeline.normalise.names import tif_given_names, tif_surname
from pipeline.pnrgov.airimp import encode_email
from pipeline.pnrgov.model import Address, BagInfo, HistoryEntry, Leg, Payment, Pnr, Ticket

Seg = tuple[str, Sequence[Element]]
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DOCA_KINDS = frozenset({"D", "R"})


def pnr_record(message: Message) -> tuple[Pnr, tuple[Traveller, ...]]:
    """The (booking record, travellers) of a parsed PNR message."""
    if not isinstance(message.pnr, Pnr):
        raise ValueError("not a PNR message: its pnr is not a booking record")
    return message.pnr, message.travellers


def date_time(iso: str | None) -> list[str]:
    """``2026-03-01T09:15`` → ``["010326", "0915"]``; ``2026-03-01`` → ``["010326"]``; None → []."""
    if not iso:
        return []
    d = dt.date.fromisoformat(iso[:10])
    out = [d.strftime("%d%m%y")]
    if len(iso) >= 16:
        out.append(iso[11:13] + iso[14:16])
    return out


def airimp_date(iso: str | None, kind: DateKind = "event", reference: dt.date | None = None) -> str:
    """``1964-07-12`` → ``12JUL64``; empty for None. The year has four digits (``12JUL1864``)
    when the parser's century inference for ``kind`` relative to ``reference`` would not give
    it back from two."""
    if not iso or len(iso) < 10:
        return ""
    d = dt.date.fromisoformat(iso[:10])
    short = f"{d.day:02d}{MONTHS[d.month - 1]}{d.year % 100:02d}"
    return short if ddmmmyy(short, kind, reference) == iso[:10] else f"{short[:5]}{d.year:04d}"


def _tvl(flight: Flight, booking_class: str | None = None, operating: str | None = None) -> Seg:
    dep = date_time(flight.departure_local)
    arr = date_time(flight.arrival_local)
    when = [dep[0] if dep else "", dep[1] if len(dep) > 1 else "", arr[0] if arr else "",
            arr[1] if len(arr) > 1 else ""]
    carrier: Element = [flight.carrier or "", operating] if operating else (flight.carrier or "")
    number: Element = [flight.number or "", booking_class] if booking_class else (flight.number or "")
    return "TVL", [when, flight.origin or "", flight.destination or "", carrier, number]


def _add(a: Address) -> Seg:
    return "ADD", ["", [a.kind or "", a.street or "", a.city or "", a.state or "", "", a.country or "",
                        a.postcode or "", a.phone or ""]]


def _ssr(code: str, text: str = "", ref: str | None = None, carrier: str = "", status: str = "HK",
         board: str = "", off: str = "") -> Seg:
    elements: list[Element] = [[code, status, "1", carrier, "", "", board, off, text]]
    if ref:
        elements.append(["", "", ref])
    return "SSR", elements


def _ref(t: Traveller) -> dict[str, str]:
    return dict(t.references)


def _gender(t: Traveller) -> str:
    g = t.gender or ""
    return g + "I" if g in ("M", "F") and t.role == "infant" else g


def _tif_names(t: Traveller) -> tuple[str, str]:
    refs = _ref(t)
    surname = refs.get("TIF_SURNAME", t.surname or "")
    given = refs.get("TIF_GIVEN", t.given_names or "")
    title = refs.get("TITLE")
    return surname, f"{given} {title}".strip() if title else given


def _needs_docs(t: Traveller, docs: list[TravelDocument]) -> bool:
    surname, given = _tif_names(t)
    derived = (tif_surname(surname), tif_given_names(given)[0])
    return bool(t.date_of_birth or t.gender or t.nationality or docs or derived != (t.surname, t.given_names))


def _is_doco(d: TravelDocument) -> bool:
    return d.type == "V" or d.issue_date is not None


def _documents(t: Traveller, tid: str | None, carrier: str, ref: dt.date | None) -> list[Seg]:
    out: list[Seg] = []
    docs = [d for d in t.documents if not _is_doco(d)]
    personal = [t.nationality or "", airimp_date(t.date_of_birth, "birth", ref), _gender(t)]
    names = [t.surname or "", t.given_names or ""]
    if _needs_docs(t, docs):
        for d in docs or [TravelDocument()]:
            fields = [d.type or "", d.issuing_country or "", d.number or "", *personal, airimp_date(d.expiry, "expiry", ref), *names]
            out.append(_ssr("DOCS", "/" + "/".join(fields), tid, carrier))
    visas = [d for d in t.documents if _is_doco(d)]
    for i, d in enumerate(visas or ([TravelDocument()] if t.birth_place else [])):
        place = t.birth_place or "" if i == 0 else ""
        fields = [place, d.type or "", d.number or "", "", airimp_date(d.issue_date, "event", ref), d.issuing_country or ""]
        out.append(_ssr("DOCO", "/" + "/".join(fields), tid, carrier))
    return out


def _payment_segments(p: Payment) -> list[Seg]:
    out: list[Seg] = [("FOP", [[p.type or "", "", p.amount or "", p.card_type or "", p.card_number or "",
                                p.expiry or ""]])]
    if p.payer or p.payer_address or p.payer_phone:
        out.append(("IFT", [["4", "43"], p.payer or "", p.payer_address or "", p.payer_phone or ""]))
    if p.billing_address is not None:
        out.append(_add(p.billing_address))
    return out


def _ticket_segments(t: Ticket, payments: Sequence[Payment]) -> list[Seg]:
    out: list[Seg] = [("TKT", [[t.number or "", t.type or "", t.coupons or ""]])]
    mon: list[Element] = []
    if t.base_fare:
        mon.append(["B", t.base_fare, t.currency or ""])
    if t.total_fare:
        mon.append(["T", t.total_fare, t.currency or ""])
    if mon:
        out.append(("MON", mon))
    if t.pricing or t.issuing_carrier or t.issuing_place:
        out.append(("PTK", [t.pricing or "", "", "", t.issuing_carrier or "", "", t.issuing_place or ""]))
    if t.taxes:
        out.append(("TXD", ["", *[[amount, "", "", code] for code, amount in t.taxes]]))
    if t.issued:
        out.append(("DAT", [["710", *date_time(t.issued)]]))
    for p in payments:
        if p.ticket == t.number and t.number:
            out.extend(_payment_segments(p))
    return out


def _ebd(b: BagInfo) -> Seg:
    charge = (b.excess_charge or "").split(" ", 1)
    weight = f"{b.weight:g}" if b.weight is not None else ""
    return "EBD", [[charge[0], charge[1] if len(charge) > 1 else ""],
                   [str(b.count) if b.count is not None else "", weight, b.unit or ""]]


def _tbd(b: BagInfo) -> Seg:
    weight = f"{b.weight:g}" if b.weight is not None else ""
    tags: list[Element] = [["", tag, "", b.destinations[i] if i < len(b.destinations) else ""]
                           for i, tag in enumerate(b.tags)]
    tags += [["", "", "", dest] for dest in b.destinations[len(b.tags):]]
    return "TBD", ["", [str(b.count) if b.count is not None else "", weight, b.unit or ""], "", b.pool or "", *tags]


def _traveller_segments(t: Traveller, pnr: Pnr, travellers: Sequence[Traveller], carrier: str,
                        ref: dt.date | None) -> list[Seg]:
    refs = _ref(t)
    tid = refs.get("TID")
    surname, given = _tif_names(t)
    out: list[Seg] = [("TIF", [surname, [given, refs.get("PAX_TYPE", ""), tid or ""]])]
    for ff in t.frequent_flyer:
        airline, _, number = ff.rpartition(" ")
        out.append(("FTI", [[airline, number]]))
    if refs.get("REF"):
        out.append(("REF", [["", refs["REF"]]]))
    out.extend(_ebd(b) for b in pnr.bags if b.leg is None and b.traveller == tid and tid)
    for infant in travellers:
        irefs = _ref(infant)
        if irefs.get("INFANT_OF") == tid and tid and "TIF_SURNAME" not in irefs:
            born = airimp_date(infant.date_of_birth, "birth", ref)
            text = f"{infant.surname or ''}/{infant.given_names or ''} {born}".strip()
            out.append(_ssr("INFT", text, tid, carrier))
            out.extend(_documents(infant, tid, carrier, ref))
    out.extend(_documents(t, tid, carrier, ref))
    for a in pnr.addresses:
        if a.traveller == tid and tid and a.kind in DOCA_KINDS:
            text = "/" + "/".join([a.kind or "", a.country or "", a.street or "", a.city or "", a.state or "",
                                   a.postcode or ""])
            out.append(_ssr("DOCA", text, tid, carrier))
    out.extend(_ssr("CTCE", encode_email(e), tid, carrier) for e in t.emails)
    out.extend(_ssr("CTCM", p, tid, carrier) for p in t.phones)
    for tk in pnr.tickets:
        if tk.source == "TKNE" and tk.traveller == tid and tid:
            out.append(_ssr("TKNE", ("INF" if tk.type == "INF" else "") + (tk.number or "") + "C1", tid, carrier))
    out.extend(_ssr(s.code, s.text or "", tid, carrier, s.status or "")
               for s in pnr.services if s.traveller == tid and tid and s.leg is None)
    out.extend(_add(a) for a in pnr.addresses if a.traveller == tid and tid and a.kind not in DOCA_KINDS)
    for tk in pnr.tickets:
        if tk.source == "TKT" and tk.traveller == tid and tid:
            out.extend(_ticket_segments(tk, pnr.payment))
    return out


def _leg_segments(i: int, leg: Leg, pnr: Pnr, modern: bool) -> list[Seg]:
    f = leg.flight
    out: list[Seg] = []
    if leg.non_air:
        return [("MSG", ["8"]), _tvl(f, leg.booking_class)]
    operating_flight = leg.operating_number or leg.operating_class
    if modern and (leg.operating_carrier or operating_flight):
        out.append(_tvl(f, leg.booking_class))
        out.append(("TRA", [leg.operating_carrier or "", [leg.operating_number or "", leg.operating_class or ""]]))
    else:
        out.append(_tvl(f, leg.booking_class, leg.operating_carrier))
        if operating_flight:
            out.append(("TVL", ["", "", "", "", [leg.operating_number or "", leg.operating_class or ""]]))
    if leg.party_size is not None or leg.status:
        out.append(("RPI", [str(leg.party_size) if leg.party_size is not None else "", leg.status or ""]))
    if leg.equipment:
        out.append(("APD", [leg.equipment]))
    carrier = f.carrier or ""
    for s in pnr.seats:
        if s.leg == i:
            out.append(("SSR", [["SEAT", "HK", "1", carrier, "", "", f.origin or "", f.destination or ""],
                                [s.seat or "", "", s.traveller or ""]]))
    out.extend(_ssr(s.code, s.text or "", s.traveller, carrier, s.status or "") for s in pnr.services if s.leg == i)
    if leg.operating_locator:
        out.append(("RCI", [leg.operating_locator.split(":", 1)]))
    out.extend(_tbd(b) for b in pnr.bags if b.leg == i and b.traveller is None)
    contexts: list[tuple[str | None, str | None]] = []
    for c in pnr.checkins:
        if c.leg == i and (c.at, c.location) not in contexts:
            contexts.append((c.at, c.location))
    for at, location in contexts:
        out.append(("DAT", [["2", *date_time(at)]]))
        if location:
            out.append(("ORG", [location.split(":", 1)]))
        for c in pnr.checkins:
            if c.leg == i and (c.at, c.location) == (at, location):
                out.append(("TRI", ["", [c.sequence or "", "", "", c.traveller or ""]]))
                if c.seat or c.cabin:
                    out.append(("SSD", [c.seat or "", "", "", "", c.cabin or ""]))
                out.extend(_tbd(b) for b in pnr.bags if b.leg == i and b.traveller == c.traveller and c.traveller)
    return out


def _history_segments(entries: Sequence[HistoryEntry]) -> list[Seg]:
    out: list[Seg] = []
    for h in entries:
        if h.kind == "LTS":
            out.append(("LTS", [h.text or ""]))
            continue
        if h.kind == "ABI":
            first, _, second = (h.text or "").partition(" ")
            out.append(("ABI", ["1", ["", h.office or ""], first, "", second]))
            if h.at:
                out.append(("DAT", [["ZT", *date_time(h.at)]]))
            continue
        out.append(("SAC", ["", "", h.action or ""]))
        if h.tag:
            out.append((h.tag, [e.split(":") for e in (h.text or "").split(" ")]))
    return out


def pnr_segments(pnr: Pnr, travellers: Sequence[Traveller], version: str = "13:1",
                 reference: dt.date | None = None) -> list[Seg]:
    """The Gr1 of one booking record: SRC up to the last history segment. ``reference`` is the
    date the parser will infer two-digit DOCS years from (the interchange date)."""
    carrier = pnr.carrier or ""
    out: list[Seg] = [("SRC", [])]
    created = date_time(pnr.created)
    locators: list[Element] = [[carrier, pnr.locator or "", "", *created]]
    locators += [[x.carrier or "", x.locator or "", x.kind or "", *date_time(x.created)] for x in pnr.other_locators]
    out.append(("RCI", locators))
    dat: list[Element] = []
    if pnr.last_modified:
        dat.append(["700", *date_time(pnr.last_modified)])
    if pnr.ticketed:
        dat.append(["710", *date_time(pnr.ticketed)])
    if dat:
        out.append(("DAT", dat))
    own_emails = {e for t in travellers for e in t.emails}
    derived_phones = {p for t in travellers for p in t.phones} | {a.phone for a in pnr.addresses if a.phone} | {
        p.payer_phone for p in pnr.payment if p.payer_phone}
    out.extend(("IFT", [["4", "28", "", carrier], f"CTCE {encode_email(e)}"]) for e in pnr.emails
               if e not in own_emails)
    out.extend(("IFT", [["4", "28", "", carrier], f"CTCP {p}"]) for p in pnr.phones if p not in derived_phones)
    out.extend(("IFT", [["4", "28"], r]) for r in pnr.remarks)
    a = pnr.agency
    if pnr.cancelled:
        out.append(("ORG", []))
    elif a is not None:
        out.append(("ORG", [[a.crs or "", a.crs_location or ""], [a.iata_number or "", a.office_id or ""],
                            a.location or "", [a.company or "", a.company_location or ""], a.originator_type or "",
                            [a.country or "", a.currency or ""], a.agent_code or ""]))
    out.extend(_add(x) for x in pnr.addresses if x.traveller is None)
    out.extend(_ebd(b) for b in pnr.bags if b.leg is None and b.traveller is None)
    out.extend(_ssr(s.code, s.text or "", None, carrier, s.status or "")
               for s in pnr.services if s.traveller is None and s.leg is None)
    for tk in pnr.tickets:
        if tk.traveller is None and tk.source == "TKNE":
            out.append(_ssr("TKNE", ("INF" if tk.type == "INF" else "") + (tk.number or "") + "C1", None, carrier))
    for tk in pnr.tickets:
        if tk.traveller is None and tk.source == "TKT":
            out.extend(_ticket_segments(tk, pnr.payment))
    numbers = {tk.number for tk in pnr.tickets if tk.number and tk.source == "TKT"}
    for p in pnr.payment:
        if p.ticket not in numbers:
            out.extend(_payment_segments(p))
    if pnr.group_name:
        out.append(("TIF", [[pnr.group_name, "G"]]))
    writable = [t for t in travellers if "TIF_SURNAME" in _ref(t) or "INFANT_OF" not in _ref(t)]
    for t in writable:
        out.extend(_traveller_segments(t, pnr, travellers, carrier, reference))
    modern = int(version.split(":")[0] or 0) >= 14
    for i, leg in enumerate(pnr.itinerary):
        out.extend(_leg_segments(i, leg, pnr, modern))
    if pnr.split_count is not None or pnr.split_pnrs:
        out.append(("EQN", [str(pnr.split_count) if pnr.split_count is not None else ""]))
        if pnr.split_pnrs:
            out.append(("RCI", [[x.carrier or "", x.locator or "", x.kind or "", *date_time(x.created)]
                                for x in pnr.split_pnrs]))
    out.extend(_history_segments(pnr.history))
    return out


def write_pnrgov(
    records: Sequence[tuple[Pnr, Sequence[Traveller]]],
    flight: Flight,
    *,
    function: str = "22",
    sender: str | None = None,
    recipient: str = "GOV",
    version: str = "13:1",
    interchange_ref: str = "1",
    message_ref: str = "1",
    common_access_ref: str | None = None,
    sent: tuple[str, str] = ("260101", "0000"),
    seps: Separators = DEFAULT,
    with_una: bool = True,
    line_break: str = "\n",
    total: int | None = None,
) -> str:
    """One PNRGOV interchange pushing ``records`` for the pushed ``flight``.

    ``function`` is MSG 1225 (``22`` full, ``141`` update; a ``Pnr`` with ``cancelled`` gets an
    empty ORG). ``total`` is the level-0 EQN (default: the number of records). ``version`` is
    ``13:1`` style; from 14 on a codeshare's operating flight is written as TRA, before as a
    second TVL. ``sent`` is (YYMMDD, HHMM).
    """
    carrier = sender or flight.carrier or "XX"
    major, _, release = version.partition(":")
    unh: list[Element] = [message_ref, ["PNRGOV", major, release or "1", "IA"]]
    if common_access_ref:
        unh.append(common_access_ref)
    message: list[Seg] = [
        ("UNH", unh),
        ("MSG", [["", function]]),
        ("ORG", [[carrier]]),
        _tvl(flight),
        ("EQN", [str(total if total is not None else len(records))]),
    ]
    reference = dt.datetime.strptime(sent[0], "%y%m%d").date()
    for pnr, travellers in records:
        message.extend(pnr_segments(pnr, travellers, version, reference))
    return write_interchange(
        [message], sender=carrier, recipient=recipient, interchange_ref=interchange_ref, sent=sent,
        syntax=("IATA", "1"), seps=seps, with_una=with_una, line_break=line_break,
    )
