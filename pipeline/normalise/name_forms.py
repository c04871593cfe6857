"""Names as comparable tokens: script folding, tokenising, particles, comparison forms.

The same functions are applied to travellers and to watchlist names (one function per
concept), so that every comparison is made between values normalised the same way.

- ``fold_icao``: Unicode → upper-case Latin as ICAO 9303 writes it in the MRZ (Ü→UE, ß→SS).
- ``fold_ascii``: the plain-ASCII variant most systems produce (Ü→U, ß→SS).
- ``name_tokens``: a name → tokens (plain-ASCII fold, punctuation split, titles and
  placeholders dropped, particles glued to the following token).
- ``comparable``: one token → the form used for keys and similarity (double letters
  collapsed); ``fold_digraphs`` additionally folds the ICAO digraphs so MUELLER meets MULLER.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.normalise.names import TITLES

# ICAO Doc 9303 Part 3, section 6 (Latin with diacritics; characters not listed lose their marks).
_ICAO_LATIN = {
    "Ä": "AE", "Æ": "AE", "Å": "AA", "Ö": "OE", "Ø": "OE", "Œ": "OE", "Ü": "UE", "ß": "SS", "Þ": "TH",
    "Ð": "D", "Đ": "D", "Ħ": "H", "Ł": "L", "Ŀ": "L", "Ŋ": "N", "Ŧ": "T", "Ĳ": "IJ", "ı": "I",
}
# ICAO Doc 9303 Part 3, Cyrillic table.
_ICAO_CYRILLIC = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Ґ": "G", "Д": "D", "Е": "E", "Ё": "E", "Є": "IE", "Ж": "ZH",
    "З": "Z", "И": "I", "І": "I", "Ї": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ў": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH",
    "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
}
_PLAIN_LATIN = {"Ä": "A", "Å": "A", "Ö": "O", "Ø": "O", "Ü": "U", "Æ": "AE", "Œ": "OE"}
_ASCII_LATIN = {**_ICAO_LATIN, **_PLAIN_LATIN}

# Placeholders that stand for "no name" in API/PNR feeds and lists (whole tokens).
PLACEHOLDERS = frozenset({"FNU", "LNU", "UNKNOWN", "UNK", "XXX", "TBA", "NFN", "NONAME"})

# Particles that are written either separately or glued to the next token (ABDUL RAHMAN /
# ABDULRAHMAN, VAN DER BILT / VANDERBILT, AL-ZAWAHIRI / ALZAWAHIRI). ABD AL / ABDEL / ABDOUL
# are spellings of one particle.
PARTICLES = frozenset({
    "AL", "EL", "UL", "BIN", "BEN", "IBN", "BINT", "ABU", "ABOU", "ABD", "ABDUL", "ABDEL", "ABDOUL", "ABDAL",
    "VAN", "VON", "DER", "DEN", "DE", "DEL", "DELA", "LA", "LE", "DA", "DI", "DOS", "DAS", "DU", "TER", "TEN",
    "MAC", "MC", "ST", "SAINT",
})
_NOT_NAMES = TITLES | PLACEHOLDERS
_PARTICLE_SPELLING = {"ABDEL": "ABDUL", "ABDOUL": "ABDUL", "ABDAL": "ABDUL", "ABOU": "ABU", "EL": "AL", "UL": "AL"}

_SPLIT = re.compile(r"[^A-Z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_DIGRAPHS = (("AE", "A"), ("OE", "O"), ("UE", "U"), ("AA", "A"))


def _fold(text: str, table: dict[str, str]) -> str:
    """``text`` upper-cased, each character folded by ``table``, the ICAO Cyrillic table or its
    decomposition (``_fold_chars``); all-ASCII after upper-casing, it is its own fold (every
    table maps non-ASCII characters only)."""
    upper = text.upper()
    return upper if upper.isascii() else _fold_chars(upper, table)


def _fold_chars(upper: str, table: dict[str, str]) -> str:
    """Each character of upper-cased ``upper`` folded: ``table``, then the Cyrillic table, ASCII
    as is, else its decomposition without marks (a blank when nothing ASCII is left)."""
    out = []
    for ch in upper:
        if ch in table:
            out.append(table[ch])
        elif ch in _ICAO_CYRILLIC:
            out.append(_ICAO_CYRILLIC[ch])
        elif ord(ch) < 128:
            out.append(ch)
        else:
            base = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in base if ord(c) < 128 and not unicodedata.combining(c)) or " ")
    return "".join(out)


def fold_icao(text: str) -> str:
    """Upper-case Latin as the MRZ writes it: ``Müller`` → ``MUELLER``, ``Ødegård`` → ``OEDEGAARD``.

    Characters without an ICAO rule lose their diacritics; scripts without one become blanks.
    """
    return _fold(text, _ICAO_LATIN)


def fold_ascii(text: str) -> str:
    """Upper-case plain ASCII: ``Müller`` → ``MULLER``, ``Straße`` → ``STRASSE``."""
    return _fold(text, _ASCII_LATIN)


def glue_particles(tokens: list[str]) -> list[str]:
    """Join each particle to the token after it: ``[ABD, AL, RAHMAN]`` → ``[ABDULRAHMAN]``.

    Spellings of one particle are unified first (ABDEL/ABDOUL/ABD AL → ABDUL, EL → AL). A
    trailing particle stays on its own. Without a token in ``PARTICLES`` the list is unchanged
    (every spelling unified is itself a particle).
    """
    unified: list[str] = []
    for t in tokens:
        if unified and unified[-1] == "ABD" and t in ("AL", "EL", "UL"):
            unified[-1] = "ABDUL"
            continue
        unified.append(_PARTICLE_SPELLING.get(t, t))
    out: list[str] = []
    pending = ""
    for t in unified:
        if t in PARTICLES:
            pending += t
            continue
        out.append(pending + t)
        pending = ""
    if pending:
        out.append(pending)
    return out


@lru_cache(maxsize=400_000)
def strip_particles(token: str) -> str:
    """A glued token without its leading particles (``ALZAWAHIRI`` → ``ZAWAHIRI``); never empty."""
    changed = True
    while changed:
        changed = False
        for p in ("ABDUL", "ABU", "BIN", "IBN", "BEN", "AL", "VANDER", "VAN", "VON", "DE", "DEL", "DER", "LA", "LE"):
            if token.startswith(p) and len(token) - len(p) >= 3:
                token = token[len(p):]
                changed = True
                break
    return token


@lru_cache(maxsize=200_000)
def name_tokens(value: str | None) -> tuple[str, ...]:
    """A name as tokens in written order: plain-ASCII fold, split on anything but letters and
    digits (apostrophes deleted, not split on), titles and placeholders dropped, particles glued.

    ``"Mr. Abd al-Rahman O'Neil"`` → ``("ABDULRAHMAN", "ONEIL")``.
    """
    if not value:
        return ()
    folded = fold_ascii(value).replace("'", "").replace("`", "")
    raw = [t for t in _SPLIT.split(folded) if t]
    kept = [t for t in raw if t not in _NOT_NAMES]
    return tuple(kept) if PARTICLES.isdisjoint(kept) else tuple(glue_particles(kept))


@lru_cache(maxsize=400_000)
def comparable(token: str) -> str:
    """One token in the form used for keys and similarity: double letters collapsed
    (``MOHAMMED`` → ``MOHAMED``, ``MUELLER`` → ``MUELER``)."""
    return _DOUBLE.sub(r"\1", token)


@lru_cache(maxsize=400_000)
def fold_digraphs(token: str) -> str:
    """A comparable token with the ICAO 9303 digraphs folded (AE→A, OE→O, UE→U, AA→A), so that
    the MRZ form meets the plain one: ``MUELER`` and ``MULER`` → ``MULER``. Lossy (SAEED →
    SAED), so it is a comparison of its own, never the token's only form."""
    t = token
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    return _DOUBLE.sub(r"\1", t)


def name_orders(surname: tuple[str, ...], given: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The two reading orders of a structured name: given-first and surname-first."""
    a = given + surname
    b = surname + given
    return (a,) if a == b else (a, b)
