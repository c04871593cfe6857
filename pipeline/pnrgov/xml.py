"""PNRGOV XML (``IATA_PNRGOV_NotifRQ``, 13.1 and later) into the same model as the EDIFACT form.

The payload is parsed with the standard library (expat: external entities are never
resolved; any DTD or entity declaration is refused outright). Each ``PNR`` element becomes
one unit. A unit is translated into the segments the EDIFACT form would carry (same element
layout) and parsed by ``parse_pnr_segments`` — one walker, one model, one set of rules for
both forms. The element names follow the public descriptions of the IATA XML guide; the
mapping is documented in docs/pnrgov.md and is exactly what ``write_pnrgov_xml`` writes.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pipeline.edifact.segment import Segment
from pipeline.errors import MessageError
from pipeline.model import Message, MessageSource
from pipeline.normalise.dates import reference_date
from pipeline.pnrgov.airimp import encode_email
from pipeline.pnrgov.parser import parse_pnr_segments
from pipeline.pnrgov.writer import MONTHS, date_time

ROOT = "IATA_PNRGOV_NotifRQ"
NAMESPACE = "http://www.iata.org/IATA/2007/00"
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def looks_like_xml(raw: bytes) -> bool:
    """True when the first non-blank character (after a UTF-8 BOM) is ``<``."""
    head = raw[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem if _local(c.tag) == name]


def _child(elem: ET.Element, name: str) -> ET.Element | None:
    found = _children(elem, name)
    return found[0] if found else None


def _text(elem: ET.Element | None) -> str:
    return (elem.text or "").strip() if elem is not None else ""


@dataclass(frozen=True, slots=True)
class XmlPnr:
    """One PNR of an XML push: the push header, the PNR element and its position."""

    root: ET.Element
    pnr: ET.Element
    file: str | None
    index: int

    def raw(self) -> bytes:
        """The PNR element in canonical XML (C14N 2.0, prefixes rewritten): the same bytes
        whatever namespace prefixes the process has registered (traveller ids hash them).
        The text after the element (its tail, stray characters in a damaged push) is not
        part of it: serialised with it, the element would not be well-formed XML."""
        pnr = copy.copy(self.pnr)
        pnr.tail = None
        text = ET.tostring(pnr, encoding="unicode")
        return ET.canonicalize(text, rewrite_prefixes=True).encode("utf-8")

    def where(self, seg: Segment) -> str:
        return f"{self.file or '<payload>'}: PNR {self.index + 1}, element {seg.number} ({seg.tag})"

    def source(self) -> MessageSource:
        root, originator = self.root, _child(self.root, "Originator")
        return MessageSource(
            file=self.file, interchange_ref=root.get("EchoToken") or None, message_ref=None,
            sender=originator.get("AirlineCode") if originator is not None else None,
            recipient=root.get("Recipient") or None, version=root.get("Version") or None,
            sent_at=(root.get("TimeStamp") or "")[:16] or None, function=None, message_type="PNRGOV",
            message_index=self.index,
        )


class XmlPayloadError(ValueError):
    """An XML payload that is not a readable PNRGOV push; the text says where and why."""


def read_xml_pnrs(raw: bytes, file: str | None = None) -> list[XmlPnr]:
    """The PNRs of an XML payload, in document order. Raises ``XmlPayloadError`` for a payload
    that is not well-formed (with line and column), declares a DTD, entities or an unknown
    character encoding, or whose root
    is not ``IATA_PNRGOV_NotifRQ``."""
    name = file or "<payload>"
    if _DECLARATION.search(raw):
        raise XmlPayloadError(f"{name}: XML declares a DTD or entities; refused (never resolved)")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        line, column = exc.position
        what = str(exc).split(":", 1)[0]  # expat's message without its own position
        raise XmlPayloadError(f"{name}:{line}:{column}: malformed XML ({what})") from None
    except LookupError:  # expat looks up the declared encoding: <?xml version="1.0" encoding="UTF-S"?>
        raise XmlPayloadError(f"{name}:1: XML declares an unknown character encoding") from None
    if _local(root.tag) != ROOT:
        raise XmlPayloadError(f"{name}: XML root element is {_local(root.tag)!r}, expected {ROOT!r}")
    pnrs_elem = _child(root, "PNRs")
    pnrs = _children(pnrs_elem, "PNR") if pnrs_elem is not None else []
    return [XmlPnr(root, p, file, i) for i, p in enumerate(pnrs)] or [XmlPnr(root, ET.Element("PNR"), file, -1)]


class _Segments:
    """Collects synthetic segments, numbered in document order."""

    def __init__(self) -> None:
        self.out: list[Segment] = []

    def add(self, tag: str, *elements: str | list[str]) -> None:
        els = tuple((e,) if isinstance(e, str) else tuple(e) for e in elements)
        self.out.append(Segment(tag, els, number=len(self.out) + 1))


def _dt(value: str | None) -> list[str]:
    """ISO date[-time] → [DDMMYY, HHMM]; empty list when absent or not ISO."""
    if not value:
        return []
    try:
        return date_time(value[:16])
    except ValueError:
        return []


def _tvl(s: _Segments, e: ET.Element, number_attr: str = "FlightNumber") -> None:
    dep, arr = _dt(e.get("DepartureDateTime")), _dt(e.get("ArrivalDateTime"))
    marketing = _child(e, "MarketingAirline")
    carrier = e.get("CarrierCode") or (marketing.get("Code") if marketing is not None else "") or ""
    number = e.get(number_attr) or (marketing.get("FlightNumber") if marketing is not None else "") or ""
    s.add("TVL", [dep[0] if dep else "", dep[1] if len(dep) > 1 else "", arr[0] if arr else "",
                  arr[1] if len(arr) > 1 else ""],
          _code(e, "DepartureAirport"), _code(e, "ArrivalAirport"), carrier, [number, e.get("BookingClass", "")])


def _code(e: ET.Element, name: str) -> str:
    child = _child(e, name)
    return (child.get("LocationCode") or "") if child is not None else ""


def _ssr(s: _Segments, e: ET.Element, ref: str = "") -> None:
    rph = e.get("RPH") or ref
    s.add("SSR", [e.get("Code", ""), e.get("Status", ""), e.get("Quantity", ""), e.get("Airline", ""), "", "",
                  e.get("BoardPoint", ""), e.get("OffPoint", ""), _text(e)], ["", "", rph])


def _airimp(value: str) -> str:
    """An ISO date attribute as an AIRIMP date with a four-digit year (``12JUL1964``)."""
    try:
        d = dt.date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day:02d}{MONTHS[d.month - 1]}{d.year:04d}"


def _docs_text(d: ET.Element) -> str:
    fields = [d.get("DocType", ""), d.get("DocIssueCountry", ""), d.get("DocID", ""), d.get("Nationality", ""),
              _airimp(d.get("DateOfBirth", "")), d.get("Gender", ""), _airimp(d.get("ExpiryDate", "")),
              d.get("Surname", ""),
              d.get("FirstGivenName", ""), d.get("SecondGivenName", "")]
    return "/" + "/".join(fields)


def _address(s: _Segments, a: ET.Element) -> None:
    s.add("ADD", "", [a.get("Type", ""), a.get("Street", ""), a.get("City", ""), a.get("State", ""), "",
                      a.get("Country", ""), a.get("PostalCode", ""), a.get("Phone", "")])


def _contacts(s: _Segments, e: ET.Element, ref: str, carrier: str) -> None:
    for info in _children(e, "ContactInfo"):
        for email in _children(info, "Email"):
            if ref:
                s.add("SSR", ["CTCE", "HK", "1", carrier, "", "", "", "", encode_email(_text(email))], ["", "", ref])
            else:
                s.add("IFT", ["4", "28", "", carrier], f"CTCE {encode_email(_text(email))}")
        for phone in _children(info, "Phone"):
            if ref:
                s.add("SSR", ["CTCM", "HK", "1", carrier, "", "", "", "", _text(phone)], ["", "", ref])
            else:
                s.add("IFT", ["4", "28", "", carrier], f"CTCP {_text(phone)}")


def _payment(s: _Segments, p: ET.Element) -> None:
    s.add("FOP", [p.get("Type", ""), "", p.get("Amount", ""), p.get("CardType", ""), p.get("CardNumber", ""),
                  p.get("Expiry", "")])
    payer = _child(p, "Payer")
    if payer is not None:
        s.add("IFT", ["4", "43"], payer.get("Name", ""), payer.get("Address", ""), payer.get("Phone", ""))
    billing = _child(p, "BillingAddress")
    if billing is not None:
        _address(s, billing)


def _ticket(s: _Segments, t: ET.Element, ref: str = "") -> None:
    if t.get("Source") == "TKNE":
        number = ("INF" if t.get("Type") == "INF" else "") + t.get("Number", "") + "C1"
        s.add("SSR", ["TKNE", "HK", "1", "", "", "", "", "", number], ["", "", ref])
        return
    s.add("TKT", [t.get("Number", ""), t.get("Type", ""), t.get("Coupons", "")])
    mon = [[q, t.get(attr, ""), t.get("Currency", "")] for q, attr in (("B", "BaseFare"), ("T", "TotalFare"))
           if t.get(attr)]
    if mon:
        s.add("MON", *mon)
    if t.get("Pricing") or t.get("IssuingCarrier") or t.get("IssuingPlace"):
        s.add("PTK", t.get("Pricing", ""), "", "", t.get("IssuingCarrier", ""), "", t.get("IssuingPlace", ""))
    taxes = [[x.get("Amount", ""), "", "", x.get("Code", "")] for x in _children(t, "Tax")]
    if taxes:
        s.add("TXD", "", *taxes)
    if t.get("Issued"):
        s.add("DAT", ["710", *_dt(t.get("Issued"))])
    for p in _children(t, "Payment"):
        _payment(s, p)


def _bag(s: _Segments, b: ET.Element) -> None:
    tags = [["", x.get("Number", ""), "", x.get("Destination", "")] for x in _children(b, "Tag")]
    s.add("TBD", "", [b.get("Count", ""), b.get("Weight", ""), b.get("Unit", "")], "", b.get("Pool", ""), *tags)


def _passenger(s: _Segments, p: ET.Element, carrier: str) -> None:
    ref = p.get("RPH", "")
    given = " ".join(x for x in (_text(_child(p, "GivenName")), p.get("Title", "")) if x)
    s.add("TIF", _text(_child(p, "Surname")), [given, p.get("PassengerType", ""), ref])
    for ff in _children(p, "FrequentFlyer"):
        s.add("FTI", [ff.get("Airline", ""), ff.get("Number", "")])
    if p.get("UniqueRef"):
        s.add("REF", ["", p.get("UniqueRef", "")])
    for x in _children(p, "ExcessBaggage"):
        s.add("EBD", x.get("Charge", "").split(" ", 1), [x.get("Count", ""), x.get("Weight", ""), x.get("Unit", "")])
    for doc_ssr in _children(p, "DOC_SSR"):
        for d in doc_ssr:
            kind = _local(d.tag)
            text = _docs_text(d) if kind == "DOCS" and d.attrib else _text(d)
            s.add("SSR", [kind, "HK", "1", carrier, "", "", "", "", text], ["", "", d.get("RPH") or ref])
    _contacts(s, p, ref, carrier)
    for x in _children(p, "SSR"):
        _ssr(s, x, ref)
    for a in _children(p, "Address"):
        _address(s, a)
    for t in _children(p, "Ticket"):
        _ticket(s, t, ref)


def _flight(s: _Segments, f: ET.Element) -> None:
    if f.get("NonAir") == "true":
        s.add("MSG", "8")
    _tvl(s, f)
    operating = _child(f, "OperatingAirline")
    if operating is not None:
        s.add("TRA", operating.get("Code", ""), [operating.get("FlightNumber", ""), operating.get("BookingClass", "")])
    if f.get("NumberInParty") or f.get("Status"):
        s.add("RPI", f.get("NumberInParty", ""), f.get("Status", ""))
    if f.get("Equipment"):
        s.add("APD", f.get("Equipment", ""))
    for seat in _children(f, "Seat"):
        s.add("SSR", ["SEAT", "HK", "1"], [seat.get("Number", ""), "", seat.get("RPH", "")])
    for x in _children(f, "SSR"):
        _ssr(s, x)
    if f.get("OperatingLocator"):
        s.add("RCI", f.get("OperatingLocator", "").split(":", 1))
    for b in _children(f, "Bag"):
        _bag(s, b)
    for c in _children(f, "CheckIn"):
        s.add("DAT", ["2", *_dt(c.get("DateTime"))])
        if c.get("Location"):
            s.add("ORG", c.get("Location", "").split(":", 1))
        for p in _children(c, "Passenger"):
            s.add("TRI", "", [p.get("Sequence", ""), "", "", p.get("RPH", "")])
            if p.get("Seat") or p.get("Cabin"):
                s.add("SSD", p.get("Seat", ""), "", "", "", p.get("Cabin", ""))
            for b in _children(p, "Bag"):
                _bag(s, b)


def _locator(b: ET.Element) -> list[str]:
    company = _child(b, "CompanyName")
    return [company.get("Code", "") if company is not None else "", b.get("ID", ""), b.get("Type", ""),
            *_dt(b.get("CreationDate"))]


def _agency(s: _Segments, pos: ET.Element) -> None:
    src = _child(pos, "Source")
    if src is None:
        s.add("ORG")
        return
    g = src.get
    s.add("ORG", [g("CRS", ""), g("CRSLocation", "")], [g("IATANumber", ""), g("OfficeID", "")], g("Location", ""),
          [g("Company", ""), g("CompanyLocation", "")], g("OriginatorType", ""), [g("Country", ""), g("Currency", "")],
          g("AgentCode", ""))


def xml_segments(unit: XmlPnr) -> list[Segment]:
    """The EDIFACT-equivalent segments of one XML PNR (level-0 header + Gr1)."""
    s = _Segments()
    root, pnr = unit.root, unit.pnr
    s.add("UNH")
    s.add("MSG", ["", root.get("MessageFunction", "")])
    originator = _child(root, "Originator")
    carrier = originator.get("AirlineCode", "") if originator is not None else ""
    s.add("ORG", carrier)
    leg = _child(root, "FlightLeg")
    if leg is not None:
        _tvl(s, leg)
    if unit.index < 0:
        return s.out
    s.add("SRC")
    locators = _children(pnr, "BookingRefID")
    s.add("RCI", *[_locator(b) for b in locators])
    dat = [[q, *_dt(pnr.get(attr))] for q, attr in (("700", "PNR_TransDate"), ("710", "TicketingDate"))
           if pnr.get(attr)]
    if dat:
        s.add("DAT", *dat)
    pnr_carrier = _locator(locators[0])[0] if locators else carrier
    _contacts(s, pnr, "", pnr_carrier)
    for r in _children(pnr, "Remark"):
        s.add("IFT", ["4", "28"], _text(r))
    pos = _child(pnr, "POS")
    if pos is not None:
        _agency(s, pos)
    for a in _children(pnr, "Address"):
        _address(s, a)
    for x in _children(pnr, "ExcessBaggage"):
        s.add("EBD", x.get("Charge", "").split(" ", 1), [x.get("Count", ""), x.get("Weight", ""), x.get("Unit", "")])
    for x in _children(pnr, "SSR"):
        _ssr(s, x)
    for t in _children(pnr, "Ticket"):
        _ticket(s, t)
    for p in _children(pnr, "Payment"):
        _payment(s, p)
    if _child(pnr, "GroupName") is not None:
        s.add("TIF", [_text(_child(pnr, "GroupName")), "G"])
    for p in _children(pnr, "Passenger"):
        _passenger(s, p, pnr_carrier)
    for f in _children(pnr, "Flight"):
        _flight(s, f)
    split = _child(pnr, "SplitPNR")
    if split is not None:
        s.add("EQN", split.get("Count", ""))
        refs = [_locator(b) for b in _children(split, "BookingRefID")]
        if refs:
            s.add("RCI", *refs)
    history = _child(pnr, "History")
    for h in _children(history, "Entry") if history is not None else []:
        _history(s, h)
    return s.out


def _history(s: _Segments, h: ET.Element) -> None:
    kind = h.get("Kind", "")
    if kind == "LTS":
        s.add("LTS", _text(h))
    elif kind == "ABI":
        first, _, second = _text(h).partition(" ")
        s.add("ABI", "1", ["", h.get("Office", "")], first, "", second)
        if h.get("DateTime"):
            s.add("DAT", ["ZT", *_dt(h.get("DateTime"))])
    else:
        s.add("SAC", "", "", h.get("Action", ""))
        if h.get("Tag"):
            s.add(h.get("Tag", "").upper(), *[e.split(":") for e in _text(h).split(" ")])


def parse_xml_pnr(unit: XmlPnr) -> Message:
    """Parse one XML PNR. Raises ``MessageError`` (precise reason) when it cannot."""
    if _child(unit.root, "FlightLeg") is None:
        raise MessageError("no FlightLeg element: expected the pushed flight", f"{unit.file or '<payload>'}")
    segments = xml_segments(unit)
    source = unit.source()
    return parse_pnr_segments(
        segments, raw=unit.raw(), source=source, where=unit.where,
        reference=reference_date(source.sent_at) or _flight_date(segments),
    )


def _flight_date(segments: list[Segment]) -> dt.date | None:
    tvl = next((x for x in segments if x.tag == "TVL"), None)
    if tvl is None or len(tvl.get(0)) != 6:
        return None
    try:
        return dt.datetime.strptime(tvl.get(0), "%d%m%y").date()
    except ValueError:
        return None
