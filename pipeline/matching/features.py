"""Explainable comparison features: one function per kind of evidence.

Each feature returns a ``FeatureScore``: ``score`` and ``detail``, a short analyst-readable
phrase (never a document number). The name feature scores 0..1 (how alike the names are);
the qualifiers score −1..1: +1 strong agreement, 0 no evidence (missing on one side),
−1 clear conflict. ``scoring.WEIGHTS`` says how much each one moves the final score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import OSA, Indel, JaroWinkler

from pipeline.matching.keys import PreparedName, Token
from pipeline.normalise.countries import country_alpha3
from pipeline.normalise.dates import PartialDob
from pipeline.normalise.documents import MIN_DOCUMENT_KEY, document_forms, document_key

try:  # the token alignment's score in C (pipeline/matching/_align.c); same results, optional
    from pipeline.matching import _align as _speedups
except ImportError:  # pragma: no cover - built by pip install when a C compiler is present
    _speedups = None

# How much each token counts in the name score, by role; one-sided tokens count less.
ROLE_WEIGHT = {"surname": 1.3, "given": 1.0, "unknown": 1.0}
EXTRA_TRAVELLER_TOKEN = 0.35  # a token only the traveller has (longer passport name)
EXTRA_LISTED_TOKEN = 0.2  # a token only the list has (dropped middle name)
MERGED_MIN = 0.92  # whole-name similarity (blanks removed) from which merged/split tokens are assumed
MERGED_FACTOR = 0.97  # what a merged/split comparison keeps of that similarity
LETTERS_PER_EDIT = 5  # spelling variants differ by one edit per this many letters of the shorter token (at least 1)


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """A feature's value and the phrase that explains it."""

    score: float
    detail: str


PAIR_CACHE_SIZE = 1_000_000
"""Token pairs remembered per process (a worker meets the same spellings again and again)."""
_PAIRS: dict[tuple[str, str], tuple[float, str | None]] = {}


def token_similarity(a: Token, b: Token) -> tuple[float, str | None]:
    """Similarity of two name tokens, 0..1, with a note when they are not written the same.

    Equal comparable forms 1.0; equal up to ICAO digraphs 0.98 (MUELLER≈MULLER, so the MRZ
    form meets MÜLLER); known transliteration spellings 0.96 (``MUHAMMAD≈MOHAMMED``); nickname
    0.9 (``BILL~WILLIAM nickname``); initial 0.85; equal
    after dropping a particle (AL-, ABU, VAN…) 0.93; truncation (one a prefix of the other, 4+
    letters) 0.9; short form (one the end of the other, TOPE/TEMITOPE) 0.85; equal phonetic key
    0.9; else Jaro-Winkler, damped (cubed) below 0.85. Sounding alike or a Jaro-Winkler of 0.85
    and more count only for tokens a few edits apart (``few_edits``): RENEE/GRENIER, BOYER/BARRY
    and ABDULLAH/ABDULAZIZ are different names, not spellings of one, and score as unlike tokens
    do (at most 0.85 cubed). Remembered per pair of written forms.
    """
    key = (a.text, b.text)
    found = _PAIRS.get(key)
    if found is None:
        if len(_PAIRS) >= PAIR_CACHE_SIZE:
            _PAIRS.clear()
        found = _PAIRS[key] = _token_pair(a, b)
    return found


def _token_pair(a: Token, b: Token) -> tuple[float, str | None]:
    if a.comp == b.comp:
        return 1.0, None
    if a.root == b.root:
        if "nickname" in (a.relation, b.relation):
            return 0.9, f"{a.text}~{b.text} nickname"
        return 0.96, f"{a.text}≈{b.text}"
    if len(a.comp) == 1 or len(b.comp) == 1:
        if a.comp[0] == b.comp[0]:
            return 0.85, f"{min(a.text, b.text, key=len)} initial"
        return 0.0, None
    if a.folded == b.folded:
        return 0.98, f"{a.text}≈{b.text}"
    if a.stripped == b.stripped:
        return 0.93, f"{a.text}≈{b.text} particle"
    short, long_ = (a.comp, b.comp) if len(a.comp) <= len(b.comp) else (b.comp, a.comp)
    if len(short) >= 4 and long_.startswith(short):
        return 0.9, f"{a.text}≈{b.text} truncated"
    if len(short) >= 4 and len(long_) >= len(short) + 3 and long_.endswith(short):
        return 0.85, f"{a.text}~{b.text} short form"
    jw = max(JaroWinkler.normalized_similarity(a.comp, b.comp), JaroWinkler.normalized_similarity(a.text, b.text))
    sounds_alike = len(short) >= 3 and a.phon == b.phon
    if (sounds_alike or jw >= 0.85) and not few_edits(a.folded, b.folded):
        return min(jw, 0.85) ** 3, None
    if sounds_alike:
        jw = max(jw, 0.9)
    if jw < 0.85:
        return jw**3, None
    return jw, f"{a.text}~{b.text}"


def few_edits(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` (ICAO-folded tokens) are at most one edit per
    ``LETTERS_PER_EDIT`` letters of the shorter one apart (at least one edit), counting
    insertions, deletions, substitutions and swaps of neighbours (optimal string alignment):
    TEHA/TAHA, MOHAMMED/MOHAMED, ALEKSANDR/ALEXANDR are; RENEE/GRENIER and JANET/ANNETTE
    (3 edits, 5 letters) are not."""
    limit = max(1, -(-min(len(a), len(b)) // LETTERS_PER_EDIT))
    return OSA.distance(a, b, score_cutoff=limit) <= limit


class _Alignment(NamedTuple):
    """Token pairs chosen by ``_align`` and what is left over on each side."""

    score: float
    matched: list[tuple[int, int, str | None]]
    left_traveller: list[Token]
    left_listed: list[Token]
    swapped: bool


def _align(trav: PreparedName, listed: PreparedName) -> _Alignment:
    """Greedy one-to-one token alignment, best pairs first (ties in written order)."""
    tt, lt = trav.tokens, listed.tokens
    ranked = []
    for i, a in enumerate(tt):
        for j, b in enumerate(lt):
            s, note = token_similarity(a, b)
            if s >= 0.5:
                ranked.append((-s, i, j, note))
    ranked.sort()
    used_t = used_l = 0
    num = den = 0.0
    matched: list[tuple[int, int, str | None]] = []
    swapped = False
    for neg, i, j, note in ranked:
        if used_t >> i & 1 or used_l >> j & 1:
            continue
        used_t |= 1 << i
        used_l |= 1 << j
        a, b = tt[i], lt[j]
        w = ROLE_WEIGHT[a.role if a.role != "unknown" else b.role]
        num -= w * neg
        den += w
        matched.append((i, j, note))
        if neg <= -0.8 and a.role != b.role and a.role != "unknown" and b.role != "unknown":
            swapped = True
    left_t = [a for i, a in enumerate(tt) if not used_t >> i & 1]
    left_l = [b for j, b in enumerate(lt) if not used_l >> j & 1]
    differ = min(len(left_t), len(left_l))  # tokens on both sides that match nothing: a conflict
    for k, a in enumerate(left_t):
        den += ROLE_WEIGHT[a.role] * (1.0 if k < differ else EXTRA_TRAVELLER_TOKEN)
    for b in left_l[differ:]:
        den += ROLE_WEIGHT[b.role] * EXTRA_LISTED_TOKEN
    if not swapped and len(matched) > 1 and not (trav.structured and listed.structured):
        order = [j for _, j, _ in sorted(matched)]
        swapped = any(x > y for x, y in zip(order, order[1:]))
    return _Alignment(num / den if den else 0.0, matched, left_t, left_l, swapped)


def _merged(trav: PreparedName, listed: PreparedName, aligned: float) -> float | None:
    """The blank-free comparison's score when tokens are merged or split and it beats ``aligned``."""
    if len(trav.tokens) != len(listed.tokens):
        merged = Indel.normalized_similarity(trav.compact, listed.compact)
        if merged >= MERGED_MIN and merged * MERGED_FACTOR > aligned:
            return merged * MERGED_FACTOR
    return None


def name_score(trav: PreparedName, listed: PreparedName) -> float:
    """``name_similarity(trav, listed).score`` without composing its explanation (the
    alignment in C when the extension is built)."""
    if not trav.tokens or not listed.tokens:
        return 0.0
    aligned = None
    if _speedups is not None:
        aligned = _speedups.align_score(trav.tokens, listed.tokens, ROLE_WEIGHT, EXTRA_TRAVELLER_TOKEN,
                                        EXTRA_LISTED_TOKEN)
    if aligned is None:
        aligned = _align(trav, listed).score
    merged = _merged(trav, listed, aligned)
    return aligned if merged is None else merged


def name_similarity(trav: PreparedName, listed: PreparedName) -> FeatureScore:
    """How alike two names are, 0..1, aligning tokens whatever their order.

    Each traveller token is paired with at most one listed token (best pairs first, see
    ``token_similarity``); surname tokens weigh 1.3, given names 1.0. Tokens left unpaired on
    both sides are a conflict and count in full against; beyond those, a token only the
    traveller has counts 0.35 against, one only the list 0.2 (a dropped middle name costs
    little). Names written with merged or split tokens (SE JOON / SEJOON) are also
    compared as one string. The detail lists the spelling differences and "order swapped"
    when surname and given names trade places.
    """
    if not trav.tokens or not listed.tokens:
        return FeatureScore(0.0, "no name to compare")
    al = _align(trav, listed)
    merged = _merged(trav, listed, al.score)
    if merged is not None:
        score, notes = merged, ["tokens merged or split"]
    else:
        score = al.score
        notes = [note for _, _, note in al.matched if note]
        notes += [f"{a.text} not on list" for a in al.left_traveller]
        notes += [f"{b.text} not on traveller" for b in al.left_listed]
        if al.swapped:
            notes.append("order swapped")
    detail = f"name {score:.2f}" + (f" ({', '.join(notes)})" if notes else "")
    return FeatureScore(score, detail)


def best_name_score(trav: PreparedName, listed: Iterable[PreparedName]) -> float:
    """``best_name_similarity(trav, listed).score`` without composing its explanation."""
    best = 0.0
    for name in listed:
        best = max(best, name_score(trav, name))
        if best >= 1.0:
            break
    return best


def best_name_similarity(trav: PreparedName, listed: Iterable[PreparedName]) -> FeatureScore:
    """The name feature against a listed person: the best over their names and aliases."""
    best = FeatureScore(0.0, "no name to compare")
    for name in listed:
        fs = name_similarity(trav, name)
        if fs.score > best.score:
            best = fs
            if fs.score >= 1.0:
                break
    return best


# date-of-birth scores (``_dob_pair``, ``dob_pair_scores``)
DOB_SAME_DATE = 1.0
DOB_SAME_MONTH = 0.6  # same year and month, the day unknown on one side
DOB_SAME_YEAR = 0.5  # one side year-only or a 01-01 placeholder; also day and month swapped
DOB_MONTH_DIFFERS = -0.2  # same year, months known on both sides (not both full dates)
DOB_DAY_DIFFERS = -0.4  # both full dates, same year and month
DOB_MONTH_AND_DAY_DIFFER = -0.7  # both full dates, same year
DOB_SAME_BIRTHDAY_YEAR_APART = 0.2  # the best a year's difference can score
DOB_YEAR_APART = 0.05
DOB_YEAR_APART_BOTH_FULL = -0.5
DOB_TWO_OR_THREE_YEARS = -0.7
DOB_FURTHER = -1.0


def _dob_pair(t: PartialDob, l_: PartialDob) -> FeatureScore:
    dy = abs(t.year - l_.year)
    if t.precise and l_.precise:
        if (t.month, t.day) == (l_.month, l_.day) and dy == 0:
            return FeatureScore(DOB_SAME_DATE, f"born {t.year}-{t.month:02d}-{t.day:02d} on both")
        if dy == 0 and (t.month, t.day) == (l_.day, l_.month):
            return FeatureScore(DOB_SAME_YEAR, f"born {t.year} on both, day and month swapped")
        if dy == 0:
            return (FeatureScore(DOB_DAY_DIFFERS, f"born {t.year} on both, day differs") if t.month == l_.month
                    else FeatureScore(DOB_MONTH_AND_DAY_DIFFER, f"born {t.year} on both, month and day differ"))
        if (t.month, t.day) == (l_.month, l_.day) and dy == 1:
            return FeatureScore(DOB_SAME_BIRTHDAY_YEAR_APART, f"same birthday, year {t.year} vs {l_.year}")
        if dy == 1:
            return FeatureScore(DOB_YEAR_APART_BOTH_FULL,
                                f"born {t.year}-{t.month:02d}-{t.day:02d} vs {l_.year}-{l_.month:02d}-{l_.day:02d}")
    elif t.month and l_.month and not t.placeholder and not l_.placeholder and dy == 0:
        same = t.month == l_.month
        return FeatureScore(DOB_SAME_MONTH if same else DOB_MONTH_DIFFERS, f"born {t.year}-{t.month:02d} on both"
                            if same else f"born {t.year} on both, month differs")
    if dy == 0:
        return FeatureScore(DOB_SAME_YEAR, f"born {t.year} on both")
    if dy == 1:
        return FeatureScore(DOB_YEAR_APART, f"born {t.year} vs {l_.year}")
    return FeatureScore(_dob_far(dy), f"born {t.year} vs {l_.year}")


def _dob_far(years_apart: int) -> float:
    """The date-of-birth score of any two dates two or more years apart."""
    return DOB_TWO_OR_THREE_YEARS if years_apart <= 3 else DOB_FURTHER


def dob_pair_scores(t: PartialDob, years_apart: int, months: np.ndarray, days: np.ndarray) -> np.ndarray:
    """``_dob_pair`` of ``t`` against many listed dates ``years_apart`` years from it at once:
    their ``months`` and ``days`` (int arrays, 0 for unknown; 1 January is a placeholder), as
    float64. The same rules as ``_dob_pair`` (tests/test_qualifier_bounds.py checks every date)."""
    if years_apart >= 2:
        return np.full(months.size, _dob_far(years_apart))
    listed_placeholder = (months == 1) & (days == 1)
    both_full = t.precise & (months > 0) & (days > 0) & ~listed_placeholder
    same_date = (months == t.month) & (days == t.day)
    if years_apart == 1:
        return np.where(both_full, np.where(same_date, DOB_SAME_BIRTHDAY_YEAR_APART, DOB_YEAR_APART_BOTH_FULL),
                        DOB_YEAR_APART)
    full = np.where(same_date, DOB_SAME_DATE,
                    np.where((months == t.day) & (days == t.month), DOB_SAME_YEAR,
                             np.where(months == t.month, DOB_DAY_DIFFERS, DOB_MONTH_AND_DAY_DIFFER)))
    scores = np.full(months.size, DOB_SAME_YEAR)
    if t.month and not t.placeholder:
        both_months = (months > 0) & ~listed_placeholder
        scores[both_months] = np.where(months[both_months] == t.month, DOB_SAME_MONTH, DOB_MONTH_DIFFERS)
    return np.where(both_full, full, scores)


def dob_bound(years_apart: int) -> float:
    """The highest date-of-birth score two dates ``years_apart`` or more years apart can get
    (``_dob_pair``): what lets the index leave out people born too far from a traveller."""
    if years_apart <= 0:
        return DOB_SAME_DATE
    if years_apart == 1:
        return DOB_SAME_BIRTHDAY_YEAR_APART
    return _dob_far(years_apart)


def dob_agreement(traveller: PartialDob | None, listed: tuple[PartialDob, ...]) -> FeatureScore:
    """Date of birth, −1..1, against the list's set of dates (any one may be the right one);
    both sides parsed by ``pipeline.normalise.dates.parse_dob`` / ``parse_dobs``.

    Compared at the precision both sides have: the same full date 1.0; same year and month 0.6;
    same year (one side year-only, or a 01-01 placeholder) 0.5; day and month swapped 0.5; same
    birthday one year apart 0.2; one year apart 0.05 (−0.5 when both full dates are known); two
    or three years apart −0.7; further −1. Both full dates known, same year: another day −0.4,
    another month −0.7. Missing or unreadable on either side: 0 (no evidence, never a conflict).
    """
    if traveller is None or not listed:
        return FeatureScore(0.0, "date of birth missing on one side")
    if len(listed) == 1:
        return _dob_pair(traveller, listed[0])
    return max((_dob_pair(traveller, l_) for l_ in listed), key=_score)


def _score(f: FeatureScore) -> float:
    return f.score


def country_set(values: Iterable[str | None]) -> frozenset[str]:
    """Countries (nationalities, document issuers; ICAO, alpha-2 or alpha-3) as alpha-3 codes."""
    return frozenset(c for c in (country_alpha3(v) for v in values) if c)


def nationality_agreement(traveller: frozenset[str], listed: frozenset[str]) -> FeatureScore:
    """Nationality, −1..1, between two ``country_set``s (nationalities and document issuers):
    any shared country 1; none shared −1; missing on one side 0."""
    if not traveller or not listed:
        return FeatureScore(0.0, "nationality missing on one side")
    shared = traveller & listed
    if shared:
        return FeatureScore(1.0, f"nationality {min(shared)} on both")
    return FeatureScore(-1.0, f"nationality {'/'.join(sorted(traveller))} vs {'/'.join(sorted(listed))}")


def gender_code(value: str | None) -> str | None:
    """``M`` or ``F`` (from any spelling starting with them), else None (U, X, missing)."""
    g = (value or "").strip().upper()[:1]
    return g if g in ("M", "F") else None


def gender_agreement(traveller: str | None, listed: str | None) -> FeatureScore:
    """Gender, −1..1, between two ``gender_code``s: the same 1; M vs F −1; unknown 0."""
    if traveller is None or listed is None:
        return FeatureScore(0.0, "gender missing on one side")
    if traveller == listed:
        return FeatureScore(1.0, "gender agrees")
    return FeatureScore(-1.0, "gender differs")


_DOC_NAMES = {"P": "passport", "PP": "passport", "PT": "passport", "I": "identity card", "ID": "identity card",
              "V": "visa", "C": "identity card", "A": "identity card"}


class PreparedDocument(NamedTuple):
    """A document ready for comparison: its kind in words, the number as letters and digits
    (``key``), the OCR-folded forms it may also be read as, and the issuer as alpha-3."""

    kind: str
    key: str
    forms: frozenset[str]
    country: str | None


def prepare_documents(documents: Iterable[tuple[str | None, str | None, str | None]]) -> tuple[PreparedDocument, ...]:
    """``(type, number, issuing country)`` triples → ``PreparedDocument``s of the numbers long
    enough to compare (``MIN_DOCUMENT_KEY``)."""
    out = []
    for doc_type, number, country in documents:
        key = document_key(number)
        if len(key) >= MIN_DOCUMENT_KEY:
            out.append(PreparedDocument(_DOC_NAMES.get((doc_type or "").upper(), "document"), key,
                                        document_forms(key), country_alpha3(country)))
    return tuple(out)


def document_agreement(traveller: tuple[PreparedDocument, ...], listed: tuple[PreparedDocument, ...]) -> FeatureScore:
    """Document numbers, −1..1, between two sides' ``prepare_documents``.

    The same number (letters and digits only) 1.0; the same up to OCR/keying confusions
    (O/0, I/1, S/5, B/8, Z/2), leading zeros, a check digit or TD1 truncation (their
    ``document_forms`` meet) 0.8; both sides
    have numbers and none agree −1 ("passport differs"); missing on one side 0. The detail
    never shows the number.
    """
    if not traveller or not listed:
        return FeatureScore(0.0, "document missing on one side")
    best = FeatureScore(-1.0, f"{traveller[0].kind} differs")
    for t in traveller:
        for l_ in listed:
            if t.key == l_.key:
                issuer = " and issuer" if t.country and t.country == l_.country else ""
                return FeatureScore(1.0, f"{t.kind} number{issuer} match")
            if best.score < 0.8 and t.forms & l_.forms:
                best = FeatureScore(0.8, f"{t.kind} number matches up to OCR/check-digit differences")
    return best
