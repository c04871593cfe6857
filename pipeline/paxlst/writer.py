"""The canonical model back into PAXLST: the exact inverse of ``pipeline.paxlst.parser``.

Input: a ``Message`` of kind ``api`` (as the parser produces it, or as a traffic generator
builds it). Output: EDIFACT text — one complete interchange (``write_paxlst``) or the
``(tag, elements)`` list of one message (``paxlst_segments``) for callers that put several
messages into one interchange with ``pipeline.edifact.writer.write_interchange``.

Every field the parser reads is written so that parsing the output gives the same model
(traveller ids aside, which are digests of the raw message). Values are escaped under any
service characters. Conventions: the reporting leg (``primary_leg``) is written with
``LOC+125``/``LOC+87``, other legs with ``LOC+92``; dates are written with four-digit years
(``CCYYMMDD`` format 102, ``CCYYMMDDHHMM`` format 203) unless ``two_digit_years`` asks for
the D02B style (``YYMMDD``, ``YYMMDDHHMM`` format 201), which parses back to the same value
only when the century inference agrees; the ``infant`` role is written as a passenger.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.edifact.separators import DEFAULT, Separators
from pipeline.edifact.writer import Element, write_interchange
from pipeline.model import Flight, Message, TravelDocument, Traveller
from pipeline.paxlst.bags import expand_bag_tags

Segments = list[tuple[str, Sequence[Element]]]

NAD_QUALIFIERS = {"passenger": "FL", "crew": "FM", "transit_passenger": "DDU", "transit_crew": "DDT",
                  "infant": "FL"}
CREW_ROLES = frozenset({"crew", "transit_crew"})


def edifact_datetime(iso: str, two_digit_years: bool = False) -> tuple[str, str]:
    """ISO ``YYYY[-MM[-DD]][THH:MM]`` as a DTM value and its 2379 format code.

    ``2026-01-15T10:30`` → ``("202601151030", "203")``; ``1980-05`` → ``("19800500", "102")``
    (00 = unknown month or day); with ``two_digit_years`` → ``("2601151030", "201")`` and
    ``("800500", "")``.
    """
    date, _, time = iso.partition("T")
    digits = date.replace("-", "").ljust(8, "0")
    if time:
        digits += time.replace(":", "")[:4]
    if two_digit_years:
        return digits[2:], "201" if time else ""
    return digits, "203" if time else "102"


def directory_version(version: str | None) -> str:
    """A UN directory version as ``D:05B``: ``None`` → ``D:05B``, ``16B`` → ``D:16B``."""
    directory, _, release = (version or "D:05B").rpartition(":")
    return f"{directory or 'D'}:{release}"


def _dtm(qualifier: str, iso: str, two_digit_years: bool) -> tuple[str, list[Element]]:
    value, fmt = edifact_datetime(iso, two_digit_years)
    return "DTM", [[qualifier, value, fmt] if fmt else [qualifier, value]]


def _flight(leg: Flight, reporting: bool, two_digit_years: bool) -> Segments:
    designator = f"{leg.carrier or ''}{leg.number or ''}"
    out: Segments = [("TDT", ["20", designator, "", "", [leg.carrier or ""]])]
    first, second = ("125", "87") if reporting else ("92", "92")
    out.append(("LOC", [first, leg.origin or ""]))
    if leg.departure_local:
        out.append(_dtm("189", leg.departure_local, two_digit_years))
    out.append(("LOC", [second, leg.destination or ""]))
    if leg.arrival_local:
        out.append(_dtm("232", leg.arrival_local, two_digit_years))
    if leg.final_destination:
        out.append(("LOC", ["130", leg.final_destination]))
    return out


def bag_tag_runs(tags: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive bag tags as ``(first tag, count)`` runs, the inverse of ``expand_bag_tags``."""
    runs: list[tuple[str, int]] = []
    i = 0
    while i < len(tags):
        n = 1
        while i + n < len(tags) and n < 99 and expand_bag_tags(tags[i], str(n + 1)) == list(tags[i : i + n + 1]):
            n += 1
        runs.append((tags[i], n))
        i += n
    return runs


def _document(doc: TravelDocument, two_digit_years: bool) -> Segments:
    out: Segments = [("DOC", [[doc.type or "", "110", "111"], doc.number or ""])]
    if doc.expiry:
        out.append(_dtm("36", doc.expiry, two_digit_years))
    if doc.issue_date:
        out.append(_dtm("182", doc.issue_date, two_digit_years))
    if doc.issuing_country:
        out.append(("LOC", ["91", doc.issuing_country]))
    return out


def _weight(kg: float, seps: Separators) -> str:
    text = repr(float(kg))
    return text[:-2] if text.endswith(".0") else text.replace(".", seps.decimal)


def _traveller(t: Traveller, seps: Separators, two_digit_years: bool) -> Segments:
    name: list[str] = [t.surname or ""]
    if t.given_names:
        name.extend(t.given_names.split(" "))
    nad: list[Element] = [NAD_QUALIFIERS[t.role], "", "", name if name != [""] else ""]
    if t.address:
        nad.append(t.address)
    out: Segments = [("NAD", nad)]
    if t.gender:
        out.append(("ATT", ["2", "", t.gender]))
    if t.date_of_birth:
        out.append(_dtm("329", t.date_of_birth, two_digit_years))
    if t.bags is not None:
        out.append(("MEA", ["CT", "", ["", str(t.bags)]]))
    if t.bag_weight_kg is not None:
        out.append(("MEA", ["WT", "", ["KGM", _weight(t.bag_weight_kg, seps)]]))
    if t.verified is not None:
        out.append(("GEI", ["4", "173" if t.verified else "174"]))
    for first, count in bag_tag_runs(t.bag_tags):
        out.append(("FTX", ["BAG", "", "", [first, str(count)]]))
    for qualifier, value in (("22", t.clearance_airport), ("178", t.embarkation), ("179", t.debarkation),
                             ("174", t.residence_country)):
        if value:
            out.append(("LOC", [qualifier, value]))
    if t.birth_place:
        out.append(("LOC", ["180", ["", "", "", t.birth_place]]))
    contacts: list[Element] = [[p, "TE"] for p in t.phones] + [[e, "EM"] for e in t.emails]
    if contacts:
        out.append(("COM", contacts))
    if t.crew_function:
        out.append(("EMP", ["1", [t.crew_function, "110", "111"]]))
    if t.nationality:
        out.append(("NAT", ["2", t.nationality]))
    references = dict(t.references)
    if t.pnr_locator:
        references.setdefault("AVF", t.pnr_locator)
    if t.seat:
        references.setdefault("SEA", t.seat)
    for qualifier, value in references.items():
        out.append(("RFF", [[qualifier, value]]))
    for doc in t.documents:
        out.extend(_document(doc, two_digit_years))
    return out


def paxlst_segments(
    message: Message,
    *,
    seps: Separators = DEFAULT,
    version: str | None = None,
    function: str | None = None,
    part: int | None = None,
    final: bool | None = None,
    message_ref: str | None = None,
    common_access_ref: str | None = None,
    reporting_party: str | None = "PRESCREEN SYNTHETIC",
    counts: Mapping[str, int] | None = None,
    two_digit_years: bool = False,
) -> Segments:
    """The segments of one PAXLST message, UNH up to (not including) UNT.

    Arguments left as None come from ``message.source`` (version ``D:05B`` and function
    ``745`` when the source has none). ``function`` is the BGM code with an optional
    identifier, ``"266:CLOB"``. ``part``/``final`` fill UNH S010 (``01:C``, ``02``, ``03:F``).
    ``counts`` replaces the computed ``CNT`` values (``{"42": 260}`` on the last part of a
    multi-part list). ``seps`` is needed only for the decimal mark of bag weights.
    """
    src = message.source
    version = directory_version(version or src.version)
    function = function or src.function or "745"
    part = src.part if part is None else part
    final = src.final if final is None else final
    s009 = ["PAXLST", *version.split(":"), "UN", "IATA"]
    unh: list[Element] = [message_ref or src.message_ref or "1", s009]
    common = common_access_ref or src.common_access_ref
    if common or part is not None:
        unh.append(common or "")
    if part is not None:
        status = {True: "F", False: "C", None: ""}[final]
        unh.append([f"{part:02d}", status] if status else f"{part:02d}")
    code, _, identifier = function.partition(":")
    out: Segments = [("UNH", unh), ("BGM", [code, identifier] if identifier else [code])]
    if reporting_party:
        out.append(("NAD", ["MS", "", "", reporting_party]))
    primary = message.primary_leg if message.primary_leg is not None else len(message.flights) - 1
    for i, leg in enumerate(message.flights):
        out.extend(_flight(leg, i == primary, two_digit_years))
    for traveller in message.travellers:
        out.extend(_traveller(traveller, seps, two_digit_years))
    if counts is None:
        crew = sum(1 for t in message.travellers if t.role in CREW_ROLES)
        passengers = len(message.travellers) - crew
        counts = {"42": passengers} if passengers or not crew else {}
        if crew:
            counts = {**counts, "41": crew}
    for qualifier, value in counts.items():
        out.append(("CNT", [[qualifier, str(value)]]))
    return out


def envelope_sent(iso: str | None) -> tuple[str, str]:
    """An ISO date-time as UNB S004 ``(YYMMDD, HHMM)``; ``("000101", "0000")`` when unknown."""
    if not iso:
        return "000101", "0000"
    date, _, time = iso.partition("T")
    return date.replace("-", "")[2:8], time.replace(":", "")[:4]


def write_paxlst(
    message: Message,
    *,
    seps: Separators = DEFAULT,
    version: str | None = None,
    function: str | None = None,
    part: int | None = None,
    final: bool | None = None,
    message_ref: str | None = None,
    common_access_ref: str | None = None,
    reporting_party: str | None = "PRESCREEN SYNTHETIC",
    counts: Mapping[str, int] | None = None,
    two_digit_years: bool = False,
    sender: str | None = None,
    recipient: str | None = None,
    interchange_ref: str | None = None,
    with_una: bool = True,
    group: bool = True,
    line_break: str = "\n",
) -> str:
    """One complete interchange (UNA, UNB, UNG, the message, UNE, UNZ) holding ``message``.

    Envelope values left as None come from ``message.source``. ``group=False`` leaves out
    UNG/UNE (as many D02B feeds do); ``line_break=""`` writes everything on one line.
    See ``paxlst_segments`` for the other options.
    """
    src = message.source
    version = directory_version(version or src.version)
    segments = paxlst_segments(
        message, seps=seps, version=version, function=function, part=part, final=final,
        message_ref=message_ref, common_access_ref=common_access_ref, reporting_party=reporting_party,
        counts=counts, two_digit_years=two_digit_years,
    )
    return write_interchange(
        [segments],
        sender=sender or src.sender or "PRESCREEN",
        recipient=recipient or src.recipient or "RECIPIENT",
        interchange_ref=interchange_ref or src.interchange_ref or "1",
        sent=envelope_sent(src.sent_at),
        seps=seps,
        with_una=with_una,
        group=("PAXLST", "UN", version) if group else None,
        line_break=line_break,
    )
