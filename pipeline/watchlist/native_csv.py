"""The native watchlist CSV: a header row, then one listed person per row.

Columns (header names, any order, unknown ones are an error): ``id`` and ``list`` (required),
``category``, ``severity`` (low|medium|high|critical), ``name`` or ``surname`` +
``given_names`` (one of the two is required), ``aliases`` (``|``-separated full names),
``date_of_birth`` (``|``-separated, each YYYY-MM-DD, YYYY-MM or YYYY), ``nationality``
(``|``-separated alpha-3 or alpha-2), ``gender`` (M|F|U|X), ``documents`` (``|``-separated,
each ``NUMBER`` or ``TYPE:COUNTRY:NUMBER``), ``notes``. UTF-8, with or without a BOM.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from pipeline.watchlist.collect import EntryCollector, ListSettings, paused_gc
from pipeline.watchlist.errors import WatchlistError, WatchlistIssue
from pipeline.watchlist.fields import build_entry, split_multi
from pipeline.watchlist.model import Watchlist

COLUMNS = ("id", "list", "category", "severity", "name", "surname", "given_names", "aliases",
           "date_of_birth", "nationality", "gender", "documents", "notes")
REQUIRED = ("id", "list")


def _header_issues(file: str, columns: list[str]) -> list[WatchlistIssue]:
    issues = []
    for col in columns:
        if col not in COLUMNS:
            issues.append(WatchlistIssue(file, 1, col, f"a known column ({', '.join(COLUMNS)})"))
    for col in sorted({c for c in columns if columns.count(c) > 1}):
        issues.append(WatchlistIssue(file, 1, col, "each column once in the header"))
    for col in REQUIRED:
        if col not in columns:
            issues.append(WatchlistIssue(file, 1, col, f"a column named '{col}'"))
    if "name" not in columns and "surname" not in columns:
        issues.append(WatchlistIssue(file, 1, "name", "a column 'name', or 'surname' and 'given_names'"))
    return issues


def _first_bad_utf8_line(path: str | os.PathLike[str]) -> int | None:
    data = Path(path).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data.count(b"\n", 0, exc.start) + 1
    return None


def read_native_csv(path: str | os.PathLike[str], settings: ListSettings = ListSettings(),
                    skip_bad_rows: bool = False) -> Watchlist:
    """Load a native CSV list. Raises ``WatchlistError`` for a bad header (always) or bad rows
    (unless ``skip_bad_rows``: they are then left out and counted in ``skipped_rows``)."""
    file = str(path)
    collector = EntryCollector(file, settings, skip_bad_rows)
    default_severity = settings.severity or "high"
    with open(path, encoding="utf-8-sig", newline="") as fh, paused_gc():
        reader = csv.reader(fh, strict=True)
        prev = 0
        try:
            header = next(reader, None)
            if header is None:
                raise WatchlistError.at(file, 1, None, "a header row naming the columns (id, list, name, …)")
            columns = [h.strip().lower() for h in header]
            problems = _header_issues(file, columns)
            if problems:
                raise WatchlistError(problems, skippable=False)
            at = {c: i for i, c in enumerate(columns)}
            width = len(columns)
            i_id, i_list = at["id"], at["list"]
            i_name, i_sur, i_giv = at.get("name"), at.get("surname"), at.get("given_names")
            i_ali, i_dob, i_nat = at.get("aliases"), at.get("date_of_birth"), at.get("nationality")
            i_gen, i_doc, i_not = at.get("gender"), at.get("documents"), at.get("notes")
            i_cat, i_sev = at.get("category"), at.get("severity")
            prev = reader.line_num
            for row in reader:
                line, prev = prev + 1, reader.line_num
                if len(row) != width:
                    if not any(cell.strip() for cell in row):
                        continue  # blank line
                    collector.issues.append(WatchlistIssue(
                        file, line, None, f"{width} fields as in the header, found {len(row)}"))
                    collector.add(None, line, None, None)
                    continue
                list_name = settings.name or row[i_list]
                entry = build_entry(
                    collector.issues, file=file, line=line,
                    id=row[i_id],
                    list_name=list_name,
                    name=row[i_name] if i_name is not None else None,
                    surname=row[i_sur] if i_sur is not None else None,
                    given_names=row[i_giv] if i_giv is not None else None,
                    aliases=split_multi(row[i_ali]) if i_ali is not None else (),
                    dates_of_birth=split_multi(row[i_dob]) if i_dob is not None else (),
                    nationalities=split_multi(row[i_nat]) if i_nat is not None else (),
                    gender=row[i_gen] if i_gen is not None else None,
                    documents=split_multi(row[i_doc]) if i_doc is not None else (),
                    notes=row[i_not] if i_not is not None else None,
                    category=(row[i_cat] if i_cat is not None else None) or settings.category,
                    severity=row[i_sev] if i_sev is not None else None,
                    default_severity=default_severity,
                )
                collector.add(entry, line, list_name, row[i_id])
        except csv.Error as exc:
            raise WatchlistError.at(file, prev + 1, None, f"well-formed CSV ({exc})") from None
        except UnicodeDecodeError:
            raise WatchlistError.at(file, _first_bad_utf8_line(path), None, "UTF-8 text") from None
    return collector.finish(Path(file).stem)
