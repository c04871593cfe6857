"""Synthetic watchlists: listed persons, planted travellers with labelled variations, hard negatives.

In: a ``random.Random``, ``NamePools`` and the travel date. Out: ``ListedEntry`` records (the
listed form) and the ``Person`` who travels under the airline-sent form, with the cause
labels that separate the two (typo, order_swap, …, doc_ocr — see ``NAME_CAUSES``); writers
for the native watchlist CSV and OpenSanctions ``targets.simple.csv``.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from datetime import date

from pipeline.normalise.name_forms import fold_ascii, fold_icao
from pipeline.synth.documents import mrz_name_field, names_from_mrz, ocr_confuse
from pipeline.synth.names import NamePools, nicknames, transliteration_groups
from pipeline.synth.people import COUNTRY_SOURCES, Person, birth_date, make_person

NAME_CAUSES = ("exact", "typo", "order_swap", "dropped_middle", "initial", "transliteration", "merged_split",
               "nickname", "extra_token", "mrz_truncation", "diacritics")
EXTRA_CAUSES = ("dob_partial", "dob_swapped", "doc_ocr")
HARD_NEGATIVE_CAUSES = ("same_surname", "same_given", "same_name_other_dob_nat")
NATIVE_COLUMNS = ("id", "list", "category", "severity", "surname", "given_names", "aliases", "date_of_birth",
                  "nationality", "gender", "documents", "notes")
OPENSANCTIONS_COLUMNS = ("id", "schema", "name", "aliases", "birth_date", "countries", "addresses", "identifiers",
                         "sanctions", "phones", "emails", "dataset", "first_seen", "last_seen", "last_change")
OPENSANCTIONS_LIST = "OpenSanctions"  # the list name pipeline.watchlist gives a targets.simple.csv


@dataclass(frozen=True, slots=True)
class ListSpec:
    """A native list: its name, category and severity."""

    name: str
    category: str
    severity: str


LISTS = (ListSpec("SYN-WANTED", "wanted", "critical"), ListSpec("SYN-NOFLY", "terrorism", "critical"),
         ListSpec("SYN-SANCTIONS", "sanctions", "high"), ListSpec("SYN-WATCH", "watch", "medium"))

# Sources whose names can carry each variation.
_SOURCES_FOR = {
    "transliteration": ("table:arabic", "table:cyrillic", "table:chinese", "table:west_african", "table:south_asian"),
    "diacritics": ("table:european", "faker:de_DE", "faker:tr_TR", "faker:pl_PL", "faker:cs_CZ", "faker:is_IS",
                   "faker:vi_VN", "faker:hu_HU"),
    "nickname": ("faker:en_US", "faker:en_GB", "table:cyrillic", "table:spanish", "table:west_african"),
    "merged_split": ("table:spanish", "table:arabic", "table:south_asian"),
}


@dataclass(frozen=True, slots=True)
class ListedEntry:
    """One watchlist entry in the listed form. ``opensanctions``: written to the OpenSanctions file."""

    id: str
    list: str
    category: str
    severity: str
    surname: str
    given_names: str
    date_of_birth: tuple[str, ...] = ()
    nationality: tuple[str, ...] = ()
    gender: str = ""
    documents: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    notes: str = ""
    opensanctions: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()

    def native_row(self) -> list[str]:
        return [self.id, self.list, self.category, self.severity, self.surname, self.given_names,
                "|".join(self.aliases), "|".join(self.date_of_birth), "|".join(self.nationality), self.gender,
                "|".join(self.documents), self.notes]

    def opensanctions_row(self) -> list[str]:
        identifiers = ";".join(d.rsplit(":", 1)[-1] for d in self.documents)
        return [self.id, "Person", self.full_name, ";".join(self.aliases), ";".join(self.date_of_birth),
                ";".join(c.lower() for c in self.nationality), "", identifiers, self.category, "", "",
                "synthetic_sanctions", "2025-01-01", "2026-01-01", "2025-06-01"]


@dataclass(frozen=True, slots=True)
class Planted:
    """A listed person travelling: the traveller as sent, the listed entry and the cause labels."""

    person: Person
    entry: ListedEntry
    causes: tuple[str, ...]


def csv_text(header: tuple[str, ...], rows: list[list[str]]) -> str:
    """CSV with ``\\n`` line ends and minimal quoting (the same bytes on every platform)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def native_csv(entries: list[ListedEntry]) -> str:
    return csv_text(NATIVE_COLUMNS, [e.native_row() for e in entries if not e.opensanctions])


def opensanctions_csv(entries: list[ListedEntry]) -> str:
    return csv_text(OPENSANCTIONS_COLUMNS, [e.opensanctions_row() for e in entries if e.opensanctions])


def _countries_for(source: str) -> list[str]:
    return sorted(c for c, sources in COUNTRY_SOURCES.items() if source in sources)


def typo(rng: random.Random, token: str) -> str:
    """``token`` with one keyboard-style edit (substitution, deletion, insertion or transposition)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if len(token) < 2:
        return token + rng.choice(letters)
    for _ in range(10):
        i = rng.randrange(1, len(token))
        op = rng.choice(("sub", "del", "ins", "swap"))
        if op == "sub":
            out = token[:i] + rng.choice(letters) + token[i + 1:]
        elif op == "del":
            out = token[:i] + token[i + 1:]
        elif op == "ins":
            out = token[:i] + rng.choice(letters) + token[i:]
        else:
            out = token[:i - 1] + token[i] + token[i - 1] + token[i + 1:]
        if out != token and " " not in out.strip() and out.strip():
            return out
    return token + "E"


def _with_middle(rng: random.Random, pools: NamePools, person: Person, count: int = 1) -> tuple[str, str]:
    """The person's document-form name with ``count`` extra given names (listed form)."""
    pool = pools.pool(person.name.source)
    kind = "m" if person.gender == "M" else "f"
    extra = [fold_icao(rng.choice(pool[kind])) for _ in range(count)]
    return person.sent_surname, " ".join([person.sent_given, *extra])


def apply_name_cause(rng: random.Random, pools: NamePools, person: Person, cause: str
                     ) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """``((listed surname, listed given), (sent surname, sent given))`` for ``cause``, or None when
    this person's name cannot carry it."""
    s, g = person.sent_surname, person.sent_given
    tokens = g.split()
    if cause == "exact":
        return (s, g), (s, g)
    if not tokens or not s:
        return None
    if cause == "typo":
        parts = s.split()
        k = max(range(len(parts)), key=lambda j: len(parts[j]))
        if len(parts[k]) >= 4 and (rng.random() < 0.6 or len(tokens[0]) < 4):
            parts[k] = typo(rng, parts[k])
            return (s, g), (" ".join(parts), g)
        if len(tokens[0]) >= 4:
            return (s, g), (s, " ".join([typo(rng, tokens[0]), *tokens[1:]]))
        return None
    if cause == "order_swap":
        return (s, g), (g, s)
    if cause == "dropped_middle":
        listed = (s, g) if len(tokens) >= 2 else _with_middle(rng, pools, person)
        return listed, (s, listed[1].split()[0])
    if cause == "initial":
        return (s, g), (s, tokens[0][0])
    if cause == "transliteration":
        groups = transliteration_groups()
        for which, value in (("s", s), ("g", g)):
            parts = value.split()
            for k, part in enumerate(parts):
                for length in (2, 1):
                    key = " ".join(parts[k:k + length])
                    if key in groups and len(groups[key]) > 1 and len(parts[k:k + length]) == length:
                        other = rng.choice([x for x in groups[key] if x != key])
                        new = " ".join(parts[:k] + [other] + parts[k + length:])
                        return (s, g), ((new, g) if which == "s" else (s, new))
        return None
    if cause == "merged_split":
        for which, value in (("s", s), ("g", g)):
            if " " in value:
                merged = value.replace(" ", "")
                if rng.random() < 0.5:
                    return (s, g), ((merged, g) if which == "s" else (s, merged))
                return ((merged, g) if which == "s" else (s, merged)), (s, g)
        return None
    if cause == "nickname":
        names = nicknames()
        first = tokens[0]
        if first not in names:  # give the listed person a name that has nicknames, from their own culture if possible
            pool = pools.pool(person.name.source)["m" if person.gender == "M" else "f"]
            first = rng.choice([n for n in pool if n in names] or sorted(n for n in names if n.isascii()))
        listed = (s, " ".join([first, *tokens[1:]]))
        return listed, (s, " ".join([rng.choice(names[first]), *tokens[1:]]))
    if cause == "extra_token":
        _, longer = _with_middle(rng, pools, person)
        return (s, g), (s, longer)
    if cause == "mrz_truncation":
        count = 1
        listed = (s, g)
        while len(listed[0]) + 2 + len(listed[1]) <= 39 + 2 and count < 8:
            listed = _with_middle(rng, pools, person, count)
            count += 1
        if len(listed[0]) + 2 + len(listed[1]) <= 39:
            return None
        sent = names_from_mrz(mrz_name_field(*listed))
        return (listed, sent) if sent[1] else None
    if cause == "diacritics":
        true_s, true_g = " ".join(person.name.surname.split()), " ".join(person.name.given_names.split())
        if true_s.isascii() and true_g.isascii():
            return None
        sent = (fold_ascii(true_s), fold_ascii(true_g)) if rng.random() < 0.4 else (s, g)
        return (true_s, true_g), (" ".join(sent[0].split()), " ".join(sent[1].split()))
    raise ValueError(f"unknown variation cause {cause!r} (expected one of {', '.join(NAME_CAUSES)})")


def _swap_day_month(d: date) -> str | None:
    if d.day > 12 or d.day == d.month:
        return None
    return f"{d.year:04d}-{d.day:02d}-{d.month:02d}"


class Planter:
    """Makes planted listed travellers, hard negatives and filler entries, numbering entries itself."""

    def __init__(self, pools: NamePools, prefix: str = "SYN-", opensanctions_share: float = 0.25) -> None:
        self.pools = pools
        self.prefix = prefix
        self.opensanctions_share = opensanctions_share
        self._next = 0

    def entry_id(self) -> str:
        self._next += 1
        return f"{self.prefix}{self._next:06d}"

    def _list(self, rng: random.Random) -> tuple[ListSpec, bool]:
        if rng.random() < self.opensanctions_share:
            return ListSpec(OPENSANCTIONS_LIST, "sanctions", "high"), True
        return rng.choice(LISTS), False

    def plant(self, rng: random.Random, person_id: str, nationalities: list[str], on: date,
              cause: str | None = None) -> Planted:
        """A listed person who travels on ``on`` under a variation of the listed name."""
        cause = cause or rng.choice(NAME_CAUSES)
        extra = rng.choice(EXTRA_CAUSES) if rng.random() < 0.35 else None
        result = None
        for _ in range(40):
            source = None
            nationality = rng.choice(nationalities)
            if cause in _SOURCES_FOR:
                source = rng.choice(_SOURCES_FOR[cause])
                nationality = rng.choice(_countries_for(source))
            birth = birth_date(rng, on, minor_rate=0.0)
            if extra == "dob_swapped" and _swap_day_month(birth) is None:
                birth = birth.replace(day=rng.randrange(1, 13))
                if birth.day == birth.month:
                    birth = birth.replace(day=13 if birth.month == 12 else birth.month + 1) \
                        if birth.month < 12 else birth.replace(day=1)
            person = make_person(rng, self.pools, person_id, nationality, on, source=source,
                                 gender=rng.choice("MF"), birth=birth)
            result = apply_name_cause(rng, self.pools, person, cause)
            if result is not None:
                break
        if result is None:  # no drawn person could carry the cause: plant them unchanged
            cause, result = "exact", apply_name_cause(rng, self.pools, person, "exact")
        (listed_s, listed_g), (sent_s, sent_g) = result
        person = person.with_name(sent_s, sent_g)
        causes = [cause]
        dobs = (person.birth.isoformat(),)
        docs: tuple[str, ...] = ()
        if extra == "dob_partial":
            dobs = (person.birth.isoformat()[:rng.choice((4, 7))],)
            causes.append(extra)
        elif extra == "dob_swapped" and _swap_day_month(person.birth):
            dobs = (_swap_day_month(person.birth),)  # type: ignore[assignment]
            causes.append(extra)
        doc = person.document
        if extra == "doc_ocr":
            confused = ocr_confuse(rng, doc.number)
            if confused is not None:
                person = replace(person, document=replace(doc, number=confused))
                causes.append(extra)
        if "doc_ocr" in causes or rng.random() < 0.5:
            docs = (f"{doc.type}:{doc.country}:{doc.number}",)
        spec, os_file = self._list(rng)
        entry = ListedEntry(
            id=self.entry_id(), list=spec.name, category=spec.category, severity=spec.severity, surname=listed_s,
            given_names=listed_g, date_of_birth=dobs, nationality=(person.nationality,), gender=person.gender,
            documents=docs, notes="synthetic planted entry", opensanctions=os_file,
        )
        return Planted(person, entry, tuple(causes))

    def hard_negative(self, rng: random.Random, person: Person, cause: str, on: date) -> ListedEntry:
        """An entry that resembles ``person`` without being them (``HARD_NEGATIVE_CAUSES``)."""
        other = make_person(rng, self.pools, "X", rng.choice(tuple(COUNTRY_SOURCES)), on,
                            source=person.name.source, gender=person.gender)
        far = date.fromordinal(person.birth.toordinal() + rng.choice((-1, 1)) * rng.randrange(5 * 365, 15 * 365))
        nationality = other.nationality if other.nationality != person.nationality else "ZZZ"
        if nationality == "ZZZ":
            nationality = next(c for c in sorted(COUNTRY_SOURCES) if c != person.nationality)
        if cause == "same_surname":
            surname, given = person.sent_surname, other.sent_given
            if given == person.sent_given:
                given = typo(rng, given) + " " + typo(rng, given)
        elif cause == "same_given":
            surname, given = other.sent_surname, person.sent_given
            if surname == person.sent_surname:
                surname = typo(rng, surname) + "OV"
        elif cause == "same_name_other_dob_nat":
            surname, given = person.sent_surname, person.sent_given
        else:
            raise ValueError(f"unknown hard negative {cause!r} (expected one of {', '.join(HARD_NEGATIVE_CAUSES)})")
        spec, os_file = self._list(rng)
        return ListedEntry(
            id=self.entry_id(), list=spec.name, category=spec.category, severity=spec.severity, surname=surname,
            given_names=given, date_of_birth=(far.isoformat(),), nationality=(nationality,), gender=person.gender,
            notes="synthetic hard negative", opensanctions=os_file,
        )

    def filler(self, rng: random.Random, on: date) -> ListedEntry:
        """An entry that matches no planted traveller (a list is mostly people who never fly)."""
        person = make_person(rng, self.pools, "X", rng.choice(tuple(COUNTRY_SOURCES)), on,
                             birth=birth_date(rng, on, minor_rate=0.0))
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.3:
            alias = make_person(rng, self.pools, "X", person.nationality, on, gender=person.gender)
            aliases = (f"{alias.sent_given} {alias.sent_surname}",)
        dob = person.birth.isoformat()
        if rng.random() < 0.15:
            dob = dob[:4]
        spec, os_file = self._list(rng)
        docs = (f"P:{person.nationality}:{person.document.number}",) if rng.random() < 0.4 else ()
        return ListedEntry(
            id=self.entry_id(), list=spec.name, category=spec.category, severity=spec.severity,
            surname=person.sent_surname, given_names=person.sent_given, date_of_birth=(dob,),
            nationality=(person.nationality,), gender=person.gender, documents=docs, aliases=aliases,
            notes="synthetic entry", opensanctions=os_file,
        )
