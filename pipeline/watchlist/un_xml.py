"""The UN Security Council consolidated list (XML): its individuals as watchlist entries.

Read from ``CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL`` (entities such as organisations are
passed over): ``REFERENCE_NUMBER`` is the id; the name is ``FIRST_NAME`` … ``FOURTH_NAME``
joined (UN name parts are not reliably given/family, so parts are left unset);
``INDIVIDUAL_ALIAS/ALIAS_NAME`` are aliases unless their ``QUALITY`` is ``Low``;
``INDIVIDUAL_DATE_OF_BIRTH`` gives ``DATE`` or ``YEAR``, or ``FROM_YEAR``–``TO_YEAR`` (each
year of a range of at most 20 years); ``NATIONALITY/VALUE`` country names become alpha-3
(``country_names``); ``INDIVIDUAL_DOCUMENT`` gives ``NUMBER``, ``TYPE_OF_DOCUMENT`` (passport
→ P, identity card → I) and ``ISSUING_COUNTRY``; ``UN_LIST_TYPE`` is the category; ``GENDER``
when present. Unusable values are dropped and counted as for OpenSanctions.

Parsed by streaming through defusedxml's expat parser: DTDs, entity declarations and external
references are refused, and memory stays flat whatever the file size.
"""

from __future__ import annotations

import os

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from pipeline.watchlist.collect import EntryCollector, ListSettings
from pipeline.watchlist.country_names import country_from_name
from pipeline.watchlist.errors import WatchlistError, WatchlistIssue
from pipeline.watchlist.fields import clean_text, country_code, document_number, partial_date
from pipeline.watchlist.model import ListedDocument, ListedName, Watchlist, WatchlistEntry

ROOT = "CONSOLIDATED_LIST"
RECORD = "INDIVIDUAL"
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
DEFAULT_NAME = "UN-SC"
MAX_YEAR_RANGE = 20
_GENDER = {"male": "M", "female": "F"}
_CHUNK = 1 << 16


class _Record:
    """One INDIVIDUAL as read: direct leaf fields, and repeated groups (e.g. each
    INDIVIDUAL_DOCUMENT) mapping their child tags to the values, in order."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.fields: dict[str, str] = {}
        self.groups: dict[str, list[dict[str, list[str]]]] = {}


class _Target:
    """An expat target that yields ``_Record``s as INDIVIDUAL elements close."""

    def __init__(self) -> None:
        self.parser: DefusedXMLParser | None = None
        self.depth = 0  # below the current INDIVIDUAL, 0 when outside one
        self.record: _Record | None = None
        self.group: dict[str, list[str]] | None = None
        self.text: list[str] = []
        self.children = 0
        self.done: list[_Record] = []
        self.root: str | None = None

    def _line(self) -> int:
        return int(self.parser.parser.CurrentLineNumber) if self.parser is not None else 0  # type: ignore[attr-defined]

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        tag = tag.rsplit("}", 1)[-1]
        if self.root is None:
            self.root = tag
        if self.record is None:
            if tag == RECORD:
                self.record = _Record(self._line())
                self.depth = 0
            return
        self.depth += 1
        if self.depth == 1:
            self.group, self.children = {}, 0
        else:
            self.children += 1
        self.text = []

    def data(self, text: str) -> None:
        if self.record is not None:
            self.text.append(text)

    def end(self, tag: str) -> None:
        rec = self.record
        if rec is None:
            return
        tag = tag.rsplit("}", 1)[-1]
        if self.depth == 0:
            self.done.append(rec)
            self.record = None
            return
        value = "".join(self.text).strip()
        self.text = []
        if self.depth == 2 and self.group is not None and value:
            self.group.setdefault(tag, []).append(value)
        elif self.depth == 1:
            if self.children and self.group:
                rec.groups.setdefault(tag, []).append(self.group)
            elif value:
                rec.fields[tag] = value
            self.group = None
        self.depth -= 1

    def close(self) -> None:
        return None


def _first(group: dict[str, list[str]], tag: str) -> str | None:
    values = group.get(tag)
    return values[0] if values else None


def _doc_type(text: str | None) -> str | None:
    t = (text or "").casefold()
    if "passport" in t:
        return "P"
    if "identi" in t:
        return "I"
    return None


class _Builder:
    """Turns one ``_Record`` into an entry, counting dropped values."""

    def __init__(self, collector: EntryCollector, list_name: str) -> None:
        self.collector = collector
        self.list_name = list_name

    def entry(self, rec: _Record) -> tuple[WatchlistEntry | None, str | None]:
        c, f = self.collector, rec.fields
        dropped = 0
        ref = clean_text(f.get("REFERENCE_NUMBER"))
        full = clean_text(" ".join(f[p] for p in NAME_PARTS if p in f))
        names = [ListedName(full)] if full else []
        seen = {full.casefold()} if full else set()
        for alias in rec.groups.get("INDIVIDUAL_ALIAS", []):
            a = clean_text(_first(alias, "ALIAS_NAME"))
            if a and (_first(alias, "QUALITY") or "").casefold() != "low" and a.casefold() not in seen:
                seen.add(a.casefold())
                names.append(ListedName(a))
        if ref is None:
            c.issues.append(WatchlistIssue(c.file, rec.line, "REFERENCE_NUMBER", "a reference number (e.g. QDi.001)"))
        if not names:
            c.issues.append(WatchlistIssue(c.file, rec.line, "FIRST_NAME", "a name (FIRST_NAME … FOURTH_NAME or ALIAS_NAME)"))
        if ref is None or not names:
            return None, ref
        dobs: list[str] = []
        for dob in rec.groups.get("INDIVIDUAL_DATE_OF_BIRTH", []):
            years: list[str] = []
            date, year = _first(dob, "DATE"), _first(dob, "YEAR")
            lo_text, hi_text = _first(dob, "FROM_YEAR") or "", _first(dob, "TO_YEAR") or ""
            if date is not None:
                years = [date[:10]]
            elif year is not None:
                years = [year]
            elif lo_text.isdigit() and hi_text.isdigit():
                lo, hi = int(lo_text), int(hi_text)
                if 0 <= hi - lo <= MAX_YEAR_RANGE:
                    years = [f"{y:04d}" for y in range(lo, hi + 1)]
            if not years:
                dropped += 1
            for y in years:
                iso = partial_date(y)
                if iso is None:
                    dropped += 1
                elif iso not in dobs:
                    dobs.append(iso)
        nats: list[str] = []
        for group in rec.groups.get("NATIONALITY", []):
            for value in group.get("VALUE", []):
                code = country_from_name(value)
                if code is None:
                    dropped += 1
                elif code not in nats:
                    nats.append(code)
        docs: list[ListedDocument] = []
        for d in rec.groups.get("INDIVIDUAL_DOCUMENT", []):
            issuer = _first(d, "ISSUING_COUNTRY") or _first(d, "COUNTRY_OF_ISSUE") or ""
            country = country_from_name(issuer) or (country_code(issuer) if issuer else None)
            doc = document_number(_first(d, "NUMBER") or "", _doc_type(_first(d, "TYPE_OF_DOCUMENT")), country)
            if doc is None:
                dropped += 1
            elif doc not in docs:
                docs.append(doc)
        c.dropped_values += dropped
        s = c.settings
        return WatchlistEntry(
            id=ref, list=self.list_name, names=tuple(names),
            category=s.category or clean_text(f.get("UN_LIST_TYPE")),
            severity=s.severity or "high",
            dates_of_birth=tuple(dobs), nationalities=tuple(nats),
            gender=_GENDER.get(f.get("GENDER", "").casefold()),
            documents=tuple(docs), notes=clean_text(f.get("COMMENTS1")),
        ), ref


def read_un_xml(path: str | os.PathLike[str], settings: ListSettings = ListSettings(),
                skip_bad_rows: bool = False) -> Watchlist:
    """Load the individuals of a UN Security Council consolidated list XML file."""
    file = str(path)
    collector = EntryCollector(file, settings, skip_bad_rows)
    list_name = settings.name or DEFAULT_NAME
    builder = _Builder(collector, list_name)
    target = _Target()
    parser = DefusedXMLParser(target=target, forbid_dtd=True)  # type: ignore[no-untyped-call]
    target.parser = parser

    def drain() -> None:
        for rec in target.done:
            entry, ref = builder.entry(rec)
            collector.add(entry, rec.line, list_name, ref)
        target.done.clear()

    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                parser.feed(chunk)
                if target.root is not None and target.root != ROOT:
                    raise WatchlistError.at(file, 1, None, f"a UN consolidated list (root element {ROOT})",
                                            target.root)
                drain()
        parser.close()
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise WatchlistError.at(file, line, None, f"well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    except DefusedXmlException as exc:
        raise WatchlistError.at(file, None, None, f"XML without DTD or entity declarations ({type(exc).__name__})") from None
    drain()
    if target.root is None:
        raise WatchlistError.at(file, 1, None, f"a UN consolidated list (root element {ROOT})")
    return collector.finish(list_name)
