"""PNR travellers: what the parser gathers per TIF (``Pax``) and how it becomes a ``Traveller``.

Names: document form from SSR DOCS when present (a wrap space in the surname is repaired
when the TIF spells the same letters without it; titles removed only where clearly a title,
see ``docs_given_names``), else the TIF with safe title removal (``tif_given_names``). The
TIF form, the TIF traveller reference (``TID``) and the unique passenger reference (``REF``)
go into ``Traveller.references``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.model import Role, TravelDocument, Traveller
from pipeline.normalise.countries import country_alpha3
from pipeline.normalise.dates import ddmmmyy
from pipeline.normalise.names import clean_name, docs_given_names, tif_given_names, tif_surname
from pipeline.paxlst.bags import pounds_to_kg
from pipeline.pnrgov.model import BagInfo, CheckIn, SeatRequest
from pipeline.pnrgov.ssr import FOID_DOCUMENTS, GENDERS, compact

INFANT_TYPES = frozenset({"IN", "INF", "I"})


@dataclass(slots=True)
class Pax:
    """One traveller as gathered from TIF, FTI, REF and the SSRs that point to it."""

    tif_surname: str | None = None
    tif_given: str | None = None
    pax_type: str | None = None
    tid: str | None = None
    infant_indicator: str | None = None
    surname_qualifier: str | None = None
    ref: str | None = None
    adult: int | None = None
    adult_tid: str | None = None
    from_ssr: str | None = None
    frequent_flyer: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    docs: list[dict[str, str]] = field(default_factory=list)
    pspt: list[dict[str, str]] = field(default_factory=list)
    doco: list[dict[str, str]] = field(default_factory=list)
    doca: list[dict[str, str]] = field(default_factory=list)
    foid: list[tuple[str, str]] = field(default_factory=list)
    inft: dict[str, str] | None = None

    @property
    def is_infant(self) -> bool:
        return (self.pax_type or "") in INFANT_TYPES


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _names(p: Pax) -> tuple[str | None, str | None, dict[str, str]]:
    """(surname, given names, TIF references) of a traveller."""
    refs: dict[str, str] = {}
    surname_src, given_src = p.tif_surname, p.tif_given
    if p.from_ssr == "INFT" and p.inft:
        surname_src, given_src = p.inft["surname"], p.inft["given"]
    t_surname = tif_surname(surname_src) if p.from_ssr != "DOCS" else None
    t_given, title = tif_given_names(given_src) if p.from_ssr != "DOCS" else (None, None)
    if p.from_ssr is None:
        refs.update({k: v for k, v in (("TIF_SURNAME", t_surname), ("TIF_GIVEN", t_given), ("TITLE", title)) if v})
    named = [d for d in p.docs if d["surname"].strip()] + [d for d in p.pspt if d["surname"].strip()]
    if not named:
        return t_surname, t_given, refs
    surnames = [clean_name(d["surname"]) for d in named]
    givens = [docs_given_names(" ".join(x for x in (d.get("given", ""), d.get("middle", "")) if x), title)
              for d in named]
    surname = _spelling(surnames, t_surname, prefer_tif=True)
    given = _spelling(givens, t_given, prefer_tif=False)
    return surname, given, refs


def _spelling(docs: list[str | None], tif: str | None, prefer_tif: bool) -> str | None:
    """The blank placement of a name that Type-B wraps may have split (``PA RK``, ``KON G CHUN``).

    Among the DOCS spellings and the TIF spelling with the same letters as the first DOCS,
    the most frequent wins; on a tie the TIF wins for surnames, the first DOCS for given names.
    """
    first = docs[0]
    if first is None:
        return None
    candidates = [d for d in docs if d and compact(d) == compact(first)]
    tif_ok = tif is not None and compact(tif) == compact(first)
    votes = candidates + ([tif] if tif_ok else [])
    best = max(votes, key=votes.count)
    if tif_ok and votes.count(tif) == votes.count(best) and (prefer_tif or best != first):
        return tif
    return best


def _documents(p: Pax, reference: dt.date | None) -> tuple[TravelDocument, ...]:
    docs: list[TravelDocument] = []
    for d in p.docs:
        if d["number"] or d["type"]:
            docs.append(TravelDocument(d["type"] or None, d["number"] or None, country_alpha3(d["issuer"] or None),
                                       ddmmmyy(d["expiry"], "expiry", reference)))
    for d in p.pspt:
        if d["number"]:
            docs.append(TravelDocument("P", d["number"], country_alpha3(d["nationality"] or None)))
    for d in p.doco:
        if d["number"]:
            docs.append(TravelDocument(d["type"] or None, d["number"], country_alpha3(d["country"] or None), None,
                                       ddmmmyy(d["issue_date"], "event", reference)))
    for kind, number in p.foid:
        if kind in FOID_DOCUMENTS and number:
            docs.append(TravelDocument(FOID_DOCUMENTS[kind], number))
    unique: list[TravelDocument] = []
    for doc in docs:
        if doc not in unique:
            unique.append(doc)
    return tuple(unique)


def _address(d: dict[str, str]) -> str | None:
    parts = [d["street"], d["city"], d["state"], d["postcode"], country_alpha3(d["country"] or None) or ""]
    return ", ".join(x.upper() for x in parts if x) or None


def build_traveller(
    p: Pax,
    traveller_id: str,
    locator: str | None,
    pushed_leg: int | None,
    embark: tuple[str | None, str | None],
    checkins: list[CheckIn],
    seats: list[SeatRequest],
    bags: list[BagInfo],
    reference: dt.date | None,
) -> Traveller:
    """The ``Traveller`` of one ``Pax``; seat and bags are those of the pushed leg."""
    surname, given, refs = _names(p)
    sources = p.docs + p.pspt
    dob_text = _first([d.get("dob") for d in sources]) or (p.inft or {}).get("dob")
    gender_code = _first([d.get("gender") for d in sources])
    residence = next((d for d in p.doca if d["kind"] == "R"), None)
    address = residence or (p.doca[0] if p.doca else None)
    on_leg = [c for c in checkins if c.leg == pushed_leg and c.traveller == p.tid and p.tid]
    seat = _first([c.seat for c in on_leg]) or _first(
        [s.seat for s in seats if s.leg == pushed_leg and s.traveller == p.tid and p.tid])
    my_bags = [b for b in bags if b.leg == pushed_leg and b.traveller == p.tid and p.tid and b.leg is not None]
    count = sum(b.count or 0 for b in my_bags) if my_bags else None
    weight = None
    if my_bags and any(b.weight is not None for b in my_bags):
        weight = round(sum(pounds_to_kg(b.weight) if b.unit == "701" else b.weight
                           for b in my_bags if b.weight is not None), 1)
    if p.tid:
        refs["TID"] = p.tid
    if p.ref:
        refs["REF"] = p.ref
    if p.pax_type:
        refs["PAX_TYPE"] = p.pax_type
    if p.adult_tid:
        refs["INFANT_OF"] = p.adult_tid
    role: Role = "infant" if p.is_infant else "passenger"
    return Traveller(
        role=role,
        surname=surname,
        given_names=given,
        date_of_birth=ddmmmyy(dob_text, "birth", reference) if dob_text else None,
        gender=GENDERS.get(gender_code or ""),
        nationality=country_alpha3(_first([d.get("nationality") for d in sources])),
        residence_country=country_alpha3(residence["country"] or None) if residence else None,
        embarkation=embark[0],
        debarkation=embark[1],
        documents=_documents(p, reference),
        pnr_locator=locator,
        seat=seat,
        bags=count,
        frequent_flyer=tuple(dict.fromkeys(p.frequent_flyer)),
        emails=tuple(dict.fromkeys(p.emails)),
        phones=tuple(dict.fromkeys(p.phones)),
        id=traveller_id,
        birth_place=clean_name(_first([d["birth_place"] for d in p.doco])),
        bag_weight_kg=weight,
        bag_tags=tuple(t for b in my_bags for t in b.tags),
        address=_address(address) if address else None,
        references=tuple(sorted(refs.items())),
    )
