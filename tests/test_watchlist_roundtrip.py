"""Property: entries written to native CSV with the csv module load back as the same entries."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.watchlist.loader import load_watchlist
from pipeline.watchlist.model import SEVERITIES, ListedDocument, ListedName, WatchlistEntry
from pipeline.watchlist.native_csv import COLUMNS

COUNTRIES = [("GBR", "GB"), ("DEU", "DE"), ("UKR", "UA"), ("YEM", "YE"), ("JPN", "JP"), ("BRA", "BR"), ("NOR", "NO")]
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

word = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"), blacklist_characters="|"),
    min_size=1, max_size=12,
).filter(lambda w: not any(c.isspace() for c in w))
text = st.lists(word, min_size=1, max_size=3).map(" ".join)
iso_date = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)).map(dt.date.isoformat),
    st.dates(min_value=dt.date(1900, 1, 1)).map(lambda d: d.isoformat()[:7]),
    st.integers(1900, 2025).map(str),
)
document = st.tuples(st.text(alphabet=ALNUM, min_size=1, max_size=12), st.sampled_from(["", "P", "I", "ID"]),
                     st.sampled_from(["", *[a3 for a3, _ in COUNTRIES]]))


@st.composite
def entries(draw: st.DrawFn) -> tuple[list[str], WatchlistEntry]:
    """A CSV row (in COLUMNS order) and the entry it must load as."""
    full, surname, given_names = draw(text), draw(st.none() | text), draw(st.none() | text)
    structured = draw(st.booleans())
    if structured:
        surname = surname or full
        name_cell, primary = "", ListedName(f"{given_names} {surname}" if given_names else surname, surname, given_names)
    else:
        name_cell, primary = full, ListedName(full, surname, given_names)
    aliases = draw(st.lists(text, max_size=3))
    dobs = draw(st.lists(iso_date, max_size=3, unique=True))
    nats = draw(st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True))
    spell = draw(st.lists(st.booleans(), min_size=len(nats), max_size=len(nats)))
    docs = draw(st.lists(document, max_size=3))
    gender = draw(st.sampled_from(["", "M", "f", "X", "u"]))
    severity = draw(st.sampled_from(["", *SEVERITIES]))
    category, notes = draw(st.none() | text), draw(st.none() | text)
    row = {
        "id": "", "list": "Prop List", "category": category or "", "severity": severity, "name": name_cell,
        "surname": surname or "", "given_names": given_names or "", "aliases": "|".join(aliases),
        "date_of_birth": "|".join(dobs),
        "nationality": "|".join(a2 if s else a3 for (a3, a2), s in zip(nats, spell)),
        "gender": gender,
        "documents": "|".join(f"{t}:{c}:{n}" if t or c else n for n, t, c in docs),
        "notes": notes or "",
    }
    entry = WatchlistEntry(
        id="", list="Prop List", names=(primary, *(ListedName(a) for a in aliases)), category=category,
        severity=severity or "high", dates_of_birth=tuple(dobs), nationalities=tuple(a3 for a3, _ in nats),
        gender={"M": "M", "f": "F", "X": "X"}.get(gender), documents=tuple(ListedDocument(n, t or None, c or None)
                                                                        for n, t, c in docs),
        notes=notes,
    )
    return [row[c] for c in COLUMNS], entry


@settings(max_examples=60, deadline=None)
@given(st.lists(entries(), max_size=8))
def test_native_csv_round_trip(rows: list[tuple[list[str], WatchlistEntry]]) -> None:
    expected = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prop.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for i, (cells, entry) in enumerate(rows):
                cells = [f"E{i}", *cells[1:]]
                writer.writerow(cells)
                expected.append(WatchlistEntry(**{**{f: getattr(entry, f) for f in entry.__slots__}, "id": f"E{i}"}))
        wl = load_watchlist(path)
    assert list(wl.entries) == expected
    assert wl.skipped_rows == 0
