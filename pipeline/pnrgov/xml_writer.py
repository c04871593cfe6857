"""Booking records → PNRGOV XML (``IATA_PNRGOV_NotifRQ``): the inverse of ``pipeline.pnrgov.xml``.

Same rules as the EDIFACT writer (``pipeline.pnrgov.writer``) about what is written where;
only the syntax differs. Used by round-trip tests and the traffic generator's XML pushes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from pipeline.model import Flight, Traveller
from pipeline.pnrgov.model import Address, BagInfo, HistoryEntry, Leg, Locator, Payment, Pnr, Ticket
from pipeline.pnrgov.writer import (
    DOCA_KINDS, _gender, _is_doco, _needs_docs, _ref, _tif_names, airimp_date,
)
from pipeline.pnrgov.xml import NAMESPACE, ROOT


def _set(e: ET.Element, **attrs: str | int | float | None) -> ET.Element:
    for key, value in attrs.items():
        if value is not None and value != "":
            e.set(key, f"{value:g}" if isinstance(value, float) else str(value))
    return e


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str | int | float | None) -> ET.Element:
    e = _set(ET.SubElement(parent, tag), **attrs)
    if text:
        e.text = text
    return e


def _airport_pair(e: ET.Element, f: Flight) -> None:
    if f.origin:
        _sub(e, "DepartureAirport", LocationCode=f.origin)
    if f.destination:
        _sub(e, "ArrivalAirport", LocationCode=f.destination)


def _locator(parent: ET.Element, x: Locator) -> None:
    b = _sub(parent, "BookingRefID", ID=x.locator, Type=x.kind, CreationDate=x.created)
    if x.carrier:
        _sub(b, "CompanyName", Code=x.carrier)


def _address(parent: ET.Element, tag: str, a: Address) -> None:
    _sub(parent, tag, Type=a.kind, Street=a.street, City=a.city, State=a.state, Country=a.country,
         PostalCode=a.postcode, Phone=a.phone)


def _payment(parent: ET.Element, p: Payment) -> None:
    e = _sub(parent, "Payment", Type=p.type, CardType=p.card_type, CardNumber=p.card_number, Amount=p.amount,
             Expiry=p.expiry)
    if p.payer or p.payer_address or p.payer_phone:
        _sub(e, "Payer", Name=p.payer, Address=p.payer_address, Phone=p.payer_phone)
    if p.billing_address is not None:
        _address(e, "BillingAddress", p.billing_address)


def _ticket(parent: ET.Element, t: Ticket, payments: Sequence[Payment]) -> None:
    if t.source == "TKNE":
        _sub(parent, "Ticket", Number=t.number, Type=t.type, Source="TKNE")
        return
    e = _sub(parent, "Ticket", Number=t.number, Type=t.type, Coupons=t.coupons, BaseFare=t.base_fare,
             TotalFare=t.total_fare, Currency=t.currency, Issued=t.issued, IssuingCarrier=t.issuing_carrier,
             IssuingPlace=t.issuing_place, Pricing=t.pricing)
    for code, amount in t.taxes:
        _sub(e, "Tax", Code=code, Amount=amount)
    for p in payments:
        if p.ticket == t.number and t.number:
            _payment(e, p)


def _excess(parent: ET.Element, b: BagInfo) -> None:
    _sub(parent, "ExcessBaggage", Charge=b.excess_charge, Count=b.count, Weight=b.weight, Unit=b.unit)


def _bag(parent: ET.Element, b: BagInfo) -> None:
    e = _sub(parent, "Bag", Count=b.count, Weight=b.weight, Unit=b.unit, Pool=b.pool)
    for i, tag in enumerate(b.tags):
        _sub(e, "Tag", Number=tag, Destination=b.destinations[i] if i < len(b.destinations) else None)
    for dest in b.destinations[len(b.tags):]:
        _sub(e, "Tag", Destination=dest)


def _docs(parent: ET.Element, t: Traveller, rph: str | None, ref: dt.date | None) -> None:
    docs = [d for d in t.documents if not _is_doco(d)]
    if _needs_docs(t, docs):
        for d in docs or [None]:
            _sub(parent, "DOCS", RPH=rph, DocType=d.type if d else None, DocIssueCountry=d.issuing_country if d else None,
                 DocID=d.number if d else None, Nationality=t.nationality, DateOfBirth=t.date_of_birth,
                 Gender=_gender(t), ExpiryDate=d.expiry if d else None, Surname=t.surname,
                 FirstGivenName=t.given_names)
    visas = [d for d in t.documents if _is_doco(d)]
    for i, v in enumerate(visas or ([None] if t.birth_place else [])):
        place = (t.birth_place or "") if i == 0 else ""
        fields = [place, v.type or "" if v else "", v.number or "" if v else "", "",
                  airimp_date(v.issue_date if v else None, "event", ref), v.issuing_country or "" if v else ""]
        _sub(parent, "DOCO", "/" + "/".join(fields), RPH=rph)


def _passenger(parent: ET.Element, t: Traveller, pnr: Pnr, travellers: Sequence[Traveller],
               ref: dt.date | None) -> None:
    refs = _ref(t)
    tid = refs.get("TID")
    surname, given = _tif_names(t)
    title = refs.get("TITLE")
    if title and given.endswith(" " + title):
        given = given[: -len(title) - 1]
    p = _sub(parent, "Passenger", RPH=tid, PassengerType=refs.get("PAX_TYPE"), UniqueRef=refs.get("REF"), Title=title)
    _sub(p, "Surname", surname)
    _sub(p, "GivenName", given)
    for ff in t.frequent_flyer:
        airline, _, number = ff.rpartition(" ")
        _sub(p, "FrequentFlyer", Airline=airline, Number=number)
    for b in pnr.bags:
        if b.leg is None and b.traveller == tid and tid:
            _excess(p, b)
    doc_ssr = ET.Element("DOC_SSR")
    infants = [i for i in travellers if _ref(i).get("INFANT_OF") == tid and tid and "TIF_SURNAME" not in _ref(i)]
    for infant in infants:
        _docs(doc_ssr, infant, tid, ref)
    _docs(doc_ssr, t, None, ref)
    for a in pnr.addresses:
        if a.traveller == tid and tid and a.kind in DOCA_KINDS:
            _sub(doc_ssr, "DOCA", "/" + "/".join([a.kind or "", a.country or "", a.street or "", a.city or "",
                                                  a.state or "", a.postcode or ""]))
    if len(doc_ssr):
        p.append(doc_ssr)
    if t.emails or t.phones:
        info = _sub(p, "ContactInfo")
        for email in t.emails:
            _sub(info, "Email", email)
        for phone in t.phones:
            _sub(info, "Phone", phone)
    for infant in infants:
        born = airimp_date(infant.date_of_birth, "birth", ref)
        _sub(p, "SSR", f"{infant.surname or ''}/{infant.given_names or ''} {born}".strip(), Code="INFT",
             Status="HK", Quantity="1")
    for s in pnr.services:
        if s.traveller == tid and tid and s.leg is None:
            _sub(p, "SSR", s.text, Code=s.code, Status=s.status)
    for a in pnr.addresses:
        if a.traveller == tid and tid and a.kind not in DOCA_KINDS:
            _address(p, "Address", a)
    for tk in pnr.tickets:
        if tk.traveller == tid and tid:
            _ticket(p, tk, pnr.payment)


def _flight(parent: ET.Element, i: int, leg: Leg, pnr: Pnr) -> None:
    f = leg.flight
    e = _sub(parent, "Flight", DepartureDateTime=f.departure_local, ArrivalDateTime=f.arrival_local,
             BookingClass=leg.booking_class, Status=leg.status, NumberInParty=leg.party_size,
             Equipment=leg.equipment, OperatingLocator=leg.operating_locator,
             NonAir="true" if leg.non_air else None)
    _airport_pair(e, f)
    _sub(e, "MarketingAirline", Code=f.carrier, FlightNumber=f.number)
    if leg.operating_carrier or leg.operating_number or leg.operating_class:
        _sub(e, "OperatingAirline", Code=leg.operating_carrier, FlightNumber=leg.operating_number,
             BookingClass=leg.operating_class)
    for s in pnr.seats:
        if s.leg == i:
            _sub(e, "Seat", Number=s.seat, RPH=s.traveller)
    for x in pnr.services:
        if x.leg == i:
            _sub(e, "SSR", x.text, Code=x.code, Status=x.status, RPH=x.traveller)
    for b in pnr.bags:
        if b.leg == i and b.traveller is None:
            _bag(e, b)
    contexts: list[tuple[str | None, str | None]] = []
    for c in pnr.checkins:
        if c.leg == i and (c.at, c.location) not in contexts:
            contexts.append((c.at, c.location))
    for at, location in contexts:
        ci = _sub(e, "CheckIn", DateTime=at, Location=location)
        for c in pnr.checkins:
            if c.leg == i and (c.at, c.location) == (at, location):
                cp = _sub(ci, "Passenger", RPH=c.traveller, Sequence=c.sequence, Seat=c.seat, Cabin=c.cabin)
                for b in pnr.bags:
                    if b.leg == i and b.traveller == c.traveller and c.traveller:
                        _bag(cp, b)


def _history(parent: ET.Element, entries: Sequence[HistoryEntry]) -> None:
    h = _sub(parent, "History")
    for x in entries:
        _sub(h, "Entry", x.text, Kind=x.kind, Action=x.action, DateTime=x.at if x.kind == "ABI" else None,
             Office=x.office, Tag=x.tag)


def _pnr(parent: ET.Element, pnr: Pnr, travellers: Sequence[Traveller], ref: dt.date | None) -> None:
    e = _sub(parent, "PNR", NumberOfPassengers=len(travellers), PNR_TransDate=pnr.last_modified,
             PNR_CreationDate=pnr.created, TicketingDate=pnr.ticketed)
    _locator(e, Locator(pnr.carrier, pnr.locator, pnr.created))
    for x in pnr.other_locators:
        _locator(e, x)
    own_emails = {m for t in travellers for m in t.emails}
    derived = {p for t in travellers for p in t.phones} | {a.phone for a in pnr.addresses if a.phone} | {
        p.payer_phone for p in pnr.payment if p.payer_phone}
    emails = [m for m in pnr.emails if m not in own_emails]
    phones = [p for p in pnr.phones if p not in derived]
    if emails or phones:
        info = _sub(e, "ContactInfo")
        for m in emails:
            _sub(info, "Email", m)
        for p in phones:
            _sub(info, "Phone", p)
    for r in pnr.remarks:
        _sub(e, "Remark", r)
    a = pnr.agency
    if pnr.cancelled:
        _sub(e, "POS")
    elif a is not None:
        _sub(_sub(e, "POS"), "Source", CRS=a.crs, CRSLocation=a.crs_location, IATANumber=a.iata_number,
             OfficeID=a.office_id, Location=a.location, Company=a.company, CompanyLocation=a.company_location,
             OriginatorType=a.originator_type, Country=a.country, Currency=a.currency, AgentCode=a.agent_code)
    for x in pnr.addresses:
        if x.traveller is None:
            _address(e, "Address", x)
    for b in pnr.bags:
        if b.leg is None and b.traveller is None:
            _excess(e, b)
    for s in pnr.services:
        if s.traveller is None and s.leg is None:
            _sub(e, "SSR", s.text, Code=s.code, Status=s.status)
    for tk in pnr.tickets:
        if tk.traveller is None:
            _ticket(e, tk, pnr.payment)
    numbers = {tk.number for tk in pnr.tickets if tk.number and tk.source == "TKT"}
    for p in pnr.payment:
        if p.ticket not in numbers:
            _payment(e, p)
    if pnr.group_name:
        _sub(e, "GroupName", pnr.group_name)
    for t in travellers:
        if "TIF_SURNAME" in _ref(t) or "INFANT_OF" not in _ref(t):
            _passenger(e, t, pnr, travellers, ref)
    for i, leg in enumerate(pnr.itinerary):
        _flight(e, i, leg, pnr)
    if pnr.split_count is not None or pnr.split_pnrs:
        split = _sub(e, "SplitPNR", Count=pnr.split_count)
        for x in pnr.split_pnrs:
            _locator(split, x)
    if pnr.history:
        _history(e, pnr.history)


def write_pnrgov_xml(
    records: Sequence[tuple[Pnr, Sequence[Traveller]]],
    flight: Flight,
    *,
    function: str = "22",
    sender: str | None = None,
    version: str = "13.1",
    timestamp: str = "2026-01-01T00:00",
    echo_token: str | None = None,
) -> str:
    """One ``IATA_PNRGOV_NotifRQ`` document pushing ``records`` for the pushed ``flight``.

    ``function`` is the push type (``22`` full, ``141`` update); ``timestamp`` (ISO) is the
    reference date for two-digit years, like the EDIFACT interchange date.
    """
    root = ET.Element(ROOT)
    _set(root, xmlns=NAMESPACE, Version=version, TimeStamp=timestamp, MessageFunction=function, EchoToken=echo_token)
    _sub(root, "Originator", AirlineCode=sender or flight.carrier or "XX")
    leg = _sub(root, "FlightLeg", CarrierCode=flight.carrier, FlightNumber=flight.number,
               DepartureDateTime=flight.departure_local, ArrivalDateTime=flight.arrival_local)
    _airport_pair(leg, flight)
    pnrs = _sub(root, "PNRs")
    ref = dt.date.fromisoformat(timestamp[:10])
    for pnr, travellers in records:
        _pnr(pnrs, pnr, travellers, ref)
    ET.indent(root)
    # The namespace is declared as a plain xmlns attribute: no ET.register_namespace (global state).
    return ET.tostring(root, encoding="unicode", xml_declaration=False) + "\n"
