"""Explainable comparison features: one function per kind of evidence.

Each feature returns a ``FeatureScore``: ``score`` and ``detail``, a short analyst-readable
phrase (never a document number). The name feature scores 0..1 (how alike the names are);
the qualifiers score −1..1: +1 strong agreement, 0 no evidence (missing on one side),
−1 clear conflict. ``scoring.WEIGHTS`` says how much each one moves the final score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler

from pipeline.matching.keys import PreparedName, Token, name_token, phonetic_key
from pipeline.normalise.countries import country_alpha3
from pipeline.normalise.dates import PartialDob, parse_dob, parse_dobs
from pipeline.normalise.documents import document_key, ocr_key, without_check_digit
from pipeline.normalise.name_forms import fold_digraphs, strip_particles

# How much each token counts in the name score, by role; one-sided tokens count less.
ROLE_WEIGHT = {"surname": 1.3, "given": 1.0, "unknown": 1.0}
EXTRA_TRAVELLER_TOKEN = 0.35  # a token only the traveller has (longer passport name)
EXTRA_LISTED_TOKEN = 0.2  # a token only the list has (dropped middle name)
MERGED_MIN = 0.92  # whole-name similarity (blanks removed) from which merged/split tokens are assumed


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """A feature's value and the phrase that explains it."""

    score: float
    detail: str


def token_similarity(a: Token, b: Token) -> tuple[float, str | None]:
    """Similarity of two name tokens, 0..1, with a note when they are not written the same.

    Equal comparable forms 1.0; equal up to ICAO digraphs 0.98 (MUELLER≈MULLER, so the MRZ
    form meets MÜLLER); known transliteration spellings 0.96 (``MUHAMMAD≈MOHAMMED``); nickname
    0.9 (``BILL~WILLIAM nickname``); initial 0.85; equal
    after dropping a particle (AL-, ABU, VAN…) 0.93; truncation (one a prefix of the other, 4+
    letters) 0.9; short form (one the end of the other, TOPE/TEMITOPE) 0.85; equal phonetic key
    0.9; else Jaro-Winkler, damped below 0.85.
    """
    return _text_similarity(a.text, b.text)


@lru_cache(maxsize=1_000_000)
def _text_similarity(a_text: str, b_text: str) -> tuple[float, str | None]:
    a = name_token(a_text, "unknown")
    b = name_token(b_text, "unknown")
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
    if fold_digraphs(a.comp) == fold_digraphs(b.comp):
        return 0.98, f"{a.text}≈{b.text}"
    if strip_particles(a.comp) == strip_particles(b.comp):
        return 0.93, f"{a.text}≈{b.text} particle"
    short, long_ = sorted((a.comp, b.comp), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return 0.9, f"{a.text}≈{b.text} truncated"
    if len(short) >= 4 and len(long_) >= len(short) + 3 and long_.endswith(short):
        return 0.85, f"{a.text}~{b.text} short form"
    jw = max(JaroWinkler.normalized_similarity(a.comp, b.comp), JaroWinkler.normalized_similarity(a.text, b.text))
    if len(short) >= 3 and phonetic_key(a.comp) == phonetic_key(b.comp):
        jw = max(jw, 0.9)
    if jw < 0.85:
        return jw**3, None
    return jw, f"{a.text}~{b.text}"


def _aligned(trav: PreparedName, listed: PreparedName) -> tuple[float, list[str], bool]:
    """Greedy one-to-one token alignment: (score, notes, order differs)."""
    tt, lt = trav.tokens, listed.tokens
    pairs = []
    for i, a in enumerate(tt):
        for j, b in enumerate(lt):
            s, note = _text_similarity(a.text, b.text)
            if s >= 0.5:
                pairs.append((s, i, j, note))
    pairs.sort(key=_first, reverse=True)
    used_t = used_l = 0
    num = den = 0.0
    notes: list[str] = []
    matched: list[tuple[int, int]] = []
    swapped = False
    for s, i, j, note in pairs:
        if used_t >> i & 1 or used_l >> j & 1:
            continue
        used_t |= 1 << i
        used_l |= 1 << j
        a, b = tt[i], lt[j]
        w = ROLE_WEIGHT[a.role if a.role != "unknown" else b.role]
        num += w * s
        den += w
        matched.append((i, j))
        if note:
            notes.append(note)
        if s >= 0.8 and a.role != b.role and "unknown" not in (a.role, b.role):
            swapped = True
    left_t = [a for i, a in enumerate(tt) if not used_t >> i & 1]
    left_l = [b for j, b in enumerate(lt) if not used_l >> j & 1]
    differ = min(len(left_t), len(left_l))  # tokens on both sides that match nothing: a conflict
    for k, a in enumerate(left_t):
        den += ROLE_WEIGHT[a.role] * (1.0 if k < differ else EXTRA_TRAVELLER_TOKEN)
        notes.append(f"{a.text} not on list")
    for b in left_l[differ:]:
        den += ROLE_WEIGHT[b.role] * EXTRA_LISTED_TOKEN
    for b in left_l:
        notes.append(f"{b.text} not on traveller")
    if not swapped and len(matched) > 1 and not (trav.structured and listed.structured):
        order = [j for _, j in sorted(matched)]
        swapped = any(x > y for x, y in zip(order, order[1:]))
    return (num / den if den else 0.0), notes, swapped


def _first(pair: tuple[float, int, int, str | None]) -> float:
    return pair[0]


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
    score, notes, swapped = _aligned(trav, listed)
    if len(trav.tokens) != len(listed.tokens):
        merged = Indel.normalized_similarity(trav.compact, listed.compact)
        if merged >= MERGED_MIN and merged * 0.97 > score:
            score, notes, swapped = merged * 0.97, ["tokens merged or split"], False
    if swapped:
        notes.append("order swapped")
    detail = f"name {score:.2f}" + (f" ({', '.join(notes)})" if notes else "")
    return FeatureScore(score, detail)


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


def _dob_pair(t: PartialDob, l_: PartialDob) -> FeatureScore:
    dy = abs(t.year - l_.year)
    if t.precise and l_.precise:
        if (t.month, t.day) == (l_.month, l_.day) and dy == 0:
            return FeatureScore(1.0, f"born {t.year}-{t.month:02d}-{t.day:02d} on both")
        if dy == 0 and (t.month, t.day) == (l_.day, l_.month):
            return FeatureScore(0.5, f"born {t.year} on both, day and month swapped")
        if dy == 0:
            return FeatureScore(-0.4 if t.month == l_.month else -0.7, f"born {t.year} on both, day differs"
                                if t.month == l_.month else f"born {t.year} on both, month and day differ")
        if (t.month, t.day) == (l_.month, l_.day) and dy == 1:
            return FeatureScore(0.2, f"same birthday, year {t.year} vs {l_.year}")
        if dy == 1:
            return FeatureScore(-0.5, f"born {t.year}-{t.month:02d}-{t.day:02d} vs {l_.year}-{l_.month:02d}-{l_.day:02d}")
    elif t.month and l_.month and not t.placeholder and not l_.placeholder and dy == 0:
        same = t.month == l_.month
        return FeatureScore(0.6 if same else -0.2, f"born {t.year}-{t.month:02d} on both" if same
                            else f"born {t.year} on both, month differs")
    if dy == 0:
        return FeatureScore(0.5, f"born {t.year} on both")
    if dy == 1:
        return FeatureScore(0.05, f"born {t.year} vs {l_.year}")
    if dy <= 3:
        return FeatureScore(-0.7, f"born {t.year} vs {l_.year}")
    return FeatureScore(-1.0, f"born {t.year} vs {l_.year}")


def dob_agreement(traveller_dob: str | None, listed_dobs: tuple[str, ...]) -> FeatureScore:
    """Date of birth, −1..1, against the list's set of dates (any one may be the right one).

    Compared at the precision both sides have: the same full date 1.0; same year and month 0.6;
    same year (one side year-only, or a 01-01 placeholder) 0.5; day and month swapped 0.5; same
    birthday one year apart 0.2; one year apart 0.05 (−0.5 when both full dates are known); two
    or three years apart −0.7; further −1. Both full dates known, same year: another day −0.4,
    another month −0.7. Missing or unreadable on either side: 0 (no evidence, never a conflict).
    """
    t = parse_dob(traveller_dob)
    listed = parse_dobs(tuple(listed_dobs))
    if t is None or not listed:
        return FeatureScore(0.0, "date of birth missing on one side")
    return max((_dob_pair(t, l_) for l_ in listed), key=lambda f: f.score)


def _countries(values: Iterable[str | None]) -> set[str]:
    return {c for c in (country_alpha3(v) for v in values) if c}


def nationality_agreement(traveller: Iterable[str | None], listed: Iterable[str | None]) -> FeatureScore:
    """Nationality, −1..1: any shared country (nationality or document issuer, ICAO/alpha-2/alpha-3
    alike) 1; none shared −1; missing on one side 0."""
    t, l_ = _countries(traveller), _countries(listed)
    if not t or not l_:
        return FeatureScore(0.0, "nationality missing on one side")
    shared = t & l_
    if shared:
        return FeatureScore(1.0, f"nationality {min(shared)} on both")
    return FeatureScore(-1.0, f"nationality {'/'.join(sorted(t))} vs {'/'.join(sorted(l_))}")


def _gender(value: str | None) -> str | None:
    g = (value or "").strip().upper()[:1]
    return g if g in ("M", "F") else None


def gender_agreement(traveller: str | None, listed: str | None) -> FeatureScore:
    """Gender, −1..1: both M or both F 1; M vs F −1; unknown (U, X, missing) 0."""
    t, l_ = _gender(traveller), _gender(listed)
    if t is None or l_ is None:
        return FeatureScore(0.0, "gender missing on one side")
    if t == l_:
        return FeatureScore(1.0, "gender agrees")
    return FeatureScore(-1.0, "gender differs")


_DOC_NAMES = {"P": "passport", "PP": "passport", "PT": "passport", "I": "identity card", "ID": "identity card",
              "V": "visa", "C": "identity card", "A": "identity card"}


def _doc_name(doc_type: str | None) -> str:
    return _DOC_NAMES.get((doc_type or "").upper(), "document")


@lru_cache(maxsize=100_000)
def _doc_forms(number: str | None) -> tuple[str, frozenset[str]]:
    key = document_key(number)
    forms = {ocr_key(key)}
    body = without_check_digit(key)
    if body:
        forms.add(ocr_key(body))
    if len(key) > 9:
        forms.add(ocr_key(key[:9]))  # TD1 cards carry 9 characters in the number field
    return key, frozenset(forms)


def document_agreement(traveller: Iterable[tuple[str | None, str | None, str | None]],
                       listed: Iterable[tuple[str | None, str | None, str | None]]) -> FeatureScore:
    """Document numbers, −1..1, from ``(type, number, country)`` triples on each side.

    The same number (letters and digits only) 1.0; the same up to OCR/keying confusions
    (O/0, I/1, S/5, B/8, Z/2), leading zeros, a check digit or TD1 truncation 0.8; both sides
    have numbers and none agree −1 ("passport differs"); missing on one side 0. The detail
    never shows the number.
    """
    t_docs = [(ty, *_doc_forms(n), c) for ty, n, c in traveller if document_key(n)]
    l_docs = [(ty, *_doc_forms(n), c) for ty, n, c in listed if document_key(n)]
    if not t_docs or not l_docs:
        return FeatureScore(0.0, "document missing on one side")
    best = FeatureScore(-1.0, f"{_doc_name(t_docs[0][0])} differs")
    for t_type, t_key, t_forms, t_country in t_docs:
        for _l_type, l_key, l_forms, l_country in l_docs:
            if len(t_key) < 5 and len(l_key) < 5:
                continue
            issuer = " and issuer" if t_country and l_country and country_alpha3(t_country) == country_alpha3(
                l_country) else ""
            if t_key == l_key:
                return FeatureScore(1.0, f"{_doc_name(t_type)} number{issuer} match")
            if t_forms & l_forms and best.score < 0.8:
                best = FeatureScore(0.8, f"{_doc_name(t_type)} number matches up to OCR/check-digit differences")
    return best
