"""One PNR of a PNRGOV push (EDIFACT 10.1–16.1, one tolerant grammar) into the canonical model.

Input: a unit from ``split_pnrs`` (level-0 header + one Gr1). Output: ``Message(kind="pnr")``
whose ``pnr`` is the booking record (``pipeline.pnrgov.model.Pnr``), ``flights`` the pushed
flight (level-0 TVL, ``primary_leg`` 0) and ``travellers`` every TIF of the PNR — with or
without SSR DOCS. ``walker.Walker`` reads the segments, ``resolve.SsrResolver`` links the SSRs
to travellers, ``people.build_traveller`` makes the travellers; this module assembles them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace

from pipeline.edifact.reader import RawMessage
from pipeline.edifact.segment import Segment
from pipeline.errors import MessageError
from pipeline.model import Flight, Message, MessageSource
from pipeline.normalise.dates import reference_date
from pipeline.pnrgov.model import Address, CheckIn, HistoryEntry, Leg, Locator, Payment, Pnr, Ticket
from pipeline.pnrgov.people import Pax, build_traveller
from pipeline.pnrgov.resolve import SsrResolver
from pipeline.pnrgov.sensitive import SensitiveFilter, active_filter
from pipeline.pnrgov.walker import PUSH_TYPES, Walker
from pipeline.source import message_source


def _pushed_index(legs: list[dict[str, object]], pushed: Flight) -> int | None:
    day = (pushed.departure_local or "")[:10]
    for i, leg in enumerate(legs):
        f: Flight = leg["flight"]  # type: ignore[assignment]
        if not leg.get("non_air") and f.origin == pushed.origin and f.destination == pushed.destination \
                and (f.departure_local or "")[:10] == day:
            return i
    for i, leg in enumerate(legs):
        f = leg["flight"]  # type: ignore[assignment]
        designators = {(f.carrier, f.number), (leg.get("operating_carrier"), leg.get("operating_number")),
                       (leg.get("operating_carrier"), f.number)}
        if (pushed.carrier, pushed.number) in designators and f.origin == pushed.origin:
            return i
    return None


def _checkin_traveller(entry: dict[str, object], people: list[Pax]) -> str | None:
    """The TID of a checked-in traveller: TRI's reference when it names a TIF of the PNR, else
    the Gr7 TIF's reference or its name."""
    tids = {p.tid for p in people if p.tid}
    if entry.get("traveller") in tids:
        return entry["traveller"]  # type: ignore[return-value]
    tif = entry.get("tif")
    if tif:
        surname, given, tid = tif  # type: ignore[misc]
        if tid in tids:
            return tid  # type: ignore[no-any-return]
        match = [p.tid for p in people if (p.tif_surname or "").upper() == surname and (p.tif_given or "").upper() == given]
        return match[0] if len(match) == 1 else None
    return None


def _assemble(w: Walker, raw: bytes, source: MessageSource, warnings: tuple[str, ...]) -> Message:
    resolver = SsrResolver(w)
    resolver.run()
    pushed = w.pushed
    assert pushed is not None
    pushed_leg = _pushed_index(w.legs, pushed)
    if pushed_leg is None and w.legs and not w.cancelled:
        w.warnings.append("the pushed flight (level-0 TVL) is not in the PNR's itinerary")
    main = w.locators[0] if w.locators else Locator()
    if not w.locators:
        w.warnings.append("no RCI record locator in the PNR")
    if w.cancelled and w.function != "141":
        w.warnings.append("empty ORG (cancelled PNR) in a push that is not an update push (MSG 141)")
    checkins: list[CheckIn] = []
    bags = list(w.bags)
    for entry in w.checkins:
        tid = _checkin_traveller(entry, w.pax)
        checkins.append(CheckIn(entry.get("leg"), tid, entry.get("at"), entry.get("location"),  # type: ignore[arg-type]
                                entry.get("sequence"), entry.get("seat"), entry.get("cabin")))  # type: ignore[arg-type]
        for k in entry.get("bags", []):  # type: ignore[attr-defined]
            bags[k] = replace(bags[k], traveller=tid)
    legs = tuple(
        Leg(flight=leg["flight"], booking_class=leg.get("booking_class"),  # type: ignore[arg-type]
            operating_carrier=leg.get("operating_carrier"), operating_number=leg.get("operating_number"),  # type: ignore[arg-type]
            operating_class=leg.get("operating_class"), status=leg.get("status"),  # type: ignore[arg-type]
            party_size=leg.get("party_size"), equipment=leg.get("equipment"),  # type: ignore[arg-type]
            operating_locator=leg.get("operating_locator"), pushed=i == pushed_leg,  # type: ignore[arg-type]
            non_air=bool(leg.get("non_air")))
        for i, leg in enumerate(w.legs)
    )
    embark = (pushed.origin, pushed.destination)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    travellers = tuple(
        build_traveller(p, f"{digest}-{i}", main.locator, pushed_leg, embark, checkins, resolver.seats, bags,
                        w.reference)
        for i, p in enumerate(w.pax)
    )
    addresses = list(w.addresses)
    for p in w.pax:
        for d in p.doca:
            addresses.append(Address(d["kind"] or None, d["street"].upper() or None, d["city"].upper() or None,
                                     d["state"].upper() or None, d["country"] or None, d["postcode"] or None, None,
                                     p.tid))
    payments = tuple(
        Payment(type=x["type"], card_type=x["card_type"], card_number=x["card_number"],  # type: ignore[arg-type]
                amount=x["amount"], expiry=x["expiry"], payer=x.get("payer"),  # type: ignore[arg-type]
                payer_address=x.get("payer_address"), payer_phone=x.get("payer_phone"),  # type: ignore[arg-type]
                billing_address=x.get("billing_address"), ticket=x.get("ticket"))  # type: ignore[arg-type]
        for x in w.payments
    )
    tickets = [Ticket(**t) for t in w.tickets]  # type: ignore[arg-type]
    tickets += [t for t in resolver.tkne if all(t.number != x.number for x in tickets)]
    emails = list(w.emails) + [e for p in travellers for e in p.emails]
    phones = list(w.phones) + [a.phone for a in addresses if a.phone] + [x.payer_phone for x in payments if x.payer_phone]
    phones += [ph for p in travellers for ph in p.phones]
    history = tuple(HistoryEntry(h["kind"], h.get("action"), h.get("at"), h.get("office"), h.get("tag"),  # type: ignore
                                 h.get("text")) for h in w.history)  # type: ignore[arg-type]
    pnr = Pnr(
        locator=main.locator, carrier=main.carrier, created=main.created,
        last_modified=w.dates.get("last_modified"),
        ticketed=w.dates.get("ticketed") or next((t.issued for t in tickets if t.issued), None),
        other_locators=tuple(w.locators[1:]), emails=tuple(dict.fromkeys(emails)),
        phones=tuple(dict.fromkeys(phones)), addresses=tuple(addresses), agency=w.agency, payment=payments,
        tickets=tuple(tickets), itinerary=legs, bags=tuple(bags), checkins=tuple(checkins),
        seats=tuple(resolver.seats), services=tuple(resolver.services), remarks=tuple(w.remarks), history=history,
        split_pnrs=tuple(w.split_pnrs), split_count=w.split_count, co_travellers=max(len(travellers) - 1, 0),
        group_name=w.group_name, cancelled=w.cancelled, push=PUSH_TYPES.get(w.function or ""), sensitive_removed=w.removed,
    )
    return Message(kind="pnr", source=replace(source, function=w.function), flights=(pushed,),
                   travellers=travellers, pnr=pnr, warnings=warnings + tuple(w.warnings), primary_leg=0)


def parse_pnr_segments(
    segments: list[Segment],
    *,
    raw: bytes,
    source: MessageSource,
    where: Callable[[Segment], str],
    reference: dt.date | None = None,
    warnings: tuple[str, ...] = (),
    sensitive: SensitiveFilter | None = None,
) -> Message:
    """The core of ``parse_pnr`` for any segment source (EDIFACT, or the XML reader's segments).

    ``raw`` feeds the traveller ids; ``where`` names a segment's location in errors.
    """
    walker = Walker(segments, reference, sensitive or active_filter())
    walker.walk()
    if not walker.src_seen:
        raise MessageError("PNRGOV message holds no PNR (no SRC segment): expected SRC + RCI for each booking",
                           where(segments[-1]))
    if walker.pushed is None:
        raise MessageError("no level-0 TVL segment: expected the pushed flight before the first SRC",
                           where(segments[0]))
    return _assemble(walker, raw, source, warnings)


def parse_pnr(msg: RawMessage, sensitive: SensitiveFilter | None = None) -> Message:
    """Parse one PNR unit with ``sensitive`` (default: ``active_filter()``). Raises
    ``MessageError`` when the unit holds no PNR (no SRC) or no pushed flight (level-0 TVL)."""
    return parse_pnr_segments(
        msg.segments, raw=msg.raw(), source=message_source(msg), where=msg.where,
        reference=reference_date(msg.envelope.sent_at), warnings=tuple(msg.warnings), sensitive=sensitive,
    )
