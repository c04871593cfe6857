"""A seeded, labelled variation maker for the matching benchmarks (used until and beside the
traffic generator's labelled fixtures).

In: a seed and sizes. Out: ``Dataset`` — a watchlist (``WatchlistEntry`` records: multi-culture
names, Unicode kept, partial and multiple dates of birth, passports for most), positives
(travellers derived from one entry by exactly one labelled cause) and negatives (travellers
from a differently seeded generator, including same-surname hard negatives).

The variations are made with rules of this file (its own spelling rules, nickname pairs and
transliteration), not with the matcher's tables, so that the benchmark is not circular —
except where noted in ``CAUSES``.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from faker import Faker

from pipeline.model import TravelDocument, Traveller
from pipeline.watchlist.model import ListedDocument, ListedName, WatchlistEntry

NAME_CAUSES = ("exact", "typo", "swap", "drop_middle", "initial", "translit", "icao_fold", "merge_split",
               "nickname", "extra_token", "typo_swap", "mrz_trunc", "noise_space")
DOB_CAUSES = ("dob_year_only", "dob_swap", "dob_pm1", "dob_placeholder", "dob_multi")
DOC_CAUSES = ("doc_ocr",)
CAUSES = NAME_CAUSES + DOB_CAUSES + DOC_CAUSES

FAKER_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "tr_TR", "pl_PL", "pt_BR", "nl_NL", "ru_RU")
ARABIC_GIVEN = ("MOHAMMED", "AHMED", "ALI", "OMAR", "KHALID", "YUSUF", "IBRAHIM", "HASSAN", "HUSSEIN", "MAHMOUD",
                "ABDUL RAHMAN", "ABDULLAH", "ABDUL AZIZ", "ABU BAKR", "SAEED", "TARIQ", "WALID", "FAISAL", "NASSER",
                "JAMAL", "KARIM", "SAMIR", "ZIYAD", "BILAL", "HAMZA", "ANWAR", "FAROUK", "SULEIMAN", "MUSTAFA",
                "OSAMA", "FATIMA", "AISHA", "MARYAM", "ZAINAB", "KHADIJA", "LAYLA", "NOUR", "SALMA")
ARABIC_SURNAME = ("AL-ZAHRANI", "AL-QAHTANI", "HADDAD", "KHOURY", "MANSOUR", "NASSER", "SALEH", "AL-MASRI",
                  "BIN LADEN", "AL-HASHIMI", "ABU GHAITH", "EL-SAYED", "HAMDAN", "JABER", "KHALIL", "AL-RASHID",
                  "SHEHAB", "QURESHI", "FAROUQI", "OTHMAN", "ABDEL KADER", "AL-BAGHDADI", "TAHA", "DARWISH")
# The bench's own nickname pairs (full name, nickname).
BENCH_NICKNAMES = (("WILLIAM", "BILL"), ("ROBERT", "BOB"), ("RICHARD", "DICK"), ("JAMES", "JIM"),
                   ("MICHAEL", "MIKE"), ("ELIZABETH", "LIZ"), ("MARGARET", "PEGGY"), ("THOMAS", "TOM"),
                   ("JOSEPH", "JOE"), ("CHARLES", "CHUCK"), ("EDWARD", "TED"), ("ANTHONY", "TONY"),
                   ("DANIEL", "DANNY"), ("CHRISTOPHER", "CHRIS"), ("KATHERINE", "KATE"), ("PATRICK", "PADDY"))
# The bench's own transliteration rules (a spelling change within one token).
TRANSLIT_RULES = (("KH", "H"), ("OU", "U"), ("U", "OU"), ("EE", "I"), ("SH", "CH"), ("J", "DJ"), ("PH", "F"),
                  ("V", "W"), ("W", "V"), ("Q", "K"), ("Y", "I"), ("I", "Y"), ("MM", "M"), ("SS", "S"),
                  ("LL", "L"), ("M", "MM"), ("S", "SS"), ("AL-", "EL-"), ("EL-", "AL-"), ("AI", "AY"), ("EI", "AY"),
                  ("OO", "U"), ("CZ", "TS"), ("W", "V"), ("X", "KS"), ("C", "K"))
_ICAO = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Å": "AA", "Ø": "OE", "Æ": "AE"}
_NO_DECOMPOSITION = {"Ł": "L", "Đ": "D", "Ð": "D", "Ħ": "H", "Ø": "O", "Æ": "AE", "Œ": "OE", "Þ": "TH", "ı": "I"}
_CYR = dict(zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
                ["A", "B", "V", "G", "D", "E", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P", "R", "S", "T",
                 "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "", "E", "IU", "IA"]))
_CYR_ALT = {"Х": "H", "Й": "Y", "Ю": "YU", "Я": "YA", "Ж": "J", "Ц": "C", "Ш": "SH"}


def plain(text: str, icao: bool = False, alt_cyrillic: bool = False) -> str:
    """Upper-case ASCII as an airline system writes a name: diacritics dropped (or ICAO
    digraphs with ``icao``), Cyrillic romanised (ICAO, or a common alternative)."""
    out = []
    for ch in text.upper():
        if alt_cyrillic and ch in _CYR_ALT:
            out.append(_CYR_ALT[ch])
        elif ch in _CYR:
            out.append(_CYR[ch])
        elif icao and ch in _ICAO:
            out.append(_ICAO[ch])
        elif ch == "ß":
            out.append("SS")
        elif ch in _NO_DECOMPOSITION:
            out.append(_NO_DECOMPOSITION[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 128))
    return " ".join("".join(out).replace("-", " ").replace("'", "").split())


@dataclass
class Person:
    surname: list[str]
    given: list[str]
    dob: date
    nationality: str
    gender: str
    passport: str


@dataclass
class Dataset:
    entries: list[WatchlistEntry]
    positives: list[tuple[str, str, Traveller]] = field(default_factory=list)  # (cause, entry_id, traveller)
    negatives: list[Traveller] = field(default_factory=list)


class NameSource:
    """Names from faker locales and a small Arabic pool, reproducible for a seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in FAKER_LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 100 + i)

    def person(self, nick_rate: float = 0.0) -> Person:
        rng = self.rng
        gender = rng.choice("MF")
        roll = rng.random()
        if roll < 0.35:
            given = [rng.choice(ARABIC_GIVEN) for _ in range(rng.choice((2, 2, 3, 3)))]
            surname = [rng.choice(ARABIC_SURNAME)]
            nat = rng.choice(("SAU", "EGY", "IRQ", "SYR", "JOR", "YEM", "PAK", "LBN"))
        else:
            loc = rng.choice(FAKER_LOCALES)
            f = self.fakers[loc]
            first = f.first_name_male if gender == "M" else f.first_name_female
            given = [first() for _ in range(rng.choice((1, 1, 2, 2, 3)))]
            surname = [f.last_name()]
            if rng.random() < 0.1:
                surname.append(f.last_name())
            nat = {"en_US": "USA", "en_GB": "GBR", "de_DE": "DEU", "fr_FR": "FRA", "es_ES": "ESP", "it_IT": "ITA",
                   "tr_TR": "TUR", "pl_PL": "POL", "pt_BR": "BRA", "nl_NL": "NLD", "ru_RU": "RUS"}[loc]
        if rng.random() < nick_rate:
            given[0] = rng.choice(BENCH_NICKNAMES)[0]
        dob = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))
        passport = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2)) + str(rng.randrange(10**6, 10**7))
        return Person([s.upper() for s in surname], [g.upper() for g in given], dob, nat, gender, passport)


def _entry(rng: random.Random, n: int, p: Person) -> WatchlistEntry:
    r = rng.random()
    if r < 0.65:
        dobs = (p.dob.isoformat(),)
    elif r < 0.8:
        dobs = (str(p.dob.year),)
    elif r < 0.85:
        dobs = (f"{p.dob.year}-01-01",)
    else:
        dobs = tuple(sorted({str(p.dob.year + d) for d in (0, rng.choice((-2, -1, 1, 2)), rng.choice((-3, 3)))}))
    sur, giv = " ".join(p.surname), " ".join(p.given)
    structured = rng.random() < 0.7
    name = ListedName(f"{giv} {sur}", sur if structured else None, giv if structured else None)
    docs = (ListedDocument(p.passport, "P", p.nationality),) if rng.random() < 0.6 else ()
    return WatchlistEntry(id=f"E{n:07d}", list="bench", names=(name,), dates_of_birth=dobs,
                          nationalities=(p.nationality,), gender=p.gender, documents=docs)


def _typo(rng: random.Random, token: str) -> str:
    if len(token) < 4:
        return token + rng.choice("AEIOU")
    i = rng.randrange(1, len(token) - 1)
    kind = rng.choice(("sub", "del", "ins", "swap"))
    letter = rng.choice("ABCDEFGHIJKLMNOPRSTUVWYZ")
    if kind == "sub":
        return token[:i] + letter + token[i + 1:]
    if kind == "del":
        return token[:i] + token[i + 1:]
    if kind == "ins":
        return token[:i] + letter + token[i:]
    return token[:i - 1] + token[i] + token[i - 1] + token[i + 1:]


def _traveller(tid: str, sur: str, giv: str, dob: str, p: Person, passport: str | None = None) -> Traveller:
    return Traveller(id=tid, surname=sur or None, given_names=giv or None, date_of_birth=dob, gender=p.gender,
                     nationality=p.nationality,
                     documents=(TravelDocument("P", passport or p.passport[::-1], p.nationality),))


def _variant(rng: random.Random, cause: str, p: Person, tid: str,
             entry: WatchlistEntry) -> tuple[Traveller, WatchlistEntry] | None:
    """The traveller for one cause (and the entry, changed for list-side DOB causes), or None
    when the cause does not apply to this person."""
    sur = [plain(s) for s in p.surname]
    giv = [plain(g) for g in p.given]
    dob = p.dob.isoformat()
    passport = None  # a different passport than the listed one, except for document causes
    raw = " ".join(p.surname + p.given)
    if cause == "exact":
        pass
    elif cause in ("typo", "typo_swap", "doc_ocr"):
        tokens = sur + giv
        k = rng.randrange(len(tokens))
        tokens[k] = _typo(rng, tokens[k].replace(" ", ""))
        sur, giv = tokens[:len(sur)], tokens[len(sur):]
        if cause == "typo_swap":
            sur, giv = giv, sur
        if cause == "doc_ocr":
            if not entry.documents:
                return None
            confusions = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "O": "0", "I": "1", "S": "5", "B": "8"}
            num = entry.documents[0].number
            spots = [i for i, c in enumerate(num) if c in confusions]
            if not spots:
                return None
            i = rng.choice(spots)
            passport = num[:i] + confusions[num[i]] + num[i + 1:]
    elif cause == "swap":
        sur, giv = giv, sur
    elif cause == "drop_middle":
        if len(giv) < 2:
            return None
        del giv[rng.randrange(1, len(giv))]
    elif cause == "initial":
        giv[0] = giv[0][0]
    elif cause == "translit":
        tokens = sur + giv
        options = [(k, a, b) for k, t in enumerate(tokens) for a, b in TRANSLIT_RULES if a in t]
        if not options:
            return None
        k, a, b = rng.choice(options)
        at = [i for i in range(len(tokens[k])) if tokens[k].startswith(a, i)]
        i = rng.choice(at)
        tokens[k] = tokens[k][:i] + b + tokens[k][i + len(a):]
        sur, giv = tokens[:len(sur)], tokens[len(sur):]
    elif cause == "icao_fold":
        if raw.isascii():
            return None
        sur = [plain(s, icao=True, alt_cyrillic=True) for s in p.surname]
        giv = [plain(g, icao=True, alt_cyrillic=True) for g in p.given]
        if sur == [plain(s) for s in p.surname] and giv == [plain(g) for g in p.given]:
            return None
    elif cause == "merge_split":
        if len(giv) >= 2 and rng.random() < 0.5:
            giv = [giv[0] + giv[1].replace(" ", "")] + giv[2:]
        elif any(" " in t for t in sur + giv):
            sur = [t.replace(" ", "") for t in sur]
            giv = [t.replace(" ", "") for t in giv]
        else:
            t = sur[0]
            if len(t) < 7:
                return None
            i = rng.randrange(3, len(t) - 3)
            sur[0] = t[:i] + " " + t[i:]
    elif cause == "nickname":
        nick = dict(BENCH_NICKNAMES).get(giv[0])
        if nick is None:
            return None
        giv[0] = nick
    elif cause == "extra_token":
        extra = rng.choice(("MARIA", "JOSE", "KUMAR", "BINTI", "HASAN", "IVANOVICH", "LOUISE", "GARCIA", "SINGH"))
        if rng.random() < 0.5:
            giv.append(extra)
        else:
            sur.append(extra)
    elif cause == "mrz_trunc":
        full_sur, full_giv = " ".join(sur), " ".join(giv)
        if len(full_sur) + 2 + len(full_giv) <= 30:
            return None
        room = 30 - len(full_sur) - 2
        if room < 1:
            return None
        giv = [full_giv[:room].strip()]
    elif cause == "noise_space":
        tokens = sur + giv
        k = max(range(len(tokens)), key=lambda j: len(tokens[j]))
        t = tokens[k]
        if len(t) < 5:
            return None
        i = rng.randrange(2, len(t) - 2)
        tokens[k] = t[:i] + " " + t[i:]
        sur, giv = tokens[:len(sur)], tokens[len(sur):]
    elif cause == "dob_year_only":
        entry = replace(entry, dates_of_birth=(str(p.dob.year),))
    elif cause == "dob_swap":
        if p.dob.day > 12 or p.dob.day == p.dob.month:
            return None
        dob = date(p.dob.year, p.dob.day, p.dob.month).isoformat()
        entry = replace(entry, dates_of_birth=(p.dob.isoformat(),))
    elif cause == "dob_pm1":
        year = p.dob.year + rng.choice((-1, 1))
        leap_day = (p.dob.month, p.dob.day) == (2, 29) and not (year % 4 == 0 and (year % 100 or year % 400 == 0))
        dob = date(year, 2, 28).isoformat() if leap_day else p.dob.replace(year=year).isoformat()
        entry = replace(entry, dates_of_birth=(p.dob.isoformat(),))
    elif cause == "dob_placeholder":
        entry = replace(entry, dates_of_birth=(f"{p.dob.year}-01-01",))
    elif cause == "dob_multi":
        entry = replace(entry, dates_of_birth=tuple(str(p.dob.year + d) for d in (-4, 0, 3)))
    return _traveller(tid, " ".join(sur), " ".join(giv), dob, p, passport), entry


def make_dataset(seed: int = 7, list_size: int = 5000, per_cause: int = 200, negatives: int = 20000,
                 hard_negative_rate: float = 0.1) -> Dataset:
    """A labelled benchmark set; the same seed gives the same set (for one faker version)."""
    rng = random.Random(seed)
    source = NameSource(seed)
    people = [source.person(nick_rate=0.08) for _ in range(list_size)]
    entries = [_entry(rng, i, p) for i, p in enumerate(people)]
    data = Dataset(entries)
    for cause in CAUSES:
        made, tries = 0, 0
        while made < per_cause and tries < per_cause * 50:
            tries += 1
            i = rng.randrange(list_size)
            out = _variant(rng, cause, people[i], f"P-{cause}-{made}", entries[i])
            if out is None:
                continue
            traveller, entry = out
            if entry is not entries[i]:  # list-side DOB causes: the entry carries the variation
                entries[i] = entry
            data.positives.append((cause, entry.id, traveller))
            made += 1
    other = NameSource(seed + 1_000_003)
    for n in range(negatives):
        p = other.person()
        if rng.random() < hard_negative_rate:
            p.surname = list(rng.choice(people).surname)
        data.negatives.append(_traveller(f"N{n:06d}", " ".join(plain(s) for s in p.surname),
                                         " ".join(plain(g) for g in p.given), p.dob.isoformat(), p))
    data.entries = entries
    return data
