"""OpenSanctions exports: ``targets.simple.csv`` and FollowTheMoney (FtM) entities as JSON lines.

Only persons are read (schema ``Person``); other records (companies, vessels…) are passed
over. What each export gives:

* simple CSV: ``id``, ``schema``, ``name`` (required columns), ``aliases``, ``birth_date``,
  ``countries`` (all of a person's countries: taken as nationalities), ``identifiers``
  (document numbers, type unknown); multi-values are ``;``-separated; other columns ignored.
* FtM JSON lines, one entity a line: ``id``, ``schema`` and ``properties`` ``name``,
  ``alias``, ``previousName``, ``firstName``/``middleName``/``lastName``, ``birthDate``,
  ``nationality``, ``citizenship``, ``gender``, ``passportNumber`` (type P), ``idNumber``
  (type I), ``notes``; ``topics`` become the category (``sanction;crime.terror``).

A person without id or name is a bad row. A value of an unusable form (a date that is not
``YYYY[-MM[-DD]]``, a country ISO 3166 does not have) is left out of the entry and counted
in ``Watchlist.dropped_values``: these lists are curated upstream, and losing a listed
person over one odd value would be worse than losing the value.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from typing import Any

from pipeline.watchlist.collect import EntryCollector, ListSettings, paused_gc
from pipeline.watchlist.errors import WatchlistError, WatchlistIssue
from pipeline.watchlist.fields import clean_text, country_code, document_number, partial_date
from pipeline.watchlist.model import ListedDocument, ListedName, Watchlist, WatchlistEntry

SIMPLE_REQUIRED = ("id", "schema", "name")
PERSON = "Person"
DEFAULT_NAME = "OpenSanctions"
_GENDER = {"male": "M", "female": "F", "other": "X"}
# FtM territory codes that are not ISO 3166 alpha-2, mapped to the ICAO 9303 code.
_TERRITORY = {"xk": "RKS"}


class _Values:
    """Cleans the values of one person, counting those left out."""

    def __init__(self) -> None:
        self.dropped = 0

    def dates(self, values: Iterable[str]) -> tuple[str, ...]:
        out: list[str] = []
        for v in values:
            iso = partial_date(v.strip()[:10])
            if iso is None:
                self.dropped += 1
            elif iso not in out:
                out.append(iso)
        return tuple(out)

    def countries(self, values: Iterable[str]) -> tuple[str, ...]:
        out: list[str] = []
        for v in values:
            code = _TERRITORY.get(v.strip().lower()) or country_code(v)
            if code is None:
                self.dropped += 1
            elif code not in out:
                out.append(code)
        return tuple(out)

    def documents(self, values: Iterable[tuple[str, str | None]]) -> tuple[ListedDocument, ...]:
        out: list[ListedDocument] = []
        for number, type_ in values:
            doc = document_number(number, type_)
            if doc is None:
                self.dropped += 1
            elif doc not in out:
                out.append(doc)
        return tuple(out)


def _names(primary: Iterable[str], aliases: Iterable[str], structured: ListedName | None) -> tuple[ListedName, ...]:
    """Distinct names, primary first; the structured name replaces the same full name or is added."""
    out: list[ListedName] = []
    seen: set[str] = set()
    for raw in [*primary, *aliases]:
        full = clean_text(raw)
        if full is not None and full.casefold() not in seen:
            seen.add(full.casefold())
            out.append(ListedName(full))
    if structured is not None:
        key = structured.full.casefold()
        if key in seen:
            out = [structured if n.full.casefold() == key else n for n in out]
        else:
            out.insert(0 if not out else 1, structured)
    return tuple(out)


def _entry(collector: EntryCollector, line: int, list_name: str, values: _Values, *, id: str | None,
           names: tuple[ListedName, ...], **fields: Any) -> WatchlistEntry | None:
    file = collector.file
    entry_id = clean_text(id)
    if entry_id is None:
        collector.issues.append(WatchlistIssue(file, line, "id", "a non-empty entity id"))
    if not names:
        collector.issues.append(WatchlistIssue(file, line, "name", "at least one name of the person"))
    if entry_id is None or not names:
        return None
    collector.dropped_values += values.dropped
    settings = collector.settings
    return WatchlistEntry(id=entry_id, list=list_name, names=names, severity=settings.severity or "high",
                          **fields)


def read_simple_csv(path: str | os.PathLike[str], settings: ListSettings = ListSettings(),
                    skip_bad_rows: bool = False) -> Watchlist:
    """Load the persons of an OpenSanctions ``targets.simple.csv``."""
    file = str(path)
    collector = EntryCollector(file, settings, skip_bad_rows)
    list_name = settings.name or DEFAULT_NAME
    with open(path, encoding="utf-8-sig", newline="") as fh, paused_gc():
        reader = csv.reader(fh, strict=True)
        prev = 0
        try:
            header = [h.strip().lower() for h in next(reader, [])]
            missing = [c for c in SIMPLE_REQUIRED if c not in header]
            if missing:
                raise WatchlistError([WatchlistIssue(file, 1, c, f"a column named '{c}' (targets.simple.csv)")
                                      for c in missing], skippable=False)
            at = {c: i for i, c in enumerate(header)}

            def multi(row: list[str], column: str) -> list[str]:
                i = at.get(column)
                return [v for v in row[i].split(";") if v.strip()] if i is not None and i < len(row) else []

            prev = reader.line_num
            for row in reader:
                line, prev = prev + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    collector.issues.append(WatchlistIssue(
                        file, line, None, f"{len(header)} fields as in the header, found {len(row)}"))
                    collector.add(None, line, None, None)
                    continue
                if row[at["schema"]].strip() != PERSON:
                    continue
                values = _Values()
                entry = _entry(
                    collector, line, list_name, values, id=row[at["id"]],
                    names=_names(multi(row, "name"), multi(row, "aliases"), None),
                    category=settings.category,
                    dates_of_birth=values.dates(multi(row, "birth_date")),
                    nationalities=values.countries(multi(row, "countries")),
                    documents=values.documents((n, None) for n in multi(row, "identifiers")),
                )
                collector.add(entry, line, list_name, row[at["id"]])
        except csv.Error as exc:
            raise WatchlistError.at(file, prev + 1, None, f"well-formed CSV ({exc})") from None
        except UnicodeDecodeError:
            raise WatchlistError.at(file, None, None, "UTF-8 text") from None
    return collector.finish(list_name)


def _strings(props: dict[str, Any], key: str) -> list[str]:
    values = props.get(key)
    if not isinstance(values, list):
        return []
    return [v for v in values if isinstance(v, str) and v.strip()]


def _structured(props: dict[str, Any]) -> ListedName | None:
    """The name built from firstName/middleName/lastName when the entity gives a last name."""
    last = clean_text(" ".join(_strings(props, "lastName")[:1]))
    if last is None:
        return None
    given = clean_text(" ".join(_strings(props, "firstName")[:1] + _strings(props, "middleName")[:1]))
    return ListedName(f"{given} {last}" if given else last, last, given)


def read_ftm_jsonl(path: str | os.PathLike[str], settings: ListSettings = ListSettings(),
                   skip_bad_rows: bool = False) -> Watchlist:
    """Load the persons of a FollowTheMoney JSON lines export (one entity per line)."""
    file = str(path)
    collector = EntryCollector(file, settings, skip_bad_rows)
    list_name = settings.name or DEFAULT_NAME
    with open(path, encoding="utf-8-sig") as fh, paused_gc():
        try:
            for line, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                detail = "not an object"
                try:
                    entity = json.loads(text)
                except json.JSONDecodeError as exc:
                    entity, detail = None, exc.msg
                if not isinstance(entity, dict) or not isinstance(entity.get("properties", {}), dict):
                    collector.issues.append(WatchlistIssue(
                        file, line, None, f"a JSON object per line, a FollowTheMoney entity ({detail})"))
                    collector.add(None, line, None, None)
                    continue
                if entity.get("schema") != PERSON:
                    continue
                props: dict[str, Any] = entity.get("properties") or {}
                values = _Values()
                topics = [t for t in entity.get("topics") or props.get("topics") or [] if isinstance(t, str)]
                raw_id = entity.get("id") if isinstance(entity.get("id"), str) else None
                gender = next((_GENDER[g.lower()] for g in _strings(props, "gender") if g.lower() in _GENDER), None)
                entry = _entry(
                    collector, line, list_name, values, id=raw_id,
                    names=_names(_strings(props, "name"), _strings(props, "alias") + _strings(props, "previousName"),
                                 _structured(props)),
                    category=settings.category or (";".join(topics) or None),
                    dates_of_birth=values.dates(_strings(props, "birthDate")),
                    nationalities=values.countries(_strings(props, "nationality") + _strings(props, "citizenship")),
                    gender=gender,
                    documents=values.documents([(n, "P") for n in _strings(props, "passportNumber")]
                                               + [(n, "I") for n in _strings(props, "idNumber")]),
                    notes=clean_text(" ".join(_strings(props, "notes")[:1])),
                )
                collector.add(entry, line, list_name, raw_id)
        except UnicodeDecodeError:
            raise WatchlistError.at(file, None, None, "UTF-8 text") from None
    return collector.finish(list_name)
