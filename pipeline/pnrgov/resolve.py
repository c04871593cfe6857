"""Linking the SSRs of a PNR to its travellers and filing them by code.

An SSR belongs to the traveller its 9944 reference names (``43578I``: that adult's infant),
else to the traveller group it stands in, else to the PNR's only adult. DOCS with gender MI/FI,
DOCO/DOCA with the infant flag and INFT go to (or create) the adult's infant. Sensitive SSRs
never get here (the walker removed them).
"""

from __future__ import annotations

from pipeline.edifact.segment import Segment
from pipeline.pnrgov import ssr as layouts
from pipeline.pnrgov.airimp import contact_from_text
from pipeline.pnrgov.model import SeatRequest, Service, Ticket
from pipeline.pnrgov.people import Pax
from pipeline.pnrgov.walker import Walker


DOCUMENT_SSRS = frozenset({"DOCS", "DOCO", "DOCA", "FOID", "PSPT"})
SEAT_SSRS = frozenset({"SEAT", "RQST", "NSST", "NSSA", "NSSW", "SMST", "SMSA", "SMSW"})


class SsrResolver:
    """Links the SSRs gathered by the walker to travellers (by 9944 reference, else by the
    traveller group they stand in, else the only traveller) and files them by code."""

    def __init__(self, w: Walker) -> None:
        self.w = w
        self.seats: list[SeatRequest] = []
        self.services: list[Service] = []
        self.tkne: list[Ticket] = []

    def pax_for(self, record: layouts.Ssr, seg: Segment, pax: int | None) -> int | None:
        people = self.w.pax
        for ref in record.traveller_refs:
            for i, p in enumerate(people):
                if p.tid == ref:
                    return i
            if ref.endswith("I"):
                adult = next((i for i, p in enumerate(people) if p.tid == ref[:-1]), None)
                if adult is not None:
                    return self.infant_of(adult, create=None) or adult
            self.w.warn(seg, "field 2: traveller reference not found among the PNR's TIF segments")
        if pax is not None:
            return pax
        adults = [i for i, p in enumerate(people) if not p.is_infant]
        return adults[0] if len(adults) == 1 else None

    def infant_of(self, adult: int, create: str | None) -> int | None:
        people = self.w.pax
        found = next((i for i, p in enumerate(people) if p.adult == adult), None)
        if found is None:
            found = next((i for i in range(adult + 1, len(people)) if people[i].is_infant and people[i].adult is None),
                         None)
            if found is not None:
                people[found].adult, people[found].adult_tid = adult, people[adult].tid
        if found is None and create is not None:
            people.append(Pax(pax_type="IN", adult=adult, adult_tid=people[adult].tid, from_ssr=create))
            found = len(people) - 1
        return found

    def run(self) -> None:
        for i, p in enumerate(self.w.pax):
            if p.is_infant and p.adult is None:
                adult = next((j for j in range(i - 1, -1, -1) if not self.w.pax[j].is_infant), None)
                if adult is not None and self.infant_of(adult, None) is None:
                    p.adult, p.adult_tid = adult, self.w.pax[adult].tid
        for record, seg, pax, leg in self.w.ssrs:
            self.one(record, seg, pax, leg)

    def _target(self, record: layouts.Ssr, seg: Segment, pax: int | None, code: str) -> int | None:
        target = self.pax_for(record, seg, pax)
        if target is None and not self.w.pax:
            self.w.pax.append(Pax(tid=(record.traveller_refs or (None,))[0], from_ssr=code))
            target = 0
        if target is None:
            self.w.warn(seg, f"{code} cannot be linked to one traveller (no traveller reference); ignored")
        return target

    def one(self, record: layouts.Ssr, seg: Segment, pax: int | None, leg: int | None) -> None:
        code, w = record.code, self.w
        if code in DOCUMENT_SSRS or code == "INFT":
            target = self._target(record, seg, pax, code)
            if target is None:
                return
            self.document(record, seg, target)
        elif code == "FQTV":
            target = self._target(record, seg, pax, code)
            number = layouts.fqtv_number(record.text, record.airline)
            if target is not None and number and number not in w.pax[target].frequent_flyer:
                w.pax[target].frequent_flyer.append(number)
        elif code.startswith("CTC"):
            contact = contact_from_text(f"{code} {record.text}")
            if contact is None:
                w.warn(seg, f"free text: expected an {'e-mail address' if code == 'CTCE' else 'phone number'}")
                return
            target = self.pax_for(record, seg, pax) if (record.traveller_refs or pax is not None) else None
            w._contact(contact, target)
        elif code == "TKNE":
            ticket = layouts.tkne_number(record.text)
            target = self.pax_for(record, seg, pax)
            tid = w.pax[target].tid if target is not None else None
            if ticket is not None:
                number, _, infant = ticket
                entry = Ticket(number=number, type="INF" if infant else None, traveller=tid, source="TKNE")
                if all((t.number, t.traveller) != (number, tid) and (tid or t.number != number) for t in self.tkne):
                    self.tkne.append(entry)
        elif code in SEAT_SSRS and not record.refs and layouts.seat_list(record.text):
            seats = layouts.seat_list(record.text)
            adults = [p.tid for p in w.pax if not p.is_infant]
            owners = adults if len(adults) == len(seats) else [None] * len(seats)
            self.seats.extend(SeatRequest(leg, owner, seat) for owner, seat in zip(owners, seats))
        elif code in SEAT_SSRS and record.refs:
            for seat, ref in record.refs:
                target = self.pax_for(layouts.Ssr(code, "", "", "", "", "", "", ((seat, ref),)), seg, pax)
                if seat:
                    self.seats.append(SeatRequest(leg, w.pax[target].tid if target is not None else ref or None,
                                                  seat))
        else:
            text = " ".join(record.text.upper().split()) or None
            if text and w.sensitive.text_is_sensitive(text):
                w.removed += 1
                return
            target = self.pax_for(record, seg, pax) if (record.traveller_refs or pax is not None) else None
            self.services.append(Service(code, record.status or None,
                                         w.pax[target].tid if target is not None else None, leg, text))

    def document(self, record: layouts.Ssr, seg: Segment, target: int) -> None:
        w, code = self.w, record.code
        if code == "DOCS":
            fields, shift = layouts.docs_fields(record.text)
            if shift:
                w.warn(seg, f"DOCS free text shifted by {shift} field(s); realigned on the date of birth")
            if fields["gender"] in ("MI", "FI") and not w.pax[target].is_infant:
                target = self.infant_of(target, "DOCS")  # type: ignore[assignment]
            w.pax[target].docs.append(fields)
        elif code == "PSPT":
            w.pax[target].pspt.append(layouts.pspt_fields(record.text))
        elif code == "DOCO":
            fields = layouts.doco_fields(record.text)
            if fields["infant"] == "I" and not w.pax[target].is_infant:
                target = self.infant_of(target, "DOCO")  # type: ignore[assignment]
            w.pax[target].doco.append(fields)
        elif code == "DOCA":
            fields = layouts.doca_fields(record.text)
            if fields["infant"] == "I" and not w.pax[target].is_infant:
                target = self.infant_of(target, "DOCA")  # type: ignore[assignment]
            w.pax[target].doca.append(fields)
        elif code == "FOID":
            foid = layouts.foid_fields(record.text)
            if foid is None:
                w.warn(seg, "free text: expected a FOID type and number such as /PP…")
            else:
                w.pax[target].foid.append(foid)
        elif code == "INFT":
            fields = layouts.inft_fields(record.text)
            adult = w.pax[target].adult if w.pax[target].is_infant else target
            infant = self.infant_of(adult, "INFT") if adult is not None else target
            if infant is not None:
                w.pax[infant].inft = fields
